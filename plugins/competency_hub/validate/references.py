"""Every reference resolves: capabilities, levels, evidence, challenges, path steps, files."""

from __future__ import annotations

from ..diagnostics import Diagnostics, did_you_mean
from ..load import ChallengeEntry, Hub, MapEntry, Source
from ..load.files import NAMES_REFUSED_CODE, refused_kind, refused_message
from ..load.source import Loc
from ..load.index import HubIndex, parse_ref
from .structure import error_at


class _Checker:
    def __init__(self, index: HubIndex, diagnostics: Diagnostics) -> None:
        self.index = index
        self.hub = index.hub
        self.diagnostics = diagnostics

    def capability(self, ref: str, context_map: str | None, source: Source, loc: Loc):
        """The (map entry, capability) a reference names, or None after reporting why not."""
        key = parse_ref(ref, context_map)
        if key is None:
            error_at(
                self.diagnostics,
                source,
                loc,
                f"capability '{ref}' needs its map",
                f"write it as 'map-id/{ref}'" + self._map_guess(ref),
                code="HUB301",
            )
            return None
        if key.map_id in self.hub.unloaded_ids["map"]:
            return None  # the map itself is broken and already reported
        if key.map_id not in self.hub.maps:
            error_at(
                self.diagnostics,
                source,
                loc,
                f"unknown map '{key.map_id}' in '{ref}'",
                did_you_mean(key.map_id, self.hub.maps),
                code="HUB302",
            )
            return None
        found = self.index.capability(ref, context_map)
        if found is None:
            names = [c.id for c in self.hub.maps[key.map_id].model.capabilities]
            renamed = self.index.renamed_capabilities.get(key)
            error_at(
                self.diagnostics,
                source,
                loc,
                f"unknown capability '{key.capability_id}' in map '{key.map_id}'",
                (f"it was renamed to '{renamed.capability_id}'" if renamed else None)
                or did_you_mean(key.capability_id, names)
                or self._map_guess(key.capability_id).lstrip(", ")
                or None,
                code="HUB303",
            )
        return found

    def _map_guess(self, capability_id: str) -> str:
        maps = [m for m, e in self.hub.maps.items() if any(c.id == capability_id for c in e.model.capabilities)]
        return f", e.g. '{maps[0]}/{capability_id}'" if maps else ""

    def level(self, map_entry: MapEntry, level_id: str, source: Source, loc: Loc) -> bool:
        ids = [level.id for level in map_entry.model.scale]
        if level_id in ids:
            return True
        error_at(
            self.diagnostics,
            source,
            loc,
            f"unknown level '{level_id}' in the scale of map '{map_entry.model.id}'",
            did_you_mean(level_id, ids) or f"levels are: {', '.join(ids)}",
            code="HUB304",
        )
        return False

    def challenge(self, challenge_id: str, source: Source, loc: Loc) -> bool:
        if challenge_id in self.hub.challenges:
            return True
        if challenge_id not in self.hub.unloaded_ids["challenge"]:
            error_at(
                self.diagnostics,
                source,
                loc,
                f"unknown challenge '{challenge_id}'",
                f"it was renamed to '{self.index.renamed_challenges[challenge_id]}'"
                if challenge_id in self.index.renamed_challenges
                else did_you_mean(challenge_id, self.hub.challenges),
                code="HUB305",
            )
        return False

    def evidence(self, capability, evidence_id: str, source: Source, loc: Loc) -> bool:
        ids = [e.id for e in capability.evidence]
        if evidence_id in ids:
            return True
        error_at(
            self.diagnostics,
            source,
            loc,
            f"capability '{capability.id}' has no evidence '{evidence_id}'",
            did_you_mean(evidence_id, ids) or f"its evidence ids are: {', '.join(ids)}",
            code="HUB306",
        )
        return False


