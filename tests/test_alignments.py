"""Taxonomy alignments on capabilities (ESCO, O*NET-SOC, Lightcast, SFIA, other): checked at their lines,
shown on the capability page as plain links, and carried by the CASE, Open Badges and hub JSON exports."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub import edit, matching, validate, where

SUPPORT = "maps/support.yml"

ANCHOR = "    check_in:\n      - Which ticket was hardest to place this week?\n"
"""The end of capability 'triage' in the fixture: alignments go right after it."""

GOOD = """    alignments:
      - scheme: onet
        code: 43-4051.00
        name: Customer Service Representatives
      - scheme: esco
        uri: http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d
        match: related
      - scheme: lightcast
        code: KS1200364C9C1LK3V5Q1
      - scheme: sfia
        code: PROG
        level: 3
        match: exact
      - scheme: other
        framework_uri: https://example.org/frameworks/support
        framework_name: Example support framework
        code: SUP-1
"""


def align(hub: Path, yaml: str = GOOD) -> None:
    edit(hub, SUPPORT, ANCHOR, ANCHOR + yaml)


def only(lines: list[str], location: str, fragment: str) -> str:
    assert len(lines) == 1 and matching(lines, location, fragment), "\n".join(lines)
    return lines[0]


def test_every_scheme_is_accepted(hub: Path) -> None:
    align(hub)
    assert [line for line in validate(hub) if ": error: " in line] == []


def test_a_malformed_esco_uri_is_an_error_at_its_line(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: esco\n        uri: https://esco.ec.europa.eu/en/skill/python\n")
    line = only(validate(hub), where(hub, SUPPORT, "https://esco.ec"), "error: HUB133 capability 'triage': alignments[0].uri is not an ESCO URI")
    assert "http://data.europa.eu/esco/skill/<uuid>" in line


def test_a_malformed_soc_code_is_an_error_at_its_line(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: onet\n        code: '434051'\n")
    line = only(validate(hub), where(hub, SUPPORT, "'434051'"), "error: HUB133 capability 'triage': alignments[0].code is not an O*NET-SOC code")
    assert "NN-NNNN.NN" in line and "(got '434051')" in line


def test_a_malformed_lightcast_id_is_an_error_at_its_line(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: lightcast\n        code: python\n")
    only(validate(hub), where(hub, SUPPORT, "python"), "alignments[0].code is not a Lightcast skill id")


def test_an_unknown_scheme_lists_the_known_ones_with_did_you_mean(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: onetsoc\n        code: 43-4051.00\n")
    line = only(validate(hub), where(hub, SUPPORT, "onetsoc"), "error: HUB134 capability 'triage': alignments[0]: unknown scheme 'onetsoc'")
    assert line.endswith("(did you mean 'onet'? known schemes: esco, onet, lightcast, sfia, other)")


def test_an_unknown_scheme_far_from_any_lists_the_known_ones(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: bls\n        code: 43-4051.00\n")
    line = only(validate(hub), where(hub, SUPPORT, "bls"), "error: HUB134")
    assert line.endswith("(known schemes: esco, onet, lightcast, sfia, other)")


def test_a_missing_scheme_is_a_missing_field(hub: Path) -> None:
    align(hub, "    alignments:\n      - code: 43-4051.00\n")
    only(validate(hub), where(hub, SUPPORT, "code: 43-4051.00"), "error: HUB132 missing field 'scheme' in capability 'triage': alignments[0]")


@pytest.mark.parametrize("level", [0, 8])
def test_a_sfia_level_out_of_range_is_an_error_at_its_line(hub: Path, level: int) -> None:
    align(hub, f"    alignments:\n      - scheme: sfia\n        code: PROG\n        level: {level}\n")
    expected = "must be at least 1" if level == 0 else "must be at most 7"
    only(validate(hub), where(hub, SUPPORT, f"level: {level}", column=False), f"error: HUB133 capability 'triage': alignments[0].level {expected}")


def test_a_field_of_another_scheme_is_an_unknown_field_at_its_key(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: onet\n        code: 43-4051.00\n        level: 3\n")
    line = only(validate(hub), where(hub, SUPPORT, "level: 3"), "error: HUB131 unknown field 'level' in capability 'triage': alignments[0]")
    assert line.endswith("(allowed fields: scheme, match, name, code)")


def test_other_needs_a_code_or_a_uri(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: other\n        framework_uri: https://example.org/f\n")
    line = only(validate(hub), where(hub, SUPPORT, "scheme: other"), "error: HUB133 capability 'triage': alignments[0]: ")
    assert "needs 'code' or 'uri'" in line


def test_match_is_exact_or_related(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: onet\n        code: 43-4051.00\n        match: close\n")
    only(validate(hub), where(hub, SUPPORT, "close"), "error: HUB133 capability 'triage': alignments[0].match must be one of: 'exact' or 'related'")
