"""What templates see of the hub: `hub` (TemplateView) and, on story pages, `stories` (StoriesView).

Templates get these small documented objects, never the renderer: each method says what it returns,
and docs/reference/templates.md lists them for people who override a template. Story front matter
and the story side files (authors, patterns, outcome kinds) come from anyone by pull request, so
the stories, authors, patterns and outcome kinds that these objects hand out have every free-text
field already escaped (`EscapedText`, render/text.py): a template that places such a value without
a filter still writes no markup. Ids and dates are not text: the loader checked them.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from ..load import ChallengeEntry, Hub, MapEntry
from ..load.index import CapabilityKey, HubIndex, PathEntry
from ..load.stories import StoryEntry
from ..model import Capability, Level
from ..model.common import HubModel, Text
from ..model.story import Author, OutcomeKind, Pattern, Story
from .communities import CommunitiesView
from .options import RenderOptions
from .pilot_view import PilotView, build_pilot_view
from .story_index import StoryIndex
from .text import EscapedText
from .video import VideoView, video_view
from . import urls

M = TypeVar("M", bound=HubModel)


# -- escaping story models ------------------------------------------------------------------------


def _mentions_text(hint: object) -> bool:
    """Whether a field's type is, or may be, free `Text` (not a `Slug`, a date or a number)."""
    if hint == Text:
        return True
    return any(_mentions_text(arg) for arg in typing.get_args(hint))


@cache
def _text_fields(model: type[HubModel]) -> frozenset[str]:
    """The fields of a model that hold free text, from its type hints: a new `Text` field is escaped too."""
    hints = typing.get_type_hints(model, include_extras=True)
    return frozenset(name for name in model.model_fields if _mentions_text(hints.get(name)))


def _escaped_value(value: Any, text: bool) -> Any:
    if isinstance(value, HubModel):
        return escaped(value)
    if isinstance(value, list):
        return [_escaped_value(item, text) for item in value]
    if isinstance(value, dict):
        return {key: _escaped_value(item, text) for key, item in value.items()}
    if text and isinstance(value, str) and not isinstance(value, EscapedText):
        return EscapedText(value)
    return value


def escaped(model: M) -> M:
    """A copy of a story model (or side-file entry) whose free-text fields are `EscapedText`, at every depth."""
    text = _text_fields(type(model))
    update = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        new = _escaped_value(value, name in text)
        if new is not value:
            update[name] = new
    return model.model_copy(update=update) if update else model


@dataclass(frozen=True)
class StoryView:
    """A published story as templates see it."""

    slug: str
    """The story's id: its file name, and its address /stories/<slug>/."""
    model: Story
    """The front matter (title, date, authors, context, capabilities, outcomes, patterns, summary),
    every free-text field escaped (`EscapedText`)."""


class StoryViews:
    """The escaped views of the story library, each made once per build."""

    def __init__(self, stories: StoryIndex) -> None:
        self.index = stories
        self.library = stories.hub.library
        self._stories: dict[str, StoryView] = {}
        self._authors = {key: escaped(author) for key, author in self.library.authors.items()}
        self._patterns = {key: escaped(pattern) for key, pattern in self.library.patterns.items()}
        self._outcomes = {key: escaped(kind) for key, kind in self.library.outcomes.items()}

    def story(self, entry: StoryEntry) -> StoryView:
        view = self._stories.get(entry.slug)
        if view is None:
            view = self._stories[entry.slug] = StoryView(entry.slug, escaped(entry.model))
        return view

    def stories(self, entries: list[StoryEntry]) -> list[StoryView]:
        return [self.story(entry) for entry in entries]

    def authors(self, story: StoryView | StoryEntry) -> list[Author]:
        return [self._authors[a] for a in story.model.authors if a in self._authors]

    def pattern(self, pattern_id: str) -> Pattern | None:
        return self._patterns.get(pattern_id)

    def patterns(self) -> list[Pattern]:
        return list(self._patterns.values())

    def outcome_kind(self, kind: str) -> OutcomeKind | None:
        return self._outcomes.get(kind)


# -- the template objects -------------------------------------------------------------------------


