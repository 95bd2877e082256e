"""Building the small fixture hub with the real `mkdocs build --strict` and checking the HTML.

The read-only tests share one session build (`site`); tests that change content build their own
copy. Expected values are read from the fixture's YAML, so the assertions follow the content.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from bs4 import Tag
from competency_hub.schema import schema_files
from hub import (
    SMALL_HUB,
    BuildResult,
    broken_links,
    build,
    content,
    duplicate_ids,
    edit,
    html_path,
    page,
    resolve_href,
    searched_pages,
    validate,
)

SUPPORT = yaml.safe_load((SMALL_HUB / "maps" / "support.yml").read_text(encoding="utf-8"))
BILLING = yaml.safe_load((SMALL_HUB / "maps" / "billing.yml").read_text(encoding="utf-8"))
MAPS = {"support": SUPPORT, "billing": BILLING}


def challenge_data(challenge_id: str) -> dict:
    text = (SMALL_HUB / "challenges" / f"{challenge_id}.md").read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


CHALLENGE_IDS = sorted(p.stem for p in (SMALL_HUB / "challenges").glob("*.md"))
FIRST_WEEK = SUPPORT["paths"][0]


def text_of(element: Tag | None) -> str:
    assert element is not None
    return " ".join(element.get_text(" ").split())


def capability(map_id: str, capability_id: str) -> dict:
    return next(c for c in MAPS[map_id]["capabilities"] if c["id"] == capability_id)


def section(heading: Tag) -> list[Tag]:
    """The elements after a heading up to the next heading of the same or a higher rank."""
    rank = int(heading.name[1])
    out = []
    for sibling in heading.find_next_siblings():
        if sibling.name in {f"h{i}" for i in range(1, rank + 1)}:
            break
        out.append(sibling)
    return out


def target_of(site: Path, page_url: str, href: str) -> Path:
    resolved = resolve_href(site, html_path(site, page_url), href)
    assert resolved is not None, f"{href} is not an internal link"
    return resolved[0]


# -- the URL scheme -------------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize(
    "rel",
    [
        "index.html",
        "maps/index.html",
        "maps/support/index.html",
        "maps/support/triage/index.html",
        "maps/support/replies/index.html",
        "maps/support/rubric/index.html",
        "maps/billing/index.html",
        "maps/billing/refunds/index.html",
        "maps/billing/rubric/index.html",
        "paths/index.html",
        "paths/first-week/index.html",
        "challenges/index.html",
        "challenges/tag-ten-tickets/index.html",
        "challenges/prioritise-queue/index.html",
        "challenges/rewrite-macro/index.html",
        "guide/index.html",
        "schemas/map.schema.json",
        "schemas/challenge.schema.json",
    ],
)
def test_url_scheme(site: Path, rel: str) -> None:
    assert (site / rel).is_file()


@pytest.mark.build
def test_template_is_published_as_a_download_not_a_page(site: Path) -> None:
    download = site / "challenges" / "templates" / "tag-sheet.md"
    assert download.read_bytes() == (SMALL_HUB / "challenges" / "templates" / "tag-sheet.md").read_bytes()
    assert not (site / "challenges" / "templates" / "tag-sheet" / "index.html").exists()


@pytest.mark.build
def test_published_schemas_are_the_models_schemas(site: Path) -> None:
    for kind, data in schema_files().items():
        assert (site / "schemas" / f"{kind}.schema.json").read_bytes() == data


@pytest.mark.build
def test_build_reports_nothing(fixture_build: BuildResult) -> None:
    assert "WARNING" not in fixture_build.output
    assert "ERROR" not in fixture_build.output


# -- capability page ------------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize(
    ("map_id", "capability_id"), [("support", "triage"), ("support", "replies"), ("billing", "refunds")]
)
def test_capability_page_anchors(site: Path, map_id: str, capability_id: str) -> None:
    soup = content(page(site, f"maps/{map_id}/{capability_id}/"))
    ids = {el["id"] for el in soup.find_all(id=True)}
    data = capability(map_id, capability_id)
    for level in MAPS[map_id]["scale"]:
        assert f"level-{level['id']}" in ids
        assert f"check-in-{level['id']}" in ids
    for level_id, behaviours in data["behaviours"].items():
        for behaviour in behaviours:
            element = soup.find(id=behaviour["id"])
            assert element is not None, behaviour["id"]
            assert behaviour["text"] in text_of(element)
            # the behaviour sits in the list of its own level
            assert element.find_parent(attrs={"data-hub-level": True})["data-hub-level"] == level_id
    for evidence in data["evidence"]:
        assert f"evidence-{evidence['id']}" in ids
    assert {"check-in", "why-it-matters", "behaviours", "evidence", "challenges"} <= ids
    assert soup.find("h1").get_text(strip=True).startswith(data["title"])


@pytest.mark.build
def test_level_diff_shows_was_and_now(site: Path) -> None:
    soup = content(page(site, "maps/support/triage/"))
    diffs = soup.select("[data-hub-diff-from][data-hub-diff-to]")
    assert [(d["data-hub-diff-from"], d["data-hub-diff-to"]) for d in diffs] == [
        ("assisted", "independent"),
        ("independent", "expert"),
    ]
    behaviours = {b["id"]: b["text"] for bs in capability("support", "triage")["behaviours"].values() for b in bs}
    first = text_of(diffs[0])
    # triage-priority builds on triage-tags: shown as was → now
    assert f"{behaviours['triage-tags']} →" in first
    was, now = first.index(behaviours["triage-tags"]), first.index(behaviours["triage-priority"])
    assert was < now
    second = text_of(diffs[1])
    assert f"{behaviours['triage-priority']} →" in second
    assert behaviours["triage-rules"] in second
    # triage-coaches builds on nothing: it is new at this level, with no 'was'
    assert behaviours["triage-coaches"] in second
    assert f"→ Now: {behaviours['triage-coaches']}" not in second
    # the level facts of both levels are compared
    scale = {level["id"]: level for level in SUPPORT["scale"]}
    for field in ("complexity", "quality", "independence"):
        assert scale["assisted"][field] in first and scale["independent"][field] in first


@pytest.mark.build
def test_lowest_level_has_no_diff(site: Path) -> None:
    soup = content(page(site, "maps/support/triage/"))
    assert soup.select('[data-hub-diff-to="assisted"]') == []


@pytest.mark.build
@pytest.mark.parametrize("level_id", ["assisted", "independent", "expert"])
def test_check_in_guide_per_level(site: Path, level_id: str) -> None:
    soup = content(page(site, "maps/support/triage/"))
    heading = soup.find(id=f"check-in-{level_id}")
    assert heading is not None and heading.name.startswith("h")
    assert heading.find_parent(class_="hub-check-in") is not None
    body = " ".join(text_of(el) for el in section(heading))
    links = [a["href"] for el in section(heading) for a in el.find_all("a", href=True)]
    data = capability("support", "triage")
    for behaviour in data["behaviours"][level_id]:
        assert behaviour["text"] in body
        assert f"#{behaviour['id']}" in links
    for evidence in data["evidence"]:
        for criterion in evidence["rubric"]:
            assert criterion["levels"][level_id] in body
    other_levels = [lv for lv in data["behaviours"] if lv != level_id]
    for other in other_levels:
        for behaviour in data["behaviours"][other]:
            assert f"#{behaviour['id']}" not in links


@pytest.mark.build
def test_check_in_guide_has_the_capability_questions(site: Path) -> None:
    soup = content(page(site, "maps/support/triage/"))
    guide = soup.find(class_="hub-check-in")
    assert guide is not None and guide["data-hub-capability"] == "support/triage"
    for question in capability("support", "triage")["check_in"]:
        assert question in text_of(guide)


@pytest.mark.build
def test_capability_page_lists_its_challenges_and_neighbours(site: Path) -> None:
    url = "maps/support/triage/"
    soup = content(page(site, url))
    challenges = {
        target_of(site, url, a["href"])
        for el in section(soup.find(id="challenges"))
        for a in el.find_all("a", href=True)
    }
    assert challenges == {
        site / "challenges" / "tag-ten-tickets" / "index.html",
        site / "challenges" / "prioritise-queue" / "index.html",
    }
    neighbours = {
        target_of(site, url, a["href"])
        for el in section(soup.find(id="prerequisites"))
        for a in el.find_all("a", href=True)
    }
    # replies (same map) and refunds (billing) list triage as a prerequisite
    assert neighbours == {
        site / "maps" / "support" / "replies" / "index.html",
        site / "maps" / "billing" / "refunds" / "index.html",
    }


# -- map page and graph ---------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("map_id", ["support", "billing"])
def test_map_graph_svg(site: Path, map_id: str) -> None:
    url = f"maps/{map_id}/"
    soup = content(page(site, url))
    svgs = soup.find_all("svg", class_="hub-graph")
    assert len(svgs) == 1
    svg = svgs[0]
    assert svg["role"] == "group"  # not "img": its capability links must stay reachable (axe nested-interactive)
    title = svg.find("title", recursive=False)
    assert title is not None and title.get_text(strip=True)
    for label_id in svg["aria-labelledby"].split():
        assert svg.find(id=label_id) is not None
    nodes = svg.select("a[data-hub-capability]")
    keys = [node["data-hub-capability"] for node in nodes]
    own = [f"{map_id}/{c['id']}" for c in MAPS[map_id]["capabilities"]]
    for key in own:
        assert keys.count(key) == 1, key
    assert len(keys) == len(set(keys))
    for node in nodes:
        target = target_of(site, url, node["xlink:href"])
        map_part, capability_part = node["data-hub-capability"].split("/")
        assert target == site / "maps" / map_part / capability_part / "index.html"
        assert target.is_file()
        assert node.find("title") is not None


@pytest.mark.build
def test_graph_shows_prerequisites_from_other_maps(site: Path) -> None:
    svg = content(page(site, "maps/billing/")).find("svg", class_="hub-graph")
    external = svg.select('a[data-hub-capability="support/triage"]')
    assert len(external) == 1
    assert "hub-graph__node--external" in external[0]["class"]
    assert len(svg.select("path.hub-graph__edge")) == 1


@pytest.mark.build
def test_graph_has_a_text_alternative(site: Path) -> None:
    url = "maps/support/"
    soup = content(page(site, url))
    figure = soup.find("figure", class_="hub-graph-figure")
    assert figure is not None
    listing = figure.find_next_sibling("ul")
    assert listing is not None
    items = listing.find_all("li")
    with_prerequisites = [c for c in SUPPORT["capabilities"] if c.get("prerequisites")]
    assert len(items) == len(with_prerequisites)
    replies = text_of(items[0])
    assert "Written replies" in replies and "Ticket triage" in replies
    targets = [target_of(site, url, a["href"]) for a in items[0].find_all("a")]
    assert targets == [site / "maps/support/replies/index.html", site / "maps/support/triage/index.html"]


@pytest.mark.build
def test_map_page_lists_capabilities_and_paths(site: Path) -> None:
    url = "maps/support/"
    soup = content(page(site, url))
    targets = {target_of(site, url, a["href"]) for a in soup.find_all("a", href=True)}
    for c in SUPPORT["capabilities"]:
        assert site / "maps" / "support" / c["id"] / "index.html" in targets
    assert site / "paths" / "first-week" / "index.html" in targets
    assert site / "maps" / "support" / "rubric" / "index.html" in targets


# -- rubric ---------------------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("map_id", ["support", "billing"])
def test_rubric_table_has_a_row_per_capability_and_a_column_per_level(site: Path, map_id: str) -> None:
    url = f"maps/{map_id}/rubric/"
    table = content(page(site, url)).find("table", class_="hub-rubric")
    assert table is not None and table["data-hub-map"] == map_id
    data = MAPS[map_id]
    header = [text_of(th) for th in table.find("thead").find_all("th")]
    assert header[1:] == [level["name"] for level in data["scale"]]
    rows = table.find("tbody").find_all("tr", recursive=False)
    assert len(rows) == len(data["capabilities"])
    for row, cap in zip(rows, data["capabilities"], strict=True):
        assert row["id"] == cap["id"]
        head = row.find("th", scope="row")
        assert cap["title"] in text_of(head)
        assert target_of(site, url, head.find("a")["href"]) == site / "maps" / map_id / cap["id"] / "index.html"
        cells = row.find_all("td", recursive=False)
        assert len(cells) == len(data["scale"])
        for cell, level in zip(cells, data["scale"], strict=True):
            for behaviour in cap["behaviours"][level["id"]]:
                assert behaviour["text"] in text_of(cell)


# -- challenge page -------------------------------------------------------------------------------


@pytest.mark.build
def test_challenge_page(site: Path) -> None:
    url = "challenges/tag-ten-tickets/"
    soup = content(page(site, url))
    data = challenge_data("tag-ten-tickets")
    assert soup.find("h1").get_text(strip=True).startswith(data["title"])
    facts = soup.find(attrs={"data-hub-time-box": True})
    assert facts["data-hub-time-box"] == str(data["time_box"])
    assert f"{data['time_box']} min" in text_of(facts)
    practised = [target_of(site, url, a["href"]) for a in facts.find_all("a", href=True)]
    assert site / "maps/support/triage/index.html" in practised
    # the template download
    download = soup.select('a[data-hub-download="template"]')
    assert len(download) == 1
    assert download[0].has_attr("download")
    file = target_of(site, url, download[0]["href"])
    assert file == site / "challenges" / "templates" / "tag-sheet.md"
    assert file.read_text(encoding="utf-8") == (SMALL_HUB / "challenges/templates/tag-sheet.md").read_text(
        encoding="utf-8"
    )
    # the steps, in order
    steps_list = next(el for el in section(soup.find(id="steps")) if el.name == "ol")
    assert [text_of(li) for li in steps_list.find_all("li", recursive=False)] == data["steps"]
    # the recall prompts, each folded in a <details>
    for recall in data["recall"]:
        details = soup.find("details", id=f"recall-{recall['id']}")
        assert details is not None
        assert text_of(details.find("summary")) == recall["prompt"]
        assert recall["answer"] in text_of(details)
    # the body's sections, in the packaged order, plus the intro
    ids = [h["id"] for h in soup.find_all("h2")]
    assert ids.index("why-it-matters") < ids.index("example-done-well") < ids.index("template") < ids.index("steps")
    assert "Intro text before the first section." in text_of(soup)


@pytest.mark.build
def test_a_challenge_page_starts_with_the_task_and_has_done_at_the_top_and_the_end(site: Path) -> None:
    soup = content(page(site, "challenges/tag-ten-tickets/"))
    data = challenge_data("tag-ten-tickets")
    headings = [h["id"] for h in soup.find_all(["h1", "h2"])]
    assert headings[:2] == ["top", "task"]
    assert headings.index("task") < headings.index("why-it-matters") < headings.index("steps")
    # the task: what you do, the time box, the evidence you will produce, and Done
    task = soup.select_one("[data-hub-task]")
    assert task.find_previous("h2")["id"] == "task"
    assert data["summary"] in text_of(task)
    assert task.select_one("[data-hub-time-box]")["data-hub-time-box"] == str(data["time_box"])
    produced = [text_of(li) for li in task.find("ul").find_all("li", recursive=False)]
    assert produced == [item["produce"] for item in data["evidence"]]
    assert task.select_one('a[href="#evidence"]') is not None
    done = soup.select('button[data-hub-action="complete"]')
    assert len(done) == 2
    assert task.select_one('button[data-hub-action="complete"]') is done[0]
    assert done[0].find_parent(attrs={"data-hub-learner": "challenge-done"})["data-hub-challenge-id"] == "tag-ten-tickets"
    # without the script the Done of the task is hidden, and what the task says stays
    assert done[0].find_parent(attrs={"data-hub-controls": True}).has_attr("hidden")
    # the other Done is at the end: under Your progress, after the reflection
    end = done[1].find_parent(attrs={"data-hub-learner": "challenge"})
    assert end.find_previous("h2")["id"] == "mark-done"
    assert headings.index("reflection") < headings.index("mark-done")
    # the intro follows the task, before Why it matters
    intro = soup.find(string=lambda s: "Intro text before the first section." in s)
    assert intro.find_previous("h2")["id"] == "task" and intro.find_parent(attrs={"data-hub-task": True}) is None


@pytest.mark.build
def test_challenge_template_section_from_the_body(site: Path) -> None:
    soup = content(page(site, "challenges/prioritise-queue/"))
    template = section(soup.find(id="template"))
    assert any(el.name == "table" for el in template)
    assert soup.select('a[data-hub-download="template"]') == []


@pytest.mark.build
@pytest.mark.parametrize(
    ("challenge_id", "previous", "following"),
    [
        ("tag-ten-tickets", None, "prioritise-queue"),
        ("prioritise-queue", "tag-ten-tickets", "rewrite-macro"),
        ("rewrite-macro", "prioritise-queue", None),
    ],
)
def test_challenge_previous_and_next_along_the_path(
    site: Path, challenge_id: str, previous: str | None, following: str | None
) -> None:
    url = f"challenges/{challenge_id}/"
    soup = content(page(site, url))
    position = soup.select('[data-hub-path="first-week"]')
    assert len(position) == 1
    links = {a.get("data-hub-step"): a for a in position[0].find_all("a", href=True)}
    for key, expected in (("previous", previous), ("next", following)):
        if expected is None:
            assert key not in links
        else:
            assert target_of(site, url, links[key]["href"]) == site / "challenges" / expected / "index.html"
            assert challenge_data(expected)["title"] in text_of(links[key])
    step = FIRST_WEEK["steps"].index(challenge_id) + 1
    assert f"step {step} of {len(FIRST_WEEK['steps'])}" in text_of(position[0])


# -- path page ------------------------------------------------------------------------------------


@pytest.mark.build
def test_path_page(site: Path) -> None:
    url = "paths/first-week/"
    soup = content(page(site, url))
    steps = soup.select('[data-hub-path="first-week"] [data-hub-challenge]')
    assert [s["data-hub-challenge"] for s in steps] == FIRST_WEEK["steps"]
    for step in steps:
        link = step.find("a", href=True)
        assert target_of(site, url, link["href"]) == site / "challenges" / step["data-hub-challenge"] / "index.html"
    items = soup.select('[data-hub-path="first-week"] > li')
    order = [li.get("data-hub-challenge") or f"milestone:{li['data-hub-milestone']}" for li in items]
    # each milestone comes right after its 'after' step
    assert order == [
        "tag-ten-tickets",
        "prioritise-queue",
        "milestone:triage-reviewed",
        "rewrite-macro",
        "milestone:first-reply-reviewed",
    ]
    mandatory = soup.select('[data-hub-milestone="triage-reviewed"]')[0]
    assert mandatory["data-hub-mandatory"] == "true"
    assert soup.select('[data-hub-milestone="first-reply-reviewed"]')[0]["data-hub-mandatory"] == "false"
    assert soup.select('[data-hub-mandatory="true"]') == [mandatory]
    milestone_targets = {
        target_of(site, url, a["href"]).relative_to(site).as_posix() + "#" + a["href"].split("#")[1]
        for a in mandatory.find_all("a")
    }
    assert milestone_targets == {
        "maps/support/triage/index.html#evidence-queue-log",
        "maps/support/triage/index.html#level-independent",
    }
    total = sum(challenge_data(s)["time_box"] for s in FIRST_WEEK["steps"])
    assert total == 60
    facts = text_of(soup.find(class_="hub-facts"))
    assert "Total time" in facts and "1 h" in facts


@pytest.mark.build
def test_paths_index_and_home_list_the_path(site: Path) -> None:
    for url in ("paths/", ""):
        soup = content(page(site, url))
        targets = {target_of(site, url, a["href"]) for a in soup.find_all("a", href=True)}
        assert site / "paths" / "first-week" / "index.html" in targets, url


@pytest.mark.build
def test_challenges_index_lists_every_challenge(site: Path) -> None:
    url = "challenges/"
    soup = content(page(site, url))
    targets = {target_of(site, url, a["href"]) for a in soup.find_all("a", href=True)}
    for challenge_id in CHALLENGE_IDS:
        assert site / "challenges" / challenge_id / "index.html" in targets


# -- navigation and search ------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("url", ["", "maps/support/triage/", "challenges/tag-ten-tickets/", "paths/first-week/"])
def test_global_navigation_lists_maps_and_paths_but_not_challenges_or_capabilities(site: Path, url: str) -> None:
    soup = page(site, url)
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None
    targets = {target_of(site, url, a["href"]).relative_to(site).as_posix() for a in nav.find_all("a", href=True)}
    assert {
        "index.html",
        "maps/index.html",
        "maps/support/index.html",
        "maps/billing/index.html",
        "paths/index.html",
        "paths/first-week/index.html",
        "challenges/index.html",
        "guide/index.html",
    } <= targets
    for challenge_id in CHALLENGE_IDS:
        assert f"challenges/{challenge_id}/index.html" not in targets
    for map_id, data in MAPS.items():
        for c in data["capabilities"]:
            assert f"maps/{map_id}/{c['id']}/index.html" not in targets
        assert f"maps/{map_id}/rubric/index.html" not in targets


@pytest.mark.build
def test_generated_pages_are_in_the_search_index(site: Path) -> None:
    searched = searched_pages(site)
    assert {"maps/support/triage/", "challenges/tag-ten-tickets/", "paths/first-week/", "maps/support/"} <= set(searched)
    assert "Tags each ticket with the queue the macro list names." in searched["maps/support/triage/"]
    assert not (site / "search" / "search_index.json").exists(), "Material's index is not written: no page loads it"


# -- links ----------------------------------------------------------------------------------------


@pytest.mark.build
def test_every_internal_link_and_anchor_resolves(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 15
    assert broken_links(site, pages) == []


def test_link_checker_finds_broken_links(tmp_path: Path) -> None:
    """The checker above must be able to fail."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="here"></p><a href="#here">ok</a><a href="#gone">x</a><a href="../b/">y</a><a href="https://example.org/">e</a><a href="../../outside.txt">o</a>',
        encoding="utf-8",
    )
    assert broken_links(tmp_path) == [
        "a/index.html: #gone: no anchor #gone",
        "a/index.html: ../b/: no file b",
        "a/index.html: ../../outside.txt: points outside the site",
    ]


