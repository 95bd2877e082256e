"""A gallery of every kind of page of the starter hub, for docs/guide/gallery.md.

Builds and serves the starter hub and drives Debian's Chromium as tests/screenshots.py does (its
build, server and learner's first steps): each page kind is taken at 1280×900 (desktop) and 390×844
(phone), in the light palette and the dark one, as the viewport shows it (not the whole page), with
the clock fixed so that no image depends on today. The palette is the reader's system setting
(Chromium's prefers-color-scheme), which Material follows while no choice is stored; the script
checks that the page shows the scheme it asked for. One browser, one context per width and palette
(and one more for the search dialog, which needs the real clock).

    make gallery           # into docs/guide/images/gallery/<kind>-<width>-<light|dark>.jpg
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from browser import launch_chromium
from hub import html_path
from playwright.sync_api import sync_playwright
from screenshots import CAPABILITY, NOW, PATH, REPO, STEPS, BuildFailed, first_steps, ready, served_starter_hub

OUT = REPO / "docs" / "guide" / "images" / "gallery"
DOC = REPO / "docs" / "guide" / "gallery.md"


@dataclass(frozen=True)
class Kind:
    name: str
    url: str  # site-relative, with an anchor when the view starts there
    learner: str | None = None  # the learner tool to wait for (data-hub-learner)
    returning: bool = True  # taken after the learner's first steps; False: on a first visit
    clock: bool = True  # False: taken in a context of its own with the real clock (Material's search times its steps with Date.now)


SEARCH_QUERY = "feedback"

KINDS = [
    Kind("home-first-visit", "", "home", returning=False),
    Kind("home-returning", "", "home"),
    Kind("maps", "maps/"),
    Kind("map", "maps/coaching/"),
    Kind("capability", CAPABILITY, "capability"),
    Kind("capability-check-in", CAPABILITY + "#check-in", "capability"),
    Kind("rubric", "maps/coaching/rubric/"),
    Kind("challenges", "challenges/"),
    Kind("challenge", f"challenges/{STEPS[1]}/", "challenge"),
    Kind("paths", "paths/"),
    Kind("path", f"paths/{PATH}/", "path"),
    Kind("stories", "stories/"),
    Kind("story", "stories/check-ins-built-on-evidence/"),
    Kind("progress", "progress/", "progress"),
    Kind("plan", "plan/", "plan"),
    Kind("review", "review/", "review"),
    Kind("team", "team/", "team"),
    Kind("search", "", clock=False),  # the search dialog, open with SEARCH_QUERY
    Kind("not-found", "404.html"),  # what the web server sends for an unknown address
]
"""One representative page of each kind. The starter hub retires nothing, so it has no tombstone page."""

VIEWPORTS = {1280: 900, 390: 844}
PALETTES = {"light": "default", "dark": "slate"}  # Material's scheme for each
QUALITY = 60  # JPEG quality: text stays readable and the whole set near 4 MB (70 made it 4.8 MB)


def image_names() -> list[str]:
    """Every file the script writes, in docs/guide/images/gallery/."""
    return [f"{kind.name}-{width}-{palette}.jpg" for kind in KINDS for width in VIEWPORTS for palette in PALETTES]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    try:
        # Not strict: the gallery page links to the images this script writes, which a first run (or
        # a new page kind) has not written yet. `make build` is strict, and tells when one is missing.
        with served_starter_hub(strict=False) as (base, site):
            missing = [kind.url for kind in KINDS if not html_path(site, kind.url).is_file()]
            if missing:
                print(f"pages missing from the built site: {missing}", file=sys.stderr)
                return 1
            shoot(base, args.out)
    except BuildFailed as failure:
        print(failure, file=sys.stderr)
        return 1
    stale = sorted(path.name for path in args.out.glob("*.jpg") if path.name not in image_names())
    for name in stale:
        (args.out / name).unlink()
        print(f"removed {name}, which no page kind writes")
    size = sum(path.stat().st_size for path in args.out.glob("*.jpg"))
    print(f"{len(image_names())} images, {size / 1e6:.1f} MB, in {time.monotonic() - started:.0f} s")
    return 0


def shoot(base: str, out: Path) -> None:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        for width, height in VIEWPORTS.items():
            for palette, scheme in PALETTES.items():
                options = {
                    "viewport": {"width": width, "height": height},
                    "timezone_id": "UTC",
                    "locale": "en-GB",
                    "color_scheme": "dark" if palette == "dark" else "light",
                }
                context = browser.new_context(**options)
                page = context.new_page()
                page.clock.set_fixed_time(NOW)
                stepped = False
                for kind in KINDS:
                    if kind.returning and not stepped:
                        first_steps(page, base)
                        stepped = True
                    # The clock is the context's: a page that needs it running gets a context of its own.
                    shown = page if kind.clock else browser.new_context(**options).new_page()
                    show(shown, base, kind)
                    found = shown.evaluate("document.body.getAttribute('data-md-color-scheme')")
                    if found != scheme:
                        raise RuntimeError(f"{kind.name} at {width} px shows the {found!r} palette, not {scheme!r}")
                    target = out / f"{kind.name}-{width}-{palette}.jpg"
                    shown.screenshot(path=str(target), type="jpeg", quality=QUALITY)
                    if shown is not page:
                        shown.context.close()
                    print(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
                context.close()
        browser.close()


def show(page: Any, base: str, kind: Kind) -> None:
    """Opens the page of `kind` and brings it to the state the gallery shows."""
    address, _, anchor = kind.url.partition("#")
    page.goto(base + address)
    if kind.learner:
        ready(page, kind.learner)
    page.wait_for_load_state("networkidle")
    if kind.name == "search":
        page.keyboard.press("/")  # Material's shortcut: opens the search dialog on every width
        page.wait_for_selector(".md-search__input:focus")
        page.keyboard.type(SEARCH_QUERY)
        page.wait_for_selector(".md-search-result__item >> nth=0", state="visible")
    if anchor:
        # Scrolled down from the top once the learner tools have filled the page, to just below the
        # header (scrolling up would bring Material's "Back to top" button into the picture).
        page.evaluate(
            """id => window.scrollTo(0, document.getElementById(id).getBoundingClientRect().top + window.scrollY
                - document.querySelector('.md-header').offsetHeight - 16)""",
            anchor,
        )
    page.wait_for_timeout(300)


if __name__ == "__main__":
    raise SystemExit(main())
