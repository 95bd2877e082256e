"""The published JSON Schemas: committed files match the models, and real content validates against them."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from competency_hub.schema import SCHEMA_MODELS, schema_files
from hub import REPO, SCHEMAS_DIR, SMALL_HUB, as_json, schema, validator
from jsonschema import Draft202012Validator

def load(path: Path) -> tuple[str, Any]:
    """(kind, data) of a map file or of a challenge's front matter."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        front = text.split("---\n", 2)[1]
        return "challenge", as_json(yaml.safe_load(front))
    return "map", as_json(yaml.safe_load(text))


def content_files(root: Path) -> list[Path]:
    return sorted((root / "maps").glob("*.yml")) + sorted((root / "challenges").glob("*.md"))


def errors(kind: str, data: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(kind).iter_errors(data)]


# -- committed files ------------------------------------------------------------------------------


def test_committed_schemas_equal_the_models() -> None:
    files = schema_files()
    assert set(files) == set(SCHEMA_MODELS) == {"map", "challenge", "story", "authors", "patterns", "pilot", "community", "progress", "job-aid"}
    committed = {p.name for p in SCHEMAS_DIR.glob("*.schema.json")}
    assert committed == {f"{kind}.schema.json" for kind in files}
    for kind, content in files.items():
        assert (SCHEMAS_DIR / f"{kind}.schema.json").read_bytes() == content, f"schemas/{kind}.schema.json is stale"


@pytest.mark.parametrize("kind", ["map", "challenge", "story", "authors", "patterns", "pilot", "community", "progress", "job-aid"])
def test_schemas_are_valid_draft_2020_12(kind: str) -> None:
    document = schema(kind)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)
    assert document["additionalProperties"] is False
    assert document["description"]


# -- content validates ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", content_files(SMALL_HUB), ids=lambda p: p.relative_to(SMALL_HUB).as_posix())
def test_fixture_content_validates_against_its_schema(path: Path) -> None:
    kind, data = load(path)
    assert errors(kind, data) == []


@pytest.mark.parametrize("path", content_files(REPO), ids=lambda p: p.relative_to(REPO).as_posix())
def test_starter_hub_content_validates_against_its_schema(path: Path) -> None:
    kind, data = load(path)
    assert errors(kind, data) == []


@pytest.mark.parametrize("path", sorted((REPO / "pilots").glob("*.yml")), ids=lambda p: p.name)
def test_starter_pilots_validate_against_the_pilot_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert errors("pilot", as_json(data)) == []


def test_starter_hub_has_content_for_the_schema_test() -> None:
    """Guards the parametrised test above against silently running on nothing."""
    assert content_files(REPO), "the starter hub has no maps/*.yml or challenges/*.md yet"


# -- bad documents fail ---------------------------------------------------------------------------


SUPPORT = load(SMALL_HUB / "maps" / "support.yml")[1]
TAG = load(SMALL_HUB / "challenges" / "tag-ten-tickets.md")[1]


def _without(data: dict, key: str) -> dict:
    out = copy.deepcopy(data)
    del out[key]
    return out


def _with(data: dict, path: tuple, value: Any) -> dict:
    out = copy.deepcopy(data)
    node = out
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return out


@pytest.mark.parametrize(
    ("kind", "data", "where"),
    [
        ("map", _without(SUPPORT, "owners"), ""),
        ("map", _with(SUPPORT, ("tilte",), "Typo"), ""),
        ("map", _with(SUPPORT, ("review_date",), "next spring"), "review_date"),
        ("map", _with(SUPPORT, ("status",), "archived"), "status"),
        ("map", _with(SUPPORT, ("scale",), SUPPORT["scale"][:1]), "scale"),
        ("map", _with(SUPPORT, ("capabilities", 0, "id"), "Ticket_Triage"), "capabilities/0/id"),
        ("map", _with(SUPPORT, ("capabilities", 0, "critical"), "yes please"), "capabilities/0/critical"),
        ("map", _with(SUPPORT, ("capabilities", 0, "evidence"), []), "capabilities/0/evidence"),
        ("challenge", _with(TAG, ("time_box",), "twenty"), "time_box"),
        ("challenge", _with(TAG, ("time_box",), 0), "time_box"),
        ("challenge", _with(TAG, ("capability",), "Support/Triage"), "capability"),
        ("challenge", _with(TAG, ("steps",), []), "steps"),
        ("challenge", _with(TAG, ("resources",), [{"kind": "podcast", "title": "T", "url": "u"}]), "resources/0/kind"),
        ("challenge", _without(TAG, "recall"), ""),
        ("challenge", ["a", "list"], ""),
    ],
    ids=lambda value: value if isinstance(value, str) and len(value) < 40 else "",
)
def test_known_bad_documents_fail_the_schema(kind: str, data: Any, where: str) -> None:
    found = list(validator(kind).iter_errors(data))
    assert found, "the schema accepted a bad document"
    assert where in {"/".join(map(str, e.absolute_path)) for e in found}
