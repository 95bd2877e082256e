"""Rules of pilots: who and what they name, their dates, and that success was defined up front.

A pilot's metrics are a promise made before it starts. Each metric as published on the start date
(the pilot file in the last Git commit on or before that day, when the hub is in Git) is compared
with the metric now; every difference needs an entry in the file's `changes` log, dated after the
start, with its reason. Without Git history the log is still checked: each entry after the start
gives a reason, names a metric the pilot has, and agrees with the metric's value now.
"""

from __future__ import annotations

import datetime
from typing import Any, Callable

from ..clock import committed_text_on
from ..diagnostics import Diagnostics, did_you_mean
from ..load.index import HubIndex
from ..load.pilots import PilotEntry
from ..load.source import Source, parse_yaml
from ..model.pilot import METRIC_FIELDS
from .structure import error_at

RESERVED_PILOT_IDS = frozenset({"index", "top"})
"""Ids taken by /pilots/ itself (its index page and the title anchor of its entries)."""

History = Callable[[PilotEntry], "str | None"]
"""The text of a pilot file as of its start date (None when unknown): Git's, unless a test gives another."""


def git_history(entry: PilotEntry, root: Any) -> str | None:
    return committed_text_on(root, entry.file, entry.model.start)


def _same(a: Any, b: Any) -> bool:
    def norm(value: Any) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, (int, float)):
            return float(value)
        return " ".join(str(value).split()) if value is not None else None

    return norm(a) == norm(b)


def _raw_metrics(data: Any) -> dict[str, dict[str, Any]]:
    metrics = data.get("metrics") if isinstance(data, dict) else None
    if not isinstance(metrics, list):
        return {}
    return {m["id"]: m for m in metrics if isinstance(m, dict) and isinstance(m.get("id"), str)}


