"""Rich Skill Descriptors (OSMT) and CTDL-ASN frameworks, checked with the official schemas in shared/standards.

RSD: OSMT publishes no JSON Schema, only its OpenAPI description; its `components/schemas` (`Skill`,
`Collection` and what they reference) are the machine-readable definition. Two points of that file
contradict what OSMT itself writes (its example responses and the examples inside the same OpenAPI
file), and the validator reads them as OSMT writes (docs/reference/exports/rsd.md):
- `required` lists `context` while the property is `@context`;
- `PublishStatus` lists `Published`, `Archived`… while every OSMT answer says `published`, `archived`;
- `KeywordCount.keyword` is `oneOf` string, `Alignment`, `NamedReference`: the last two require nothing,
  so an object always matches both and no object can pass (OSMT's own collection example fails it); read as `anyOf`.
A test below shows that the unchanged schema reports nothing but those three points.

CTDL-ASN: the Credential Registry's draft-04 schemas for one competency framework and one competency;
each node of the exported `@graph` is validated against the schema of its `@type`.

Neither JSON-LD context is available offline (shared/standards/README.md: the RSD context is not
published at all, the CTDL-ASN context is in no repository with a licence), so JSON-LD expansion cannot
be checked against the real contexts: the RSD's keys are compared with OSMT's own answers instead, and
the CTDL-ASN graph is expanded with the two namespace prefixes it uses (and its language-map terms), which shows every property is a
`ceasn:`/`ceterms:` term (none is dropped).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from hub import REPO, copy_hub, edit, build, content, page, broken_links, export
from retirement import rename_capability
from jsonschema import Draft4Validator, Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from standards import errors, format_checker, load, standard

from competency_hub.exports.ids import Ids

STARTER_MAPS = sorted(p.stem for p in (REPO / "maps").glob("*.yml"))
RSD_CONTEXT = "https://rsd.openskillsnetwork.org/context-v1.json"
CTDL_LOCAL_CONTEXT = {
    "ceasn": "http://purl.org/ctdlasn/terms/",
    "ceterms": "http://purl.org/ctdl/terms/",
    **{
        f"ceasn:{term}": {"@id": f"ceasn:{term}", "@container": "@language"}
        for term in ("name", "description", "competencyText", "comment")
    },
}
"""The two namespaces and the language-map terms the hub uses, as the CTDL-ASN context defines them."""

pytestmark = pytest.mark.usefixtures("fixed_time")  # CLI and build write the same lastChange dates


# -- validators -----------------------------------------------------------------------------------------


def osmt_schemas(*, as_osmt_writes: bool) -> dict[str, Any]:
    spec = yaml.safe_load(standard("rsd-osmt/openapi-v3.yaml").read_text(encoding="utf-8"))
    schemas = json.loads(json.dumps(spec["components"]["schemas"]))
    if as_osmt_writes:
        for name in ("Skill", "Collection"):
            schemas[name]["required"] = ["@context" if r == "context" else r for r in schemas[name]["required"]]
        schemas["PublishStatus"]["enum"] = [value.lower() for value in schemas["PublishStatus"]["enum"]]
        keyword = schemas["KeywordCount"]["properties"]["keyword"]
        keyword["anyOf"] = keyword.pop("oneOf")
    return schemas


@cache
def osmt_validator(name: str, as_osmt_writes: bool = True) -> Draft202012Validator:
    """A schema of OSMT's OpenAPI 3.1 components (JSON Schema 2020-12), its $refs resolved in the components."""
    document = {"components": {"schemas": osmt_schemas(as_osmt_writes=as_osmt_writes)}}
    registry = Registry().with_resource("urn:osmt", Resource.from_contents(document, default_specification=DRAFT202012))
    return Draft202012Validator(
        {"$ref": f"urn:osmt#/components/schemas/{name}"}, registry=registry, format_checker=format_checker()
    )


@cache
def ctdl_validator(node_type: str) -> Draft4Validator:
    name = {"ceasn:CompetencyFramework": "competency_framework", "ceasn:Competency": "competency"}[node_type]
    return Draft4Validator(load(f"ctdl-asn/schema/ce_registry-{name}.json"), format_checker=format_checker())


def read(files: dict[str, bytes], rel: str) -> Any:
    return json.loads(files[rel])


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """`competency-hub export --format rsd` and `--format ctdl-asn` of the starter hub, in this process."""
    from hub import main

    out = tmp_path_factory.mktemp("starter-exports")
    for fmt in ("rsd", "ctdl-asn"):
        assert main(["export", str(REPO), "--out", str(out), "--format", fmt]) == 0
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def rsd_files(files: dict[str, bytes]) -> list[str]:
    return [name for name in files if name.startswith("rsd/")]


