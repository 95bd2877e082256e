"""What the site search knows of a page beyond its text: its kind, and the map, capability and level it is about.

Pure: from a page's source URI and the hub's index. The MkDocs plugin (mkdocs/search.py) writes these
facts into the page as Pagefind filters and metadata, so that results are grouped by kind and two
challenges of the same title tell their capability and level apart.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..load.index import CapabilityKey, HubIndex
from . import urls

KINDS = ("map", "capability", "level", "challenge", "path", "job-aid", "story", "community", "pilot", "guide", "page")
"""Result kinds, in the order the search shows its filters. `level` is a map's rubric (its levels,
capability by capability); `guide` a page of docs/; `page` one of the hub's own lists and tools."""

KIND_LABELS = {
    "map": "Maps",
    "capability": "Capabilities",
    "level": "Levels",
    "challenge": "Challenges",
    "path": "Paths",
    "job-aid": "Job aids",
    "story": "Stories",
    "community": "Communities",
    "pilot": "Pilots",
    "guide": "Guides",
    "page": "Hub pages",
}

LIST_FOLDERS = ("stories/page/", "stories/capabilities/", "stories/patterns/", "stories/maps/", "challenges/by-map/")
"""Generated lists that repeat what their items' pages say: left out of the search, whose results
would otherwise show the same story or challenge twice."""


@dataclass(frozen=True)
class SearchFacts:
    kind: str
    map: str | None = None
    capability: str | None = None
    level: str | None = None

    def context(self) -> str:
        """The line a result shows under its title: map, capability and level, as far as known."""
        return " · ".join(part for part in (self.map, self.capability, self.level) if part)


def _level_name(index: HubIndex, map_id: str, level_id: str) -> str | None:
    entry = index.hub.maps.get(map_id)
    if entry is None:
        return None
    return next((level.name for level in entry.model.scale if level.id == level_id), level_id)


def _capability(index: HubIndex, ref: str) -> tuple[str | None, str | None, str | None]:
    """(map title, capability title, map id) of a `map/capability` reference."""
    map_id, _, capability_id = str(ref).partition("/")
    found = index.capabilities.get(CapabilityKey(map_id, capability_id))
    if found is None:
        return None, None, map_id
    entry, _, capability = found
    return str(entry.model.title), str(capability.title), map_id


def search_facts(src_uri: str, index: HubIndex | None, *, generated: bool) -> SearchFacts | None:
    """The facts of the page at `src_uri`, or None for a page that the search leaves out (a list
    that repeats its items). `generated`: the hub made the page (not a file of docs/)."""
    if not generated:
        return SearchFacts("guide")
    if src_uri.startswith(LIST_FOLDERS):
        return None
    if index is None:
        return SearchFacts("page")
    hub = index.hub
    parts = src_uri.split("/")
    if len(parts) == 3 and parts[0] == "maps" and parts[1] in hub.maps:
        entry = hub.maps[parts[1]]
        name = posixpath.splitext(parts[2])[0]
        if src_uri == urls.map_page(parts[1]):
            return SearchFacts("map", map=str(entry.model.title))
        if src_uri == urls.rubric_page(parts[1]):
            return SearchFacts("level", map=str(entry.model.title))
        found = index.capabilities.get(CapabilityKey(parts[1], name))
        if found is not None:
            return SearchFacts("capability", map=str(entry.model.title))
        return SearchFacts("page", map=str(entry.model.title))
    if len(parts) == 2 and parts[0] == "challenges":
        challenge = hub.challenges.get(posixpath.splitext(parts[1])[0])
        if challenge is not None:
            map_title, capability, map_id = _capability(index, str(challenge.model.capability))
            level = _level_name(index, map_id, str(challenge.model.level)) if map_id else None
            return SearchFacts("challenge", map=map_title, capability=capability, level=level)
    if len(parts) == 2 and parts[0] == "paths":
        path = index.paths.get(posixpath.splitext(parts[1])[0])
        if path is not None:
            return SearchFacts("path", map=str(path.map.model.title))
    if parts[0] == "stories" and src_uri.endswith(".md"):
        story = hub.library.stories.get(posixpath.splitext(src_uri[len("stories/") :])[0])
        if story is not None and story.model.capabilities:
            first = story.model.capabilities[0]
            map_title, capability, map_id = _capability(index, str(first.capability))
            level = _level_name(index, map_id, str(first.level)) if map_id else None
            return SearchFacts("story", map=map_title, capability=capability, level=level)
    if len(parts) == 2 and src_uri.endswith(".md"):
        stem = posixpath.splitext(parts[1])[0]
        if src_uri == urls.job_aid_page(stem) and stem in hub.job_aids.aids:
            supports = hub.job_aids.aids[stem].model.supports
            map_title, capability, _ = _capability(index, str(supports[0].capability)) if supports else (None, None, None)
            return SearchFacts("job-aid", map=map_title, capability=capability)
        if src_uri == urls.community_page(stem) and stem in hub.communities.entries:
            return SearchFacts("community")
        if src_uri == urls.pilot_page(stem) and stem in hub.pilots.pilots:
            capabilities = hub.pilots.pilots[stem].model.capabilities
            map_title, capability, _ = _capability(index, str(capabilities[0])) if capabilities else (None, None, None)
            return SearchFacts("pilot", map=map_title, capability=capability)
    return SearchFacts("page")
