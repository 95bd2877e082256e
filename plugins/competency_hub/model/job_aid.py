"""The job aid: a checklist, decision guide, script or cheat card used at the moment of need
(front matter of `job-aids/<id>.md`; the file name is its id and address)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import CapabilityRef, HubModel, Slug, Text
from .video import Video

JobAidKind = Literal["checklist", "decision-guide", "script", "cheat-card"]
"""What a job aid is: `checklist` (its task-list items `- [ ] …` can be ticked in the browser),
`decision-guide` (questions that lead to an action), `script` (words to say) or `cheat-card`."""

JOB_AID_KINDS: dict[str, str] = {
    "checklist": "Checklist",
    "decision-guide": "Decision guide",
    "script": "Script",
    "cheat-card": "Cheat card",
}
"""Each kind, with the name pages show for it."""


class JobAidSupport(HubModel):
    """A capability the job aid supports, and at which of its map's levels."""

    capability: CapabilityRef
    """The capability, as `map-id/capability-id`."""
    levels: list[Slug] = Field(default_factory=list)
    """Level ids of that map's scale the job aid is written for; empty: every level."""


class JobAid(HubModel):
    """Front matter of `job-aids/<id>.md`; the file name is the job aid's id and address.

    The Markdown body is the job aid itself. In a checklist, the body's task-list items
    (`- [ ] Check the fire exits`) are the items people tick.
    """

    title: Text
    """What it helps with, in a few words, e.g. 'Shift handover checklist'."""
    kind: JobAidKind
    """`checklist`, `decision-guide`, `script` or `cheat-card`."""
    supports: list[JobAidSupport] = Field(min_length=1)
    """The capabilities it supports; their pages and their challenges link to it."""
    owner: Text
    """Who keeps it up to date, e.g. 'Warehouse safety lead, Tilburg'."""
    summary: Text
    """One or two sentences: when to reach for it. Shown in lists, on the poster and in the embed."""
    video: Video | None = None
    """A short video shown on the page under the job aid, with its captions and transcript; its files are
    named relative to `job-aids/`, e.g. 'videos/shift-handover.webm' (see 'Add a short video')."""
