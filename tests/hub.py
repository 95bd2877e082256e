"""Shared helpers for the tests: copy the fixture hub, edit one file, validate with the core, build
with real MkDocs, read the built pages, run the command line in this process.

Every build runs the real `mkdocs build` in a subprocess, into a temporary folder, and pages are
parsed with BeautifulSoup. Fixtures (the shared session builds among them) live in conftest.py;
tests import what they use from here, never from conftest.py or from another test module
(test_suite_rules.py checks).
"""

from __future__ import annotations

import datetime
import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from competency_hub.cli.main import check_hub, main
from competency_hub.diagnostics import Diagnostics
from competency_hub.placeholders import MARK
from jsonschema import Draft202012Validator
from marks import require_mark

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
    require_mark("build", "`mkdocs build`")
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


PINNED_TODAY = "2026-11-26"
"""The day tests that judge dates set for themselves (the fixture hub's maps are due after it)."""


# -- story library ---------------------------------------------------------------------------------

STORIES_OVERLAY = FIXTURES / "stories-overlay"
"""Stories, their side files, an image, a draft and a docs page with markers, laid over the small hub."""


def copy_story_hub(dest: Path) -> Path:
    """A copy of the small fixture hub with the story overlay on top; returns its root."""
    root = copy_hub(dest)
    shutil.copytree(STORIES_OVERLAY, root, dirs_exist_ok=True)
    return root


def front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


STORY_FILES = {p.stem: p for p in sorted((STORIES_OVERLAY / "stories").rglob("*.md"))}
STORIES = {slug: front_matter(path) for slug, path in STORY_FILES.items()}
PUBLISHED = sorted(
    (slug for slug, data in STORIES.items() if not data.get("draft")),
    key=lambda slug: (-STORIES[slug]["date"].toordinal(), slug),
)
"""Published slugs of the story overlay, newest first: the order of the library."""


# -- the command line, in this process -------------------------------------------------------------


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """`competency-hub argv…` in this process: (exit status, stdout, stderr)."""
    try:
        status = main(list(argv))
    except SystemExit as exc:  # argparse errors and --version
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


IMPORT_EPOCH = "1767225600"
"""SOURCE_DATE_EPOCH of the `fixed_time` fixture: an imported file is new, so its time would differ
from the original's; pinned, exports compare byte for byte."""


def export(capsys: pytest.CaptureFixture[str], root: Path, out: Path, *options: str) -> dict[str, bytes]:
    """`competency-hub export` of the hub at `root` into `out`: every file written → its bytes."""
    status, _, err = run(capsys, "export", str(root), "--out", str(out), *options)
    assert status == 0, err
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def empty_hub(tmp_path: Path) -> Path:
    """A hub with no map, no challenge and no page, to import into."""
    root = tmp_path / "empty"
    (root / "maps").mkdir(parents=True)
    (root / "challenges").mkdir()
    (root / "docs").mkdir()
    (root / "mkdocs.yml").write_text(
        "site_name: Empty hub\ntheme:\n  name: material\n  font: false\nplugins:\n  - search\n  - competency-hub\n",
        encoding="utf-8",
    )
    return root


def imported(capsys: pytest.CaptureFixture[str], kind: str, path: Path, root: Path, *options: str) -> tuple[int, str, str]:
    """`competency-hub import kind path --root root options…` in this process."""
    return run(capsys, "import", kind, str(path), "--root", str(root), *options)


def fill_in(path: Path, replacements: dict[str, str] | None = None) -> None:
    """What an author does: a real text for every placeholder value, and every `# TODO:` comment deleted."""
    text = path.read_text(encoding="utf-8")
    for old, new in (replacements or {}).items():
        assert old in text, old
        text = text.replace(old, new)
    text = re.sub(r"[ \t]+# " + re.escape(MARK) + r".*", "", text)
    text = re.sub(r"""(["'])""" + re.escape(MARK) + r" .*\1$", '"Checks the queue every hour and writes down what changed."', text, flags=re.MULTILINE)
    text = re.sub(re.escape(MARK) + r" .*", "Sorted the queue by age and wrote down what changed.", text)
    assert MARK not in text
    path.write_text(text, encoding="utf-8")


# -- the published JSON Schemas ----------------------------------------------------------------------

SCHEMAS_DIR = REPO / "schemas"


def nav_section(nav: list[Any], title: str) -> list[Any] | None:
    """The entries of the section called `title`, at any depth of a `nav` / `docs_nav` list."""
    for item in nav:
        if isinstance(item, dict):
            for key, value in item.items():
                if key == title and isinstance(value, list):
                    return value
                if isinstance(value, list) and (found := nav_section(value, title)) is not None:
                    return found
    return None


def starter_plugin_options() -> dict[str, Any]:
    """The starter hub's `competency-hub` options, as mkdocs.yml writes them."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return next(p["competency-hub"] for p in config["plugins"] if isinstance(p, dict) and "competency-hub" in p)


def starter_docs_nav() -> list[Any]:
    """The starter hub's `docs_nav`, as mkdocs.yml writes it."""
    return starter_plugin_options()["docs_nav"]


def schema(kind: str) -> dict[str, Any]:
    return json.loads((SCHEMAS_DIR / f"{kind}.schema.json").read_text(encoding="utf-8"))


def validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(schema(kind), format_checker=Draft202012Validator.FORMAT_CHECKER)


def as_json(value: Any) -> Any:
    """YAML data as JSON sees it: dates become the ISO strings editors' YAML plugins see."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def controls(soup: BeautifulSoup) -> list[str]:
    """The hub's own markup in a page's article: its data-hub-* elements, forms, buttons, inputs, SVG."""
    article = content(soup)
    found = []
    for element in article.find_all(True):
        hub_attributes = sorted(name for name in element.attrs if name.startswith("data-hub-") or name in ("download", "rel"))
        if hub_attributes or element.name in ("form", "button", "input", "textarea", "select", "svg", "nav"):
            found.append(f"<{element.name} {' '.join(hub_attributes)}>")
    return found


def searched_pages(site: Path) -> dict[str, str]:
    """URL → text of every page the header search indexes, read from the built pages as Pagefind
    reads them: the article marked `data-pagefind-body`, without the parts it is told to skip."""
    from competency_hub.mkdocs.search import EXCLUDED

    found: dict[str, str] = {}
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        if "data-pagefind-body" not in text:
            continue
        article = BeautifulSoup(text, "html.parser").select_one("[data-pagefind-body]")
        for skipped in article.select(", ".join(("[data-pagefind-ignore]", *EXCLUDED))):
            skipped.decompose()
        rel = path.relative_to(site).as_posix()
        found[rel[: -len("index.html")] if rel.endswith("index.html") else rel] = " ".join(article.get_text(" ").split())
    return found