# -- RSD -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("map_id", STARTER_MAPS)
def test_every_starter_rsd_and_collection_pass_the_osmt_schemas(starter: dict[str, bytes], map_id: str) -> None:
    source = yaml.safe_load((REPO / "maps" / f"{map_id}.yml").read_text(encoding="utf-8"))
    collection = read(starter, f"rsd/{map_id}.json")
    assert errors(osmt_validator("Collection"), collection) == []
    assert collection["type"] == "RichSkillCollection" and collection["@context"] == RSD_CONTEXT
    assert collection["name"] == source["title"]
    assert [s["skillName"] for s in collection["skills"]] == [c["title"] for c in source["capabilities"]]
    for capability in source["capabilities"]:
        rsd = read(starter, f"rsd/{map_id}/{capability['id']}.json")
        assert errors(osmt_validator("Skill"), rsd) == [], capability["id"]
        assert rsd["type"] == "RichSkillDescriptor" and rsd["@context"] == RSD_CONTEXT
        assert rsd["skillName"] == capability["title"]
        assert rsd["uuid"] == Ids().of(Ids.capability_path(map_id, capability["id"]))  # its CASE item identifier
        assert rsd["id"] == f"https://competency-hub.invalid/exports/rsd/{map_id}/{capability['id']}.json"
        assert rsd["collections"] == [{"uuid": collection["uuid"], "name": source["title"]}]
        assert rsd["status"] == ("archived" if capability.get("status") == "retired" else "published")
        summary = next(s for s in collection["skills"] if s["uuid"] == rsd["uuid"])
        assert summary["id"] == rsd["id"] and summary["status"] == rsd["status"]


def test_the_unchanged_osmt_schema_reports_only_the_three_points_the_hub_reads_as_osmt_writes(starter: dict[str, bytes]) -> None:
    """Nothing else is hidden by the adaptations: `context` required, the capitalised status enum, `oneOf` keywords."""
    for name in rsd_files(starter):
        document = read(starter, name)
        schema = "Collection" if document["type"] == "RichSkillCollection" else "Skill"
        for problem in errors(osmt_validator(schema, as_osmt_writes=False), document):
            assert (
                problem == ": 'context' is a required property"
                or ("status: " in problem and "is not one of ['Unarchived', 'Deleted', 'Workspace', 'Published'" in problem)
                or (problem.startswith("skillKeywords/Alignment/") and "is valid under each of" in problem)
            ), f"{name}: {problem}"
    collection_example = load("rsd-osmt/examples/api-v3-collection-get.json")
    assert any(
        "is valid under each of" in e for e in errors(osmt_validator("KeywordCount", as_osmt_writes=False), collection_example["skillKeywords"]["Alignment"][0])
    )
    skill_example = load("rsd-osmt/examples/api-v3-skill-get.json")
    assert skill_example["status"] == "published" and "@context" in skill_example and "context" not in skill_example


def test_a_schema_violation_is_reported(starter: dict[str, bytes]) -> None:
    rsd = read(starter, next(n for n in rsd_files(starter) if n.count("/") == 2))
    rsd["status"] = "active"
    rsd["uuid"] = "not-a-uuid"
    del rsd["skillStatement"]
    found = errors(osmt_validator("Skill"), rsd)
    assert any(e.startswith("status:") for e in found)
    assert any(e.startswith("uuid:") for e in found)
    assert any("'skillStatement' is a required property" in e for e in found)


def test_rsd_keys_are_those_of_osmts_own_answers(starter: dict[str, bytes]) -> None:
    """The RSD context cannot be loaded (it is not published), so JSON-LD expansion cannot be checked: the
    structure is compared with what OSMT returns for a skill and a collection instead."""
    skill_keys = set(load("rsd-osmt/examples/api-v3-skill-get.json"))
    collection_example = load("rsd-osmt/examples/api-v3-collection-get.json")
    for name in rsd_files(starter):
        document = read(starter, name)
        expected = set(collection_example) if document["type"] == "RichSkillCollection" else skill_keys
        assert set(document) <= expected, (name, set(document) - expected)
        # `owner` (an OSMT user account, empty in the example) is not in OSMT's Collection schema: left out
        assert expected - set(document) <= {"publishDate", "archiveDate", "owner"}, name
        if document["type"] == "RichSkillCollection":
            assert set(document["skillKeywords"]) <= set(collection_example["skillKeywords"]) | {"Author"}
            for summary in document["skills"]:
                assert set(summary) <= set(collection_example["skills"][0]) | {"categories"}


