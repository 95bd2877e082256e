"""Community rules: maps, capabilities, hosts and stories exist; schedules parse (the RRULE subset, the
time, the IANA zone, the duration); past occurrences are past; texts and links are safe to publish."""

from __future__ import annotations

import datetime

from ..diagnostics import Diagnostics, did_you_mean
from ..load.communities import CommunityEntry
from ..load.index import HubIndex
from ..load.source import Source
from ..model.community import Ritual
from ..model.recurrence import first_recurrence, parse_duration, parse_rrule, parse_time, parse_zone, time_zones
from ..safety.sanitise import URL_SCHEMES, url_scheme
from ..safety.story_body import includes, position
from .references import _Checker
from .stories import check_author
from .structure import error_at
from .untrusted import MAP_HINT, Report, check_untrusted_markdown


def check_communities(index: HubIndex, diagnostics: Diagnostics, today: datetime.date) -> None:
    """Every cross-file, schedule and safety rule of every community file."""
    checker = _Checker(index, diagnostics)
    for entry in index.hub.communities.entries.values():
        _check_community(index, checker, entry, diagnostics, today)


def _check_community(index: HubIndex, checker: _Checker, entry: CommunityEntry, diagnostics: Diagnostics, today: datetime.date) -> None:
    hub, model, source = index.hub, entry.model, entry.source
    for i, map_id in enumerate(model.maps):
        if map_id not in hub.maps and map_id not in hub.unloaded_ids["map"]:
            error_at(diagnostics, source, ("maps", i), f"unknown map '{map_id}'", did_you_mean(map_id, hub.maps), code="HUB542")
    for i, ref in enumerate(model.capabilities):
        checker.capability(ref, None, source, ("capabilities", i))
    library = hub.library
    for i, host in enumerate(model.hosts):
        check_author(
            library, hub.options.stories_dir, host, source, ("hosts", i), diagnostics, role="host",
            create_hint="hosts are authors: create the authors file with their name, role and team", add_hint="add them to", code="HUB543",
        )
    _check_link(model.meets.link, source, ("meets", "link"), diagnostics)
    for key in ("title", "purpose", "join"):
        _check_text(getattr(model, key), source, (key,), diagnostics)
    _check_text(model.meets.name, source, ("meets", "name"), diagnostics)
    seen: dict[str, int] = {}
    for ri, ritual in enumerate(model.rituals):
        loc = ("rituals", ri)
        if ritual.id in seen:
            first = source.locate(("rituals", seen[ritual.id], "id"))
            error_at(
                diagnostics, source, (*loc, "id"), f"duplicate ritual id '{ritual.id}' (first used on line {first.line})",
                "each ritual's id makes its calendar UID: give each its own", code="HUB545",
            )
        else:
            seen[ritual.id] = ri
        _check_text(ritual.title, source, (*loc, "title"), diagnostics)
        _check_schedule(ritual, source, loc, diagnostics)
        for ci, ref in enumerate(ritual.capabilities):
            checker.capability(ref, None, source, (*loc, "capabilities", ci))
        if ritual.agenda is not None:
            _check_agenda(ritual.agenda, source, (*loc, "agenda"), diagnostics)
        for pi, past in enumerate(ritual.past):
            ploc = (*loc, "past", pi)
            if past.date > today:
                error_at(
                    diagnostics, source, (*ploc, "date"),
                    f"past occurrence dated {past.date.isoformat()}, after today ({today.isoformat()})",
                    "record an occurrence once it has happened; the schedule announces the next ones", code="HUB551",
                )
            _check_text(past.summary, source, (*ploc, "summary"), diagnostics)
            for si, slug in enumerate(past.stories):
                story = library.stories.get(slug)
                if story is None and slug not in library.unloaded:
                    error_at(
                        diagnostics, source, (*ploc, "stories", si), f"unknown story '{slug}'",
                        did_you_mean(slug, library.stories) or f"give the file name of a story in {hub.options.stories_dir}/, without .md",
                        code="HUB544",
                    )
                elif story is not None and story.model.draft:
                    error_at(
                        diagnostics, source, (*ploc, "stories", si), f"story '{slug}' is a draft, so it has no page to link",
                        "link it once it is published", code="HUB544",
                    )
            for ei, evidence in enumerate(past.evidence):
                _check_text(evidence.title, source, (*ploc, "evidence", ei, "title"), diagnostics)
                _check_link(evidence.link, source, (*ploc, "evidence", ei, "link"), diagnostics)


