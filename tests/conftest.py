"""Fixtures only: a private copy of the fixture hub, the shared session builds, the browser.

The helpers the tests (and these fixtures) use live in hub.py. The `build` and `browser` marks are
checked by marks.py, registered here as a plugin: a test that builds or drives Chromium, itself or
through a fixture below, must carry the mark, and no other test may.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import marks
import pytest
from browser import WatchedPage, launch_chromium, open_page, serve_directory, served_with_site_url
from hub import IMPORT_EPOCH, PINNED_TODAY, REPO, BuildResult, build, copy_hub, copy_story_hub, edit

pytest_plugins = ["pytester"]  # test_suite_rules.py runs the marks' checks in a pytest of their own

def pytest_configure(config: pytest.Config) -> None:
    # A plugin, not hooks of this conftest: conftest hooks do not see session-scoped fixtures (their
    # node is the session, above tests/), and those are the builds and the browser.
    config.pluginmanager.register(marks, "competency-hub-marks")


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> str:
    """Sets the tool's "today" to PINNED_TODAY for this test and the builds it runs."""
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", PINNED_TODAY)
    return PINNED_TODAY


@pytest.fixture
def fixed_time(monkeypatch: pytest.MonkeyPatch) -> str:
    """SOURCE_DATE_EPOCH pinned (hub.IMPORT_EPOCH): what import and export write compares byte for byte."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", IMPORT_EPOCH)
    return IMPORT_EPOCH


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    """A private copy of the small fixture hub, to change freely."""
    return copy_hub(tmp_path)


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The small fixture hub built once with `mkdocs build --strict` (read-only for tests)."""
    root = copy_hub(tmp_path_factory.mktemp("fixture-build"))
    result = build(root)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def site(fixture_build: BuildResult) -> Path:
    return fixture_build.site


@pytest.fixture(scope="session")
def starter_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The repository's own starter hub built once with `mkdocs build --strict` (not asserted here)."""
    return build(REPO, tmp_path_factory.mktemp("starter-build") / "site")


# -- browser ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (see tests/browser.py)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser) -> Iterator[WatchedPage]:  # type: ignore[no-untyped-def]
    """A fresh browser context (empty storage) in UTC at 1280 px; a console error, a request to another
    host or a dialog (alert, confirm) fails the test."""
    with open_page(browser, timezone_id="UTC", viewport={"width": 1280, "height": 900}) as watched:
        yield watched
        assert watched.console_errors == []
        assert watched.external_requests == []
        assert watched.dialogs == []


@pytest.fixture(scope="session")
def served_site(site: Path):
    """The fixture hub's session build, served over HTTP on 127.0.0.1."""
    with serve_directory(site) as base_url:
        yield base_url


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture hub with navigation.instant, served on 127.0.0.1: the learner tools' browser tests
    (one build per module that uses it).

    Material intercepts only links listed in sitemap.xml, which MkDocs fills only when site_url is
    set: so the site is built with site_url equal to the address it is served at.
    """
    folder = tmp_path_factory.mktemp("learner-hub")
    root = copy_hub(folder)

    def configure(url: str) -> None:
        edit(root, "mkdocs.yml", "  font: false\n", f"  font: false\n  features:\n    - navigation.instant\nsite_url: {url}\n")

    with served_with_site_url(root, folder / "site", configure) as url:
        yield url


# -- story library ---------------------------------------------------------------------------------

@pytest.fixture
def story_hub(tmp_path: Path) -> Path:
    """A private copy of the small hub with stories, to change freely."""
    return copy_story_hub(tmp_path)


@pytest.fixture(scope="session")
def story_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The small hub with stories, built once with `mkdocs build --strict` (read-only for tests)."""
    root = copy_story_hub(tmp_path_factory.mktemp("story-build"))
    result = build(root)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def story_site(story_build: BuildResult) -> Path:
    return story_build.site


@pytest.fixture(scope="session")
def served_story_site(story_site: Path):
    """The story hub's session build, served over HTTP on 127.0.0.1."""
    with serve_directory(story_site) as base_url:
        yield base_url
