"""Loading the communities of practice: `communities/<id>.yml`, one community per file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..diagnostics import Diagnostics
from ..model.common import SLUG_PATTERN
from ..model.community import Community
from .files import FileKind
from .folders import folder_files
from .models import validate_model
from .options import HubOptions
from .source import Source, load_yaml_file

COMMUNITY_SUFFIXES = (".yml", ".yaml")

RESERVED_IDS = frozenset({"index", "hub"})
"""Ids taken by the pages and files of /communities/ itself (the index page, the hub's calendar hub.ics)."""


@dataclass
class CommunityEntry:
    id: str
    """The file name without its suffix: the address /communities/<id>/."""
    model: Community
    source: Source


@dataclass
class Communities:
    """Every community as loaded; `unloaded` holds the ids of files that failed their own checks."""

    entries: dict[str, CommunityEntry] = field(default_factory=dict)
    unloaded: set[str] = field(default_factory=set)

    @property
    def sorted(self) -> list[CommunityEntry]:
        """By title, then id, so every listing has one stable order."""
        return sorted(self.entries.values(), key=lambda e: (e.model.title.casefold(), e.id))


def load_communities(options: HubOptions, refused: dict[str, FileKind], diagnostics: Diagnostics) -> Communities:
    """Reads `communities/` if the hub has one (nothing if not); refused files go to `refused`."""
    communities = Communities()
    folder = options.root / options.communities_dir
    for path, _, display in folder_files(options, refused, folder, diagnostics):
        if path.suffix not in COMMUNITY_SUFFIXES or path.parent != folder:
            diagnostics.warning(
                display,
                1,
                1,
                "not a community file, so it is not published",
                f"community files are {options.communities_dir}/<id>.yml, at the top of the folder",
                code="HUB541",
            )
            continue
        stem = path.stem
        if not re.match(SLUG_PATTERN, stem) or len(stem) > 64 or stem in RESERVED_IDS:
            why = "is reserved for a page of /communities/" if stem in RESERVED_IDS else "is not a valid community id"
            diagnostics.error(
                display,
                1,
                1,
                f"file name '{path.name}' {why}",
                "the file name is the community's address: lowercase letters, digits and single hyphens, e.g. 'delivery-guild.yml'",
                code="HUB540",
            )
            communities.unloaded.add(stem)
            continue
        if stem in communities.entries or stem in communities.unloaded:
            diagnostics.error(display, 1, 1, f"duplicate community id '{stem}'", "rename one of the files", code="HUB540")
            continue
        source = load_yaml_file(path, display, diagnostics, max_bytes=options.max_file_size)
        model = validate_model(Community, source, diagnostics, what="a community file") if source else None
        if model is None or source is None:
            communities.unloaded.add(stem)
            continue
        communities.entries[stem] = CommunityEntry(stem, model, source)
    return communities
