"""The three documented ways to host the hub, in Chromium: a web server at the root, nginx under a
sub-path, and a file share (file://). In each, the whole starter site is crawled (zero requests
to other hosts, zero console errors, every link and anchor alive) and search finds and opens a page.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from browser import open_page, serve_directory
from hub import REPO, BuildResult, build, copy_hub, edit, page
from crawl import crawl, search_and_open
from nginx import SUB_PATH, serve_with_nginx
from retirement import rename_and_retire
from search_eval import min_precision, precision_at_5, queries, top_results

pytestmark = pytest.mark.build

SEARCH_WORD = "lockout"


@pytest.fixture(scope="module")
def file_share_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The starter hub's file-share build (HUB_OFFLINE=true, as `make build-offline` does)."""
    result = build(REPO, tmp_path_factory.mktemp("file-share") / "site", env={"HUB_OFFLINE": "true"})
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def web_site(starter_build: BuildResult) -> Path:
    assert starter_build.returncode == 0, starter_build.output
    return starter_build.site


@pytest.fixture(scope="module")
def nginx_hub(web_site: Path, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with serve_with_nginx(web_site, tmp_path_factory.mktemp("nginx")) as base:
        yield base


def assert_clean(result) -> None:  # type: ignore[no-untyped-def]
    assert result.problems == []
    assert result.external_requests == []
    assert result.console_errors == []
    assert result.dialogs == []


# -- the crawls ------------------------------------------------------------------------------------


@pytest.mark.browser
def test_crawl_at_the_root_of_a_web_server(browser, web_site: Path) -> None:
    with serve_directory(web_site) as base:
        result = crawl(browser, base, web_site, directory_urls=True)
    assert_clean(result)
    assert len(result.pages) >= 100 and result.links > 3000
    assert base + "maps/workplace-safety/lockout-tagout/" in result.pages


@pytest.mark.browser
def test_crawl_under_a_sub_path_behind_nginx(browser, web_site: Path, nginx_hub: str) -> None:
    assert nginx_hub.endswith(SUB_PATH)
    result = crawl(browser, nginx_hub, web_site, directory_urls=True)
    assert_clean(result)
    assert len(result.pages) >= 100


@pytest.mark.browser
def test_crawl_from_a_file_share(browser, file_share_build: BuildResult) -> None:
    site = file_share_build.site
    base = site.resolve().as_uri() + "/"
    result = crawl(browser, base, site, directory_urls=False)
    assert_clean(result)
    assert base + "maps/workplace-safety/lockout-tagout.html" in result.pages
    assert any(url.endswith("challenges/templates/ws-lockout-checklist.md") for url in result.files)


@pytest.mark.browser
def test_story_finder_runs_from_a_file_share(browser, file_share_build: BuildResult) -> None:
    """Browsers load no ES module and fetch no file from file://: the build publishes the finder as one
    classic script and its data files also as scripts, and the finder replaces the list there too;
    the list stays in the page for readers without JavaScript."""
    site = file_share_build.site
    scripts = page(site, "stories/").select("script")
    sources = [script.get("src", "") for script in scripts]
    assert "../assets/competency-hub/stories-finder.file-share.js" in sources
    assert not any(src.endswith("stories-finder.js") for src in sources)
    assert not any(script.get("type") == "module" for script in scripts)
    assert page(site, "stories/").select("[data-hub-story-static] [data-hub-story-list] li")
    for name in ("finder-facets", "finder-index", "finder-text-0"):
        assert (site / "stories" / f"{name}.js").is_file(), name
    with open_page(browser) as watched:
        watched.page.goto(site.resolve().as_uri() + "/stories/index.html?words=rollback", wait_until="load")
        watched.page.wait_for_selector('[data-hub-finder][data-hub-finder-ready="true"]')
        watched.page.wait_for_function("document.querySelectorAll('[data-hub-finder-results] li').length >= 1")
        results = watched.page.eval_on_selector_all("[data-hub-finder-results] li", "items => items.map(li => li.dataset.hubStory)")
        assert "rollback-drills-before-peak" in results
        assert watched.page.locator("[data-hub-story-static]").first.is_hidden()
        assert watched.console_errors == [] and watched.external_requests == []


# -- search ----------------------------------------------------------------------------------------


def check_search(browser, base: str, expected_page: str) -> None:  # type: ignore[no-untyped-def]
    found = search_and_open(browser, base, SEARCH_WORD)
    assert found.results >= 1
    assert found.landed.startswith(base + expected_page)
    assert SEARCH_WORD in found.text.lower()
    assert found.console_errors == [] and found.external_requests == []


@pytest.mark.browser
def test_search_at_the_root(browser, web_site: Path) -> None:
    with serve_directory(web_site) as base:
        check_search(browser, base, "maps/workplace-safety/lockout-tagout/")


@pytest.mark.browser
def test_search_under_a_sub_path(browser, nginx_hub: str) -> None:
    check_search(browser, nginx_hub, "maps/workplace-safety/lockout-tagout/")


@pytest.mark.browser
def test_search_from_a_file_share(browser, file_share_build: BuildResult) -> None:
    check_search(browser, file_share_build.site.resolve().as_uri() + "/", "maps/workplace-safety/lockout-tagout.html")


def check_expected_results(browser, base: str, *, every_query: bool) -> None:  # type: ignore[no-untyped-def]
    """The evaluation set (tests/search_queries.json): mean precision at 5, and with `every_query`
    each query's first expected page among the first five results."""
    with open_page(browser) as watched:
        found = {query: top_results(watched.page, base, query.query) for query in queries()}
        assert watched.console_errors == [] and watched.external_requests == []
    mean = sum(precision_at_5(pages, query.expected) for query, pages in found.items()) / len(found)
    assert mean >= min_precision(), found
    if every_query:
        assert [query.query for query, pages in found.items() if query.expected[0] not in pages] == []


@pytest.mark.browser
def test_expected_results_at_the_root(browser, web_site: Path) -> None:
    with serve_directory(web_site) as base:
        check_expected_results(browser, base, every_query=True)


@pytest.mark.browser
def test_expected_results_under_a_sub_path(browser, nginx_hub: str) -> None:
    check_expected_results(browser, nginx_hub, every_query=True)


@pytest.mark.browser
def test_expected_results_from_a_file_share(browser, file_share_build: BuildResult) -> None:
    """The file-share copy's own search (render/fileshare_search.py): titles, summaries and headings."""
    check_expected_results(browser, file_share_build.site.resolve().as_uri() + "/", every_query=True)


# -- nginx itself ------------------------------------------------------------------------------------


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), b""