# -- builds of changed copies ---------------------------------------------------------------------


@pytest.mark.build
def test_strict_build_fails_on_broken_content_with_location(hub: Path) -> None:
    edit(hub, "challenges/tag-ten-tickets.md", "capability: support/triage", "capability: support/triag")
    result = build(hub)
    assert result.returncode != 0
    assert "challenges/tag-ten-tickets.md:5:13: error: HUB303 unknown capability 'triag' in map 'support'" in result.output
    assert "Traceback" not in result.output


@pytest.mark.build
def test_strict_build_fails_on_yaml_syntax_error(hub: Path) -> None:
    edit(hub, "maps/support.yml", "title: Customer support", "title: Customer: support")
    result = build(hub)
    assert result.returncode != 0
    assert "maps/support.yml:3:16: error: HUB110 YAML syntax" in result.output
    assert "Traceback" not in result.output


@pytest.mark.build
def test_strict_build_fails_on_an_impossible_date_without_traceback(hub: Path) -> None:
    edit(hub, "maps/billing.yml", "review_date: 2027-03-01", "review_date: 2027-02-30")
    result = build(hub)
    assert result.returncode != 0
    assert "maps/billing.yml:6:14: error: HUB133 review_date must be a date" in result.output
    assert "Traceback" not in result.output


