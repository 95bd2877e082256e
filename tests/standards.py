"""The official schemas and JSON-LD contexts the exports are checked against, read from shared/standards.

The files are 1EdTech's and W3C's, so they are not copied into this repository: tests read them
from `../shared/standards/` beside the repository (or from $HUB_STANDARDS_DIR) and skip, saying
why, when they are absent. Nothing is ever fetched from the network.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft201909Validator, Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT201909, DRAFT202012

REPO = Path(__file__).resolve().parents[1]


def standards_dir() -> Path | None:
    configured = os.environ.get("HUB_STANDARDS_DIR")
    folder = Path(configured) if configured else REPO.parent / "shared" / "standards"
    return folder if folder.is_dir() else None


def standard(rel: str) -> Path:
    """A file of the standards folder, or a skip that says where it was looked for."""
    folder = standards_dir()
    if folder is None:
        pytest.skip(
            "the official schemas are not here: put shared/standards beside the repository "
            f"({REPO.parent / 'shared' / 'standards'}) or set HUB_STANDARDS_DIR"
        )
    path = folder / rel
    if not path.is_file():
        pytest.skip(f"{path} is missing from the standards folder")
    return path


def load(rel: str) -> Any:
    return json.loads(standard(rel).read_text(encoding="utf-8"))


def format_checker() -> FormatChecker:
    """A format checker that really checks the formats the schemas use (else the test would pass vacuously)."""
    checker = FormatChecker()
    missing = {"uri", "date-time", "date"} - set(checker.checkers)
    assert not missing, f"jsonschema cannot check {missing}: install jsonschema[format-nongpl] (make test does)"
    return checker


CASE = "case/v1p1/jsd/caseservicegroupv1p1-{}-200-responsepayload-schemav1p0p0.json"


@cache
def case_validator(endpoint: str, definition: str | None = None) -> Draft202012Validator:
    """The CASE 1.1 schema of a REST endpoint (e.g. 'getcfpackage'), or one of its $defs."""
    schema = load(CASE.format(endpoint))
    if definition is None:
        return Draft202012Validator(schema, format_checker=format_checker())
    registry = Registry().with_resource("urn:case", Resource.from_contents(schema, default_specification=DRAFT202012))
    return Draft202012Validator(
        {"$ref": f"urn:case#/$defs/{definition}"}, registry=registry, format_checker=format_checker()
    )


@cache
def openbadges_validator(definition: str) -> Draft201909Validator:
    """A $defs entry of the Open Badges 3.0 AchievementCredential schema (Draft 2019-09)."""
    schema = load("openbadges/v3p0/schema/achievementcredential.json")
    registry = Registry().with_resource(schema["$id"], Resource.from_contents(schema, default_specification=DRAFT201909))
    return Draft201909Validator(
        {"$ref": f"{schema['$id']}#/$defs/{definition}"}, registry=registry, format_checker=format_checker()
    )


def errors(validator: Any, instance: Any) -> list[str]:
    """Every schema error as 'path: message', so a failing test shows all of them."""
    return [
        f"{'/'.join(str(p) for p in error.absolute_path)}: {error.message[:300]}"
        for error in sorted(validator.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    ]


CONTEXTS = {
    "https://www.w3.org/ns/credentials/v2": "vc/credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "openbadges/v3p0/context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": "openbadges/v3p0/extensions.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": "clr-2.0/context-2.0.1.json",
}


def document_loader(url: str, options: Any = None) -> dict[str, Any]:
    """pyld's document loader, from local copies only: an unknown context fails instead of being fetched."""
    if url not in CONTEXTS:
        raise AssertionError(f"the document names a context that is not kept locally: {url}")
    return {"contextUrl": None, "documentUrl": url, "document": load(CONTEXTS[url])}


def _terms(value: Any) -> int:
    """How many properties (other than @context) a compacted JSON-LD document holds."""
    if isinstance(value, dict):
        return sum(1 + _terms(v) for k, v in value.items() if k != "@context")
    if isinstance(value, list):
        return sum(_terms(v) for v in value)
    return 0


def _expanded_terms(value: Any) -> int:
    if isinstance(value, dict):
        if "@value" in value:
            return 0
        return sum((1 if not k.startswith("@") or k in ("@id", "@type") else 0) + _expanded_terms(v) for k, v in value.items())
    if isinstance(value, list):
        return sum(_expanded_terms(v) for v in value)
    return 0


def dropped_terms(document: dict[str, Any]) -> list[str]:
    """Terms JSON-LD expansion drops (undefined in every context): empty when the document is sound.

    Two checks: pyld's own report of each dropped property, and a count of properties before and
    after expansion (a property could also vanish in ways the callback does not see).
    """
    from pyld import jsonld

    dropped: list[str] = []
    expanded = jsonld.expand(document, {"documentLoader": document_loader}, on_property_dropped=dropped.append)
    if not dropped and _terms(document) != _expanded_terms(expanded):
        dropped.append(f"{_terms(document)} properties before expansion, {_expanded_terms(expanded)} after")
    return dropped
