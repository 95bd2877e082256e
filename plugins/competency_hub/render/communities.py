"""The communities of practice: the index, a page per community, the capability pages' "Practise this
with others" (through `CommunitiesView`), and the iCalendar feeds."""

from __future__ import annotations

import datetime
from typing import Any, Callable

from ..load.communities import CommunityEntry
from ..load.index import HubIndex
from ..load.stories import StoryEntry
from ..model.community import RITUAL_KINDS, Ritual
from ..model.map import Capability
from ..model.recurrence import timing
from ..model.story import Author
from . import urls
from .calendar import Occurrence, calendar_feed, upcoming
from .options import RenderOptions
from .output import GeneratedFile, GeneratedPage

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", -1: "last", -2: "second-to-last"}


def _day(value: datetime.date) -> str:
    return f"{value.day} {value:%B %Y}"


class CommunitiesView:
    """`hub.communities` in templates: the communities, their next occurrences counted from the build
    date, and what they link to. Community texts are the loaded content: place them with `inline`,
    `block` or `attr` (render/text.py); authors with `md_text`."""

    def __init__(self, index: HubIndex, options: RenderOptions, stories: Callable[[list[StoryEntry]], list[Any]]) -> None:
        self._index = index
        self._hub = index.hub
        self._stories = stories
        self.options = options
        self.today: datetime.date | None = options.build_date
        """The build's day, from which occurrences are "upcoming" (None: no build date, none listed)."""

    @property
    def entries(self) -> list[CommunityEntry]:
        """Every community, by title."""
        return self._hub.communities.sorted

    def has_communities(self) -> bool:
        return bool(self._hub.communities.entries)

    def kind_name(self, kind: str) -> str:
        """'Demo day', 'Office hours', 'Peer feedback circle' or 'Gathering'."""
        return RITUAL_KINDS.get(kind, kind)

    def host(self, host_id: str) -> Author | None:
        """The host as listed in the authors file, or None."""
        return self._hub.library.authors.get(host_id)

    def capability(self, ref: str) -> tuple[Any, Capability] | None:
        """(map entry, capability) that `map/capability` names, if it is published (not retired)."""
        found = self._index.capability(ref, None)
        if found is None or found[1].status == "retired":
            return None
        return found

    def capabilities_of(self, entry: CommunityEntry) -> list[tuple[Any, Capability]]:
        """The capabilities a community cares about and those its rituals practise, each once, in order."""
        refs = list(entry.model.capabilities) + [ref for ritual in entry.model.rituals for ref in ritual.capabilities]
        found, seen = [], set()
        for ref in refs:
            resolved = self.capability(ref)
            if resolved is not None and ref not in seen:
                seen.add(ref)
                found.append(resolved)
        return found

    def maps_of(self, entry: CommunityEntry) -> list[Any]:
        return [self._hub.maps[m] for m in entry.model.maps if m in self._hub.maps]

    def covers(self, entry: CommunityEntry, map_id: str, capability_id: str) -> bool:
        ref = f"{map_id}/{capability_id}"
        return (
            map_id in entry.model.maps
            or ref in entry.model.capabilities
            or any(ref in ritual.capabilities for ritual in entry.model.rituals)
        )

    def for_capability(self, map_id: str, capability_id: str) -> list[CommunityEntry]:
        """The communities that care about the capability (or its whole map) or practise it."""
        return [entry for entry in self.entries if self.covers(entry, map_id, capability_id)]

    def upcoming(self, entry: CommunityEntry | None = None, per_ritual: int | None = None, capability: str | None = None) -> list[Occurrence]:
        """Next occurrences from the build date, soonest first: of one community (or all), of the
        rituals practising `capability` (`map/capability`) when given."""
        entries = [entry] if entry is not None else self.entries
        return upcoming(entries, self.today, per_ritual or self.options.communities_upcoming, capability)

    def next_of(self, entry: CommunityEntry) -> Occurrence | None:
        found = self.upcoming(entry, 1)
        return found[0] if found else None

    def when(self, occurrence: Occurrence) -> str:
        """'Thursday 7 January 2027, 15:00–15:45 (Europe/Amsterdam)'."""
        start, end = occurrence.start, occurrence.end
        return f"{start:%A} {_day(start.date())}, {start:%H:%M}–{end:%H:%M} ({occurrence.ritual.schedule.time_zone})"

    def schedule(self, ritual: Ritual) -> str:
        """The schedule in words: 'Every 2 weeks on Tuesday, 10:00–10:45 (Europe/Amsterdam), until 21 December 2027'."""
        found = timing(ritual)
        if found is None:
            return "Schedule not understood"
        end = (datetime.datetime.combine(found.start, found.time) + found.duration).time()
        hours = f"{found.time:%H:%M}–{end:%H:%M} ({ritual.schedule.time_zone})"
        parts = []
        rec = found.recurrence
        if rec is not None:
            unit = "week" if rec.freq == "WEEKLY" else "month"
            every = f"every {rec.interval} {unit}s" if rec.interval > 1 else f"every {unit}"
            days = [
                (f"the {_ORDINALS.get(ordinal, str(ordinal))} " if ordinal else "") + _DAY_NAMES[day]
                for ordinal, day in rec.byday
            ]
            if not days:
                days = [_DAY_NAMES[found.start.weekday()] if rec.freq == "WEEKLY" else f"day {found.start.day}"]
            text = f"{' and '.join(days)} of {every}" if rec.freq == "MONTHLY" else f"{every.capitalize()} on {' and '.join(days)}"
            text = text[0].upper() + text[1:]
            text += f", {hours}, from {_day(found.start)}"
            if rec.until:
                text += f" until {_day(rec.until)}"
            elif rec.count:
                text += f", {rec.count} times"
            parts.append(text)
        extra = list(found.dates)
        if extra:
            listed = ", ".join(_day(d) for d in extra)
            parts.append(("also on " if rec is not None else "On ") + listed + ("" if rec is not None else f", {hours}"))
        return "; ".join(parts)

    def duration(self, ritual: Ritual) -> str:
        found = timing(ritual)
        if found is None:
            return ""
        minutes = int(found.duration.total_seconds() // 60)
        hours, rest = divmod(minutes, 60)
        return (f"{hours} h" if hours else "") + (" " if hours and rest else "") + (f"{rest} min" if rest else "")

    def past(self, ritual: Ritual) -> list[Any]:
        """Past occurrences, newest first."""
        return sorted(ritual.past, key=lambda p: p.date, reverse=True)

    def story(self, slug: str) -> Any | None:
        """The published story with this slug (escaped), or None."""
        entry = self._hub.library.stories.get(slug)
        if entry is None or entry.model.draft:
            return None
        return self._stories([entry])[0]

    def stories_of(self, entry: CommunityEntry) -> list[Any]:
        """Published stories its events produced (linked from past occurrences) or its hosts wrote, newest first."""
        library = self._hub.library
        slugs = {slug for ritual in entry.model.rituals for past in ritual.past for slug in past.stories}
        hosts = set(entry.model.hosts)
        found = [s for s in library.published if s.slug in slugs or hosts.intersection(s.model.authors)]
        return self._stories(found)

    def long_date(self, value: datetime.date) -> str:
        return _day(value)


def render_communities(pages: Any, view: CommunitiesView, options: RenderOptions) -> tuple[list[GeneratedPage], list[GeneratedFile]]:
    """The index page, a page per community, and the calendar feeds (one per community, one for the hub)."""
    entries = view.entries
    stamp = options.build_moment or datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
    base = urls.normalise_base_url(options.site_url)
    page_urls = (
        {e.id: urls.absolute(base, urls.page_url(urls.community_page(e.id), options.use_directory_urls)) for e in entries}
        if base
        else {}
    )
    generated = [pages.render_page("communities_index.md.j2", urls.communities_index(), communities=entries)]
    files = [
        GeneratedFile(
            urls.communities_calendar(),
            content=calendar_feed(f"{options.site_name}: communities", entries, stamp=stamp, site_url=options.site_url, page_url=page_urls),
        )
    ]
    for entry in entries:
        generated.append(pages.render_page("community.md.j2", urls.community_page(entry.id), community=entry))
        files.append(
            GeneratedFile(
                urls.community_calendar(entry.id),
                content=calendar_feed(
                    f"{entry.model.title} ({options.site_name})", [entry], stamp=stamp, site_url=options.site_url, page_url=page_urls
                ),
            )
        )
    return generated, files

