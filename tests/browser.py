"""Browser test support: Debian's Chromium driven by Playwright, and a local static server.

Playwright never downloads a browser here: it launches /usr/bin/chromium (installed by
`make test`). Every page opened through `open_page` records console errors and any request to a
host other than the local server, which tests then assert are empty.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from hub import build
from marks import require_mark

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
"""Without the background-networking flags Chromium phones home at start; the tests must see none of that."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


@contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class WatchedPage:
    """A Playwright page plus what went wrong while it was open."""

    page: object
    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def launch_chromium(playwright):  # type: ignore[no-untyped-def]
    require_mark("browser", "Chromium")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium package")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


@contextmanager
def open_page(browser, *, allowed_hosts: tuple[str, ...] = ("127.0.0.1", "localhost"), **context_options) -> Iterator[WatchedPage]:  # type: ignore[no-untyped-def]
    """A fresh browser context and page; requests to other hosts are blocked and recorded."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    watched = WatchedPage(page)

    def on_route(route) -> None:  # type: ignore[no-untyped-def]
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in allowed_hosts:
            watched.external_requests.append(url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", on_route)
    page.on("console", lambda message: watched.console_errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watched.console_errors.append(str(error)))

    def on_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield watched
    finally:
        context.close()


def serious_axe_violations(page, rules: tuple[str, ...] = ()) -> list[str]:  # type: ignore[no-untyped-def]
    """axe-core's serious and critical violations on the page, as 'rule (impact): target, target'.

    `rules` runs only those axe rules (e.g. ("color-contrast",)); empty runs them all.
    """
    from axe_playwright_python.base import AXE_FILE_PATH

    page.evaluate(AXE_FILE_PATH.read_text(encoding="utf-8"))
    options = {"resultTypes": ["violations"], **({"runOnly": {"type": "rule", "values": list(rules)}} if rules else {})}
    results = page.evaluate("options => axe.run(document, options)", options)
    return [
        f"{v['id']} ({v['impact']}): {', '.join(' '.join(n['target']) for n in v['nodes'][:5])}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@contextmanager
def served_with_site_url(root: Path, site: Path, configure) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """Builds the hub at `root` into `site` while serving `site` on 127.0.0.1, and yields the address.

    Material's instant navigation intercepts only links listed in sitemap.xml, which MkDocs fills only
    when site_url is set: so `configure(url)` edits mkdocs.yml (setting site_url to the address) first.
    """
    site.mkdir(exist_ok=True)
    with serve_directory(site) as url:
        configure(url)
        result = build(root, site)
        assert result.returncode == 0, result.output
        yield url
