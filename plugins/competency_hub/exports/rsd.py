"""Rich Skill Descriptors (RSD), the JSON-LD of WGU's Open Skills Management Toolset (OSMT).

One RSD per capability (`exports/rsd/<map>/<capability>.json`) and one RichSkillCollection per map
(`exports/rsd/<map>.json`), shaped like OSMT's `GET /api/v3/skills/{uuid}` and
`GET /api/v3/collections/{uuid}` answers (docs/reference/exports/rsd.md says the same for readers):
- capability → RSD: `skillName` its title, `skillStatement` why it matters, `keywords` the names of
  its taxonomy entries (as OSMT lists its alignments' names),
  `categories` the map's title, `authors` the map's owners, `collections` the map's collection;
- status: active → `published`, retired (the capability or its map) → `archived` (with
  `archiveDate`), draft map → `draft`. OSMT's OpenAPI lists the enum capitalised (`Published`) but
  OSMT and the examples in that same file write it in lower case; the hub writes what OSMT writes;
- taxonomy alignments (ESCO, O*NET-SOC, Lightcast, SFIA, other) → `alignments` (`id` the entry's public
  page, `skillName`, `isPartOf` the framework), after the hub's own CASE item of the capability;
  O*NET-SOC alignments also → `occupations` (`code`, `frameworkName` `onet`), as OSMT lists job codes.
A renamed capability's RSD is also written at each old id's address (`renamed_from`), unchanged, so
that address keeps working; a retired capability's stays, archived.
`uuid` is the capability's stable identifier (exports/ids.py, the same as its CASE item), so the
same capability has the same RSD uuid in every build.

`@context` is the URL OSMT writes, https://rsd.openskillsnetwork.org/context-v1.json. That context is
not published anywhere reachable, so the hub never dereferences it: consumers read RSDs as plain JSON,
as OSMT itself does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..load import MapEntry
from ..model import Capability
from ..render import urls
from .ids import Ids
from .options import ExportOptions

CONTEXT = "https://rsd.openskillsnetwork.org/context-v1.json"
"""The JSON-LD context URL OSMT puts in every RSD and collection (never fetched: it does not resolve)."""

RSD = f"{urls.EXPORTS}/rsd"


def rsd_collection(map_id: str) -> str:
    """A map as one RichSkillCollection."""
    return f"{RSD}/{map_id}.json"


def rsd_skill(map_id: str, capability_id: str) -> str:
    """One capability as a Rich Skill Descriptor."""
    return f"{RSD}/{map_id}/{capability_id}.json"


@dataclass
class RsdFile:
    src_uri: str
    data: dict[str, Any]
    kind: str
    """skill or collection."""


def status_of(map_status: str, capability_status: str = "active") -> str:
    if map_status == "retired" or capability_status == "retired":
        return "archived"
    return "draft" if map_status == "draft" else "published"


class _RsdExporter:
    def __init__(self, entry: MapEntry, options: ExportOptions) -> None:
        self.model = entry.model
        self.map_id = entry.model.id
        self.options = options
        self.ids: Ids = options.ids()
        self.last_change = options.last_change.get(self.map_id, "1970-01-01T00:00:00Z")
        self.collection_uuid = self.ids.of(self.ids.document_path(self.map_id))

    def creator(self) -> str:
        """The organisation that publishes the skills: the hub, by its address."""
        return self.options.base

    def dates(self, status: str) -> dict[str, str]:
        dates = {"creationDate": self.last_change, "updateDate": self.last_change}
        if status == "published":
            dates["publishDate"] = self.last_change
        elif status == "archived":
            dates["archiveDate"] = self.last_change
        return dates

    def alignments(self, capability: Capability) -> list[dict[str, Any]]:
        identifier = self.ids.of(self.ids.capability_path(self.map_id, capability.id))
        found: list[dict[str, Any]] = [
            {
                "id": self.options.uri(urls.case_object(self.map_id, "item", identifier)),
                "skillName": capability.title,
                "isPartOf": {"id": self.options.uri(urls.case_package(self.map_id)), "name": self.model.title},
            }
        ]
        for alignment in capability.alignments:
            found.append(
                {
                    "id": alignment.public_url,
                    "skillName": alignment.label,
                    "isPartOf": {"name": alignment.framework_label},
                }
            )
        return found

    @staticmethod
    def occupations(capability: Capability) -> list[dict[str, Any]]:
        found = []
        for alignment in capability.alignments:
            if alignment.scheme == "onet" and alignment.target_code:
                job: dict[str, Any] = {"code": alignment.target_code, "frameworkName": "onet", "level": "onet"}
                if alignment.name:
                    job["targetNodeName"] = alignment.name
                found.append(job)
        return found

    def skill(self, capability: Capability) -> dict[str, Any]:
        uuid = self.ids.of(self.ids.capability_path(self.map_id, capability.id))
        status = status_of(self.model.status, capability.status)
        return {
            "@context": CONTEXT,
            "type": "RichSkillDescriptor",
            "id": self.options.uri(rsd_skill(self.map_id, capability.id)),
            "uuid": uuid,
            "creator": self.creator(),
            "authors": [owner.name for owner in self.model.owners],
            "status": status,
            **self.dates(status),
            "skillName": capability.title,
            "skillStatement": capability.why,
            "keywords": list(dict.fromkeys(a.name for a in capability.alignments if a.name)),
            "categories": [self.model.title],
            "certifications": [],
            "standards": [],
            "alignments": self.alignments(capability),
            "occupations": self.occupations(capability),
            "employers": [],
            "collections": [{"uuid": self.collection_uuid, "name": self.model.title}],
        }

    def collection(self, skills: list[dict[str, Any]]) -> dict[str, Any]:
        status = status_of(self.model.status)
        summaries = []
        keywords: dict[str, Counter[str]] = {"Keyword": Counter(), "Category": Counter(), "Author": Counter()}
        alignment_counts: Counter[str] = Counter()
        alignments: dict[str, dict[str, Any]] = {}
        for skill in skills:
            summary = {
                key: skill[key]
                for key in ("id", "uuid", "status", "publishDate", "archiveDate", "skillName", "skillStatement",
                            "categories", "keywords", "occupations")
                if key in skill
            }
            summaries.append(summary)
            keywords["Keyword"].update(skill["keywords"])
            keywords["Category"].update(skill["categories"])
            keywords["Author"].update(skill["authors"])
            for alignment in skill["alignments"][1:]:  # the taxonomy entries, not the hub's own CASE item
                alignments.setdefault(alignment["id"], alignment)
                alignment_counts[alignment["id"]] += 1
        skill_keywords: dict[str, list[dict[str, Any]]] = {
            name: [{"keyword": word, "count": count} for word, count in sorted(counter.items())]
            for name, counter in keywords.items()
        }
        skill_keywords["Alignment"] = [
            {"keyword": alignments[key], "count": alignment_counts[key]} for key in sorted(alignments)
        ]
        return {
            "@context": CONTEXT,
            "type": "RichSkillCollection",
            "id": self.options.uri(rsd_collection(self.map_id)),
            "uuid": self.collection_uuid,
            "name": self.model.title,
            "description": self.model.summary,
            "creator": self.creator(),
            "author": "; ".join(owner.name for owner in self.model.owners),
            "status": status,
            **self.dates(status),
            "skills": summaries,
            "skillKeywords": dict(sorted(skill_keywords.items())),
        }

    def export(self) -> list[RsdFile]:
        skills = [(capability, self.skill(capability)) for capability in self.model.capabilities]
        files = [RsdFile(rsd_collection(self.map_id), self.collection([s for _, s in skills]), "collection")]
        for capability, skill in skills:
            files.append(RsdFile(rsd_skill(self.map_id, capability.id), skill, "skill"))
            # A renamed capability keeps its old addresses (docs/reference/urls.md): the same descriptor,
            # whose `id` names the new one, since JSON has no redirect.
            files += [RsdFile(rsd_skill(self.map_id, old), skill, "skill") for old in capability.renamed_from]
        return files


def export_rsd(entry: MapEntry, options: ExportOptions) -> list[RsdFile]:
    """The map's collection, then one RSD per capability, in map order."""
    return _RsdExporter(entry, options).export()