def test_alignments_carry_the_case_item_and_every_taxonomy_entry(starter: dict[str, bytes]) -> None:
    seen = 0
    for map_id in STARTER_MAPS:
        source = yaml.safe_load((REPO / "maps" / f"{map_id}.yml").read_text(encoding="utf-8"))
        for capability in source["capabilities"]:
            rsd = read(starter, f"rsd/{map_id}/{capability['id']}.json")
            own, *taxonomy = rsd["alignments"]
            assert own["id"] == f"https://competency-hub.invalid/exports/case/{map_id}/items/{rsd['uuid']}.json"
            assert own["isPartOf"]["id"].endswith(f"/exports/case/{map_id}.json")
            assert len(taxonomy) == len(capability.get("alignments", []))
            for entry, alignment in zip(capability.get("alignments", []), taxonomy):
                assert alignment["id"].startswith(("https://", "http://data.europa.eu/esco/"))
                assert alignment["isPartOf"]["name"]
                if entry.get("name"):
                    assert alignment["skillName"].startswith(entry["name"])  # SFIA adds the level
                seen += 1
            onet = [a for a in capability.get("alignments", []) if a["scheme"] == "onet"]
            assert [o["code"] for o in rsd["occupations"]] == [a["code"] for a in onet]
    assert seen  # the starter maps align some capabilities


