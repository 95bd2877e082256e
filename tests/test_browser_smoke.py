"""The built hub in a real browser: pages load with no console error and no request to another host."""

from __future__ import annotations

import pytest
from browser import open_page

pytestmark = pytest.mark.browser

PAGES = ["", "maps/support/", "maps/support/triage/", "maps/support/rubric/", "paths/first-week/", "challenges/tag-ten-tickets/"]


@pytest.mark.build
@pytest.mark.parametrize("url", PAGES)
def test_page_loads_cleanly_in_chromium(browser, served_site: str, url: str) -> None:
    with open_page(browser) as watched:
        response = watched.page.goto(served_site + url)
        assert response is not None and response.ok
        watched.page.wait_for_load_state("networkidle")
        assert watched.page.locator("h1").first.is_visible()
        assert watched.console_errors == []
        assert watched.external_requests == []


@pytest.mark.build
def test_capability_graph_node_navigates_to_the_capability(browser, served_site: str) -> None:
    with open_page(browser) as watched:
        watched.page.goto(served_site + "maps/support/")
        watched.page.locator('svg.hub-graph a[data-hub-capability="support/replies"]').click()
        watched.page.wait_for_url("**/maps/support/replies/")
        assert watched.page.locator("h1").first.inner_text().startswith("Written replies")


def test_the_watcher_sees_external_requests_and_console_errors(browser, tmp_path) -> None:
    """The checks above can fail: a page that calls out and throws is caught."""
    (tmp_path / "index.html").write_text(
        '<img src="https://fonts.example.org/x.png"><script>throw new Error("boom")</script>'
    )
    from browser import serve_directory

    with serve_directory(tmp_path) as base, open_page(browser) as watched:
        watched.page.goto(base)
        watched.page.wait_for_load_state("networkidle")
        assert watched.external_requests == ["https://fonts.example.org/x.png"]
        assert any("boom" in error for error in watched.console_errors)
