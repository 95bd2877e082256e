"""Loading the pilots: `pilots/<id>.yml` and, beside each, an optional `pilots/<id>.csv` of interim results."""

from __future__ import annotations

import csv
import datetime
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics
from ..model.pilot import Measurement, Pilot
from .files import FileKind
from .folders import folder_files
from .models import validate_model
from .options import HubOptions
from .source import Source, load_yaml_file, read_text

CSV_COLUMNS = ("metric", "date", "value", "note")
"""The header of `pilots/<id>.csv`, in this order (`note` may be left empty)."""


@dataclass(frozen=True)
class Located:
    """A measurement and where it was written: its file and line (the YAML item or the CSV row)."""

    measurement: Measurement
    path: str
    line: int
    column: int = 1
    loc: tuple[str | int, ...] | None = None
    """Its place in the pilot file, when it is written there (for `Source.locate`)."""


@dataclass
class PilotEntry:
    model: Pilot
    source: Source
    file: Path
    """The pilot file on disk (its Git history is compared with it)."""
    measurements: list[Located] = field(default_factory=list)
    """Every interim result, from the file then the CSV, in the order written."""
    csv_path: str | None = None
    """The CSV beside the file as shown in diagnostics, when there is one."""


@dataclass
class PilotLibrary:
    pilots: dict[str, PilotEntry] = field(default_factory=dict)
    unloaded: set[str] = field(default_factory=set)
    """Ids of pilot files that failed their own checks."""


def _number(text: str) -> float | None:
    try:
        value = float(text.strip())
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_measurements_csv(path: Path, display: str, diagnostics: Diagnostics, max_bytes: int) -> list[Located]:
    """The rows of a pilot's CSV as measurements; each bad row is reported at its line and left out."""
    text = read_text(path, display, diagnostics, max_bytes=max_bytes)
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = list(reader)
    header = [cell.strip() for cell in rows[0]] if rows else []
    if tuple(header) not in (CSV_COLUMNS, CSV_COLUMNS[:3]):
        diagnostics.error(
            display, 1, 1, f"the header is '{','.join(header)}', not '{','.join(CSV_COLUMNS)}'",
            "the first line names the columns: metric,date,value,note", code="HUB570",
        )
        return []
    found: list[Located] = []
    line = 1
    for row in rows[1:]:
        line += 1
        if not any(cell.strip() for cell in row):
            continue
        cells = [cell.strip() for cell in row] + [""] * (4 - len(row))
        if len(row) > 4:
            diagnostics.error(display, line, 1, f"{len(row)} cells, more than the 4 columns {','.join(CSV_COLUMNS)}",
                              "quote a note that holds a comma", code="HUB570")
            continue
        metric, day, value, note = cells[:4]
        try:
            date = datetime.date.fromisoformat(day)
        except ValueError:
            diagnostics.error(display, line, len(metric) + 2, f"'{day}' is not a date written YYYY-MM-DD", code="HUB570")
            continue
        number = _number(value)
        if number is None:
            diagnostics.error(display, line, len(metric) + len(day) + 3, f"'{value}' is not a number",
                              "write the value in the metric's unit, with a dot for decimals", code="HUB570")
            continue
        try:
            measurement = Measurement(metric=metric, date=date, value=number, note=note or None)
        except ValueError:
            diagnostics.error(display, line, 1, f"'{metric}' is not a metric id", "ids are lowercase letters, digits and hyphens",
                              code="HUB570")
            continue
        found.append(Located(measurement, display, line))
    return found


def load_pilots(options: HubOptions, refused: dict[str, FileKind], diagnostics: Diagnostics) -> PilotLibrary:
    """Read `pilots/` if the hub has one (an empty library if not)."""
    library = PilotLibrary()
    folder = options.root / options.pilots_dir
    files = folder_files(options, refused, folder, diagnostics)
    stems = {f.path.stem for f in files if f.path.parent == folder and f.path.suffix in (".yml", ".yaml")}
    csvs: dict[str, Path] = {}
    for path, _, display in files:
        if path.parent == folder and path.suffix == ".csv" and path.stem in stems:
            csvs[path.stem] = path
        elif path.parent != folder or path.suffix not in (".yml", ".yaml"):
            diagnostics.warning(display, 1, 1, "not a pilot file or a pilot's CSV, so it is not published",
                                f"pilots are {options.pilots_dir}/<id>.yml, their results {options.pilots_dir}/<id>.csv",
                                code="HUB573")
    for path, _, display in files:
        if path.parent != folder or path.suffix not in (".yml", ".yaml"):
            continue
        source = load_yaml_file(path, display, diagnostics, max_bytes=options.max_file_size)
        model = validate_model(Pilot, source, diagnostics, what="a pilot file") if source else None
        if model is None or source is None:
            library.unloaded.add(path.stem)
            continue
        if model.id != path.stem:
            mark = source.locate(("id",))
            diagnostics.error(display, mark.line, mark.column, f"id '{model.id}' differs from the file name '{path.stem}'",
                              "ids are part of URLs: rename the file or change the id so that they match", code="HUB201")
            library.unloaded.update({model.id, path.stem})
            continue
        entry = PilotEntry(model, source, path)
        for i, measurement in enumerate(model.measurements):
            mark = source.locate(("measurements", i))
            entry.measurements.append(Located(measurement, display, mark.line, mark.column, ("measurements", i)))
        if path.stem in csvs:
            entry.csv_path = options.display(csvs[path.stem])
            entry.measurements += read_measurements_csv(csvs[path.stem], entry.csv_path, diagnostics, options.max_file_size)
        library.pilots[model.id] = entry
    return library
