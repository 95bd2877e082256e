"""Light and dark palettes on the starter hub: the header toggle switches them, the reader's system
setting chooses at first, and every page kind keeps WCAG AA colour contrast in both (axe-core's
colour rules at 1280 px and 390 px; computed border contrast of buttons, fields and the journey's
step marks; the rubric's borders on screen and in print)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

import pytest
from browser import WatchedPage, open_page, serious_axe_violations, serve_directory
from hub import REPO, BuildResult, page

PATH = "coaching-your-team-first-quarter"
NOW = dt.datetime(2025, 3, 3, 9, 30, tzinfo=dt.timezone.utc)

PAGE_KINDS = {
    "home": ("", "home"),
    "map": ("maps/coaching/", None),
    "capability": ("maps/coaching/feedback/", "capability"),
    "rubric": ("maps/coaching/rubric/", None),
    "path": (f"paths/{PATH}/", "path"),
    "challenge": ("challenges/write-one-sbi-feedback-note/", "challenge"),
    "challenges index": ("challenges/", None),
    "story": ("stories/check-ins-built-on-evidence/", None),
    "stories index": ("stories/", None),
    "progress": ("progress/", "progress"),
    "review": ("review/", "review"),
    "plan": ("plan/", "plan"),
    "data": ("exports/", None),
}
"""One page of each kind the hub makes, on the starter hub."""

COLOUR_RULES = ("color-contrast", "link-in-text-block")

CONTRAST = """([selector, pseudo, property]) => {
  const rgba = text => {
    const parts = text.match(/rgba?\\(([^)]*)\\)/)[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
  const luminance = rgb => {
    const [r, g, b] = rgb.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const element = document.querySelector(selector);
  if (!element) return null;
  let background = [255, 255, 255];
  const layers = [];
  for (let node = element.parentElement; node; node = node.parentElement) layers.push(rgba(getComputedStyle(node).backgroundColor));
  for (const layer of layers.reverse()) background = over(layer, background);
  const colour = over(rgba(getComputedStyle(element, pseudo).getPropertyValue(property)), background);
  const [light, dark] = [luminance(colour), luminance(background)].sort((x, y) => y - x);
  return Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100;
}"""
"""The contrast ratio of an element's (or pseudo-element's) colour property against what lies behind it."""


@pytest.fixture(scope="module")
def starter(starter_build: BuildResult) -> Iterator[str]:
    assert starter_build.returncode == 0, starter_build.output
    with serve_directory(starter_build.site) as url:
        yield url


def ready(page: Any, kind: str) -> None:
    page.wait_for_selector(f'[data-hub-learner="{kind}"][data-hub-ready="true"]', state="attached")


def learn_a_little(page: Any, base: str) -> None:
    """A learner's first steps, so progress marks, the journey's states and the learner pages show."""
    page.clock.set_fixed_time(NOW)
    page.goto(base + f"paths/{PATH}/")
    ready(page, "path")
    page.click('[data-hub-action="follow"]')
    page.goto(base + "maps/coaching/feedback/")
    ready(page, "capability")
    page.check('input[name="hub-self-level"][value="assisted"]')
    for step in ("ask-three-questions-before-advising", "write-one-sbi-feedback-note"):
        page.goto(base + f"challenges/{step}/")
        ready(page, "challenge")
        page.click('[data-hub-action="complete"]')
    page.clock.set_fixed_time(NOW + dt.timedelta(days=2))


def switch_to(page: Any, scheme: str) -> None:
    """Clicks the header's palette toggle until `scheme` is on (Material then remembers it)."""
    for _ in range(2):
        if page.get_attribute("body", "data-md-color-scheme") == scheme:
            return
        page.locator('form[data-md-component="palette"] label:visible').click()
    assert page.get_attribute("body", "data-md-color-scheme") == scheme


@pytest.mark.build
def test_the_starter_hub_has_a_light_and_a_dark_palette_with_a_toggle_and_no_web_font(starter_build: BuildResult) -> None:
    assert starter_build.returncode == 0, starter_build.output
    home = page(starter_build.site, "")
    options = home.select('form[data-md-component="palette"] input[name="__palette"]')
    assert [(o["data-md-color-scheme"], o["data-md-color-media"]) for o in options] == [
        ("default", "(prefers-color-scheme: light)"),
        ("slate", "(prefers-color-scheme: dark)"),
    ]
    assert [o["aria-label"] for o in options] == ["Switch to dark mode", "Switch to light mode"]
    assert len(home.select('form[data-md-component="palette"] label[title]')) == 2
    assert "fonts.googleapis" not in str(home) and "fonts.gstatic" not in str(home)
    assert "  font: false\n" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("system", ["light", "dark"])
def test_the_readers_system_setting_chooses_the_palette_and_the_toggle_switches_it(browser: Any, starter: str, system: str) -> None:
    first, other = ("default", "slate") if system == "light" else ("slate", "default")
    with open_page(browser, color_scheme=system) as watched:
        watched.page.goto(starter)
        assert watched.page.get_attribute("body", "data-md-color-scheme") == first
        switch_to(watched.page, other)
        watched.page.goto(starter + "maps/coaching/")
        assert watched.page.get_attribute("body", "data-md-color-scheme") == other
        assert watched.console_errors == []


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_every_page_kind_has_aa_colour_contrast_in_both_palettes(browser: Any, starter: str, scheme: str, width: int) -> None:
    found: list[str] = []
    with open_page(browser, timezone_id="UTC", color_scheme="light", viewport={"width": width, "height": 900}, is_mobile=width < 500) as watched:
        page_ = watched.page
        learn_a_little(page_, starter)
        page_.goto(starter)
        switch_to(page_, scheme)
        for name, (url, kind) in PAGE_KINDS.items():
            page_.goto(starter + url)
            if kind:
                ready(page_, kind)
            page_.wait_for_load_state("networkidle")
            if kind == "review":
                page_.click('[data-hub-action="reveal"] >> nth=0')
                page_.mouse.move(0, 0)
                page_.wait_for_timeout(300)  # Material's buttons fade between colours for 125 ms: axe must see where they end
            assert page_.get_attribute("body", "data-md-color-scheme") == scheme, name
            found += [f"{name}: {violation}" for violation in serious_axe_violations(page_, COLOUR_RULES)]
        assert watched.console_errors == []
        assert watched.external_requests == []
    assert found == [], "\n".join(found)


@pytest.fixture(scope="module")
def palettes(browser: Any, starter: str) -> Iterator[dict[str, WatchedPage]]:
    """One page per palette, with a little progress; tests navigate them."""
    with open_page(browser, timezone_id="UTC", color_scheme="light") as light, open_page(browser, timezone_id="UTC", color_scheme="dark") as dark:
        for watched in (light, dark):
            learn_a_little(watched.page, starter)
        yield {"default": light, "slate": dark}


OUTLINED = '.md-typeset .md-button:not(.md-button--primary):not([aria-pressed="true"])'
"""The first outlined button of a page; this measure compares a colour with what lies behind the element."""

BORDERS = [
    # (a pressed Done toggle is filled, not outlined: its text lies on its own colour, which axe checks)
    ("outlined button", "challenges/write-one-sbi-feedback-note/", OUTLINED, "", "border-top-color"),
    ("outlined button's text", "challenges/write-one-sbi-feedback-note/", OUTLINED, "", "color"),
    ("text field", "maps/coaching/feedback/", '[data-hub-field="capability-note"]', "", "border-top-color"),
    ("journey's next step", f"paths/{PATH}/", '.hub-path--journey > li[data-hub-state="next"]', "::before", "border-top-color"),
    ("journey's open step", f"paths/{PATH}/", '.hub-path--journey > li.hub-path__step[data-hub-state="todo"]', "::before", "border-top-color"),
    ("journey's done step", f"paths/{PATH}/", '.hub-path--journey > li[data-hub-state="done"]', "::before", "background-color"),
    ("journey's line through done steps", f"paths/{PATH}/", '.hub-path--journey > li[data-hub-state="done"]', "", "border-left-color"),
]


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize(("what", "url", "selector", "pseudo", "prop"), BORDERS, ids=[b[0] for b in BORDERS])
def test_controls_and_marks_stand_out_at_3_to_1(palettes: dict[str, WatchedPage], starter: str, scheme: str, what: str, url: str, selector: str, pseudo: str, prop: str) -> None:
    page_ = palettes[scheme].page
    page_.goto(starter + url)
    page_.wait_for_load_state("networkidle")
    assert page_.get_attribute("body", "data-md-color-scheme") == scheme
    page_.wait_for_selector(selector, state="attached")
    ratio = page_.evaluate(CONTRAST, [selector, pseudo or None, prop])
    assert ratio >= 3, f"{what}: {ratio}:1 in {scheme}"


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("media", ["screen", "print"])
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_rubric_table_has_borders_on_screen_and_in_print(palettes: dict[str, WatchedPage], starter: str, scheme: str, media: str) -> None:
    page_ = palettes[scheme].page
    page_.emulate_media(media=media)
    try:
        page_.goto(starter + "maps/coaching/rubric/")
        widths = page_.eval_on_selector_all(
            "table.hub-rubric th, table.hub-rubric td",
            "cells => cells.map(c => ['Top', 'Right', 'Bottom', 'Left'].map(side => parseFloat(getComputedStyle(c)['border' + side + 'Width'])))",
        )
        assert widths and all(min(sides) > 0 for sides in widths)
        if media == "print":  # on white paper, whichever palette is on screen (Material's dark one is for screens)
            assert page_.evaluate("getComputedStyle(document.body).color") in ("rgba(0, 0, 0, 0.87)", "rgb(0, 0, 0)")
            ratio = page_.evaluate(CONTRAST, ["table.hub-rubric td", None, "border-top-color"])
            assert ratio >= 3
    finally:
        page_.emulate_media(media="screen")
