"""Placeholders are reported until replaced: every `TODO:` text that `competency-hub new` and
`competency-hub import` write is a warning at its line on every `validate` and build, so an untouched
file parses and has no error, but fails `validate --strict` and `mkdocs build --strict`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hub import LOCATION, build, edit, empty_hub, export, fill_in, imported, run, validate

from competency_hub.placeholders import MARK

pytestmark = pytest.mark.usefixtures("fixed_time")  # imported files are new: pin their time to compare bytes

PLACEHOLDER = re.compile(r"placeholder '" + re.escape(MARK) + r".*' is still here")


def todo_lines(path: Path) -> list[int]:
    """The lines of a file that hold the placeholder mark, found by reading the file, not by the checker."""
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1) if MARK in line]


def placeholder_lines(lines: list[str], rel: str) -> list[int]:
    """The lines of `rel` that `validate` reports a placeholder on, with the warning's column on the mark."""
    found = []
    for line in lines:
        match = LOCATION.match(line)
        if match and match["path"] == rel and PLACEHOLDER.search(match["text"]):
            assert match["severity"] == "warning" and match["text"].startswith("HUB170 "), line
            found.append(int(match["line"]))
    return found


# -- new -------------------------------------------------------------------------------------------

SCAFFOLDS = {
    "map": (["new", "map", "Returns desk"], "maps/returns-desk.yml"),
    "challenge": (
        ["new", "challenge", "Sort the weekend backlog", "--capability", "support/triage", "--level", "assisted", "--evidence", "queue-log"],
        "challenges/sort-the-weekend-backlog.md",
    ),
    "story": (
        ["new", "story", "Weekend rota: second season", "--author", "sam-okafor", "--capability", "support/triage", "--level", "independent"],
        "stories/weekend-rota-second-season.md",
    ),
}


@pytest.mark.parametrize("kind", sorted(SCAFFOLDS))
def test_an_untouched_scaffold_warns_at_every_placeholder_and_fails_strict(capsys, story_hub: Path, kind: str) -> None:
    argv, rel = SCAFFOLDS[kind]
    status, _, _ = run(capsys, *argv, "--root", str(story_hub))
    assert status == 0
    lines = [line for line in validate(story_hub) if line.startswith(rel + ":")]
    assert [line for line in lines if ": error: " in line] == []  # any error is a broken scaffold
    expected = todo_lines(story_hub / rel)
    assert len(expected) >= 5
    assert placeholder_lines(lines, rel) == expected
    assert [line for line in lines if ": warning: " in line and not PLACEHOLDER.search(line)] == []
    status, _, err = run(capsys, "validate", "--strict", str(story_hub))
    assert status == 1, err


def test_the_map_scaffold_marks_its_guessed_review_date(capsys, story_hub: Path) -> None:
    run(capsys, "new", "map", "Returns desk", "--root", str(story_hub))
    rel = "maps/returns-desk.yml"
    text = (story_hub / rel).read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.split("\n"), 1) if row.startswith("review_date:"))
    assert f"{rel}:{line}:" in "\n".join(line for line in validate(story_hub) if "six months from today" in line)


@pytest.mark.build
def test_filled_in_scaffolds_validate_clean_and_build_strict(capsys, story_hub: Path) -> None:
    for argv, _ in SCAFFOLDS.values():
        assert run(capsys, *argv, "--root", str(story_hub))[0] == 0
    fill_in(story_hub / SCAFFOLDS["map"][1])
    fill_in(story_hub / SCAFFOLDS["challenge"][1])
    story = story_hub / SCAFFOLDS["story"][1]
    text = story.read_text(encoding="utf-8")
    today = re.search(r"^date: (\S+)", text, re.MULTILINE)[1]
    fill_in(story, {f"date: {today}": "date: 2026-03-02", '"TODO: a number, or a short text such as 1 in 5"': "12", '"TODO: a number, or a short text"': "3"})
    assert validate(story_hub) == []
    result = build(story_hub)
    assert result.returncode == 0, result.output
    assert (result.site / "maps" / "returns-desk" / "index.html").is_file()
    assert (result.site / "stories" / "weekend-rota-second-season" / "index.html").is_file()


@pytest.mark.build
def test_a_placeholder_left_in_a_file_fails_the_strict_build(story_hub: Path) -> None:
    """The build reports what `validate` does; a `TODO:` inside code in a body is an example, not a placeholder."""
    edit(story_hub, "challenges/tag-ten-tickets.md", "## Why it matters\n", "## Why it matters\n\n```text\n# TODO: in a code block\n```\n\nTODO: say why\n")
    lines = validate(story_hub)
    assert len(lines) == 1 and PLACEHOLDER.search(lines[0]), lines
    result = build(story_hub)
    assert result.returncode != 0
    assert lines[0] in result.output


# -- import ------------------------------------------------------------------------------------------


def imported_placeholders(err: str, rel: str) -> list[int]:
    """Lines the import itself reported as placeholders (or as a guessed review date) in the new map."""
    found = set()
    for line in err.splitlines():
        match = LOCATION.match(line)
        if match and match["path"].endswith(rel) and ("placeholder: " in match["text"] or "six months" in match["text"]):
            found.add(int(match["line"]))
    return sorted(found)


def assert_reported_until_replaced(capsys, root: Path, rel: str, err: str) -> None:
    lines = validate(root)
    assert [line for line in lines if ": error: " in line] == []
    reported = placeholder_lines(lines, rel)
    assert reported == todo_lines(root / rel)
    assert set(imported_placeholders(err, rel)) == set(reported)
    assert run(capsys, "validate", "--strict", str(root))[0] == 1
    fill_in(root / rel)
    assert validate(root) == []


def test_moodle_import_placeholders_are_reported_until_replaced(capsys, story_hub: Path, tmp_path: Path) -> None:
    export(capsys, story_hub, tmp_path / "out", "--format", "moodle")
    root = empty_hub(tmp_path)
    status, _, err = imported(capsys, "moodle", tmp_path / "out" / "moodle" / "support.csv", root)
    assert status == 0, err
    assert "placeholder: evidence of 'triage'" in err
    assert_reported_until_replaced(capsys, root, "maps/support.yml", err)


def test_case_import_placeholders_are_reported_until_replaced(capsys, story_hub: Path, tmp_path: Path) -> None:
    """A package without rubrics and without the hub's review date: evidence and the date are placeholders."""
    export(capsys, story_hub, tmp_path / "out", "--format", "case")
    package_file = tmp_path / "out" / "case" / "billing.json"
    package = json.loads(package_file.read_text(encoding="utf-8"))
    package.pop("CFRubrics", None)
    for key in list(package["CFDocument"].get("extensions", {})):
        if key.endswith("reviewDate"):
            del package["CFDocument"]["extensions"][key]
    package_file.write_text(json.dumps(package), encoding="utf-8")
    root = empty_hub(tmp_path)
    status, _, err = imported(capsys, "case", package_file, root)
    assert status == 0, err
    assert "six months from today" in err and "placeholder: " in err
    assert_reported_until_replaced(capsys, root, "maps/billing.yml", err)
