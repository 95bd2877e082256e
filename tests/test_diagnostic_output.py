"""What people and tools read: counts per code, `--format json`, `--format sarif` and the reference page.

SARIF is checked against the official SARIF 2.1.0 schema from ../shared/standards (skipped, saying
why, when the folder is absent), with formats really checked, so a log GitHub code scanning would
refuse fails here.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from competency_hub.cli.main import main
from competency_hub.codes import BY_CODE, CODES, diagnostics_reference
from hub import REPO, build, copy_hub, edit, nav_section, starter_docs_nav
from jsonschema import Draft4Validator
from standards import errors as schema_errors
from standards import format_checker, load

TAG = "challenges/tag-ten-tickets.md"
BILLING = "maps/billing.yml"
REFERENCE = REPO / "docs" / "reference" / "diagnostics.md"


@pytest.fixture(autouse=True)
def _pinned(pinned_today: str) -> None:
    """These tests compare every code a run reports for the fixture hub, whose maps fall due for
    review in 2027 (a HUB601 note from then on): the day is fixed so the output is too."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def break_hub(root: Path) -> None:
    """Two unknown capabilities (HUB303), so a milestone reviews one no step practises (HUB415), and a lint warning (HUB250)."""
    edit(root, TAG, "capability: support/triage", "capability: support/triag")
    edit(root, "challenges/rewrite-macro.md", "capability: support/replies", "capability: support/replis")
    edit(root, BILLING, "text: Calculates a partial refund and shows the sum in the ticket.", "text: Calculates refunds effectively.")


# -- counts per code ---------------------------------------------------------------------------------


def test_validate_ends_with_counts_per_code(capsys, hub: Path) -> None:
    break_hub(hub)
    status, out, err = run(capsys, "validate", str(hub))
    assert status == 1
    assert [line.split(": ", 3)[2].split(" ", 1)[0] for line in out.splitlines()] == ["HUB303", "HUB303", "HUB250", "HUB415"]
    assert err.strip() == "2 error(s), 2 warning(s): 2×HUB303, 1×HUB250, 1×HUB415"


@pytest.mark.build
def test_build_error_counts_codes(hub: Path) -> None:
    break_hub(hub)
    result = build(hub, strict=False)
    assert result.returncode != 0
    assert "2 content error(s), listed above (2×HUB303); the hub is not built until they are fixed" in result.output
    assert "content has 2 error(s), 2 warning(s): 2×HUB303, 1×HUB250, 1×HUB415" in result.output
    assert "challenges/tag-ten-tickets.md:5:13: error: HUB303 unknown capability 'triag'" in result.output


# -- JSON --------------------------------------------------------------------------------------------


def test_json_format_is_the_documented_shape(capsys, hub: Path) -> None:
    break_hub(hub)
    status, out, _ = run(capsys, "validate", "--format", "json", str(hub))
    assert status == 1
    data = json.loads(out)
    assert data["version"] == 1 and data["tool"]["name"] == "competency-hub"
    assert data["diagnostics"][0] == {
        "path": "challenges/rewrite-macro.md",
        "line": 5,
        "column": 13,
        "severity": "error",
        "code": "HUB303",
        "message": "unknown capability 'replis' in map 'support'",
        "hint": "did you mean 'replies'?",
    }
    assert [d["code"] for d in data["diagnostics"]] == ["HUB303", "HUB303", "HUB250", "HUB415"]
    assert [d["severity"] for d in data["diagnostics"]] == ["error", "error", "warning", "warning"]
    assert data["diagnostics"][3]["hint"] is None
    assert data["summary"] == {"errors": 2, "warnings": 2, "codes": {"HUB250": 1, "HUB303": 2, "HUB415": 1}}


def test_json_of_a_clean_hub_is_an_empty_list(capsys, hub: Path) -> None:
    status, out, _ = run(capsys, "validate", "--format", "json", str(hub))
    assert status == 0
    data = json.loads(out)
    assert data["diagnostics"] == [] and data["summary"] == {"errors": 0, "warnings": 0, "codes": {}}


