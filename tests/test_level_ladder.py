"""The level ladder (learner/_ladder.html.j2, marked by decorate.js) and the styled learner controls,
read in Chromium on the fixture hub.

The ladder lists the map's levels in order on a capability page and, compact, on the map page; each
step links to its level's section; with a progress document holding the learner's level and the level
their manager placed them at, the right steps say "You" and "Manager" in words; without JavaScript it
is the plain list of levels; at 390 px it fits the screen. The styled controls keep the real inputs
(radios, a file input that still takes files) and are at least 44 px tall on a phone.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from browser import WatchedPage, open_page
from competency_hub.model.progress import STORAGE_KEY
from hub import SMALL_HUB
from learner_js import ready

pytestmark = [pytest.mark.build, pytest.mark.browser]

LEVELS = [(level["id"], level["name"]) for level in yaml.safe_load((SMALL_HUB / "maps" / "support.yml").read_text(encoding="utf-8"))["scale"]]
assert [level_id for level_id, _ in LEVELS] == ["assisted", "independent", "expert"]

PROGRESS = {
    "format": "competency-hub-progress",
    "version": 2,
    "challenges": {},
    "levels": {
        "support/triage": [
            {"level": "assisted", "at": "2025-03-03T09:30:00.000Z", "by": "self", "name": "", "evidence": ""},
            {"level": "independent", "at": "2025-03-01T12:00:00.000Z", "by": "manager", "name": "Sam Lee", "evidence": ""},
        ]
    },
}

STEPS = """(ladder) => [...ladder.querySelectorAll('[data-hub-ladder-level]')].map((step) => ({
  level: step.dataset.hubLadderLevel,
  name: step.querySelector('.hub-ladder__name').textContent.trim(),
  href: step.querySelector('a').getAttribute('href'),
  mark: step.dataset.hubLadderMark ?? null,
  badges: [...step.querySelectorAll('[data-hub-ladder-badge]')].map((b) => b.textContent.trim()),
  text: step.innerText,
}))"""



def _page(browser: Any, width: int, **options: Any):  # type: ignore[no-untyped-def]
    return open_page(browser, timezone_id="UTC", viewport={"width": width, "height": 900}, is_mobile=width < 500, **options)


def _seed(page: Any, progress: dict[str, Any]) -> None:
    page.add_init_script(f"localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(json.dumps(progress))})")


def _clean(watched: WatchedPage) -> None:
    assert watched.console_errors == []
    assert watched.external_requests == []


def _marked(page: Any, ladder: str) -> list[dict[str, Any]]:
    page.wait_for_selector(f"{ladder}[data-hub-state]")
    return page.locator(ladder).evaluate(STEPS)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_capability_page_ladder_lists_the_levels_in_order_and_marks_you_and_your_manager(browser: Any, served_site: str, width: int) -> None:
    with _page(browser, width) as watched:
        page = watched.page
        _seed(page, PROGRESS)
        page.goto(served_site + "maps/support/triage/")
        ladder = ".hub-ladder:not(.hub-ladder--compact)"
        steps = _marked(page, ladder)
        assert [(step["level"], step["name"]) for step in steps] == LEVELS
        assert [step["href"] for step in steps] == [f"#level-{level_id}" for level_id, _ in LEVELS]
        for level_id, _ in LEVELS:
            assert page.locator(f"#level-{level_id}").count() == 1
        by_level = {step["level"]: step for step in steps}
        assert by_level["assisted"]["mark"] == "self"
        assert by_level["assisted"]["badges"] == ["(You: your level)"]
        assert "You" in by_level["assisted"]["text"]
        assert by_level["independent"]["mark"] == "manager"
        assert "Manager" in by_level["independent"]["text"]
        assert by_level["expert"]["mark"] == "" and by_level["expert"]["badges"] == []
        assert "Manager" not in by_level["assisted"]["text"] and "You" not in by_level["independent"]["text"]
        # the ladder sits near the top: before "Why it matters"
        assert page.evaluate(
            "() => !!(document.querySelector('.hub-ladder').compareDocumentPosition(document.getElementById('why-it-matters')) & Node.DOCUMENT_POSITION_FOLLOWING)"
        )
        # a step's link goes to its level's section
        page.locator(f"{ladder} [data-hub-ladder-level='expert'] a").click()
        page.wait_for_function("() => location.hash === '#level-expert'")
        # it fits the screen: no step sticks out, the page does not scroll sideways
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        right = page.locator(ladder).evaluate("(l) => Math.max(...[...l.querySelectorAll('li')].map((s) => s.getBoundingClientRect().right))")
        assert right <= width
        _clean(watched)


def test_choosing_levels_on_the_capability_page_moves_the_marks(browser: Any, served_site: str) -> None:
    with _page(browser, 1280) as watched:
        page = watched.page
        page.goto(served_site + "maps/support/triage/")
        ready(page, "capability")
        ladder = ".hub-ladder:not(.hub-ladder--compact)"
        page.wait_for_selector(f"{ladder}[data-hub-state='todo']")
        assert page.locator("[data-hub-ladder-badge]").count() == 0
        page.check('input[name="hub-self-level"][value="independent"]')
        page.wait_for_selector(f"{ladder} [data-hub-ladder-level='independent'] [data-hub-ladder-badge='self']")
        page.check('input[name="hub-manager-level"][value="independent"]')
        page.wait_for_selector(f"{ladder} [data-hub-ladder-level='independent'] [data-hub-ladder-badge='manager']")
        step = page.locator(f"{ladder} [data-hub-ladder-level='independent']")
        assert step.get_attribute("data-hub-ladder-mark") == "self manager"
        assert "You" in step.inner_text() and "Manager" in step.inner_text()
        reached = page.locator(f"{ladder} [data-hub-reached]").evaluate_all("(els) => els.map((e) => e.dataset.hubLadderLevel)")
        assert reached == ["assisted", "independent"]
        _clean(watched)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_map_page_has_a_compact_ladder_per_capability_with_the_same_marks(browser: Any, served_site: str, width: int) -> None:
    with _page(browser, width) as watched:
        page = watched.page
        _seed(page, PROGRESS)
        page.goto(served_site + "maps/support/")
        ladders = page.locator(".hub-ladder--compact")
        capabilities = page.locator("#capabilities ~ * a[data-hub-mark-capability]:not(.hub-graph__node)")
        assert ladders.count() == capabilities.count() >= 2
        steps = _marked(page, '.hub-ladder--compact[data-hub-mark-capability="support/triage"]')
        assert [(step["level"], step["name"]) for step in steps] == LEVELS
        assert [step["href"].split("#")[1] for step in steps] == [f"level-{level_id}" for level_id, _ in LEVELS]
        assert all(step["href"].startswith("triage/") for step in steps), steps
        by_level = {step["level"]: step for step in steps}
        assert "You" in by_level["assisted"]["text"] and by_level["assisted"]["mark"] == "self"
        assert "Manager" in by_level["independent"]["text"] and by_level["independent"]["mark"] == "manager"
        other = page.locator('.hub-ladder--compact[data-hub-mark-capability="support/replies"]')
        assert other.get_attribute("data-hub-state") == "todo"
        assert other.locator("[data-hub-ladder-badge]").count() == 0
        # a compact step's link opens the capability page at the level
        page.locator('.hub-ladder--compact[data-hub-mark-capability="support/triage"] [data-hub-ladder-level="expert"] a').click()
        page.wait_for_url("**/maps/support/triage/#level-expert")
        if width == 390:
            page.go_back()
            page.wait_for_selector('.hub-ladder--compact[data-hub-mark-capability="support/triage"]')
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        _clean(watched)


def test_without_javascript_the_ladder_is_the_list_of_levels(browser: Any, served_site: str) -> None:
    with _page(browser, 390, java_script_enabled=False) as watched:
        page = watched.page
        page.goto(served_site + "maps/support/triage/")
        items = page.locator(".hub-ladder ol > li")
        assert [name.strip() for name in page.locator(".hub-ladder ol > li .hub-ladder__name").all_inner_texts()] == [name for _, name in LEVELS]
        assert items.count() == len(LEVELS)
        assert page.locator(".hub-ladder ol").get_attribute("aria-label") == "Levels of Ticket triage, lowest first"  # a name, without an id that would look like a promised anchor
        assert page.locator("[data-hub-ladder-badge]").count() == 0
        assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _height(locator: Any) -> float:
    return locator.evaluate("(e) => e.getBoundingClientRect().height")


def test_the_styled_controls_keep_real_inputs_and_are_touch_sized_on_a_phone(browser: Any, served_site: str, tmp_path: Any) -> None:
    with _page(browser, 390) as watched:
        page = watched.page
        page.goto(served_site + "maps/support/triage/")
        ready(page, "capability")
        radios = page.locator("label.hub-self__level")
        assert radios.count() >= 2 * (len(LEVELS) + 1)
        for i in range(radios.count()):
            label = radios.nth(i)
            if not label.is_visible():
                continue  # the folded "Record the level your manager placed you at"
            assert label.locator("input").get_attribute("type") == "radio"
            assert _height(label) >= 44, label.inner_text()
        # a click anywhere on the card checks its radio, and the card shows it
        card = page.locator('label.hub-self__level:has(input[name="hub-self-level"][value="expert"])')
        card.click(position={"x": 200, "y": 10})
        assert page.is_checked('input[name="hub-self-level"][value="expert"]')
        assert card.evaluate("(e) => getComputedStyle(e).fontWeight") == "700"
        # keyboard: arrows move between the real radios
        page.focus('input[name="hub-self-level"][value="expert"]')
        page.keyboard.press("ArrowUp")
        assert page.is_checked('input[name="hub-self-level"][value="independent"]')

        # the plan's Move up / Move down / Remove buttons
        page.goto(served_site + "plan/")
        ready(page, "plan")
        picks = page.locator("input[data-hub-pick]")
        assert picks.first.get_attribute("type") == "checkbox"
        picks.nth(0).check()
        picks.nth(1).check()
        buttons = page.locator("button.hub-plan__move")
        assert buttons.count() == 6
        for i in range(buttons.count()):
            assert _height(buttons.nth(i)) >= 44
        assert _height(page.locator('label[for^="hub-pick-"]').first) >= 44
        assert page.evaluate("document.documentElement.scrollWidth") <= 390

        # the progress import: the real file input still takes a file; its label is the button
        page.goto(served_site + "progress/")
        ready(page, "progress")
        file_input = page.locator('[data-hub-action="import"]')
        assert file_input.get_attribute("type") == "file"
        button = page.locator('label.hub-file__button[for="hub-import-file"]')
        assert button.is_visible() and _height(button) >= 44
        assert page.get_by_label("Import a progress file").get_attribute("type") == "file"
        document = tmp_path / "my-progress.json"
        document.write_text(json.dumps(PROGRESS), encoding="utf-8")
        page.set_input_files('[data-hub-action="import"]', str(document))
        page.wait_for_function("() => document.querySelector('[data-hub-slot=\"report\"]').innerText.includes('Imported my-progress.json')")
        assert page.inner_text('[data-hub-slot="import-file"]') == "Chosen: my-progress.json"
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        _clean(watched)
