"""What templates see of a pilot (`PilotView`): escaped text, its metrics with their results and charts,
and what it links to. Built once per build; pilot files come by pull request from anyone, so every
free-text field is escaped (`EscapedText`) as story fields are."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ..load import MapEntry
from ..load.index import HubIndex, PathEntry
from ..load.pilots import PilotEntry
from ..model import Capability
from ..model.pilot import Measurement, MetricChange, Pilot, PilotMetric
from ..model.story import Author
from .pilot_chart import ChartPoint, long_date, number, render_metric_chart

STATUS_LABELS = {"planned": "Planned", "running": "Running", "expanded": "Expanded", "stopped": "Stopped"}
KIND_LABELS = {"cycle-time": "Cycle time", "quality": "Quality", "safety": "Safety", "revenue": "Revenue", "other": "Other"}


def _met(metric: PilotMetric, value: float) -> bool:
    return value <= metric.target if metric.direction == "lower" else value >= metric.target


@dataclass
class MetricView:
    """One success metric with its interim results, oldest first, and its chart."""

    metric: PilotMetric
    """The definition, free text escaped."""
    measurements: list[Measurement]
    chart: str
    """The inline SVG (see render/pilot_chart.py)."""
    changes: list[MetricChange] = field(default_factory=list)
    """Recorded changes to this metric, oldest first."""

    @property
    def latest(self) -> Measurement | None:
        return self.measurements[-1] if self.measurements else None

    @property
    def target_met(self) -> bool:
        """Whether the latest result meets the target (in the metric's direction)."""
        return self.latest is not None and _met(self.metric, self.latest.value)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.metric.kind]

    def number(self, value: float) -> str:
        return number(value)


@dataclass
class PilotView:
    """A pilot as templates see it."""

    id: str
    model: Pilot
    """The pilot file, every free-text field escaped."""
    manager: Author | None
    metrics: list[MetricView]
    capabilities: list[tuple[MapEntry, Capability]]
    paths: list[PathEntry]
    stories: list[object]
    """The linked published stories (StoryView), in the order the file lists them."""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.model.status]

    @property
    def updated(self) -> datetime.date | None:
        """The date of the latest measurement or decision, if any."""
        dates = [m.date for view in self.metrics for m in view.measurements]
        if self.model.decision is not None:
            dates.append(self.model.decision.date)
        return max(dates, default=None)

    def map_ids(self) -> set[str]:
        return {entry.model.id for entry, _ in self.capabilities} | {path.map.model.id for path in self.paths}


def _description(metric: PilotMetric, measured: list[Measurement]) -> str:
    better = "lower" if metric.direction == "lower" else "higher"
    text = (
        f"{metric.name}, in {metric.unit}: baseline {number(metric.baseline)}, target {number(metric.target)} "
        f"({better} is better)."
    )
    if not measured:
        return text + " No interim result yet."
    results = "; ".join(f"{long_date(m.date)}: {number(m.value)}" for m in measured)
    latest = measured[-1]
    verdict = "meets the target" if _met(metric, latest.value) else "does not meet the target yet"
    return f"{text} Measured {results}. The latest value, {number(latest.value)}, {verdict}."


def build_pilot_view(entry: PilotEntry, index: HubIndex, stories: object, escaped: object) -> PilotView:
    """The view of one pilot; `stories` is the build's StoryViews, `escaped` the escaping of view.py."""
    raw = entry.model
    model = escaped(raw)  # type: ignore[operator]
    hub = index.hub
    metrics = []
    for i, (metric, shown) in enumerate(zip(raw.metrics, model.metrics)):
        measured = sorted((m.measurement for m in entry.measurements if m.measurement.metric == metric.id), key=lambda m: m.date)
        chart = render_metric_chart(
            id_prefix=f"chart-{metric.id}",
            title=f"{metric.name} ({metric.unit})",
            description=_description(metric, measured),
            unit=metric.unit,
            start=raw.start,
            end=raw.end,
            baseline=metric.baseline,
            target=metric.target,
            points=[ChartPoint(m.date, m.value) for m in measured],
        )
        changes = [escaped(c) for c in sorted(raw.changes, key=lambda c: c.date) if c.metric == metric.id]  # type: ignore[operator]
        metrics.append(MetricView(shown, [escaped(m) for m in measured], chart, changes))  # type: ignore[operator]
    capabilities = [found for ref in raw.capabilities if (found := index.capability(ref)) is not None]
    paths = [index.paths[p] for p in raw.paths if p in index.paths]
    published = {s.slug: s for s in hub.library.published}
    linked = [stories.story(published[slug]) for slug in raw.stories if slug in published]  # type: ignore[attr-defined]
    author = hub.library.authors.get(raw.manager)
    return PilotView(raw.id, model, escaped(author) if author else None, metrics, capabilities, paths, linked)  # type: ignore[operator]
