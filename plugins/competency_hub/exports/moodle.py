"""Moodle competency framework CSV, as `admin/tool/lpimportcsv` reads it (and its own export writes it).

One framework row (the map: its scale values and scale configuration come from the map's levels),
then a row per capability, then after each capability a row per behaviour, as its children.
Id numbers carry the hub ids, so `competency-hub import moodle` gives them back:
capability `<capability>`, behaviour `<capability>/<level>/<behaviour>`.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

from ..diagnostics import Diagnostics
from ..load import MapEntry
from ..load.index import HubIndex

HEADERS = [
    "Parent id number",
    "Id number",
    "Shortname",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross referenced competency id numbers",
    "Exported id (optional)",
    "Is framework",
    "Taxonomy",
]
"""The columns, in the order Moodle's importer reads them by default (and with these header names)."""

FORMAT_MOODLE, FORMAT_HTML, FORMAT_PLAIN, FORMAT_MARKDOWN = "0", "1", "2", "4"
"""Moodle's text formats; hub texts are Markdown, so they are written as FORMAT_MARKDOWN."""

TAXONOMY = "competency,behaviour"
"""Moodle's word for each depth of the tree: capabilities are competencies, behaviours behaviours."""

MAX_IDNUMBER = 100
"""Moodle shortens longer id numbers (and short names) on import."""

RULE_NONE = ("", "0", "null")
"""Rule type, outcome and config of a competency without a completion rule (as Moodle exports it)."""


@dataclass
class MoodleFile:
    src_uri: str
    content: bytes
    notes: Diagnostics = field(default_factory=Diagnostics)


def scale_value(name: str) -> str:
    """A level name as a Moodle scale item: Moodle stores a scale as one comma-separated text."""
    return name.replace(",", "‚")  # U+201A looks like a comma and keeps the number of items right


def scale_configuration(level_count: int) -> str:
    """The lowest level is the default; every level above it counts as proficient (Moodle needs one)."""
    items: list[dict[str, object]] = [{"scaleid": "0"}]
    for position in range(1, level_count + 1):
        items.append({"id": position, "scaledefault": int(position == 1), "proficient": int(position > 1)})
    return json.dumps(items, separators=(",", ":"))


def export_moodle(entry: MapEntry, index: HubIndex, src_uri: str) -> MoodleFile:
    """The map as one framework CSV; what Moodle cannot hold is in `notes`, with where it comes from."""
    model, source = entry.model, entry.source
    notes = Diagnostics()
    rows: list[list[str]] = [HEADERS]
    for level_index, level in enumerate(model.scale):
        if "," in level.name:
            mark = source.locate(("scale", level_index, "name"))
            notes.warning(
                source.path,
                mark.line,
                mark.column,
                f"Moodle CSV: level name '{level.name}' holds a comma, which Moodle reads as a separator "
                "between scale values; it is written with '‚' (U+201A) instead",
                code="HUB970",
            )
    rows.append(
        [
            "",
            model.id,
            model.title,
            model.summary,
            FORMAT_MARKDOWN,
            ",".join(scale_value(level.name) for level in model.scale),
            scale_configuration(len(model.scale)),
            "",
            "",
            "",
            "",
            "",
            "1",
            TAXONOMY,
        ]
    )
    capability_ids = {capability.id for capability in model.capabilities}
    for ci, capability in enumerate(model.capabilities):
        related: list[str] = []
        for ref in capability.related:
            found = index.capability(ref, model.id)
            if found is None:
                continue
            other_map, other = found
            # A framework can only cross-reference its own competencies: links to other maps are
            # left out (docs/reference/exports/moodle.md lists what Moodle cannot hold).
            if other_map.model.id == model.id and other.id in capability_ids and other.id not in related:
                related.append(other.id)
        rows.append(["", capability.id, capability.title, capability.why, FORMAT_MARKDOWN, "", "", *RULE_NONE, ",".join(related), "", "", ""])
        for level in model.scale:
            for bi, behaviour in enumerate(capability.behaviours.get(level.id, [])):
                idnumber = f"{capability.id}/{level.id}/{behaviour.id}"
                if len(idnumber) > MAX_IDNUMBER:
                    mark = source.locate(("capabilities", ci, "behaviours", level.id, bi, "id"))
                    notes.warning(
                        source.path,
                        mark.line,
                        mark.column,
                        f"Moodle CSV: id number '{idnumber}' is longer than the {MAX_IDNUMBER} characters "
                        "Moodle keeps, so Moodle will shorten it; shorter capability or behaviour ids avoid this",
                        code="HUB970",
                    )
                rows.append(
                    [
                        capability.id,
                        idnumber,
                        behaviour.text,
                        behaviour.text,
                        FORMAT_MARKDOWN,
                        "",
                        "",
                        *RULE_NONE,
                        "",
                        "",
                        "",
                        "",
                    ]
                )
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerows(rows)
    return MoodleFile(src_uri, out.getvalue().encode("utf-8"), notes)
