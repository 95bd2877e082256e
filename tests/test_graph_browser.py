"""The capability graph read in Chromium on the starter hub's map pages, at 1280 px and on a phone (390 px).

Labels are never drawn under 12 px (the SVG is not scaled down to the column), the page never scrolls
sideways, every node is a keyboard-reachable link to an existing page, and with a stored progress a
node says the learner's level in words.
"""

from __future__ import annotations

import json
from typing import Any, Iterator

import pytest
from browser import WatchedPage, open_page, serve_directory
from competency_hub.model.progress import STORAGE_KEY
from hub import REPO, BuildResult

pytestmark = [pytest.mark.build, pytest.mark.browser]

MAPS = sorted(path.stem for path in (REPO / "maps").glob("*.yml"))
assert {"coaching", "software-delivery"} <= set(MAPS), MAPS

# Each rendered size: font-size times the SVG's scale on screen (getScreenCTM), so a graph shrunk to
# the column counts as small as it looks.
RENDERED_SIZES = """(selector) => [...document.querySelectorAll(selector)].map((t) => ({
  text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a }))"""

LABELS_OUTSIDE_BOXES = """() => [...document.querySelectorAll('svg.hub-graph .hub-graph__node')].filter((a) => {
  const box = a.querySelector('.hub-graph__box').getBBox();
  const label = a.querySelector('.hub-graph__label').getBBox();
  return label.x < box.x || label.y < box.y || label.x + label.width > box.x + box.width
    || label.y + label.height > box.y + box.height;
}).map((a) => a.dataset.hubCapability)"""


@pytest.fixture(scope="module")
def starter(starter_build: BuildResult) -> Iterator[str]:
    assert starter_build.returncode == 0, starter_build.output
    with serve_directory(starter_build.site) as url:
        yield url


def _tab(browser: Any, width: int, **options: Any):  # type: ignore[no-untyped-def]
    return open_page(browser, viewport={"width": width, "height": 900}, **options)


def _check_clean(watched: WatchedPage) -> None:
    assert watched.console_errors == []
    assert watched.external_requests == []


@pytest.mark.parametrize("map_id", MAPS)
def test_graph_labels_are_at_least_12px_at_1280(browser: Any, starter: str, map_id: str) -> None:
    with _tab(browser, 1280) as watched:
        watched.page.goto(f"{starter}maps/{map_id}/")
        sizes = watched.page.evaluate(RENDERED_SIZES, "svg.hub-graph text")
        assert [s for s in sizes if s["text"]], "the graph has labels"
        assert [s for s in sizes if s["px"] < 12] == []
        assert watched.page.evaluate(LABELS_OUTSIDE_BOXES) == []
        assert watched.page.evaluate("document.documentElement.scrollWidth") <= 1280
        _check_clean(watched)


