"""CLR 2.0 (Comprehensive Learner Record): an unsigned ClrCredential draft from a learner's progress.

Two halves, so that the CLI and the browser (assets/learner/clr.js) give byte-identical drafts:

- `clr_catalogue(index, options)`: what the hub knows (achievement ids, names, scales, alignments),
  built once at build time into learner-data.json (key "clr") and by `competency-hub clr`;
- `clr_document(catalogue, progress)`: the draft from that catalogue and one progress document, a
  pure function of JSON values that clr.js repeats line for line.

The draft has no proof and a placeholder issuer and learner: the organisation fills them in and signs
it with any CLR 2.0 issuer (docs/reference/exports/clr.md). Ids are derived from the hub's ids and
the progress records, never generated, and validFrom is the latest record: same input, same bytes.
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from ..load.index import HubIndex
from ..render import urls
from .openbadges import CONTEXT as OB_CONTEXT, _BadgeExporter
from .options import ExportOptions

CLR_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
"""The contexts of a ClrCredential, in the order of 1EdTech's validator example."""
CLR_SCHEMA = "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json"
OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
ISSUER_PLACEHOLDER = {
    "id": "https://issuer.invalid/REPLACE-WITH-THE-ISSUER-ID",
    "type": ["Profile"],
    "name": "REPLACE: the organisation that signs this record",
}
"""The issuer the organisation replaces before signing (the .invalid domain can never resolve)."""
LEARNER_PLACEHOLDER = "did:example:REPLACE-WITH-THE-LEARNER-ID"
"""The learner's id (a DID, or a mailto: URI) the organisation replaces before signing."""
ROLES = {"self": "the learner (self-assessment)", "peer": "a peer", "manager": "their manager", "assessor": "an assessor"}
LINK = re.compile(r"^https?://\S+$")


def clr_catalogue(index: HubIndex, options: ExportOptions) -> dict[str, Any]:
    """What the draft needs from the hub, as JSON: capabilities, scales and milestones by key."""
    badges = _BadgeExporter(index, options)
    ids = options.ids()
    scales = {
        entry.model.id: {"title": entry.model.title, "levels": [[level.id, level.name] for level in entry.model.scale]}
        for entry in sorted(index.hub.maps.values(), key=lambda e: e.model.id)
    }
    capabilities: dict[str, Any] = {}
    for key, (entry, _, capability) in sorted(index.capabilities.items(), key=lambda item: str(item[0])):
        page = urls.capability_page(entry.model.id, capability.id)
        criteria: dict[str, str] = {"id": options.page(page)} if options.has_real_base else {}
        capabilities[str(key)] = {
            "achievement": "urn:uuid:" + ids.of(ids.capability_path(entry.model.id, capability.id) + "/clr-achievement"),
            "name": capability.title,
            "description": capability.why or capability.title,
            "criteria": {**criteria, "narrative": f"Placed at a level of the scale of '{entry.model.title}' for this capability."},
            "alignment": [badges.capability_alignment(entry, capability)],
        }
    milestones: dict[str, Any] = {}
    for path_id in sorted(index.paths):
        path = index.paths[path_id]
        for milestone in path.model.milestones:
            parts = badges.milestone_parts(path, milestone)
            if parts is None:
                continue
            map_entry, capability, evidence, level = parts
            key = f"{path_id}/{milestone.id}"
            published = options.uri(urls.openbadges_milestone(path_id, milestone.id))
            criteria = {"id": options.page(urls.path_page(path_id), milestone.id)} if options.has_real_base else {}
            milestones[key] = {
                # the Open Badges export's own id for a mandatory milestone, so the record lines up with it
                "achievement": published if milestone.mandatory else "urn:uuid:" + ids.of(f"paths/{key}/clr-achievement"),
                "name": milestone.title,
                "description": (
                    f"{evidence.title} from real work, reviewed against the rubric of '{capability.title}' at level {level.name}."
                ),
                "criteria": {**criteria, "narrative": f"Evidence reviewed at level {level.name} or higher, on the learning path '{path.model.title}'."},
                "map": map_entry.model.id,
                "level": level.id,
                "alignment": [badges.capability_alignment(map_entry, capability)],
            }
    return {
        "hub": options.site_name,
        "creator": badges.issuer(embedded=True),
        "language": options.language,
        "scales": scales,
        "capabilities": capabilities,
        "milestones": milestones,
    }


def _time(value: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))


def _latest(values: list[str]) -> str | None:
    best = None
    for value in values:
        if best is None or _time(value) > _time(best):
            best = value
    return best


def _achievement(catalogue: dict[str, Any], entry: dict[str, Any], map_id: str, required: str | None) -> dict[str, Any]:
    achievement_id = entry["achievement"]
    scale = catalogue["scales"][map_id]
    result: dict[str, Any] = {
        "id": achievement_id + "#level",
        "type": ["ResultDescription"],
        "name": f"Level on the scale of '{scale['title']}'",
        "resultType": "RubricCriterionLevel",
        "rubricCriterionLevel": [
            {"id": f"{achievement_id}#level--{level_id}", "type": ["RubricCriterionLevel"], "name": name, "level": name}
            for level_id, name in scale["levels"]
        ],
    }
    if required is not None:
        result["requiredLevel"] = f"{achievement_id}#level--{required}"
    return {
        "id": achievement_id,
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": entry["name"],
        "description": entry["description"],
        "criteria": entry["criteria"],
        "creator": catalogue["creator"],
        "alignment": entry["alignment"],
        "resultDescription": [result],
        "inLanguage": catalogue["language"],
    }


