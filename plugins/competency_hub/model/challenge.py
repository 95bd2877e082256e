"""The challenge: a tiny, time-boxed practice task tied to real work (front matter of a .md file)."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field, model_validator

from .common import CapabilityRef, HubModel, Slug, Status, Text
from .video import Video


class ChallengeEvidence(HubModel):
    """The evidence this challenge produces, as one of its capability's evidence kinds."""

    evidence: Slug
    """Id of an evidence kind of the capability; its rubric is shown with the challenge."""
    produce: Text
    """Exactly what to produce this time, e.g. 'A 10-minute recording of one discovery call'."""


class Recall(HubModel):
    """A short question or scenario brought back later for spaced review."""

    id: Slug
    """Stable id, unique within the challenge."""
    prompt: Text
    """The question or scenario, answerable in under a minute."""
    answer: Text
    """What a good answer includes, shown after the learner has tried."""


class Resource(HubModel):
    """A video, job aid, coaching prompt or reading that helps with the challenge."""

    kind: Literal["video", "job-aid", "coaching-prompt", "reading"]
    """What sort of resource it is."""
    title: Text
    """Its title."""
    url: Text | None = None
    """A link: a full address (e.g. on the intranet), or a relative link from the challenge page."""
    file: Text | None = None
    """A file under the challenges folder (e.g. 'templates/checklist.md'), published as a download."""
    text: Text | None = None
    """The resource itself when it is short, e.g. a coaching prompt."""

    @model_validator(mode="after")
    def _one_target(self) -> "Resource":
        given = [name for name in ("url", "file", "text") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError("give exactly one of 'url', 'file' or 'text'")
        return self


class TemplateFile(HubModel):
    """A file beside the challenge to start from; it becomes a download on the page."""

    file: Text
    """Path relative to the challenges folder, e.g. 'templates/discovery-call-plan.md'."""
    title: Text | None = None
    """Link text; defaults to the file name."""


class Challenge(HubModel):
    """Front matter of `challenges/<id>.md`.

    The Markdown body holds the sections `## Why it matters`, `## Example done well` and
    `## Template` (the last may be left out when `template.file` is given).
    """

    id: Slug
    """Stable id, equal to the file name; the page is `/challenges/<id>/`."""
    title: Text
    """An action, e.g. 'Open a discovery call with three goal questions'."""
    summary: Text
    """One sentence for lists and search results."""
    capability: CapabilityRef
    """The capability practised, as `map-id/capability-id`."""
    level: Slug
    """The level of the map's scale this challenge targets."""
    time_box: int = Field(ge=1, strict=True)
    """Minutes it takes; bounded by the plugin option `max_time_box` (30 by default)."""
    steps: list[Text] = Field(min_length=1)
    """What to do, in order."""
    evidence: list[ChallengeEvidence] = Field(min_length=1)
    """The evidence to produce."""
    reflection: list[Text] = Field(min_length=1)
    """Short prompts to reflect on afterwards."""
    recall: list[Recall] = Field(min_length=1)
    """Prompts for spaced review in the days and weeks after."""
    template: TemplateFile | None = None
    """A template file to download (in addition to, or instead of, a `## Template` section)."""
    resources: list[Resource] = Field(default_factory=list)
    """Videos, job aids, coaching prompts, readings."""
    video: Video | None = None
    """A short video beside the challenge (with captions and a transcript), shown on its page."""
    prerequisites: list[Slug] = Field(default_factory=list)
    """Challenge ids to do first."""
    reviewed: datetime.date | None = None
    """When the challenge was last checked against real work; older than the `stale_after_months`
    governance option, it is reported as stale. Without it, it is reviewed with its map."""
    status: Status = "active"
    """`retired`: the page becomes a tombstone that explains and points to `replaced_by`."""
    replaced_by: Slug | None = None
    """For a retired challenge: the id of the challenge that takes its place."""
    retired_reason: Text | None = None
    """For a retired challenge: why, in a sentence; required when there is no `replaced_by`."""
    renamed_from: list[Slug] = Field(default_factory=list)
    """Former ids (file names) of this challenge; each old address redirects here, with its anchors."""


CHALLENGE_SECTIONS: dict[str, str] = {
    "why-it-matters": "Why it matters",
    "example-done-well": "Example done well",
    "template": "Template",
}
"""The `##` sections of a challenge body, by anchor, in the order pages show them."""
