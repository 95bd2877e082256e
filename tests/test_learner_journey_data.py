"""Version 2 of the progress document, run in Chromium: followed paths, milestone records with their
reviewer, provenance on levels and capability notes are checked, merged and exported as the
published schema says; a real version 1 export (tests/fixtures/progress/v1-export.json, made with the
hub before version 2) is read without losing anything."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from competency_hub.model.progress import Progress, migrate
from competency_hub.schema import json_schema
from hub import FIXTURES
from jsonschema import Draft202012Validator
from learner_js import Modules, merge, modules, pydantic_accepts

pytestmark = pytest.mark.browser

T1 = "2025-03-03T09:30:00.000Z"
T2 = "2025-03-04T10:00:00.000Z"
T3 = "2025-03-06T08:15:00.000Z"
V1_EXPORT = FIXTURES / "progress" / "v1-export.json"


@pytest.fixture(scope="module")
def js(browser: Any):
    with modules(browser, timezone_id="Europe/Paris") as loaded:
        yield loaded


def schema_errors(document: dict[str, Any]) -> list[str]:
    validator = Draft202012Validator(json_schema("progress"), format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [error.message for error in validator.iter_errors(document)]


def journey() -> dict[str, Any]:
    """A version 2 document with something of every new kind."""
    return {
        "format": "competency-hub-progress",
        "version": 2,
        "challenges": {"tag-ten-tickets": {"completed": T1, "note": "", "evidence": "", "updated": T1}},
        "levels": {
            "support/triage": [
                {"level": "assisted", "at": T1, "by": "self", "name": "", "evidence": ""},
                {"level": "independent", "at": T2, "by": "manager", "name": "Sam Lee", "evidence": "https://drive.example/log"},
            ]
        },
        "recall": {},
        "paths": {"first-week": {"followed": T1, "updated": T1}, "old-path": {"followed": None, "updated": T2}},
        "milestones": {
            "first-week/triage-reviewed": [
                {"at": T2, "date": "2025-03-04", "level": "independent", "evidence": "https://drive.example/log", "by": "manager", "reviewer": "Sam Lee"}
            ]
        },
        "notes": {"support/triage": {"text": "Ask Sam about the weekend queue.", "updated": T2}},
    }


def stored(js: Modules, document: dict[str, Any]) -> dict[str, Any]:
    return js.run("return m.store.stored(m.store.normalise(arg));", document)


# -- version 1 files ---------------------------------------------------------------------------------


def test_a_real_version_1_export_is_read_without_loss(js: Modules) -> None:
    text = V1_EXPORT.read_text(encoding="utf-8")
    old = json.loads(text)
    assert old["version"] == 1 and old["challenges"] and old["levels"] and old["recall"]
    result = js.call("store.js", "parse", text)
    assert result["ok"] and result["from"] == 1
    state = result["state"]
    assert state["version"] == 2
    assert state["challenges"] == old["challenges"]
    assert state["recall"] == old["recall"]
    assert state["levels"] == {
        key: [{**item, "by": "self", "name": "", "evidence": ""} for item in items] for key, items in old["levels"].items()
    }
    assert state["paths"] == state["milestones"] == state["notes"] == {}
    # the same levels are current as before: cleared stays cleared, the last choice stays the last
    assert js.run("return m.store.currentLevel(arg, 'support/triage').level;", state) == "independent"
    assert js.run("return m.store.currentLevel(arg, 'support/replies');", state) is None


def test_the_python_migration_agrees_with_the_browser(js: Modules) -> None:
    old = json.loads(V1_EXPORT.read_text(encoding="utf-8"))
    assert pydantic_accepts(old) and schema_errors(old) == []
    migrated = Progress.model_validate(migrate(old))
    browser = js.call("store.js", "parse", V1_EXPORT.read_text(encoding="utf-8"))["state"]
    assert migrated.version == 2
    assert set(migrated.challenges) == set(browser["challenges"]) and set(migrated.levels) == set(browser["levels"])
    assert [(item.level, item.by) for item in migrated.levels["support/triage"]] == [("assisted", "self"), ("independent", "self")]
    assert migrated.paths == {} and migrated.milestones == {} and migrated.notes == {}


def test_a_version_1_export_exported_again_is_a_valid_version_2_file_with_everything(js: Modules) -> None:
    text = V1_EXPORT.read_text(encoding="utf-8")
    exported = json.loads(
        js.run("const r = m.store.parse(arg); return m.store.exportText(r.state, Date.parse('2025-03-05T10:00:00Z'), 'Test hub');", text)
    )
    assert exported["version"] == 2 and schema_errors(exported) == [] and pydantic_accepts(exported)
    old = json.loads(text)
    for part in ("challenges", "recall"):
        assert exported[part] == old[part]
    assert {k: [(i["level"], i["at"]) for i in v] for k, v in exported["levels"].items()} == {
        k: [(i["level"], i["at"]) for i in v] for k, v in old["levels"].items()
    }
    # and importing the old file into the browser that has its migrated copy changes nothing
    assert merge(js, exported, old)["unchanged"]


# -- version 2 documents -------------------------------------------------------------------------------


def test_a_version_2_document_passes_the_browser_the_model_and_the_schema(js: Modules) -> None:
    document = journey()
    assert js.call("store.js", "check", document) == []
    assert pydantic_accepts(document) and schema_errors(document) == []
    assert stored(js, document) == document, "the example is in normal form"
    assert stored(js, stored(js, document)) == document


BAD = {
    "a role nobody has": lambda d: d["milestones"]["first-week/triage-reviewed"][0].update(by="coach"),
    "a milestone day with a time": lambda d: d["milestones"]["first-week/triage-reviewed"][0].update(date=T1),
    "a milestone without level": lambda d: d["milestones"]["first-week/triage-reviewed"][0].pop("level"),
    "a milestone key without path": lambda d: d["milestones"].update({"triage-reviewed": []}),
    "a reviewer's name too long": lambda d: d["milestones"]["first-week/triage-reviewed"][0].update(reviewer="x" * 201),
    "a level given by a stranger": lambda d: d["levels"]["support/triage"][1].update(by="boss"),
    "a path followed on no date": lambda d: d["paths"]["first-week"].update(followed="soon"),
    "a path key that is not an id": lambda d: d["paths"].update({"First Week": d["paths"]["first-week"]}),
    "a note without updated": lambda d: d["notes"]["support/triage"].pop("updated"),
    "a note too long": lambda d: d["notes"]["support/triage"].update(text="x" * 5001),
    "a note on a capability without map": lambda d: d["notes"].update({"triage": d["notes"]["support/triage"]}),
    "an unknown field in a path": lambda d: d["paths"]["first-week"].update(step=2),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_version_2_documents_are_refused_by_the_browser_and_the_model(js: Modules, name: str) -> None:
    document = journey()
    BAD[name](document)
    assert js.call("store.js", "check", document), "the browser accepted a bad document"
    assert not pydantic_accepts(document), "the model accepted a bad document"


def test_merging_paths_milestones_and_notes_keeps_both_sides(js: Modules) -> None:
    mine = journey()
    theirs = copy.deepcopy(journey())
    theirs["paths"] = {"first-week": {"followed": None, "updated": T3}, "old-path": {"followed": T1, "updated": T1}, "new-path": {"followed": T3, "updated": T3}}
    theirs["milestones"]["first-week/triage-reviewed"] = [
        {"at": T3, "date": "2025-03-06", "level": "expert", "evidence": "", "by": "assessor", "reviewer": "R. Diaz"}
    ]
    theirs["notes"] = {"support/triage": {"text": "", "updated": T3}, "support/replies": {"text": "Shorter openings.", "updated": T1}}
    result = merge(js, mine, theirs)
    state, changes = result["state"], result["changes"]
    assert state["paths"] == {
        "first-week": {"followed": None, "updated": T3},  # their later decision: not followed any more
        "old-path": {"followed": None, "updated": T2},  # my later decision stands
        "new-path": {"followed": T3, "updated": T3},
    }
    assert [r["by"] for r in state["milestones"]["first-week/triage-reviewed"]] == ["manager", "assessor"]
    assert state["notes"]["support/triage"]["text"] == "Ask Sam about the weekend queue.", "an empty note never replaces a written one"
    assert state["notes"]["support/replies"]["text"] == "Shorter openings."
    assert changes["paths"] == ["first-week", "new-path"]
    assert changes["milestones"] == ["first-week/triage-reviewed"]
    assert changes["capabilityNotes"] == ["support/replies"]
    assert merge(js, theirs, mine)["state"] == state, "the result does not depend on which side imports"
    assert merge(js, state, theirs)["unchanged"] and merge(js, state, mine)["unchanged"]


def test_changes_record_who_gave_a_level_and_who_reviewed_a_milestone(js: Modules) -> None:
    state = js.run(
        """
        let s = m.store.emptyState();
        m.store.followPath(s, 'first-week', true, Date.parse(arg.t1));
        m.store.assessLevel(s, 'support/triage', 'assisted', Date.parse(arg.t1));
        m.store.assessLevel(s, 'support/triage', 'independent', Date.parse(arg.t2), { by: 'manager', name: ' Sam Lee ', evidence: 'check-in' });
        m.store.recordMilestone(s, 'first-week/triage-reviewed', { date: '2025-03-04', level: 'independent', evidence: ' https://e.example ', by: 'manager', reviewer: 'Sam Lee' }, Date.parse(arg.t2));
        m.store.setCapabilityNote(s, 'support/triage', 'A note', Date.parse(arg.t2));
        return { doc: m.store.stored(s), self: m.store.currentLevel(s, 'support/triage'), manager: m.store.currentLevel(s, 'support/triage', 'manager'),
                 followed: m.store.followedPaths(s), latest: m.store.latestMilestone(s, 'first-week/triage-reviewed'),
                 problems: m.store.check(m.store.stored(s)) };
        """,
        {"t1": T1, "t2": T2},
    )
    assert state["problems"] == []
    assert state["self"]["level"] == "assisted", "a level the manager gave is not the learner's own"
    assert state["manager"] == {"level": "independent", "at": T2, "by": "manager", "name": "Sam Lee", "evidence": "check-in"}
    assert state["followed"] == ["first-week"]
    assert state["latest"] == {"at": T2, "date": "2025-03-04", "level": "independent", "evidence": "https://e.example", "by": "manager", "reviewer": "Sam Lee"}
    assert pydantic_accepts(state["doc"]) and schema_errors(state["doc"]) == []