def test_a_retired_capability_is_archived(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_hub(tmp_path)
    edit(root, "maps/billing.yml", "  - id: refunds\n", "  - id: refunds\n    status: retired\n    replaced_by: support/replies\n")
    files = export(capsys, root, tmp_path / "out", "--format", "rsd")
    rsd = json.loads(files["rsd/billing/refunds.json"])
    assert rsd["status"] == "archived" and "archiveDate" in rsd and "publishDate" not in rsd
    assert errors(osmt_validator("Skill"), rsd) == []
    collection = json.loads(files["rsd/billing.json"])
    assert next(s for s in collection["skills"] if s["uuid"] == rsd["uuid"])["status"] == "archived"
    assert collection["status"] == "published"
    assert json.loads(files["rsd/support/triage.json"])["status"] == "published"
    ctdl = json.loads(export(capsys, root, tmp_path / "ctdl", "--format", "ctdl-asn")["ctdl-asn/billing.json"])
    refunds = next(n for n in ctdl["@graph"] if n.get("ceasn:codedNotation") == "refunds")
    assert "Retired" in refunds["ceasn:comment"]["en"]


def test_a_renamed_capability_keeps_its_old_rsd_address(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The old address serves the same descriptor, whose `id` is the new one (docs/reference/urls.md)."""
    root = copy_hub(tmp_path)
    rename_capability(root)
    files = export(capsys, root, tmp_path / "out", "--format", "rsd")
    assert files["rsd/support/replies.json"] == files["rsd/support/customer-replies.json"]
    rsd = json.loads(files["rsd/support/replies.json"])
    assert rsd["id"].endswith("/exports/rsd/support/customer-replies.json")
    collection = json.loads(files["rsd/support.json"])
    assert [s["id"] for s in collection["skills"]].count(rsd["id"]) == 1  # listed once, by its new address


# -- CTDL-ASN ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("map_id", STARTER_MAPS)
def test_every_ctdl_asn_node_passes_the_registry_schemas(starter: dict[str, bytes], map_id: str) -> None:
    source = yaml.safe_load((REPO / "maps" / f"{map_id}.yml").read_text(encoding="utf-8"))
    graph = read(starter, f"ctdl-asn/{map_id}.json")
    assert graph["@context"] == "https://credreg.net/ctdlasn/schema/context/json"
    assert graph["@id"] == f"https://competency-hub.invalid/exports/ctdl-asn/{map_id}.json"
    problems = []
    for node in graph["@graph"]:
        problems += [f"{node['@id']}: {e}" for e in errors(ctdl_validator(node["@type"]), node)]
    assert problems == []
    framework, *competencies = graph["@graph"]
    assert framework["@type"] == "ceasn:CompetencyFramework" and framework["ceasn:name"] == {"en": source["title"]}
    assert framework["ceterms:ctid"] == f"ce-{Ids().of(map_id)}"
    by_id = {node["@id"]: node for node in competencies}
    assert len(by_id) == len(competencies) and all(n["@type"] == "ceasn:Competency" for n in competencies)
    tops = [by_id[i] for i in framework["ceasn:hasTopChild"]]
    assert [t["ceasn:competencyText"]["en"] for t in tops] == [c["title"] for c in source["capabilities"]]
    behaviours = sum(len(b) for c in source["capabilities"] for b in c["behaviours"].values())
    assert len(competencies) == len(tops) + behaviours
    for top in tops:
        assert top["ceasn:isTopChildOf"] == framework["@id"]
        for child in top["ceasn:hasChild"]:
            assert by_id[child]["ceasn:isChildOf"] == [top["@id"]]
            assert by_id[child]["ceasn:comment"]["en"].startswith("Level: ")
    for node in competencies:
        assert node["ceasn:isPartOf"] == [framework["@id"]]
        assert node["ceterms:ctid"].startswith("ce-") and node["@id"].endswith("#" + node["ceterms:ctid"])


def test_ctdl_asn_carries_alignments_and_references(starter: dict[str, bytes]) -> None:
    exact = related = prerequisites = 0
    for map_id in STARTER_MAPS:
        source = yaml.safe_load((REPO / "maps" / f"{map_id}.yml").read_text(encoding="utf-8"))
        nodes = {n.get("ceasn:codedNotation"): n for n in read(starter, f"ctdl-asn/{map_id}.json")["@graph"][1:]}
        for capability in source["capabilities"]:
            node = nodes[capability["id"]]
            entries = capability.get("alignments", [])
            assert len(node.get("ceasn:exactAlignment", [])) == sum(1 for a in entries if a.get("match") == "exact")
            assert len(node.get("ceasn:majorAlignment", [])) == sum(1 for a in entries if a.get("match", "related") != "exact")
            exact += len(node.get("ceasn:exactAlignment", []))
            related += len(node.get("ceasn:majorAlignment", []))
            prerequisites += len(node.get("ceasn:prerequisiteAlignment", []))
            assert node["ceasn:identifier"] == [
                f"https://competency-hub.invalid/exports/case/{map_id}/items/{Ids().of(Ids.capability_path(map_id, capability['id']))}.json"
            ]
    assert exact + related and prerequisites


def test_ctdl_asn_expansion_drops_no_term(starter: dict[str, bytes]) -> None:
    """The CTDL-ASN context is not kept offline: expanded with its two namespace prefixes (and the
    language maps as such), every property survives: each is a `ceasn:`/`ceterms:` term."""
    from pyld import jsonld

    def dropped(document: dict[str, Any]) -> list[str]:
        found: list[str] = []
        local = {**document, "@context": CTDL_LOCAL_CONTEXT}
        jsonld.expand(local, {"documentLoader": _no_loading}, on_property_dropped=found.append)
        return found

    for map_id in STARTER_MAPS:
        document = read(starter, f"ctdl-asn/{map_id}.json")
        assert all(k.startswith(("@", "ceasn:", "ceterms:")) for n in document["@graph"] for k in n)
        assert dropped(document) == []
    document["@graph"][1]["skillColour"] = "blue"
    assert dropped(document) == ["skillColour"]


def _no_loading(url: str, options: Any = None) -> dict[str, Any]:
    raise AssertionError(f"nothing is fetched: {url}")


# -- reproducible, published, and the CLI's bytes ------------------------------------------------------


def test_two_exports_are_byte_identical(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_hub(tmp_path)
    first = export(capsys, root, tmp_path / "one", "--format", "rsd")
    second = export(capsys, root, tmp_path / "two", "--format", "rsd")
    assert first == second and len(first) > 3
    assert export(capsys, root, tmp_path / "c1", "--format", "ctdl-asn") == export(
        capsys, root, tmp_path / "c2", "--format", "ctdl-asn"
    )


@pytest.mark.build
def test_the_site_publishes_the_files_the_cli_writes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_hub(tmp_path)
    result = build(root)
    assert result.returncode == 0, result.output
    cli = export(capsys, root, tmp_path / "cli", "--format", "rsd") | export(capsys, root, tmp_path / "cli2", "--format", "ctdl-asn")
    published = {
        p.relative_to(result.site / "exports").as_posix(): p.read_bytes()
        for folder in ("rsd", "ctdl-asn")
        for p in sorted((result.site / "exports" / folder).rglob("*"))
        if p.is_file()
    }
    assert published == cli
    assert {"rsd/support.json", "rsd/support/triage.json", "ctdl-asn/support.json", "ctdl-asn/billing.json"} <= set(published)
    main = content(page(result.site, "exports/"))
    hrefs = {a["href"] for a in main.find_all("a", href=True)}
    for expected in ("rsd/support.json", "rsd/billing.json", "ctdl-asn/support.json", "ctdl-asn/billing.json"):
        assert any(h.endswith(expected) for h in hrefs), expected
    assert main.find(id="skills-registries") is not None
    assert broken_links(result.site, [result.site / "exports" / "index.html"]) == []
