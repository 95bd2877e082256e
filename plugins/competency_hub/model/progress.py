"""A learner's progress as the browser keeps it and exports it: the format of `progress.schema.json`.

The hub has no server: progress lives in the learner's browser (localStorage) and leaves it only as
a file the learner exports. This model is the contract for that file, so that an export from one
version of the hub imports into the next, and so that tools can read it. The browser's own checks
(`assets/learner/store.js`) follow the same rules; the tests hold both to the same documents.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from .common import SLUG_PATTERN

_SLUG = SLUG_PATTERN.strip("^$")
CAPABILITY_KEY_PATTERN = rf"^{_SLUG}/{_SLUG}$"
RECALL_KEY_PATTERN = rf"^{_SLUG}/{_SLUG}$"

ChallengeId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
PathId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
CapabilityKey = Annotated[str, StringConstraints(pattern=CAPABILITY_KEY_PATTERN, max_length=129)]
"""`map-id/capability-id`."""
RecallKey = Annotated[str, StringConstraints(pattern=RECALL_KEY_PATTERN, max_length=129)]
"""`challenge-id/recall-id`: one recall prompt of one challenge."""
Timestamp = AwareDatetime
"""An ISO 8601 date and time with a time zone; the browser writes UTC, e.g. `2025-03-03T09:30:00.000Z`."""

FORMAT = "competency-hub-progress"
VERSION = 2
"""The version the browser writes. It reads version 1 too, as version 2 with the new parts empty."""
STORAGE_KEY = "competency-hub:v1"
"""The localStorage key the browser keeps this document under (unchanged since version 1: a stored
version 1 document is migrated where it is)."""

MAX_NOTE = 5000
MAX_EVIDENCE = 2000
MAX_REVIEWS = 1000
MAX_NAME = 200
MAX_RECORDS = 100

Role = Literal["self", "peer", "manager", "assessor"]
"""Who placed the learner at a level or reviewed a milestone: the learner, a peer, their manager, or an assessor."""
MilestoneKey = Annotated[str, StringConstraints(pattern=rf"^{_SLUG}/{_SLUG}$", max_length=129)]
"""`path-id/milestone-id`: one milestone of one learning path."""


class LearnerModel(BaseModel):
    """Base for the progress models: unknown fields are errors, so a mistyped file is not half-read."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=True)


def _strict_keys() -> object:
    """A dict field whose keys must all match the key pattern (pydantic alone allows other keys in the schema)."""
    return Field(default_factory=dict, json_schema_extra={"additionalProperties": False})


class ChallengeProgress(LearnerModel):
    """What the learner recorded on one challenge's page."""

    completed: Timestamp | None
    """When the learner marked the challenge done; null when they marked it not done again."""
    note: str = Field(default="", max_length=MAX_NOTE)
    """The learner's own note: what they did, what they noticed."""
    evidence: str = Field(default="", max_length=MAX_EVIDENCE)
    """Where the evidence they produced is: usually a link, sometimes a place ('team drive, folder X')."""
    updated: Timestamp
    """When any of the above last changed. On import the more recently updated record wins, except
    that an empty note or evidence never replaces a written one."""


class LevelAssessment(LearnerModel):
    """One self-assessment of a capability: the level the learner placed themselves at, and when."""

    level: Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)] | None
    """A level id of the capability's map, e.g. 'independent'; null when they cleared their choice."""
    at: Timestamp
    """When they chose it."""
    by: Role = "self"
    """Provenance: whose judgement the level is. 'self' (the default, and every level of a version 1
    file) is the learner's own; 'manager', 'peer' or 'assessor' is a level the learner recorded as
    given to them by that person, e.g. after a check-in."""
    name: str = Field(default="", max_length=MAX_NAME)
    """The name of that person, when it is not the learner; may be empty."""
    evidence: str = Field(default="", max_length=MAX_EVIDENCE)
    """What the level rests on: a link to evidence or a few words; may be empty."""


class Review(LearnerModel):
    """One spaced review of a recall prompt."""

    at: Timestamp
    """When the learner rated their recall."""
    rating: Literal[1, 2, 3, 4]
    """1 again (forgot), 2 hard, 3 good, 4 easy: FSRS's four ratings."""