@pytest.mark.parametrize("map_id", MAPS)
def test_graph_fits_a_phone_and_stays_readable(browser: Any, starter: str, map_id: str) -> None:
    with _tab(browser, 390) as watched:
        page = watched.page
        page.goto(f"{starter}maps/{map_id}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert [s for s in page.evaluate(RENDERED_SIZES, "svg.hub-graph text") if s["px"] < 12] == []
        # The graph scrolls inside its figure, which stays within the screen.
        figure = page.locator("figure.hub-graph-figure").bounding_box()
        assert figure is not None and figure["x"] >= 0 and figure["x"] + figure["width"] <= 390
        # The same in words, below it.
        words = page.evaluate(
            """() => [...document.querySelectorAll('figure.hub-graph-figure + p + ul > li')].map(
              (li) => parseFloat(getComputedStyle(li).fontSize))"""
        )
        assert words and min(words) >= 12
        _check_clean(watched)


@pytest.mark.parametrize("map_id", MAPS)
def test_graph_nodes_are_focusable_links_to_existing_pages(browser: Any, starter: str, map_id: str) -> None:
    with _tab(browser, 1280) as watched:
        page = watched.page
        page.goto(f"{starter}maps/{map_id}/")
        nodes = page.evaluate(
            """() => [...document.querySelectorAll('svg.hub-graph a.hub-graph__node')].map((a) => ({
              key: a.dataset.hubCapability, mark: a.dataset.hubMarkCapability, tabIndex: a.tabIndex,
              url: new URL(a.getAttribute('xlink:href') || a.getAttribute('href'), location.href).href }))"""
        )
        assert nodes
        for node in nodes:
            assert node["mark"] == node["key"]
            assert node["tabIndex"] >= 0, node
            map_part, capability = node["key"].split("/")
            assert node["url"] == f"{starter}maps/{map_part}/{capability}/"
            assert page.request.get(node["url"]).ok, node
        # Tab reaches the first node, and its box changes so focus is visible.
        first = page.locator("svg.hub-graph a.hub-graph__node").first
        box = first.locator(".hub-graph__box")
        before = box.evaluate("(r) => [getComputedStyle(r).stroke, getComputedStyle(r).fill].join()")
        for _ in range(200):
            page.keyboard.press("Tab")
            if first.evaluate("(a) => document.activeElement === a"):
                break
        assert first.evaluate("(a) => document.activeElement === a"), "Tab never reaches the graph"
        after = box.evaluate("(r) => [getComputedStyle(r).stroke, getComputedStyle(r).fill].join()")
        assert after != before
        _check_clean(watched)


@pytest.mark.parametrize("width", [1280, 390])
def test_a_node_shows_the_learners_level_in_words(browser: Any, starter: str, width: int) -> None:
    progress = {
        "format": "competency-hub-progress",
        "version": 2,
        "challenges": {},
        "levels": {
            "coaching/feedback": [
                {"level": "assisted", "at": "2025-03-03T09:30:00.000Z", "by": "self", "name": "", "evidence": ""}
            ]
        },
    }
    with _tab(browser, width) as watched:
        page = watched.page
        page.add_init_script(f"localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(json.dumps(progress))})")
        page.goto(f"{starter}maps/coaching/")
        node = page.locator('svg.hub-graph a[data-hub-capability="coaching/feedback"]')
        slot = node.locator("[data-hub-mark-slot]")
        page.wait_for_function(
            """() => document.querySelector('svg.hub-graph a[data-hub-capability="coaching/feedback"] [data-hub-mark-slot]')
              ?.textContent"""
        )
        assert node.get_attribute("data-hub-state") == "placed"
        assert node.get_attribute("data-hub-self-level") == "assisted"
        assert "Assisted" in slot.text_content()  # words, not colour alone
        assert slot.evaluate("(t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a") >= 12
        inside = slot.evaluate(
            """(t) => { const b = t.closest('a').querySelector('.hub-graph__box').getBBox(), s = t.getBBox();
              return s.width > 0 && s.x >= b.x && s.x + s.width <= b.x + b.width && s.y + s.height <= b.y + b.height; }"""
        )
        assert inside
        other = page.locator('svg.hub-graph a[data-hub-capability="coaching/coaching-questions"]')
        assert other.get_attribute("data-hub-state") == "todo"
        assert other.locator("[data-hub-mark-slot]").text_content() == ""
        _check_clean(watched)


def test_the_graph_reads_without_javascript(browser: Any, starter: str) -> None:
    with _tab(browser, 390, java_script_enabled=False) as watched:
        page = watched.page
        page.goto(f"{starter}maps/coaching/")
        assert page.locator("svg.hub-graph a.hub-graph__node").count() >= 2
        assert page.locator("svg.hub-graph .hub-graph__label").first.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert "Scroll the picture sideways" in page.locator("figure.hub-graph-figure figcaption").inner_text()
        assert page.locator("figure.hub-graph-figure + p + ul > li").count() >= 1
