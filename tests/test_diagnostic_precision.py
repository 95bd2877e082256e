"""Diagnostics people can act on: the right place, the author's names for things, and the fix spelt out.

A key written with other capitals points at the key itself with "did you mean"; items are named
by their id (capability 'triage'), not by their position; and the commonest YAML mistake, a colon
inside an unquoted value, says how to quote it.
"""

from __future__ import annotations

from pathlib import Path

from competency_hub.diagnostics import did_you_mean
from hub import edit, matching, validate, where

SUPPORT = "maps/support.yml"
BILLING = "maps/billing.yml"
TAG = "challenges/tag-ten-tickets.md"
PRIORITISE = "challenges/prioritise-queue.md"


def only(lines: list[str], location: str, fragment: str) -> str:
    """The one line of `lines`, which must be at `location` and contain `fragment`."""
    assert len(lines) == 1 and matching(lines, location, fragment), "\n".join(lines)
    return lines[0]


# -- a key or id that differs only by case -----------------------------------------------------------


def test_capitalised_field_points_at_its_key_with_did_you_mean(hub: Path) -> None:
    edit(hub, BILLING, "\ncapabilities:\n", "\nCapabilities:\n")
    line = only(validate(hub), where(hub, BILLING, "Capabilities:"), "error: HUB131 unknown field 'Capabilities'")
    assert line.endswith("(did you mean 'capabilities'?)")  # and no second error for the "missing" field


def test_capitalised_level_key_points_at_the_key_and_names_the_capability(hub: Path) -> None:
    edit(hub, SUPPORT, "      independent:\n        - id: triage-priority", "      Independent:\n        - id: triage-priority")
    line = only(validate(hub), where(hub, SUPPORT, "Independent:"), "error: HUB133 capability 'triage': behaviours.Independent")
    assert line.endswith("(got 'Independent') (did you mean 'independent'?)")


def test_capitalised_capability_reference_gets_did_you_mean(hub: Path) -> None:
    edit(hub, TAG, "capability: support/triage", "capability: support/Triage")
    line = only(validate(hub), where(hub, TAG, "support/Triage"), "error: HUB133 capability is not a valid id")
    assert line.endswith("(got 'support/Triage') (did you mean 'support/triage'?)")


def test_capitalised_level_reference_gets_did_you_mean(hub: Path) -> None:
    edit(hub, TAG, "level: assisted", "level: Assisted")
    line = only(validate(hub), where(hub, TAG, "Assisted"), "error: HUB133 level is not a valid id")
    assert line.endswith("(did you mean 'assisted'?)")


def test_did_you_mean_prefers_the_same_word_in_other_capitals() -> None:
    assert did_you_mean("ID", ["id", "title"]) == "did you mean 'id'?"  # too short for a fuzzy match
    assert did_you_mean("Triage", ["triage", "triages"]) == "did you mean 'triage'?"


# -- items named by their id -------------------------------------------------------------------------


def test_unknown_field_names_the_capability_by_id(hub: Path) -> None:
    edit(hub, BILLING, "    title: Refunds\n", "    title: Refunds\n    colour: red\n")
    only(validate(hub), where(hub, BILLING, "colour"), "error: HUB131 unknown field 'colour' in capability 'refunds'")


def test_wrong_value_names_the_capability_and_behaviour_by_id(hub: Path) -> None:
    edit(
        hub,
        BILLING,
        "text: Completes every line of the refund checklist before submitting.",
        "text: [Completes every line of the refund checklist]",
    )
    line = only(validate(hub), where(hub, BILLING, "[Completes"), "error: HUB133 ")
    assert "capability 'refunds', behaviour 'refunds-checklist': text must be text" in line
    assert "capabilities[" not in line


def test_an_item_with_a_broken_id_is_still_named_by_position(hub: Path) -> None:
    edit(hub, BILLING, "  - id: refunds\n", "  - id: Refunds\n")
    line = only(validate(hub), where(hub, BILLING, "Refunds\n"), "error: HUB133 capabilities[0].id is not a valid id")
    assert line.endswith("(did you mean 'refunds'?)")


# -- a colon inside an unquoted value ----------------------------------------------------------------


def test_unquoted_colon_in_a_map_value_says_how_to_quote_it(hub: Path) -> None:
    edit(hub, SUPPORT, "title: Customer support", "title: Handover: the checklist")
    line = only(validate(hub), where(hub, SUPPORT, ": the checklist"), "error: HUB110 YAML syntax")
    assert line.endswith("""(a value that holds ': ' must be in quotes: title: "Handover: the checklist")""")


def test_unquoted_colon_in_front_matter_is_on_the_file_line(hub: Path) -> None:
    edit(hub, PRIORITISE, "title: Prioritise a morning queue", 'title: Triage: the "Monday" queue')
    line = only(validate(hub), where(hub, PRIORITISE, ': the "Monday"'), "error: HUB110 YAML syntax")
    assert line.endswith("""(a value that holds ': ' must be in quotes: title: "Triage: the \\"Monday\\" queue")""")


def test_other_yaml_errors_get_no_quoting_hint(hub: Path) -> None:
    edit(hub, SUPPORT, "title: Customer support", "title: [Customer support")
    line = only(validate(hub), f"{SUPPORT}:", "error: HUB110 YAML syntax")
    assert "quotes" not in line
