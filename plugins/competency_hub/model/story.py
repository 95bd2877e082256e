"""The case story: what happened when people grew a capability at work (front matter of a .md file),
and the side files that stories refer to (authors, patterns, outcome kinds)."""

from __future__ import annotations

import datetime

from pydantic import Field

from .common import CapabilityRef, HubModel, Slug, Text

Figure = float | int | Text
"""A measured value: a number (`12`, `3.5`) or, when a number would mislead, a short text (`'weekly'`)."""


class Author(HubModel):
    """Someone who tells stories, listed once in `stories/authors.yml` and cited by id."""

    name: Text
    """Their name as shown on the story, e.g. 'Priya Raman'."""
    role: Text | None = None
    """Their role, e.g. 'Team lead, warehouse B'."""
    team: Text | None = None
    """Their team or department, e.g. 'Platform team'."""


class AuthorsFile(HubModel):
    """`stories/authors.yml`: every author, by id."""

    authors: dict[Slug, Author]
    """Author id → who they are; stories cite the id in their `authors` list."""


class Pattern(HubModel):
    """A recurring reason why growth succeeded or stalled, e.g. 'manager involvement'."""

    id: Slug
    """Stable id, cited in a story's `patterns`; the page is `/stories/patterns/<id>/`."""
    title: Text
    """Short name, e.g. 'Manager involvement'."""
    description: Text
    """What the pattern is and how to recognise it in a story."""


class OutcomeKind(HubModel):
    """A kind of result a story can measure, e.g. cycle time, quality, safety, revenue."""

    id: Slug
    """Stable id, cited as `kind` of an outcome."""
    title: Text
    """Short name, e.g. 'Cycle time'."""
    description: Text | None = None
    """What counts as this kind of outcome."""


class PatternsFile(HubModel):
    """`stories/patterns.yml`: the patterns and outcome kinds stories may cite."""

    patterns: list[Pattern] = Field(min_length=1)
    """The patterns, in the order the library lists them."""
    outcomes: list[OutcomeKind] = Field(min_length=1)
    """The kinds of outcome, in the order the library lists them."""


class StoryContext(HubModel):
    """Where the story happened, so readers can judge how close it is to their own work."""

    team: Text
    """The team, e.g. 'Order Hub team' or 'Warehouse B, night shift'."""
    function: Text
    """The function or department, e.g. 'Engineering', 'Sales', 'Operations'."""


class StoryCapability(HubModel):
    """A capability the story shows, and the level it was shown at."""

    capability: CapabilityRef
    """The capability, as `map-id/capability-id` (a story lives outside every map, so the map is always named)."""
    level: Slug
    """A level id of that map's scale: the level the people in the story reached or worked at."""


class Outcome(HubModel):
    """Something that was measured, before and after where known."""

    measure: Text
    """What was measured, e.g. 'Median time from merge to production'."""
    kind: Slug
    """The kind of outcome, an id from the `outcomes` list of `stories/patterns.yml`."""
    before: Figure | None = None
    """The value before (a number, or a short text)."""
    after: Figure | None = None
    """The value after (a number, or a short text)."""
    unit: Text | None = None
    """The unit of both values, e.g. 'days', '%', 'incidents per quarter'."""
    note: Text | None = None
    """How it was measured, or why it should be read with care."""


class Story(HubModel):
    """Front matter of `stories/<slug>.md`; the file name is the story's slug and address.

    The Markdown body holds the sections `## What happened`, `## What worked`,
    `## What stalled` and `## Lessons`.
    """

    title: Text
    """What happened, in a few words, e.g. 'Rollback drills before the peak season'."""
    date: datetime.date
    """When the story ends or was told (YYYY-MM-DD); not in the future. The library lists newest first."""
    authors: list[Slug] = Field(min_length=1)
    """Author ids from `stories/authors.yml`."""
    context: StoryContext
    """The team and function where it happened."""
    capabilities: list[StoryCapability] = Field(min_length=1)
    """The capabilities the story shows, each at a level."""
    outcomes: list[Outcome] = Field(default_factory=list)
    """What was measured, before and after where known."""
    patterns: list[Slug] = Field(default_factory=list)
    """Pattern ids from `stories/patterns.yml`."""
    summary: Text
    """Two or three sentences for lists, search and the feed: what happened and what came of it."""
    draft: bool = False
    """A draft is checked but never published: no page, no listing, no search, no feed."""


STORY_SECTIONS: dict[str, str] = {
    "what-happened": "What happened",
    "what-worked": "What worked",
    "what-stalled": "What stalled",
    "lessons": "Lessons",
}
"""The `##` sections of a story body, by anchor, in the order pages show them."""
