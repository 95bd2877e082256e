"""The MkDocs side of the story library: the latest-stories marker, cleaning story pages, the feed link.

Kept apart from plugin.py so the plugin class stays a list of event hooks; everything here only
adapts MkDocs objects to the pure core (render/stories.py, validate/markers.py, safety/sanitise.py).
"""

from __future__ import annotations

import html
import re

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from ..diagnostics import Diagnostics
from ..render.output import StoryOutput
from ..load.index import HubIndex
from ..model import STORY_SECTIONS
from ..validate.markers import find_latest_markers
from .contributed import clean_parts

log = get_plugin_logger("competency-hub")

SECTION_IDS = frozenset(STORY_SECTIONS)
"""The anchors of the four sections, written by the hub's template and documented (docs/reference/urls.md):
the only ids of a story's body that keep their name; every other one gets USER_ID_PREFIX."""
_BODY_HEADING = re.compile(r"<h([2-6])(?=[\s>])")
SEARCH_EXCLUDE = ' data-search-exclude="story-body"'
"""Marks a heading of a story's body: Material's search leaves the section out of its index.

A story is found by its title, summary and facts (its first section) in the site search, and by
the story finder; the body stays out so that what a first search loads does not grow with 10,000
stories of 500 words (docs/performance.md). Material strips the attribute from the page."""


def replace_markers(
    markdown: str, page: Page, output: StoryOutput, index: HubIndex, around: tuple[str, str] = ("", "")
) -> tuple[str, int]:
    """The page's Markdown with each valid latest-stories marker replaced by the list it stands for,
    and how many were replaced.

    Problems were reported when the hub was loaded; markers with problems are left as the HTML
    comments they are, so a preview during `serve` still renders. In a challenge, the marker sits in
    a part its author wrote: `around` (the end and start markers of such parts) keeps the hub's list
    out of what is cleaned.
    """
    if "hub:" not in markdown or page.file.src_uri in output.pages:
        return markdown, 0  # never in a story: its body is untrusted
    markers = find_latest_markers(markdown, page.file.src_uri, 1, index, Diagnostics())
    if not markers:
        return markdown, 0
    lines = markdown.split("\n")
    for marker in reversed(markers):
        rendered = output.latest_markdown(
            page.file.src_uri,
            limit=marker.limit,
            map_id=marker.map_id,
            capability=marker.capability,
            pattern=marker.pattern,
        )
        close, reopen = around
        lines[marker.line : marker.line + 1] = ["", close, "", *rendered.strip("\n").split("\n"), "", reopen, ""]
    return "\n".join(lines), len(markers)


def clean_story_page(content: str, page: Page, output: StoryOutput) -> str:
    """A story page's HTML with the contributor's part (the body) cleaned to the allow-list (safety/sanitise.py)."""
    path = output.pages[page.file.src_uri]
    parts = output.split_body(content, page.file.src_uri)
    before, body, after = clean_parts(
        content,
        page,
        list(parts) if parts is not None else None,
        path=path,
        kind="story",
        image_allowed=output.image_allowed(page.url),
        keep_ids=SECTION_IDS,
    )
    return before + _BODY_HEADING.sub(lambda m: m.group(0) + SEARCH_EXCLUDE, body) + after


def feed_link(output: str, href: str, title: str) -> str:
    """The page's HTML with an Atom feed autodiscovery link in its head.

    `rel="alternate feed"` rather than `rel="alternate"` alone: Material's instant navigation takes
    every `link[rel=alternate]` for another language of the site and fetches its sitemap.xml.
    """
    tag = f'<link rel="alternate feed" type="application/atom+xml" title="{html.escape(title)}" href="{html.escape(href)}">'
    return output.replace("</head>", f"  {tag}\n</head>", 1)
