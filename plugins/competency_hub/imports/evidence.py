"""Evidence captured from the work: trailers in commit messages and ticket comments → a progress file.

A learner who practises a capability in their daily work says so where the work is recorded, in the
last paragraph of a commit message (git's "trailers") or in a ticket comment:

    Practised: software-delivery/code-review@independent
    Challenge: review-with-labelled-comments
    Evidence: https://git.northwind.example/shop/pulls/412

This module is pure: it gets the work items (one commit, one ticket row) already read by the command
line (`cli/evidence.py` runs `git`, reads the CSV file), checks every trailer against the hub and
returns a progress document in the learner's published format (`model/progress.py`), ready to import
on the progress page, with the diagnostics of what was skipped. Nothing is sent anywhere; every time
in the document is the commit's committer date or the ticket's resolution date, never the clock.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import io
import re
import unicodedata
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from ..diagnostics import Diagnostics, did_you_mean
from ..load.index import CapabilityKey, HubIndex
from ..model.common import SLUG_PATTERN
from ..model.progress import FORMAT, MAX_EVIDENCE, MAX_NOTE, VERSION, Progress

PRACTISED = "Practised"
EVIDENCE = "Evidence"
CHALLENGE = "Challenge"
KEYS = {"practised": PRACTISED, "practiced": PRACTISED, "evidence": EVIDENCE, "challenge": CHALLENGE}
"""The trailer keys read, case-insensitively ('Practiced' is the same as 'Practised'); others are ignored."""

MAX_VALUE = 200
"""The longest Practised or Challenge value read (a map id, a capability id and a level id fit easily)."""
MAX_FIELD = 100_000
"""The longest CSV cell read; a longer one is refused rather than read."""

_SLUG = SLUG_PATTERN.strip("^$")
PRACTISED_VALUE = re.compile(rf"^(?P<map>{_SLUG})/(?P<capability>{_SLUG})@(?P<level>{_SLUG})$")
CHALLENGE_VALUE = re.compile(SLUG_PATTERN)
TRAILER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$")
JIRA_COMMENT_PREFIX = re.compile(r"^\d[^;\n]*;[^;\n]*;")
"""Jira writes each comment cell as `date;author id;text`: the prefix is dropped before reading trailers."""
HTML = re.compile(r"[<>\"'`]")
BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C)}


@dataclass(frozen=True)
class Trailer:
    key: str
    """As written, e.g. 'Practised' or 'practiced'."""
    value: str
    line: int
    """The line of the trailer in its place (the commit message, or the CSV row's first line)."""


@dataclass(frozen=True)
class WorkItem:
    """One commit or one ticket: where it is, when it was done, and its trailers."""

    where: str
    """The place named in diagnostics: `repo@shortsha` for a commit, the CSV file for a ticket."""
    line: int
    """The line diagnostics about the whole item point at (1 for a commit, the row's line in a CSV)."""
    at: datetime.datetime
    """The committer date, or the ticket's resolution date (time zone aware)."""
    provenance: str
    """'from git, commit 1a2b3c4d5e6f' or 'from tickets.csv, line 4, NW-118'."""
    trailers: tuple[Trailer, ...]


@dataclass
class EvidenceResult:
    document: dict[str, Any] | None
    """The progress document (version 2), or None when no trailer could be recorded."""
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    challenges: int = 0
    levels: int = 0


# -- reading trailers --------------------------------------------------------------------------------


def trailer_lines(message: str, parsed: Sequence[tuple[str, str]]) -> tuple[Trailer, ...]:
    """The trailers git parsed from a commit message (`%(trailers:only,unfold)`), each with its line in the
    message (searched from the end, where git found them; 1 when it cannot be found, e.g. a folded value)."""
    lines = message.split("\n")
    found: list[Trailer] = []
    taken: set[int] = set()
    for key, value in parsed:
        line = 1
        for number in range(len(lines) - 1, -1, -1):
            text = lines[number]
            if number not in taken and text.lower().startswith(key.lower()) and value[:40] in text:
                line = number + 1
                taken.add(number)
                break
        found.append(Trailer(key, value, line))
    return tuple(found)


def parse_git_trailers(block: str) -> list[tuple[str, str]]:
    """`Key: value` pairs of git's `%(trailers:only,unfold)` output (one trailer a line)."""
    pairs = []
    for line in block.split("\n"):
        match = TRAILER_LINE.match(line)
        if match:
            pairs.append((match.group(1), match.group(2).strip()))
    return pairs


def comment_trailers(comment: str, first_line: int) -> tuple[Trailer, ...]:
    """The trailers of a ticket comment: any line that starts with one of the keys (a Jira `date;author;`
    prefix dropped), with its line counted from the CSV row's first line."""
    found = []
    for offset, raw in enumerate(comment.split("\n")):
        text = JIRA_COMMENT_PREFIX.sub("", raw.strip("\r"), count=1).strip()
        match = TRAILER_LINE.match(text)
        if match and _known_or_close(match.group(1)):
            found.append(Trailer(match.group(1), match.group(2).strip(), first_line + offset))
    return tuple(found)


def _known_or_close(key: str) -> bool:
    return key.lower() in KEYS or bool(difflib.get_close_matches(key.lower(), list(KEYS), n=1, cutoff=0.8))


# -- checking values ---------------------------------------------------------------------------------


def unsafe(value: str, limit: int) -> str | None:
    """Why a trailer value is refused outright (control characters, a huge value, HTML), or None."""
    if len(value) > limit:
        return f"the value is {len(value)} characters long; at most {limit} are read"
    for character in value:
        if character in BIDI or (unicodedata.category(character) in ("Cc", "Cf", "Cs", "Co") and character != "\t"):
            return f"the value holds the control character U+{ord(character):04X}"
    if HTML.search(value):
        return "the value holds HTML or quote characters (< > \" ' `)"
    return None


def link_problem(value: str) -> str | None:
    """Why an Evidence value is not a link the hub will show (only http and https links with a host)."""
    if any(character.isspace() for character in value):
        return "an evidence link holds no spaces"
    try:
        parts = urllib.parse.urlsplit(value)
    except ValueError:
        return "the evidence link cannot be read as a URL"
    if parts.scheme.lower() not in ("http", "https"):
        shown = f"'{parts.scheme}:'" if parts.scheme else "no scheme"
        return f"the evidence link has {shown}; only http:// and https:// links are recorded"
    if not parts.hostname:
        return "the evidence link names no host"
    if parts.username or parts.password:
        return "the evidence link holds a user name or password; remove them"
    return None


def _shown(value: str) -> str:
    """A value as quoted in a message: unsafe characters escaped, long values cut."""
    cut = value if len(value) <= 80 else value[:77] + "..."
    return cut.encode("unicode_escape").decode("ascii").replace("'", "\\'")


# -- the records ---------------------------------------------------------------------------------------


@dataclass
class _Record:
    at: datetime.datetime
    evidence: str
    provenance: list[str]


def _resolve_challenge(index: HubIndex, value: str, item: WorkItem, trailer: Trailer, diagnostics: Diagnostics) -> str | None:
    said = f"'{trailer.key}: {_shown(value)}'"
    if not CHALLENGE_VALUE.match(value) or len(value) > 64:
        diagnostics.warning(item.where, trailer.line, 1, f"{item.provenance}: {said} is not a challenge id (lowercase letters, digits and hyphens); skipped",
                            code="HUB956")
        return None
    if value in index.hub.challenges:
        return value
    renamed = index.renamed_challenges.get(value)
    if renamed:
        diagnostics.warning(item.where, trailer.line, 1, f"{item.provenance}: {said}: challenge '{value}' was renamed '{renamed}'; recorded as '{renamed}'",
                            code="HUB959")
        return renamed
    diagnostics.error(item.where, trailer.line, 1, f"{item.provenance}: {said}: no challenge '{value}' in this hub; skipped",
                      did_you_mean(value, index.hub.challenges), code="HUB955")
    return None


def _resolve_practised(index: HubIndex, value: str, item: WorkItem, trailer: Trailer, diagnostics: Diagnostics) -> tuple[str, str] | None:
    said = f"'{trailer.key}: {_shown(value)}'"
    match = PRACTISED_VALUE.match(value)
    if not match:
        diagnostics.warning(item.where, trailer.line, 1,
                            f"{item.provenance}: {said} is not 'map/capability@level' (e.g. 'software-delivery/code-review@independent'); skipped",
                            code="HUB956")
        return None
    map_id, capability_id, level_id = match["map"], match["capability"], match["level"]
    entry = index.hub.maps.get(map_id)
    if entry is None:
        diagnostics.error(item.where, trailer.line, 1, f"{item.provenance}: {said}: no map '{map_id}' in this hub; skipped",
                          did_you_mean(map_id, index.hub.maps), code="HUB955")
        return None
    key = CapabilityKey(map_id, capability_id)
    if key not in index.capabilities:
        renamed = index.renamed_capabilities.get(key)
        if renamed is None:
            diagnostics.error(item.where, trailer.line, 1, f"{item.provenance}: {said}: map '{map_id}' has no capability '{capability_id}'; skipped",
                              did_you_mean(capability_id, [c.id for c in entry.model.capabilities]), code="HUB955")
            return None
        diagnostics.warning(item.where, trailer.line, 1, f"{item.provenance}: {said}: capability '{key}' was renamed '{renamed}'; recorded as '{renamed}'",
                            code="HUB959")
        key = renamed
    if index.level(entry, level_id) is None:
        levels = [level.id for level in entry.model.scale]
        diagnostics.error(item.where, trailer.line, 1,
                          f"{item.provenance}: {said}: '{level_id}' is not a level of map '{map_id}' (its scale: {', '.join(levels)}); skipped",
                          did_you_mean(level_id, levels), code="HUB955")
        return None
    return str(key), level_id


def _iso(moment: datetime.datetime) -> str:
    """UTC with milliseconds, as the browser writes times."""
    utc = moment.astimezone(datetime.timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def evidence_progress(items: Iterable[WorkItem], index: HubIndex, hub_name: str | None) -> EvidenceResult:
    """The progress document the trailers of `items` make, and what was skipped and why.

    A challenge named by `Challenge:` is marked done at its earliest item, with the latest evidence link
    and the provenance of every item in its note. A `Practised:` trailer records the level as the
    learner's own (`by: self`) at the item's time, with the item's evidence link, or its provenance
    when it has none.
    """
    diagnostics = Diagnostics()
    challenges: dict[str, _Record] = {}
    levels: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
    for item in sorted(items, key=lambda i: (i.at, i.where)):
        links: list[str] = []
        practised: list[tuple[str, str]] = []
        named: list[str] = []
        for trailer in item.trailers:
            kind = KEYS.get(trailer.key.lower())
            if kind is None:
                close = difflib.get_close_matches(trailer.key.lower(), list(KEYS), n=1, cutoff=0.8)
                if close:
                    diagnostics.warning(item.where, trailer.line, 1, f"{item.provenance}: unknown trailer '{_shown(trailer.key)}'; skipped",
                                        f"did you mean '{KEYS[close[0]]}'?", code="HUB956")
                continue
            value = trailer.value.strip()
            if kind == EVIDENCE and len(value) > 2 and value[0] == "<" and value[-1] == ">":
                value = value[1:-1].strip()  # a link written as <https://…>, as in e-mail
            problem = unsafe(value, MAX_EVIDENCE if kind == EVIDENCE else MAX_VALUE)
            if problem is None and kind == EVIDENCE:
                problem = link_problem(value)
            if problem:
                diagnostics.warning(item.where, trailer.line, 1, f"{item.provenance}: '{trailer.key}: {_shown(value)}' skipped: {problem}", code="HUB957")
                continue
            if kind == EVIDENCE:
                links.append(value)
            elif kind == CHALLENGE:
                found = _resolve_challenge(index, value, item, trailer, diagnostics)
                if found:
                    named.append(found)
            else:
                found_level = _resolve_practised(index, value, item, trailer, diagnostics)
                if found_level:
                    practised.append(found_level)
        if links and not (named or practised):
            diagnostics.warning(item.where, item.line, 1, f"{item.provenance}: an Evidence link without a Practised or Challenge trailer records nothing",
                                code="HUB956")
        if len(links) > 1:
            diagnostics.warning(item.where, item.line, 1, f"{item.provenance}: {len(links)} Evidence links; the first is recorded", code="HUB956")
        link = links[0] if links else ""
        for challenge_id in dict.fromkeys(named):
            record = challenges.get(challenge_id)
            if record is None:
                challenges[challenge_id] = _Record(item.at, link, [item.provenance])
            else:
                record.evidence = link or record.evidence
                record.provenance.append(item.provenance)
        for key, level_id in dict.fromkeys(practised):
            levels.setdefault(key, {})[(_iso(item.at), level_id)] = {
                "level": level_id, "at": _iso(item.at), "by": "self", "name": "",
                "evidence": link or item.provenance[:MAX_EVIDENCE],
            }
    if not challenges and not levels:
        return EvidenceResult(None, diagnostics)
    document: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    if hub_name:
        document["hub"] = hub_name[:500]
    document["challenges"] = {
        challenge_id: {
            "completed": _iso(record.at),
            "note": _note(record.provenance),
            "evidence": record.evidence,
            "updated": _iso(record.at),
        }
        for challenge_id, record in sorted(challenges.items())
    }
    document["levels"] = {key: list(records.values())[-100:] for key, records in sorted(levels.items())}
    document.update({"recall": {}, "paths": {}, "milestones": {}, "notes": {}})
    Progress.model_validate(document)  # the contract: a document the browser and the schema accept
    return EvidenceResult(document, diagnostics, len(challenges), sum(len(r) for r in levels.values()))


def _note(provenance: list[str]) -> str:
    text = "Recorded " + "; ".join(provenance) + "."
    return text if len(text) <= MAX_NOTE else text[: MAX_NOTE - 1] + "…"


# -- CSV exports of ticketing tools ----------------------------------------------------------------------

COLUMNS = ("key", "url", "assignee_email", "resolved", "comment")
"""The columns read from a ticket CSV, by header name (`--column NAME=HEADER` maps another header)."""
REQUIRED = ("resolved", "comment")
DATE_FORMATS = ("%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%d.%m.%Y %H:%M")
"""Besides ISO 8601: Jira's `04/Mar/25 10:30 AM` and ServiceNow's `2025-03-04 10:30:00` (times without a
zone are read as UTC)."""


def parse_time(text: str, formats: Sequence[str] = DATE_FORMATS) -> datetime.datetime | None:
    """A ticket's resolution time, time zone aware (UTC when the text has none), or None."""
    value = text.strip()
    if not value:
        return None
    moment: datetime.datetime | None = None
    try:
        moment = datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        for pattern in formats:
            try:
                moment = datetime.datetime.strptime(value, pattern)
                break
            except ValueError:
                continue
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def csv_items(text: str, shown: str, columns: dict[str, str], *, assignee: str | None = None,
              since: datetime.datetime | None = None, link_template: str | None = None,
              date_formats: Sequence[str] = DATE_FORMATS) -> tuple[list[WorkItem], Diagnostics]:
    """The tickets of a CSV export as work items. `columns` maps a column name of COLUMNS to the header
    that holds it (default: the name itself); every column with the comment's header is read (Jira
    writes one `Comment` column per comment). `link_template` (e.g. `https://jira.example/browse/{key}`)
    makes the evidence link of a row whose url column is empty."""
    previous = csv.field_size_limit(MAX_FIELD)
    try:
        return _csv_items(text, shown, columns, assignee=assignee, since=since, link_template=link_template, date_formats=date_formats)
    finally:
        csv.field_size_limit(previous)  # the limit is the csv module's, for the whole process


def _csv_items(text: str, shown: str, columns: dict[str, str], *, assignee: str | None, since: datetime.datetime | None,
               link_template: str | None, date_formats: Sequence[str]) -> tuple[list[WorkItem], Diagnostics]:
    diagnostics = Diagnostics()
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        diagnostics.error(shown, 1, 1, "the file holds no CSV header", code="HUB958")
        return [], diagnostics
    wanted = {name: columns.get(name, name) for name in COLUMNS}
    folded = [cell.strip().casefold() for cell in header]
    positions = {name: [i for i, cell in enumerate(folded) if cell == head.casefold()] for name, head in wanted.items()}
    missing = [name for name in REQUIRED if not positions[name]]
    if missing:
        hints = "; ".join(f"no column '{wanted[name]}' for {name}" + (f" ({did_you_mean(wanted[name], header)})" if did_you_mean(wanted[name], header) else "")
                          for name in missing)
        diagnostics.error(shown, 1, 1, f"{hints}: map a header with --column {missing[0]}=HEADER", code="HUB958")
        return [], diagnostics
    items: list[WorkItem] = []
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            diagnostics.error(shown, reader.line_num, 1, f"the CSV cannot be read past this line: {error}", code="HUB958")
            break
        start, line = line, reader.line_num + 1

        def cell(name: str) -> str:
            at = positions[name]
            return row[at[0]].strip() if at and at[0] < len(row) else ""

        if not any(part.strip() for part in row):
            continue
        key = cell("key") or f"row {start}"
        comment = "\n".join(row[i] for i in positions["comment"] if i < len(row))
        trailers = comment_trailers(comment, start)
        if not trailers:
            continue
        if assignee and cell("assignee_email").casefold() != assignee.casefold():
            continue
        at = parse_time(cell("resolved"), date_formats)
        label = f"from {shown.rsplit('/', 1)[-1]}, line {start}" + (f", {_shown(key)}" if cell("key") else "")
        if at is None:
            diagnostics.warning(shown, start, 1, f"{label}: resolved '{_shown(cell('resolved'))}' is not a date this import reads "
                                f"(ISO 8601, Jira's 04/Mar/25 10:30 AM, ServiceNow's 2025-03-04 10:30:00, or --date-format); row skipped",
                                code="HUB960")
            continue
        if since and at < since:
            continue
        url = cell("url") or (link_template.replace("{key}", urllib.parse.quote(cell("key"), safe="-_.~")) if link_template and cell("key") else "")
        if url and not any(KEYS.get(t.key.lower()) == EVIDENCE for t in trailers):
            trailers = (*trailers, Trailer(EVIDENCE, url, start))
        items.append(WorkItem(shown, start, at, label, trailers))
    return items, diagnostics
