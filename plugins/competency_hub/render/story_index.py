"""The published stories and their lookups (by capability, pattern and map, related stories), built
once per build from the loaded hub; drafts never enter it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..load import Hub, MapEntry
from ..load.index import CapabilityKey, HubIndex
from ..load.stories import StoryEntry
from ..model import Capability, Level


@dataclass
class CitedCapability:
    key: CapabilityKey
    map: MapEntry
    capability: Capability
    level: Level | None


@dataclass
class StoryIndex:
    """Published stories and their lookups, built once per build; drafts never enter it."""

    hub: Hub
    index: HubIndex
    published: list[StoryEntry] = field(default_factory=list)
    by_capability: dict[CapabilityKey, list[StoryEntry]] = field(default_factory=dict)
    by_pattern: dict[str, list[StoryEntry]] = field(default_factory=dict)
    by_map: dict[str, list[StoryEntry]] = field(default_factory=dict)
    """Map id → stories citing at least one of its capabilities, each once, newest first."""
    position: dict[str, int] = field(default_factory=dict)

    @classmethod
    def build(cls, hub: Hub, index: HubIndex) -> "StoryIndex":
        stories = cls(hub, index, hub.library.published)
        for i, entry in enumerate(stories.published):
            stories.position[entry.slug] = i
            keys = dict.fromkeys(stories.keys(entry))
            for key in keys:
                stories.by_capability.setdefault(key, []).append(entry)
            for map_id in dict.fromkeys(k.map_id for k in keys):
                stories.by_map.setdefault(map_id, []).append(entry)
            for pattern in dict.fromkeys(entry.model.patterns):
                stories.by_pattern.setdefault(pattern, []).append(entry)
        return stories

    @staticmethod
    def keys(entry: StoryEntry) -> list[CapabilityKey]:
        return [CapabilityKey(*c.capability.split("/", 1)) for c in entry.model.capabilities]

    def cited(self, entry: StoryEntry) -> list[CitedCapability]:
        """The story's capabilities that resolve, with their map and level (unknown ones are reported elsewhere)."""
        out = []
        for item in entry.model.capabilities:
            key = CapabilityKey(*item.capability.split("/", 1))
            found = self.index.capabilities.get(key)
            if found:
                out.append(CitedCapability(key, found[0], found[2], self.index.level(found[0], item.level)))
        return out

    def for_capability(self, map_id: str, capability_id: str) -> list[StoryEntry]:
        return self.by_capability.get(CapabilityKey(map_id, capability_id), [])

    def related(self, entry: StoryEntry, limit: int = 5, window: int = 40) -> list[StoryEntry]:
        """Stories sharing capabilities (weighing most) or patterns, nearest in time first.

        Only the `window` stories either side in each shared list are compared, so a library of
        10,000 stories costs the same per story as one of 100.
        """
        score: dict[str, int] = {}
        buckets: list[tuple[list[StoryEntry], int]] = [(self.by_capability.get(k, []), 3) for k in set(self.keys(entry))]
        buckets += [(self.by_pattern.get(p, []), 1) for p in set(entry.model.patterns)]
        for bucket, weight in buckets:
            mine = _bisect_by_position(bucket, self.position, entry)  # not list.index: it compares whole entries
            for other in bucket[max(0, mine - window) : mine + window + 1]:
                if other is not entry:
                    score[other.slug] = score.get(other.slug, 0) + weight
        here = self.position[entry.slug]
        ranked = sorted(score, key=lambda s: (-score[s], abs(self.position[s] - here), s))
        return [self.published[self.position[s]] for s in ranked[:limit]]

    def latest(self, *, map_id: str | None = None, capability: str | None = None, pattern: str | None = None) -> list[StoryEntry]:
        if capability:
            return self.for_capability(*capability.split("/", 1))
        if pattern:
            return self.by_pattern.get(pattern, [])
        if map_id:
            return self.by_map.get(map_id, [])
        return self.published


def _bisect_by_position(bucket: list[StoryEntry], position: dict[str, int], entry: StoryEntry) -> int:
    target = position[entry.slug]
    low, high = 0, len(bucket)
    while low < high:
        middle = (low + high) // 2
        if position[bucket[middle].slug] < target:
            low = middle + 1
        else:
            high = middle
    return low
