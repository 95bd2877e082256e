"""Learning paths hold together: order respects prerequisites, critical capabilities have mandatory milestones."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..load.index import HubIndex, parse_ref
from .structure import error_at, warning_at


def check_paths(index: HubIndex, diagnostics: Diagnostics) -> None:
    hub = index.hub
    every_path = [(entry, pi, path) for entry in hub.maps.values() for pi, path in enumerate(entry.model.paths)]
    for map_entry, pi, path in every_path:  # not index.paths: a duplicate path id is checked too
        source, map_id = map_entry.source, map_entry.model.id
        position = {step: i for i, step in reversed(list(enumerate(path.steps)))}
        critical_steps: dict[object, int] = {}
        for si, step in enumerate(path.steps):
            challenge = hub.challenges.get(step)
            if challenge is None:
                continue
            for prerequisite in challenge.model.prerequisites:
                if position.get(prerequisite, -1) > si:
                    error_at(
                        diagnostics,
                        source,
                        ("paths", pi, "steps", si),
                        f"step '{step}' comes before its prerequisite '{prerequisite}' in path '{path.id}'",
                        "move the prerequisite earlier",
                        code="HUB412",
                    )
            key = parse_ref(challenge.model.capability, None)
            found = index.capabilities.get(key) if key else None
            if found and found[2].critical:
                critical_steps.setdefault(key, si)
        for key, si in critical_steps.items():
            milestones = [
                (mi, m) for mi, m in enumerate(path.milestones) if parse_ref(m.capability, map_id) == key
            ]
            if not milestones:
                error_at(
                    diagnostics,
                    source,
                    ("paths", pi, "steps", si),
                    f"path '{path.id}' practises critical capability '{key}' but has no mandatory milestone for it",
                    "add a milestone with 'mandatory: true' that reviews its evidence",
                    code="HUB413",
                )
            for mi, milestone in milestones:
                if not milestone.mandatory:
                    error_at(
                        diagnostics,
                        source,
                        ("paths", pi, "milestones", mi),
                        f"milestone '{milestone.id}' reviews critical capability '{key}', so it must be mandatory",
                        "add 'mandatory: true'",
                        code="HUB414",
                    )
        for mi, milestone in enumerate(path.milestones):
            key = parse_ref(milestone.capability, map_id)
            after = position.get(milestone.after)
            if after is None or key not in index.capabilities:
                continue
            if any(step not in hub.challenges for step in path.steps[: after + 1]):
                continue  # a step is unknown or failed to load, and is reported already
            practised = any(
                (c := hub.challenges.get(step)) is not None and parse_ref(c.model.capability, None) == key
                for step in path.steps[: after + 1]
            )
            if not practised:
                warning_at(
                    diagnostics,
                    source,
                    ("paths", pi, "milestones", mi, "capability"),
                    f"milestone '{milestone.id}' reviews '{key}', but no step up to '{milestone.after}' practises it",
                    code="HUB415",
                )
