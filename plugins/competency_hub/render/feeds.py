"""A map's change log as an Atom feed, so people can follow what changes in the maps they use.

Every date comes from the change log itself, never from the clock, so the feed is the same in
every build of one commit. Links are relative to the feed (which sits beside the map page) unless
`site_url` is set, so the feed works under any sub-path.
"""

from __future__ import annotations

import uuid
from typing import Sequence

from ..load import MapEntry
from ..model import Change
from .atom import day_start, LINES, Element, atom_id, write

FEED_NAMESPACE = uuid.UUID("5b0d7c1e-8f1a-4c55-9a53-2f4e0c7b6d21")
"""Namespace for the stable ids of feeds and entries (uuid5 of the map id, and of date and summary)."""


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
    feed = Element("feed")
    feed.add("title", f"{site_name}: {model.title}: changes")
    feed.add("id", atom_id(FEED_NAMESPACE, model.id))
    feed.add("updated", day_start(ordered[0].date))
    feed.add("link", rel="alternate", type="text/html", href=page)
    feed.add("link", rel="self", type="application/atom+xml", href=self_href)
    for owner in model.owners:
        feed.add("author").add("name", owner.name)
    for change in ordered:
        summary = " ".join(change.summary.split())
        title = summary if len(summary) <= 80 else summary[:79].rsplit(" ", 1)[0] + "…"
        item = feed.add("entry")
        item.add("title", f"{change.date.isoformat()}: {title}")
        item.add("id", atom_id(FEED_NAMESPACE, f"{model.id}/{change.date.isoformat()}/{summary}"))
        item.add("updated", day_start(change.date))
        item.add("link", rel="alternate", type="text/html", href=page + "#changes")
        item.add("content", summary, type="text")
    return write(feed, LINES)
