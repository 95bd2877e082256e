"""Taxonomy alignments on capabilities (ESCO, O*NET-SOC, Lightcast, SFIA, other): checked at their lines,
shown on the capability page as plain links, and carried by the CASE, Open Badges and hub JSON exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hub import build, content, edit, export, imported, matching, page, validate, where
from jsonschema import Draft202012Validator
from standards import case_validator, dropped_terms, errors, format_checker, openbadges_validator

SUPPORT = "maps/support.yml"

ANCHOR = "    check_in:\n      - Which ticket was hardest to place this week?\n"
"""The end of capability 'triage' in the fixture: alignments go right after it."""

GOOD = """    alignments:
      - scheme: onet
        code: 43-4051.00
        name: Customer Service Representatives
      - scheme: esco
        uri: http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d
        match: related
      - scheme: lightcast
        code: KS1200364C9C1LK3V5Q1
      - scheme: sfia
        code: PROG
        level: 3
        match: exact
      - scheme: other
        framework_uri: https://example.org/frameworks/support
        framework_name: Example support framework
        code: SUP-1
"""


def align(hub: Path, yaml: str = GOOD) -> None:
    edit(hub, SUPPORT, ANCHOR, ANCHOR + yaml)


def only(lines: list[str], location: str, fragment: str) -> str:
    assert len(lines) == 1 and matching(lines, location, fragment), "\n".join(lines)
    return lines[0]


def test_every_scheme_is_accepted(hub: Path) -> None:
    align(hub)
    assert [line for line in validate(hub) if ": error: " in line] == []


def test_a_malformed_esco_uri_is_an_error_at_its_line(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: esco\n        uri: https://esco.ec.europa.eu/en/skill/python\n")
    line = only(validate(hub), where(hub, SUPPORT, "https://esco.ec"), "error: HUB133 capability 'triage': alignments[0].uri is not an ESCO URI")
    assert "http://data.europa.eu/esco/skill/<uuid>" in line


def test_a_malformed_soc_code_is_an_error_at_its_line(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: onet\n        code: '434051'\n")
    line = only(validate(hub), where(hub, SUPPORT, "'434051'"), "error: HUB133 capability 'triage': alignments[0].code is not an O*NET-SOC code")
    assert "NN-NNNN.NN" in line and "(got '434051')" in line


def test_a_malformed_lightcast_id_is_an_error_at_its_line(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: lightcast\n        code: python\n")
    only(validate(hub), where(hub, SUPPORT, "python"), "alignments[0].code is not a Lightcast skill id")


def test_an_unknown_scheme_lists_the_known_ones_with_did_you_mean(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: onetsoc\n        code: 43-4051.00\n")
    line = only(validate(hub), where(hub, SUPPORT, "onetsoc"), "error: HUB134 capability 'triage': alignments[0]: unknown scheme 'onetsoc'")
    assert line.endswith("(did you mean 'onet'? known schemes: esco, onet, lightcast, sfia, other)")


def test_an_unknown_scheme_far_from_any_lists_the_known_ones(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: bls\n        code: 43-4051.00\n")
    line = only(validate(hub), where(hub, SUPPORT, "bls"), "error: HUB134")
    assert line.endswith("(known schemes: esco, onet, lightcast, sfia, other)")


def test_a_missing_scheme_is_a_missing_field(hub: Path) -> None:
    align(hub, "    alignments:\n      - code: 43-4051.00\n")
    only(validate(hub), where(hub, SUPPORT, "code: 43-4051.00"), "error: HUB132 missing field 'scheme' in capability 'triage': alignments[0]")


@pytest.mark.parametrize("level", [0, 8])
def test_a_sfia_level_out_of_range_is_an_error_at_its_line(hub: Path, level: int) -> None:
    align(hub, f"    alignments:\n      - scheme: sfia\n        code: PROG\n        level: {level}\n")
    expected = "must be at least 1" if level == 0 else "must be at most 7"
    only(validate(hub), where(hub, SUPPORT, f"level: {level}", column=False), f"error: HUB133 capability 'triage': alignments[0].level {expected}")


def test_a_field_of_another_scheme_is_an_unknown_field_at_its_key(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: onet\n        code: 43-4051.00\n        level: 3\n")
    line = only(validate(hub), where(hub, SUPPORT, "level: 3"), "error: HUB131 unknown field 'level' in capability 'triage': alignments[0]")
    assert line.endswith("(allowed fields: scheme, match, name, code)")


def test_other_needs_a_code_or_a_uri(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: other\n        framework_uri: https://example.org/f\n")
    line = only(validate(hub), where(hub, SUPPORT, "scheme: other"), "error: HUB133 capability 'triage': alignments[0]: ")
    assert "needs 'code' or 'uri'" in line


def test_match_is_exact_or_related(hub: Path) -> None:
    align(hub, "    alignments:\n      - scheme: onet\n        code: 43-4051.00\n        match: close\n")
    only(validate(hub), where(hub, SUPPORT, "close"), "error: HUB133 capability 'triage': alignments[0].match must be one of: 'exact' or 'related'")


# -- exports ---------------------------------------------------------------------------------------


def aligned_exports(capsys: pytest.CaptureFixture[str], hub: Path, out: Path) -> dict[str, bytes]:
    align(hub)
    return export(capsys, hub, out)


def test_case_carries_each_alignment_as_an_association_and_stays_valid(capsys, hub: Path, tmp_path: Path) -> None:
    files = aligned_exports(capsys, hub, tmp_path / "out")
    package = json.loads(files["case/support.json"])
    assert errors(case_validator("getcfpackage"), package) == []
    triage = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "triage")
    external = [a for a in package["CFAssociations"] if a["destinationNodeURI"]["uri"].startswith(("http://data.europa", "https://www.onet", "https://lightcast", "https://sfia", "https://example.org/frameworks"))]
    assert [(a["associationType"], a["destinationNodeURI"]["uri"], a["destinationNodeURI"].get("targetType")) for a in external] == [
        ("isRelatedTo", "https://www.onetonline.org/link/summary/43-4051.00", "ext:ONETOccupation"),
        ("isRelatedTo", "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d", "ext:ESCOSkill"),
        ("isRelatedTo", "https://lightcast.io/open-skills/skills/KS1200364C9C1LK3V5Q1", "ext:LightcastSkill"),
        ("exactMatchOf", "https://sfia-online.org/en/skillcode/9/PROG", "ext:SFIASkillLevel"),
        ("isRelatedTo", "https://example.org/frameworks/support", None),
    ]
    assert all(a["originNodeURI"]["identifier"] == triage["identifier"] for a in external)
    assert external[0]["destinationNodeURI"]["title"] == "Customer Service Representatives"
    for association in external:  # each has its own object file, valid too
        name = f"case/support/associations/{association['identifier']}.json"
        assert errors(case_validator("getcfassociation"), json.loads(files[name])) == []


@pytest.mark.usefixtures("fixed_time")  # the imported file is new: pin its time to compare bytes
def test_case_round_trip_keeps_the_alignments(capsys, hub: Path, tmp_path: Path) -> None:
    first = aligned_exports(capsys, hub, tmp_path / "first")
    (hub / SUPPORT).unlink()
    status, _, err = imported(capsys, "case", tmp_path / "first" / "case" / "support.json", hub)
    assert status == 0, err
    assert "alignments:" in (hub / SUPPORT).read_text(encoding="utf-8")
    second = export(capsys, hub, tmp_path / "second")
    assert [name for name in first if name.startswith("case/support") and first[name] != second.get(name)] == []


def test_open_badges_milestone_and_path_achievements_carry_the_alignments(capsys, hub: Path, tmp_path: Path) -> None:
    files = aligned_exports(capsys, hub, tmp_path / "out")
    badges = {name: json.loads(data) for name, data in files.items() if name.startswith("openbadges/paths/")}
    for name, achievement in badges.items():
        assert errors(openbadges_validator("Achievement"), achievement) == [], name
        assert dropped_terms(achievement) == [], name
    path_badge = badges["openbadges/paths/first-week.jsonld"]
    external = [a for a in path_badge["alignment"] if not a.get("targetType", "").startswith("CF")]
    assert [(a["targetUrl"], a.get("targetCode"), a.get("targetType"), a["targetFramework"]) for a in external] == [
        ("https://www.onetonline.org/link/summary/43-4051.00", "43-4051.00", "ext:ONETOccupation", "O*NET-SOC"),
        ("http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d", None, "ext:ESCOSkill", "ESCO"),
        ("https://lightcast.io/open-skills/skills/KS1200364C9C1LK3V5Q1", "KS1200364C9C1LK3V5Q1", "ext:LightcastSkill", "Lightcast Open Skills"),
        ("https://sfia-online.org/en/skillcode/9/PROG", "PROG-3", "ext:SFIASkillLevel", "SFIA 9"),
        ("https://example.org/frameworks/support", "SUP-1", None, "Example support framework"),
    ]
    assert external[0]["targetName"] == "Customer Service Representatives"
    assert external[3]["targetDescription"] == "Exact match for the capability 'Ticket triage'."
    milestones = [b for name, b in badges.items() if name != "openbadges/paths/first-week.jsonld"]
    assert milestones and all(any(a in b["alignment"] for a in external) for b in milestones)  # each reviews triage


def test_hub_json_lists_the_alignments_with_their_pages(capsys, hub: Path, tmp_path: Path) -> None:
    files = aligned_exports(capsys, hub, tmp_path / "out")
    data = json.loads(files["hub.json"])
    schema = json.loads(files["hub.schema.json"])
    assert errors(Draft202012Validator(schema, format_checker=format_checker()), data) == []
    support = next(m for m in data["maps"] if m["id"] == "support")
    assert [(a["capability"], a["scheme"], a["match"], a["code"], a["url"]) for a in support["alignments"]][:2] == [
        ("triage", "onet", "related", "43-4051.00", "https://www.onetonline.org/link/summary/43-4051.00"),
        ("triage", "esco", "related", None, "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"),
    ]
    triage = next(c for c in support["map"]["capabilities"] if c["id"] == "triage")
    assert triage["alignments"][0] == {"scheme": "onet", "match": "related", "name": "Customer Service Representatives", "code": "43-4051.00"}


# -- the capability page ---------------------------------------------------------------------------


@pytest.mark.build
def test_the_capability_page_links_each_alignment_before_the_check_in_guide(hub: Path) -> None:
    align(hub)
    done = build(hub)
    assert done.returncode == 0, done.output
    article = content(page(done.site, "maps/support/triage/"))
    heading = article.find(id="alignments")
    assert heading is not None and heading.get_text(strip=True).startswith("Aligned with")
    items = article.select("ul.hub-alignments li")
    assert [(li["data-hub-alignment"], li["data-hub-match"], li.a["href"], li.a.get_text()) for li in items] == [
        ("onet", "related", "https://www.onetonline.org/link/summary/43-4051.00", "Customer Service Representatives"),
        ("esco", "related", "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d",
         "http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"),
        ("lightcast", "related", "https://lightcast.io/open-skills/skills/KS1200364C9C1LK3V5Q1", "KS1200364C9C1LK3V5Q1"),
        ("sfia", "exact", "https://sfia-online.org/en/skillcode/9/PROG", "PROG, level 3"),
        ("other", "related", "https://example.org/frameworks/support", "SUP-1"),
    ]
    assert "O*NET-SOC 43-4051.00, related" in items[0].get_text()
    assert items[3].get_text().endswith("SFIA 9, exact match")
    # plain links: nothing on the page loads from the taxonomies' sites until a link is followed
    html = str(article)
    for host in ("onetonline.org", "europa.eu", "lightcast.io", "sfia-online.org"):
        assert all(host not in str(tag.get("src", "")) for tag in article.find_all(src=True)), host
    assert html.index('id="alignments"') < html.index('id="check-in"')
    # a capability without alignments has no such section
    assert content(page(done.site, "maps/support/replies/")).find(id="alignments") is None


def test_an_esco_uri_written_with_https_gets_the_http_uri_esco_publishes(hub: Path) -> None:
    uri = "data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d"
    align(hub, f"    alignments:\n      - scheme: esco\n        uri: https://{uri}\n")
    line = only(validate(hub), where(hub, SUPPORT, f"https://{uri}"), "is not an ESCO URI")
    assert line.endswith(f"(did you mean 'http://{uri}'?)")
