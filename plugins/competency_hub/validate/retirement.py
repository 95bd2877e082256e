"""Retired and renamed items hold together: a retirement says why or what replaces it, old ids stay unique."""

from __future__ import annotations

from ..diagnostics import Diagnostics, did_you_mean
from ..load.source import Loc, Source
from ..load.index import HubIndex, parse_ref
from .structure import RESERVED_CAPABILITY_IDS, RESERVED_PAGE_IDS, error_at


def _check_retirement(
    diagnostics: Diagnostics, source: Source, loc: Loc, what: str, item_id: str, status: str, replaced_by: str | None, reason: str | None
) -> None:
    if status == "retired" and replaced_by is None and reason is None:
        error_at(
            diagnostics,
            source,
            (*loc, "status"),
            f"retired {what} '{item_id}' needs 'replaced_by' or 'retired_reason'",
            "its tombstone page tells readers where to go instead, or why there is nowhere to go",
            code="HUB320",
        )
    if status != "retired":
        for name, value in (("replaced_by", replaced_by), ("retired_reason", reason)):
            if value is not None:
                error_at(
                    diagnostics,
                    source,
                    (*loc, name),
                    f"'{name}' is only for retired items, but {what} '{item_id}' is active",
                    "add 'status: retired', or remove the field",
                    code="HUB321",
                )


def check_retirement(index: HubIndex, diagnostics: Diagnostics) -> None:
    hub = index.hub
    for entry in hub.maps.values():
        map_id, source = entry.model.id, entry.source
        taken: dict[str, str] = {c.id: "a capability" for c in entry.model.capabilities}
        for ci, capability in enumerate(entry.model.capabilities):
            loc: Loc = ("capabilities", ci)
            _check_retirement(
                diagnostics, source, loc, "capability", capability.id, capability.status, capability.replaced_by, capability.retired_reason
            )
            if capability.replaced_by is not None:
                ref_loc: Loc = (*loc, "replaced_by")
                key = parse_ref(capability.replaced_by, map_id)
                found = index.capabilities.get(key) if key else None
                if found is None:
                    if key is not None and key.map_id in hub.unloaded_ids["map"]:
                        continue
                    names = [c.id for c in entry.model.capabilities if c.id != capability.id]
                    error_at(
                        diagnostics,
                        source,
                        ref_loc,
                        f"unknown capability '{capability.replaced_by}' in 'replaced_by'",
                        did_you_mean(capability.replaced_by, names),
                        code="HUB303",
                    )
                elif found[2] is capability:
                    error_at(diagnostics, source, ref_loc, f"capability '{capability.id}' cannot replace itself", code="HUB322")
                elif found[2].status == "retired":
                    error_at(
                        diagnostics,
                        source,
                        ref_loc,
                        f"'replaced_by: {capability.replaced_by}' is retired too",
                        f"point at what replaces it: '{found[2].replaced_by}'" if found[2].replaced_by else "point at an active capability",
                        code="HUB323",
                    )
            for oi, old in enumerate(capability.renamed_from):
                old_loc: Loc = (*loc, "renamed_from", oi)
                if old in RESERVED_CAPABILITY_IDS:
                    error_at(diagnostics, source, old_loc, f"'{old}' is reserved for a page of the map, so it was never a capability id", code="HUB324")
                elif old in taken:
                    error_at(
                        diagnostics,
                        source,
                        old_loc,
                        f"old id '{old}' of '{capability.id}' is still used by {taken[old]} of this map",
                        "an old id gets a redirect page, so no capability may use it",
                        code="HUB324",
                    )
                else:
                    taken[old] = f"'renamed_from' of '{capability.id}'"
    taken_challenges: dict[str, str] = {cid: "a challenge" for cid in hub.challenges}
    taken_challenges.update({cid: "a challenge" for cid in hub.unloaded_ids["challenge"]})
    for challenge in hub.challenges.values():
        model, source = challenge.model, challenge.source
        _check_retirement(diagnostics, source, (), "challenge", model.id, model.status, model.replaced_by, model.retired_reason)
        if model.replaced_by is not None:
            other = hub.challenges.get(model.replaced_by)
            if model.replaced_by == model.id:
                error_at(diagnostics, source, ("replaced_by",), f"challenge '{model.id}' cannot replace itself", code="HUB322")
            elif other is None:
                if model.replaced_by not in hub.unloaded_ids["challenge"]:
                    error_at(
                        diagnostics,
                        source,
                        ("replaced_by",),
                        f"unknown challenge '{model.replaced_by}' in 'replaced_by'",
                        did_you_mean(model.replaced_by, hub.challenges),
                        code="HUB305",
                    )
            elif other.model.status == "retired":
                error_at(
                    diagnostics,
                    source,
                    ("replaced_by",),
                    f"'replaced_by: {model.replaced_by}' is retired too",
                    f"point at what replaces it: '{other.model.replaced_by}'" if other.model.replaced_by else "point at an active challenge",
                    code="HUB323",
                )
        for oi, old in enumerate(model.renamed_from):
            if old in RESERVED_PAGE_IDS:
                error_at(diagnostics, source, ("renamed_from", oi), f"'{old}' is reserved for the hub's own pages", code="HUB324")
            elif old in taken_challenges:
                error_at(
                    diagnostics,
                    source,
                    ("renamed_from", oi),
                    f"old id '{old}' of '{model.id}' is still used by {taken_challenges[old]}",
                    "an old id gets a redirect page, so no challenge may use it",
                    code="HUB324",
                )
            else:
                taken_challenges[old] = f"'renamed_from' of '{model.id}'"
