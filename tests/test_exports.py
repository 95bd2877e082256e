"""The exports of real `mkdocs build` output, checked with the official schemas and contexts.

The starter hub's exports (its session build) are validated file by file: every CASE package and
per-object file against the CASE 1.1 JSON Schemas, every Open Badges document against the OB 3.0
schema and through JSON-LD expansion, the Moodle CSV against the column layout Moodle reads, and
hub.json against its own schema. Builds of the small fixture hub check addresses, reproducibility,
options and the Data page.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from hub import REPO, BuildResult, broken_links, build, content, copy_hub, edit, page
from jsonschema import Draft202012Validator
from standards import (
    case_validator,
    dropped_terms,
    errors,
    format_checker,
    openbadges_validator,
)

from competency_hub.exports.moodle import HEADERS

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
TAXONOMY_TYPES = {"ext:ESCOSkill", "ext:ESCOOccupation", "ext:ONETOccupation", "ext:LightcastSkill", "ext:SFIASkillLevel"}
STARTER_MAPS = sorted(p.stem for p in (REPO / "maps").glob("*.yml"))


@pytest.fixture(scope="session")
def starter_site(starter_build: BuildResult) -> Path:
    assert starter_build.returncode == 0, starter_build.output
    return starter_build.site


def exported(site: Path, pattern: str) -> list[Path]:
    found = sorted((site / "exports").glob(pattern))
    assert found, f"no exports/{pattern} in {site}"
    return found


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def case_kind(path: Path) -> tuple[str, str | None]:
    """The CASE schema (endpoint, $defs entry) a per-object file must pass, from its folder."""
    return {
        "documents": ("getcfdocument", None),
        "items": ("getcfitem", None),
        "associations": ("getcfassociation", None),
        "rubrics": ("getcfrubric", None),
        "criteria": ("getcfrubric", "CFRubricCriterionDType"),
        "criterion-levels": ("getcfrubric", "CFRubricCriterionLevelDType"),
        "item-types": ("getcfitemtype", None),
    }[path.parent.name]


# -- CASE 1.1 -----------------------------------------------------------------------------------------


def test_format_checking_is_real() -> None:
    """The package schema checks uri and date-time formats; a checker that ignores them would hide errors."""
    checker = format_checker()
    assert not checker.conforms("not a uri", "uri")
    assert not checker.conforms("2026-11-26T10:00:00", "date-time")  # no time zone
    assert checker.conforms("2026-11-26T10:00:00Z", "date-time")


@pytest.mark.build
@pytest.mark.parametrize("map_id", STARTER_MAPS)
def test_case_package_of_every_starter_map_passes_the_official_schema(starter_site: Path, map_id: str) -> None:
    package = read_json(starter_site / "exports" / "case" / f"{map_id}.json")
    assert errors(case_validator("getcfpackage"), package) == []
    source = yaml.safe_load((REPO / "maps" / f"{map_id}.yml").read_text(encoding="utf-8"))
    statements = [item["fullStatement"] for item in package["CFItems"]]
    for capability in source["capabilities"]:
        assert capability["title"] in statements
        for behaviours in capability["behaviours"].values():
            assert all(b["text"] in statements for b in behaviours)
    assert len(package["CFRubrics"]) == len(source["capabilities"])
    levels = [level["name"] for level in source["scale"]]
    for rubric in package["CFRubrics"]:
        for criterion in rubric["CFRubricCriteria"]:
            assert [lvl["quality"] for lvl in criterion["CFRubricCriterionLevels"]] == levels
    kinds = {a["associationType"] for a in package["CFAssociations"]}
    assert {"isChildOf", "precedes", "isRelatedTo", "hasSkillLevel"} <= kinds


@pytest.mark.build
def test_a_schema_violation_is_reported(starter_site: Path) -> None:
    """The validator does fail: an extra field, a time without zone, an upper-case identifier."""
    package = read_json(exported(starter_site, "case/*.json")[0])
    package["CFDocument"]["colour"] = "blue"
    package["CFItems"][0]["lastChangeDateTime"] = "2026-11-26T10:00:00"
    package["CFItems"][1]["identifier"] = package["CFItems"][1]["identifier"].upper()
    found = errors(case_validator("getcfpackage"), package)
    assert any("colour" in e for e in found)
    assert any("date-time" in e for e in found)
    assert any(e.startswith("CFItems/1/identifier") for e in found)


@pytest.mark.build
def test_every_case_object_file_passes_its_schema(starter_site: Path) -> None:
    files = exported(starter_site, "case/**/*.json")
    objects = [p for p in files if p.parent.name in {"documents", "items", "associations", "rubrics", "criteria", "criterion-levels", "item-types"}]
    assert len(objects) > 1000
    problems = []
    for path in objects:
        endpoint, definition = case_kind(path)
        problems += [f"{path.relative_to(starter_site)}: {e}" for e in errors(case_validator(endpoint, definition), read_json(path))]
    assert problems == []


@pytest.mark.build
def test_identifiers_are_lowercase_uuid5_and_each_uri_names_its_own_file(starter_site: Path) -> None:
    for package_path in exported(starter_site, "case/*.json"):
        package = read_json(package_path)
        objects = [package["CFDocument"], *package["CFItems"], *package["CFAssociations"], *package["CFDefinitions"]["CFItemTypes"]]
        for rubric in package["CFRubrics"]:
            objects.append(rubric)
            for criterion in rubric["CFRubricCriteria"]:
                objects += [criterion, *criterion["CFRubricCriterionLevels"]]
        identifiers = [o["identifier"] for o in objects]
        assert all(UUID.match(i) for i in identifiers)
        assert len(set(identifiers)) == len(identifiers)
        for obj in objects:
            # Without site_url the URIs use the reserved placeholder host; the path is the file's.
            assert obj["uri"].startswith("https://competency-hub.invalid/exports/case/")
            rel = obj["uri"].removeprefix("https://competency-hub.invalid/")
            assert (starter_site / rel).is_file(), rel
            assert obj["identifier"] in rel
            assert re.search(r"Z$", obj["lastChangeDateTime"])


@pytest.mark.build
def test_case_uris_follow_site_url_and_exports_base_url(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    edit(root, "mkdocs.yml", "site_name: Test hub", "site_name: Test hub\nsite_url: https://learning.example.org/hub/")
    result = build(root)
    assert result.returncode == 0, result.output
    package = read_json(result.site / "exports" / "case" / "support.json")
    for item in package["CFItems"]:
        rel = item["uri"].removeprefix("https://learning.example.org/hub/")
        assert rel != item["uri"] and (result.site / rel).is_file()
    assert package["CFDocument"]["officialSourceURL"] == "https://learning.example.org/hub/maps/support/"
    badge = read_json(result.site / "exports" / "openbadges" / "paths" / "first-week.jsonld")
    assert badge["id"] == "https://learning.example.org/hub/exports/openbadges/paths/first-week.jsonld"
    assert badge["criteria"]["id"] == "https://learning.example.org/hub/paths/first-week/"
    assert "(https://learning.example.org/hub/challenges/tag-ten-tickets/)" in badge["criteria"]["narrative"]
    assert errors(openbadges_validator("Achievement"), badge) == [] and dropped_terms(badge) == []
    issuer = read_json(result.site / "exports" / "openbadges" / "issuer.jsonld")
    assert issuer["url"] == "https://learning.example.org/hub/" and dropped_terms(issuer) == []
    assert errors(case_validator("getcfpackage"), package) == []

    edit(root, "mkdocs.yml", "  - competency-hub", "  - competency-hub:\n      exports_base_url: https://data.example.org/skills")
    result = build(root)
    assert result.returncode == 0, result.output
    package2 = read_json(result.site / "exports" / "case" / "support.json")
    assert package2["CFDocument"]["uri"].startswith("https://data.example.org/skills/exports/case/support/documents/")
    assert package2["CFDocument"]["identifier"] == package["CFDocument"]["identifier"]


@pytest.mark.build
def test_associations_carry_the_hierarchy_prerequisites_and_related_capabilities(site: Path) -> None:
    package = read_json(site / "exports" / "case" / "support.json")
    by_id = {i["identifier"]: i for i in package["CFItems"]}
    by_id[package["CFDocument"]["identifier"]] = {"humanCodingScheme": "(document)", "CFItemType": "Document"}

    def code(link: dict) -> str:
        return by_id[link["identifier"]]["humanCodingScheme"] if link["identifier"] in by_id else link["title"]

    pairs = {(a["associationType"], code(a["originNodeURI"]), code(a["destinationNodeURI"])) for a in package["CFAssociations"]}
    assert ("isChildOf", "triage", "(document)") in pairs
    assert ("isChildOf", "triage-tags", "triage") in pairs
    assert ("hasSkillLevel", "triage-tags", "assisted") in pairs
    assert ("precedes", "triage", "replies") in pairs  # replies lists triage as a prerequisite
    assert ("precedes", "triage-tags", "triage-priority") in pairs  # builds_on
    related = [a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo"]
    assert len(related) == 1 and related[0]["destinationNodeURI"]["title"] == "Refunds"
    billing = read_json(site / "exports" / "case" / "billing.json")
    refunds = next(i for i in billing["CFItems"] if i["humanCodingScheme"] == "refunds")
    assert related[0]["destinationNodeURI"]["identifier"] == refunds["identifier"]  # across packages


# -- Open Badges 3.0 ---------------------------------------------------------------------------------


@pytest.mark.build
def test_every_achievement_passes_the_open_badges_schema_and_keeps_every_term(starter_site: Path) -> None:
    badges = exported(starter_site, "openbadges/paths/**/*.jsonld")
    source_paths = [p for m in STARTER_MAPS for p in yaml.safe_load((REPO / "maps" / f"{m}.yml").read_text())["paths"]]
    mandatory = sum(1 for p in source_paths for m in p.get("milestones", []) if m.get("mandatory"))
    assert len(badges) == len(source_paths) + mandatory
    problems = []
    taxonomy_alignments = 0
    for path in badges:
        achievement = read_json(path)
        problems += [f"{path.name}: {e}" for e in errors(openbadges_validator("Achievement"), achievement)]
        problems += [f"{path.name}: dropped {term}" for term in dropped_terms(achievement)]
        assert achievement["achievementType"] in ("LearningProgram", "Competency")
        assert achievement["criteria"]["narrative"]
        # the hub's own CASE items and rubrics (CF… types) come first; a capability's taxonomy alignments
        # (docs/guide/authoring-maps.md) follow, each with its ext: type and the entry's public page
        hub_own = [a for a in achievement["alignment"] if not a["targetType"].startswith("ext:")]
        assert hub_own and all(a["targetType"].startswith("CF") for a in hub_own)
        assert achievement["alignment"][: len(hub_own)] == hub_own
        for a in achievement["alignment"][len(hub_own) :]:
            assert a["targetType"] in TAXONOMY_TYPES and a["targetUrl"].startswith(("https://", "http://data.europa.eu/esco/"))
            taxonomy_alignments += 1
    assert taxonomy_alignments  # the starter maps align some capabilities (O*NET-SOC, SFIA)
    assert problems == []


@pytest.mark.build
def test_issuer_profile_passes_the_schema_and_keeps_every_term(starter_site: Path) -> None:
    issuer = read_json(starter_site / "exports" / "openbadges" / "issuer.jsonld")
    assert errors(openbadges_validator("Profile"), issuer) == []
    assert dropped_terms(issuer) == []
    assert issuer["name"] == "Northwind Learning Hub"


@pytest.mark.build
def test_an_undefined_term_is_caught(starter_site: Path) -> None:
    """JSON-LD drops terms no context defines, silently; the check must notice."""
    achievement = read_json(exported(starter_site, "openbadges/paths/*.jsonld")[0])
    achievement["skillLevel"] = "expert"
    achievement["alignment"][0]["frameworkColour"] = "blue"
    assert len(dropped_terms(achievement)) >= 2


@pytest.mark.build
def test_milestone_achievement_results_are_the_rubric_levels(site: Path) -> None:
    achievement = read_json(site / "exports" / "openbadges" / "paths" / "first-week" / "triage-reviewed.jsonld")
    [result] = achievement["resultDescription"]
    assert result["resultType"] == "RubricCriterionLevel"
    assert [lvl["name"] for lvl in result["rubricCriterionLevel"]] == ["Assisted", "Independent", "Expert"]
    assert result["requiredLevel"].endswith("--independent")
    assert result["requiredLevel"] in {lvl["id"] for lvl in result["rubricCriterionLevel"]}
    assert result["rubricCriterionLevel"][1]["description"] == "10 of 10 right, priority reasons given."
    targets = [a["targetType"] for a in achievement["alignment"]]
    assert targets[0] == "CFItem" and "CFRubric" in targets
    # Only mandatory milestones get an achievement of their own.
    assert not (site / "exports" / "openbadges" / "paths" / "first-week" / "first-reply-reviewed.jsonld").exists()


# -- Moodle ------------------------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("map_id", STARTER_MAPS)
def test_moodle_csv_has_moodles_columns_framework_first_and_the_scale(starter_site: Path, map_id: str) -> None:
    raw = (starter_site / "exports" / "moodle" / f"{map_id}.csv").read_bytes()
    assert b"\r\n" in raw and not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows[0] == HEADERS
    source = yaml.safe_load((REPO / "maps" / f"{map_id}.yml").read_text(encoding="utf-8"))
    framework = dict(zip(HEADERS, rows[1]))
    assert framework["Is framework"] == "1" and framework["Id number"] == map_id
    assert framework["Scale values"].split(",") == [level["name"] for level in source["scale"]]
    config = json.loads(framework["Scale configuration"])
    assert len(config) == len(source["scale"]) + 1 and sum(c["scaledefault"] for c in config[1:]) == 1
    competencies = [dict(zip(HEADERS, row)) for row in rows[2:]]
    ids = {c["Id number"] for c in competencies}
    assert len(ids) == len(competencies)
    assert all(len(row) == len(HEADERS) for row in rows)
    for competency in competencies:
        assert competency["Parent id number"] in ids | {""}
        assert all(ref in ids for ref in filter(None, competency["Cross referenced competency id numbers"].split(",")))
    capabilities = [c for c in competencies if not c["Parent id number"]]
    assert [c["Id number"] for c in capabilities] == [c["id"] for c in source["capabilities"]]


@pytest.mark.build
def test_moodle_writes_a_comma_in_a_level_name_so_the_scale_keeps_its_length(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    edit(root, "maps/support.yml", "name: Independent", "name: Independent, alone")
    result = build(root)
    assert result.returncode == 0, result.output
    assert "Moodle CSV: level name 'Independent, alone' holds a comma" in result.output
    rows = list(csv.reader(io.StringIO((result.site / "exports" / "moodle" / "support.csv").read_text(encoding="utf-8"))))
    assert len(rows[1][5].split(",")) == 3


# -- hub.json ----------------------------------------------------------------------------------------


@pytest.mark.build
def test_hub_json_passes_its_schema_and_holds_the_content(starter_site: Path) -> None:
    data = read_json(starter_site / "exports" / "hub.json")
    schema = read_json(starter_site / "exports" / "hub.schema.json")
    Draft202012Validator.check_schema(schema)
    assert errors(Draft202012Validator(schema, format_checker=format_checker()), data) == []
    assert [m["id"] for m in data["maps"]] == STARTER_MAPS
    coaching = yaml.safe_load((REPO / "maps" / "coaching.yml").read_text(encoding="utf-8"))
    exported_map = data["maps"][0]["map"]
    assert exported_map["title"] == coaching["title"]
    assert [c["id"] for c in exported_map["capabilities"]] == [c["id"] for c in coaching["capabilities"]]
    challenges = sorted(p.stem for p in (REPO / "challenges").glob("*.md"))
    assert [c["id"] for c in data["challenges"]] == challenges
    for record in data["maps"]:
        for kind, download in record["downloads"].items():
            assert (starter_site / download).is_file(), (kind, download)  # every download hub.json lists is published
        assert set(record["downloads"]) == {"case", "moodle", "csv", "rsd", "ctdl_asn"}
    for record in data["paths"]:
        assert (starter_site / record["achievement"]).is_file()


@pytest.mark.build
def test_the_map_schemas_also_validate_hub_json_maps(starter_site: Path) -> None:
    data = read_json(starter_site / "exports" / "hub.json")
    schema = read_json(starter_site / "schemas" / "map.schema.json")
    validator = Draft202012Validator(schema)
    assert [e for m in data["maps"] for e in errors(validator, m["map"])] == []


# -- reproducibility and stable identifiers -------------------------------------------------------------


def exports_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "exports").rglob("*")) if p.is_file() and p.suffix != ".html"}


@pytest.mark.build
def test_two_builds_give_byte_identical_exports(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    first = build(root, tmp_path / "one")
    second = build(root, tmp_path / "two")
    assert first.returncode == second.returncode == 0
    one, two = exports_of(first.site), exports_of(second.site)
    assert one.keys() == two.keys() and len(one) > 50
    assert [name for name in one if one[name] != two[name]] == []


@pytest.mark.build
def test_source_date_epoch_sets_last_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_hub(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    result = build(root)
    assert result.returncode == 0, result.output
    package = read_json(result.site / "exports" / "case" / "support.json")
    assert {i["lastChangeDateTime"] for i in package["CFItems"]} == {"2026-01-01T00:00:00Z"}


@pytest.mark.build
def test_last_change_is_the_map_files_last_commit(starter_site: Path) -> None:
    for map_id in STARTER_MAPS:
        rel = f"maps/{map_id}.yml"
        status = subprocess.run(["git", "status", "--porcelain", "--", rel], cwd=REPO, capture_output=True, text=True)
        when = subprocess.run(["git", "log", "-1", "--format=%ct", "--", rel], cwd=REPO, capture_output=True, text=True)
        if status.returncode or status.stdout.strip() or not when.stdout.strip() or os.environ.get("SOURCE_DATE_EPOCH"):
            pytest.skip(f"{rel} is not committed and clean here, so its commit time is not what the build uses")
        from competency_hub.clock import rfc3339

        package = read_json(starter_site / "exports" / "case" / f"{map_id}.json")
        assert package["CFDocument"]["lastChangeDateTime"] == rfc3339(int(when.stdout))


def identifiers_by_code(package: dict) -> dict[str, str]:
    found = {"(document)": package["CFDocument"]["identifier"]}
    found |= {f"{i['CFItemType']}:{i['humanCodingScheme']}": i["identifier"] for i in package["CFItems"]}
    for rubric in package["CFRubrics"]:
        found[f"rubric:{rubric['extensions']['competencyhub:capability']}"] = rubric["identifier"]
        for c in rubric["CFRubricCriteria"]:
            found[f"criterion:{c['extensions']['competencyhub:evidence']}/{c['extensions']['competencyhub:id']}"] = c["identifier"]
    return found


@pytest.mark.build
def test_identifiers_survive_reordering_the_yaml(tmp_path: Path, site: Path) -> None:
    """Ids come from ids, never from positions: moving capabilities, levels' behaviours and keys changes none."""
    root = copy_hub(tmp_path)
    path = root / "maps" / "support.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["capabilities"].reverse()
    triage = next(c for c in data["capabilities"] if c["id"] == "triage")
    triage["behaviours"]["expert"].reverse()
    reordered = {key: data[key] for key in reversed(list(data))}
    path.write_text(yaml.safe_dump(reordered, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.output
    before = identifiers_by_code(read_json(site / "exports" / "case" / "support.json"))
    after = identifiers_by_code(read_json(result.site / "exports" / "case" / "support.json"))
    assert after == before
    associations = lambda p: {a["identifier"] for a in read_json(p)["CFAssociations"]}  # noqa: E731
    assert associations(result.site / "exports/case/support.json") == associations(site / "exports/case/support.json")


def test_identifiers_do_not_change_between_releases() -> None:
    """The namespace is a promise: these values are published, so they must never change."""
    from competency_hub.exports.ids import Ids

    assert Ids().of("support") == "ca1ce2da-5e66-5041-b46a-084d0ad68e82"
    assert Ids().of(Ids.capability_path("support", "triage")) == "31fe1bf0-2e52-5bce-945a-4afe516c36df"
    assert Ids("northwind.example").of("support") != Ids().of("support")


# -- the site ------------------------------------------------------------------------------------------


@pytest.mark.build
def test_data_page_lists_every_download_and_is_in_the_navigation(site: Path) -> None:
    soup = page(site, "exports/")
    main = content(soup)
    hrefs = {a["href"] for a in main.find_all("a", href=True)}
    for expected in ("case/support.json", "case/billing.json", "moodle/support.csv", "hub.json", "openbadges/issuer.jsonld"):
        assert any(h.endswith(expected) for h in hrefs), expected
    assert main.find(id="map-support") is not None
    nav = soup.select_one("nav.md-nav--primary")
    assert any(a.get_text(strip=True) == "Data" for a in nav.find_all("a"))
    assert broken_links(site, [site / "exports" / "index.html"]) == []


@pytest.mark.build
def test_map_page_links_to_its_downloads(site: Path) -> None:
    link = next(a for a in content(page(site, "maps/support/")).find_all("a") if a.get_text(strip=True) == "Download this map")
    assert link["href"] == "../../exports/#map-support"
    assert broken_links(site, [site / "maps" / "support" / "index.html"]) == []


@pytest.mark.build
def test_exports_can_be_turned_off(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    edit(root, "mkdocs.yml", "  - competency-hub", "  - competency-hub:\n      exports: false")
    result = build(root)
    assert result.returncode == 0, result.output
    assert not (result.site / "exports").exists()
    assert "Download this map" not in content(page(result.site, "maps/support/")).get_text()


@pytest.mark.build
def test_a_docs_file_in_the_way_of_an_export_is_an_error(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    (root / "docs" / "exports").mkdir(parents=True)
    (root / "docs" / "exports" / "hub.json").write_text("{}", encoding="utf-8")
    result = build(root)
    assert result.returncode != 0
    assert "docs/exports/hub.json would replace a generated file of the hub" in result.output



def test_language_tags_are_normalised_for_open_badges() -> None:
    from competency_hub.exports.options import language_tag

    assert [language_tag(t) for t in ("en", "pt_br", "sr-latn", "zh-Hant-TW", None, "")] == [
        "en", "pt-BR", "sr-Latn", "zh-Hant-TW", "en", "en"
    ]
