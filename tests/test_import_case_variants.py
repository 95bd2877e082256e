"""`competency-hub import case` takes CASE 1.0 packages as other publishers write them.

The fixtures in tests/fixtures/case/ are our own text, in the shapes the CASE 1.0 OpenAPI definition
documents (the test checks them against its CFPackage) and in shapes state publishers use:
- v1p0-publisher.json: CFItemType as a string with a CFItemTypeURI link, educationLevel arrays, no
  CFDefinitions, lastChangeDateTime with and without milliseconds and offsets, sequenceNumber out of
  file order, an 'exemplar' association (a map cannot hold it) and an isRelatedTo between items.
- v1p0-state-flat.json: a flat list of items tied by isChildOf only, no abbreviatedStatement (the
  fullStatement is the title), HTML and Markdown in statements, several top-level groupings (strands).
- v1p0-uri-links.json: association ends with a 'uri' and no 'identifier', CFItemType as a link object
  and a CFPackageURI in the document — not valid CASE 1.0, but written by some tools.
A variant of the flat package whose strands have no isChildOf to the document is made in the test.
Each imports to a map that passes validation, and what it cannot hold is said at its line.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from hub import empty_hub, imported, validate
from jsonschema import Draft4Validator
from standards import errors, format_checker, load

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "case"

pytestmark = pytest.mark.usefixtures("fixed_time")


def v1p0_package_errors(path: Path) -> list[str]:
    swagger = load("case/v1p0/case-v1p0-swagger.json")
    schema = {"$ref": "#/definitions/CFPackage.Type", "definitions": swagger["definitions"]}
    return errors(Draft4Validator(schema, format_checker=format_checker()), json.loads(path.read_text(encoding="utf-8")))


def line_of(path: Path, needle: str) -> int:
    return next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


@pytest.mark.parametrize("name", ["v1p0-publisher.json", "v1p0-state-flat.json"])
def test_fixture_is_a_case_1_0_package(name: str) -> None:
    assert v1p0_package_errors(FIXTURES / name) == []


def test_uri_only_fixture_differs_from_case_1_0_where_it_says() -> None:
    problems = v1p0_package_errors(FIXTURES / "v1p0-uri-links.json")
    assert problems, "the fixture is meant to be outside CASE 1.0"
    assert all(
        "'identifier' is a required property" in p or "CFPackageURI" in p or p.startswith("CFItems/0/CFItemType")
        for p in problems
    ), problems


def import_fixture(capsys, tmp_path: Path, name: str) -> tuple[Path, dict, str]:
    root = empty_hub(tmp_path)
    status, out, err = imported(capsys, "case", FIXTURES / name, root)
    assert status == 0, err
    written = Path(out.strip().splitlines()[-1])
    assert "passes validation" in err
    assert [line for line in validate(root) if ": error: " in line] == []
    return written, yaml.safe_load(written.read_text(encoding="utf-8")), err


def behaviour_texts(capability: dict) -> list[str]:
    return [b["text"] for level in capability["behaviours"].values() for b in level if not b["text"].startswith("TODO")]


def test_publisher_package(capsys, tmp_path: Path) -> None:
    path = FIXTURES / "v1p0-publisher.json"
    written, data, err = import_fixture(capsys, tmp_path, "v1p0-publisher.json")
    assert data["title"] == "Customer Care Standards"
    assert data["owners"] == [{"name": "Riverbend Skills Council"}]
    assert data["status"] == "active"  # "Adopted", though the map has placeholders (a comment says so)
    # sequenceNumber orders the items, not the order of the file
    assert [c["title"] for c in data["capabilities"]] == ["Listen and confirm", "Resolve or hand on"]
    listen, resolve = data["capabilities"]
    assert listen["why"] == "Listen to the customer and confirm what they need before acting."
    assert behaviour_texts(listen) == [
        "Restates the customer's request in their own words and asks whether it is right.",
        "Asks one open question when the request is unclear, then waits for the answer.",
    ]
    assert resolve["related"] == [listen["id"]]
    exemplar = line_of(path, '"exemplar"') - 2  # the association's opening brace
    assert f"{path}:{exemplar}:" in err and "1 'exemplar' association(s) cannot be held by a map and are not imported" in err
    education = line_of(path, '"educationLevel"')
    assert f"{path}:{education}:" in err and "'educationLevel' of 2 item(s) has no place in a map" in err
    assert "the document's 'subject' has no place in a map" in err
    assert "# CASE item" in written.read_text(encoding="utf-8") and "(CC.1.a)" in written.read_text(encoding="utf-8")


def test_state_flat_package(capsys, tmp_path: Path) -> None:
    path = FIXTURES / "v1p0-state-flat.json"
    written, data, err = import_fixture(capsys, tmp_path, "v1p0-state-flat.json")
    titles = [c["title"] for c in data["capabilities"]]
    assert titles == ["Writes clear work messages", "Takes part in online meetings", "Uses spreadsheets to keep records"]
    text = written.read_text(encoding="utf-8")
    assert text.count("# CASE: under Communication") == 2 and text.count("# CASE: under Working with data") == 1
    for strand in ("Communication", "Working with data"):
        line = line_of(path, f'"fullStatement": "{strand}"') - 3  # the item's opening brace
        assert f"{path}:{line}:5: warning: HUB941 '{strand}' groups other items" in err
    mail, meet, sheet = data["capabilities"]
    assert behaviour_texts(mail) == [
        "Puts the **request** in the first line of a message.",
        "Keeps a message to _one_ topic and says what reply is needed.\nUses a plain subject line.",
    ]
    assert "*raise hand*" in behaviour_texts(meet)[0]  # Markdown is kept as it is
    assert "\n- dates as YYYY-MM-DD\n" in behaviour_texts(sheet)[0]
    html = line_of(path, "<p>Puts the")
    assert f"{path}:{html}:" in err and "2 statement(s) are HTML; they are converted to Markdown" in err
    assert "<p>" not in text and "<br" not in text


def test_association_ends_given_by_uri_only(capsys, tmp_path: Path) -> None:
    path = FIXTURES / "v1p0-uri-links.json"
    _, data, err = import_fixture(capsys, tmp_path, "v1p0-uri-links.json")
    (capability,) = data["capabilities"]
    assert capability["title"] == "Prepares the bench before an experiment"
    assert behaviour_texts(capability) == [
        "Checks that the eyewash station and fire blanket are within reach.",
        "Labels every container with its contents and the date.",
    ]
    first = line_of(path, '"originNodeURI"')
    assert f"{path}:{first}:" in err
    assert "6 association end(s) have a 'uri' and no 'identifier', which CASE requires; they are matched" in err


def test_an_end_with_an_unknown_uri_is_still_refused(capsys, tmp_path: Path) -> None:
    source = FIXTURES / "v1p0-uri-links.json"
    text = source.read_text(encoding="utf-8").replace("https://frameworks.harbour.example/case/CFItems/", "https://elsewhere.example/CFItems/", 1)
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    root = empty_hub(tmp_path)
    status, _, err = imported(capsys, "case", path, root)
    assert status == 1 and "error: HUB940 the CFAssociation has no 'originNodeURI' with an 'identifier'" in err
    assert "no map was written" in err


def test_html_a_map_cannot_hold_is_reported_at_its_statement(capsys, tmp_path: Path) -> None:
    source = FIXTURES / "v1p0-state-flat.json"
    text = source.read_text(encoding="utf-8").replace(
        "Sorts and filters a list without changing the records themselves.",
        'Sorts and filters a list <img src=\\"filter.png\\" alt=\\"the filter button\\"> without changing the records.',
    )
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    root = empty_hub(tmp_path)
    status, _, err = imported(capsys, "case", path, root)
    assert status == 0, err
    line = line_of(path, "<img")
    assert f"{path}:{line}:" in err and "'fullStatement': HTML that plain text cannot hold is not kept: img" in err
    assert "3 statement(s) are HTML" in err


def test_groupings_with_no_link_to_the_document_are_taken_at_the_top(capsys, tmp_path: Path) -> None:
    """Some state packages tie items only to each other: the top groupings have no isChildOf to the document."""
    package = json.loads((FIXTURES / "v1p0-state-flat.json").read_text(encoding="utf-8"))
    document = package["CFDocument"]["identifier"]
    package["CFAssociations"] = [a for a in package["CFAssociations"] if a["destinationNodeURI"]["identifier"] != document]
    path = tmp_path / "p.json"
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")
    root = empty_hub(tmp_path)
    status, out, err = imported(capsys, "case", path, root)
    assert status == 0, err
    data = yaml.safe_load(Path(out.strip().splitlines()[-1]).read_text(encoding="utf-8"))
    assert [c["title"] for c in data["capabilities"]] == ["Writes clear work messages", "Takes part in online meetings", "Uses spreadsheets to keep records"]
    for strand in ("Communication", "Working with data"):
        line = line_of(path, f'"fullStatement": "{strand}"') - 3
        assert f"{path}:{line}:5: warning: HUB941 CFItem '{strand}' is not a child of the document or of another item; it is imported at the top level" in err
