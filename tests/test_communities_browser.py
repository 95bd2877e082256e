"""The starter hub's community pages in Chromium: axe-core finds no serious or critical violation
(agendas open, at 1280 and 390 px), nothing is loaded from another host, and the narrow page does
not scroll sideways."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from browser import open_page, serve_directory
from hub import BuildResult

pytestmark = [pytest.mark.build, pytest.mark.browser]

AXE = AXE_FILE_PATH.read_text(encoding="utf-8")
PAGES = [
    ("communities/", "document"),
    ("communities/delivery-guild/", "document"),
    ("communities/safety-practice/", "document"),
    # The capability page's own level tables scroll at 390 px (Material's scroll wrapper is not
    # focusable: axe's scrollable-region-focusable, outside this section); the section is checked.
    ("maps/software-delivery/code-review/", "{include: [['#practise'], ['.hub-practise']]}"),
]


def serious_violations(page: Any, context: str) -> list[str]:
    page.evaluate(AXE)
    results = page.evaluate(f"axe.run({context}, {{ resultTypes: ['violations'] }})")
    return [
        f"{v['id']} ({v['impact']}): {', '.join(' '.join(n['target']) for n in v['nodes'][:5])}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_community_pages_pass_axe(browser: Any, starter_build: BuildResult, width: int) -> None:
    assert starter_build.returncode == 0, starter_build.output
    with serve_directory(starter_build.site) as url, open_page(browser, viewport={"width": width, "height": 900}) as watched:
        page = watched.page
        for path, context in PAGES:
            page.goto(url + path)
            page.wait_for_load_state("networkidle")
            for summary in page.locator("details.hub-agenda > summary").all():
                summary.click()
            assert page.locator("details.hub-agenda[open]").count() == page.locator("details.hub-agenda").count()
            assert serious_violations(page, context) == [], path
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (path, width, overflow)
        assert watched.console_errors == []
        assert watched.external_requests == []
