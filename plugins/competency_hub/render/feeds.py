"""A map's change log as an Atom feed, so people can follow what changes in the maps they use.

Every date comes from the change log itself, never from the clock, so the feed is the same in
every build of one commit. Links are relative to the feed (which sits beside the map page) unless
`site_url` is set, so the feed works under any sub-path.
"""

from __future__ import annotations

import uuid
from typing import Sequence
from xml.sax.saxutils import escape, quoteattr

from ..load import MapEntry
from ..model import Change

FEED_NAMESPACE = uuid.UUID("5b0d7c1e-8f1a-4c55-9a53-2f4e0c7b6d21")
"""Namespace for the stable ids of feeds and entries (uuid5 of the map id, and of date and summary)."""


def _timestamp(change: Change) -> str:
    return f"{change.date.isoformat()}T00:00:00Z"


def render_change_feed(
    entry: MapEntry, changes: Sequence[Change], *, site_name: str, use_directory_urls: bool, site_url: str | None
) -> bytes | None:
    """The Atom document for one map's change log, newest first, or None when the log is empty."""
    if not changes:
        return None
    model = entry.model
    ordered = sorted(changes, key=lambda change: change.date, reverse=True)
    page = "./" if use_directory_urls else "index.html"
    if site_url:
        base = site_url.rstrip("/") + f"/maps/{model.id}/"
        page = base + ("" if use_directory_urls else "index.html")
        self_href = base + "changes.xml"
    else:
        self_href = "changes.xml"
    authors = "".join(f"<author><name>{escape(owner.name)}</name></author>" for owner in model.owners)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(f'{site_name}: {model.title}: changes')}</title>",
        f"<id>urn:uuid:{uuid.uuid5(FEED_NAMESPACE, model.id)}</id>",
        f"<updated>{_timestamp(ordered[0])}</updated>",
        f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(page)}/>",
        f"<link rel=\"self\" type=\"application/atom+xml\" href={quoteattr(self_href)}/>",
        authors,
    ]
    for change in ordered:
        summary = " ".join(change.summary.split())
        title = summary if len(summary) <= 80 else summary[:79].rsplit(" ", 1)[0] + "…"
        lines += [
            "<entry>",
            f"<title>{escape(f'{change.date.isoformat()}: {title}')}</title>",
            f"<id>urn:uuid:{uuid.uuid5(FEED_NAMESPACE, f'{model.id}/{change.date.isoformat()}/{summary}')}</id>",
            f"<updated>{_timestamp(change)}</updated>",
            f"<link rel=\"alternate\" type=\"text/html\" href={quoteattr(page + '#changes')}/>",
            f"<content type=\"text\">{escape(summary)}</content>",
            "</entry>",
        ]
    lines.append("</feed>")
    return ("\n".join(line for line in lines if line) + "\n").encode("utf-8")
