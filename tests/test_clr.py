"""The CLR 2.0 learner record draft (exports/clr.py, `competency-hub clr`, assets/learner/clr.js).

The draft is checked against what is available offline: every embedded AchievementCredential against
the official Open Badges 3.0 schema, the whole record through JSON-LD expansion with the official
contexts (no term dropped), and its shape against 1EdTech's validator example of a ClrCredential
(the CLR 2.0 JSON Schemas are not in shared/standards).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from browser import WatchedPage
from hub import REPO
from jsonschema import Draft201909Validator
from learner_js import ready
from standards import dropped_terms, errors, format_checker, load, openbadges_validator

FIXTURES = REPO / "tests" / "fixtures"
HUB = FIXTURES / "small-hub"
V2 = FIXTURES / "progress" / "v2-milestones-and-levels.json"
V1 = FIXTURES / "progress" / "v1-export.json"


def run_clr(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "competency_hub.cli", "clr", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


@pytest.fixture(scope="module")
def draft_text() -> str:
    done = run_clr(str(V2), "--hub", str(HUB))
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def draft(draft_text: str) -> dict:
    return json.loads(draft_text)


def test_the_draft_has_the_shape_of_the_validator_example(draft: dict) -> None:
    example = load("clr-2.0/examples/validator-simple-signed.json")
    assert draft["@context"] == example["@context"][:3]
    assert draft["type"] == example["type"] == ["VerifiableCredential", "ClrCredential"]
    assert draft["credentialSubject"]["type"] == example["credentialSubject"]["type"] == ["ClrSubject"]
    assert set(draft) >= set(example) - {"proof"} and "proof" not in draft  # unsigned: no proof
    assert draft["issuer"]["type"] == ["Profile"] and "REPLACE" in draft["issuer"]["id"]
    for credential in draft["credentialSubject"]["verifiableCredential"]:
        assert set(credential) >= set(example["credentialSubject"]["verifiableCredential"][0]) - {"proof"}
        assert credential["type"] == ["VerifiableCredential", "AchievementCredential"]
        assert credential["credentialSubject"]["type"] == ["AchievementSubject"]
        assert "proof" not in credential
    achievement_ids = [a["id"] for a in draft["credentialSubject"]["achievement"]]
    assert len(achievement_ids) == len(set(achievement_ids))
    assert {c["credentialSubject"]["achievement"]["id"] for c in draft["credentialSubject"]["verifiableCredential"]} == set(achievement_ids)


def test_every_embedded_credential_passes_the_open_badges_schema(draft: dict) -> None:
    credentials = draft["credentialSubject"]["verifiableCredential"]
    assert credentials
    validator = Draft201909Validator(load("openbadges/v3p0/schema/achievementcredential.json"), format_checker=format_checker())
    problems = []
    for number, credential in enumerate(credentials):
        problems += [f"{number}: {e}" for e in errors(validator, credential)]
    for achievement in draft["credentialSubject"]["achievement"]:
        problems += errors(openbadges_validator("Achievement"), achievement)
    assert problems == []
    broken = json.loads(json.dumps(credentials[0]))
    del broken["validFrom"]
    broken["credentialSubject"]["result"][0]["type"] = ["Score"]
    assert len(errors(validator, broken)) >= 2  # the check is real


def test_json_ld_expansion_keeps_every_term(draft: dict) -> None:
    assert dropped_terms(draft) == []
    spoiled = json.loads(json.dumps(draft))
    spoiled["credentialSubject"]["verifiableCredential"][0]["assessedBy"] = "manager"
    assert dropped_terms(spoiled)  # the check notices an undefined term


def test_records_and_provenance(draft: dict) -> None:
    credentials = {c["id"]: c for c in draft["credentialSubject"]["verifiableCredential"]}
    milestone = credentials["urn:competency-hub:draft:milestone:first-week/triage-reviewed:2025-03-10T15:00:00.000Z"]
    # a mandatory milestone: the Open Badges export's own achievement id
    assert milestone["credentialSubject"]["achievement"]["id"] == (
        "https://competency-hub.invalid/exports/openbadges/paths/first-week/triage-reviewed.jsonld"
    )
    assert milestone["credentialSubject"]["result"][0]["achievedLevel"].endswith("#level--independent")
    [evidence] = milestone["evidence"]
    assert evidence["id"] == "https://drive.example/queue-log"
    assert evidence["genre"] == "manager assessment" and "Ana Ruiz" in evidence["narrative"] and "2025-03-10" in evidence["narrative"]
    # per capability, the latest level of each kind of assessor: triage has the learner's and the manager's
    assert [key for key in credentials if ":level-" in key] == [
        "urn:competency-hub:draft:level-self:support/replies:2025-03-04T11:30:00.000Z",
        "urn:competency-hub:draft:level-self:support/triage:2025-03-11T09:00:00.000Z",
        "urn:competency-hub:draft:level-manager:support/triage:2025-03-10T16:00:00.000Z",
    ]
    manager = credentials["urn:competency-hub:draft:level-manager:support/triage:2025-03-10T16:00:00.000Z"]
    assert manager["evidence"][0]["name"] == "Assessed by their manager, Ana Ruiz"
    assert 'Evidence: Check-in: ünïcode "quotes" in notes' in manager["evidence"][0]["narrative"]
    assert not any("no-longer-in-the-hub" in key for key in credentials)
    assert draft["validFrom"] == "2025-03-11T09:00:00.000Z"  # the latest record


def test_a_version_1_file_gives_self_assessed_levels(tmp_path: Path) -> None:
    out = tmp_path / "record.json"
    done = run_clr(str(V1), "-o", str(out), "--hub", str(HUB))
    assert done.returncode == 0, done.stderr
    draft = json.loads(out.read_text(encoding="utf-8"))
    [credential] = draft["credentialSubject"]["verifiableCredential"]  # replies was cleared: only triage
    assert credential["evidence"][0]["genre"] == "self assessment"
    assert credential["credentialSubject"]["result"][0]["achievedLevel"].endswith("#level--independent")


def test_the_same_input_gives_the_same_bytes(draft_text: str) -> None:
    assert run_clr(str(V2), "--hub", str(HUB)).stdout == draft_text


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"format": "competency-hub-progress",\n "version": 2,\n  "levels": {"support/triage": [{"level": "x", "at": "yesterday"}]}}', ":3:"),
        ('{"format": "competency-hub-progress", "version": 2,\n "challenges": {', ":2:"),
        ('{"format": "something-else"}', ":1:1: error: 'format'"),
    ],
)
def test_a_bad_progress_file_is_refused_with_its_location(tmp_path: Path, content: str, expected: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    done = run_clr(str(bad), "--hub", str(HUB))
    assert done.returncode == 1
    assert f"{bad}{expected}" in done.stderr, done.stderr
    assert "no learner record written" in done.stderr and done.stdout == ""


# -- the progress page's download, in Chromium ----------------------------------------------------------


def browser_record(page: Any, served_site: str, progress: Path) -> tuple[str, str, dict[str, Any]]:
    """Imports `progress` on the progress page, then downloads the learner record and exports the progress."""
    page.goto(served_site + "progress/")
    ready(page, "progress")
    page.set_input_files('[data-hub-action="import"]', str(progress))
    page.wait_for_selector('[data-hub-import="merged"]')
    with page.expect_download() as download:
        page.click('[data-hub-action="clr"]')
    page.wait_for_selector('[data-hub-clr="ready"]')
    record = Path(download.value.path()).read_text(encoding="utf-8")
    with page.expect_download() as exported:
        page.click('[data-hub-action="export"]')
    return download.value.suggested_filename, record, json.loads(Path(exported.value.path()).read_text(encoding="utf-8"))


@pytest.mark.build
@pytest.mark.browser
def test_the_browser_download_is_byte_equal_to_the_cli(tab: WatchedPage, served_site: str, draft_text: str, tmp_path: Path) -> None:
    page = tab.page
    name, record, exported = browser_record(page, served_site, V2)
    assert name.startswith("learner-record-draft-") and name.endswith(".json")
    assert json.loads(record) == json.loads(draft_text)
    assert record == draft_text  # byte for byte: the same ids, dates, order and formatting
    # and the browser's own export of what it imported gives the same record through the CLI
    again = tmp_path / "exported.json"
    again.write_text(json.dumps(exported), encoding="utf-8")
    assert run_clr(str(again), "--hub", str(HUB)).stdout == record
    assert tab.external_requests == []  # nothing left the browser


@pytest.mark.build
@pytest.mark.browser
def test_the_browser_says_when_there_is_nothing_to_record(tab: WatchedPage, served_site: str) -> None:
    page = tab.page
    page.goto(served_site + "progress/")
    ready(page, "progress")
    page.click('[data-hub-action="clr"]')
    page.wait_for_selector('[data-hub-clr="empty"]')
    assert "record a milestone or a level first" in page.inner_text('[data-hub-slot="report"]')


def test_a_file_with_nothing_the_hub_knows_gives_no_record(tmp_path: Path) -> None:
    empty = tmp_path / "empty.json"
    empty.write_text(json.dumps({"format": "competency-hub-progress", "version": 2, "levels": {"gone/away": [{"level": "x", "at": "2025-03-03T09:30:00Z"}]}}), encoding="utf-8")
    done = run_clr(str(empty), "--hub", str(HUB))
    assert done.returncode == 1 and done.stdout == ""
    assert "nothing to put in a learner record" in done.stderr


@pytest.mark.build
def test_the_build_publishes_the_catalogue_the_cli_uses(site: Path) -> None:
    from competency_hub.cli.settings import find_root, load_settings
    from competency_hub.exports.clr import clr_catalogue
    from competency_hub.pipeline import check_hub

    data = json.loads((site / "assets" / "competency-hub" / "learner-data.json").read_text(encoding="utf-8"))
    published = json.loads((site / data["pages"]["clr"]).read_text(encoding="utf-8"))
    settings = load_settings(find_root(HUB))
    checked = check_hub(settings.hub_options(), settings.governance_policy(), governance=False)
    assert published == clr_catalogue(checked.index, settings.export_options())
    assert published["milestones"]["first-week/triage-reviewed"]["achievement"].endswith(
        "/exports/openbadges/paths/first-week/triage-reviewed.jsonld"
    )
    assert (site / "exports" / "openbadges" / "paths" / "first-week" / "triage-reviewed.jsonld").is_file()
