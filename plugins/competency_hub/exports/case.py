"""CASE 1.1: one CFPackage per map, and the per-object JSON that every `uri` in it points at.

What maps to what (docs/reference/exports/case.md says the same for readers):
- the map → CFDocument; its capabilities → CFItems of type Capability, children of the document;
- behaviours → CFItems of type Behaviour, children of their capability, `hasSkillLevel` to their level;
- the scale → a Proficiency scale CFItem whose children are one Proficiency level CFItem per level;
- prerequisites → `precedes` (prerequisite → capability); `builds_on` → `precedes` between behaviours;
- related capabilities → `isRelatedTo`;
- taxonomy alignments (ESCO, O*NET-SOC, Lightcast, SFIA, other) → `exactMatchOf` (match: exact) or
  `isRelatedTo` (match: related) from the capability to the entry's public URI, `targetType` `ext:…`;
- evidence rubrics → one CFRubric per capability: a criterion per rubric criterion (its `category`
  is the evidence), a criterion level per level of the scale.
Hub fields CASE has no place for travel in `extensions` under the `competencyhub:` prefix, so that
`competency-hub import case` gives the map back; other tools ignore them.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from typing import Any

from ..load import MapEntry
from ..model import Capability
from ..render import urls
from ..load.index import HubIndex
from .ids import Ids
from .options import ExportOptions

EXT = "competencyhub:"
"""Prefix of the hub's own extension properties (CASE requires a 'prefix:name' form)."""

ITEM_TYPES: dict[str, tuple[str, str, str]] = {
    "capability": ("Capability", "1", "Something a role needs to be able to do, described level by level."),
    "behaviour": ("Behaviour", "1.1", "An observable statement of what someone does at one level of the scale."),
    "proficiency-scale": ("Proficiency scale", "2", "The levels of proficiency of a map, lowest first."),
    "proficiency-level": ("Proficiency level", "2.1", "One level of the proficiency scale."),
}
"""Type code → (title, hierarchy code, description) of the CFItemTypes the hub uses."""

ITEM_TYPES_CHANGED = "2026-11-26T00:00:00Z"
"""When the item type definitions above last changed: they belong to the tool, not to a map."""

ADOPTION_STATUS = {"draft": "Draft", "active": "Adopted", "retired": "Deprecated"}
"""Map status → CFDocument adoptionStatus, the words CASE tools (e.g. OpenSALT) use."""


def dumps(data: Any) -> bytes:
    """JSON as published for people to read too: sorted keys, two-space indent, UTF-8, final newline.

    Byte for byte `json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False)`, which runs
    Python's pure-Python encoder whenever it indents (a fifth of a `serve` rebuild at S);
    `_indented` writes the same text with the C string encoder and fewer calls.
    """
    out: list[str] = []
    try:
        _indented(data, "\n", out)
    except _Unusual:
        return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")
    out.append("\n")
    return "".join(out).encode("utf-8")


class _Unusual(Exception):
    """A value `_indented` leaves to `json.dumps` (keys that are not strings, objects of other types)."""


_STRING = json.encoder.encode_basestring  # what json.dumps uses with ensure_ascii=False (the C one when built)


