"""The core on the fixture hub, in this process and without MkDocs: what render_site() hands the plugin
and what export_hub() writes (the same functions `mkdocs build` and `competency-hub export` call).

These run in the fast loop (no mark): a change to rendering or exports shows here in seconds, before
the builds in test_build.py and test_exports.py confirm it in real pages.
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import uuid

import pytest
import yaml
from competency_hub.exports import ExportResult, export_hub
from competency_hub.cli.settings import load_settings
from competency_hub.load import load_hub
from competency_hub.render.options import RenderOptions
from competency_hub.render.output import RenderedSite
from competency_hub.render.site import render_site
from competency_hub.load.index import HubIndex
from competency_hub.cli.settings import hub_options
from competency_hub.validate import validate_hub
from hub import SMALL_HUB
from jsonschema import Draft202012Validator

MAPS = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted((SMALL_HUB / "maps").glob("*.yml"))}
"""The fixture hub's maps as plain YAML, read without the tool: what the tests expect comes from here."""
CHALLENGES = sorted(path.stem for path in (SMALL_HUB / "challenges").glob("*.md"))


def loaded():  # type: ignore[no-untyped-def]
    hub, diagnostics = load_hub(hub_options(SMALL_HUB))
    index = HubIndex.build(hub)
    diagnostics.extend(validate_hub(hub, index))
    assert diagnostics.errors == [], diagnostics.errors
    return hub, index


def render() -> RenderedSite:
    hub, index = loaded()
    return render_site(hub, index, RenderOptions(site_name="Test hub"))


def export() -> ExportResult:
    hub, index = loaded()
    return export_hub(hub, index, load_settings(SMALL_HUB).export_options())


@pytest.fixture(scope="module")
def rendered() -> RenderedSite:
    return render()


@pytest.fixture(scope="module")
def exported() -> ExportResult:
    return export()


def active_capabilities(data: dict) -> list[str]:
    return [c["id"] for c in data["capabilities"] if c.get("status", "active") != "retired"]


# -- rendering -----------------------------------------------------------------------------------------


def test_every_page_of_the_hub_is_generated_once(rendered: RenderedSite) -> None:
    expected = {"index.md", "maps/index.md", "paths/index.md", "challenges/index.md", "progress.md", "review.md", "plan.md", "team.md"}
    for map_id, data in MAPS.items():
        expected |= {f"maps/{map_id}/index.md", f"maps/{map_id}/rubric.md"}
        expected |= {f"maps/{map_id}/{capability}.md" for capability in active_capabilities(data)}
        expected |= {f"paths/{path['id']}.md" for path in data.get("paths", [])}
    expected |= {f"challenges/{challenge}.md" for challenge in CHALLENGES}
    src_uris = [page.src_uri for page in rendered.pages]
    assert sorted(src_uris) == sorted(expected)  # no page missing, none extra, none twice


def test_every_page_has_front_matter_and_one_title(rendered: RenderedSite) -> None:
    for page in rendered.pages:
        text = page.markdown
        assert text.startswith("---\n") and "\n---\n" in text[4:], f"{page.src_uri}: no front matter"
        front, body = text[4:].split("\n---\n", 1)
        assert isinstance(yaml.safe_load(front), dict), page.src_uri
        body = re.sub(r"^```.*?^```", "", body, flags=re.MULTILINE | re.DOTALL)
        titles = re.findall(r"^# \S.*$", body, flags=re.MULTILINE)
        assert len(titles) == 1, f"{page.src_uri}: {titles}"


MD_LINK = re.compile(r"\]\(([^)\s]+)\)")


def test_links_between_generated_pages_reach_a_page_or_file(rendered: RenderedSite) -> None:
    """Relative Markdown links resolve to a generated page or file, or to one of the hub's docs/ pages."""
    targets = {page.src_uri for page in rendered.pages} | {file.src_uri for file in rendered.files}
    targets |= {p.relative_to(SMALL_HUB / "docs").as_posix() for p in (SMALL_HUB / "docs").rglob("*") if p.is_file()}
    broken, checked = [], 0
    for page in rendered.pages:
        for href in MD_LINK.findall(page.markdown):
            if re.match(r"^[a-z][a-z0-9+.-]*:|^#|^/", href):
                continue
            path = href.split("#", 1)[0].split("?", 1)[0]
            target = posixpath.normpath(posixpath.join(posixpath.dirname(page.src_uri), path))
            checked += 1
            if target not in targets:
                broken.append(f"{page.src_uri}: {href}")
    assert broken == []
    assert checked > 50  # the pages do link to each other


def test_rendering_twice_gives_the_same_pages(rendered: RenderedSite) -> None:
    again = render()
    assert [(p.src_uri, p.markdown) for p in again.pages] == [(p.src_uri, p.markdown) for p in rendered.pages]
    assert [(f.src_uri, f.content) for f in again.files] == [(f.src_uri, f.content) for f in rendered.files]


# -- exports -------------------------------------------------------------------------------------------


def test_the_same_hub_exports_byte_identically_twice(exported: ExportResult) -> None:
    again = export()
    assert [(f.src_uri, f.content) for f in again.files] == [(f.src_uri, f.content) for f in exported.files]
    assert len({f.src_uri for f in exported.files}) == len(exported.files)


def case_packages(exported: ExportResult) -> dict[str, dict]:
    return {
        file.src_uri.split("/")[-1].removesuffix(".json"): json.loads(file.content)
        for file in exported.files
        if re.fullmatch(r"exports/case/[^/]+\.json", file.src_uri)
    }


