"""The `feedback` option in a build: its problems at their line of mkdocs.yml, each page's source, the edit button.

The core (render/feedback.py) checks the option and builds the links; this module tells it which
file and line a page comes from (a capability: its map file and the line of its `- id:`; a
challenge or a docs page: its file), and points Material's edit button of a capability or
challenge page at that file, since generated pages have no file in docs/ for MkDocs to edit.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from ..diagnostics import Diagnostics
from ..load.index import CapabilityKey, HubIndex
from ..render.feedback import FeedbackOptions, PageSource, check_feedback, edit_url, feedback_html

PLUGIN_NAME = "competency-hub"


def _key_marks(config_file: Path) -> dict[tuple[str, ...], tuple[int, int]]:
    """(line, column) of the `feedback` key of the plugin's entry and of each key under it; {} if unreadable."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    marks: dict[tuple[str, ...], tuple[int, int]] = {}

    def mapping_items(node: Any) -> list[tuple[Any, Any]]:
        return node.value if isinstance(node, yaml.MappingNode) else []

    plugins = next((value for key, value in mapping_items(root) if getattr(key, "value", None) == "plugins"), None)
    entries = plugins.value if isinstance(plugins, yaml.SequenceNode) else [plugins] if plugins is not None else []
    for entry in entries:
        for key, options in mapping_items(entry):
            if key.value != PLUGIN_NAME:
                continue
            for option, value in mapping_items(options):
                if option.value == "feedback":
                    marks[()] = (option.start_mark.line + 1, option.start_mark.column + 1)
                    for sub, _ in mapping_items(value):
                        marks[(str(sub.value),)] = (sub.start_mark.line + 1, sub.start_mark.column + 1)
    return marks


def read_feedback(value: Any, config_file: Path | None, root: Path) -> tuple[FeedbackOptions | None, Diagnostics]:
    """The checked `feedback` option and its problems, located in mkdocs.yml."""
    diagnostics = Diagnostics()
    if value is None or value == {}:
        return None, diagnostics
    marks = _key_marks(config_file) if config_file else {}
    display = config_file.name if config_file is None or not config_file.is_relative_to(root) else config_file.relative_to(root).as_posix()

    def locate(loc: tuple[str, ...]) -> tuple[int, int]:
        return marks.get(loc) or marks.get(()) or (1, 1)

    return check_feedback(value, locate, display, diagnostics), diagnostics


def page_source(page: Page, config: MkDocsConfig, root: Path, index: HubIndex | None) -> PageSource:
    """What the links say about `page`: its address, its content file and line, its capability or challenge."""
    address = page.canonical_url or page.url or "./"
    title = str(page.title or config.site_name)
    meta = page.meta
    kind = meta.get("hub_page")
    if index is not None and kind == "capability":
        key = CapabilityKey(str(meta.get("hub_map")), str(meta.get("hub_capability")))
        found = index.capabilities.get(key)
        if found is not None:
            entry, position, _ = found
            line = entry.source.locate(("capabilities", position, "id"), key=True).line
            return PageSource(title, address, entry.source.path, line, capability=str(key))
    if index is not None and kind == "challenge":
        challenge = index.hub.challenges.get(str(meta.get("hub_challenge")))
        if challenge is not None:
            return PageSource(title, address, challenge.source.path, 1, challenge=challenge.model.id)
    if index is not None and kind in ("map", "rubric"):
        entry = index.hub.maps.get(str(meta.get("hub_map")))
        if entry is not None:
            return PageSource(title, address, entry.source.path, 1)
    if page.file.generated_by is None and page.file.abs_src_path:
        source = Path(page.file.abs_src_path)
        if source.is_relative_to(root):
            return PageSource(title, address, source.relative_to(root).as_posix(), 1)
    return PageSource(title, address)


def point_edit_button(page: Page, config: MkDocsConfig, root: Path, source: PageSource) -> None:
    """Material's edit button of a generated page made from one file (a capability, challenge, map or rubric
    page) opens that file: MkDocs gives generated pages no edit address; docs pages keep theirs."""
    if source.source is None or page.file.generated_by is None:
        return
    docs_dir = os.path.relpath(config.docs_dir, root).replace(os.sep, "/")
    url = edit_url(config.repo_url, config.edit_uri, docs_dir, source.source)
    if url:
        page.edit_url = url


def append_links(html: str, options: FeedbackOptions, source: PageSource) -> str:
    """The page's content with the speak-up links at its end."""
    return html + "\n" + feedback_html(options, source)
