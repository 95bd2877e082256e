"""`competency-hub import moodle FILE.csv`: a Moodle competency framework CSV becomes a map.

The framework row gives the map (title, summary, scale from its scale values). In the tree of
competencies, a competency with leaf children becomes a capability and its leaves its behaviours;
a competency whose children all have children of their own is a grouping, which a map does not
have: its capabilities are listed in its place and the grouping is reported. Id numbers of the
form `<capability>/<level>/<behaviour>` (what `competency-hub export` writes) give each behaviour
its level back; other behaviours go to the lowest proficient level of the framework's scale.

The file is read as Moodle's own importer (admin/tool/lpimportcsv) reads it: row 1 is the header and
the 14 columns are taken by position, never by header text, so a file from any Moodle version and in
any language imports alike. The separator is one of the four Moodle offers (comma, semicolon, colon,
tab), a UTF-8 byte order mark is skipped, and each problem is reported at the line its record starts
on. The header is only checked to warn (HUB947) when the file looks like something else.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostics
from ..model.common import SLUG_PATTERN
from .htmltext import html_to_markdown, looks_like_html
from .common import REVIEW_DATE_NOTE, Commented, ImportResult, Placeholder, UniqueIds, behaviour_id_allowed, behaviour_ids, behaviour_placeholder, capability_ids, evidence_placeholder, level_placeholders, map_header, moment_placeholder, owner_placeholder, summary_placeholder, why_placeholder, review_date_placeholder, to_yaml
from ..exports.moodle import FORMAT_HTML, FORMAT_MARKDOWN, FORMAT_MOODLE, FORMAT_PLAIN, HEADERS, TAXONOMY

KEYS = (
    "parent",
    "idnumber",
    "shortname",
    "description",
    "format",
    "scalevalues",
    "scaleconfig",
    "ruletype",
    "ruleoutcome",
    "ruleconfig",
    "related",
    "exportid",
    "isframework",
    "taxonomy",
)
"""What each column holds, by position: Moodle's importer reads columns 1 to 14 in this order, whatever
the header says (row 1 is the header; the user may remap columns in Moodle's form, the default is this)."""

CURRENT_HEADERS = (
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
)
"""The header current English Moodle writes (its exporter writes the header in the user's language)."""

LEGACY_HEADERS = tuple(HEADERS)
"""The header of Moodle 3.3 (its test fixture), which `competency-hub export` writes too."""

SPELLINGS = (CURRENT_HEADERS, LEGACY_HEADERS)
COLUMN_COUNT = len(KEYS)
REQUIRED = ("parent", "idnumber", "shortname", "isframework")
"""Columns a map cannot be made without; the others may be empty, but must be there to keep positions."""
DELIMITERS = (",", ";", "\t", ":")
"""The separators Moodle's import form offers; the one that splits the header best is taken."""


def _normal(name: str) -> str:
    """A header name compared loosely: case, spaces, hyphens and underscores do not matter."""
    return re.sub(r"[\s\-_]+", " ", name.strip().lower()).strip()


KNOWN = {_normal(spelling[index]): KEYS[index] for spelling in SPELLINGS for index in range(COLUMN_COUNT)}
"""Every known English spelling of a column, to the column it names."""


def header_score(names: list[str]) -> tuple[int, bool, int]:
    """How well a delimiter splits the header: known names, exactly Moodle's 14 columns, then more columns."""
    return (sum(1 for name in names if _normal(name) in KNOWN), len(names) == COLUMN_COUNT, len(names))


def truthy(value: str) -> bool:
    """'Is framework' as Moodle (PHP) reads it: empty and '0' are false, anything else is true."""
    return value.strip() not in ("", "0")


@dataclass
class Record:
    line: int
    values: dict[str, str]
    children: list["Record"] = field(default_factory=list)
    parent: "Record | None" = None

    def get(self, key: str) -> str:
        return self.values.get(key, "")

    @property
    def idnumber(self) -> str:
        return self.get("idnumber").strip()

    @property
    def title(self) -> str:
        return self.get("shortname").strip()


class MoodleImporter:
    def __init__(self, text: str, display: str, map_id: str | None, existing: dict[str, Any] | None = None) -> None:
        self.text = text
        self.display = display
        self.requested_id = map_id
        self.diagnostics = Diagnostics()
        self.existing = existing or {}

    # -- reporting -------------------------------------------------------------------------------------

    def error(self, line: int, message: str, hint: str | None = None) -> None:
        self.diagnostics.error(self.display, line, 1, message, hint, code="HUB945")

    def warning(self, line: int, message: str, hint: str | None = None, code: str = "HUB946") -> None:
        self.diagnostics.warning(self.display, line, 1, message, hint, code=code)

    # -- reading ---------------------------------------------------------------------------------------

    def delimiter(self, text: str) -> str:
        """The separator that splits the header row best (Moodle's form lets the user choose one of four)."""
        best, chosen = (-1, False, 0), ","
        for delimiter in DELIMITERS:
            try:
                first = next(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), [])
            except csv.Error:
                continue
            score = header_score(first)
            if score > best:
                best, chosen = score, delimiter
        return chosen

    def rows(self, text: str, delimiter: str) -> list[tuple[int, list[str]]] | None:
        """Every record with the line it starts on (a quoted field may hold line breaks)."""
        rows: list[tuple[int, list[str]]] = []
        previous = 0
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
        try:
            for row in reader:
                rows.append((previous + 1, row))
                previous = reader.line_num
        except csv.Error as exc:
            self.error(previous + 1, f"not a valid CSV file: {exc}", "quote fields that hold commas, quotes or line breaks")
            return None
        return rows

    def read(self) -> list[Record] | None:
        text = self.text.lstrip("\ufeff")
        if not text.strip():
            self.error(1, "the file is empty")
            return None
        delimiter = self.delimiter(text)
        rows = self.rows(text, delimiter)
        if rows is None:
            return None
        if not any(any(cell.strip() for cell in row) for _, row in rows):
            self.error(1, "the file is empty")
            return None
        header = rows[0][1]
        records: list[Record] = []
        for line, row in rows[1:]:
            if not any(cell.strip() for cell in row):
                continue
            extra = [cell for i, cell in enumerate(row) if i >= max(len(header), COLUMN_COUNT) and cell.strip()]
            if extra:
                self.warning(line, f"the record has {len(row)} fields but the header names {len(header)}; the extra values are not imported: {', '.join(repr(e[:30]) for e in extra)}")
            records.append(Record(line, {key: row[i] if i < len(row) else "" for i, key in enumerate(KEYS)}))
        if not self.check_header(header, records, delimiter):
            return None
        return records

    def check_header(self, header: list[str], records: list[Record], delimiter: str) -> bool:
        """Columns are read by position, as Moodle does; the header only tells when the file looks like something else."""
        names = [_normal(name) for name in header]
        known = [KNOWN.get(name) for name in names]
        spelling = max(SPELLINGS, key=lambda headers: sum(1 for i, name in enumerate(names[:COLUMN_COUNT]) if name == _normal(headers[i])))
        if len(header) < COLUMN_COUNT:
            count = f"the file has {len(header)} column(s); Moodle's competency framework CSV has {COLUMN_COUNT}, read by position"
            if not any(known):
                first = delimiter.join(header)
                self.error(
                    1,
                    f"not a Moodle competency framework CSV: the first line is {first[:80]!r} ({count})",
                    "the first line names the columns: " + ", ".join(CURRENT_HEADERS),
                )
                return False
            absent = range(len(header), COLUMN_COUNT)
            required = [i for i in absent if KEYS[i] in REQUIRED]
            others = [i for i in absent if KEYS[i] not in REQUIRED]
            listed = ", ".join(f"'{spelling[i]}'" for i in required + others)
            self.error(
                1,
                f"missing column(s): {listed}: {count}",
                "Moodle's export writes, in this order: " + ", ".join(CURRENT_HEADERS),
            )
            return False
        for index in range(COLUMN_COUNT, len(header)):
            if header[index].strip():
                self.warning(1, f"column {index + 1} '{header[index].strip()}' is beyond Moodle's {COLUMN_COUNT} columns; it is not imported")
        misplaced = [i for i in range(COLUMN_COUNT) if known[i] is not None and known[i] != KEYS[i]]
        unknown = [i for i in range(COLUMN_COUNT) if known[i] is None]
        if misplaced:
            why = "the header names Moodle's columns in another order"
        elif unknown and not self.looks_like_a_framework(records):
            why = (
                "the header does not match Moodle's column names and the records do not look like a framework "
                "(one record with 'Is framework', column 13, set and no parent)"
            )
        else:
            # Moodle's spelling, or a header in another language (Moodle writes it in the user's
            # language) over records that fit the columns: nothing to say.
            return True
        taken = "; ".join(f"column {i + 1} '{header[i].strip()}' as '{spelling[i]}'" for i in sorted(misplaced + unknown))
        self.warning(
            1,
            f"{why}; the columns are read by position, as Moodle does: {taken}",
            "Moodle's export writes, in this order: " + ", ".join(CURRENT_HEADERS),
            code="HUB947",
        )
        return True

    @staticmethod
    def looks_like_a_framework(records: list[Record]) -> bool:
        """One record with 'Is framework' set and no parent, every other one a competency: the data fits the columns."""
        frameworks = [record for record in records if truthy(record.get("isframework"))]
        return len(frameworks) == 1 and not frameworks[0].get("parent").strip()

    # -- structure ---------------------------------------------------------------------------------------

    def framework(self, records: list[Record]) -> Record | None:
        frameworks = [r for r in records if truthy(r.get("isframework"))]
        if not frameworks:
            self.error(
                records[0].line if records else 1,
                "no framework record: one record needs 'Is framework' (column 13) set to 1",
                "Moodle's export writes the framework first, with its scale",
            )
            return None
        if len(frameworks) > 1:
            lines = ", ".join(str(r.line) for r in frameworks)
            self.error(frameworks[1].line, f"more than one framework record (lines {lines}); a file holds one framework")
            return None
        return frameworks[0]

    def tree(self, records: list[Record], framework: Record) -> list[Record]:
        """Top-level competencies, each with its children, in file order; problems reported."""
        by_id: dict[str, Record] = {}
        competencies: list[Record] = []
        for record in records:
            if record is framework:
                continue
            if not record.idnumber:
                self.warning(record.line, f"competency '{record.title}' has no id number; one is made from its short name")
                record.values["idnumber"] = f"line-{record.line}-{record.title}"
            if record.idnumber in by_id:
                first = by_id[record.idnumber]
                self.warning(
                    record.line,
                    f"id number '{record.idnumber}' is used again (first on line {first.line}); this record is not imported",
                    "id numbers must be unique in a framework",
                )
                continue
            by_id[record.idnumber] = record
            competencies.append(record)
        roots: list[Record] = []
        for record in competencies:
            parent_id = record.get("parent").strip()
            if not parent_id or parent_id == framework.idnumber:
                roots.append(record)
            elif parent_id in by_id and by_id[parent_id] is not record:
                record.parent = by_id[parent_id]
                record.parent.children.append(record)
            else:
                self.warning(record.line, f"parent '{parent_id}' of '{record.idnumber}' is not in the file; it is imported at the top level")
                roots.append(record)
        reached: set[int] = set()

        def walk(node: Record) -> None:
            stack = [node]
            while stack:
                current = stack.pop()
                if id(current) in reached:
                    continue
                reached.add(id(current))
                stack.extend(current.children)

        for root in roots:
            walk(root)
        for record in competencies:
            if id(record) not in reached:
                self.warning(record.line, f"'{record.idnumber}' and its parents form a loop; it is imported at the top level")
                if record.parent is not None:
                    record.parent.children.remove(record)
                    record.parent = None
                roots.append(record)
                walk(record)
        return roots

    # -- text --------------------------------------------------------------------------------------------

    def text_of(self, record: Record, what: str) -> str:
        description = record.get("description").strip()
        fmt = record.get("format").strip() or FORMAT_HTML
        if not description:
            return ""
        if fmt == FORMAT_HTML or (fmt == FORMAT_MOODLE and looks_like_html(description)):
            text, dropped = html_to_markdown(description)
            if dropped:
                self.warning(record.line, f"{what}: HTML that plain text cannot hold is not kept: {', '.join(sorted(dropped))}")
            return text
        if fmt not in (FORMAT_PLAIN, FORMAT_MARKDOWN, FORMAT_MOODLE):
            self.warning(record.line, f"{what}: unknown description format '{fmt}'; the text is kept as it is")
        return description.replace("\r\n", "\n").replace("\r", "\n")

    # -- the map ---------------------------------------------------------------------------------------

    def scale(self, framework: Record) -> tuple[list[str], int] | None:
        values = [value.strip().replace("‚", ",") for value in framework.get("scalevalues").split(",")]
        values = [value for value in values if value]
        if not 2 <= len(values) <= 7:
            self.error(
                framework.line,
                f"the framework's scale has {len(values)} value(s); a map's scale has 2 to 7 levels",
                "give the framework a scale of 2 to 7 values (column 'Scale values', separated by commas)",
            )
            return None
        proficient = 0
        config = framework.get("scaleconfig").strip()
        if config:
            try:
                items = json.loads(config)
                flagged = sorted(
                    int(item["id"]) - 1
                    for item in items[1:]
                    if isinstance(item, dict) and item.get("proficient") and str(item.get("id", "")).isdigit()
                )
                proficient = flagged[0] if flagged and flagged[0] < len(values) else 0
            except (ValueError, TypeError, KeyError, IndexError):
                self.warning(framework.line, "the scale configuration is not valid JSON; the lowest level is taken as the first proficient one")
        return values, proficient

    def build(self) -> ImportResult | None:
        records = self.read()
        if records is None:
            return None
        framework = self.framework(records)
        if framework is None:
            return None
        scale = self.scale(framework)
        if scale is None:
            return None
        level_names, proficient = scale
        roots = self.tree(records, framework)
        if self.diagnostics.errors:
            return None
        self.report_unmapped(records, framework)
        capabilities = self.capabilities(roots)
        level_ids = self.level_ids(capabilities, level_names)
        scale_data = [{"id": level_id, "name": name, **level_placeholders(name)} for level_id, name in zip(level_ids, level_names)]
        self.warning(
            framework.line,
            "Moodle scales hold only level names: every level's summary, complexity, quality and "
            "independence is a placeholder",
        )
        capability_data = self.capability_data(records, capabilities, level_ids, level_names, proficient)
        if not capability_data:
            self.error(framework.line, "the framework has no competencies; a map needs at least one capability")
            return None
        return self.result(framework, scale_data, capability_data)

    def report_unmapped(self, records: list[Record], framework: Record) -> None:
        """What the records hold that has no equivalent in a map: rules, scales of their own, ids, the taxonomy."""
        for key, what in (("ruletype", "completion rule"),):
            for record in records:
                if record.get(key).strip():
                    self.warning(record.line, f"the {what} of '{record.idnumber}' ({record.get(key).strip()}) has no equivalent in a map; it is not imported")
        for record in records:
            if record is not framework and record.get("scalevalues").strip():
                self.warning(record.line, f"'{record.idnumber}' has a scale of its own; a map has one scale for all capabilities, so it is not imported")
        if any(r.get("exportid").strip() for r in records):
            self.warning(records[0].line, "the 'Exported ID' column (12) holds the source site's internal ids (used to map rules); they are not imported")
        taxonomy = framework.get("taxonomy").strip()
        if taxonomy and taxonomy != TAXONOMY:
            self.warning(framework.line, f"the framework's taxonomy ({taxonomy}) has no equivalent in a map; it is not imported")

    def capabilities(self, roots: list[Record]) -> list[tuple[Record, list[Record], list[str]]]:
        """Which competencies become capabilities, behaviours, or groupings: (record, behaviours, comments).

        The tree is walked in file order with a stack of its own, so a deep framework cannot exhaust
        Python's recursion limit."""
        capabilities: list[tuple[Record, list[Record], list[str]]] = []
        stack: list[tuple[Record, list[str]]] = [(root, []) for root in reversed(roots)]
        while stack:
            node, groups = stack.pop()
            inner = self._visit(node, groups, capabilities)
            stack.extend((child, groups + [node.title]) for child in reversed(inner))
        return capabilities

    def _visit(self, node: Record, groups: list[str], capabilities: list[tuple[Record, list[Record], list[str]]]) -> list[Record]:
        """One competency placed; its children that have children of their own, to visit next."""
        leaves = [child for child in node.children if not child.children]
        inner = [child for child in node.children if child.children]
        if leaves or not node.children:
            comments = [f"Moodle: under {' › '.join(groups)}"] if groups else []
            capabilities.append((node, leaves, comments))
            if inner:
                self.warning(
                    node.line,
                    f"'{node.idnumber}' has both behaviours and competencies under it; a map has no "
                    f"sub-capabilities, so {', '.join(repr(c.idnumber) for c in inner)} become capabilities of their own",
                )
        else:
            self.warning(
                node.line,
                f"'{node.idnumber}' ({node.title}) groups competencies; a map has no groupings, so its "
                "capabilities are listed in its place (the grouping is named in a comment)",
            )
        return inner

    def level_ids(self, capabilities: list[tuple[Record, list[Record], list[str]]], level_names: list[str]) -> list[str]:
        """Levels: ids from hub-style id numbers (`capability/level/behaviour`) when they agree with the scale."""
        hub_levels: list[str] = []
        for record, behaviours, _ in capabilities:
            for behaviour in behaviours:
                parts = behaviour.idnumber.split("/")
                if len(parts) == 3 and parts[0] == record.idnumber and re.match(SLUG_PATTERN, parts[1]) and parts[1] not in hub_levels:
                    hub_levels.append(parts[1])
        if len(hub_levels) == len(level_names):
            return hub_levels
        level_id_maker = UniqueIds()
        return [level_id_maker.make(name, fallback="level") for name in level_names]

    def capability_data(
        self,
        records: list[Record],
        capabilities: list[tuple[Record, list[Record], list[str]]],
        level_ids: list[str],
        level_names: list[str],
        proficient: int,
    ) -> list[Any]:
        """Each capability's map data, its behaviours by level; cross-references that a map cannot hold reported."""
        cap_ids = capability_ids()
        beh_ids = behaviour_ids()
        unrelated: list[Record] = []
        capability_data: list[Any] = []
        chosen_ids: dict[str, str] = {}
        for record, _, _ in capabilities:
            candidate = record.idnumber if re.match(SLUG_PATTERN, record.idnumber) else record.idnumber or record.title
            chosen_ids[record.idnumber] = cap_ids.make(candidate, record.title, fallback="capability")
        for record, behaviours, comments in capabilities:
            capability_id = chosen_ids[record.idnumber]
            title = record.title or record.idnumber
            why = self.text_of(record, f"'{record.idnumber}'")
            comments = list(comments)
            if capability_id != record.idnumber:
                comments.append(f"Moodle id number: {record.idnumber}")
            by_level = self.behaviours(record, behaviours, title, capability_id, level_ids, level_names, proficient, beh_ids)
            unrelated += [behaviour for behaviour in behaviours if behaviour.get("related").strip()]
            related: list[str] = []
            for ref in [r.strip().replace("%2C", ",") for r in record.get("related").split(",") if r.strip()]:
                if ref in chosen_ids:
                    related.append(chosen_ids[ref])
                else:
                    self.warning(record.line, f"cross-reference from '{record.idnumber}' to '{ref}' is not imported: '{ref}' is not a capability of this map")
            capability: dict[str, Any] = {
                "id": capability_id,
                "title": title,
                "why": why or why_placeholder(title, capability_id),
                "moments": [moment_placeholder(capability_id)],
                "behaviours": by_level,
                "evidence": [evidence_placeholder(capability_id, list(zip(level_ids, level_names)))],
            }
            if related:
                capability["related"] = list(dict.fromkeys(related))
            capability_data.append(Commented(capability, comments) if comments else capability)
        for record in capabilities_without_leaves(records, capabilities):
            if record.get("related").strip():
                unrelated.append(record)
        if unrelated:
            lines = ", ".join(str(r.line) for r in unrelated[:10]) + (", …" if len(unrelated) > 10 else "")
            self.warning(
                unrelated[0].line,
                f"cross-references of {len(unrelated)} competencies that are not capabilities are not imported "
                f"(lines {lines}): in a map only capabilities are related",
            )
        return capability_data

    def behaviours(
        self,
        record: Record,
        behaviours: list[Record],
        title: str,
        capability_id: str,
        level_ids: list[str],
        level_names: list[str],
        proficient: int,
        beh_ids: UniqueIds,
    ) -> dict[str, list[Any]]:
        """One capability's behaviours by level: at the level their id number names or the first proficient one."""
        by_level: dict[str, list[Any]] = {level_id: [] for level_id in level_ids}
        placed_default = 0
        for behaviour in behaviours:
            parts = behaviour.idnumber.split("/")
            if len(parts) == 3 and parts[0] == record.idnumber and parts[1] in by_level:
                level_id, source_id = parts[1], parts[2]
            else:
                level_id, source_id = level_ids[proficient], behaviour.idnumber
                placed_default += 1
            text = self.text_of(behaviour, f"'{behaviour.idnumber}'") or behaviour.title
            behaviour_id = beh_ids.make(source_id, behaviour.title, prefix=capability_id, fallback="behaviour")
            if not behaviour_id_allowed(behaviour_id, level_ids, ["evidence"]):
                behaviour_id = beh_ids.make(f"{capability_id}-{behaviour_id}", fallback="behaviour")
            item: dict[str, Any] = {"id": behaviour_id, "text": text or Placeholder("what someone does.", "behaviour text")}
            note = [f"Moodle id number: {behaviour.idnumber}"] if behaviour_id != source_id else []
            by_level[level_id].append(Commented(item, note) if note else item)
        if placed_default:
            self.warning(
                record.line,
                f"{placed_default} behaviour(s) of '{record.idnumber}' are placed at level '{level_names[proficient]}' "
                "(the first proficient level of the scale): Moodle competencies have no levels",
                "move each behaviour to the level it describes",
            )
        for level_id, name in zip(level_ids, level_names):
            if not by_level[level_id]:
                placeholder_id = beh_ids.make(f"{capability_id}-{level_id}", fallback="behaviour")
                by_level[level_id].append(behaviour_placeholder(placeholder_id, capability_id, title, name))
        return by_level

    def result(self, framework: Record, scale_data: list[dict[str, Any]], capability_data: list[Any]) -> ImportResult:
        """The map: its id, title and summary from the framework, placeholders for what Moodle does not hold."""
        map_id = self.requested_id or UniqueIds().make(framework.idnumber, framework.title, fallback="imported-map")
        title = framework.title or framework.idnumber or map_id
        summary = self.text_of(framework, "the framework")
        data: dict[str, Any] = {
            "id": map_id,
            "title": title,
            "summary": summary or summary_placeholder(),
            "owners": [owner_placeholder()],
            "review_date": review_date_placeholder(),
            "status": Commented("draft", ["Draft until the placeholders are filled in and the owners have checked it."]),
            "scale": scale_data,
            "capabilities": capability_data,
        }
        header = map_header(self.display, "the Moodle competency framework", data)
        result = ImportResult(map_id, to_yaml(data, header), data, self.diagnostics)
        result.notes.append((("review_date",), REVIEW_DATE_NOTE))
        return result


def capabilities_without_leaves(records: list[Record], capabilities: list[tuple[Record, list[Record], list[str]]]) -> list[Record]:
    """Competencies that became neither a capability nor a behaviour: the groupings."""
    placed = {id(record) for record, _, _ in capabilities} | {id(b) for _, leaves, _ in capabilities for b in leaves}
    return [r for r in records if id(r) not in placed and not truthy(r.get("isframework"))]


def import_moodle(text: str, display: str, map_id: str | None = None) -> tuple[ImportResult | None, Diagnostics]:
    """The map YAML (or None when the file cannot be imported) and every problem found."""
    importer = MoodleImporter(text, display, map_id)
    result = importer.build()
    return result, importer.diagnostics
