"""Open Badges 3.0: an Achievement for each learning path and each mandatory milestone, and the issuer.

These are definitions, not credentials: an organisation issues an OpenBadgeCredential that names
one of these achievements when a person completes the path or passes the milestone (see
docs/reference/exports/open-badges.md). Every term used is defined by the W3C VC 2.0 and OB 3.0.3
JSON-LD contexts, so JSON-LD processing keeps all of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Capability, Evidence, Level, Milestone
from ..load import MapEntry
from ..render import urls
from ..render.text import one_line as inline
from ..load.index import HubIndex, PathEntry
from .ids import Ids
from .options import ExportOptions

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
"""The JSON-LD contexts of an Open Badges 3.0 document, in the order the specification gives."""


@dataclass
class BadgeFile:
    src_uri: str
    data: dict[str, Any]
    kind: str
    """issuer, path or milestone."""
    title: str = ""


class _BadgeExporter:
    def __init__(self, index: HubIndex, options: ExportOptions) -> None:
        self.index = index
        self.hub = index.hub
        self.options = options
        self.ids: Ids = options.ids()

    # -- shared pieces ---------------------------------------------------------------------------

    def issuer(self, *, embedded: bool = False) -> dict[str, Any]:
        profile: dict[str, Any] = {
            "id": self.options.uri(urls.openbadges_issuer()),
            "type": ["Profile"],
            "name": self.options.site_name,
        }
        if self.options.has_real_base:
            profile["url"] = self.options.base
        if self.options.site_description and not embedded:
            profile["description"] = self.options.site_description
        return {"@context": CONTEXT, **profile} if not embedded else profile

    def case_uri(self, map_id: str, kind: str, path: str) -> tuple[str, str]:
        identifier = self.ids.of(path)
        return identifier, self.options.uri(urls.case_object(map_id, kind, identifier))

    def alignment(
        self, map_entry: MapEntry, kind: str, path: str, target_type: str, name: str, description: str | None = None
    ) -> dict[str, Any]:
        identifier, uri = self.case_uri(map_entry.model.id, kind, path)
        alignment = {
            "type": ["Alignment"],
            "targetCode": identifier,
            "targetFramework": map_entry.model.title,
            "targetName": name,
            "targetType": target_type,
            "targetUrl": uri,
        }
        if description:
            alignment["targetDescription"] = description
        return alignment

    def capability_alignment(self, map_entry: MapEntry, capability: Capability) -> dict[str, Any]:
        return self.alignment(
            map_entry,
            "item",
            self.ids.capability_path(map_entry.model.id, capability.id),
            "CFItem",
            capability.title,
            capability.why,
        )

    @staticmethod
    def taxonomy_alignments(capability: Capability) -> list[dict[str, Any]]:
        """The capability's entries in labour-market taxonomies (ESCO, O*NET-SOC, Lightcast, SFIA, other)."""
        found = []
        for entry in capability.alignments:
            alignment: dict[str, Any] = {
                "type": ["Alignment"],
                "targetName": entry.name or entry.label,
                "targetUrl": entry.public_url,
                "targetFramework": entry.framework_label,
                "targetDescription": (
                    f"{'Exact match for' if entry.match == 'exact' else 'Related to'} the capability '{capability.title}'."
                ),
            }
            if entry.target_code:
                alignment["targetCode"] = entry.target_code
            if entry.target_type:
                alignment["targetType"] = entry.target_type
            found.append(alignment)
        return found

    def taxonomy_alignments_of(self, capabilities: Any) -> list[dict[str, Any]]:
        """The taxonomy alignments of several capabilities, each entry once (the first capability names it)."""
        seen: dict[tuple[str, str | None], dict[str, Any]] = {}
        for capability in capabilities:
            for alignment in self.taxonomy_alignments(capability):
                seen.setdefault((alignment["targetUrl"], alignment.get("targetCode")), alignment)
        return list(seen.values())

    def page_link(self, title: str, src: str, anchor: str | None = None) -> str:
        """A Markdown link to a hub page when the hub has a real address, else the plain title."""
        text = inline(title)
        return f"[{text}]({self.options.page(src, anchor)})" if self.options.has_real_base else text

    def result_descriptions(
        self,
        achievement_id: str,
        map_entry: MapEntry,
        capability: Capability,
        evidence: Evidence,
        required: Level | None,
        prefix: str,
        name_prefix: str = "",
    ) -> list[dict[str, Any]]:
        """One result per rubric criterion, its levels the map's scale; `required` is the level to reach."""
        map_id = map_entry.model.id
        results = []
        for criterion in evidence.rubric:
            result_id = f"{achievement_id}#result--{prefix}{criterion.id}"
            levels = []
            for position, level in enumerate(map_entry.model.scale, start=1):
                level_path = self.ids.criterion_level_path(map_id, capability.id, evidence.id, criterion.id, level.id)
                levels.append(
                    {
                        "id": f"{result_id}--{level.id}",
                        "type": ["RubricCriterionLevel"],
                        "name": level.name,
                        "level": level.name,
                        "description": criterion.levels.get(level.id, ""),
                        "points": str(position),
                        "alignment": [
                            self.alignment(
                                map_entry,
                                "criterion-level",
                                level_path,
                                "CFRubricCriterionLevel",
                                f"{criterion.criterion}: {level.name}",
                            )
                        ],
                    }
                )
            result: dict[str, Any] = {
                "id": result_id,
                "type": ["ResultDescription"],
                "name": f"{name_prefix}{criterion.criterion}",
                "resultType": "RubricCriterionLevel",
                "rubricCriterionLevel": levels,
                "alignment": [
                    self.alignment(
                        map_entry,
                        "criterion",
                        self.ids.criterion_path(map_id, capability.id, evidence.id, criterion.id),
                        "CFRubricCriterion",
                        criterion.criterion,
                        f"{evidence.title}: {criterion.criterion}",
                    )
                ],
            }
            if required is not None:
                result["requiredLevel"] = f"{result_id}--{required.id}"
            results.append(result)
        return results

    def milestone_parts(
        self, path: PathEntry, milestone: Milestone
    ) -> tuple[MapEntry, Capability, Evidence, Level] | None:
        found = self.index.capability(milestone.capability, path.map.model.id)
        if found is None:
            return None
        map_entry, capability = found
        evidence = next((e for e in capability.evidence if e.id == milestone.evidence), None)
        level = self.index.level(map_entry, milestone.level)
        if evidence is None or level is None:
            return None
        return map_entry, capability, evidence, level

    def base_achievement(self, achievement_id: str, achievement_type: str, name: str, description: str) -> dict[str, Any]:
        return {
            "@context": CONTEXT,
            "id": achievement_id,
            "type": ["Achievement"],
            "achievementType": achievement_type,
            "name": name,
            "description": description,
            "creator": self.issuer(embedded=True),
            "inLanguage": self.options.language,
        }

    # -- achievements ------------------------------------------------------------------------------

    def milestone_achievement(self, path: PathEntry, milestone: Milestone) -> BadgeFile | None:
        parts = self.milestone_parts(path, milestone)
        if parts is None:
            return None
        map_entry, capability, evidence, level = parts
        src = urls.openbadges_milestone(path.model.id, milestone.id)
        achievement_id = self.options.uri(src)
        criteria_lines = "\n".join(
            f"- **{inline(criterion.criterion)}**: {inline(criterion.levels.get(level.id, ''))}"
            for criterion in evidence.rubric
        )
        narrative = (
            f"Produce this evidence from your own work: **{inline(evidence.title)}**. {inline(evidence.description)}\n\n"
            f"A reviewer checks it against the rubric of "
            f"{self.page_link(capability.title, urls.capability_page(map_entry.model.id, capability.id), 'evidence-' + evidence.id)}. "
            f"Every criterion must show level **{inline(level.name)}** ({inline(level.summary)}) or a higher one:\n\n"
            f"{criteria_lines}\n\n"
            f"This milestone is part of the learning path "
            f"{self.page_link(path.model.title, urls.path_page(path.model.id), milestone.id)}."
        )
        achievement = self.base_achievement(
            achievement_id,
            "Competency",
            milestone.title,
            f"{evidence.title} from real work, reviewed against the rubric of '{capability.title}' "
            f"at level {level.name}.",
        )
        level_behaviours = capability.behaviours.get(level.id, [])
        achievement.update(
            {
                "criteria": {**self.criteria_id(urls.path_page(path.model.id), milestone.id), "narrative": narrative},
                "alignment": [self.capability_alignment(map_entry, capability)]
                + [
                    self.alignment(
                        map_entry,
                        "item",
                        self.ids.behaviour_path(map_entry.model.id, behaviour.id),
                        "CFItem",
                        behaviour.text,
                        f"{capability.title}, level {level.name}",
                    )
                    for behaviour in level_behaviours
                ]
                + [
                    self.alignment(
                        map_entry,
                        "rubric",
                        self.ids.rubric_path(map_entry.model.id, capability.id),
                        "CFRubric",
                        f"{capability.title}: rubric",
                    )
                ]
                + self.taxonomy_alignments(capability),
                "resultDescription": self.result_descriptions(
                    achievement_id, map_entry, capability, evidence, level, prefix=""
                ),
                "humanCode": f"{path.model.id}/{milestone.id}",
                "fieldOfStudy": map_entry.model.title,
            }
        )
        return BadgeFile(src, achievement, "milestone", milestone.title)

    def criteria_id(self, src: str, anchor: str | None = None) -> dict[str, str]:
        """The criteria page, only when the hub has a real address (a placeholder page helps no one)."""
        return {"id": self.options.page(src, anchor)} if self.options.has_real_base else {}

    def path_achievement(self, path: PathEntry) -> BadgeFile:
        model, map_entry = path.model, path.map
        src = urls.openbadges_path(model.id)
        achievement_id = self.options.uri(src)
        step_lines = []
        aligned: dict[tuple[str, str], dict[str, Any]] = {}
        capabilities: dict[tuple[str, str], Capability] = {}
        for number, step in enumerate(model.steps, start=1):
            challenge = self.hub.challenges.get(step)
            if challenge is None:
                continue
            step_lines.append(
                f"{number}. {self.page_link(challenge.model.title, urls.challenge_page(step))} "
                f"({challenge.model.time_box} min)"
            )
            found = self.index.capability(challenge.model.capability)
            if found is not None:
                aligned.setdefault((found[0].model.id, found[1].id), self.capability_alignment(*found))
                capabilities.setdefault((found[0].model.id, found[1].id), found[1])
        mandatory_lines, optional_lines, results = [], [], []
        for milestone in model.milestones:
            parts = self.milestone_parts(path, milestone)
            if parts is None:
                continue
            other_map, capability, evidence, level = parts
            aligned.setdefault((other_map.model.id, capability.id), self.capability_alignment(other_map, capability))
            capabilities.setdefault((other_map.model.id, capability.id), capability)
            line = (
                f"- **{inline(milestone.title)}**: {inline(evidence.title)} for {inline(capability.title)}, "
                f"reviewed at level {inline(level.name)} or above"
            )
            (mandatory_lines if milestone.mandatory else optional_lines).append(line)
            results += self.result_descriptions(
                achievement_id,
                other_map,
                capability,
                evidence,
                level if milestone.mandatory else None,
                prefix=f"{milestone.id}--",
                name_prefix=f"{milestone.title}{'' if milestone.mandatory else ' (optional)'}: ",
            )
        narrative = [f"For: {inline(model.audience)}", "Complete these challenges, in order:", "\n".join(step_lines)]
        if mandatory_lines:
            narrative += [
                "Pass every mandatory milestone: evidence from real work reviewed against its rubric.",
                "\n".join(mandatory_lines),
            ]
        if optional_lines:
            narrative += ["Optional milestones, for feedback along the way:", "\n".join(optional_lines)]
        achievement = self.base_achievement(achievement_id, "LearningProgram", model.title, model.summary)
        achievement.update(
            {
                "criteria": {**self.criteria_id(urls.path_page(model.id)), "narrative": "\n\n".join(narrative)},
                "alignment": list(aligned.values()) + self.taxonomy_alignments_of(capabilities.values()),
                "humanCode": model.id,
                "fieldOfStudy": map_entry.model.title,
            }
        )
        if results:
            achievement["resultDescription"] = results
        return BadgeFile(src, achievement, "path", model.title)

    def export(self) -> list[BadgeFile]:
        files = [BadgeFile(urls.openbadges_issuer(), self.issuer(), "issuer", self.options.site_name)]
        for path_id in sorted(self.index.paths):
            path = self.index.paths[path_id]
            files.append(self.path_achievement(path))
            for milestone in path.model.milestones:
                if milestone.mandatory:
                    badge = self.milestone_achievement(path, milestone)
                    if badge is not None:
                        files.append(badge)
        return files


def export_openbadges(index: HubIndex, options: ExportOptions) -> list[BadgeFile]:
    """The issuer Profile, then per path (by id) its Achievement and one per mandatory milestone."""
    return _BadgeExporter(index, options).export()
