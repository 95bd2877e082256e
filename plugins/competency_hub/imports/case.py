"""`competency-hub import case FILE.json`: a CASE 1.0/1.1 CFPackage becomes a map.

A package written by `competency-hub export` comes back as the map it was made from (ids, levels,
rubrics, links), so exporting it again gives the same package. Any other package is read by its
structure: items under the document whose children are leaves become capabilities, the leaves their
behaviours; deeper groupings are flattened and reported. What the package holds that a map cannot
(other association types, subjects, licences, concept keywords…) is reported, never dropped silently.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostics
from ..model.common import SLUG_PATTERN
from ..exports.case import ADOPTION_STATUS, EXT
from ..exports.ids import Ids
from .common import REVIEW_DATE_NOTE, Commented, ImportResult, Placeholder, UniqueIds, behaviour_id_allowed, behaviour_ids, behaviour_placeholder, capability_ids, evidence_placeholder, level_placeholders, map_header, moment_placeholder, owner_placeholder, summary_placeholder, why_placeholder, placeholders, review_date_placeholder, to_yaml
from .htmltext import html_to_markdown, looks_like_html
from .jsonmarks import JSONDocument, JSONSyntaxError, Loc

ALIGNMENT_FIELDS = ("scheme", "code", "uri", "level", "framework_uri", "framework_name", "name", "match")
"""The fields of a taxonomy alignment in the order a map file writes them."""

ASSOCIATION_TYPES = (
    "isChildOf",
    "isPeerOf",
    "isPartOf",
    "exactMatchOf",
    "precedes",
    "isRelatedTo",
    "replacedBy",
    "exemplar",
    "hasSkillLevel",
    "isTranslationOf",
)
"""CASE 1.1's association types; others must be extensions named 'ext:…'."""
_EXTENSION_TYPE = re.compile(r"^ext:[a-zA-Z0-9.\-_]+$")
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")
"""An HTML tag of any name (a Markdown autolink such as <https://…> is not one)."""

STATUS = {value.lower(): key for key, value in ADOPTION_STATUS.items()} | {"private draft": "draft"}

DOCUMENT_USED = {
    "identifier", "uri", "title", "description", "creator", "lastChangeDateTime", "adoptionStatus",
    "caseVersion", "language", "extensions", "CFPackageURI",
}
DOCUMENT_DERIVED = {"publisher", "officialSourceURL"}
"""Written by the hub from its own settings, so not reported as lost when they come back."""
ITEM_USED = {
    "identifier", "uri", "fullStatement", "abbreviatedStatement", "humanCodingScheme", "notes", "CFItemType",
    "CFItemTypeURI", "lastChangeDateTime", "extensions", "language", "listEnumeration", "CFDocumentURI",
}


@dataclass
class ImportContext:
    """What the importing hub knows: its identifier namespace and the capabilities links may point at."""

    namespace: str = ""
    capabilities: set[str] = field(default_factory=set)
    """'map/capability' of every capability of the hub (other than the map being replaced)."""


@dataclass
class Node:
    loc: Loc
    data: dict[str, Any]
    children: list[tuple[float, int, "Node"]] = field(default_factory=list)
    parent: "Node | None" = None

    @property
    def identifier(self) -> str:
        return str(self.data.get("identifier", ""))

    @property
    def type_title(self) -> str:
        kind = self.data.get("CFItemType")
        if isinstance(kind, dict):  # some publishers write the type as a link (title, identifier, uri)
            kind = kind.get("title")
        return str(kind or "")

    def text(self, key: str) -> str:
        value = self.data.get(key)
        return value.replace("\r\n", "\n").replace("\r", "\n").strip() if isinstance(value, str) else ""

    def ordered(self) -> list["Node"]:
        return [node for _, _, node in sorted(self.children, key=lambda c: (c[0], c[1]))]


@dataclass
class Tree:
    """The package as a tree under its document, and its associations by type (in file order)."""

    document: Node
    by_type: dict[str, list[tuple[Loc, dict[str, Any]]]]


@dataclass
class Scale:
    """The map's scale, and which CASE item stands for which of its levels (hub packages only)."""

    node: Node | None
    """The hub's 'Proficiency scale' item, not a capability."""
    levels: list[dict[str, Any]]
    by_identifier: dict[str, str]
    """Item identifier → level id."""
    ids: list[str] = field(init=False)
    names: dict[str, str] = field(init=False)
    """Level id → name."""

    def __post_init__(self) -> None:
        self.ids = [level["id"] for level in self.levels]
        self.names = {level["id"]: level["name"] for level in self.levels}


