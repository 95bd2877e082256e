"""Checks inside one map: unique ids, every level described, behaviours that build on the level below."""

from __future__ import annotations

import re
from typing import Iterable

from ..diagnostics import UNCODED, Diagnostics, did_you_mean
from ..load import Hub, MapEntry, Source
from ..load.source import Loc

PAGE_TITLE_ANCHOR = "top"
"""Every generated page anchors its title as #top, so no id may take it."""

RESERVED_CAPABILITY_IDS = {"rubric", "index", PAGE_TITLE_ANCHOR}
"""Capability ids that would collide with the map's own pages, or with anchors of the rubric page."""

RESERVED_PAGE_IDS = {"index", PAGE_TITLE_ANCHOR}
"""Map, path and challenge ids that would collide with an index page or its anchors."""

CHALLENGES_BY_MAP = "by-map"
"""The folder of the per-map challenge lists (/challenges/by-map/<map>/): no challenge or download may take it."""

RESERVED_ANCHORS = {
    PAGE_TITLE_ANCHOR,
    "why-it-matters",
    "moments",
    "behaviours",
    "evidence",
    "challenges",
    "prerequisites",
    "check-in",
    "stories",
    "self-assessment",
    "practise",
    "job-aids",
}
"""Anchors of capability-page sections; behaviour ids must not take them."""

_PATH_PAGE_ANCHOR = re.compile(r"^(top|steps|pilots|step-\d+)$")
"""Anchors of a path page; milestone ids must not take them."""


def error_at(
    diagnostics: Diagnostics, source: Source, loc: Loc, message: str, hint: str | None = None, *, key: bool = False, code: str = UNCODED
) -> None:
    mark = source.locate(loc, key=key)
    diagnostics.error(source.path, mark.line, mark.column, message, hint, code=code)


def warning_at(
    diagnostics: Diagnostics, source: Source, loc: Loc, message: str, hint: str | None = None, *, key: bool = False, code: str = UNCODED
) -> None:
    mark = source.locate(loc, key=key)
    diagnostics.warning(source.path, mark.line, mark.column, message, hint, code=code)


def _check_level_known(level_id: str, level_ids: list[str], loc: Loc, where: str, source: Source, diagnostics: Diagnostics) -> None:
    """HUB230 on the key at `loc` when `level_id` is not a level of the map's scale; `where` names what uses it."""
    if level_id not in level_ids:
        error_at(
            diagnostics,
            source,
            loc,
            f"unknown level '{level_id}' in {where}",
            did_you_mean(level_id, level_ids) or f"the scale's levels are: {', '.join(level_ids)}",
            key=True,
            code="HUB230",
        )


def check_unique(
    items: Iterable[tuple[str, Loc]], what: str, source: Source, diagnostics: Diagnostics
) -> None:
    """Report every id after its first use, naming the line of the first."""
    seen: dict[str, Loc] = {}
    for item_id, loc in items:
        if item_id in seen:
            first = source.locate(seen[item_id])
            error_at(diagnostics, source, loc, f"duplicate {what} id '{item_id}' (first used on line {first.line})", code="HUB210")
        else:
            seen[item_id] = loc