def test_nginx_example_adds_the_final_slash_and_protects_the_pages(nginx_hub: str) -> None:
    origin = nginx_hub[: -len(SUB_PATH)]
    status, headers, _ = fetch(origin + "/learning/hub")
    assert (status, headers["Location"]) == (301, "/learning/hub/")
    status, headers, _ = fetch(nginx_hub + "maps/coaching")
    assert (status, headers["Location"]) == (301, "/learning/hub/maps/coaching/")
    status, headers, body = fetch(nginx_hub)
    assert status == 200 and b"<title>" in body
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    status, headers, body = fetch(nginx_hub + "urls.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json") and b'"url": "/"' in body
    assert fetch(nginx_hub + "maps/nope/")[0] == 404
    assert fetch(origin + "/maps/coaching/")[0] == 404  # nothing leaks outside the sub-path


# -- downloads and tombstones in the browser -----------------------------------------------------------


@pytest.mark.browser
def test_template_download_from_a_web_server(browser, web_site: Path) -> None:
    with serve_directory(web_site) as base, open_page(browser, accept_downloads=True) as watched:
        watched.page.goto(base + "challenges/walk-conveyor-isolation-points/")
        with watched.page.expect_download() as download_info:
            watched.page.locator('[data-hub-download="template"]').click()
        download = download_info.value
        assert download.suggested_filename == "ws-isolation-walk-sheet.md"
        assert Path(download.path()).read_bytes() == (REPO / "challenges" / "templates" / "ws-isolation-walk-sheet.md").read_bytes()


