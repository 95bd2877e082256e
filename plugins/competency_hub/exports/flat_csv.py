"""A map as one flat CSV table, for HR and learning systems that take spreadsheets.

One row per behaviour, in the order of the map (capabilities in map order, then levels in scale
order, then behaviours in file order); each row repeats its map, capability and level, so any row
can be read on its own. A capability's evidence and alignments are joined cells, one entry per line
inside the cell, the same on every row of that capability. Texts are the map's Markdown as written.

The bytes are RFC 4180 (fields quoted only when needed, quotes doubled, CRLF between records),
UTF-8 with a byte order mark so that spreadsheet programs read it as UTF-8, and the same for the
same map (no dates or build times). docs/reference/exports/csv.md documents the columns.
"""

from __future__ import annotations

import csv
import io

from ..load import MapEntry
from ..render.text import FORMULA_STARTS, as_text

BOM = "\ufeff"
"""Without it Excel reads a CSV file in the system's legacy code page and garbles accented text."""

COLUMNS = [
    "Map id",
    "Map",
    "Capability id",
    "Capability",
    "Why it matters",
    "Critical",
    "Capability status",
    "Level number",
    "Level id",
    "Level",
    "Behaviour id",
    "Behaviour",
    "Builds on",
    "Evidence",
    "Alignments",
    "Alignment URIs",
]
"""The header row, in this order; docs/reference/exports/csv.md says what each column holds."""

SEPARATOR = "\n"
"""Between the entries of a joined cell (evidence, alignments): a line break inside the quoted cell."""


def one_line(text: str) -> str:
    """An entry of a joined cell on one line, so that splitting the cell at line breaks gives the entries back."""
    return " ".join(text.split())


def rows(entry: MapEntry) -> list[list[str]]:
    """The header and one row per behaviour."""
    model = entry.model
    table = [list(COLUMNS)]
    for capability in model.capabilities:
        evidence = SEPARATOR.join(one_line(e.title) for e in capability.evidence)
        alignments = SEPARATOR.join(
            one_line(f"{a.framework_label}: {a.label}" + (f" ({a.target_code})" if a.target_code and a.target_code not in a.label else "") + f" [{a.match}]")
            for a in capability.alignments
        )
        alignment_uris = SEPARATOR.join(a.public_url for a in capability.alignments)
        for number, level in enumerate(model.scale, start=1):
            for behaviour in capability.behaviours.get(level.id, []):
                table.append(
                    [
                        model.id,
                        model.title,
                        capability.id,
                        capability.title,
                        capability.why,
                        "yes" if capability.critical else "no",
                        capability.status,
                        str(number),
                        level.id,
                        level.name,
                        behaviour.id,
                        behaviour.text,
                        behaviour.builds_on or "",
                        evidence,
                        alignments,
                        alignment_uris,
                    ]
                )
    return table


def export_csv(entry: MapEntry) -> bytes:
    """The map's CSV file, byte for byte."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    table = rows(entry)
    writer.writerow(table[0])
    writer.writerows([as_text(cell) for cell in row] for row in table[1:])
    # Records end in CRLF; a line break inside a quoted text stays LF, as spreadsheet programs write it.
    return (BOM + out.getvalue()).encode("utf-8")
