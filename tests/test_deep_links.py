"""Deep links for managers: a visible, touch-sized "Copy link" for every level and behaviour of a
capability page copies its absolute address, and a behaviour opened from one is shown under its level
heading (not behind Material's header, nor with the level out of view)."""

from __future__ import annotations

from typing import Any

import pytest
from browser import open_page

pytestmark = [pytest.mark.build, pytest.mark.browser]

PAGE = "maps/support/triage/"
CLIPBOARD = ["clipboard-read", "clipboard-write"]


@pytest.mark.parametrize("width", [1280, 390])
def test_every_level_and_behaviour_has_a_copy_link_that_copies_its_address(browser: Any, base: str, width: int) -> None:
    with open_page(browser, viewport={"width": width, "height": 800}, permissions=CLIPBOARD) as watched:
        page = watched.page
        page.goto(base + PAGE)
        page.wait_for_selector("li[data-hub-behaviour] [data-hub-copy-link]")
        missing = page.evaluate(
            """() => [...document.querySelectorAll('li[data-hub-behaviour]')]
                 .filter((li) => !li.querySelector(`[data-hub-copy-link="${li.id}"]`)).map((li) => li.id)"""
        )
        assert missing == []
        levels = page.evaluate("() => [...document.querySelectorAll('ul.hub-behaviours')].map((ul) => ul.dataset.hubLevel)")
        assert levels and all(page.locator(f'#level-{level} [data-hub-copy-link="level-{level}"]').count() == 1 for level in levels)

        last = page.evaluate("() => [...document.querySelectorAll('li[data-hub-behaviour]')].at(-1).id")
        control = page.locator(f'[data-hub-copy-link="{last}"]')
        box = control.bounding_box()
        assert box and box["width"] >= 24 and box["height"] >= 24, "a touch-sized target (WCAG 2.5.8)"
        assert control.get_attribute("aria-label") == "Copy the link to this behaviour"
        control.click()
        assert page.evaluate("navigator.clipboard.readText()") == f"{base}{PAGE}#{last}"
        assert control.locator("xpath=following-sibling::*[@role='status'][1]").inner_text() == "Link copied"
        assert watched.console_errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_a_behaviour_opened_from_its_link_shows_under_its_level_heading(browser: Any, base: str, width: int) -> None:
    with open_page(browser, viewport={"width": width, "height": 700}) as watched:
        page = watched.page
        page.goto(base + PAGE)
        page.wait_for_selector("li[data-hub-behaviour] [data-hub-copy-link]")
        level, behaviour = page.evaluate(
            """() => { const lists = [...document.querySelectorAll('ul.hub-behaviours')];
                       const ul = lists.at(-1); return [ul.dataset.hubLevel, [...ul.children].at(-1).id]; }"""
        )
        page.goto(f"{base}{PAGE}#{behaviour}")
        page.wait_for_selector(f'[data-hub-copy-link="{behaviour}"]')
        page.wait_for_timeout(300)
        heading, target, header, height = page.evaluate(
            f"""() => [document.getElementById('level-{level}').getBoundingClientRect().top,
                       document.getElementById('{behaviour}').getBoundingClientRect().bottom,
                       document.querySelector('.md-header').getBoundingClientRect().bottom, innerHeight]"""
        )
        assert header <= heading < target <= height, (heading, target, header, height)
        assert watched.console_errors == []
