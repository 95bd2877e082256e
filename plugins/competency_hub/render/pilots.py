"""The pilots' pages, Atom feeds and metric downloads: /pilots/, /pilots/<id>/ and the files beside it.

Every date in a feed or download comes from the pilot file, never from the clock, so they are the
same in every build of one commit.
"""

from __future__ import annotations

import csv
import io
import json
import uuid

from . import urls
from .atom import INDENTED, Element, atom_id, day_start, write
from .output import GeneratedFile, RenderedSite
from .pages import PageRenderer
from .pilot_chart import long_date, number
from .pilot_view import PilotView
from .text import as_text

FEED_NAMESPACE = uuid.UUID("0c6f7a52-3d8e-4b61-9e1f-6a2d4c8b9e73")
"""Namespace of the stable ids of pilot feeds and their entries (uuid5 of the pilot id, and of id/date)."""

CSV_COLUMNS = [
    "Pilot id",
    "Metric id",
    "Metric",
    "Unit",
    "Kind",
    "Better",
    "Baseline",
    "Target",
    "Date",
    "Value",
    "Note",
]
"""The header of `/pilots/<id>/metrics.csv`; docs/reference/urls.md says what each column holds."""


def _plain(text: object) -> str:
    """The contributor's own text of an escaped field (EscapedText keeps it as `.text`)."""
    return " ".join(str(getattr(text, "text", text)).split())


def metrics_csv(pilot: PilotView) -> bytes:
    """One row per measurement (metrics in file order, then by date); text cells safe from formulas."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect="excel", lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for view in pilot.metrics:
        m = view.metric
        for measurement in view.measurements:
            writer.writerow(
                [pilot.id, m.id, as_text(_plain(m.name)), as_text(_plain(m.unit)), m.kind, m.direction,
                 number(m.baseline), number(m.target), measurement.date.isoformat(), number(measurement.value),
                 as_text(_plain(measurement.note)) if measurement.note else ""]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def metrics_json(pilot: PilotView) -> bytes:
    """The pilot's success metrics, their recorded changes and measurements."""
    model = pilot.model
    data = {
        "pilot": pilot.id,
        "title": _plain(model.title),
        "team": _plain(model.team),
        "status": model.status,
        "start": model.start.isoformat(),
        "end": model.end.isoformat(),
        "metrics": [
            {
                "id": v.metric.id,
                "name": _plain(v.metric.name),
                "unit": _plain(v.metric.unit),
                "kind": v.metric.kind,
                "direction": v.metric.direction,
                "baseline": v.metric.baseline,
                "target": v.metric.target,
                "changes": [
                    {"date": c.date.isoformat(), "field": c.field,
                     "before": c.before if isinstance(c.before, (int, float)) or c.before is None else _plain(c.before),
                     "after": c.after if isinstance(c.after, (int, float)) or c.after is None else _plain(c.after),
                     "reason": _plain(c.reason) if c.reason else None}
                    for c in v.changes
                ],
                "measurements": [
                    {"date": m.date.isoformat(), "value": m.value, "note": _plain(m.note) if m.note else None}
                    for m in v.measurements
                ],
            }
            for v in pilot.metrics
        ],
    }
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def pilot_feed(pilot: PilotView, *, site_name: str, use_directory_urls: bool, site_url: str | None) -> bytes:
    """The Atom feed of one pilot: an entry per day with results, and one for the decision; newest first."""
    model = pilot.model
    page = "../" if use_directory_urls else f"../{pilot.id}.html"
    self_href = "feed.xml"
    if site_url:
        base = site_url.rstrip("/") + "/"
        page = base + urls.page_url(urls.pilot_page(pilot.id), use_directory_urls)
        self_href = base + urls.pilot_feed(pilot.id)
    days: dict = {}
    for view in pilot.metrics:
        for measurement in view.measurements:
            days.setdefault(measurement.date, []).append((view, measurement))
    entries: list[tuple] = [(day, "results", found) for day, found in days.items()]
    if model.decision is not None:
        entries.append((model.decision.date, "decision", None))
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    feed = Element("feed")
    feed.add("title", f"{site_name}: pilot: {_plain(model.title)}")
    feed.add("id", atom_id(FEED_NAMESPACE, pilot.id))
    feed.add("updated", day_start(entries[0][0] if entries else model.start))
    feed.add("link", rel="alternate", type="text/html", href=page)
    feed.add("link", rel="self", type="application/atom+xml", href=self_href)
    feed.add("author").add("name", _plain(pilot.manager.name) if pilot.manager else model.manager)
    for day, kind, found in entries:
        item = feed.add("entry")
        if kind == "decision":
            decision = model.decision
            item.add("title", f"{day.isoformat()}: decision: {_plain(decision.summary)}")
            item.add("id", atom_id(FEED_NAMESPACE, f"{pilot.id}/decision/{day.isoformat()}"))
            item.add("updated", day_start(day))
            item.add("link", rel="alternate", type="text/html", href=page + "#decision")
            item.add("content", f"{_plain(decision.summary)}. Why: {_plain(decision.reason)}", type="text")
            continue
        lines = []
        for view, measurement in found:
            m = view.metric
            better = "lower" if m.direction == "lower" else "higher"
            lines.append(
                f"{_plain(m.name)}: {number(measurement.value)} {_plain(m.unit)} "
                f"(baseline {number(m.baseline)}, target {number(m.target)}, {better} is better)"
                + (f". {_plain(measurement.note)}" if measurement.note else "")
            )
        item.add("title", f"{day.isoformat()}: interim results of {long_date(day)}")
        item.add("id", atom_id(FEED_NAMESPACE, f"{pilot.id}/results/{day.isoformat()}"))
        item.add("updated", day_start(day))
        item.add("link", rel="alternate", type="text/html", href=page + "#results")
        item.add("content", "\n".join(lines), type="text")
    return write(feed, INDENTED)


class PilotRenderer:
    """Adds the pilots' pages and files to a site."""

    def __init__(self, pages: PageRenderer, pilots: list[PilotView], *, site_name: str, use_directory_urls: bool,
                 site_url: str | None) -> None:
        self.pages = pages
        self.pilots = pilots
        self.site_name = site_name
        self.use_directory_urls = use_directory_urls
        self.site_url = site_url

    def render(self, site: RenderedSite) -> None:
        site.pages.append(self.pages.render_page("pilots_index.md.j2", urls.pilots_index(), pilots=self.pilots))
        for pilot in self.pilots:
            site.pages.append(self.pages.render_page("pilot.md.j2", urls.pilot_page(pilot.id), pilot=pilot))
            feed = pilot_feed(pilot, site_name=self.site_name, use_directory_urls=self.use_directory_urls, site_url=self.site_url)
            site.files.append(GeneratedFile(urls.pilot_feed(pilot.id), content=feed))
            site.files.append(GeneratedFile(urls.pilot_metrics_csv(pilot.id), content=metrics_csv(pilot)))
            site.files.append(GeneratedFile(urls.pilot_metrics_json(pilot.id), content=metrics_json(pilot)))
