"""Shared helpers: copy the fixture hub, edit one file, validate with the core, build with real MkDocs.

Every build runs the real `mkdocs build` in a subprocess, into a temporary folder, and pages are
parsed with BeautifulSoup. Read-only tests share one session build of the small fixture hub;
tests that change content work on their own copy.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup
from competency_hub.cli import check_hub
from competency_hub.diagnostics import Diagnostics

# No test depends on the calendar: "today" is the real date unless a test sets it itself
# (`pinned_today`, or COMPETENCY_HUB_TODAY in its own environment). CI runs the suite a second
# time under faketime, years ahead, to prove it (.ci/run).

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SMALL_HUB = FIXTURES / "small-hub"

LOCATION = re.compile(  # one line of `validate` output
    r"^(?P<path>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning): (?P<text>.*)$"
)


# -- content -------------------------------------------------------------------------------------


def copy_hub(dest: Path, source: Path = SMALL_HUB) -> Path:
    """A fresh copy of a hub (the small fixture by default) under `dest`; returns its root."""
    root = dest / "hub"
    shutil.copytree(source, root, ignore=shutil.ignore_patterns("site", "__pycache__"))
    return root


def edit(root: Path, rel: str, old: str, new: str, *, count: int = 1) -> str:
    """Replace `old` by `new` in one file of the hub; `old` must occur exactly `count` times."""
    path = root / rel
    text = path.read_text(encoding="utf-8")
    found = text.count(old)
    assert found == count, f"{rel}: expected {count} occurrence(s) of {old!r}, found {found}"
    text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    return text


def where(root: Path, rel: str, needle: str, *, occurrence: int = 1, column: bool = True) -> str:
    """`rel:line:col` of the n-th occurrence of `needle` in a hub file (1-based, as diagnostics count)."""
    text = (root / rel).read_text(encoding="utf-8")
    start = -1
    for _ in range(occurrence):
        start = text.find(needle, start + 1)
        assert start >= 0, f"{rel}: {needle!r} not found (occurrence {occurrence})"
    line = text.count("\n", 0, start) + 1
    col = start - (text.rfind("\n", 0, start) + 1) + 1
    return f"{rel}:{line}:{col}" if column else f"{rel}:{line}:"


def diagnostics(root: Path) -> Diagnostics:
    """What the core (the same code the build runs) reports about the hub at `root`."""
    return check_hub(root)


def validate(root: Path, *, notes: bool = False) -> list[str]:
    """The hub's errors and warnings as `path:line:col: severity: message (hint)` lines, sorted, deduplicated.

    Notes (governance findings the calendar brings, e.g. a review date that has passed) never stop a
    build and depend on the day, so they are left out unless a test asks for them (`notes=True`).
    """
    return [d.format_text() for d in check_hub(root).sorted() if notes or d.severity != "note"]


def errors(root: Path) -> list[str]:
    """Only the error lines of `validate(root)`."""
    return [line for line in validate(root) if ": error: " in line]


def matching(lines: list[str], location: str, fragment: str = "") -> list[str]:
    """The lines that start at `location` (`path:line:col` or `path:line:`) and contain `fragment`."""
    prefix = location if location.endswith(":") else location + ":"
    return [line for line in lines if line.startswith(prefix) and fragment in line]


# -- builds --------------------------------------------------------------------------------------


@dataclass
class BuildResult:
    returncode: int
    output: str
    site: Path


def build(
    root: Path, site_dir: Path | None = None, *, strict: bool = True, config: str = "mkdocs.yml", env: dict[str, str] | None = None
) -> BuildResult:
    """Run the real `mkdocs build` on the hub at `root` into `site_dir` (default: a sibling folder).

    `env` adds environment variables, e.g. HUB_OFFLINE=true for the file-share build.
    """
    site_dir = site_dir or root.parent / f"{root.name}-site"
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / config), "-d", str(site_dir)]
    if strict:
        command.insert(4, "--strict")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    return BuildResult(done.returncode, done.stdout + done.stderr, site_dir)


def html_path(site: Path, url: str) -> Path:
    """The file a site-relative URL is served from: `maps/support/` → maps/support/index.html."""
    url = url.split("#", 1)[0]
    if url in ("", ".", "/"):
        return site / "index.html"
    target = site / url
    if url.endswith("/") or target.is_dir():
        return target / "index.html"
    return target


def page(site: Path, url: str) -> BeautifulSoup:
    """The parsed HTML of the page at a site-relative URL, e.g. `maps/support/triage/`."""
    path = html_path(site, url)
    assert path.is_file(), f"no page at {url} ({path})"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def content(soup: BeautifulSoup):
    """The page's main content (Material's article), without navigation and header."""
    article = soup.select_one("article.md-content__inner")
    assert article is not None, "page has no main article"
    return article


def resolve_href(site: Path, page_file: Path, href: str) -> tuple[Path, str] | None:
    """The file an internal href points to and its fragment, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "javascript:")):
        return None
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if not path:
        return page_file, fragment
    rel_dir = page_file.parent.relative_to(site).as_posix()
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/") or ".")
    else:
        joined = posixpath.normpath(posixpath.join(rel_dir, path))
    target = site / joined if joined != "." else site
    if target.is_dir():
        target = target / "index.html"
    return target, fragment


