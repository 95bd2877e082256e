"""A learner's progress as the browser keeps it and exports it: the format of `progress.schema.json`.

The hub has no server: progress lives in the learner's browser (localStorage) and leaves it only as
a file the learner exports. This model is the contract for that file, so that an export from one
version of the hub imports into the next, and so that tools can read it. The browser's own checks
(`assets/learner/store.js`) follow the same rules; the tests hold both to the same documents.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from .common import SLUG_PATTERN

_SLUG = SLUG_PATTERN.strip("^$")
CAPABILITY_KEY_PATTERN = rf"^{_SLUG}/{_SLUG}$"
RECALL_KEY_PATTERN = rf"^{_SLUG}/{_SLUG}$"

ChallengeId = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
CapabilityKey = Annotated[str, StringConstraints(pattern=CAPABILITY_KEY_PATTERN, max_length=129)]
"""`map-id/capability-id`."""
RecallKey = Annotated[str, StringConstraints(pattern=RECALL_KEY_PATTERN, max_length=129)]
"""`challenge-id/recall-id`: one recall prompt of one challenge."""
Timestamp = AwareDatetime
"""An ISO 8601 date and time with a time zone; the browser writes UTC, e.g. `2025-03-03T09:30:00.000Z`."""

FORMAT = "competency-hub-progress"
VERSION = 1
STORAGE_KEY = f"competency-hub:v{VERSION}"
"""The localStorage key the browser keeps this document under."""

MAX_NOTE = 5000
MAX_EVIDENCE = 2000
MAX_REVIEWS = 1000


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


class Progress(LearnerModel):
    """A learner's progress in a competency hub, as kept in the browser and exported to a file.

    Published as `/schemas/progress.schema.json`. The browser keeps it in localStorage under the
    key `competency-hub:v1`; *Export* on the progress page downloads it as it is.
    """

    format: Literal["competency-hub-progress"]
    """Always 'competency-hub-progress', so other JSON files are told apart at once."""
    version: Literal[1]
    """Version of this format; a browser refuses a file of a version it does not know."""
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
