"""`competency-hub import moodle` accepts every framework CSV Moodle's own importer accepts.

Moodle's importer (admin/tool/lpimportcsv) takes row 1 as the header and reads the 14 columns by
position; the header is written in the exporting user's language and its English wording changed
after Moodle 3.3. The user picks the separator (comma, semicolon, colon, tab). So the same framework
may come as any of the files in tests/fixtures/moodle/ (our own text, see its README): each must
import to the same map as the current-English one, with its problems at the line each record starts on.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from hub import empty_hub, export, imported
from standards import standard

from competency_hub.diagnostics import Diagnostics
from competency_hub.imports.common import ImportResult, plain
from competency_hub.imports.moodle import CURRENT_HEADERS, import_moodle

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "moodle"
VARIANTS = sorted(path.name for path in FIXTURES.glob("*.csv") if path.name != "current-english.csv")

pytestmark = pytest.mark.usefixtures("fixed_time")  # the review date the import writes is six months from today


def imported_in_process(path: Path, text: str | None = None) -> tuple[ImportResult | None, Diagnostics]:
    """The import of a file as its bytes say (a byte order mark is left for the importer to handle)."""
    if text is None:
        text = path.read_bytes().decode("utf-8")
    return import_moodle(text, str(path))


def messages(diagnostics: Diagnostics) -> list[tuple[str, str | None, str]]:
    """What was reported, without where: records start on other lines when fields hold line breaks."""
    return sorted((d.severity, d.code, d.message) for d in diagnostics)


@pytest.fixture(scope="module")
def english() -> tuple[ImportResult, Diagnostics]:
    result, diagnostics = imported_in_process(FIXTURES / "current-english.csv")
    assert result is not None and not diagnostics.errors, [d.format_text() for d in diagnostics]
    return result, diagnostics


def test_the_current_english_file_gives_the_framework(english: tuple[ImportResult, Diagnostics]) -> None:
    result, diagnostics = english
    data = plain(result.data)
    assert data["id"] == "wh-safety" and data["title"] == "Warehouse safety"
    assert [level["name"] for level in data["scale"]] == ["Learning", "Safe on the floor", "Safety lead"]
    assert [c["id"] for c in data["capabilities"]] == ["wh-move", "wh-aisle", "wh-fork", "wh-report"]
    aisle = data["capabilities"][1]
    assert aisle["why"] == "Keeps aisles **clear** and marks spills.\n\n- before a shift\n- after a _delivery_"
    assert [b["id"] for b in aisle["behaviours"]["safe-on-the-floor"]] == ["wh-aisle-walk", "wh-aisle-spill"]
    assert data["capabilities"][3]["related"] == ["wh-aisle", "wh-fork"]
    assert "HUB947" not in {d.code for d in diagnostics}
    assert "Moodle: under Equipment" in result.yaml_text


@pytest.mark.parametrize("name", VARIANTS)
def test_every_variant_imports_to_the_same_map(name: str, english: tuple[ImportResult, Diagnostics]) -> None:
    result, diagnostics = imported_in_process(FIXTURES / name)
    assert result is not None and not diagnostics.errors, [d.format_text() for d in diagnostics]
    assert plain(result.data) == plain(english[0].data)
    # The same notes on what a map cannot hold, and none about the header (HUB947): a header in another
    # language over a framework's records is what Moodle writes for a French or German user.
    assert messages(diagnostics) == messages(english[1])


def test_the_variants_differ_as_their_names_say() -> None:
    """The fixtures really are what the tests above take them for."""
    raw = {name: (FIXTURES / name).read_bytes() for name in [*VARIANTS, "current-english.csv"]}
    assert [name for name, data in raw.items() if data.startswith(b"\xef\xbb\xbf")] == ["bom.csv", "german-excel.csv"]
    assert sorted(name for name, data in raw.items() if data.count(b"\r\n") > 10) == ["crlf.csv", "german-excel.csv"]
    first_lines = {name: data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8") for name, data in raw.items()}
    assert first_lines["semicolons.csv"].count(";") == 13 and first_lines["tabs.csv"].count("\t") == 13
    assert first_lines["colons.csv"].count(":") == 13 and first_lines["german-excel.csv"].count(";") == 13
    assert first_lines["moodle-3.3.csv"].startswith("Parent id number,Id number,Shortname,")
    assert first_lines["current-english.csv"].startswith("Parent ID number,ID number,Short name,")
    assert first_lines["french.csv"].startswith("Numéro d'identification du parent,")
    assert b'"<p>Keeps aisles <strong>clear</strong> and\r\nmarks spills.</p>\r\n<ul>' in raw["rich-text.csv"]


@pytest.mark.parametrize("name", ["rich-text.csv", "german-excel.csv", "current-english.csv"])
def test_a_record_is_reported_at_the_line_it_starts_on(name: str) -> None:
    path = FIXTURES / name
    lines = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").split("\n")
    starts = {ident: [i for i, line in enumerate(lines, 1) if line.replace(";", ",").startswith(f"{ident},")] for ident in (",WH-EQUIP", ",WH-AISLE", ",WH-REPORT")}
    assert all(len(found) == 1 for found in starts.values()), starts  # top-level records: an empty parent first
    start = {ident: found[0] for ident, found in starts.items()}
    _, diagnostics = imported_in_process(path)
    reported = [d.format_text() for d in diagnostics]
    assert f"{path}:{start[',WH-EQUIP']}:1: warning: HUB946 'WH-EQUIP' (Equipment) groups competencies" in "\n".join(reported)
    assert any(line.startswith(f"{path}:{start[',WH-AISLE']}:1: warning: HUB946 2 behaviour(s) of 'WH-AISLE'") for line in reported)
    assert any(line.startswith(f"{path}:{start[',WH-REPORT']}:1: warning: HUB946 1 behaviour(s) of 'WH-REPORT'") for line in reported)
    if name == "rich-text.csv":  # the records before these span several lines each
        assert start[",WH-EQUIP"] > 18


def test_a_spreadsheet_save_in_german_imports_with_the_command(capsys, tmp_path: Path) -> None:
    root = empty_hub(tmp_path)
    status, out, err = imported(capsys, "moodle", FIXTURES / "german-excel.csv", root)
    assert status == 0, err
    assert out.strip().endswith("maps/wh-safety.yml") and "passes validation" in err
    assert "HUB947" not in err and ": error: " not in err


@pytest.mark.parametrize("delimiter", [",", ";", "\t", ":"])
def test_every_field_quoted_after_a_byte_order_mark(delimiter: str, english: tuple[ImportResult, Diagnostics], tmp_path: Path) -> None:
    """A byte order mark right before the header's opening quote, every field quoted, each of Moodle's separators."""
    text = (FIXTURES / "rich-text.csv").read_text(encoding="utf-8")
    raw = resaved(text, delimiter=delimiter, bom=True, quoting=csv.QUOTE_ALL)
    assert raw.startswith(b'\xef\xbb\xbf"Parent ID number"')
    result, diagnostics = imported_in_process(tmp_path / "quoted.csv", raw.decode("utf-8"))
    assert result is not None and not diagnostics.errors, [d.format_text() for d in diagnostics]
    assert plain(result.data) == plain(english[0].data)
    assert messages(diagnostics) == messages(english[1])


# -- round trips: what the hub exports, saved again by Moodle or a spreadsheet -------------------------------


def resaved(
    text: str, *, delimiter: str = ",", header: list[str] | None = None, newline: str = "\r\n", bom: bool = False, quoting: int = csv.QUOTE_MINIMAL
) -> bytes:
    """The CSV written again: another header spelling, separator, line end, quoting, or a byte order mark."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if header is not None:
        rows[0] = header
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator=newline, quoting=quoting).writerows(rows)
    return (b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8")


def test_an_exported_framework_saved_as_current_moodle_would_round_trips(capsys, hub: Path, tmp_path: Path) -> None:
    """Export → a current English Moodle header, semicolons, LF, a byte order mark → import → export: the same file."""
    first = export(capsys, hub, tmp_path / "first", "--format", "moodle")
    target = empty_hub(tmp_path)
    for name in ("support", "billing"):
        text = (tmp_path / "first" / "moodle" / f"{name}.csv").read_text(encoding="utf-8")
        path = tmp_path / f"{name}.csv"
        path.write_bytes(resaved(text, delimiter=";", header=list(CURRENT_HEADERS), newline="\n", bom=True))
        status, _, err = imported(capsys, "moodle", path, target)
        assert status == 0, err
        assert "HUB947" not in err
    second = export(capsys, target, tmp_path / "second", "--format", "moodle")
    assert second == first


def test_moodles_own_fixture_with_a_current_header_semicolons_and_a_bom_imports_alike(tmp_path: Path) -> None:
    """Moodle 3.3's fixture (shared/standards, not in this repository) as a newer Moodle would write it."""
    fixture = standard("moodle/lpimportcsv-example.csv")
    text = fixture.read_bytes().decode("utf-8")
    original, original_notes = imported_in_process(fixture, text)
    assert original is not None and not original_notes.errors
    raw = resaved(text, delimiter=";", header=list(CURRENT_HEADERS), bom=True)
    result, diagnostics = imported_in_process(tmp_path / "example.csv", raw.decode("utf-8"))
    assert result is not None and plain(result.data) == plain(original.data)
    assert [(d.line, d.message) for d in diagnostics] == [(d.line, d.message) for d in original_notes]


# -- files that are not what Moodle writes ---------------------------------------------------------------------


def test_fewer_than_14_columns_is_an_error_at_line_1(capsys, tmp_path: Path) -> None:
    root = empty_hub(tmp_path)
    text = (FIXTURES / "current-english.csv").read_text(encoding="utf-8")
    path = tmp_path / "short.csv"
    rows = list(csv.reader(io.StringIO(text, newline="")))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows(row[:13] for row in rows)  # no Taxonomy
    path.write_text(buffer.getvalue(), encoding="utf-8")
    status, _, err = imported(capsys, "moodle", path, root)
    assert status == 1 and "no map was written" in err
    assert (
        f"{path}:1:1: error: HUB945 missing column(s): 'Taxonomy': the file has 13 column(s); "
        "Moodle's competency framework CSV has 14, read by position" in err
    )
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\n").writerows([["Numéro", "Nom", "Parent"], ["a", "A", ""]])
    path.write_text(buffer.getvalue(), encoding="utf-8")
    status, _, err = imported(capsys, "moodle", path, root)
    assert status == 1 and not list((root / "maps").glob("*.yml"))
    assert (
        f"{path}:1:1: error: HUB945 not a Moodle competency framework CSV: the first line is 'Numéro,Nom,Parent' "
        "(the file has 3 column(s); Moodle's competency framework CSV has 14, read by position)" in err
    )


def test_a_header_in_another_order_is_read_by_position_with_a_warning(english: tuple[ImportResult, Diagnostics], tmp_path: Path) -> None:
    """Moodle reads by position whatever the header says, so the import does too, and says which column is read as what."""
    text = (FIXTURES / "current-english.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    swapped = header.replace("ID number,Short name", "Short name,ID number", 1)
    assert swapped != header
    path = tmp_path / "swapped.csv"
    result, diagnostics = imported_in_process(path, swapped + "\n" + rest)
    assert result is not None and not diagnostics.errors
    assert plain(result.data) == plain(english[0].data)  # by position: the data did not move
    header_notes = [d.format_text() for d in diagnostics if d.code == "HUB947"]
    assert header_notes == [
        f"{path}:1:1: warning: HUB947 the header names Moodle's columns in another order; the columns are read by "
        "position, as Moodle does: column 2 'Short name' as 'ID number'; column 3 'ID number' as 'Short name' "
        "(Moodle's export writes, in this order: " + ", ".join(CURRENT_HEADERS) + ")"
    ]


def test_an_unknown_header_over_records_that_are_not_a_framework_warns(tmp_path: Path) -> None:
    """Fourteen columns of something else: every position is named, then the missing framework is the error."""
    header = ",".join(f"Field {n}" for n in range(1, 15))
    path = tmp_path / "other.csv"
    result, diagnostics = imported_in_process(path, header + "\n" + ",".join(["x"] * 14) + "\n" + ",".join(["y"] * 14) + "\n")
    assert result is None
    reported = [d.format_text() for d in diagnostics]
    assert any(
        line.startswith(
            f"{path}:1:1: warning: HUB947 the header does not match Moodle's column names and the records do not "
            "look like a framework (one record with 'Is framework', column 13, set and no parent); the columns are "
            "read by position, as Moodle does: column 1 'Field 1' as 'Parent ID number'; column 2 'Field 2' as 'ID number';"
        )
        and "column 13 'Field 13' as 'Is framework'; column 14 'Field 14' as 'Taxonomy'" in line
        for line in reported
    ), reported
    assert f"{path}:3:1: error: HUB945 more than one framework record (lines 2, 3); a file holds one framework" in reported


def test_a_localised_header_over_a_framework_is_not_reported_but_a_misspelt_english_one_is_read_alike(english: tuple[ImportResult, Diagnostics], tmp_path: Path) -> None:
    text = (FIXTURES / "current-english.csv").read_text(encoding="utf-8")
    header, rest = text.split("\n", 1)
    path = tmp_path / "typo.csv"
    result, diagnostics = imported_in_process(path, header.replace("Short name", "Shortnme") + "\n" + rest)
    assert result is not None and plain(result.data) == plain(english[0].data)
    assert messages(diagnostics) == messages(english[1])


# -- a large framework -------------------------------------------------------------------------------------------


def large_framework(capabilities: int, behaviours: int) -> str:
    """A framework of `capabilities` competencies with `behaviours` each, as Moodle exports it (CRLF, HTML)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CURRENT_HEADERS)
    writer.writerow(["", "DEPOT", "Depot operations", "<p>Every task\non the depot floor.</p>", "1", "Novice,Skilled,Expert", "", "", "", "", "", "", "1", "competency,behaviour"])
    for c in range(1, capabilities + 1):
        ident = f"DEPOT-{c:04d}"
        related = f"DEPOT-{c + 1:04d}" if c < capabilities else ""
        writer.writerow(["", ident, f"Task {c}", f"<p>Why task {c}\nmatters.</p>", "1", "", "", "", "0", "null", related, str(c), "0", ""])
        for b in range(1, behaviours + 1):
            # The same short name everywhere: ids come from id numbers, titles must not make it quadratic.
            writer.writerow([ident, f"{ident}-B{b}", "Checks the work", f"Checks step {b} of task {c}.", "2", "", "", "", "0", "null", "", "", "0", ""])
    return buffer.getvalue()


def test_a_framework_of_3000_competencies_imports(tmp_path: Path) -> None:
    text = large_framework(600, 4)
    assert text.count("\r\n") == 1 + 1 + 3000  # the header, the framework, 3,000 competencies
    assert text.count("\n") == 3002 + 601  # and a line break inside the description of the framework and each capability
    path = tmp_path / "depot.csv"
    result, diagnostics = imported_in_process(path, text)
    assert result is not None and not diagnostics.errors
    data = yaml.load(result.yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10 times quicker
    assert len(data["capabilities"]) == 600
    assert sum(len(b) for c in data["capabilities"] for b in c["behaviours"].values() if not b[0]["text"].startswith("TODO:")) == 2400
    assert data["capabilities"][0]["related"] == ["depot-0002"] and data["capabilities"][-1]["id"] == "depot-0600"
    # The last capability's record starts after the header (1 line), the framework (2) and 599 capabilities
    # of two lines, each followed by 4 behaviours of one.
    last = next(d for d in diagnostics if "of 'DEPOT-0600'" in d.message)
    assert last.line == 1 + 2 + 599 * (2 + 4) + 1
    assert "HUB947" not in {d.code for d in diagnostics}