@pytest.mark.build
def test_warnings_fail_only_the_strict_build(hub: Path) -> None:
    edit(
        hub,
        "maps/billing.yml",
        "text: Calculates a partial refund and shows the sum in the ticket.",
        "text: Calculates a partial refund effectively.",
    )
    strict = build(hub)
    assert strict.returncode != 0
    assert "maps/billing.yml:33:17: warning: HUB250 behaviour 'refunds-partial'" in strict.output
    relaxed = build(hub, hub.parent / "relaxed-site", strict=False)
    assert relaxed.returncode == 0, relaxed.output
    assert "maps/billing.yml:33:17: warning:" in relaxed.output
    assert (relaxed.site / "maps" / "billing" / "refunds" / "index.html").is_file()


@pytest.mark.build
def test_build_without_directory_urls(hub: Path) -> None:
    edit(hub, "mkdocs.yml", "site_name: Test hub\n", "site_name: Test hub\nuse_directory_urls: false\n")
    result = build(hub)
    assert result.returncode == 0, result.output
    site = result.site
    for rel in (
        "maps/support/index.html",
        "maps/support/triage.html",
        "maps/support/rubric.html",
        "paths/first-week.html",
        "challenges/tag-ten-tickets.html",
        "challenges/templates/tag-sheet.md",
    ):
        assert (site / rel).is_file(), rel
    svg = content(page(site, "maps/support/index.html")).find("svg", class_="hub-graph")
    hrefs = [a["xlink:href"] for a in svg.select("a[data-hub-capability]")]
    assert hrefs and all(href.endswith(".html") for href in hrefs)
    for href in hrefs:
        assert target_of(site, "maps/support/index.html", href).is_file()
    external = (
        content(page(site, "maps/billing/index.html"))
        .find("svg", class_="hub-graph")
        .select('a[data-hub-capability="support/triage"]')
    )
    assert target_of(site, "maps/billing/index.html", external[0]["xlink:href"]) == site / "maps/support/triage.html"
    assert broken_links(site) == []


