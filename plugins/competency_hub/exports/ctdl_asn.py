"""CTDL-ASN: one Credential Engine competency framework per map, in the Registry's JSON-LD graph form.

`exports/ctdl-asn/<map>.json` is `{"@context", "@id", "@graph": [framework, competencies…]}`
(docs/reference/exports/ctdl-asn.md says the same for readers):
- the map → `ceasn:CompetencyFramework` (name, description, language, status, `ceasn:hasTopChild`);
- its capabilities → `ceasn:Competency`, top children of the framework (`ceasn:isTopChildOf`);
- the behaviours → `ceasn:Competency` children of their capability (`ceasn:isChildOf`/`ceasn:hasChild`),
  with their level named in `ceasn:comment`. The levels themselves are not
  competencies: they are the map's proficiency scale, which the Registry's schema for this kind of
  resource has no shape for, so each behaviour says which level it describes;
- taxonomy alignments: match exact → `ceasn:exactAlignment`, related → `ceasn:majorAlignment`;
  prerequisites → `ceasn:prerequisiteAlignment`; related capabilities → `ceasn:crossSubjectReference`;
  the same capability in the hub's CASE export → `ceasn:identifier`.
`ceterms:ctid` is `ce-` + the object's stable uuid (exports/ids.py, the same as its CASE identifier), and
`@id` is the framework file's address with the CTID as fragment, so every build gives the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..load import MapEntry
from ..load.index import HubIndex
from ..model import Capability
from ..render import urls
from .ids import Ids
from .options import ExportOptions

CONTEXT = "https://credreg.net/ctdlasn/schema/context/json"
"""The CTDL-ASN JSON-LD context, as the Credential Registry serves graphs today."""

STATUS = "http://purl.org/ASN/scheme/ASNPublicationStatus/"
PUBLICATION_STATUS = {"draft": "Draft", "active": "Published", "retired": "Deprecated"}
"""Map status → ASN publication status (the concept scheme CTDL-ASN uses)."""


def ctdl_asn_framework(map_id: str) -> str:
    """A map as one CTDL-ASN competency framework graph."""
    return f"{urls.EXPORTS}/ctdl-asn/{map_id}.json"


@dataclass
class CtdlFile:
    src_uri: str
    data: dict[str, Any]


class _CtdlExporter:
    def __init__(self, entry: MapEntry, index: HubIndex, options: ExportOptions) -> None:
        self.model = entry.model
        self.map_id = entry.model.id
        self.index = index
        self.options = options
        self.ids: Ids = options.ids()
        self.language = options.language
        self.last_change = options.last_change.get(self.map_id, "1970-01-01T00:00:00Z")

    def text(self, value: str) -> dict[str, str]:
        return {self.language: value}

    def ctid(self, path: str) -> str:
        return f"ce-{self.ids.of(path)}"

    def node_id(self, path: str, map_id: str | None = None) -> str:
        return self.options.uri(f"{ctdl_asn_framework(map_id or self.map_id)}#{self.ctid(path)}")

    def case_uri(self, kind: str, path: str) -> str:
        return self.options.uri(urls.case_object(self.map_id, kind, self.ids.of(path)))

    def framework(self) -> dict[str, Any]:
        path = self.ids.document_path(self.map_id)
        return {
            "@type": "ceasn:CompetencyFramework",
            "@id": self.node_id(path),
            "ceterms:ctid": self.ctid(path),
            "ceasn:name": self.text(self.model.title),
            "ceasn:description": self.text(self.model.summary),
            "ceasn:inLanguage": [self.language],
            "ceasn:creator": [self.options.base],
            "ceasn:publicationStatusType": [STATUS + PUBLICATION_STATUS[self.model.status]],
            "ceasn:dateModified": self.last_change,
            "ceasn:source": [self.options.page(urls.map_page(self.map_id))],
            "ceasn:identifier": [self.case_uri("document", path)],
            "ceasn:hasTopChild": [
                self.node_id(self.ids.capability_path(self.map_id, c.id)) for c in self.model.capabilities
            ],
        }

    def references(self, capability: Capability, field_name: str) -> list[str]:
        found = []
        for ref in getattr(capability, field_name):
            other = self.index.capability(ref, self.map_id)
            if other is not None:
                other_map_id = other[0].model.id
                found.append(self.node_id(self.ids.capability_path(other_map_id, other[1].id), other_map_id))
        return found

    def capability(self, capability: Capability, framework_id: str) -> list[dict[str, Any]]:
        path = self.ids.capability_path(self.map_id, capability.id)
        own_id = self.node_id(path)
        comment = capability.why
        if capability.status == "retired":
            comment += f" (Retired{': ' + capability.retired_reason if capability.retired_reason else ''}.)"
        behaviours: list[dict[str, Any]] = []
        for level in self.model.scale:
            for behaviour in capability.behaviours.get(level.id, []):
                behaviour_path = self.ids.behaviour_path(self.map_id, behaviour.id)
                behaviours.append(
                    {
                        "@type": "ceasn:Competency",
                        "@id": self.node_id(behaviour_path),
                        "ceterms:ctid": self.ctid(behaviour_path),
                        "ceasn:competencyText": self.text(behaviour.text),
                        "ceasn:comment": self.text(f"Level: {level.name}. {level.summary}"),
                        "ceasn:codedNotation": behaviour.id,
                        "ceasn:inLanguage": [self.language],
                        "ceasn:isPartOf": [framework_id],
                        "ceasn:isChildOf": [own_id],
                        "ceasn:identifier": [self.case_uri("item", behaviour_path)],
                    }
                )
        node: dict[str, Any] = {
            "@type": "ceasn:Competency",
            "@id": own_id,
            "ceterms:ctid": self.ctid(path),
            "ceasn:competencyText": self.text(capability.title),
            "ceasn:comment": self.text(comment),
            "ceasn:codedNotation": capability.id,
            "ceasn:inLanguage": [self.language],
            "ceasn:isPartOf": [framework_id],
            "ceasn:isTopChildOf": framework_id,
            "ceasn:identifier": [self.case_uri("item", path)],
            "ceasn:hasChild": [b["@id"] for b in behaviours],
            "ceasn:exactAlignment": [a.public_url for a in capability.alignments if a.match == "exact"],
            "ceasn:majorAlignment": [a.public_url for a in capability.alignments if a.match != "exact"],
            "ceasn:prerequisiteAlignment": self.references(capability, "prerequisites"),
            "ceasn:crossSubjectReference": self.references(capability, "related"),
        }
        return [{k: v for k, v in node.items() if v not in ([], "", None)}, *behaviours]

    def export(self) -> CtdlFile:
        framework = self.framework()
        graph = [framework]
        for capability in self.model.capabilities:
            graph += self.capability(capability, framework["@id"])
        src = ctdl_asn_framework(self.map_id)
        return CtdlFile(src, {"@context": CONTEXT, "@id": self.options.uri(src), "@graph": graph})


def export_ctdl_asn(entry: MapEntry, index: HubIndex, options: ExportOptions) -> CtdlFile:
    """The map's competency framework graph: the framework, then each capability followed by its behaviours."""
    return _CtdlExporter(entry, index, options).export()