def _indented(value: Any, newline: str, out: list[str]) -> None:
    if isinstance(value, str):
        out.append(_STRING(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(int.__repr__(value))
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise _Unusual
        out.append(float.__repr__(value))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        if not all(type(key) is str for key in value):
            raise _Unusual
        inner = newline + "  "
        first = True
        for key, item in sorted(value.items()):
            out.append(("{" if first else ",") + inner + _STRING(key) + ": ")
            first = False
            _indented(item, inner, out)
        out.append(newline + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        first = True
        for item in value:
            out.append(("[" if first else ",") + inner)
            first = False
            _indented(item, inner, out)
        out.append(newline + "]")
    else:
        raise _Unusual


def dumps_compact(data: Any) -> bytes:
    """JSON on one line, for the many per-object files: the C encoder, so exports stay a small part of a build."""
    return (json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


@dataclass
class CaseObject:
    src_uri: str
    data: dict[str, Any]
    kind: str
    """document, item, association, rubric, criterion, criterion-level or item-type."""


@dataclass
class CasePackage:
    map_id: str
    src_uri: str
    package: dict[str, Any]
    objects: list[CaseObject] = field(default_factory=list)


def item_type_objects(options: ExportOptions, ids: Ids) -> dict[str, dict[str, Any]]:
    """The CFItemType definitions, by type code; the same for every map of the hub."""
    types: dict[str, dict[str, Any]] = {}
    for code, (title, hierarchy, description) in ITEM_TYPES.items():
        identifier = ids.of(ids.item_type_path(code))
        types[code] = {
            "identifier": identifier,
            "uri": options.uri(urls.case_item_type(identifier)),
            "title": title,
            "description": description,
            "hierarchyCode": hierarchy,
            "typeCode": code,
            "lastChangeDateTime": ITEM_TYPES_CHANGED,
        }
    return types


class _MapExporter:
    def __init__(self, entry: MapEntry, index: HubIndex, options: ExportOptions, ids: Ids) -> None:
        self.entry = entry
        self.model = entry.model
        self.map_id = entry.model.id
        self.index = index
        self.options = options
        self.ids = ids
        self.last_change = options.last_change.get(self.map_id, "1970-01-01T00:00:00Z")
        self.types = item_type_objects(options, ids)
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.association_ids: set[str] = set()
        self.rubrics: list[dict[str, Any]] = []
        self.objects: list[CaseObject] = []

    # -- links ---------------------------------------------------------------------------------

    def uri(self, kind: str, identifier: str, map_id: str | None = None) -> str:
        return self.options.uri(urls.case_object(map_id or self.map_id, kind, identifier))

    def link(self, kind: str, path: str, title: str, map_id: str | None = None) -> dict[str, str]:
        identifier = self.ids.of(path)
        return {"identifier": identifier, "title": title, "uri": self.uri(kind, identifier, map_id)}

    def document_link(self) -> dict[str, str]:
        return self.link("document", self.ids.document_path(self.map_id), self.model.title)

    def type_link(self, code: str) -> dict[str, str]:
        item_type = self.types[code]
        return {"identifier": item_type["identifier"], "title": item_type["title"], "uri": item_type["uri"]}

    # -- building blocks -------------------------------------------------------------------------

    def item(self, code: str, path: str, statement: str, title: str, **fields: Any) -> dict[str, str]:
        """Add a CFItem; returns its link (identifier, title, uri) for associations."""
        identifier = self.ids.of(path)
        item = {
            "identifier": identifier,
            "uri": self.uri("item", identifier),
            "fullStatement": statement,
            "CFItemType": self.types[code]["title"],
            "CFItemTypeURI": self.type_link(code),
            "language": self.options.language,
            "lastChangeDateTime": self.last_change,
            **{name: value for name, value in fields.items() if value not in (None, "", [], {})},
        }
        self.items.append(item)
        return {"identifier": identifier, "title": title, "uri": item["uri"]}

    def associate(
        self,
        association_type: str,
        origin: tuple[str, dict[str, str]],
        destination: tuple[str, dict[str, str]],
        sequence: int | None = None,
        extensions: dict[str, Any] | None = None,
    ) -> None:
        """origin/destination: (id path, link). Duplicates (a reference listed twice) are written once."""
        identifier = self.ids.of(self.ids.association_path(association_type, origin[0], destination[0]))
        if identifier in self.association_ids:
            return
        self.association_ids.add(identifier)
        association: dict[str, Any] = {
            "identifier": identifier,
            "uri": self.uri("association", identifier),
            "associationType": association_type,
            "originNodeURI": origin[1],
            "destinationNodeURI": destination[1],
            "lastChangeDateTime": self.last_change,
        }
        if sequence is not None:
            association["sequenceNumber"] = sequence
        if extensions:
            association["extensions"] = extensions
        self.associations.append(association)

    # -- the map -------------------------------------------------------------------------------

    def document(self) -> dict[str, Any]:
        model = self.model
        owners = [owner.model_dump(exclude_none=True) for owner in model.owners]
        extensions: dict[str, Any] = {
            f"{EXT}id": self.map_id,
            f"{EXT}owners": owners,
            f"{EXT}reviewDate": model.review_date.isoformat(),
        }
        if self.ids.namespace_name:
            extensions[f"{EXT}namespace"] = self.ids.namespace_name
        identifier = self.ids.of(self.ids.document_path(self.map_id))
        return {
            "identifier": identifier,
            "uri": self.uri("document", identifier),
            "title": model.title,
            "description": model.summary,
            "creator": "; ".join(owner.name for owner in model.owners),
            "publisher": self.options.site_name,
            "officialSourceURL": self.options.page(urls.map_page(self.map_id)),
            "adoptionStatus": ADOPTION_STATUS[model.status],
            "caseVersion": "1.1",
            "language": self.options.language,
            "lastChangeDateTime": self.last_change,
            "extensions": extensions,
        }

    def capability(self, position: int, capability: Capability, document: tuple[str, dict[str, str]]) -> None:
        map_id, ids = self.map_id, self.ids
        path = ids.capability_path(map_id, capability.id)
        extensions: dict[str, Any] = {f"{EXT}critical": capability.critical, f"{EXT}moments": list(capability.moments)}
        if capability.check_in:
            extensions[f"{EXT}checkIn"] = list(capability.check_in)
        link = self.item(
            "capability",
            path,
            capability.title,
            capability.title,
            humanCodingScheme=capability.id,
            notes=capability.why,
            extensions=extensions,
        )
        self.associate("isChildOf", (path, link), document, sequence=position)
        levels = {level.id: level for level in self.model.scale}
        behaviour_links: dict[str, tuple[str, dict[str, str]]] = {}
        sequence = 0
        for level in self.model.scale:
            for behaviour in capability.behaviours.get(level.id, []):
                sequence += 1
                behaviour_path = ids.behaviour_path(map_id, behaviour.id)
                behaviour_link = self.item(
                    "behaviour", behaviour_path, behaviour.text, behaviour.text, humanCodingScheme=behaviour.id
                )
                behaviour_links[behaviour.id] = (behaviour_path, behaviour_link)
                self.associate("isChildOf", (behaviour_path, behaviour_link), (path, link), sequence=sequence)
                level_path = ids.level_path(map_id, level.id)
                level_link = self.link("item", level_path, levels[level.id].name)
                self.associate("hasSkillLevel", (behaviour_path, behaviour_link), (level_path, level_link))
        for level in self.model.scale:
            for behaviour in capability.behaviours.get(level.id, []):
                if behaviour.builds_on and behaviour.builds_on in behaviour_links:
                    self.associate("precedes", behaviour_links[behaviour.builds_on], behaviour_links[behaviour.id])

    def references(self, capability: Capability) -> None:
        """Prerequisites and related capabilities, which may sit in other maps (other packages)."""
        path = self.ids.capability_path(self.map_id, capability.id)
        link = {
            "identifier": self.ids.of(path),
            "title": capability.title,
            "uri": self.uri("item", self.ids.of(path)),
        }
        for field_name, association_type in (("prerequisites", "precedes"), ("related", "isRelatedTo")):
            for ref in getattr(capability, field_name):
                found = self.index.capability(ref, self.map_id)
                if found is None:
                    continue  # reported by validation; a served preview may still have it
                other_map, other = found
                other_map_id = other_map.model.id
                other_path = self.ids.capability_path(other_map_id, other.id)
                other_link = {
                    "identifier": self.ids.of(other_path),
                    "title": other.title,
                    "uri": self.uri("item", self.ids.of(other_path), other_map_id),
                }
                extensions = None
                if other_map_id != self.map_id:
                    other_link["targetType"] = "CASE"
                    extensions = {f"{EXT}ref": f"{other_map_id}/{other.id}"}
                if association_type == "precedes":
                    self.associate("precedes", (other_path, other_link), (path, link), extensions=extensions)
                else:
                    self.associate("isRelatedTo", (path, link), (other_path, other_link), extensions=extensions)

    def alignments(self, capability: Capability) -> None:
        """Each taxonomy alignment: the capability `exactMatchOf` or `isRelatedTo` the entry, outside any CASE
        framework. The alignment as written travels in an extension, so `import case` gives it back."""
        path = self.ids.capability_path(self.map_id, capability.id)
        link = {"identifier": self.ids.of(path), "title": capability.title, "uri": self.uri("item", self.ids.of(path))}
        for alignment in capability.alignments:
            destination = {"identifier": alignment.identifier, "title": alignment.label, "uri": alignment.public_url}
            if alignment.target_type:
                destination["targetType"] = alignment.target_type
            self.associate(
                "exactMatchOf" if alignment.match == "exact" else "isRelatedTo",
                (path, link),
                (f"alignments/{alignment.identifier}", destination),
                extensions={f"{EXT}alignment": alignment.model_dump(mode="json", exclude_defaults=True)},
            )

    def scale(self, position: int, document: tuple[str, dict[str, str]]) -> None:
        map_id, ids = self.map_id, self.ids
        scale_path = ids.scale_path(map_id)
        names = ", ".join(level.name for level in self.model.scale)
        scale_link = self.item(
            "proficiency-scale",
            scale_path,
            f"Proficiency scale of {self.model.title}, lowest level first: {names}.",
            "Proficiency scale",
            humanCodingScheme="scale",
        )
        self.associate("isChildOf", (scale_path, scale_link), document, sequence=position)
        for sequence, level in enumerate(self.model.scale, start=1):
            level_path = ids.level_path(map_id, level.id)
            level_link = self.item(
                "proficiency-level",
                level_path,
                level.summary,
                level.name,
                abbreviatedStatement=level.name,
                humanCodingScheme=level.id,
                notes=f"Complexity: {level.complexity}\nQuality: {level.quality}\nIndependence: {level.independence}",
                extensions={
                    f"{EXT}complexity": level.complexity,
                    f"{EXT}quality": level.quality,
                    f"{EXT}independence": level.independence,
                },
            )
            self.associate("isChildOf", (level_path, level_link), (scale_path, scale_link), sequence=sequence)

    def rubric(self, capability: Capability) -> dict[str, Any]:
        map_id, ids = self.map_id, self.ids
        rubric_id = ids.of(ids.rubric_path(map_id, capability.id))
        capability_link = self.link("item", ids.capability_path(map_id, capability.id), capability.title)
        criteria: list[dict[str, Any]] = []
        position = 0
        for evidence in capability.evidence:
            for criterion in evidence.rubric:
                position += 1
                criterion_id = ids.of(ids.criterion_path(map_id, capability.id, evidence.id, criterion.id))
                levels: list[dict[str, Any]] = []
                for level_position, level in enumerate(self.model.scale, start=1):
                    level_id = ids.of(
                        ids.criterion_level_path(map_id, capability.id, evidence.id, criterion.id, level.id)
                    )
                    criterion_level = {
                        "identifier": level_id,
                        "uri": self.uri("criterion-level", level_id),
                        "description": criterion.levels.get(level.id, ""),
                        "quality": level.name,
                        "score": float(level_position),
                        "position": level_position,
                        "rubricCriterionId": criterion_id,
                        "lastChangeDateTime": self.last_change,
                    }
                    levels.append(criterion_level)
                    self.objects.append(
                        CaseObject(urls.case_object(map_id, "criterion-level", level_id), criterion_level, "criterion-level")
                    )
                criterion_data = {
                    "identifier": criterion_id,
                    "uri": self.uri("criterion", criterion_id),
                    "category": evidence.title,
                    "description": criterion.criterion,
                    "CFItemURI": capability_link,
                    "position": position,
                    "rubricId": rubric_id,
                    "lastChangeDateTime": self.last_change,
                    "CFRubricCriterionLevels": levels,
                    "extensions": {f"{EXT}id": criterion.id, f"{EXT}evidence": evidence.id},
                }
                criteria.append(criterion_data)
                self.objects.append(CaseObject(urls.case_object(map_id, "criterion", criterion_id), criterion_data, "criterion"))
        rubric = {
            "identifier": rubric_id,
            "uri": self.uri("rubric", rubric_id),
            "title": f"{capability.title}: rubric",
            "description": f"How evidence of '{capability.title}' is reviewed, criterion by criterion, "
            "at each level of the scale.",
            "lastChangeDateTime": self.last_change,
            "CFRubricCriteria": criteria,
            "extensions": {
                f"{EXT}capability": capability.id,
                f"{EXT}evidence": [
                    {"id": evidence.id, "title": evidence.title, "description": evidence.description}
                    for evidence in capability.evidence
                ],
            },
        }
        self.objects.append(CaseObject(urls.case_object(map_id, "rubric", rubric_id), rubric, "rubric"))
        return rubric

    def export(self) -> CasePackage:
        document = self.document()
        document_ref = (self.ids.document_path(self.map_id), self.document_link())
        capabilities = self.model.capabilities
        for position, capability in enumerate(capabilities, start=1):
            self.capability(position, capability, document_ref)
        for capability in capabilities:
            self.references(capability)
            self.alignments(capability)
        self.scale(len(capabilities) + 1, document_ref)
        self.rubrics = [self.rubric(capability) for capability in capabilities]
        package = {
            "CFDocument": document,
            "CFItems": self.items,
            "CFAssociations": self.associations,
            "CFDefinitions": {"CFItemTypes": [self.types[code] for code in ITEM_TYPES]},
            "CFRubrics": self.rubrics,
        }
        package_src = urls.case_package(self.map_id)
        objects: list[CaseObject] = [
            CaseObject(
                urls.case_object(self.map_id, "document", document["identifier"]),
                {
                    **document,
                    "CFPackageURI": {
                        "identifier": document["identifier"],
                        "title": document["title"],
                        "uri": self.options.uri(package_src),
                    },
                },
                "document",
            )
        ]
        document_link = self.document_link()
        objects += [
            CaseObject(urls.case_object(self.map_id, "item", item["identifier"]), {**item, "CFDocumentURI": document_link}, "item")
            for item in self.items
        ]
        objects += [
            CaseObject(
                urls.case_object(self.map_id, "association", association["identifier"]),
                {**association, "CFDocumentURI": document_link},
                "association",
            )
            for association in self.associations
        ]
        objects += self.objects
        return CasePackage(self.map_id, package_src, package, objects)


def export_case(entry: MapEntry, index: HubIndex, options: ExportOptions) -> CasePackage:
    """The CFPackage of one map, with every object it names as its own JSON file."""
    return _MapExporter(entry, index, options, options.ids()).export()


def item_type_files(options: ExportOptions) -> list[CaseObject]:
    """The shared CFItemType files (one per type), as the getCFItemType endpoint returns them."""
    return [
        CaseObject(urls.case_item_type(item_type["identifier"]), {"CFItemTypes": [item_type]}, "item-type")
        for item_type in item_type_objects(options, options.ids()).values()
    ]
