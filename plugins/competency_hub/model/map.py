"""The competency map: scale, capabilities, behaviours, evidence with rubrics, learning paths."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from .alignment import Alignment
from .common import CapabilityRef, HubModel, Slug, Status, Text


class Owner(HubModel):
    """A person or team accountable for keeping the map true to the work."""

    name: Text
    """Who owns the map, e.g. 'Priya Raman' or 'Support enablement team'."""
    role: Text | None = None
    """Their role, so readers know why they own it."""
    contact: Text | None = None
    """An e-mail address or chat channel for questions and corrections."""


class Level(HubModel):
    """One step of the proficiency scale, anchored in what can be observed, not in seniority."""

    id: Slug
    """Stable id, used in anchors (`#level-<id>`) and in challenge `level` fields."""
    name: Text
    """Short name shown in tables and badges, e.g. 'Guided'."""
    summary: Text
    """One sentence that sums the level up."""
    complexity: Text
    """The complexity of situations handled at this level."""
    quality: Text
    """The quality bar met at this level."""
    independence: Text
    """How much supervision or support is needed at this level."""


class Behaviour(HubModel):
    """An observable statement: two reviewers watching the same work would agree whether it happened."""

    id: Slug
    """Stable id, unique in the map; the capability page anchors it as `#<id>`."""
    text: Text
    """What the person does, starting with an observable verb."""
    builds_on: Slug | None = None
    """Id of the behaviour at the level below that this one grows out of; drives 'what changes'."""


class RubricCriterion(HubModel):
    """One thing a reviewer checks in a piece of evidence, described at every level of the scale."""

    id: Slug
    """Stable id, unique within the evidence."""
    criterion: Text
    """What the reviewer looks at, e.g. 'Customer goal captured in their words'."""
    levels: dict[Slug, Text]
    """For each level id of the scale: what this criterion looks like at that level."""


class Evidence(HubModel):
    """A kind of artefact people produce in their real work, reviewed with a rubric."""

    id: Slug
    """Stable id, unique within the capability; challenges refer to it."""
    title: Text
    """The artefact, e.g. 'Recording of a discovery call'."""
    description: Text
    """Where it comes from and how to share it for review."""
    rubric: list[RubricCriterion] = Field(min_length=1)
    """The criteria used to review it fairly."""


class Capability(HubModel):
    """Something the role needs to be able to do, described level by level."""

    id: Slug
    """Stable id, unique in the map; the page is `/maps/<map>/<id>/`."""
    title: Text
    """Name of the capability, e.g. 'Discovery questioning'."""
    why: Text
    """Why it matters to the work and to the people served."""
    critical: bool = False
    """Critical capabilities need a mandatory milestone in every path that practises them."""
    moments: list[Text] = Field(min_length=1)
    """Real situations where the capability shows, e.g. 'A customer asks for a discount in the first call'."""
    behaviours: dict[Slug, list[Behaviour]]
    """For each level id of the scale: the observable behaviours at that level."""
    evidence: list[Evidence] = Field(min_length=1)
    """Artefacts from real work that show the capability, each with its rubric."""
    check_in: list[Text] = Field(default_factory=list)
    """Questions a manager can ask in a check-in, grounded in the behaviours and the evidence."""
    practice_minute: Text | None = None
    """A one-minute practice for a standup or a quiet moment: one concrete thing to do or say now, from the
    person's own work (e.g. 'Reread your last CRM note as a colleague would…'). Published with the recall
    prompts of the capability's challenges in the map's standup feeds (/maps/<map>/standup.json)."""
    prerequisites: list[CapabilityRef] = Field(default_factory=list)
    """Capabilities to build first (`id` in this map, or `map/id`)."""
    related: list[CapabilityRef] = Field(default_factory=list)
    """Capabilities that often grow together with this one (`id` or `map/id`)."""
    alignments: list[Alignment] = Field(default_factory=list)
    """Entries of labour-market taxonomies this capability corresponds to (ESCO, O*NET-SOC, Lightcast, SFIA or
    another framework), each with its `scheme` and `match`; shown under 'Aligned with' and carried by the exports."""
    status: Status = "active"
    """`retired`: the page becomes a tombstone that explains and points to `replaced_by`."""
    replaced_by: CapabilityRef | None = None
    """For a retired capability: the capability that takes its place (`id` or `map/id`)."""
    retired_reason: Text | None = None
    """For a retired capability: why, in a sentence; required when there is no `replaced_by`."""
    renamed_from: list[Slug] = Field(default_factory=list)
    """Former ids of this capability; each old address redirects here, with its anchors."""


class Milestone(HubModel):
    """A checkpoint in a path where evidence from real work is reviewed against the rubric."""

    id: Slug
    """Stable id, unique within the path; anchored as `#<id>` on the path page."""
    title: Text
    """What is reached, e.g. 'First solo discovery call reviewed'."""
    after: Slug
    """The challenge id (a step of this path) after which the milestone falls."""
    capability: CapabilityRef
    """The capability reviewed (`id` in this map, or `map/id`)."""
    level: Slug
    """The level the evidence must show."""
    evidence: Slug
    """The evidence id of that capability that is reviewed."""
    mandatory: bool = False
    """Must be passed to complete the path; required for critical capabilities."""


class Path(HubModel):
    """An ordered sequence of challenges towards a goal, with milestones."""

    id: Slug
    """Stable id, unique in the hub; the page is `/paths/<id>/`."""
    title: Text
    """Name of the path."""
    audience: Text
    """Who it is for and when to start it."""
    summary: Text
    """What someone can do at the end."""
    steps: list[Slug] = Field(min_length=1)
    """Challenge ids, in order."""
    milestones: list[Milestone] = Field(default_factory=list)
    """Checkpoints along the way; mandatory where a critical capability is practised."""


class Change(HubModel):
    """One entry of a map's change log, shown on the map page and in its feed."""

    date: datetime.date
    """When the change was published (YYYY-MM-DD)."""
    summary: Text
    """What changed and why, in a sentence or two; Markdown links are allowed."""


class Map(HubModel):
    """A competency map: the capabilities a role needs, on one proficiency scale."""

    id: Slug
    """Stable id, equal to the file name; the page is `/maps/<id>/`."""
    title: Text
    """Name of the role or kind of work, e.g. 'Customer conversations'."""
    summary: Text
    """Who the map is for and what it covers."""
    owners: list[Owner]
    """Who keeps the map true to the work; an empty list is reported until someone takes it on."""
    review_date: datetime.date
    """When the owners next review the map (YYYY-MM-DD)."""
    status: Literal["draft", "active", "retired"] = "active"
    """Draft maps show a banner; retired maps stay published for their links."""
    scale: list[Level] = Field(min_length=2, max_length=7)
    """The proficiency levels, lowest first."""
    capabilities: list[Capability] = Field(min_length=1)
    """The capabilities of the map."""
    paths: list[Path] = Field(default_factory=list)
    """Learning paths built from challenges."""
    changes: list[Change] = Field(default_factory=list)
    """The change log, newest first: what changed in the map and when."""
