"""The schedule of a ritual read into values: the RRULE subset, the local time, the duration, the zone.

Each parser returns `(value, None)` or `(None, problem)`, so the validator reports the problem at its
line and the renderer (which only sees validated files) never meets one. The subset of RFC 5545 RRULE
(section 3.3.10) that a community file may use:

- `FREQ=WEEKLY` or `FREQ=MONTHLY` (required);
- `INTERVAL=n` (every n weeks or months; 1 by default);
- `BYDAY=TH` or `BYDAY=MO,TH`; with `FREQ=MONTHLY` an ordinal picks the nth weekday of the month:
  `1TH` (first Thursday), `-1FR` (last Friday), from -5 to 5;
- `COUNT=n` or `UNTIL=YYYYMMDD` (the last possible day, inclusive), not both.

Everything else (`BYMONTHDAY`, `BYSETPOS`, `WKST`, daily or yearly rules…) is refused with a message,
so that a page, a calendar app and the hub never disagree about when a ritual happens.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo
from dataclasses import dataclass

from dateutil import rrule as du

from .community import Ritual

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""RFC 5545 weekday codes, Monday first (datetime's weekday() order)."""

FREQUENCIES = ("WEEKLY", "MONTHLY")
_FREQ = {"WEEKLY": du.WEEKLY, "MONTHLY": du.MONTHLY}
_DU_WEEKDAYS = (du.MO, du.TU, du.WE, du.TH, du.FR, du.SA, du.SU)
_PARTS = ("FREQ", "INTERVAL", "BYDAY", "COUNT", "UNTIL")
_BYDAY = re.compile(r"^([+-]?[1-5])?(MO|TU|WE|TH|FR|SA|SU)$")
_DURATION = re.compile(r"^PT(?:(\d{1,2})H)?(?:(\d{1,3})M)?$")
_TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


@dataclass(frozen=True)
class Recurrence:
    """A validated RRULE of the subset."""

    freq: str
    interval: int = 1
    byday: tuple[tuple[int | None, int], ...] = ()
    """(ordinal or None, weekday 0=Monday) pairs."""
    count: int | None = None
    until: datetime.date | None = None


def parse_rrule(text: str) -> tuple[Recurrence | None, str | None]:
    """The recurrence `text` describes, or the problem with it."""
    parts: dict[str, str] = {}
    cleaned = text.strip().removeprefix("RRULE:")
    for item in cleaned.split(";"):
        if not item:
            continue
        name, sep, value = item.partition("=")
        name = name.strip().upper()
        if not sep or not value.strip():
            return None, f"'{item}' is not NAME=VALUE"
        if name not in _PARTS:
            return None, f"'{name}' is not part of the supported subset ({', '.join(_PARTS)})"
        if name in parts:
            return None, f"'{name}' is given twice"
        parts[name] = value.strip().upper()
    freq = parts.get("FREQ")
    if freq is None:
        return None, "FREQ is missing (FREQ=WEEKLY or FREQ=MONTHLY)"
    if freq not in FREQUENCIES:
        return None, f"FREQ={freq} is not supported: use WEEKLY or MONTHLY"
    interval = 1
    if "INTERVAL" in parts:
        if not parts["INTERVAL"].isdigit() or not 1 <= int(parts["INTERVAL"]) <= 52:
            return None, f"INTERVAL={parts['INTERVAL']} is not a whole number from 1 to 52"
        interval = int(parts["INTERVAL"])
    byday: list[tuple[int | None, int]] = []
    if "BYDAY" in parts:
        for day in parts["BYDAY"].split(","):
            match = _BYDAY.match(day.strip())
            if not match or match.group(1) in ("0", "+0", "-0"):
                return None, f"BYDAY value '{day}' is not a weekday code (MO…SU), optionally after an ordinal such as 1TH or -1FR"
            ordinal = int(match.group(1)) if match.group(1) else None
            if ordinal is not None and freq != "MONTHLY":
                return None, f"BYDAY={day}: an ordinal (the nth weekday) needs FREQ=MONTHLY"
            byday.append((ordinal, WEEKDAYS.index(match.group(2))))
    if "COUNT" in parts and "UNTIL" in parts:
        return None, "COUNT and UNTIL cannot both be given"
    count = None
    if "COUNT" in parts:
        if not parts["COUNT"].isdigit() or int(parts["COUNT"]) < 1:
            return None, f"COUNT={parts['COUNT']} is not a whole number of at least 1"
        count = int(parts["COUNT"])
    until = None
    if "UNTIL" in parts:
        try:
            until = datetime.datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
        except ValueError:
            until = None
        if until is None or len(parts["UNTIL"]) != 8:
            return None, f"UNTIL={parts['UNTIL']} is not a day written YYYYMMDD"
    return Recurrence(freq, interval, tuple(byday), count, until), None


