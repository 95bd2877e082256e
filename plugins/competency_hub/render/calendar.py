"""When rituals happen: their occurrences after the build date, and the iCalendar feeds people subscribe to.

Pure: the day to count from is the build's (RenderOptions.build_moment, from clock.py), never the
wall clock, so a commit always builds the same pages and the same feeds. The schedule was checked
by validate/communities.py; a schedule that still fails to parse here has no occurrences.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

import icalendar

from ..load.communities import CommunityEntry
from ..model.community import Ritual
from ..model.recurrence import WEEKDAYS, Timing, next_starts, timing

PRODID = "-//competency-hub//communities//EN"
UID_DOMAIN = "competency-hub.invalid"
"""The right-hand side of UIDs when the site has no `site_url` (reserved: no one owns it)."""


@dataclass(frozen=True)
class Occurrence:
    """One occurrence of a ritual, for pages."""

    community: CommunityEntry
    ritual: Ritual
    start: datetime.datetime
    """Local, aware start."""
    end: datetime.datetime


def upcoming(entries: list[CommunityEntry], after: datetime.date | None, per_ritual: int, capability: str | None = None) -> list[Occurrence]:
    """The next occurrences of these communities' rituals (those practising `capability` when given), soonest first."""
    if after is None:
        return []
    found: list[Occurrence] = []
    for entry in entries:
        for ritual in entry.model.rituals:
            if capability is not None and capability not in ritual.capabilities:
                continue
            found_timing = timing(ritual)
            if found_timing is None:
                continue
            for start in next_starts(ritual, after, per_ritual):
                found.append(Occurrence(entry, ritual, start, start + found_timing.duration))
    return sorted(found, key=lambda o: (o.start.astimezone(datetime.timezone.utc), o.community.id, o.ritual.id))


def uid_domain(site_url: str | None) -> str:
    """The host of the site, which makes the UIDs this hub's own."""
    host = urlsplit(site_url or "").hostname
    return host or UID_DOMAIN


def ritual_uid(community_id: str, ritual_id: str, domain: str) -> str:
    """The stable UID of a ritual's event: from the ids, so a calendar updates the event it has."""
    return f"{ritual_id}.{community_id}@{domain}"


def _event(entry: CommunityEntry, ritual: Ritual, found: Timing, stamp: datetime.datetime, domain: str, url: str | None) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", ritual_uid(entry.id, ritual.id, domain))
    event.add("dtstamp", stamp)
    event.add("summary", f"{ritual.title} ({entry.model.title})")
    event.add("dtstart", datetime.datetime.combine(found.start, found.time, tzinfo=found.zone))
    event.add("duration", found.duration)
    recurrence = found.recurrence
    if recurrence is not None:
        rule: dict[str, object] = {"freq": recurrence.freq}
        if recurrence.interval != 1:
            rule["interval"] = recurrence.interval
        if recurrence.byday:
            rule["byday"] = [f"{ordinal or ''}{WEEKDAYS[day]}" for ordinal, day in recurrence.byday]
        if recurrence.count is not None:
            rule["count"] = recurrence.count
        if recurrence.until is not None:  # RFC 5545: with a TZID start, UNTIL is in UTC
            last = datetime.datetime.combine(recurrence.until, datetime.time(23, 59, 59), tzinfo=found.zone)
            rule["until"] = last.astimezone(datetime.timezone.utc)
        event.add("rrule", rule)
    extra = [day for day in found.dates if recurrence is not None or day != found.start]
    if extra:
        event.add("rdate", [datetime.datetime.combine(day, found.time, tzinfo=found.zone) for day in extra])
    event.add("location", entry.model.meets.name)
    description = [ritual.title, "", entry.model.purpose]
    if ritual.agenda:
        description += ["", "Agenda:", ritual.agenda.strip()]
    if url:
        description += ["", url]
        event.add("url", url)
    event.add("description", "\n".join(description))
    event.add("categories", [ritual.kind])
    return event


def calendar_feed(
    name: str,
    entries: list[CommunityEntry],
    *,
    stamp: datetime.datetime,
    site_url: str | None,
    page_url: dict[str, str] | None = None,
) -> bytes:
    """An iCalendar feed of every ritual of `entries`: one VEVENT per ritual, with its RRULE and RDATEs,
    its VTIMEZONE, a stable UID and DTSTAMP = `stamp` (the build's moment), so the same commit gives the
    same bytes. `page_url`: community id → absolute address of its page, when the site has one."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    domain = uid_domain(site_url)
    stamp = stamp.astimezone(datetime.timezone.utc).replace(microsecond=0)
    first, last = stamp.date(), stamp.date()
    events, zones = [], set()
    for entry in entries:
        for ritual in entry.model.rituals:
            found = timing(ritual)
            if found is None:
                continue
            first = min(first, found.start, *found.dates)
            ends = [*found.dates, found.start]
            if found.recurrence is not None:
                ends.append(found.recurrence.until or datetime.date(stamp.year + 3, 1, 1))
            last = max(last, *ends)
            zones.add(ritual.schedule.time_zone)
            events.append(_event(entry, ritual, found, stamp, domain, (page_url or {}).get(entry.id)))
    for zone in sorted(zones):  # in name order: the same bytes from every build of the commit
        calendar.add_component(
            icalendar.Timezone.from_tzid(
                zone, first_date=datetime.date(first.year, 1, 1), last_date=datetime.date(last.year + 1, 1, 1)
            )
        )
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
