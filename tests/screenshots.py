"""Screenshots of the learner's journey on the starter hub, for the learner guide (docs/guide/images/).

Builds the repository's hub into a temporary folder, serves it on 127.0.0.1, and drives Debian's
Chromium (never a downloaded browser) through a learner's first steps: follow the first coaching
path, place yourself on a capability, do two steps, record a milestone. Then it takes the pages.
tests/page_gallery.py (`make gallery`) reuses the build, the server and the first steps.

    make screenshots                                      # 1280 px, into docs/guide/images/
    .venv/bin/python tests/screenshots.py --width 390 --out /tmp/shots
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from browser import launch_chromium, serve_directory
from hub import build, copy_hub, edit
from learner_js import record_milestone
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
PATH = "coaching-your-team-first-quarter"
CAPABILITY = "maps/coaching/feedback/"
STEPS = ["ask-three-questions-before-advising", "write-one-sbi-feedback-note"]
NOW = dt.datetime(2025, 3, 3, 9, 30, tzinfo=dt.timezone.utc)


class BuildFailed(Exception):
    """The starter hub did not build; the exception's text is the build's output."""


@contextmanager
def served_starter_hub(*, strict: bool = True) -> Iterator[tuple[str, Path]]:
    """Builds the repository's hub into a temporary folder and serves it: yields (base URL ending in '/', site folder).

    strict=False builds a copy of the hub with `strict: false` in its mkdocs.yml, so that warnings do not stop it.
    """
    with tempfile.TemporaryDirectory() as folder:
        # The test suite's own helpers (outside pytest their mark checks do nothing).
        root = REPO
        if not strict:
            root = copy_hub(Path(folder), REPO)
            edit(root, "mkdocs.yml", "\nstrict: true\n", "\nstrict: false\n")
        result = build(root, Path(folder) / "site", strict=strict)
        if result.returncode != 0:
            raise BuildFailed(result.output)
        with serve_directory(result.site) as base:
            yield base.rstrip("/") + "/", result.site


def ready(page: Any, kind: str) -> None:
    """Waits until the learner tool `kind` (path, capability, home…) on the page is ready."""
    page.wait_for_selector(f'[data-hub-learner="{kind}"][data-hub-ready="true"]', state="attached")


def first_steps(page: Any, base: str) -> None:
    """A learner's first steps: follow the path, place yourself on a capability, do two steps, record a milestone."""
    page.goto(base + f"paths/{PATH}/")
    ready(page, "path")
    page.click('[data-hub-action="follow"]')
    page.goto(base + CAPABILITY)
    ready(page, "capability")
    page.check('input[name="hub-self-level"][value="assisted"]')
    page.fill('[data-hub-field="capability-note"]', "Ask Priya for one recorded 1:1 to practise on.")
    page.locator('[data-hub-field="capability-note"]').blur()
    for step in STEPS:
        page.goto(base + f"challenges/{step}/")
        ready(page, "challenge")
        page.click('[data-hub-action="complete"]')
    page.goto(base + f"paths/{PATH}/")
    ready(page, "path")
    record_milestone(
        page,
        "first-feedback-note",
        level="assisted",
        evidence="https://drive.example/feedback-note",
        role="manager",
        reviewer="Sam Lee",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "guide" / "images")
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with served_starter_hub() as (base, _site):
            shoot(base, args.out, args.width)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    return 0


def shoot(base: str, out: Path, width: int) -> None:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(viewport={"width": width, "height": 900}, timezone_id="UTC", locale="en-GB")
        page = context.new_page()
        page.clock.set_fixed_time(NOW)
        first_steps(page, base)

        suffix = "" if width == 1280 else f"-{width}"
        for name, url, kind in [
            ("learner-path", f"paths/{PATH}/", "path"),
            ("learner-home", "", "home"),
            ("learner-progress", "progress/", "progress"),
            ("learner-challenges", "challenges/", None),
            ("learner-capability", f"{CAPABILITY}#challenges", "capability"),
        ]:
            page.goto(base + url)
            if kind:
                ready(page, kind)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            target = out / f"{name}{suffix}.png"
            page.screenshot(path=str(target), full_page=name in ("learner-path", "learner-home"))
            print(target)
        browser.close()


if __name__ == "__main__":
    raise SystemExit(main())