# -- SARIF -------------------------------------------------------------------------------------------


def sarif_validator() -> Draft4Validator:
    """The official SARIF 2.1.0 schema (Errata 01, draft-04) from ../shared/standards."""
    return Draft4Validator(load("sarif/sarif-schema-2.1.0.json"), format_checker=format_checker())


def test_sarif_is_valid_sarif_2_1_0(capsys, tmp_path: Path) -> None:
    validator = sarif_validator()
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    root = copy_hub(repo / "learning")  # learning/hub, so paths must be repository-relative
    break_hub(root)
    status, out, _ = run(capsys, "validate", "--format", "sarif", str(root))
    assert status == 1
    log = json.loads(out)
    assert schema_errors(validator, log) == []
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == [entry.code for entry in CODES]
    assert rules[0]["shortDescription"]["text"] == CODES[0].title
    assert rules[0]["fullDescription"]["text"] == CODES[0].explanation
    assert "helpUri" not in rules[0], "no site_url: there is no address to link to"
    first = run_["results"][0]
    assert first["ruleId"] == "HUB303" and first["level"] == "error"
    assert rules[first["ruleIndex"]]["id"] == "HUB303"
    assert first["message"]["text"] == "unknown capability 'replis' in map 'support' (did you mean 'replies'?)"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "learning/hub/challenges/rewrite-macro.md", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 5, "startColumn": 13},
    }
    assert [r["level"] for r in run_["results"]] == ["error", "error", "warning", "warning"]


def test_sarif_links_rules_to_the_published_reference_page(capsys, hub: Path) -> None:
    validator = sarif_validator()
    edit(hub, "mkdocs.yml", "site_name:", "site_url: https://learning.example.org/hub/\nsite_name:")
    (hub / "docs" / "reference").mkdir(parents=True, exist_ok=True)
    (hub / "docs" / "reference" / "diagnostics.md").write_text(diagnostics_reference(), encoding="utf-8")
    status, out, _ = run(capsys, "validate", "--format", "sarif", str(hub))
    assert status == 0
    log = json.loads(out)
    assert schema_errors(validator, log) == []
    assert log["runs"][0]["results"] == []
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "HUB303")
    assert rule["helpUri"] == "https://learning.example.org/hub/reference/diagnostics/#hub303"


def test_sarif_schema_check_can_fail() -> None:
    """Guards the test above: a result without a message is refused by the schema."""
    validator = sarif_validator()
    broken = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "HUB303"}]}]}
    assert schema_errors(validator, broken)
    assert schema_errors(validator, {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x", "informationUri": "no uri"}}}]})


# -- the reference page ------------------------------------------------------------------------------


def test_reference_page_is_up_to_date(capsys) -> None:
    """Run `make diagnostics` when this fails."""
    status, out, _ = run(capsys, "explain")
    assert status == 0
    assert out == REFERENCE.read_text(encoding="utf-8")


def test_reference_page_has_a_stable_anchor_example_and_fix_for_every_code() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    sections = re.split(r"^### ", text, flags=re.MULTILINE)[1:]
    assert len(sections) == len(CODES)
    for entry, section in zip(CODES, sections):
        assert section.startswith(f"{entry.code} {entry.title} {{#{entry.code.lower()}}}\n")
        assert "Example, in `" in section and f"Message: `{entry.message}`" in section and f"Fix: {entry.fix}" in section


def test_reference_page_is_in_the_nav_and_linked_from_the_guide() -> None:
    reference = nav_section(starter_docs_nav(), "Reference")
    assert reference is not None and "reference/diagnostics.md" in reference
    assert "../reference/diagnostics.md" in (REPO / "docs" / "guide" / "validation.md").read_text(encoding="utf-8")


def test_explain_prints_one_code(capsys) -> None:
    status, out, _ = run(capsys, "explain", "hub303")
    assert status == 0
    assert out.startswith("HUB303 unknown capability (error)\n")
    assert BY_CODE["HUB303"].fix in out
    status, _, err = run(capsys, "explain", "HUB998")
    assert status == 2
    assert "no diagnostic code 'HUB998'" in err
