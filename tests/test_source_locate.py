"""Where a value sits in its file: `Source.locate` works it out from the YAML text when a report asks.

A Source keeps no mark per value (at 17,000 pages they took 120 MB); these pin down that the line and
column found later are those of the value as `parse_yaml` read it: merge keys, aliases, duplicates,
sequence items, keys that are not text, and front matter below its `---`.
"""

from __future__ import annotations

from pathlib import Path

from competency_hub.diagnostics import Diagnostics
from competency_hub.load.source import Source, load_markdown_file, parse_yaml

MAP = """\
base: &base
  owner: ops
  tags: [a, b]
capabilities:
  - id: triage
    <<: *base
    title: Triage
  - id: handover
    behaviours:
      working:
        - id: names-the-risk
          text: Names the risk
yes: a YAML 1.1 boolean key
2027-02-30: not a date
owner: first
owner: second
"""


def _source(text: str, *, line_offset: int = 0) -> tuple[Source, Diagnostics]:
    source, diagnostics = Source("maps/ops.yml"), Diagnostics()
    assert parse_yaml(text, source, diagnostics, line_offset=line_offset)
    return source, diagnostics


def _at(source: Source, *loc: str | int, key: bool = False) -> tuple[int, int]:
    mark = source.locate(loc, key=key)
    return mark.line, mark.column


def test_a_value_and_its_key_are_found_where_they_are_written() -> None:
    source, _ = _source(MAP)
    assert _at(source, "capabilities", 1, "behaviours", "working", 0, "text") == (12, 17)
    assert _at(source, "capabilities", 1, "behaviours", "working", 0, "text", key=True) == (12, 11)
    assert _at(source, "capabilities", 1) == (8, 5)
    assert _at(source) == (1, 1)


def test_a_merged_value_is_found_at_its_anchor_and_the_first_of_duplicate_keys_wins() -> None:
    source, diagnostics = _source(MAP)
    assert source.data["capabilities"][0]["owner"] == "ops"
    assert _at(source, "capabilities", 0, "owner") == (2, 10)
    assert _at(source, "capabilities", 0, "tags", 1) == (3, 13)
    assert source.data["owner"] == "first"
    assert _at(source, "owner", key=True) == (15, 1)
    assert [(d.line, d.message) for d in diagnostics] == [(16, "duplicate key 'owner' (first given on line 15)")]


def test_keys_are_matched_as_the_data_holds_them() -> None:
    source, _ = _source(MAP)
    assert "True" in source.data and "2027-02-30" in source.data
    assert _at(source, "True", key=True) == (13, 1)
    assert _at(source, "2027-02-30") == (14, 13)


def test_a_missing_place_falls_back_to_its_nearest_ancestor() -> None:
    source, _ = _source(MAP)
    assert _at(source, "capabilities", 0, "why", key=True) == (5, 5)
    assert _at(source, "capabilities", 7, "id") == (5, 3)
    assert _at(source, "capabilities", "triage") == (5, 3)


def test_front_matter_marks_count_the_lines_above_it(tmp_path: Path) -> None:
    path = tmp_path / "handover.md"
    path.write_text("---\nid: handover\ntitle: Hand over a shift\n---\n\nBody.\n", encoding="utf-8")
    source = load_markdown_file(path, "challenges/handover.md", Diagnostics(), max_bytes=100_000)
    assert source is not None
    assert _at(source, "title") == (3, 8)
    assert _at(source, "title", key=True) == (3, 1)


def test_an_empty_document_is_located_at_its_start() -> None:
    source, _ = _source("# only a comment\n")
    assert source.data is None
    assert _at(source, "id") == (1, 1)