def _check_map(entry: MapEntry, diagnostics: Diagnostics) -> None:
    model, source = entry.model, entry.source
    level_ids = list(dict.fromkeys(level.id for level in model.scale))  # a duplicate is reported once, below
    check_unique(((lv.id, ("scale", i, "id")) for i, lv in enumerate(model.scale)), "level", source, diagnostics)
    check_unique(
        ((c.id, ("capabilities", i, "id")) for i, c in enumerate(model.capabilities)), "capability", source, diagnostics
    )
    behaviour_locs: list[tuple[str, Loc]] = []
    for ci, capability in enumerate(model.capabilities):
        cap_loc: Loc = ("capabilities", ci)
        if capability.id in RESERVED_CAPABILITY_IDS:
            error_at(
                diagnostics,
                source,
                (*cap_loc, "id"),
                f"capability id '{capability.id}' is reserved for a page of the map",
                "choose another id",
                code="HUB220",
            )
        for level_id in capability.behaviours:
            _check_level_known(
                level_id, level_ids, (*cap_loc, "behaviours", level_id), f"behaviours of '{capability.id}'", source, diagnostics
            )
        for level_id in level_ids:
            if not capability.behaviours.get(level_id):
                error_at(
                    diagnostics,
                    source,
                    (*cap_loc, "behaviours"),
                    f"capability '{capability.id}' does not describe level '{level_id}'",
                    "give at least one behaviour for every level of the scale",
                    code="HUB231",
                )
        page_anchors = (
            RESERVED_ANCHORS
            | {f"check-in-{level_id}" for level_id in level_ids}
            | {f"evidence-{evidence.id}" for evidence in capability.evidence}
        )
        for position, level_id in enumerate(level_ids):
            below = (
                {b.id for b in capability.behaviours.get(level_ids[position - 1], [])} if position else set()
            )
            for bi, behaviour in enumerate(capability.behaviours.get(level_id, [])):
                loc: Loc = (*cap_loc, "behaviours", level_id, bi)
                behaviour_locs.append((behaviour.id, (*loc, "id")))
                if behaviour.id in page_anchors or behaviour.id.startswith(("level-", "hub-")):
                    error_at(
                        diagnostics,
                        source,
                        (*loc, "id"),
                        f"behaviour id '{behaviour.id}' would clash with an anchor of the capability page",
                        f"prefix it with the capability, e.g. '{capability.id}-{behaviour.id}'",
                        code="HUB222",
                    )
                if behaviour.builds_on is not None and behaviour.builds_on not in below:
                    hint = did_you_mean(behaviour.builds_on, below)
                    if position == 0:
                        message = f"'{behaviour.id}' is at the lowest level, so it cannot build on another behaviour"
                    else:
                        message = (
                            f"'builds_on: {behaviour.builds_on}' is not a behaviour of '{capability.id}' "
                            f"at the level below ('{level_ids[position - 1]}')"
                        )
                    error_at(diagnostics, source, (*loc, "builds_on"), message, hint, code="HUB233")
        check_unique(
            ((e.id, (*cap_loc, "evidence", i, "id")) for i, e in enumerate(capability.evidence)),
            "evidence",
            source,
            diagnostics,
        )
        for ei, evidence in enumerate(capability.evidence):
            check_unique(
                ((c.id, (*cap_loc, "evidence", ei, "rubric", i, "id")) for i, c in enumerate(evidence.rubric)),
                "rubric criterion",
                source,
                diagnostics,
            )
            for ri, criterion in enumerate(evidence.rubric):
                crit_loc: Loc = (*cap_loc, "evidence", ei, "rubric", ri)
                for level_id in criterion.levels:
                    _check_level_known(
                        level_id, level_ids, (*crit_loc, "levels", level_id), f"rubric criterion '{criterion.id}'", source, diagnostics
                    )
                missing = [level_id for level_id in level_ids if level_id not in criterion.levels]
                if missing:
                    error_at(
                        diagnostics,
                        source,
                        (*crit_loc, "levels"),
                        f"rubric criterion '{criterion.id}' does not describe level(s): {', '.join(missing)}",
                        code="HUB232",
                    )
    check_unique(behaviour_locs, "behaviour", source, diagnostics)
    for pi, path in enumerate(model.paths):
        check_unique(
            ((m.id, ("paths", pi, "milestones", i, "id")) for i, m in enumerate(path.milestones)),
            "milestone",
            source,
            diagnostics,
        )
        for mi, milestone in enumerate(path.milestones):
            if _PATH_PAGE_ANCHOR.match(milestone.id):
                error_at(
                    diagnostics,
                    source,
                    ("paths", pi, "milestones", mi, "id"),
                    f"milestone id '{milestone.id}' would clash with an anchor of the path page",
                    "choose an id that says what is reviewed, e.g. 'first-call-reviewed'",
                    code="HUB222",
                )


def _check_page_id(kind: str, item_id: str, source: Source, diagnostics: Diagnostics) -> None:
    if item_id in RESERVED_PAGE_IDS:
        error_at(
            diagnostics,
            source,
            ("id",),
            f"{kind} id '{item_id}' is reserved for the hub's own pages",
            "choose another id (and file name)",
            code="HUB220",
        )


def check_structure(hub: Hub, diagnostics: Diagnostics) -> None:
    for entry in hub.maps.values():
        _check_page_id("map", entry.model.id, entry.source, diagnostics)
        _check_map(entry, diagnostics)
    for challenge in hub.challenges.values():
        _check_page_id("challenge", challenge.model.id, challenge.source, diagnostics)
        if challenge.model.id == CHALLENGES_BY_MAP:
            error_at(
                diagnostics,
                challenge.source,
                ("id",),
                f"challenge id '{CHALLENGES_BY_MAP}' is reserved for the challenge lists of each map",
                "choose another id (and file name)",
                code="HUB220",
            )
    for asset in hub.assets.values():
        if asset.rel.split("/", 1)[0] == CHALLENGES_BY_MAP:
            diagnostics.error(
                hub.options.display(asset.path),
                1,
                1,
                f"the folder '{CHALLENGES_BY_MAP}/' under the challenges folder is reserved for the challenge lists of each map",
                "move the file to another folder",
                code="HUB221",
            )
    seen_paths: dict[str, MapEntry] = {}
    for entry in hub.maps.values():
        for pi, path in enumerate(entry.model.paths):
            if path.id in RESERVED_PAGE_IDS:
                error_at(
                    diagnostics,
                    entry.source,
                    ("paths", pi, "id"),
                    f"path id '{path.id}' is reserved for the hub's own pages",
                    "choose another id",
                    code="HUB220",
                )
            if path.id in seen_paths:
                first = seen_paths[path.id]
                error_at(
                    diagnostics,
                    entry.source,
                    ("paths", pi, "id"),
                    f"duplicate path id '{path.id}' (first used in {first.source.path})",
                    "path ids are unique across the hub, because the page is /paths/<id>/",
                    code="HUB211",
                )
            else:
                seen_paths[path.id] = entry
    for challenge in hub.challenges.values():
        check_unique(
            ((r.id, ("recall", i, "id")) for i, r in enumerate(challenge.model.recall)),
            "recall prompt",
            challenge.source,
            diagnostics,
        )