def test_case_has_one_item_per_capability_with_valid_identifiers(exported: ExportResult) -> None:
    packages = case_packages(exported)
    assert sorted(packages) == sorted(MAPS)
    nodes = {p["CFDocument"]["identifier"] for p in packages.values()} | {
        item["identifier"] for p in packages.values() for item in p["CFItems"]
    }
    for map_id, data in MAPS.items():
        package = packages[map_id]
        items = package["CFItems"]
        capabilities = [item["humanCodingScheme"] for item in items if item["CFItemType"] == "Capability"]
        assert capabilities == active_capabilities(data)
        objects = [package["CFDocument"], *items, *package["CFAssociations"]]
        identifiers = [obj["identifier"] for obj in objects]
        assert len(set(identifiers)) == len(identifiers), f"{map_id}: an identifier is used twice"
        assert all(uuid.UUID(i).version == 5 and str(uuid.UUID(i)) == i for i in identifiers), identifiers
        for association in package["CFAssociations"]:  # prerequisites may point into another map's package
            assert association["originNodeURI"]["identifier"] in nodes, association
            assert association["destinationNodeURI"]["identifier"] in nodes, association
        for item in items:  # each item is also published on its own, at the address it names
            assert item["uri"].endswith(f"/exports/case/{map_id}/items/{item['identifier']}.json"), item["uri"]
            own = exported.file(f"exports/case/{map_id}/items/{item['identifier']}.json")
            assert own is not None and json.loads(own.content)["identifier"] == item["identifier"]


def test_badges_align_to_case_items_that_exist(exported: ExportResult) -> None:
    packages = case_packages(exported).values()
    targets = {
        "CFItem": {item["identifier"] for package in packages for item in package["CFItems"]},
        "CFRubric": {rubric["identifier"] for package in packages for rubric in package["CFRubrics"]},
    }
    paths = [path for data in MAPS.values() for path in data.get("paths", [])]
    expected = [f"exports/openbadges/paths/{path['id']}.jsonld" for path in paths] + [
        f"exports/openbadges/paths/{path['id']}/{m['id']}.jsonld" for path in paths for m in path.get("milestones", []) if m.get("mandatory")
    ]
    badges = [f for f in exported.files if f.src_uri.startswith("exports/openbadges/paths/")]
    assert sorted(f.src_uri for f in badges) == sorted(expected)  # a badge per path and per mandatory milestone
    for badge in badges:
        alignment = json.loads(badge.content)["alignment"]
        assert alignment, badge.src_uri
        for target in alignment:
            assert target["targetCode"] in targets.get(target["targetType"], ()), f"{badge.src_uri}: {target}"


def test_moodle_csv_has_the_framework_then_every_capability_and_behaviour(exported: ExportResult) -> None:
    for map_id, data in MAPS.items():
        file = exported.file(f"exports/moodle/{map_id}.csv")
        assert file is not None, map_id
        rows = list(csv.DictReader(io.StringIO(file.content.decode("utf-8"))))
        assert [row["Id number"] for row in rows if row["Is framework"] == "1"] == [map_id] == [rows[0]["Id number"]]
        capabilities = [row["Id number"] for row in rows[1:] if not row["Parent id number"]]
        assert capabilities == active_capabilities(data)
        behaviours = {
            f"{c['id']}/{level}/{b['id']}" for c in data["capabilities"] for level, found in c["behaviours"].items() for b in found
        }
        assert {row["Id number"]: row["Parent id number"] for row in rows[1:] if row["Parent id number"]} == {
            b: b.split("/")[0] for b in behaviours
        }


def test_hub_json_is_valid_against_the_schema_exported_with_it(exported: ExportResult) -> None:
    schema = json.loads(exported.file("exports/hub.schema.json").content)  # type: ignore[union-attr]
    data = json.loads(exported.file("exports/hub.json").content)  # type: ignore[union-attr]
    Draft202012Validator.check_schema(schema)
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(data)]
    assert errors == []
    assert sorted(m["id"] for m in data["maps"]) == sorted(MAPS)


def test_story_pages_are_the_same_at_every_render_and_their_body_markers_are_their_own(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A story page's Markdown is a function of the commit (no per-build random marker), so an
    unchanged story renders to the same page and a cache can keep it; the markers around the
    contributor's body carry a nonce derived from that body, which the body cannot contain."""
    from hub import copy_story_hub

    root = copy_story_hub(tmp_path)

    def story_pages() -> tuple[dict[str, str], RenderedSite]:
        hub, diagnostics = load_hub(hub_options(root))
        index = HubIndex.build(hub)
        diagnostics.extend(validate_hub(hub, index))
        site = render_site(hub, index, RenderOptions(site_name="Test hub"))
        assert site.stories is not None
        return {p.src_uri: p.markdown for p in site.pages if p.src_uri in site.stories.pages}, site

    first, site = story_pages()
    second, _ = story_pages()
    assert first and first == second
    assert len(set(site.stories.nonces.values())) == len(first), "each story has its own nonce"
    for src_uri, markdown in first.items():
        nonce = site.stories.nonces[src_uri]
        body = (root / site.stories.pages[src_uri]).read_text(encoding="utf-8") if (root / site.stories.pages[src_uri]).is_file() else ""
        assert nonce not in body
        assert markdown.count(nonce) == 2, src_uri
        html = markdown.replace("\n", " ")
        assert site.stories.split_body(html, src_uri) is not None
