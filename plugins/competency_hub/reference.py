"""The content-model reference page (docs/reference/content-model.md), generated from the models."""

from __future__ import annotations

import datetime
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from .model.alignment import (
    ESCO_URI_PATTERN,
    HTTP_URI_PATTERN,
    LIGHTCAST_ID_PATTERN,
    ONET_SOC_PATTERN,
    SFIA_CODE_PATTERN,
    EscoAlignment,
    LightcastAlignment,
    OnetAlignment,
    OtherAlignment,
    SfiaAlignment,
)
from .model.common import CAPABILITY_REF_PATTERN, SLUG_PATTERN
from .model import (
    Behaviour,
    Capability,
    Challenge,
    Change,
    ChallengeEvidence,
    Evidence,
    Level,
    Map,
    Milestone,
    Owner,
    Path,
    Recall,
    Resource,
    RubricCriterion,
    TemplateFile,
    TranscriptFile,
    Video,
)
from .model.pilot import Cohort, Decision, Measurement, MetricChange, Pilot, PilotMetric
from .model.community import Community, MeetingPlace, OccurrenceEvidence, PastOccurrence, Ritual, Schedule
from .model.job_aid import JobAid, JobAidSupport
from .model.story import (
    Author,
    AuthorsFile,
    Outcome,
    OutcomeKind,
    Pattern,
    PatternsFile,
    Story,
    StoryCapability,
    StoryContext,
)

SECTIONS: list[tuple[str, str, list[type[BaseModel]]]] = [
    (
        "Map files",
        "`maps/<map-id>.yml`, one map per file. Schema: [`map.schema.json`](../schemas/map.schema.json).",
        [
            Map,
            Owner,
            Level,
            Capability,
            Behaviour,
            Evidence,
            RubricCriterion,
            EscoAlignment,
            OnetAlignment,
            LightcastAlignment,
            SfiaAlignment,
            OtherAlignment,
            Path,
            Milestone,
            Change,
        ],
    ),
    (
        "Challenge files",
        "`challenges/<challenge-id>.md`: these fields as YAML front matter, then the Markdown body. "
        "Schema: [`challenge.schema.json`](../schemas/challenge.schema.json).",
        [Challenge, ChallengeEvidence, Recall, Resource, TemplateFile, Video, TranscriptFile],
    ),
    (
        "Story files",
        "`stories/<slug>.md`: these fields as YAML front matter, then the Markdown body with the sections "
        "`## What happened`, `## What worked`, `## What stalled` and `## Lessons`. The file name is the "
        "story's slug and address (`/stories/<slug>/`); files may sit in sub-folders of `stories/`. "
        "Schema: [`story.schema.json`](../schemas/story.schema.json).",
        [Story, StoryContext, StoryCapability, Outcome],
    ),
    (
        "Story side files",
        "`stories/authors.yml` lists the authors stories cite "
        "([`authors.schema.json`](../schemas/authors.schema.json)); `stories/patterns.yml` lists the "
        "patterns and outcome kinds ([`patterns.schema.json`](../schemas/patterns.schema.json)).",
        [AuthorsFile, Author, PatternsFile, Pattern, OutcomeKind],
    ),
    (
        "Pilot files",
        "`pilots/<id>.yml`, one pilot per file; interim results may also sit in `pilots/<id>.csv` beside it "
        "(columns `metric,date,value,note`). See [Running a pilot](../guide/pilots.md). "
        "Schema: [`pilot.schema.json`](../schemas/pilot.schema.json).",
        [Pilot, Cohort, PilotMetric, MetricChange, Measurement, Decision],
    ),
    (
        "Community files",
        "`communities/<id>.yml`, one community of practice per file; the file name is its id and address "
        "(`/communities/<id>/`). See [Communities and rituals](../guide/communities.md) for the RRULE subset. "
        "Schema: [`community.schema.json`](../schemas/community.schema.json).",
        [Community, MeetingPlace, Ritual, Schedule, PastOccurrence, OccurrenceEvidence],
    ),
    (
        "Job aid files",
        "`job-aids/<id>.md`: these fields as YAML front matter, then the job aid itself in Markdown; in a "
        "checklist, the body's task-list items (`- [ ] …`) are the items people tick. The file name is the "
        "job aid's id and address (`/job-aids/<id>/`). "
        "Schema: [`job-aid.schema.json`](../schemas/job-aid.schema.json). See [Job aids](../guide/job-aids.md).",
        [JobAid, JobAidSupport],
    ),
]

_TYPE_NAMES = {str: "text", int: "whole number", bool: "true / false", type(None): "null"}


def _type_name(annotation: Any, metadata: tuple[Any, ...] = ()) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0], args[1:])
    if annotation is str:
        pattern = next((m.pattern for m in metadata if getattr(m, "pattern", None)), None)
        return {
            SLUG_PATTERN: "id",
            CAPABILITY_REF_PATTERN: "capability reference",
            ESCO_URI_PATTERN: "ESCO URI",
            ONET_SOC_PATTERN: "O\\*NET-SOC code (`NN-NNNN.NN`)",
            LIGHTCAST_ID_PATTERN: "Lightcast skill id",
            SFIA_CODE_PATTERN: "SFIA skill code (4 letters)",
            HTTP_URI_PATTERN: "web address",
        }.get(pattern, "text")
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(a) for a in args if a is not type(None)]
        if "float" in names and "whole number" in names:  # a measured value
            names = ["number"] + [n for n in names if n not in ("float", "whole number")]
        return " or ".join(names)
    if origin is list:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        key = "author id" if args[1] is Author else "level id"
        return f"mapping of {key} → {_type_name(args[1])}"
    if origin is typing.Literal:
        return " \\| ".join(f"`{a}`" for a in args)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    if annotation is datetime.date:
        return "date (YYYY-MM-DD)"
    return _TYPE_NAMES.get(annotation, getattr(annotation, "__name__", str(annotation)))


def _default(field: Any) -> str:
    if field.is_required():
        return "**required**"
    if field.default_factory is not None:
        return "optional (empty)"
    if field.default is PydanticUndefined or field.default is None:
        return "optional"
    value = str(field.default).lower() if isinstance(field.default, bool) else field.default
    return f"optional (`{value}`)"


def _model_table(model: type[BaseModel]) -> list[str]:
    doc = " ".join((model.__doc__ or "").split("\n\n")[0].split())
    lines = [f"### {model.__name__}", "", doc, "", "| Field | Type | | Description |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        description = " ".join((field.description or "").split()).replace("|", "\\|")
        lines.append(f"| `{name}` | {_type_name(field.annotation, tuple(field.metadata))} | {_default(field)} | {description} |")
    return [*lines, ""]


def content_model_reference() -> str:
    """The whole page, as Markdown; `competency-hub schema --reference` prints it."""
    lines = [
        "# Content model",
        "",
        "<!-- Generated from the pydantic models by `make schemas`; do not edit by hand. -->",
        "",
        "Every content file is checked against these models when the hub is built and by",
        "`competency-hub validate`. Unknown fields are errors, so a typo never vanishes silently.",
        "**Ids** are lowercase letters, digits and single hyphens (`discovery-questions`), at most",
        "64 characters; they become URLs and anchors, so keep them once published. A **capability",
        "reference** is `map-id/capability-id`, or just `capability-id` inside the map that defines it.",
        "Text fields accept inline Markdown.",
        "",
    ]
    for title, intro, models in SECTIONS:
        lines += [f"## {title}", "", intro, ""]
        for model in models:
            lines += _model_table(model)
    return "\n".join(lines).rstrip("\n") + "\n"