class Card(LearnerModel):
    """The FSRS memory state after the reviews, as py-fsrs's `Card.to_dict()` names it (without card_id).

    It is derived: the browser recomputes it from `since` and `reviews` whenever they change, and on
    import, so an edited card cannot put a prompt out of step with its history.
    """

    state: Literal[1, 2, 3]
    """1 learning, 2 review, 3 relearning."""
    step: int | None = Field(ge=0)
    """The learning or relearning step, or null in the review state."""
    stability: float | None = Field(gt=0)
    """Days until recall probability falls to 90%; null before the first review."""
    difficulty: float | None = Field(ge=1, le=10)
    """FSRS difficulty, 1 (easiest) to 10; null before the first review."""
    due: Timestamp
    """When the prompt is next due for review."""
    last_review: Timestamp | None
    """The latest review, or null before the first."""


class RecallProgress(LearnerModel):
    """The review history of one recall prompt."""

    since: Timestamp
    """When the prompt was first scheduled: the time its challenge was marked done."""
    reviews: list[Review] = Field(default_factory=list, max_length=MAX_REVIEWS)
    """Every review, oldest first; on import, the reviews of both sides are combined."""
    card: Card
    """The schedule that follows from `since` and `reviews`."""


class FollowedPath(LearnerModel):
    """A learning path the learner chose to follow (or stopped following)."""

    followed: Timestamp | None
    """When they started following it; null when they stopped."""
    updated: Timestamp
    """When they last changed it. On import the later change wins."""


class MilestoneRecord(LearnerModel):
    """One review of a path's milestone: the evidence, the level it showed, and who reviewed it."""

    at: Timestamp
    """When the learner recorded it."""
    date: datetime.date
    """The day of the review (YYYY-MM-DD)."""
    level: Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
    """The level id the evidence was reviewed at; the milestone is passed when it is at least the
    level the milestone asks for."""
    evidence: str = Field(default="", max_length=MAX_EVIDENCE)
    """Where the evidence is: usually a link."""
    by: Role
    """The reviewer's role."""
    reviewer: str = Field(default="", max_length=MAX_NAME)
    """The reviewer's name; may be empty."""


class CapabilityNote(LearnerModel):
    """The learner's own note on a capability."""

    text: str = Field(max_length=MAX_NOTE)
    """The note; empty when they cleared it."""
    updated: Timestamp
    """When it was last written. On import the later note wins, but an empty note never replaces a written one."""


class Progress(LearnerModel):
    """A learner's progress in a competency hub, as kept in the browser and exported to a file.

    Published as `/schemas/progress.schema.json`. The browser keeps it in localStorage under the
    key `competency-hub:v1`; *Export* on the progress page downloads it as it is.

    Version 1 files (before followed paths, milestones and capability notes) are valid too: they
    are read as version 2 with those parts empty (`migrate`).
    """

    format: Literal["competency-hub-progress"]
    """Always 'competency-hub-progress', so other JSON files are told apart at once."""
    version: Literal[1, 2]
    """Version of this format: 2 is written; 1 is still read. A browser refuses a file of a version it does not know."""
    exported: Timestamp | None = None
    """When the file was exported (absent in the browser's own copy)."""
    hub: str | None = Field(default=None, max_length=500)
    """The name of the hub it was exported from, for the learner's information."""
    challenges: dict[ChallengeId, ChallengeProgress] = _strict_keys()  # type: ignore[assignment]
    """Challenges by id: done or not, with the learner's note and evidence."""
    levels: dict[CapabilityKey, list[LevelAssessment]] = _strict_keys()  # type: ignore[assignment]
    """Self-assessments by capability (`map/capability`), oldest first; the last is the current level."""
    recall: dict[RecallKey, RecallProgress] = _strict_keys()  # type: ignore[assignment]
    """Review history by recall prompt (`challenge/recall-id`); prompts never reviewed are absent."""
    paths: dict[PathId, FollowedPath] = _strict_keys()  # type: ignore[assignment]
    """Learning paths by id that the learner follows (or followed). New in version 2."""
    milestones: dict[MilestoneKey, Annotated[list[MilestoneRecord], Field(max_length=MAX_RECORDS)]] = _strict_keys()  # type: ignore[assignment]
    """Milestone reviews by `path/milestone`, oldest first; the last is the current one. New in version 2."""
    notes: dict[CapabilityKey, CapabilityNote] = _strict_keys()  # type: ignore[assignment]
    """The learner's notes by capability (`map/capability`). New in version 2."""


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """A progress document of any version the hub reads, as version 2 (the browser's `migrate`).

    A version 1 document gains empty `paths`, `milestones` and `notes`; everything it holds is kept
    as it is (its levels are the learner's own, `by` 'self' by default).
    """
    if data.get("version") == VERSION:
        return data
    return {**data, "version": VERSION, "paths": data.get("paths", {}), "milestones": data.get("milestones", {}), "notes": data.get("notes", {})}
