"""The pilot: a tight trial of a capability or path with one team, its success defined up front
(`pilots/<id>.yml`), and its interim results."""

from __future__ import annotations

import datetime
from typing import Literal

from pydantic import Field

from .common import CapabilityRef, HubModel, Slug, Text

MetricKind = Literal["cycle-time", "quality", "safety", "revenue", "other"]
"""The operational kind of a success metric."""

PilotStatus = Literal["planned", "running", "expanded", "stopped"]
"""Where a pilot stands: not started, under way, widened beyond the first cohort, or ended."""

METRIC_FIELDS: tuple[str, ...] = ("name", "unit", "kind", "baseline", "target", "direction")
"""The fields of a metric that define success: changing one after the start needs a recorded reason."""


class PilotMetric(HubModel):
    """A success metric, defined before the pilot starts: what is measured and what counts as success."""

    id: Slug
    """Stable id, cited by measurements and changes, e.g. 'hazard-fix-days'."""
    name: Text
    """What is measured, e.g. 'Median days from near-miss report to hazard fixed'."""
    unit: Text
    """The unit of every value, e.g. 'days', '%', 'reports per 10,000 hours'."""
    kind: MetricKind
    """The operational kind: `cycle-time`, `quality`, `safety`, `revenue` or `other`."""
    baseline: float
    """The value before the pilot, measured the same way as the interim results."""
    target: float
    """The value that counts as success by the end date."""
    direction: Literal["lower", "higher"]
    """Whether a lower or a higher value is better."""
    how_measured: Text | None = None
    """Where the numbers come from and how often, so readers can judge them."""


class Cohort(HubModel):
    """Who takes part: kept small on purpose."""

    size: int = Field(ge=1)
    """How many people take part."""
    description: Text
    """Who they are, e.g. 'The eight shift leads and cover leads of the night shift'."""


class Measurement(HubModel):
    """One interim result: the value of a metric on a date."""

    metric: Slug
    """The metric's id."""
    date: datetime.date
    """When it was measured (YYYY-MM-DD); not before the start, not in the future."""
    value: float
    """The measured value, in the metric's unit."""
    note: Text | None = None
    """What to keep in mind when reading it."""


class MetricChange(HubModel):
    """A recorded change to a metric's definition after the start, with the reason for it."""

    date: datetime.date
    """When it changed (YYYY-MM-DD)."""
    metric: Slug
    """The metric's id."""
    field: Literal["name", "unit", "kind", "baseline", "target", "direction", "added", "removed"]
    """What changed: one of the metric's fields, or `added` / `removed` for a whole metric."""
    before: float | Text | None = None
    """The value before the change."""
    after: float | Text | None = None
    """The value after the change (the metric's value now, unless a later change follows)."""
    reason: Text | None = None
    """Why it changed, in words a sceptical reader accepts; required for a change after the start."""


class Decision(HubModel):
    """What was decided at the end of the pilot, or at a checkpoint."""

    date: datetime.date
    """When it was decided (YYYY-MM-DD)."""
    summary: Text
    """What was decided, e.g. 'Expand to the early and late shifts from March'."""
    reason: Text
    """Why, in terms of the metrics and stories."""


class Pilot(HubModel):
    """`pilots/<id>.yml`: a pilot of a capability or path with one team, and its results.

    Interim results are `measurements` in the file, or rows of `pilots/<id>.csv` beside it
    (columns `metric,date,value,note`).
    """

    id: Slug
    """Stable id, the file name and the address /pilots/<id>/."""
    title: Text
    """What is tried, with whom, e.g. 'Shift-lead safety path on the Daventry night shift'."""
    summary: Text
    """Two or three sentences: the urgent need, what is tried, and what success means."""
    team: Text
    """The team that pilots it, e.g. 'Daventry distribution centre, night shift'."""
    manager: Slug
    """The invested manager: an author id from `stories/authors.yml`."""
    capabilities: list[CapabilityRef] = Field(default_factory=list)
    """Capabilities piloted, as `map-id/capability-id`."""
    paths: list[Slug] = Field(default_factory=list)
    """Learning paths piloted, by path id."""
    cohort: Cohort
    """Who takes part."""
    start: datetime.date
    """First day of the pilot (YYYY-MM-DD): the metrics as published on this day are the promise."""
    end: datetime.date
    """Last day of the pilot (YYYY-MM-DD)."""
    status: PilotStatus = "planned"
    """`planned`, `running`, `expanded` or `stopped`."""
    metrics: list[PilotMetric] = Field(min_length=1)
    """The success metrics, defined up front."""
    changes: list[MetricChange] = Field(default_factory=list)
    """Every change to a metric after the start, with its reason."""
    measurements: list[Measurement] = Field(default_factory=list)
    """Interim results (they may also sit in `pilots/<id>.csv`)."""
    findings: Text | None = None
    """What the pilot has found so far, in a sentence or two (shown on map and path pages)."""
    decision: Decision | None = None
    """Required once the status is `expanded` or `stopped`."""
    stories: list[Slug] = Field(default_factory=list)
    """Slugs of stories that came out of the pilot."""
