"""An in-browser crawl of a built site: every page visited in Chromium, every link and anchor followed.

It starts at the home page, follows every same-site link, then visits any HTML page of the site
that no link reached, so nothing is left out. Each page is watched for console errors and for
requests to other hosts (tests/browser.py blocks and records them). Links are checked against the
live DOM after the page's scripts ran: the target must load, and its #anchor must exist there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

from browser import open_page

SKIPPED_PAGES = {"404.html"}
"""The theme's error page links to the server root, not relative to itself; it is served on errors only."""

ID_SCRIPT = "els => els.map(e => e.getAttribute('id'))"
NAME_SCRIPT = "els => els.map(e => e.getAttribute('name'))"
HREF_SCRIPT = (
    "els => els.map(a => new URL(a.getAttribute('href') || a.getAttributeNS('http://www.w3.org/1999/xlink', 'href'),"
    " document.baseURI).href)"
)
"""Attributes, not properties: an SVG link's `href` property is an object, a form's `id` may be a field."""


@dataclass
class CrawlResult:
    pages: dict[str, set[str]] = field(default_factory=dict)
    """URL of each page visited (no fragment) → the ids in its DOM."""
    files: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    links: int = 0


def page_urls(site: Path, base: str, *, directory_urls: bool) -> set[str]:
    """The URL of every HTML page of the built site, as the crawl should meet it."""
    found = set()
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        if rel in SKIPPED_PAGES:
            continue
        if directory_urls and (rel == "index.html" or rel.endswith("/index.html")):
            rel = rel[: -len("index.html")]
        found.add(base + rel)
    return found


def _is_page(url: str) -> bool:
    path = urlsplit(url).path
    return path.endswith("/") or path.endswith(".html")


def crawl(browser, base: str, site: Path, *, directory_urls: bool) -> CrawlResult:  # type: ignore[no-untyped-def]
    """Visit every page under `base` (a URL ending in '/') in one browser context, one page at a time."""
    result = CrawlResult()
    expected = page_urls(site, base, directory_urls=directory_urls)
    start = base if directory_urls else base + "index.html"
    queue = [start]
    queued = {start}
    links: list[tuple[str, str]] = []
    with open_page(browser) as watched:
        page = watched.page
        while queue:
            url = queue.pop(0)
            response = page.goto(url, wait_until="load")
            if response is not None and not response.ok:
                result.problems.append(f"{url}: HTTP {response.status}")
                continue
            landed = urldefrag(page.url)[0]
            if landed != url:
                result.problems.append(f"{url}: ended on {landed}")
            result.pages[url] = set(page.eval_on_selector_all("[id]", ID_SCRIPT)) | set(
                page.eval_on_selector_all("a[name]", NAME_SCRIPT)
            )
            for href in page.eval_on_selector_all("a[href], a[*|href]", HREF_SCRIPT):
                target, _ = urldefrag(href)
                scheme = urlsplit(href).scheme
                if scheme not in ("http", "https", "file"):
                    continue
                if not target.startswith(base):
                    if scheme == "file" or urlsplit(href).netloc == urlsplit(base).netloc:
                        result.problems.append(f"{url}: {href} leaves the hub's folder")
                    continue
                links.append((url, href))
                if _is_page(target) and target not in queued:
                    queue.append(target)
                    queued.add(target)
            if not queue:  # pages no link reached are visited too
                for missing in sorted(expected - queued):
                    queue.append(missing)
                    queued.add(missing)
        request = page.context.request
        for source, href in links:
            result.links += 1
            target, fragment = urldefrag(href)
            if _is_page(target):
                if scheme_is_file(target) and target.endswith("/"):
                    result.problems.append(f"{source}: {href} points at a folder, which a file share shows as a listing")
                elif target not in result.pages:
                    result.problems.append(f"{source}: {href} was not visited")
                elif fragment and unquote(fragment) not in result.pages[target]:
                    result.problems.append(f"{source}: {href}: no element with id {unquote(fragment)!r}")
            elif target not in result.files:
                if scheme_is_file(target):
                    ok = Path(unquote(urlsplit(target).path)).is_file()
                else:
                    ok = request.get(target).ok
                if ok:
                    result.files.add(target)
                else:
                    result.problems.append(f"{source}: {href}: the file does not load")
        result.console_errors = list(watched.console_errors)
        result.external_requests = list(watched.external_requests)
        result.dialogs = list(watched.dialogs)
    unvisited = expected - set(result.pages)
    result.problems += [f"{url}: never visited" for url in sorted(unvisited)]
    return result


def scheme_is_file(url: str) -> bool:
    return urlsplit(url).scheme == "file"


@dataclass
class SearchResult:
    landed: str
    """The URL of the page the first result opened."""
    results: int
    text: str
    """The text of the opened page's article."""
    console_errors: list[str]
    external_requests: list[str]


def search_and_open(browser, base: str, word: str) -> SearchResult:  # type: ignore[no-untyped-def]
    """Type `word` into the theme's search box on the home page, and open the first result."""
    with open_page(browser) as watched:
        page = watched.page
        page.goto(base + ("index.html" if base.startswith("file:") else ""), wait_until="load")
        box = page.locator("input.md-search__input")
        box.click()
        box.press_sequentially(word)  # key by key, as a reader types: the theme searches on key events
        results = page.locator(".md-search-result__item")
        results.first.wait_for()
        count = results.count()
        home = page.url
        page.locator(".md-search-result__item a").first.click()
        page.wait_for_url(lambda url: url.split("?")[0] != home.split("?")[0])
        page.locator("article.md-content__inner h1").first.wait_for()
        text = page.locator("article.md-content__inner").first.inner_text()
        return SearchResult(page.url, count, text, list(watched.console_errors), list(watched.external_requests))
