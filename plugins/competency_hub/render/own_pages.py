"""The pages made from a content file itself, for a `serve --dirty` preview to show first.

A saved map can change hundreds of pages (every page that names it, and the navigation of all of
them); the page someone is looking at after a save is one made from that file. `serve` converts
those first and the rest in a second rebuild (mkdocs/plugin.py, `_before_dirty_build`).
"""

from __future__ import annotations

from collections.abc import Collection

from ..load import Hub
from . import urls


def file_digests(hub: Hub) -> dict[str, bytes]:
    """Each loaded map, challenge and story file by its path as reports show it, with its text's digest."""
    sources = [entry.source for entry in hub.maps.values()]
    sources += [entry.source for entry in hub.challenges.values()]
    sources += [entry.source for entry in hub.library.stories.values()]
    return {source.path: source.text_digest for source in sources}


def changed_files(before: dict[str, bytes], now: dict[str, bytes]) -> set[str]:
    """The files of `now` that are new or whose text differs from `before`."""
    return {path for path, text in now.items() if before.get(path) != text}


def own_pages(hub: Hub, paths: Collection[str]) -> set[str]:
    """The pages (source URIs) made from the files at `paths`: a map's page, its capabilities' pages
    and its rubric; a challenge's page; a published story's page."""
    pages: set[str] = set()
    for map_id, entry in hub.maps.items():
        if entry.source.path in paths:
            pages.add(urls.map_page(map_id))
            pages.add(urls.rubric_page(map_id))
            pages.update(urls.capability_page(map_id, capability.id) for capability in entry.model.capabilities)
    for challenge_id, challenge in hub.challenges.items():
        if challenge.source.path in paths:
            pages.add(urls.challenge_page(challenge_id))
    for story in hub.library.stories.values():
        if story.source.path in paths and not story.model.draft:
            pages.add(urls.story_page(story.slug))
    return pages