def _check_schedule(ritual: Ritual, source: Source, loc: tuple, diagnostics: Diagnostics) -> None:
    schedule = ritual.schedule
    sloc = (*loc, "schedule")
    time, problem = parse_time(schedule.time)
    if problem:
        error_at(diagnostics, source, (*sloc, "time"), problem, code="HUB549")
    zone, problem = parse_zone(schedule.time_zone)
    if problem:
        error_at(
            diagnostics, source, (*sloc, "time_zone"), problem,
            did_you_mean(schedule.time_zone, time_zones()) or "an IANA name such as 'Europe/Amsterdam' or 'America/New_York'",
            code="HUB547",
        )
    length, problem = parse_duration(schedule.duration)
    if problem:
        error_at(diagnostics, source, (*sloc, "duration"), problem, code="HUB548")
    if schedule.rrule is None and not schedule.dates:
        error_at(
            diagnostics, source, sloc, f"ritual '{ritual.id}' has no date: give 'rrule' (with 'start') or 'dates'",
            "e.g. start: 2027-01-07 and rrule: FREQ=WEEKLY;BYDAY=TH", code="HUB550",
        )
        return
    if schedule.rrule is None:
        return
    recurrence, problem = parse_rrule(schedule.rrule)
    if problem or recurrence is None:
        error_at(diagnostics, source, (*sloc, "rrule"), f"rrule: {problem}", "see the RRULE subset in the communities guide", code="HUB546")
        return
    if schedule.start is None:
        error_at(diagnostics, source, sloc, "a recurrence needs 'start', the day of its first occurrence", code="HUB550")
        return
    if recurrence.until is not None and recurrence.until < schedule.start:
        error_at(
            diagnostics, source, (*sloc, "rrule"), f"rrule: UNTIL={recurrence.until:%Y%m%d} is before start {schedule.start.isoformat()}",
            code="HUB546",
        )
        return
    if zone is None or time is None or length is None:
        return  # reported above; the occurrences cannot be counted
    first = first_recurrence(ritual)
    if first != schedule.start:
        weekday = schedule.start.strftime("%A")
        error_at(
            diagnostics, source, (*sloc, "start"),
            f"start {schedule.start.isoformat()} (a {weekday}) is not an occurrence of the rrule",
            f"start on its first occurrence, {first.isoformat()}" if first else "the rule gives no occurrence from this day",
            code="HUB546",
        )


def _check_link(url: str | None, source: Source, loc: tuple, diagnostics: Diagnostics) -> None:
    if url is None:
        return
    scheme = url_scheme(url)
    if (scheme is not None and scheme not in URL_SCHEMES) or not url.strip() or any(c in url for c in "<>\"' \n"):
        shown = url if len(url) <= 40 else url[:39] + "…"
        error_at(
            diagnostics, source, loc, f"link '{shown}' is not allowed in a community",
            "use a relative link inside the hub, or an http:, https: or mailto: address", code="HUB552",
        )


def _check_text(text: str, source: Source, loc: tuple, diagnostics: Diagnostics) -> None:
    """A one-line text of a community: inline Markdown, no HTML (like a map text)."""

    def at_field(offset: int, message: str, hint: str | None, *, code: str) -> None:
        mark = source.locate(loc)
        diagnostics.error(source.path, mark.line, mark.column, message.replace("a map", "a community text"), hint, code=code)

    def no_image(src: str, offset: int, report: Report) -> None:
        report(offset, "a community text cannot show an image", "link to it instead: [what it shows](https://…)", code="HUB553")

    check_untrusted_markdown(text, "map", at_field, no_image, allowed_tags=frozenset(), hint=MAP_HINT)


def _check_agenda(text: str, source: Source, loc: tuple, diagnostics: Diagnostics) -> None:
    """The agenda's Markdown, like a story body: simple, safe HTML only; no image, no include."""
    key = source.locate(loc, key=True)
    value = source.locate(loc)
    block = "\n" in text and value.line == key.line  # `agenda: |` and the text on the lines below

    def report(offset: int, message: str, hint: str | None, *, code: str) -> None:
        if block:
            line, column = position(text, offset, value.line + 1)
            column += key.column + 1
        else:
            line, column = value.line, value.column
        diagnostics.error(source.path, line, column, message.replace("a map", "an agenda"), hint, code=code)

    def no_image(src: str, offset: int, report_: Report) -> None:
        report_(offset, "an agenda cannot show an image", "link to it instead: [what it shows](https://…)", code="HUB553")

    check_untrusted_markdown(text, "map", report, no_image, allowed_tags=frozenset(), hint=MAP_HINT)
    for offset, marker in includes(text):
        report(offset, f"'{marker}' includes files, which an agenda may not do", "remove the line", code="HUB810")