def parse_time(value: str | int) -> tuple[datetime.time | None, str | None]:
    """`'15:00'` as a time of day, or the problem (an unquoted 15:00 reaches here as the number 900)."""
    if isinstance(value, int):
        return None, f"time {value} is a number: YAML reads an unquoted 15:00 as one; quote it, e.g. time: '15:00'"
    match = _TIME.match(value.strip())
    if not match:
        return None, f"time '{value}' is not HH:MM in 24 hours, e.g. '09:30' or '15:00'"
    return datetime.time(int(match.group(1)), int(match.group(2))), None


def parse_duration(text: str) -> tuple[datetime.timedelta | None, str | None]:
    """`'PT1H30M'` as a duration of at least 5 minutes and at most 12 hours, or the problem."""
    match = _DURATION.match(text.strip().upper())
    if not match or not any(match.groups()):
        return None, f"duration '{text}' is not an ISO 8601 duration in hours and minutes, e.g. 'PT45M' or 'PT1H30M'"
    length = datetime.timedelta(hours=int(match.group(1) or 0), minutes=int(match.group(2) or 0))
    if not datetime.timedelta(minutes=5) <= length <= datetime.timedelta(hours=12):
        return None, f"duration '{text}' is not between 5 minutes and 12 hours"
    return length, None


def parse_zone(name: str) -> tuple[zoneinfo.ZoneInfo | None, str | None]:
    """The IANA time zone called `name`, or the problem."""
    if not name or name != name.strip() or name.startswith(("/", ".")) or ".." in name:
        return None, f"'{name}' is not an IANA time zone name"
    try:
        return zoneinfo.ZoneInfo(name), None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None, f"unknown time zone '{name}'"


def time_zones() -> set[str]:
    """Every IANA time zone name known here (for "did you mean")."""
    return zoneinfo.available_timezones()


@dataclass(frozen=True)
class Timing:
    """A ritual's schedule as values."""

    start: datetime.date
    time: datetime.time
    zone: zoneinfo.ZoneInfo
    duration: datetime.timedelta
    recurrence: Recurrence | None
    dates: tuple[datetime.date, ...]


def timing(ritual: Ritual) -> Timing | None:
    """The ritual's schedule as values, or None if it does not parse (reported by the validator)."""
    schedule = ritual.schedule
    time, _ = parse_time(schedule.time)
    zone, _ = parse_zone(schedule.time_zone)
    duration, _ = parse_duration(schedule.duration)
    recurrence = None
    if schedule.rrule is not None:
        recurrence, _ = parse_rrule(schedule.rrule)
        if recurrence is None:
            return None
    start = schedule.start or (min(schedule.dates) if schedule.dates else None)
    if time is None or zone is None or duration is None or start is None:
        return None
    if recurrence is not None and schedule.start is None:
        return None
    return Timing(start, time, zone, duration, recurrence, tuple(sorted(set(schedule.dates))))


def dateutil_rule(recurrence: Recurrence, start: datetime.datetime) -> du.rrule:
    """The recurrence as a dateutil rule from the naive local `start`."""
    byweekday = [_DU_WEEKDAYS[day](ordinal) if ordinal else _DU_WEEKDAYS[day] for ordinal, day in recurrence.byday] or None
    until = datetime.datetime.combine(recurrence.until, datetime.time(23, 59, 59)) if recurrence.until else None
    return du.rrule(
        _FREQ[recurrence.freq],
        dtstart=start,
        interval=recurrence.interval,
        byweekday=byweekday,
        count=recurrence.count,
        until=until,
    )


def first_recurrence(ritual: Ritual) -> datetime.date | None:
    """The first day the recurrence gives from `start` (the validator wants it to be `start` itself)."""
    found = timing(ritual)
    if found is None or found.recurrence is None:
        return None
    first = dateutil_rule(found.recurrence, datetime.datetime.combine(found.start, found.time)).after(
        datetime.datetime.combine(found.start, datetime.time(0, 0)), inc=True
    )
    return first.date() if first else None


def next_starts(ritual: Ritual, after: datetime.date, limit: int) -> list[datetime.datetime]:
    """The next `limit` local starts of the ritual on or after the day `after`."""
    found = timing(ritual)
    if found is None or limit <= 0:
        return []
    since = datetime.datetime.combine(after, datetime.time(0, 0))
    naive: set[datetime.datetime] = {
        datetime.datetime.combine(day, found.time) for day in found.dates if day >= after
    }
    if found.recurrence is not None:
        rule = dateutil_rule(found.recurrence, datetime.datetime.combine(found.start, found.time))
        naive.update(rule.xafter(since, count=limit, inc=True))
    return [moment.replace(tzinfo=found.zone) for moment in sorted(naive)[:limit]]