@pytest.mark.build
def test_docs_page_cannot_replace_a_generated_page(hub: Path) -> None:
    (hub / "docs" / "maps").mkdir()
    (hub / "docs" / "maps" / "index.md").write_text("# Mine\n", encoding="utf-8")
    result = build(hub)
    assert result.returncode != 0
    assert "docs/maps/index.md would replace a generated page" in result.output
    assert "Traceback" not in result.output


@pytest.mark.build
def test_own_home_page_is_kept(hub: Path) -> None:
    (hub / "docs" / "index.md").write_text("# Welcome to our hub\n", encoding="utf-8")
    result = build(hub)
    assert result.returncode == 0, result.output
    assert "Welcome to our hub" in text_of(content(page(result.site, "")))


@pytest.mark.build
def test_challenge_in_two_paths_links_along_each(hub: Path) -> None:
    edit(
        hub,
        "maps/billing.yml",
        "              independent: Amount correct and the calculation shown.\n",
        "              independent: Amount correct and the calculation shown.\n"
        "paths:\n"
        "  - id: refund-ready\n"
        "    title: Ready for refunds\n"
        "    audience: Agents moving to the billing queue.\n"
        "    summary: Tag and answer billing tickets.\n"
        "    steps: [rewrite-macro, tag-ten-tickets]\n"
        "    milestones:\n"
        "      - id: tags-checked\n"
        "        title: Tags checked\n"
        "        after: tag-ten-tickets\n"
        "        capability: support/triage\n"
        "        level: assisted\n"
        "        evidence: queue-log\n"
        "        mandatory: true\n",
    )
    result = build(hub)
    assert result.returncode == 0, result.output
    site = result.site
    url = "challenges/tag-ten-tickets/"
    soup = content(page(site, url))
    navs = {nav["data-hub-path"]: nav for nav in soup.select("nav[data-hub-path]")}
    assert set(navs) == {"first-week", "refund-ready"}
    steps = {
        a.get("data-hub-step"): target_of(site, url, a["href"])
        for a in navs["refund-ready"].find_all("a", href=True)
        if a.get("data-hub-step")
    }
    assert steps == {"previous": site / "challenges/rewrite-macro/index.html"}
    steps = {
        a.get("data-hub-step"): target_of(site, url, a["href"])
        for a in navs["first-week"].find_all("a", href=True)
        if a.get("data-hub-step")
    }
    assert steps == {"next": site / "challenges/prioritise-queue/index.html"}
    path = content(page(site, "paths/refund-ready/"))
    milestone = path.select('[data-hub-milestone="tags-checked"]')[0]
    assert milestone["data-hub-mandatory"] == "true"
    assert {target_of(site, "paths/refund-ready/", a["href"]) for a in milestone.find_all("a")} == {
        site / "maps/support/triage/index.html"
    }
    nav = page(site, "").select_one("nav.md-nav--primary")
    assert site / "paths/refund-ready/index.html" in {
        target_of(site, "", a["href"]) for a in nav.find_all("a", href=True)
    }
    assert broken_links(site) == []


