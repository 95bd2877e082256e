"""Rituals' schedules in process: the RRULE subset, the next occurrences counted from a pinned build
date, and the iCalendar feeds, parsed with `icalendar` and expanded with `recurring_ical_events`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from competency_hub.cli.settings import hub_options
from competency_hub.load import load_hub
from competency_hub.load.index import HubIndex
from competency_hub.model.recurrence import parse_duration, parse_rrule, parse_time, parse_zone
from competency_hub.render.calendar import calendar_feed, ritual_uid, upcoming
from hub import FIXTURES, copy_story_hub

BUILD = dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)
AMSTERDAM = "Europe/Amsterdam"


@pytest.fixture(scope="module")
def circle(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    root = copy_story_hub(tmp_path_factory.mktemp("calendar"))
    shutil.copytree(FIXTURES / "communities-overlay", root, dirs_exist_ok=True)
    hub, diagnostics = load_hub(hub_options(root))
    assert not diagnostics.errors
    HubIndex.build(hub)
    return hub.communities.entries["support-circle"]


def test_rrule_subset() -> None:
    rule, problem = parse_rrule("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR,1TH;UNTIL=20271231")
    assert problem is None and rule is not None
    assert (rule.freq, rule.interval, rule.byday, rule.until) == ("MONTHLY", 2, ((-1, 4), (1, 3)), dt.date(2027, 12, 31))
    for bad in ("BYDAY=TH", "FREQ=YEARLY", "FREQ=WEEKLY;WKST=MO", "FREQ=WEEKLY;COUNT=0", "FREQ=WEEKLY;UNTIL=2027-12-31",
                "FREQ=MONTHLY;BYDAY=6TH", "FREQ=WEEKLY;INTERVAL=x", "FREQ=WEEKLY;FREQ=WEEKLY"):
        assert parse_rrule(bad)[0] is None and parse_rrule(bad)[1], bad


def test_time_duration_zone() -> None:
    assert parse_time("09:30") == (dt.time(9, 30), None)
    assert parse_time(900)[0] is None and "quote it" in parse_time(900)[1]
    assert parse_duration("PT1H30M") == (dt.timedelta(minutes=90), None)
    assert parse_duration("P1D")[0] is None
    assert parse_zone("Europe/London")[1] is None
    assert parse_zone("Mars/Olympus")[0] is None and parse_zone("../etc/passwd")[0] is None


def test_next_occurrences_from_the_build_date(circle) -> None:  # type: ignore[no-untyped-def]
    found = [(o.ritual.id, o.start.isoformat()) for o in upcoming([circle], BUILD.date(), 3)]
    assert found == [
        ("triage-clinic", "2026-12-03T15:00:00+01:00"),  # 14:00 UTC
        ("demo-day", "2026-12-03T10:00:00-05:00"),  # 15:00 UTC
        ("macro-circle", "2026-12-09T09:30:00+00:00"),
        ("triage-clinic", "2026-12-10T15:00:00+01:00"),
        ("triage-clinic", "2026-12-17T15:00:00+01:00"),
        ("demo-day", "2026-12-18T10:00:00-05:00"),
        ("demo-day", "2027-01-07T10:00:00-05:00"),
        ("macro-circle", "2027-01-13T09:30:00+00:00"),
    ]
    assert upcoming([circle], None, 3) == []  # no build date, no "upcoming"


def feed(circle) -> icalendar.Calendar:  # type: ignore[no-untyped-def]
    data = calendar_feed("Support circle", [circle], stamp=BUILD, site_url="https://learning.example.org/")
    assert data == calendar_feed("Support circle", [circle], stamp=BUILD, site_url="https://learning.example.org/")  # deterministic
    return icalendar.Calendar.from_ical(data)


def test_feed_has_stable_uids_rrules_and_time_zones(circle) -> None:  # type: ignore[no-untyped-def]
    calendar = feed(circle)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {ritual_uid("support-circle", r, "learning.example.org") for r in ("triage-clinic", "demo-day", "macro-circle")}
    assert "triage-clinic.support-circle@learning.example.org" in events
    clinic = events["triage-clinic.support-circle@learning.example.org"]
    assert clinic["DTSTAMP"].dt == BUILD
    assert clinic["DTSTART"].params["TZID"] == AMSTERDAM
    assert clinic["RRULE"]["FREQ"] == ["WEEKLY"] and clinic["RRULE"]["BYDAY"] == ["TH"]
    assert clinic["RRULE"]["UNTIL"][0].tzinfo is not None  # RFC 5545: UTC with a TZID start
    assert clinic["DURATION"].dt == dt.timedelta(minutes=45)
    zones = {str(z["TZID"]) for z in calendar.walk("VTIMEZONE")}
    assert zones == {AMSTERDAM, "America/New_York", "Europe/London"}


def test_feed_expands_to_the_expected_dates(circle) -> None:  # type: ignore[no-untyped-def]
    calendar = feed(circle)
    found: dict[str, list[dt.datetime]] = {}
    for event in recurring_ical_events.of(calendar).between(dt.date(2025, 1, 1), dt.date(2029, 1, 1)):
        found.setdefault(str(event["UID"]).split(".")[0], []).append(event["DTSTART"].dt)
    thursdays = [dt.date(2026, 1, 8) + dt.timedelta(weeks=n) for n in range(200)]
    assert [d.date() for d in sorted(found["triage-clinic"])] == [d for d in thursdays if d <= dt.date(2027, 3, 25)]
    assert len(found["triage-clinic"]) == 64
    assert all(d.hour == 15 and str(d.tzinfo) == AMSTERDAM for d in found["triage-clinic"])
    demo = sorted(d.date() for d in found["demo-day"])
    assert len(demo) == 25 and dt.date(2026, 12, 18) in demo
    assert all(d.weekday() == 3 and d.day <= 7 for d in demo if d != dt.date(2026, 12, 18))
    assert demo[0] == dt.date(2026, 1, 1) and demo[-1] == dt.date(2027, 12, 2)
    assert sorted(d.date() for d in found["macro-circle"]) == [dt.date(2026, 12, 9), dt.date(2027, 1, 13)]
    # Daylight saving time: 15:00 local all year, 14:00 UTC in winter and 13:00 UTC in summer.
    utc_hours = {d.astimezone(dt.timezone.utc).hour for d in found["triage-clinic"]}
    assert utc_hours == {13, 14}


def test_build_moment_is_the_pinned_epoch_else_the_commit_else_today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from competency_hub.clock import build_moment

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")
    assert build_moment(tmp_path) == BUILD
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    moment = build_moment(tmp_path)  # not a Git repository: the start of the day of the build
    assert (moment.hour, moment.minute, moment.second) == (0, 0, 0)
    assert moment.date() in {dt.datetime.now(dt.timezone.utc).date(), (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=1)).date()}
