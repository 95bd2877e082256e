"""JSON Schemas of every file kind, generated from the pydantic models (for editors and tools).

`map`, `challenge`, `story`, `authors`, `patterns`, `pilot`, `community` and `job-aid` describe content files; `progress`
describes a learner's exported progress.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from .model import AuthorsFile, Challenge, JobAid, Map, PatternsFile, Story
from .model.pilot import Pilot
from .model.community import Community
from .model.progress import Progress

SCHEMA_MODELS: dict[str, type[BaseModel]] = {
    "map": Map,
    "challenge": Challenge,
    "story": Story,
    "authors": AuthorsFile,
    "patterns": PatternsFile,
    "pilot": Pilot,
    "community": Community,
    "progress": Progress,
    "job-aid": JobAid,
}
"""File kind → model; the schema of kind K is published as `schemas/K.schema.json`."""


def json_schema(kind: str) -> dict[str, Any]:
    schema = SCHEMA_MODELS[kind].model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }


def schema_files() -> dict[str, bytes]:
    """Kind → the schema as UTF-8 JSON text, byte-for-byte what is committed in `schemas/`."""
    return {
        kind: (json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n").encode("utf-8")
        for kind in SCHEMA_MODELS
    }