@pytest.mark.build
def test_empty_hub_builds(tmp_path: Path) -> None:
    root = tmp_path / "empty"
    for folder in ("maps", "challenges", "docs"):
        (root / folder).mkdir(parents=True)
    (root / "mkdocs.yml").write_text(
        "site_name: Empty hub\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - competency-hub\n",
        encoding="utf-8",
    )
    result = build(root)
    assert result.returncode == 0, result.output
    for rel in (
        "index.html",
        "maps/index.html",
        "paths/index.html",
        "challenges/index.html",
        "schemas/map.schema.json",
    ):
        assert (result.site / rel).is_file(), rel
    assert broken_links(result.site) == []


@pytest.mark.build
def test_large_maps_show_the_graph_as_text_only(hub: Path) -> None:
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      graph_max_capabilities: 1\n")
    result = build(hub)
    assert result.returncode == 0, result.output
    support = content(page(result.site, "maps/support/"))
    assert support.find("svg") is None
    assert "Written replies" in text_of(support.find(id="graph").find_next_sibling("ul"))
    assert content(page(result.site, "maps/billing/")).find("svg", class_="hub-graph") is not None  # one capability


@pytest.mark.build
def test_build_reports_exactly_what_validate_reports(hub: Path) -> None:
    edit(hub, "challenges/tag-ten-tickets.md", "level: assisted", "level: asisted")
    edit(hub, "challenges/rewrite-macro.md", "## Example done well", "## Exampel done well")
    edit(
        hub,
        "maps/billing.yml",
        "text: Calculates a partial refund and shows the sum in the ticket.",
        "text: Knows refunds.",
    )
    expected = validate(hub)
    assert len(expected) == 4
    result = build(hub, strict=False)
    reported = [
        line.split("competency-hub: ", 1)[1]
        for line in result.output.splitlines()
        if ": error: " in line or ": warning: " in line
    ]
    assert reported == expected


