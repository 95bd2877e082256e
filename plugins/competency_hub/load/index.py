"""Looking things up across files: capability references, levels, challenges by capability."""

from __future__ import annotations

from dataclasses import dataclass, field

from . import ChallengeEntry, Hub, MapEntry
from ..model import Capability, Level, Path


@dataclass(frozen=True)
class CapabilityKey:
    map_id: str
    capability_id: str

    def __str__(self) -> str:
        return f"{self.map_id}/{self.capability_id}"


def parse_ref(ref: str, context_map: str | None) -> CapabilityKey | None:
    """`map/cap` or, inside a map, `cap`; None when a bare id is used where no map is implied."""
    if "/" in ref:
        map_id, capability_id = ref.split("/", 1)
        return CapabilityKey(map_id, capability_id)
    return CapabilityKey(context_map, ref) if context_map else None


@dataclass
class PathEntry:
    model: Path
    map: MapEntry
    index: int
    """Position of the path in its map's `paths` list, for locating diagnostics."""


@dataclass
class HubIndex:
    """Lookup tables built once per build, shared by validation and rendering."""

    hub: Hub
    capabilities: dict[CapabilityKey, tuple[MapEntry, int, Capability]] = field(default_factory=dict)
    paths: dict[str, PathEntry] = field(default_factory=dict)
    challenges_by_capability: dict[CapabilityKey, list[ChallengeEntry]] = field(default_factory=dict)
    paths_by_challenge: dict[str, list[PathEntry]] = field(default_factory=dict)
    dependents: dict[CapabilityKey, list[CapabilityKey]] = field(default_factory=dict)
    """For each capability, the capabilities that list it as a prerequisite."""
    renamed_capabilities: dict[CapabilityKey, CapabilityKey] = field(default_factory=dict)
    """Old key → current key, from `renamed_from`; each old address gets a redirect page."""
    renamed_challenges: dict[str, str] = field(default_factory=dict)
    """Old challenge id → current id, from `renamed_from`."""

    @classmethod
    def build(cls, hub: Hub) -> "HubIndex":
        index = cls(hub)
        for map_id, entry in hub.maps.items():
            for i, capability in enumerate(entry.model.capabilities):
                index.capabilities.setdefault(CapabilityKey(map_id, capability.id), (entry, i, capability))
                for old in capability.renamed_from:
                    index.renamed_capabilities.setdefault(CapabilityKey(map_id, old), CapabilityKey(map_id, capability.id))
            for i, path in enumerate(entry.model.paths):
                index.paths.setdefault(path.id, PathEntry(path, entry, i))
        for challenge in hub.challenges.values():
            for old in challenge.model.renamed_from:
                index.renamed_challenges.setdefault(old, challenge.model.id)
            key = parse_ref(challenge.model.capability, None)
            if key is not None:
                index.challenges_by_capability.setdefault(key, []).append(challenge)
        for path in index.paths.values():
            for step in dict.fromkeys(path.model.steps):
                index.paths_by_challenge.setdefault(step, []).append(path)
        for key, (entry, _, capability) in index.capabilities.items():
            for ref in capability.prerequisites:
                target = parse_ref(ref, entry.model.id)
                if target in index.capabilities and target is not None:
                    index.dependents.setdefault(target, []).append(key)
        return index

    def capability(self, ref: str, context_map: str | None = None) -> tuple[MapEntry, Capability] | None:
        key = parse_ref(ref, context_map)
        found = self.capabilities.get(key) if key else None
        return (found[0], found[2]) if found else None

    def is_retired(self, key: CapabilityKey | None) -> bool:
        """A retired capability, or any capability of a retired map."""
        found = self.capabilities.get(key) if key else None
        return found is not None and (found[2].status == "retired" or found[0].model.status == "retired")

    def level(self, map_entry: MapEntry, level_id: str) -> Level | None:
        return next((level for level in map_entry.model.scale if level.id == level_id), None)