@dataclass
class LevelView:
    """One level of a map's scale, with its neighbours (`levels` on map, capability and rubric pages)."""

    level: Level
    position: int
    """Its index in the scale, from 0."""
    below: Level | None
    above: Level | None


class TemplateView:
    """`hub` in every template: the lookups pages need, and the render options.

    Map, path and challenge objects it returns are the loaded content: place their text with the
    filters of render/text.py (`inline`, `cell`, `block`, `attr`…). Stories, authors, patterns and
    outcome kinds come escaped (StoryView).
    """

    def __init__(self, hub: Hub, index: HubIndex, options: RenderOptions, stories: StoryViews) -> None:
        self._hub = hub
        self._index = index
        self._stories = stories
        self._pilots: list[PilotView] | None = None
        self.options = options
        """The render options of this build (frozen): `learner`, `use_directory_urls`, `exports_page`,
        `stories.on_capability_page`, `site_name`…"""
        self.communities = CommunitiesView(index, options, stories.stories)
        """The communities of practice and their next occurrences (render/communities.py)."""

    # -- the hub's content

    @property
    def max_time_box(self) -> int:
        """The longest a challenge may take, in minutes (the `max_time_box` option)."""
        return self._hub.options.max_time_box

    def challenge(self, challenge_id: str) -> ChallengeEntry | None:
        """The challenge with this id (retired ones included), or None."""
        return self._hub.challenges.get(challenge_id)

    def resolve(self, ref: str, map_id: str) -> tuple[MapEntry, Capability] | None:
        """The (map, capability) a capability reference names, read from the map `map_id`; None if unknown."""
        return self._index.capability(ref, map_id)

    def level(self, map_entry: MapEntry, level_id: str) -> Level | None:
        """The level of the map's scale with this id, or None."""
        return self._index.level(map_entry, level_id)

    def active(self, capabilities: list[Capability]) -> list[Capability]:
        """The capabilities that are not retired, in their order."""
        return [c for c in capabilities if c.status != "retired"]

    def retired(self, capabilities: list[Capability]) -> list[Capability]:
        """The retired capabilities, in their order."""
        return [c for c in capabilities if c.status == "retired"]

    def behaviours_by_id(self, capability: Capability) -> dict[str, Any]:
        """Behaviour id → behaviour, over every level of the capability."""
        return {b.id: b for behaviours in capability.behaviours.values() for b in behaviours}

    def dependents(self, map_id: str, capability_id: str) -> list[tuple[MapEntry, Capability]]:
        """The active capabilities (with their map) that name this one as a prerequisite."""
        keys = self._index.dependents.get(CapabilityKey(map_id, capability_id), [])
        found = [self._index.capabilities[k] for k in keys if self._index.capabilities[k][2].status != "retired"]
        return [(entry, capability) for entry, _, capability in found]

    def changes(self, map_entry: MapEntry) -> list[Any]:
        """The map's change log, newest first; entries of one day keep their order in the file."""
        return sorted(map_entry.model.changes, key=lambda change: change.date, reverse=True)

    # -- challenges

    def capability_of(self, challenge: ChallengeEntry) -> tuple[MapEntry, Capability] | None:
        """The (map, capability) the challenge practises, or None if its reference is unknown."""
        return self._index.capability(challenge.model.capability)

    def level_of(self, challenge: ChallengeEntry) -> Level | None:
        """The level the challenge is set at, or None if unknown."""
        found = self.capability_of(challenge)
        return self._index.level(found[0], challenge.model.level) if found else None

    def video_of(self, challenge: ChallengeEntry) -> VideoView | None:
        """The challenge's video for the `_video.md.j2` partial, or None (no video, or one with a problem)."""
        if challenge.video is None:
            return None
        return video_view(challenge.video, urls.challenge_asset, captions_track=self.options.captions_tracks)

    def challenges_for(self, map_id: str, capability_id: str) -> list[ChallengeEntry]:
        """Active challenges of a capability, in scale order, then by title."""
        entry = self._hub.maps[map_id]
        order = {level.id: i for i, level in enumerate(entry.model.scale)}
        found = self._index.challenges_by_capability.get(CapabilityKey(map_id, capability_id), [])
        found = [c for c in found if c.model.status != "retired"]
        return sorted(found, key=lambda c: (order.get(c.model.level, 99), c.model.title))

    def challenge_count(self, map_id: str) -> int:
        """Challenges listed for the map's capabilities on the challenge list (retired capabilities list none)."""
        return sum(
            len(self.challenges_for(map_id, c.id))
            for c in self._hub.maps[map_id].model.capabilities
            if c.status != "retired"
        )

    def next_challenge(self, map_id: str, capability: Capability, level_index: int) -> ChallengeEntry | None:
        """The first challenge at this level, else at the next level up: the next thing to practise."""
        scale = self._hub.maps[map_id].model.scale
        challenges = self.challenges_for(map_id, capability.id)
        for level in scale[level_index : level_index + 2]:
            for challenge in challenges:
                if challenge.model.level == level.id:
                    return challenge
        return None

    # -- paths

    def paths_of(self, challenge_id: str) -> list[PathEntry]:
        """The learning paths that have this challenge as a step."""
        return self._index.paths_by_challenge.get(challenge_id, [])

    def path_total_minutes(self, path: PathEntry) -> int:
        """The sum of the time boxes of the path's steps."""
        return sum(self._hub.challenges[s].model.time_box for s in path.model.steps if s in self._hub.challenges)

    def milestones_after(self, path: PathEntry, step: str) -> list[Any]:
        """The path's milestones placed after this step, in their order."""
        return [m for m in path.model.milestones if m.after == step]

    # -- stories

    def has_stories(self) -> bool:
        """Whether the hub has a story library at all (a stories folder)."""
        return (self._hub.options.root / self._hub.options.stories_dir).is_dir()

    def stories_for(self, map_id: str, capability_id: str) -> list[StoryView]:
        """Published stories citing a capability, newest first (escaped)."""
        return self._stories.stories(self._stories.index.for_capability(map_id, capability_id))

    def latest_stories(self, limit: int) -> list[StoryView]:
        """The newest `limit` published stories (escaped)."""
        return self._stories.stories(self._stories.index.published[:limit])

    def story_count(self) -> int:
        """How many stories are published."""
        return len(self._stories.index.published)

    # -- pilots

    def pilots(self) -> list[PilotView]:
        """Every pilot, newest start first (then by id), escaped, with its metrics' charts."""
        if self._pilots is None:
            entries = sorted(self._hub.pilots.pilots.values(), key=lambda e: (-e.model.start.toordinal(), e.model.id))
            self._pilots = [build_pilot_view(entry, self._index, self._stories, escaped) for entry in entries]
        return self._pilots

    def pilots_for(self, map_id: str | None = None, path_id: str | None = None) -> list[PilotView]:
        """The pilots that tried a capability of the map `map_id` (or the map's paths), or the path `path_id`."""
        if path_id is not None:
            return [p for p in self.pilots() if any(path.model.id == path_id for path in p.paths)]
        return [p for p in self.pilots() if map_id in p.map_ids()]


class StoriesView:
    """`stories` in the story library's templates: authors, patterns, outcome kinds and counts.

    Everything it returns is escaped (`EscapedText` in every free-text field).
    """

    def __init__(self, views: StoryViews) -> None:
        self._views = views

    def authors(self, story: StoryView) -> list[Author]:
        """The story's authors as listed in the authors file (unknown ids are left out), escaped."""
        return self._views.authors(story)

    def pattern(self, pattern_id: str) -> Pattern | None:
        """The pattern with this id, escaped, or None."""
        return self._views.pattern(pattern_id)

    def outcome_kind(self, kind: str) -> OutcomeKind | None:
        """The outcome kind with this id, escaped, or None."""
        return self._views.outcome_kind(kind)

    def count_for_map(self, map_id: str) -> int:
        """Published stories citing at least one capability of the map."""
        return len(self._views.index.by_map.get(map_id, []))

    def count_for_capability(self, map_id: str, capability_id: str) -> int:
        """Published stories citing the capability."""
        return len(self._views.index.for_capability(map_id, capability_id))

    def count_for_pattern(self, pattern_id: str) -> int:
        """Published stories showing the pattern."""
        return len(self._views.index.by_pattern.get(pattern_id, []))