@pytest.mark.build
def test_no_page_has_duplicate_ids(site: Path) -> None:
    """Anchors must be unique, or a link to #id lands on the wrong element."""
    assert duplicate_ids(site) == []


def test_duplicate_id_checker_can_fail(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text('<p id="a"></p><li id="a"></li><p id="b"></p>', encoding="utf-8")
    assert duplicate_ids(tmp_path) == ["index.html#a"]



@pytest.mark.build
def test_content_errors_stop_even_a_non_strict_build(hub: Path) -> None:
    edit(hub, "challenges/tag-ten-tickets.md", "time_box: 20", "time_box: 99")
    result = build(hub, strict=False)
    assert result.returncode != 0
    assert "challenges/tag-ten-tickets.md:7:11: error: HUB401 time box of 99 minutes" in result.output
    assert "1 content error(s), listed above" in result.output
    assert "Traceback" not in result.output
    assert not (result.site / "index.html").exists()


@pytest.mark.build
def test_docs_nav_orders_the_docs_part_of_the_navigation(hub: Path) -> None:
    (hub / "docs" / "aardvark.md").write_text("# Aardvark\n\nComes first alphabetically.\n")
    edit(
        hub,
        "mkdocs.yml",
        "  - competency-hub\n",
        "  - competency-hub:\n      docs_nav:\n        - Start here: guide.md\n        - aardvark.md\n",
    )
    result = build(hub)
    assert result.returncode == 0, result.output
    nav = page(result.site, "").select_one("nav.md-nav--primary")
    titles = [a.get_text(" ", strip=True) for a in nav.select("a.md-nav__link")]
    assert titles.index("Start here") < titles.index("Aardvark")
    assert titles.index("Challenges") < titles.index("Start here")


@pytest.mark.build
def test_navigation_lists_all_maps_alone_above_nav_max_entries(hub: Path) -> None:
    """The navigation is on every page: with many maps it names the list of maps, not each map."""
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      nav_max_entries: 1\n")
    result = build(hub)
    assert result.returncode == 0, result.output
    nav = page(result.site, "").select_one("nav.md-nav--primary")
    targets = {target_of(result.site, "", a["href"]).relative_to(result.site).as_posix() for a in nav.find_all("a", href=True)}
    assert {"maps/index.html", "paths/index.html", "paths/first-week/index.html"} <= targets
    assert not {"maps/support/index.html", "maps/billing/index.html"} & targets
    maps_index = content(page(result.site, "maps/"))
    listed = {target_of(result.site, "maps/", a["href"]).relative_to(result.site).as_posix() for a in maps_index.find_all("a", href=True)}
    assert {"maps/support/index.html", "maps/billing/index.html"} <= listed
    assert "not included in the \"nav\"" not in result.output


@pytest.mark.build
def test_meta_description_keeps_quotes_and_angle_brackets(hub: Path) -> None:
    """Material writes page.meta.description into the page unescaped; the templates escape it."""
    summary = 'Tag ten tickets "by hand" & compare <10 minutes> with a lead.'
    edit(hub, "challenges/tag-ten-tickets.md", "summary: Tag ten tickets from the queue and compare your tags with a lead's.", f"summary: '{summary}'")
    result = build(hub)
    assert result.returncode == 0, result.output
    meta = page(result.site, "challenges/tag-ten-tickets/").find("meta", attrs={"name": "description"})
    assert meta["content"] == summary