@dataclass
class Capabilities:
    """The capabilities as they are made, and what the links between items need to know of them."""

    data: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Item identifier → the capability's map data."""
    order: list[tuple[str, list[str]]] = field(default_factory=list)
    """Item identifier and comments of each capability, in the order of the map."""
    chosen: dict[str, str] = field(default_factory=dict)
    """Item identifier → hub id, of capabilities and behaviours."""
    behaviour_level: dict[str, str] = field(default_factory=dict)
    behaviour_capability: dict[str, str] = field(default_factory=dict)
    """Behaviour's item identifier → its capability's."""
    lost_fields: dict[str, list[Loc]] = field(default_factory=dict)
    """Item fields a map has no place for → where they are."""

    def note_lost(self, node: Node, used: set[str]) -> None:
        for key, value in node.data.items():
            if key not in used and value not in (None, "", [], {}):
                self.lost_fields.setdefault(key, []).append((*node.loc, key))


def _list(value: Any) -> list[Any]:
    """A JSON array, or nothing: a wrong type is not a crash (the shape was reported already or is harmless)."""
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _sequence(association: dict[str, Any], child: Node, position: int) -> tuple[float, int]:
    number = association.get("sequenceNumber")
    if isinstance(number, (int, float)) and not isinstance(number, bool):
        return float(number), position
    listing = child.data.get("listEnumeration")
    try:
        return float(str(listing)), position
    except (TypeError, ValueError):
        return float("inf"), position


def _short_title(text: str, limit: int = 100) -> tuple[str, bool]:
    """A title from a statement: its first line, cut at a word; True when something was cut."""
    first = text.split("\n", 1)[0].strip()
    cut = first != text.strip()
    if len(first) > limit:
        first = first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"
        cut = True
    return first or text[:limit], cut


