"""Accessibility and robustness of the hub in Chromium: axe-core finds no serious or critical
violation (the three stock Material ones included), no page logs an error, the learner pages work
at 390 px wide, and with JavaScript off every page still reads well."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.base import AXE_FILE_PATH
from browser import open_page, serve_directory
from hub import BuildResult
from learner_js import T0, complete, ready

pytestmark = [pytest.mark.build, pytest.mark.browser]

AXE = AXE_FILE_PATH.read_text(encoding="utf-8")
SERIOUS = ("serious", "critical")


def axe(page: Any) -> list[str]:
    """The serious and critical violations on the page as 'rule: target, target'."""
    page.evaluate(AXE)
    results = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    return [
        f"{v['id']} ({v['impact']}): {', '.join(' '.join(n['target']) for n in v['nodes'][:5])}"
        for v in results["violations"]
        if v["impact"] in SERIOUS
    ]


def with_progress(page: Any, base: str) -> None:  # noqa: F811 - base is the fixture's value
    """Some progress, so the learner pages show their full content to check."""
    page.clock.set_fixed_time(T0)
    complete(page, base, "tag-ten-tickets")
    complete(page, base, "prioritise-queue")
    page.goto(base + "maps/support/triage/")
    ready(page, "capability")
    page.check('input[name="hub-self-level"][value="expert"]')
    page.check('input[name="hub-manager-level"][value="assisted"]')
    page.clock.set_fixed_time(T0 + dt.timedelta(days=1))


PAGES = [
    ("", None),
    ("maps/support/", None),
    ("maps/support/triage/", "capability"),
    ("maps/support/rubric/", None),
    ("paths/first-week/", None),
    ("challenges/", None),
    ("challenges/tag-ten-tickets/", "challenge"),
    ("guide/", None),
    ("progress/", "progress"),
    ("review/", "review"),
    ("plan/", "plan"),
    ("plan/#c=tag-ten-tickets,rewrite-macro&t=Week%2012", "plan"),
]


def test_axe_finds_stock_materials_three_violations_without_the_fixes(browser: Any, site: Path, tmp_path: Path) -> None:
    """Guards the test below: axe runs, and sees what the plugin's theme fixes repair."""
    html = (site / "index.html").read_text(encoding="utf-8")
    stock = html.replace(' aria-label="Search"', "").replace("competency-hub/theme.css", "competency-hub/no-fixes.css")
    assert stock != html
    (tmp_path / "index.html").write_text(stock, encoding="utf-8")
    (tmp_path / "assets").symlink_to(site / "assets")
    with serve_directory(tmp_path) as url, open_page(browser) as watched:
        watched.page.goto(url)
        found = {line.split(" ")[0] for line in axe(watched.page)}
    assert found == {"aria-dialog-name", "color-contrast", "link-in-text-block"}


@pytest.mark.parametrize(("url", "kind"), PAGES, ids=[url or "home" for url, _ in PAGES])
def test_no_serious_axe_violation(browser: Any, base: str, url: str, kind: str | None) -> None:  # noqa: F811
    with open_page(browser, timezone_id="UTC") as watched:
        page = watched.page
        with_progress(page, base)
        page.goto(base + url)
        if kind:
            ready(page, kind)
        if kind == "review":
            page.click('[data-hub-recall] [data-hub-action="reveal"] >> nth=0')
        assert axe(page) == []
        assert watched.console_errors == []


def test_no_serious_axe_violation_on_the_starter_hub(browser: Any, starter_build: BuildResult) -> None:
    assert starter_build.returncode == 0, starter_build.output
    with serve_directory(starter_build.site) as url, open_page(browser) as watched:
        for path in ["", "maps/coaching/", "maps/coaching/feedback/", "challenges/write-one-sbi-feedback-note/", "guide/managers/", "progress/"]:
            watched.page.goto(url + path)
            watched.page.wait_for_load_state("networkidle")
            assert axe(watched.page) == [], path
        assert watched.console_errors == []


def test_no_page_of_the_hub_logs_an_error(browser: Any, base: str, site: Path) -> None:  # noqa: F811
    urls = sorted(
        path.parent.relative_to(site).as_posix() + "/" if path.name == "index.html" else path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
    )
    assert len(urls) > 15
    with open_page(browser, timezone_id="UTC") as watched:
        with_progress(watched.page, base)
        for url in urls:
            watched.page.goto(base + url.removeprefix("./"))
            watched.page.wait_for_load_state("networkidle")
            unready = watched.page.eval_on_selector_all("[data-hub-learner]:not([data-hub-ready='true'])", "els => els.length")
            assert unready == 0, url
        assert watched.console_errors == []
        assert watched.external_requests == []


@pytest.mark.parametrize(("url", "kind"), [p for p in PAGES if p[1]], ids=[p[0] for p in PAGES if p[1]])
def test_learner_pages_are_usable_at_390_px(browser: Any, base: str, url: str, kind: str) -> None:  # noqa: F811
    with open_page(browser, timezone_id="UTC", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True) as watched:
        page = watched.page
        with_progress(page, base)
        page.goto(base + url)
        ready(page, kind)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for control in page.locator("[data-hub-learner] button:visible, [data-hub-learner] input:visible").all():
            box = control.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, control.evaluate("e => e.outerHTML")


@pytest.mark.parametrize("url", ["challenges/tag-ten-tickets/", "maps/support/triage/", "progress/", "review/", "plan/"])
def test_without_javascript_the_pages_read_well(browser: Any, base: str, url: str) -> None:  # noqa: F811
    with open_page(browser, java_script_enabled=False) as watched:
        page = watched.page
        page.goto(base + url)
        assert page.locator("h1").first.is_visible()
        assert page.locator("[data-hub-fallback]").first.is_visible()
        assert "needs JavaScript" in page.locator("[data-hub-fallback]").first.inner_text()
        assert page.locator("[data-hub-action]:visible, input[type=radio]:visible").count() == 0
