"""The starter hub's pilot page in Chromium: no serious or critical axe violation in either palette, at
1280 and 390 px, and the charts are drawn from the stylesheet's colours."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from browser import open_page, serve_directory
from hub import BuildResult

pytestmark = [pytest.mark.build, pytest.mark.browser]

AXE = AXE_FILE_PATH.read_text(encoding="utf-8")
PILOT = "pilots/daventry-shift-lead-safety/"


def axe(page: Any) -> list[str]:
    page.evaluate(AXE)
    results = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    return [
        f"{v['id']} ({v['impact']}): {', '.join(' '.join(n['target']) for n in v['nodes'][:5])}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_no_serious_axe_violation_on_the_pilot_pages(browser: Any, starter_build: BuildResult, scheme: str, width: int) -> None:
    assert starter_build.returncode == 0, starter_build.output
    with serve_directory(starter_build.site) as url, open_page(
        browser, color_scheme=scheme, viewport={"width": width, "height": 900}, is_mobile=width < 500
    ) as watched:
        for path in [PILOT, "pilots/", "paths/leading-safety-on-a-warehouse-shift/"]:
            watched.page.goto(url + path)
            watched.page.wait_for_load_state("networkidle")
            assert axe(watched.page) == [], (path, scheme, width)
        assert watched.console_errors == []
        assert watched.external_requests == []


def test_the_chart_takes_its_colours_from_the_palette(browser: Any, starter_build: BuildResult) -> None:
    colours = {}
    with serve_directory(starter_build.site) as url:
        for scheme in ("light", "dark"):
            with open_page(browser, color_scheme=scheme) as watched:
                watched.page.goto(url + PILOT)
                point = watched.page.locator('[data-hub-metric="hazard-fix-days"] circle').first
                target = watched.page.locator('[data-hub-metric="hazard-fix-days"] line[data-hub-line="target"]')
                colours[scheme] = (
                    point.evaluate("e => getComputedStyle(e).fill"),
                    target.evaluate("e => getComputedStyle(e).stroke"),
                    watched.page.evaluate("getComputedStyle(document.body).backgroundColor"),
                )
                # Four charts, each with four measured points, fitting the content column.
                assert watched.page.locator("svg.hub-pilot-chart").count() == 4
                assert watched.page.locator("svg.hub-pilot-chart circle").count() == 16
                box = watched.page.locator("svg.hub-pilot-chart").first.bounding_box()
                column = watched.page.locator("article.md-content__inner").bounding_box()
                assert box["width"] <= column["width"]
    for scheme, (fill, stroke, _) in colours.items():
        assert fill not in ("", "none", "rgb(0, 0, 0)"), scheme
        assert stroke not in ("", "none", "rgb(0, 0, 0)"), scheme
    assert colours["light"] != colours["dark"]
