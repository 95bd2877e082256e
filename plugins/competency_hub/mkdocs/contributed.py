"""Cleaning the parts of a generated page that contributors wrote: one function for stories and challenges.

The renderer marks those parts (a story's body; a challenge's title, body, steps, evidence,
reflection, recall prompts and answers, resources); the hub's own markup around them (learner
controls, forms, buttons, `data-hub-*` attributes) is left as generated.
"""

from __future__ import annotations

import html
import re
from typing import Any, Callable

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from ..render.output import ChallengeOutput
from ..safety.sanitise import USER_ID_PREFIX, clean_contributed, split_contributed

log = get_plugin_logger("competency-hub")

_TAG = re.compile(r"<[^>]*>")
_ID = re.compile(r'<h[1-6][^>]*?\sid="([^"]*)"')


def clean_parts(
    content: str,
    page: Page,
    pieces: list[str] | None,
    *,
    path: str,
    kind: str,
    image_allowed: Callable[[str], bool],
    keep_ids: frozenset[str] = frozenset(),
) -> list[str]:
    """The page's [hub, contributed, hub, …] pieces with every contributed one cleaned to the allow-list.

    `pieces` is None when the page's markers are missing or were tampered with (an overridden
    template, or a contributor who wrote them): then the whole page is cleaned. Anything removed
    is reported as a warning on the file, so `--strict` stops on it and nothing vanishes silently;
    the validator normally reports it earlier, on its line. The table of contents follows: titles
    as text, and anchors of the contributor's headings with their prefix.
    """
    if pieces is None:
        log.warning("%s: the %s page has no intact markers (overridden template?); the whole page is cleaned", path, kind)
        pieces = ["", content, ""]
    cleaned, removed = clean_contributed(pieces, image_allowed=image_allowed, keep_ids=keep_ids)
    if removed:
        log.warning("%s:1:1: warning: removed from the published %s: %s", path, kind, ", ".join(removed[:8]))
    present = set().union(*(_ID.findall(cleaned[i]) for i in range(1, len(cleaned), 2)))
    for item in _walk(page.toc):
        item.title = html.escape(html.unescape(_TAG.sub("", str(item.title))), quote=False)
        if USER_ID_PREFIX + item.id in present:  # a contributor's heading: its anchor has the prefix now
            item.id = USER_ID_PREFIX + item.id
    return cleaned


def clean_challenge_page(content: str, page: Page, output: ChallengeOutput) -> str:
    """A challenge page's HTML with every part its author wrote cleaned; the hub's controls stay as generated.

    Every id of those parts gets USER_ID_PREFIX: the documented anchors (docs/reference/urls.md)
    are the hub's own headings and elements, outside the parts, so they keep their names.
    """
    path, count = output.pages[page.file.src_uri]
    pieces = split_contributed(content, count) if count else None
    cleaned = clean_parts(content, page, pieces, path=path, kind="challenge", image_allowed=output.image_allowed(page.url))
    return "".join(cleaned)


def _walk(items: Any) -> Any:
    for item in items or []:
        yield item
        yield from _walk(getattr(item, "children", []))