def _show(value: Any) -> str:
    """A value as written: 30, not 30.0."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _metric_index(entry: PilotEntry) -> dict[str, int]:
    return {metric.id: i for i, metric in enumerate(entry.model.metrics)}


def check_metric_history(entry: PilotEntry, before_text: str | None, diagnostics: Diagnostics) -> None:
    """Differences between the metrics on the start date and now that the `changes` log does not cover."""
    model, source = entry.model, entry.source
    recorded = {(c.metric, c.field) for c in model.changes if c.date > model.start and c.reason}
    if before_text is None:
        return
    old_source = Source(source.path)
    if not parse_yaml(before_text, old_source, Diagnostics()):
        return
    old = _raw_metrics(old_source.data)
    new = _raw_metrics(source.data)
    positions = _metric_index(entry)
    start = model.start.isoformat()
    for metric_id, metric in new.items():
        loc = ("metrics", positions.get(metric_id, 0))
        if metric_id not in old:
            if (metric_id, "added") not in recorded:
                error_at(diagnostics, source, (*loc, "id"),
                         f"metric '{metric_id}' was added after the start date {start} without a recorded reason",
                         f"add to 'changes': {{date: …, metric: {metric_id}, field: added, reason: …}}", code="HUB566")
            continue
        for name in METRIC_FIELDS:
            if not _same(old[metric_id].get(name), metric.get(name)) and (metric_id, name) not in recorded:
                error_at(diagnostics, source, (*loc, name),
                         f"metric '{metric_id}': {name} changed after the start date {start} "
                         f"(was {_show(old[metric_id].get(name))}, now {_show(metric.get(name))}) without a recorded reason",
                         f"success is defined up front: restore it, or add to 'changes': "
                         f"{{date: …, metric: {metric_id}, field: {name}, before: {_show(old[metric_id].get(name))}, "
                         f"after: {_show(metric.get(name))}, reason: …}}", code="HUB566")
    for metric_id in old:
        if metric_id not in new and (metric_id, "removed") not in recorded:
            error_at(diagnostics, source, ("metrics",),
                     f"metric '{metric_id}' was removed after the start date {start} without a recorded reason",
                     f"add to 'changes': {{date: …, metric: {metric_id}, field: removed, reason: …}}", key=True, code="HUB566")


def check_change_log(entry: PilotEntry, diagnostics: Diagnostics) -> None:
    """Each change after the start gives a reason, names a metric, and agrees with the metric now."""
    model, source = entry.model, entry.source
    metrics = {metric.id: metric for metric in model.metrics}
    latest: dict[tuple[str, str], int] = {}
    for i, change in enumerate(model.changes):
        loc = ("changes", i)
        if change.date > model.start and not change.reason:
            error_at(diagnostics, source, loc,
                     f"the change of metric '{change.metric}' ({change.field}) on {change.date.isoformat()} is after the "
                     f"start date {model.start.isoformat()} and gives no reason",
                     "add 'reason': why success is now measured differently", code="HUB566")
        if change.metric not in metrics and change.field != "removed":
            error_at(diagnostics, source, (*loc, "metric"), f"change of unknown metric '{change.metric}'",
                     did_you_mean(change.metric, metrics) or f"the metrics are: {', '.join(metrics)}", code="HUB567")
            continue
        if change.field == "removed" and change.metric in metrics:
            error_at(diagnostics, source, (*loc, "metric"), f"metric '{change.metric}' is recorded as removed but is still listed",
                     "remove the metric, or the change", code="HUB567")
        key = (change.metric, change.field)
        if key not in latest or model.changes[latest[key]].date <= change.date:
            latest[key] = i
    for (metric_id, name), i in latest.items():
        change = model.changes[i]
        if name in METRIC_FIELDS and change.after is not None and metric_id in metrics:
            now = getattr(metrics[metric_id], name)
            if not _same(change.after, now):
                error_at(diagnostics, source, ("changes", i, "after"),
                         f"the last change of metric '{metric_id}' sets {name} to {_show(change.after)}, but it is {_show(now)}",
                         "the log records every change: correct 'after', or add the later change", code="HUB567")


def check_pilots(index: HubIndex, diagnostics: Diagnostics, today: datetime.date, history: History | None = None) -> None:
    """Every rule of every pilot."""
    hub = index.hub
    library = hub.library
    stories_dir = hub.options.stories_dir
    capability_keys = sorted(str(key) for key in index.capabilities)
    for entry in hub.pilots.pilots.values():
        model, source = entry.model, entry.source
        if model.id in RESERVED_PILOT_IDS:
            error_at(diagnostics, source, ("id",), f"pilot id '{model.id}' is reserved for a page of /pilots/",
                     "rename the file and its id", code="HUB574")
        if library.authors_state == "absent":
            error_at(diagnostics, source, ("manager",), f"unknown manager '{model.manager}': there is no {stories_dir}/authors.yml",
                     "the manager is an author id: create the authors file", code="HUB560")
        elif library.authors_state == "loaded" and model.manager not in library.authors:
            error_at(diagnostics, source, ("manager",), f"unknown manager '{model.manager}'",
                     did_you_mean(model.manager, library.authors) or f"add them to {stories_dir}/authors.yml", code="HUB560")
        if not model.capabilities and not model.paths:
            error_at(diagnostics, source, ("id",), "the pilot names no capability and no path",
                     "add 'capabilities: [map-id/capability-id]' or 'paths: [path-id]'", code="HUB561")
        for i, ref in enumerate(model.capabilities):
            if "/" not in ref:
                error_at(diagnostics, source, ("capabilities", i), f"capability '{ref}' does not name its map",
                         "write it as map-id/capability-id", code="HUB561")
            elif index.capability(ref) is None and ref.split("/")[0] not in hub.unloaded_ids["map"]:
                error_at(diagnostics, source, ("capabilities", i), f"unknown capability '{ref}'",
                         did_you_mean(ref, capability_keys), code="HUB561")
        for i, path_id in enumerate(model.paths):
            if path_id not in index.paths:
                error_at(diagnostics, source, ("paths", i), f"unknown path '{path_id}'", did_you_mean(path_id, index.paths),
                         code="HUB561")
        for i, slug in enumerate(model.stories):
            story = library.stories.get(slug)
            if story is None and slug not in library.unloaded:
                error_at(diagnostics, source, ("stories", i), f"unknown story '{slug}'",
                         did_you_mean(slug, library.stories) or f"stories are the files of {stories_dir}/, by name", code="HUB562")
            elif story is not None and story.model.draft:
                error_at(diagnostics, source, ("stories", i), f"story '{slug}' is a draft, so its link would lead nowhere",
                         "link it once it is published", code="HUB562")
        if model.end < model.start:
            error_at(diagnostics, source, ("end",), f"end {model.end.isoformat()} is before start {model.start.isoformat()}",
                     code="HUB563")
        seen: dict[str, int] = {}
        for i, metric in enumerate(model.metrics):
            if metric.id in seen:
                error_at(diagnostics, source, ("metrics", i, "id"), f"duplicate metric id '{metric.id}'", code="HUB564")
            seen.setdefault(metric.id, i)
        if model.status in ("expanded", "stopped") and model.decision is None:
            error_at(diagnostics, source, ("status",), f"a pilot that is {model.status} records its decision",
                     "add 'decision: {date: …, summary: …, reason: …}'", code="HUB565")
        check_change_log(entry, diagnostics)
        before = history(entry) if history else git_history(entry, hub.options.root)
        check_metric_history(entry, before, diagnostics)
        measured: dict[tuple[str, datetime.date], int] = {}
        for located in entry.measurements:
            m = located.measurement

            if located.loc is not None:
                mark = source.locate(located.loc)
                at = (source.path, mark.line, mark.column)
            else:
                at = (located.path, located.line, located.column)
            if m.metric not in seen:
                diagnostics.error(*at, f"measurement of unknown metric '{m.metric}'",
                                  did_you_mean(m.metric, seen) or f"the metrics are: {', '.join(seen)}", code="HUB568")
                continue
            if m.date < model.start or m.date > today:
                diagnostics.error(
                    *at,
                    f"measurement dated {m.date.isoformat()}, "
                    + (f"before the start {model.start.isoformat()}" if m.date < model.start else f"in the future (today is {today.isoformat()})"),
                    "the baseline is the value before the start; results are dated when measured", code="HUB569")
            key = (m.metric, m.date)
            if key in measured:
                diagnostics.error(*at, f"metric '{m.metric}' is measured twice on {m.date.isoformat()}", "keep one value per day",
                                  code="HUB572")
            measured[key] = located.line