def _evidence(hub: str, by: str, who: str, when: str, at: str, link: str, what: str) -> dict[str, Any]:
    person = ROLES.get(by, by) + (f", {who}" if who and by != "self" else "")
    narrative = f"{what} by {person}, on {when}. Recorded by the learner in '{hub}' at {at}."
    if link and not LINK.match(link):
        narrative += f" Evidence: {link}"
    evidence: dict[str, Any] = {}
    if link and LINK.match(link):
        evidence["id"] = link
    evidence.update(
        {
            "type": ["Evidence"],
            "name": f"Assessed by {person}",
            "narrative": narrative,
            "genre": f"{by} assessment",
            "audience": "The organisation that signs this record",
        }
    )
    return evidence


def _credential(
    catalogue: dict[str, Any], achievement: dict[str, Any], kind: str, key: str, at: str, level: str, evidence: dict[str, Any]
) -> dict[str, Any]:
    return {
        "@context": OB_CONTEXT,
        "id": f"urn:competency-hub:draft:{kind}:{key}:{at}",
        "type": ["VerifiableCredential", "AchievementCredential"],
        "issuer": ISSUER_PLACEHOLDER,
        "validFrom": at,
        "name": achievement["name"],
        "credentialSubject": {
            "id": LEARNER_PLACEHOLDER,
            "type": ["AchievementSubject"],
            "achievement": achievement,
            "result": [
                {
                    "type": ["Result"],
                    "resultDescription": achievement["id"] + "#level",
                    "achievedLevel": f"{achievement['id']}#level--{level}",
                }
            ],
        },
        "evidence": [evidence],
        "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def clr_document(catalogue: dict[str, Any], progress: dict[str, Any]) -> dict[str, Any] | None:
    """The unsigned ClrCredential: one AchievementCredential per current milestone review, and per
    capability one per kind of assessor (the latest level the learner, a peer, a manager or an
    assessor gave); records the hub no longer knows are left out. None when nothing is left: a
    record needs at least one achievement, and its validFrom is the latest record's time."""
    hub = catalogue["hub"]
    credentials: list[dict[str, Any]] = []
    achievements: dict[str, dict[str, Any]] = {}
    times: list[str] = []
    for key in sorted(progress.get("milestones", {})):
        records = progress["milestones"][key]
        entry = catalogue["milestones"].get(key)
        if not records or entry is None:
            continue
        record = records[-1]
        levels = [level_id for level_id, _ in catalogue["scales"][entry["map"]]["levels"]]
        if record["level"] not in levels:
            continue
        achievement = _achievement(catalogue, entry, entry["map"], entry["level"])
        evidence = _evidence(
            hub, record["by"], record.get("reviewer", ""), record["date"], record["at"], record.get("evidence", ""), "Milestone reviewed"
        )
        credentials.append(_credential(catalogue, achievement, "milestone", key, record["at"], record["level"], evidence))
        achievements.setdefault(achievement["id"], achievement)
        times.append(record["at"])
    for key in sorted(progress.get("levels", {})):
        entry = catalogue["capabilities"].get(key)
        if entry is None:
            continue
        map_id = key.split("/", 1)[0]
        levels = [level_id for level_id, _ in catalogue["scales"][map_id]["levels"]]
        latest: dict[str, dict[str, Any]] = {}
        for assessment in progress["levels"][key]:
            latest[assessment.get("by", "self")] = assessment
        for by in ("self", "peer", "manager", "assessor"):
            assessment = latest.get(by)
            if assessment is None or assessment["level"] not in levels:
                continue
            achievement = _achievement(catalogue, entry, map_id, None)
            evidence = _evidence(
                hub, by, assessment.get("name", ""), assessment["at"], assessment["at"], assessment.get("evidence", ""), "Level assessed"
            )
            credentials.append(_credential(catalogue, achievement, f"level-{by}", key, assessment["at"], assessment["level"], evidence))
            achievements.setdefault(achievement["id"], achievement)
            times.append(assessment["at"])
    valid_from = _latest(times)
    if valid_from is None:
        return None
    return {
        "@context": CLR_CONTEXT,
        "id": f"urn:competency-hub:draft:clr:{valid_from}",
        "type": ["VerifiableCredential", "ClrCredential"],
        "issuer": ISSUER_PLACEHOLDER,
        "validFrom": valid_from,
        "name": f"Learner record from '{hub}' (draft, unsigned)",
        "description": (
            "A draft Comprehensive Learner Record built from a learner's progress file. It is not signed: "
            "the organisation replaces the issuer and the learner id, checks it, and signs it."
        ),
        "credentialSubject": {
            "id": LEARNER_PLACEHOLDER,
            "type": ["ClrSubject"],
            "verifiableCredential": credentials,
            "achievement": list(achievements.values()),
        },
        "credentialSchema": [{"id": CLR_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def clr_json(document: dict[str, Any]) -> str:
    """The file's text: what JSON.stringify(document, null, 2) gives, plus a newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