def broken_links(site: Path, pages: list[Path] | None = None) -> list[str]:
    """Every `<a href>` on the given pages (default: all) whose file or `#anchor` does not exist."""
    pages = pages if pages is not None else sorted(site.rglob("*.html"))
    ids: dict[Path, set[str]] = {}

    def anchors(path: Path) -> set[str]:
        if path not in ids:
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            ids[path] = {el["id"] for el in soup.find_all(id=True)} | {
                el["name"] for el in soup.find_all("a", attrs={"name": True})
            }
        return ids[path]

    problems = []
    for page_file in pages:
        soup = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
        for link in soup.find_all("a"):
            href = link.get("href") or link.get("xlink:href")  # SVG links (the capability graph) use xlink:href
            if href is None:
                continue
            resolved = resolve_href(site, page_file, href)
            if resolved is None:
                continue
            target, fragment = resolved
            label = f"{page_file.relative_to(site).as_posix()}: {href}"
            if not target.resolve().is_relative_to(site.resolve()):
                problems.append(f"{label}: points outside the site")
            elif not target.is_file():
                problems.append(
                    f"{label}: no file {target.relative_to(site).as_posix() if target.is_relative_to(site) else target}"
                )
            elif fragment and target.suffix == ".html" and fragment not in anchors(target):
                problems.append(f"{label}: no anchor #{fragment}")
    return problems


def duplicate_ids(site: Path) -> list[str]:
    """`page#id` for every id used more than once on one page of the site."""
    found = []
    for path in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        ids = [element["id"] for element in soup.find_all(id=True)]
        found += [f"{path.relative_to(site).as_posix()}#{i}" for i in sorted(set(ids)) if ids.count(i) > 1]
    return found


# -- fixtures ------------------------------------------------------------------------------------

PINNED_TODAY = "2026-11-26"
"""The day tests that judge dates set for themselves (the fixture hub's maps are due after it)."""


@pytest.fixture
def pinned_today(monkeypatch: pytest.MonkeyPatch) -> str:
    """Sets the tool's "today" to PINNED_TODAY for this test and the builds it runs."""
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", PINNED_TODAY)
    return PINNED_TODAY


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
    from browser import launch_chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def served_site(site: Path):
    """The fixture hub's session build, served over HTTP on 127.0.0.1."""
    from browser import serve_directory

    with serve_directory(site) as base_url:
        yield base_url


# -- story library ---------------------------------------------------------------------------------

STORIES_OVERLAY = FIXTURES / "stories-overlay"
"""Stories, their side files, an image, a draft and a docs page with markers, laid over the small hub."""


def copy_story_hub(dest: Path) -> Path:
    """A copy of the small fixture hub with the story overlay on top; returns its root."""
    root = copy_hub(dest)
    shutil.copytree(STORIES_OVERLAY, root, dirs_exist_ok=True)
    return root


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
    from browser import serve_directory

    with serve_directory(story_site) as base_url:
        yield base_url
