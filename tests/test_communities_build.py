"""Communities in a real `mkdocs build`: the index, a community page, the capability pages' "Practise
this with others", the upcoming dates for a pinned build date (SOURCE_DATE_EPOCH), and the calendar
feeds, parsed with `icalendar` and expanded with `recurring_ical_events`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
from hub import FIXTURES, BuildResult, broken_links, build, content, copy_story_hub, edit, html_path, page

pytestmark = pytest.mark.build

DECEMBER_1 = "1796083200"
"""2026-12-01T00:00:00Z: the build date the pages count "upcoming" from."""

EXPECTED_UPCOMING = [  # three per ritual from 1 December 2026, soonest first (in UTC)
    ("triage-clinic", "2026-12-03"),
    ("demo-day", "2026-12-03"),
    ("macro-circle", "2026-12-09"),
    ("triage-clinic", "2026-12-10"),
    ("triage-clinic", "2026-12-17"),
    ("demo-day", "2026-12-18"),
    ("demo-day", "2027-01-07"),
    ("macro-circle", "2027-01-13"),
]


def community_build(dest: Path, epoch: str, *, directory_urls: bool = True) -> BuildResult:
    root = copy_story_hub(dest)
    shutil.copytree(FIXTURES / "communities-overlay", root, dirs_exist_ok=True)
    edit(root, "mkdocs.yml", "site_name: Test hub\n", "site_name: Test hub\nsite_url: https://learning.example.org/\n")
    if not directory_urls:
        edit(root, "mkdocs.yml", "site_name: Test hub\n", "site_name: Test hub\nuse_directory_urls: false\n")
    result = build(root, env={"SOURCE_DATE_EPOCH": epoch})
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return community_build(tmp_path_factory.mktemp("communities"), DECEMBER_1).site


def test_index_lists_communities_and_whats_coming(site: Path) -> None:
    soup = page(site, "communities/")
    article = content(soup)
    assert article.h1.get_text(strip=True).startswith("Communities of practice")
    nav = [a.get_text(strip=True) for a in soup.select("nav.md-nav--primary a")]
    assert "Communities" in nav
    entry = article.select_one('[data-hub-community="support-circle"]')
    assert entry is not None and "Sam Okafor" in entry.get_text() and "#support-circle" in entry.get_text()
    assert article.find(id="support-circle") is not None
    upcoming = article.find(id="upcoming").find_next("table")
    first = upcoming.select("tbody tr")[0].get_text(" ", strip=True)
    assert first.startswith("Thursday 3 December 2026, 15:00–15:45 (Europe/Amsterdam)"), first
    assert "Dates as of 1 December 2026" in article.get_text()
    assert article.select_one('a[data-hub-calendar="hub"]')["href"] == "hub.ics"


def test_community_page(site: Path) -> None:
    article = content(page(site, "communities/support-circle/"))
    text = article.get_text(" ", strip=True)
    assert article.h1.get_text(strip=True).startswith("Support circle")
    assert "Sam Okafor (Support lead)" in text and "Lee Chen (Billing specialist)" in text
    meets = article.select_one("a[data-hub-meets]")
    assert meets["href"] == "https://chat.example.org/support-circle" and meets.get_text() == "#support-circle"
    assert "Ask Sam to add you to" in article.find(id="join").find_next("p").get_text()
    assert article.select_one('a[data-hub-calendar="support-circle"]')["href"] == "../support-circle.ics"
    rows = [(a["data-hub-occurrence"], a["data-hub-date"]) for a in article.select("[data-hub-upcoming] a[data-hub-occurrence]")]
    assert rows == EXPECTED_UPCOMING
    clinic = article.select_one('[data-hub-ritual="triage-clinic"]')
    assert article.find(id="ritual-triage-clinic") is not None
    assert "Every week on Thursday, 15:00–15:45 (Europe/Amsterdam), from 8 January 2026 until 25 March 2027" in clinic.get_text(" ")
    agenda = clinic.select_one("details.hub-agenda")
    assert agenda.select("ol li strong")[0].get_text() == "Queue (5 min)."
    assert agenda.select_one("a")["href"] == "../../maps/support/rubric/"
    story = clinic.select_one('a[href="../../stories/weekend-triage-rota/"]')
    assert story is not None and story.get_text() == "A weekend triage rota with a lead on call"
    assert clinic.select_one('a[href="https://wiki.example.org/rota-checklist"]').get_text() == "Rota checklist"
    demo = article.select_one('[data-hub-ritual="demo-day"]').get_text(" ")
    assert "The first Thursday of every month, 10:00–11:00 (America/New_York), from 1 January 2026, 24 times" in demo
    assert "also on 18 December 2026" in demo
    capabilities = [a.get_text() for a in article.find(id="capabilities").find_next("ul").select("a")]
    assert capabilities == ["Written replies", "Ticket triage"], capabilities
    stories = [li["data-hub-story"] for li in article.select("#stories ~ ul [data-hub-story], [data-hub-story-list] [data-hub-story]")]
    assert "weekend-triage-rota" in stories and "draft-secret-plan" not in stories
    assert broken_links(site, [html_path(site, "communities/support-circle/"), html_path(site, "communities/")]) == []


def test_capability_pages_say_where_to_practise(site: Path) -> None:
    triage = content(page(site, "maps/support/triage/"))
    section = triage.select_one('[data-hub-practise="support/triage"]')
    assert triage.find(id="practise") is not None and section is not None
    assert [a["data-hub-community"] for a in section.select("a[data-hub-community]")] == ["support-circle"]
    nexts = [(a["data-hub-next-ritual"], a["data-hub-date"]) for a in section.select("a[data-hub-next-ritual]")]
    assert nexts == [("support-circle/triage-clinic", "2026-12-03")]
    assert section.select_one("a[data-hub-next-ritual]")["href"] == "../../../communities/support-circle/#ritual-triage-clinic"
    replies = content(page(site, "maps/support/replies/")).select_one('[data-hub-practise="support/replies"]')
    nexts = [(a["data-hub-next-ritual"], a["data-hub-date"]) for a in replies.select("a[data-hub-next-ritual]")]
    assert nexts == [("support-circle/demo-day", "2026-12-03"), ("support-circle/macro-circle", "2026-12-09")]
    refunds = content(page(site, "maps/billing/refunds/")).select_one('[data-hub-practise="billing/refunds"]')
    assert refunds is not None and not refunds.select("a[data-hub-next-ritual]")  # the map, no ritual


def expanded(path: Path) -> dict[str, list[dt.datetime]]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found: dict[str, list[dt.datetime]] = {}
    for event in recurring_ical_events.of(calendar).between(dt.date(2026, 12, 1), dt.date(2027, 2, 1)):
        found.setdefault(str(event["UID"]), []).append(event["DTSTART"].dt)
    return found


def test_calendar_feeds_expand_to_the_pages_dates(site: Path) -> None:
    feed = expanded(site / "communities" / "support-circle.ics")
    assert set(feed) == {f"{r}.support-circle@learning.example.org" for r in ("triage-clinic", "demo-day", "macro-circle")}
    clinic = sorted(d.date().isoformat() for d in feed["triage-clinic.support-circle@learning.example.org"])
    assert clinic[:3] == ["2026-12-03", "2026-12-10", "2026-12-17"] and len(clinic) == 9  # Thursdays to 28 January 2027
    demo = sorted(d.date().isoformat() for d in feed["demo-day.support-circle@learning.example.org"])
    assert demo == ["2026-12-03", "2026-12-18", "2027-01-07"]
    assert expanded(site / "communities" / "hub.ics") == feed
    calendar = icalendar.Calendar.from_ical((site / "communities" / "hub.ics").read_bytes())
    stamps = {e["DTSTAMP"].dt for e in calendar.walk("VEVENT")}
    assert stamps == {dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc)}
    url = next(e for e in calendar.walk("VEVENT") if "triage-clinic" in str(e["UID"]))["URL"]
    assert str(url) == "https://learning.example.org/communities/support-circle/"


def test_a_later_build_date_moves_upcoming_and_keeps_the_feed(tmp_path: Path, site: Path) -> None:
    later = community_build(tmp_path, str(int(dt.datetime(2027, 1, 10, tzinfo=dt.timezone.utc).timestamp()))).site
    article = content(page(later, "communities/support-circle/"))
    rows = [(a["data-hub-occurrence"], a["data-hub-date"]) for a in article.select("[data-hub-upcoming] a[data-hub-occurrence]")]
    assert rows[0] == ("macro-circle", "2027-01-13") and ("macro-circle", "2026-12-09") not in rows
    assert ("macro-circle", "2027-01-13") in rows and sum(1 for r in rows if r[0] == "macro-circle") == 1
    old = icalendar.Calendar.from_ical((site / "communities" / "support-circle.ics").read_bytes())
    new = icalendar.Calendar.from_ical((later / "communities" / "support-circle.ics").read_bytes())
    assert [str(e["UID"]) for e in old.walk("VEVENT")] == [str(e["UID"]) for e in new.walk("VEVENT")]


def test_html_addresses(tmp_path: Path) -> None:
    site = community_build(tmp_path, DECEMBER_1, directory_urls=False).site
    article = content(page(site, "communities/support-circle.html"))
    assert article.select_one('a[data-hub-calendar="support-circle"]')["href"] == "support-circle.ics"
    assert (site / "communities" / "index.html").is_file() and (site / "communities" / "hub.ics").is_file()
    assert broken_links(site, [site / "communities" / "support-circle.html", site / "maps" / "support" / "triage.html"]) == []