class CaseImporter:
    def __init__(self, text: str, display: str, map_id: str | None, context: ImportContext) -> None:
        self.text = text
        self.display = display
        self.requested_id = map_id
        self.context = context
        self.diagnostics = Diagnostics()
        self.doc: JSONDocument | None = None

    # -- reporting -------------------------------------------------------------------------------------

    def _at(self, loc: Loc) -> tuple[int, int]:
        return self.doc.locate(loc) if self.doc else (1, 1)

    def error(self, loc: Loc, message: str, hint: str | None = None) -> None:
        self.diagnostics.error(self.display, *self._at(loc), message, hint, code="HUB940")

    def warning(self, loc: Loc, message: str, hint: str | None = None) -> None:
        self.diagnostics.warning(self.display, *self._at(loc), message, hint, code="HUB941")

    # -- reading and checking ------------------------------------------------------------------------------

    def read(self) -> dict[str, Any] | None:
        try:
            self.doc = JSONDocument(self.text.lstrip("\ufeff"))
        except JSONSyntaxError as exc:
            self.diagnostics.error(self.display, exc.line, exc.column, f"not valid JSON: {exc.message}", code="HUB940")
            return None
        package = self.doc.data
        if not isinstance(package, dict):
            self.error((), "a CASE package is a JSON object with a 'CFDocument'", "export the framework as a CFPackage")
            return None
        if not isinstance(package.get("CFDocument"), dict):
            hint = "this looks like a single CFDocument; export the whole CFPackage" if "identifier" in package else None
            self.error((), "not a CASE package: it has no 'CFDocument' object", hint or "export the framework as a CFPackage")
            return None
        document = package["CFDocument"]
        for key in ("identifier", "title"):
            if not isinstance(document.get(key), str) or not document[key].strip():
                self.error(("CFDocument", key) if key in document else ("CFDocument",), f"the CFDocument has no '{key}'")
        for key in ("CFItems", "CFAssociations", "CFRubrics"):
            if key in package and not isinstance(package[key], list):
                self.error((key,), f"'{key}' must be a list")
        known = {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics", "extensions"}
        for key in package:
            if key not in known:
                self.warning((key,), f"'{key}' is not part of a CASE package; it is not imported")
        if package.get("extensions"):
            self.warning(("extensions",), "the package's extensions are not imported")
        seen: dict[str, Loc] = {}
        by_uri: dict[str, str] = {}
        by_uri_only: list[Loc] = []
        if isinstance(document.get("uri"), str) and isinstance(document.get("identifier"), str):
            by_uri[document["uri"]] = document["identifier"]
        for i, item in enumerate(package.get("CFItems") or [] if isinstance(package.get("CFItems"), list) else []):
            loc: Loc = ("CFItems", i)
            if not isinstance(item, dict):
                self.error(loc, "a CFItem must be an object")
                continue
            if not isinstance(item.get("identifier"), str) or not item["identifier"].strip():
                self.error(loc, "the CFItem has no 'identifier'")
                continue
            if not isinstance(item.get("fullStatement"), str) or not item["fullStatement"].strip():
                self.error((*loc, "fullStatement") if "fullStatement" in item else loc, f"CFItem '{item['identifier']}' has no 'fullStatement'")
            if item["identifier"] in seen:
                line = self._at(seen[item["identifier"]])[0]
                self.error((*loc, "identifier"), f"CFItem identifier '{item['identifier']}' is used twice (first on line {line})")
            seen[item["identifier"]] = loc
            if isinstance(item.get("uri"), str):
                by_uri.setdefault(item["uri"], item["identifier"])
        associations = package.get("CFAssociations") if isinstance(package.get("CFAssociations"), list) else []
        for i, association in enumerate(associations):
            loc = ("CFAssociations", i)
            if not isinstance(association, dict):
                self.error(loc, "a CFAssociation must be an object")
                continue
            kind = association.get("associationType")
            if not isinstance(kind, str):
                self.error(loc, "the CFAssociation has no 'associationType'")
            elif kind not in ASSOCIATION_TYPES and not _EXTENSION_TYPE.match(kind):
                close = [t for t in ASSOCIATION_TYPES if t.lower() == kind.lower()]
                self.error(
                    (*loc, "associationType"),
                    f"unknown association type '{kind}'",
                    f"did you mean '{close[0]}'?" if close else "CASE 1.1 types are: " + ", ".join(ASSOCIATION_TYPES) + "; extensions are named 'ext:…'",
                )
            for end in ("originNodeURI", "destinationNodeURI"):
                node = association.get(end)
                if isinstance(node, dict) and not isinstance(node.get("identifier"), str) and node.get("uri") in by_uri:
                    # CASE requires the identifier; some publishers give only the uri of an object in the package.
                    node["identifier"] = by_uri[node["uri"]]
                    by_uri_only.append((*loc, end))
                if not isinstance(node, dict) or not isinstance(node.get("identifier"), str):
                    self.error((*loc, end) if end in association else loc, f"the CFAssociation has no '{end}' with an 'identifier'")
        if by_uri_only:
            self.warning(
                by_uri_only[0],
                f"{len(by_uri_only)} association end(s) have a 'uri' and no 'identifier', which CASE requires; "
                f"they are matched to this package's objects by uri (first on line {self._at(by_uri_only[0])[0]})",
            )
        if self.diagnostics.errors:
            return None
        self.markdown_statements(package)
        return package

    def markdown_statements(self, package: dict[str, Any]) -> None:
        """Statements written in HTML become the Markdown a map holds; what cannot be kept is said."""
        converted: list[Loc] = []
        for i, item in enumerate(package.get("CFItems") or []):
            for key in ("fullStatement", "abbreviatedStatement", "notes"):
                value = item.get(key)
                if isinstance(value, str) and (looks_like_html(value) or _ANY_TAG.search(value)):
                    item[key], lost = html_to_markdown(value)
                    converted.append(("CFItems", i, key))
                    if lost:
                        self.warning(("CFItems", i, key), f"'{key}': HTML that plain text cannot hold is not kept: {', '.join(sorted(lost))}")
        if converted:
            self.warning(
                converted[0],
                f"{len(converted)} statement(s) are HTML; they are converted to Markdown (first on line {self._at(converted[0])[0]})",
                "check the converted text",
            )

    # -- building the map ------------------------------------------------------------------------------

    def build(self) -> ImportResult | None:
        package = self.read()
        if package is None or self.doc is None:
            return None
        document: dict[str, Any] = package["CFDocument"]
        extensions = document.get("extensions") if isinstance(document.get("extensions"), dict) else {}
        hub_package = isinstance(extensions.get(f"{EXT}id"), str)
        tree = self.tree(package)
        scale = self.scale(package, tree, hub_package)
        found = self.capability_nodes(tree, scale, hub_package)
        if not found:
            self.error(("CFItems",), "the package has no items; a map needs at least one capability")
            return None
        unmapped: dict[str, list[Loc]] = {}  # association type → the associations a map cannot hold
        skill_level = self.skill_levels(tree, scale, unmapped)
        capabilities = self.capabilities(found, scale, skill_level, hub_package)
        self.links(tree, scale, capabilities, unmapped)
        self.report_unmapped(tree, unmapped)
        self.evidence(package, capabilities.data, capabilities.chosen, scale.ids, scale.names, hub_package)
        for field_name, locs in sorted(capabilities.lost_fields.items()):
            self.warning(locs[0], f"'{field_name}' of {len(locs)} item(s) has no place in a map and is not imported")
        return self.result(package, extensions, hub_package, tree, scale, capabilities)

    def tree(self, package: dict[str, Any]) -> Tree:
        """The tree, from isChildOf (child → parent); an item without a parent goes under the document."""
        doc_node = Node(("CFDocument",), package["CFDocument"])
        nodes: dict[str, Node] = {doc_node.identifier: doc_node}
        for i, item in enumerate(package.get("CFItems") or []):
            nodes[item["identifier"]] = Node(("CFItems", i), item)
        associations: list[tuple[Loc, dict[str, Any]]] = [
            (("CFAssociations", i), a) for i, a in enumerate(package.get("CFAssociations") or [])
        ]
        by_type: dict[str, list[tuple[Loc, dict[str, Any]]]] = {}
        for position, (loc, association) in enumerate(associations):
            kind = association["associationType"]
            by_type.setdefault(kind, []).append((loc, association))
            if kind != "isChildOf":
                continue
            child = nodes.get(association["originNodeURI"]["identifier"])
            parent = nodes.get(association["destinationNodeURI"]["identifier"])
            if child is None or parent is None or child is doc_node:
                self.warning(loc, "isChildOf association between objects outside this package; it is not imported")
                continue
            if child.parent is not None:
                self.warning(loc, f"'{child.text('fullStatement')[:40]}' has a second parent; a map keeps the first")
                continue
            ancestor: Node | None = parent
            while ancestor is not None and ancestor is not child:
                ancestor = ancestor.parent
            if ancestor is child:
                self.warning(loc, "this isChildOf association would make a loop; it is not imported")
                continue
            child.parent = parent
            parent.children.append((*_sequence(association, child, position), child))
        for identifier, node in nodes.items():
            if node is not doc_node and node.parent is None:
                self.warning(node.loc, f"CFItem '{node.text('fullStatement')[:40]}' is not a child of the document or of another item; it is imported at the top level")
                node.parent = doc_node
                doc_node.children.append((float("inf"), 10**9 + len(doc_node.children), node))
        return Tree(doc_node, by_type)

    def scale(self, package: dict[str, Any], tree: Tree, hub_package: bool) -> Scale:
        """The scale: the hub's own from its proficiency levels, else the rubrics' levels, else a placeholder."""
        scale_node = next((n for n in tree.document.ordered() if n.type_title == "Proficiency scale"), None) if hub_package else None
        level_nodes = [n for n in scale_node.ordered() if n.type_title == "Proficiency level"] if scale_node else []
        levels: list[dict[str, Any]] = []
        level_by_identifier: dict[str, str] = {}
        level_ids = UniqueIds()
        if 2 <= len(level_nodes) <= 7:
            for node in level_nodes:
                ext = node.data.get("extensions") if isinstance(node.data.get("extensions"), dict) else {}
                name = node.text("abbreviatedStatement") or node.text("fullStatement")
                level_id = level_ids.make(node.text("humanCodingScheme"), name, fallback="level")
                level_by_identifier[node.identifier] = level_id
                level: dict[str, Any] = {"id": level_id, "name": name, "summary": node.text("fullStatement")}
                for key in ("complexity", "quality", "independence"):
                    value = ext.get(f"{EXT}{key}")
                    level[key] = value if isinstance(value, str) and value.strip() else Placeholder(f"the {key} of level “{name}”.", f"{key} of level '{name}'"
                    )
                levels.append(level)
        else:
            names = self.rubric_level_names(package)
            if names:
                self.warning(("CFRubrics",), "CASE has no proficiency scale: the levels of the package's rubric criteria are used as the map's scale")
            else:
                names = ["Level 1", "Level 2"]
                self.warning(("CFDocument",), "CASE has no proficiency scale: a two-level placeholder scale was written", "name and describe your levels (2 to 7)")
            for name in names:
                levels.append({"id": level_ids.make(name, fallback="level"), "name": name, **level_placeholders(name)})
        return Scale(scale_node, levels, level_by_identifier)

    def capability_nodes(self, tree: Tree, scale: Scale, hub_package: bool) -> list[tuple[Node, list[Node], list[str]]]:
        """Capabilities and behaviours: each capability's node, its behaviours' nodes, its comments."""
        found: list[tuple[Node, list[Node], list[str]]] = []
        for node in tree.document.ordered():
            if node is scale.node:
                continue
            self._visit(node, [], hub_package, found)
        return found

    def _visit(self, node: Node, groups: list[str], hub_package: bool, found: list[tuple[Node, list[Node], list[str]]]) -> None:
        children = node.ordered()
        if hub_package and node.type_title == "Capability":
            found.append((node, [c for c in children if c.type_title == "Behaviour"], []))
            for child in children:
                if child.type_title != "Behaviour":
                    self.warning(child.loc, f"'{child.text('fullStatement')[:40]}' under a capability is not a behaviour; it is not imported")
            return
        leaves = [c for c in children if not c.children]
        inner = [c for c in children if c.children]
        title = node.text("abbreviatedStatement") or _short_title(node.text("fullStatement"), 60)[0]
        if leaves or not children:
            found.append((node, leaves, [f"CASE: under {' › '.join(groups)}"] if groups else []))
            if inner:
                self.warning(node.loc, f"'{title}' holds both statements and groups of statements; a map has no sub-capabilities, so each group becomes a capability of its own")
        else:
            self.warning(node.loc, f"'{title}' groups other items; a map has no groupings, so its capabilities are listed in its place (the grouping is named in a comment)")
        for child in inner:
            self._visit(child, groups + [title], hub_package, found)

    def skill_levels(self, tree: Tree, scale: Scale, unmapped: dict[str, list[Loc]]) -> dict[str, str]:
        """hasSkillLevel: the level of each behaviour that names one of the scale's levels, by item identifier."""
        skill_level: dict[str, str] = {}
        for loc, association in tree.by_type.get("hasSkillLevel", []):
            level_id = scale.by_identifier.get(association["destinationNodeURI"]["identifier"])
            if level_id:
                skill_level[association["originNodeURI"]["identifier"]] = level_id
            else:
                unmapped.setdefault("hasSkillLevel", []).append(loc)
        return skill_level

    def capabilities(
        self, found: list[tuple[Node, list[Node], list[str]]], scale: Scale, skill_level: dict[str, str], hub_package: bool
    ) -> Capabilities:
        """Each capability with its behaviours by level, in the order of the package."""
        capabilities = Capabilities()
        cap_ids = capability_ids()
        beh_ids = behaviour_ids()
        for node, behaviours, comments in found:
            ext = node.data.get("extensions") if isinstance(node.data.get("extensions"), dict) else {}
            statement = node.text("fullStatement")
            if hub_package and node.type_title == "Capability":
                title, why = statement, node.text("notes")
            elif node.text("abbreviatedStatement"):
                title, why = node.text("abbreviatedStatement"), statement
            else:
                title, cut = _short_title(statement)
                why = statement if cut else node.text("notes")
            code = node.text("humanCodingScheme")
            capability_id = cap_ids.make(code if re.match(SLUG_PATTERN, code) else code or title, title, fallback="capability")
            capabilities.chosen[node.identifier] = capability_id
            capabilities.note_lost(node, ITEM_USED)
            if not hub_package:
                comments = comments + [f"CASE item {node.identifier}" + (f" ({code})" if code else "")]
            by_level = self.behaviours(node, behaviours, title, capability_id, scale, skill_level, beh_ids, capabilities, hub_package)
            moments = ext.get(f"{EXT}moments")
            check_in = ext.get(f"{EXT}checkIn")
            capability: dict[str, Any] = {
                "id": capability_id,
                "title": title,
                "why": why or why_placeholder(title, capability_id),
            }
            if ext.get(f"{EXT}critical") is True:
                capability["critical"] = True
            capability["moments"] = (
                [m for m in moments if isinstance(m, str)]
                if isinstance(moments, list) and any(isinstance(m, str) for m in moments)
                else [moment_placeholder(capability_id)]
            )
            capability["behaviours"] = by_level
            capabilities.data[node.identifier] = capability
            if isinstance(check_in, list) and check_in:
                capability["check_in"] = [c for c in check_in if isinstance(c, str)]
            capabilities.order.append((node.identifier, comments))
        return capabilities

    def behaviours(
        self,
        node: Node,
        behaviours: list[Node],
        title: str,
        capability_id: str,
        scale: Scale,
        skill_level: dict[str, str],
        beh_ids: UniqueIds,
        capabilities: Capabilities,
        hub_package: bool,
    ) -> dict[str, list[Any]]:
        """One capability's behaviours by level: at their skill level or the lowest, a placeholder where a level has none."""
        default_level = scale.ids[0]
        by_level: dict[str, list[Any]] = {level_id: [] for level_id in scale.ids}
        placed_default = 0
        for behaviour in behaviours:
            code = behaviour.text("humanCodingScheme")
            behaviour_id = beh_ids.make(code if re.match(SLUG_PATTERN, code) else code or behaviour.text("fullStatement")[:40], prefix=capability_id, fallback="behaviour")
            if not behaviour_id_allowed(behaviour_id, scale.ids, []):
                behaviour_id = beh_ids.make(f"{capability_id}-{behaviour_id}", fallback="behaviour")
            level_id = skill_level.get(behaviour.identifier)
            if level_id is None:
                level_id = default_level
                placed_default += 1
            capabilities.chosen[behaviour.identifier] = behaviour_id
            capabilities.behaviour_level[behaviour.identifier] = level_id
            capabilities.behaviour_capability[behaviour.identifier] = node.identifier
            item: dict[str, Any] = {"id": behaviour_id, "text": behaviour.text("fullStatement")}
            capabilities.note_lost(behaviour, ITEM_USED - {"notes", "abbreviatedStatement"})
            by_level[level_id].append(item if hub_package else Commented(item, [f"CASE item {behaviour.identifier}" + (f" ({code})" if code else "")]))
        if placed_default:
            self.warning(
                node.loc,
                f"{placed_default} statement(s) under '{title}' have no skill level; they are placed at level "
                f"'{scale.names[default_level]}'",
                "move each behaviour to the level it describes",
            )
        for level_id in scale.ids:
            if not by_level[level_id]:
                placeholder_id = beh_ids.make(f"{capability_id}-{level_id}", fallback="behaviour")
                by_level[level_id].append(behaviour_placeholder(placeholder_id, capability_id, title, scale.names[level_id]))
        return by_level

    def links(self, tree: Tree, scale: Scale, capabilities: Capabilities, unmapped: dict[str, list[Loc]]) -> None:
        """builds_on (precedes between behaviours), prerequisites (precedes) and related (isRelatedTo) between capabilities."""
        chosen = capabilities.chosen
        behaviour_level = capabilities.behaviour_level
        behaviour_capability = capabilities.behaviour_capability
        capability_data = capabilities.data
        capability_identifiers = set(capability_data)
        for loc, association in tree.by_type.get("precedes", []):
            origin = association["originNodeURI"]["identifier"]
            destination = association["destinationNodeURI"]["identifier"]
            if origin in behaviour_level and destination in behaviour_level:
                same = behaviour_capability[origin] == behaviour_capability[destination]
                below = scale.ids.index(behaviour_level[destination]) - scale.ids.index(behaviour_level[origin]) == 1
                if same and below:
                    target = capability_data[behaviour_capability[destination]]["behaviours"][behaviour_level[destination]]
                    for entry in target:
                        data = entry.value if isinstance(entry, Commented) else entry
                        if data["id"] == chosen[destination]:
                            data["builds_on"] = chosen[origin]
                    continue
                self.warning(loc, "precedes between statements that are not one level apart in one capability; a map cannot hold it")
                continue
            if destination in capability_identifiers:
                ref = self.reference(origin, association, loc, chosen)
                if ref:
                    capability_data[destination].setdefault("prerequisites", []).append(ref)
                continue
            unmapped.setdefault("precedes", []).append(loc)
        taken: set[int] = set()
        candidates = [entry for kind in ("exactMatchOf", "isRelatedTo") for entry in tree.by_type.get(kind, [])]
        for loc, association in sorted(candidates, key=lambda entry: [str(part).zfill(9) for part in entry[0]]):
            written = _dict(association.get("extensions")).get(f"{EXT}alignment")
            origin = _dict(association.get("originNodeURI")).get("identifier")
            if isinstance(written, dict) and origin in capability_identifiers:
                # A taxonomy alignment the hub exported: give it back as written (validation checks it),
                # its fields in the order the content model lists them.
                ordered = {key: written[key] for key in ALIGNMENT_FIELDS if key in written}
                capability_data[origin].setdefault("alignments", []).append({**ordered, **written})
                taken.add(id(association))
        for kind in ("exactMatchOf", "isRelatedTo"):
            if kind in tree.by_type:
                tree.by_type[kind] = [entry for entry in tree.by_type[kind] if id(entry[1]) not in taken]
        for loc, association in tree.by_type.get("isRelatedTo", []):
            origin = association["originNodeURI"]["identifier"]
            destination = association["destinationNodeURI"]["identifier"]
            if origin in capability_identifiers:
                ref = self.reference(destination, association, loc, chosen)
                if ref:
                    capability_data[origin].setdefault("related", []).append(ref)
            else:
                unmapped.setdefault("isRelatedTo", []).append(loc)

    def report_unmapped(self, tree: Tree, unmapped: dict[str, list[Loc]]) -> None:
        """One warning per association type a map cannot hold, with the associations the links left."""
        for kind, found in tree.by_type.items():
            if kind not in ("isChildOf", "precedes", "isRelatedTo", "hasSkillLevel") and found:
                unmapped.setdefault(kind, []).extend(loc for loc, _ in found)
        for kind, locs in sorted(unmapped.items()):
            line = self._at(locs[0])[0]
            self.warning(
                locs[0],
                f"{len(locs)} '{kind}' association(s) cannot be held by a map and are not imported (first on line {line})",
            )

    def result(
        self,
        package: dict[str, Any],
        extensions: dict[str, Any],
        hub_package: bool,
        tree: Tree,
        scale: Scale,
        capabilities: Capabilities,
    ) -> ImportResult:
        """The map: its id, owners, status and review date from the document, then its YAML."""
        document: dict[str, Any] = package["CFDocument"]
        map_id = self.requested_id or UniqueIds().make(
            extensions.get(f"{EXT}id") if hub_package else "", document.get("title", ""), fallback="imported-map"
        )
        owners_ext = extensions.get(f"{EXT}owners")
        owners: list[Any] = []
        if isinstance(owners_ext, list):
            for owner in owners_ext:
                if isinstance(owner, dict) and isinstance(owner.get("name"), str):
                    owners.append({k: owner[k] for k in ("name", "role", "contact") if isinstance(owner.get(k), str)})
        if not owners and isinstance(document.get("creator"), str) and document["creator"].strip():
            owners = [{"name": document["creator"].strip()}]
            self.warning(("CFDocument", "creator"), "the document's creator is taken as the map's owner; add a role and a contact")
        if not owners:
            owners = [owner_placeholder()]
        status_text = str(document.get("adoptionStatus") or "").strip()
        status = STATUS.get(status_text.lower())
        if status is None:
            status = "draft"
            if status_text:
                self.warning(("CFDocument", "adoptionStatus"), f"adoption status '{status_text}' has no equivalent; the map is a draft")
        notes: list[tuple[Loc, str]] = []
        review = extensions.get(f"{EXT}reviewDate")
        if not (isinstance(review, str) and re.match(r"^\d{4}-\d{2}-\d{2}$", review)):
            review = review_date_placeholder()
            notes.append((("review_date",), REVIEW_DATE_NOTE))
        else:
            try:
                review = datetime.date.fromisoformat(review)
            except ValueError:
                review = review_date_placeholder()
                notes.append((("review_date",), REVIEW_DATE_NOTE))
        for key, value in document.items():
            if key not in DOCUMENT_USED and not (hub_package and key in DOCUMENT_DERIVED) and value not in (None, "", [], {}):
                self.warning(("CFDocument", key), f"the document's '{key}' has no place in a map and is not imported")
        description = tree.document.text("description")
        data: dict[str, Any] = {
            "id": map_id,
            "title": tree.document.text("title"),
            "summary": description or summary_placeholder(),
            "owners": owners,
            "review_date": review,
            "status": status,
            "scale": scale.levels,
            "capabilities": [
                Commented(capabilities.data[identifier], comments) if comments else capabilities.data[identifier]
                for identifier, comments in capabilities.order
            ],
        }
        if status != "draft" and placeholders(data):
            data["status"] = Commented(status, ["The source says so; check the TODO placeholders before publishing it."])
        self.identity(package, map_id, hub_package, extensions)
        header = map_header(self.display, "the CASE package", data)
        result = ImportResult(map_id, to_yaml(data, header), data, self.diagnostics)
        result.notes.extend(notes)
        return result

    def reference(self, identifier: str, association: dict[str, Any], loc: Loc, chosen: dict[str, str]) -> str | None:
        """A capability reference for an association end: this map's id, or `map/id` of the hub's."""
        if identifier in chosen:
            return chosen[identifier]
        extensions = association.get("extensions") if isinstance(association.get("extensions"), dict) else {}
        ref = extensions.get(f"{EXT}ref")
        if isinstance(ref, str) and ref in self.context.capabilities:
            return ref
        title = ""
        for end in ("originNodeURI", "destinationNodeURI"):
            if association[end].get("identifier") == identifier:
                title = str(association[end].get("title") or identifier)
        where = f" ('{ref}' is not a capability of this hub)" if isinstance(ref, str) else ""
        self.warning(loc, f"{association['associationType']} link to '{title}', which is not in this package{where}; it is not imported")
        return None

    def rubric_level_names(self, package: dict[str, Any]) -> list[str]:
        for rubric in _list(package.get("CFRubrics")):
            for criterion in _list(_dict(rubric).get("CFRubricCriteria")):
                levels = criterion.get("CFRubricCriterionLevels") if isinstance(criterion, dict) else None
                if isinstance(levels, list) and 2 <= len(levels) <= 7:
                    ordered = sorted(
                        (lvl for lvl in levels if isinstance(lvl, dict)),
                        key=lambda lvl: lvl.get("position") if isinstance(lvl.get("position"), int) else 0,
                    )
                    names = [str(lvl.get("quality") or f"Level {i}").strip() for i, lvl in enumerate(ordered, start=1)]
                    if len(set(names)) == len(names):
                        return names
        return []

    def evidence(
        self,
        package: dict[str, Any],
        capability_data: dict[str, dict[str, Any]],
        chosen: dict[str, str],
        level_list: list[str],
        level_names: dict[str, str],
        hub_package: bool,
    ) -> None:
        rubrics = package.get("CFRubrics") if isinstance(package.get("CFRubrics"), list) else []
        for ri, rubric in enumerate(rubrics):
            loc: Loc = ("CFRubrics", ri)
            if not isinstance(rubric, dict):
                self.warning(loc, "a CFRubric must be an object; it is not imported")
                continue
            ext = rubric.get("extensions") if isinstance(rubric.get("extensions"), dict) else {}
            criteria = [c for c in _list(rubric.get("CFRubricCriteria")) if isinstance(c, dict)]
            found = [_dict(c.get("CFItemURI")).get("identifier") for c in criteria]
            targets = {t for t in found if isinstance(t, str)}
            owner = next((t for t in targets if t in capability_data), None)
            if owner is None or len(targets) != 1:
                self.warning(loc, f"rubric '{rubric.get('title', '')}' is not tied to one capability of this package; it is not imported")
                continue
            capability = capability_data[owner]
            evidence_ext = ext.get(f"{EXT}evidence") if hub_package else None
            evidence_by_id: dict[str, dict[str, Any]] = {}
            if isinstance(evidence_ext, list):
                for entry in evidence_ext:
                    if isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("id", "title", "description")):
                        evidence_by_id[entry["id"]] = {"id": entry["id"], "title": entry["title"], "description": entry["description"], "rubric": []}
            evidence_ids = UniqueIds(set(evidence_by_id))
            by_category: dict[str, dict[str, Any]] = {}
            criterion_ids: dict[str, UniqueIds] = {}
            for ci, criterion in enumerate(sorted(criteria, key=lambda c: c.get("position") if isinstance(c.get("position"), int) else 0)):
                c_ext = criterion.get("extensions") if isinstance(criterion.get("extensions"), dict) else {}
                evidence_id = c_ext.get(f"{EXT}evidence")
                if not (isinstance(evidence_id, str) and evidence_id in evidence_by_id):
                    category = str(criterion.get("category") or "Evidence").strip()
                    if category not in by_category:
                        new_id = evidence_ids.make(category, fallback="evidence")
                        by_category[category] = evidence_by_id[new_id] = {
                            "id": new_id,
                            "title": category if criterion.get("category") else Placeholder("an artefact from real work that shows it.", f"evidence of '{capability['id']}'"),
                            "description": Placeholder("where it comes from and how to share it for review.", f"description of evidence '{new_id}'"),
                            "rubric": [],
                        }
                    evidence_id = by_category[category]["id"]
                evidence = evidence_by_id[evidence_id]
                ids = criterion_ids.setdefault(evidence_id, UniqueIds())
                own_id = c_ext.get(f"{EXT}id")
                criterion_id = ids.make(own_id if isinstance(own_id, str) else "", str(criterion.get("description") or "")[:40], fallback="criterion")
                levels_in = sorted(
                    (lvl for lvl in _list(criterion.get("CFRubricCriterionLevels")) if isinstance(lvl, dict)),
                    key=lambda lvl: lvl.get("position") if isinstance(lvl.get("position"), int) else 0,
                )
                described: dict[str, Any] = {}
                if len(levels_in) == len(level_list):
                    for level_id, lvl in zip(level_list, levels_in):
                        text = str(lvl.get("description") or "").strip()
                        described[level_id] = text or Placeholder(f"what it looks like at level “{level_names[level_id]}”.", f"rubric '{criterion_id}' at level '{level_names[level_id]}'")
                else:
                    self.warning((*loc, "CFRubricCriteria", ci), f"criterion has {len(levels_in)} level(s) and the scale {len(level_list)}; its level descriptions are not imported")
                    for level_id in level_list:
                        described[level_id] = Placeholder(f"what it looks like at level “{level_names[level_id]}”.", f"rubric '{criterion_id}' at level '{level_names[level_id]}'")
                text = str(criterion.get("description") or "").strip()
                evidence["rubric"].append(
                    {
                        "id": criterion_id,
                        "criterion": text or Placeholder("what the reviewer looks at.", f"rubric criterion '{criterion_id}'"),
                        "levels": described,
                    }
                )
            capability["evidence"] = [e for e in evidence_by_id.values() if e["rubric"]] or capability.get("evidence", [])
        for capability in capability_data.values():
            if not capability.get("evidence"):
                capability["evidence"] = [evidence_placeholder(capability["id"], [(i, level_names[i]) for i in level_list])]
            # Keep the field order of a map file: evidence before the lists of links.
            for key in ("check_in", "prerequisites", "related", "alignments"):
                if key in capability:
                    capability[key] = capability.pop(key)

    def identity(self, package: dict[str, Any], map_id: str, hub_package: bool, extensions: dict[str, Any]) -> None:
        """Say when re-exporting will not give the package's identifiers back, and why."""
        document = package["CFDocument"]
        if not hub_package:
            self.warning(
                ("CFDocument", "identifier"),
                "the package's identifiers are not kept: the hub derives its own from ids, so re-exporting gives new "
                "identifiers (each item's original identifier is in a comment)",
            )
            return
        source_namespace = extensions.get(f"{EXT}namespace", "")
        ids = Ids(self.context.namespace)
        expected = ids.of(ids.document_path(map_id))
        if expected == document.get("identifier"):
            return
        if source_namespace != self.context.namespace:
            self.warning(
                ("CFDocument", "identifier"),
                f"this package was exported with exports_namespace '{source_namespace}' and this hub uses "
                f"'{self.context.namespace}', so re-exporting gives new identifiers",
                f"set exports_namespace: '{source_namespace}' in mkdocs.yml to keep them" if source_namespace else "remove exports_namespace from mkdocs.yml to keep them",
            )
        else:
            self.warning(
                ("CFDocument", "identifier"),
                f"the map id '{map_id}' differs from the package's, so re-exporting gives new identifiers",
                "import without --id to keep them",
            )


def import_case(
    text: str, display: str, map_id: str | None = None, context: ImportContext | None = None
) -> tuple[ImportResult | None, Diagnostics]:
    """The map YAML (or None when the file cannot be imported) and every problem found."""
    importer = CaseImporter(text, display, map_id, context or ImportContext())
    result = importer.build()
    return result, importer.diagnostics