def _check_map(checker: _Checker, entry: MapEntry) -> None:
    model, source = entry.model, entry.source
    for ci, capability in enumerate(model.capabilities):
        for field in ("prerequisites", "related"):
            for ri, ref in enumerate(getattr(capability, field)):
                loc: Loc = ("capabilities", ci, field, ri)
                found = checker.capability(ref, model.id, source, loc)
                if found and found[1] is capability:
                    error_at(checker.diagnostics, source, loc, f"capability '{capability.id}' lists itself in {field}", code="HUB310")
    for pi, path in enumerate(model.paths):
        for si, step in enumerate(path.steps):
            checker.challenge(step, source, ("paths", pi, "steps", si))
        seen_steps: dict[str, int] = {}
        for si, step in enumerate(path.steps):
            if step in seen_steps:
                error_at(
                    checker.diagnostics,
                    source,
                    ("paths", pi, "steps", si),
                    f"challenge '{step}' is already step {seen_steps[step] + 1} of path '{path.id}'",
                    code="HUB410",
                )
            seen_steps.setdefault(step, si)
        for mi, milestone in enumerate(path.milestones):
            loc = ("paths", pi, "milestones", mi)
            if milestone.after not in path.steps:
                error_at(
                    checker.diagnostics,
                    source,
                    (*loc, "after"),
                    f"milestone '{milestone.id}' comes after '{milestone.after}', which is not a step of path '{path.id}'",
                    did_you_mean(milestone.after, path.steps),
                    code="HUB411",
                )
            found = checker.capability(milestone.capability, model.id, source, (*loc, "capability"))
            if found:
                map_entry, capability = found
                checker.level(map_entry, milestone.level, source, (*loc, "level"))
                checker.evidence(capability, milestone.evidence, source, (*loc, "evidence"))


def _check_challenge(checker: _Checker, entry: ChallengeEntry) -> None:
    model, source = entry.model, entry.source
    found = checker.capability(model.capability, None, source, ("capability",))
    if found:
        map_entry, capability = found
        checker.level(map_entry, model.level, source, ("level",))
        for ei, evidence in enumerate(model.evidence):
            checker.evidence(capability, evidence.evidence, source, ("evidence", ei, "evidence"))
    for pi, prerequisite in enumerate(model.prerequisites):
        if prerequisite == model.id:
            error_at(checker.diagnostics, source, ("prerequisites", pi), f"challenge '{model.id}' lists itself", code="HUB310")
        else:
            checker.challenge(prerequisite, source, ("prerequisites", pi))
    files: list[tuple[str, Loc]] = []
    if model.template is not None:
        files.append((model.template.file, ("template", "file")))
    files += [(r.file, ("resources", i, "file")) for i, r in enumerate(model.resources) if r.file]
    for rel, loc in files:
        if rel.startswith("/") or ".." in rel.split("/"):
            error_at(
                checker.diagnostics,
                source,
                loc,
                f"file '{rel}' must be inside the challenges folder",
                "give a path relative to the challenge file, e.g. 'templates/plan.md'",
                code="HUB307",
            )
        elif kind := refused_kind(checker.hub.refused, _display(checker.hub, rel)):
            error_at(checker.diagnostics, source, loc, *refused_message(rel, kind), code=NAMES_REFUSED_CODE)
        elif rel not in checker.hub.assets:
            error_at(
                checker.diagnostics,
                source,
                loc,
                f"file '{rel}' does not exist beside the challenge",
                did_you_mean(rel, checker.hub.challenge_files),
                code="HUB308",
            )


def _display(hub: Hub, rel: str) -> str:
    """A path relative to the challenges folder as diagnostics show it (relative to the hub root)."""
    return hub.options.display(hub.options.root / hub.options.challenges_dir / rel)


def check_references(index: HubIndex, diagnostics: Diagnostics) -> None:
    checker = _Checker(index, diagnostics)
    hub: Hub = index.hub
    for entry in hub.maps.values():
        _check_map(checker, entry)
    for entry in hub.challenges.values():
        _check_challenge(checker, entry)
