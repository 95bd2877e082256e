"""The search index of the file-share copy: one classic script of each page's title, summary and headings.

Browsers load neither ES modules nor WebAssembly nor `fetch` from file://, so Pagefind cannot run
there, and Material's own search loads every page's whole text (37 MB at 17,000 pages). This index
keeps what a reader searches for (titles, a summary, headings, and the map, capability and level a
page is about, from render/search_facts.py), not whole bodies, within a budget of a few hundred
bytes a page; assets/search.js loads it as a `<script>` on the first search and ranks it itself.

Pure: entries in, the script's text out. The text is a function of the entries (sorted by URL).
"""

from __future__ import annotations

import dataclasses
import html
import json
import re
from collections import Counter
from dataclasses import dataclass

from .search_facts import KINDS

GLOBAL = "__hubFileShareSearch"
"""The global the script assigns; assets/search.js reads it."""
SUMMARY_CHARS = 200
"""A summary is cut at a word boundary near this many characters."""
HEADING_CHARS = 80
MAX_HEADINGS = 12
"""Headings kept per page (its first ones, sections before subsections)."""

TITLE_KINDS = ("map", "capability", "level", "path", "job-aid", "community", "pilot", "guide", "page")
"""The kinds a served hub's titles index holds: every kind but challenges and stories, which number in
thousands. Pagefind ranks a page by its words' frequency, so at 17,000 pages a short capability page
titled "Checking shift reports" sinks below the many stories that repeat those words; the header
search puts the pages of these kinds whose title holds every word searched first (assets/search.js)."""
TITLE_SUMMARY_CHARS = 140
"""The excerpt a titles-index result shows: shorter than the file-share copy's, it is loaded with
Pagefind on every first search."""

COMMON_HEADING_PAGES = 5
"""A heading on more pages than this (or than 2 % of them) is left out of the index."""

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


@dataclass(frozen=True)
class SearchEntry:
    url: str
    """The page's address relative to the site (`maps/support/triage.html`)."""
    title: str
    kind: str
    context: str
    summary: str
    headings: tuple[str, ...]


def plain(markup: str) -> str:
    """Text of an HTML fragment, on one line."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", markup))).strip()


def shorten(text: str, limit: int) -> str:
    """`text` cut at the last word boundary before `limit` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:·-")
    return cut + "…"


def first_paragraph(content: str) -> str:
    """The text of the first plain paragraph of a page's HTML: no class, not a bold-led line of facts
    ("Time box: …") and long enough to say what the page is about."""
    for match in _PARAGRAPH.finditer(content):
        body = match.group(1).strip()
        if body.startswith(("<strong>", "<em>", "<a ")):
            continue
        text = plain(body)
        if len(text) >= 40 and not text.startswith("Part of "):
            return text
    return ""


def summary_of(description: str | None, site_description: str | None, content: str) -> str:
    """The page's own description (front matter), or else its first paragraph; shortened."""
    text = plain(description or "").replace("`", "")  # a description is Markdown: no code marks in a summary
    if not text or text == plain(site_description or ""):
        text = first_paragraph(content)
    return shorten(text, SUMMARY_CHARS)


def entry(url: str, title: str, kind: str, context: str, summary: str, headings: list[str]) -> SearchEntry:
    kept: list[str] = []
    for heading in headings:
        text = shorten(plain(heading), HEADING_CHARS)
        if text and text != title and text not in kept:
            kept.append(text)
        if len(kept) == MAX_HEADINGS:
            break
    return SearchEntry(url, plain(title), kind if kind in KINDS else "page", context, summary, tuple(kept))


def index_script(entries: list[SearchEntry]) -> str:
    """The classic script that assigns the index to `window.__hubFileShareSearch`.

    Pages are rows `[url, title, kind, context, summary, headings]`; kind and context are numbers
    into shared lists (many stories share a context), headings one string joined by newlines.
    Headings that many pages share ("Why it matters", "Steps", level names) are left out: they tell
    no page apart and would be most of the index.
    """
    common = Counter(heading for e in entries for heading in e.headings)
    limit = max(COMMON_HEADING_PAGES, len(entries) // 50)
    entries = [dataclasses.replace(e, headings=tuple(h for h in e.headings if common[h] <= limit)) for e in entries]
    contexts = sorted({e.context for e in entries})
    context_number = {context: n for n, context in enumerate(contexts)}
    rows = [
        [e.url, e.title, KINDS.index(e.kind), context_number[e.context], e.summary, "\n".join(e.headings)]
        for e in sorted(entries, key=lambda e: e.url)
    ]
    data = {"version": 1, "kinds": list(KINDS), "contexts": contexts, "pages": rows}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")
    return f"// The file-share copy's search index (competency-hub, render/fileshare_search.py).\nwindow.{GLOBAL}={text};\n"


def titles_json(entries: list[SearchEntry]) -> str:
    """A served hub's titles index, as JSON: `[url, title, kind, context, excerpt]` rows of the pages of
    TITLE_KINDS, sorted by URL, kind and context numbered as in `index_script`."""
    kept = sorted((e for e in entries if e.kind in TITLE_KINDS), key=lambda e: e.url)
    contexts = sorted({e.context for e in kept})
    context_number = {context: n for n, context in enumerate(contexts)}
    rows = [[e.url, e.title, KINDS.index(e.kind), context_number[e.context], shorten(e.summary, TITLE_SUMMARY_CHARS)] for e in kept]
    data = {"version": 1, "kinds": list(KINDS), "contexts": contexts, "pages": rows}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