@pytest.mark.browser
def test_template_opens_from_a_file_share(browser, file_share_build: BuildResult) -> None:
    """Browsers ignore `download` on file:// links, so the template opens as text, ready for Save as."""
    base = file_share_build.site.resolve().as_uri() + "/"
    with open_page(browser) as watched:
        watched.page.goto(base + "challenges/walk-conveyor-isolation-points.html")
        watched.page.locator('[data-hub-download="template"]').click()
        watched.page.wait_for_url(base + "challenges/templates/ws-isolation-walk-sheet.md")
        assert watched.page.locator("body").inner_text().startswith("# Isolation walk sheet")
        assert watched.console_errors == [] and watched.external_requests == []


@pytest.fixture(scope="module")
def retired_hub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_hub(tmp_path_factory.mktemp("retired-browser"))
    rename_and_retire(root)
    return root


@pytest.fixture(scope="module")
def retired_web(retired_hub: Path):  # type: ignore[no-untyped-def]
    result = build(retired_hub, retired_hub.parent / "web")
    assert result.returncode == 0, result.output
    with serve_directory(result.site) as base:
        yield base


@pytest.mark.browser
def test_renamed_page_redirects_at_once_keeping_the_anchor(browser, retired_web: str) -> None:
    with open_page(browser) as watched:
        watched.page.goto(retired_web + "maps/support/replies/#replies-macro")
        watched.page.wait_for_url(retired_web + "maps/support/customer-replies/#replies-macro")
        assert watched.page.locator("#replies-macro").is_visible()
        assert watched.console_errors == [] and watched.external_requests == []


@pytest.mark.browser
def test_retired_page_explains_then_redirects_keeping_the_anchor(browser, retired_web: str) -> None:
    with open_page(browser) as watched:
        watched.page.goto(retired_web + "maps/billing/refunds/#check-in")
        assert watched.page.locator("[data-hub-redirect-note]").is_visible()
        assert "Refund decisions moved to the finance team." in watched.page.locator("[data-hub-tombstone]").inner_text()
        watched.page.wait_for_url(retired_web + "maps/support/customer-replies/#check-in")
        assert watched.console_errors == []


@pytest.mark.browser
def test_an_old_anchor_without_counterpart_stays_on_the_tombstone(browser, retired_web: str) -> None:
    with open_page(browser) as watched:
        watched.page.goto(retired_web + "maps/billing/refunds/#refunds-checklist")
        assert watched.page.locator("[data-hub-redirect-note]").is_hidden()
        item = watched.page.locator("#refunds-checklist")
        assert "Completes every line of the refund checklist" in item.inner_text()
        assert watched.page.url == retired_web + "maps/billing/refunds/#refunds-checklist"


@pytest.mark.browser
def test_stay_on_this_page_cancels_the_redirect(browser, retired_web: str) -> None:
    with open_page(browser) as watched:
        watched.page.goto(retired_web + "challenges/rewrite-macro/")
        watched.page.locator("[data-hub-redirect-stay]").click()
        assert watched.page.locator("[data-hub-redirect-note]").is_hidden()
        assert watched.page.url.startswith(retired_web + "challenges/rewrite-macro/")


@pytest.mark.browser
def test_tombstone_redirect_works_from_a_file_share(browser, retired_hub: Path, tmp_path: Path) -> None:
    root = copy_hub(tmp_path, retired_hub)
    edit(root, "mkdocs.yml", "  - search\n", "  - search\n  - offline\n")
    result = build(root)
    assert result.returncode == 0, result.output
    base = result.site.resolve().as_uri() + "/"
    with open_page(browser) as watched:
        watched.page.goto(base + "challenges/prioritise-queue.html#steps")
        watched.page.wait_for_url(base + "challenges/set-queue-priorities.html#steps")
        assert watched.console_errors == [] and watched.external_requests == []
