"""The `<!-- hub:latest-stories … -->` marker: found on its own line outside code, options checked.

A docs page or a challenge body may hold the marker; the build replaces it with the newest
stories (render/stories.py). Unknown options, maps, capabilities or patterns are reported on
the marker's line, like any other content problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostics, did_you_mean
from ..load.files import FileKind, read_regular, walk
from ..safety.story_body import mask_code
from ..load.index import CapabilityKey, HubIndex

LATEST_STORIES = "latest-stories"
MARKER = re.compile(r"^(?P<indent>[ \t]*)<!--[ \t]*hub:(?P<name>[A-Za-z0-9_-]+)(?P<args>[^\n]*?)-->[ \t]*$")
OPTIONS = ("limit", "map", "capability", "pattern")
MAX_LIMIT = 50


@dataclass(frozen=True)
class LatestMarker:
    line: int
    """0-based line of the marker in the text it was found in."""
    limit: int = 5
    map_id: str | None = None
    capability: str | None = None
    pattern: str | None = None


def find_latest_markers(
    text: str, path: str, first_line: int, index: HubIndex, diagnostics: Diagnostics
) -> list[LatestMarker]:
    """The valid markers of `text` (a page that starts on `first_line` of file `path`); problems reported."""
    found: list[LatestMarker] = []
    hub = index.hub
    has_library = (hub.options.root / hub.options.stories_dir).is_dir()
    for number, line in enumerate(mask_code(text).split("\n")):
        match = MARKER.match(line)
        if not match:
            continue
        name = match.group("name")
        line_no = first_line + number
        column = len(match.group("indent")) + 1
        if name != LATEST_STORIES:
            hint = did_you_mean(name, [LATEST_STORIES])
            if hint:
                diagnostics.error(path, line_no, column, f"unknown marker 'hub:{name}'", hint, code="HUB701")
            continue
        if not has_library:
            diagnostics.error(
                path, line_no, column, "'hub:latest-stories' needs a story library", f"create {hub.options.stories_dir}/", code="HUB702"
            )
            continue
        args_start = match.start("args")
        options: dict[str, str] = {}
        ok = True
        for token in re.finditer(r"\S+", match.group("args")):
            col = args_start + token.start() + 1
            key, sep, value = token.group(0).partition("=")
            if not sep or not value:
                diagnostics.error(path, line_no, col, f"marker option '{token.group(0)}' needs a value", "write it as name=value, e.g. limit=5", code="HUB703")
                ok = False
            elif key not in OPTIONS:
                hint = did_you_mean(key, OPTIONS) or f"options are: {', '.join(OPTIONS)}"
                diagnostics.error(path, line_no, col, f"unknown marker option '{key}'", hint, code="HUB704")
                ok = False
            elif key in options:
                diagnostics.error(path, line_no, col, f"marker option '{key}' is given twice", code="HUB705")
                ok = False
            else:
                options[key] = value
                ok = _check_option(key, value, index, path, line_no, col, diagnostics) and ok
        filters = [k for k in ("map", "capability", "pattern") if k in options]
        if len(filters) > 1:
            diagnostics.error(path, line_no, column, f"marker gives both '{filters[0]}' and '{filters[1]}'", "give at most one of map, capability or pattern", code="HUB706")
            ok = False
        if ok:
            found.append(
                LatestMarker(
                    number,
                    int(options.get("limit", 5)),
                    options.get("map"),
                    options.get("capability"),
                    options.get("pattern"),
                )
            )
    return found


def _check_option(key: str, value: str, index: HubIndex, path: str, line: int, col: int, diagnostics: Diagnostics) -> bool:
    hub = index.hub
    if key == "limit":
        if not value.isdigit() or not 1 <= int(value) <= MAX_LIMIT:
            diagnostics.error(path, line, col, f"marker option 'limit' must be a whole number from 1 to {MAX_LIMIT} (got '{value}')", code="HUB707")
            return False
    elif key == "map" and value not in hub.maps:
        diagnostics.error(path, line, col, f"unknown map '{value}' in the marker", did_you_mean(value, hub.maps), code="HUB708")
        return False
    elif key == "capability":
        map_id, _, capability_id = value.partition("/")
        if CapabilityKey(map_id, capability_id) not in index.capabilities:
            names = [str(k) for k in index.capabilities]
            diagnostics.error(
                path, line, col, f"unknown capability '{value}' in the marker", did_you_mean(value, names) or "write it as map-id/capability-id", code="HUB708"
            )
            return False
    elif key == "pattern" and value not in hub.library.patterns:
        diagnostics.error(path, line, col, f"unknown pattern '{value}' in the marker", did_you_mean(value, hub.library.patterns), code="HUB708")
        return False
    return True


def check_markers(index: HubIndex, diagnostics: Diagnostics) -> None:
    """Markers in challenge bodies."""
    for challenge in index.hub.challenges.values():
        source = challenge.source
        find_latest_markers(source.body, source.path, source.body_line, index, diagnostics)


def check_docs_markers(index: HubIndex, diagnostics: Diagnostics, docs_dir: Path) -> None:
    """Markers in the Markdown pages under `docs_dir` (the MkDocs docs folder)."""
    hub = index.hub
    if not docs_dir.is_dir():
        return
    for entry in walk(hub.options.root, docs_dir):
        path = entry.path
        if entry.kind is not FileKind.FILE or path.suffix != ".md":
            continue  # links and special files are reported by check_site_folders, and never read
        try:
            text = read_regular(path).decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue  # MkDocs reports unreadable pages itself
        if "hub:" in text:
            find_latest_markers(text.replace("\r\n", "\n"), hub.options.display(path), 1, index, diagnostics)
