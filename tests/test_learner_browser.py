"""The learner tools in Chromium, on a build of the fixture hub with Material's instant navigation.

Each test starts from an empty browser (a fresh context); times are set with Playwright's clock.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import fsrs
import fsrs.scheduler
import icalendar
import pypdf
import pytest
from browser import WatchedPage, open_page, serious_axe_violations, serve_directory
from competency_hub.model.progress import STORAGE_KEY, Progress
from competency_hub.schema import json_schema
from hub import BuildResult
from jsonschema import Draft202012Validator
from learner_js import T0, complete, hash_unit, ready, to_ms

pytestmark = [pytest.mark.build, pytest.mark.browser]

DAY = dt.timedelta(days=1)


def stored(page: Any) -> dict[str, Any] | None:
    text = page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
    return json.loads(text) if text else None


# -- progress ----------------------------------------------------------------------------------------


def test_done_survives_a_reload_and_shows_on_the_progress_page(tab: WatchedPage, base: str) -> None:
    page = tab.page
    page.clock.set_fixed_time(T0)
    complete(page, base, "tag-ten-tickets")
    page.fill('[data-hub-field="note"]', "Two tickets were hard to place.")
    page.fill('[data-hub-field="evidence"]', "https://drive.example/queue-log")
    page.locator('[data-hub-field="evidence"]').blur()
    page.reload()
    ready(page, "challenge")
    assert page.get_attribute('[data-hub-action="complete"]', "aria-pressed") == "true"
    assert page.input_value('[data-hub-field="note"]') == "Two tickets were hard to place."
    assert "Done on March 3, 2025" in page.inner_text('[data-hub-slot="status"]')
    page.goto(base + "progress/")
    ready(page, "progress")
    item = page.locator('[data-hub-challenge="tag-ten-tickets"]')
    assert "Tag ten tickets" in item.inner_text() and "Two tickets were hard to place." in item.inner_text()
    assert item.locator('a[href="https://drive.example/queue-log"]').count() == 1
    path = page.locator('[data-hub-path="first-week"]')
    assert path.get_attribute("data-hub-done") == "1" and path.get_attribute("data-hub-steps") == "3"
    assert page.locator('[data-hub-path="first-week"] progress').evaluate("p => [p.value, p.max]") == [1, 3]


def test_undoing_done_keeps_the_note(tab: WatchedPage, base: str) -> None:
    page = tab.page
    complete(page, base, "tag-ten-tickets")
    page.fill('[data-hub-field="note"]', "kept")
    page.click('[data-hub-action="complete"]')  # the click also saves the note (change on blur)
    assert page.get_attribute('[data-hub-action="complete"]', "aria-pressed") == "false"
    entry = stored(page)["challenges"]["tag-ten-tickets"]
    assert entry["completed"] is None and entry["note"] == "kept"


def test_the_tools_follow_instant_navigation(tab: WatchedPage, base: str) -> None:
    page = tab.page
    page.goto(base + "challenges/")
    page.evaluate("window.__sameDocument = true")
    page.click('article a[href$="tag-ten-tickets/"]')
    page.wait_for_url("**/challenges/tag-ten-tickets/")
    ready(page, "challenge")
    page.click('[data-hub-action="complete"]')
    page.click('article a[href$="progress/"]')
    page.wait_for_url("**/progress/")
    ready(page, "progress")
    assert page.locator('[data-hub-challenge="tag-ten-tickets"]').count() == 1
    page.go_back()
    page.wait_for_url("**/challenges/tag-ten-tickets/")
    ready(page, "challenge")
    assert page.get_attribute('[data-hub-action="complete"]', "aria-pressed") == "true"
    assert page.evaluate("window.__sameDocument") is True, "a page was loaded in full: instant navigation was not used"


def test_the_done_toggle_works_by_keyboard(tab: WatchedPage, base: str) -> None:
    page = tab.page
    page.goto(base + "challenges/tag-ten-tickets/")
    ready(page, "challenge")
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.hubAction") == "complete":
            break
    else:
        pytest.fail("the Done button is not reachable with Tab")
    page.keyboard.press("Space")
    assert page.get_attribute('[data-hub-action="complete"]', "aria-pressed") == "true"
    page.keyboard.press("Enter")
    assert page.get_attribute('[data-hub-action="complete"]', "aria-pressed") == "false"


def test_done_in_the_task_at_the_top_and_done_at_the_end_are_one_toggle(tab: WatchedPage, base: str) -> None:
    page = tab.page
    page.clock.set_fixed_time(T0)
    page.goto(base + "challenges/tag-ten-tickets/")
    ready(page, "challenge")
    ready(page, "challenge-done")
    top = page.locator('[data-hub-learner="challenge-done"] [data-hub-action="complete"]')
    end = page.locator('[data-hub-learner="challenge"] [data-hub-action="complete"]')
    # the task's Done is on the first screen, the other one far below it
    assert top.bounding_box()["y"] + top.bounding_box()["height"] < 900
    assert end.bounding_box()["y"] > 900
    top.click()
    assert top.get_attribute("aria-pressed") == "true" and end.get_attribute("aria-pressed") == "true"
    assert "Done on March 3, 2025" in page.inner_text("#hub-task-status")
    assert "Done on March 3, 2025" in page.inner_text("#hub-done-status")
    assert stored(page)["challenges"]["tag-ten-tickets"]["completed"] is not None
    end.click()
    assert top.get_attribute("aria-pressed") == "false" and end.get_attribute("aria-pressed") == "false"
    assert stored(page)["challenges"]["tag-ten-tickets"]["completed"] is None
    # the task's hint leads to the note and evidence fields at the end
    page.click('[data-hub-learner="challenge-done"] a[href$="#mark-done"]')  # Material makes links absolute
    assert page.evaluate("location.hash") == "#mark-done"


def test_a_stored_document_that_cannot_be_read_is_put_aside_not_lost(tab: WatchedPage, base: str) -> None:
    page = tab.page
    page.goto(base + "progress/")
    ready(page, "progress")  # the page reads the store as it starts: write the bad document only after that
    page.evaluate(f"localStorage.setItem('{STORAGE_KEY}', '{{\"format\": \"competency-hub-progress\", \"version\": 1, \"challenges\": 3}}')")
    page.reload()
    ready(page, "progress")
    assert "could not be read and was put aside" in page.inner_text('[data-hub-slot="report"]')
    keys = page.evaluate("Object.keys(localStorage)")
    assert any(key.startswith(f"{STORAGE_KEY}:unreadable:") for key in keys)


# -- export and import --------------------------------------------------------------------------------


def some_progress(page: Any, base: str) -> None:
    page.clock.set_fixed_time(T0)
    complete(page, base, "tag-ten-tickets")
    page.fill('[data-hub-field="note"]', "Note with ünïcode, quotes \" and a\nsecond line")
    page.locator('[data-hub-field="note"]').blur()
    complete(page, base, "rewrite-macro")
    page.goto(base + "maps/support/triage/")
    ready(page, "capability")
    page.check('input[name="hub-self-level"][value="independent"]')
    page.clock.set_fixed_time(T0 + DAY + dt.timedelta(hours=1))
    page.goto(base + "review/")
    ready(page, "review")
    page.click('[data-hub-recall="tag-ten-tickets/urgent"] [data-hub-action="reveal"]')
    page.click('[data-hub-recall="tag-ten-tickets/urgent"] [data-hub-rating="3"]')


def export(page: Any, base: str) -> tuple[str, dict[str, Any]]:
    page.goto(base + "progress/")
    ready(page, "progress")
    with page.expect_download() as download:
        page.click('[data-hub-action="export"]')
    text = Path(download.value.path()).read_text(encoding="utf-8")
    return download.value.suggested_filename, json.loads(text)


def test_export_clear_import_restores_the_identical_state(tab: WatchedPage, base: str, tmp_path: Path) -> None:
    page = tab.page
    some_progress(page, base)
    before = stored(page)
    name, exported = export(page, base)
    assert name == "progress-2025-03-04.json"
    Progress.model_validate(exported)
    assert list(Draft202012Validator(json_schema("progress")).iter_errors(exported)) == []
    assert exported["hub"] == "Test hub" and exported["exported"] == "2025-03-04T10:30:00.000Z"
    assert {k: v for k, v in exported.items() if k not in ("exported", "hub")} == before
    slots = '[data-hub-slot="paths"], [data-hub-slot="capabilities"], [data-hub-slot="completed"]'
    shown = page.eval_on_selector_all(slots, "els => els.map(e => e.innerText)")

    page.evaluate("localStorage.clear()")
    page.reload()
    ready(page, "progress")
    assert page.locator("[data-hub-challenge]").count() == 0
    file = tmp_path / name
    file.write_text(json.dumps(exported), encoding="utf-8")
    page.set_input_files('[data-hub-action="import"]', str(file))
    page.wait_for_selector('[data-hub-import="merged"]')
    assert stored(page) == before
    report = page.inner_text('[data-hub-slot="report"]')
    assert "Marked done: Rewrite a macro reply; Tag ten tickets." in report
    assert page.eval_on_selector_all(slots, "els => els.map(e => e.innerText)") == shown
    page.set_input_files('[data-hub-action="import"]', str(file))
    page.wait_for_selector('[data-hub-import="unchanged"]')
    assert stored(page) == before


def test_the_export_matches_py_fsrs_for_the_review_it_holds(tab: WatchedPage, base: str, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tab.page
    some_progress(page, base)
    _, exported = export(page, base)
    entry = exported["recall"]["tag-ten-tickets/urgent"]
    assert entry["since"] == "2025-03-03T09:30:00.000Z"
    assert entry["reviews"] == [{"at": "2025-03-04T10:30:00.000Z", "rating": 3}]
    at = T0 + DAY + dt.timedelta(hours=1)
    monkeypatch.setattr(fsrs.scheduler, "random", lambda: hash_unit(f"tag-ten-tickets/urgent|{to_ms(at)}"))
    card, _ = fsrs.Scheduler(learning_steps=(), relearning_steps=()).review_card(fsrs.Card(card_id=1, due=T0 + DAY), fsrs.Rating.Good, at)
    assert entry["card"]["due"] == card.due.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    assert entry["card"]["stability"] == pytest.approx(card.stability, rel=1e-12)
    assert entry["card"]["difficulty"] == pytest.approx(card.difficulty, rel=1e-12)


def test_a_bad_file_is_refused_and_changes_nothing(tab: WatchedPage, base: str, tmp_path: Path) -> None:
    page = tab.page
    complete(page, base, "tag-ten-tickets")
    before = stored(page)
    page.goto(base + "progress/")
    ready(page, "progress")
    bad = tmp_path / "notes.json"
    bad.write_text(json.dumps({"format": "competency-hub-progress", "version": 1, "challenges": {"Bad Id": {}}}), encoding="utf-8")
    page.set_input_files('[data-hub-action="import"]', str(bad))
    page.wait_for_selector('[data-hub-import="refused"]')
    report = page.inner_text('[data-hub-slot="report"]')
    assert "Nothing was imported: notes.json" in report and "'Bad Id' is not a valid key" in report
    assert stored(page) == before


def test_a_huge_file_is_refused_unread_and_changes_nothing(tab: WatchedPage, base: str, tmp_path: Path) -> None:
    page = tab.page
    complete(page, base, "tag-ten-tickets")
    before = stored(page)
    page.goto(base + "progress/")
    ready(page, "progress")
    huge = tmp_path / "huge.json"
    huge.write_bytes(b'{"format": "competency-hub-progress", "version": 2, "notes": "' + b"x" * (5 * 1024 * 1024) + b'"}')
    page.set_input_files('[data-hub-action="import"]', str(huge))
    page.wait_for_selector('[data-hub-import="refused"]')
    report = page.inner_text('[data-hub-slot="report"]')
    assert "Nothing was imported: huge.json" in report and "the file is 5.0 MB; a progress file is at most 2 MB" in report
    assert stored(page) == before


def test_importing_into_a_browser_with_other_progress_merges_and_reports(tab: WatchedPage, base: str, tmp_path: Path) -> None:
    page = tab.page
    page.clock.set_fixed_time(T0)
    complete(page, base, "prioritise-queue")
    theirs = {
        "format": "competency-hub-progress",
        "version": 1,
        "challenges": {"tag-ten-tickets": {"completed": "2025-03-01T08:00:00.000Z", "note": "", "evidence": "", "updated": "2025-03-01T08:00:00.000Z"}},
        "levels": {"support/replies": [{"level": "expert", "at": "2025-03-01T08:00:00.000Z"}]},
    }
    file = tmp_path / "theirs.json"
    file.write_text(json.dumps(theirs), encoding="utf-8")
    page.goto(base + "progress/")
    ready(page, "progress")
    page.set_input_files('[data-hub-action="import"]', str(file))
    page.wait_for_selector('[data-hub-import="merged"]')
    report = page.inner_text('[data-hub-slot="report"]')
    assert "Marked done: Tag ten tickets." in report and "Self-assessments added for 1 capability." in report
    assert set(stored(page)["challenges"]) == {"prioritise-queue", "tag-ten-tickets"}
    assert page.locator('[data-hub-capability="support/replies"]').get_attribute("data-hub-level") == "expert"


def test_forgetting_takes_two_steps(tab: WatchedPage, base: str) -> None:
    page = tab.page
    complete(page, base, "tag-ten-tickets")
    page.goto(base + "progress/")
    ready(page, "progress")
    assert page.is_hidden('[data-hub-action="forget-confirm"]')
    page.click('[data-hub-action="forget"]')
    page.click('[data-hub-action="forget-confirm"]')
    assert stored(page) is None
    assert page.locator("[data-hub-challenge]").count() == 0


# -- spaced review -----------------------------------------------------------------------------------


def due_prompts(page: Any) -> list[str]:
    return page.eval_on_selector_all("[data-hub-recall]:not([data-hub-rated])", "els => els.map(e => e.dataset.hubRecall)")


def test_review_schedules_prompts_with_a_fixed_clock(tab: WatchedPage, base: str, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tab.page
    page.clock.set_fixed_time(T0)
    complete(page, base, "tag-ten-tickets")
    complete(page, base, "prioritise-queue")
    page.goto(base + "review/")
    ready(page, "review")
    assert due_prompts(page) == [] and "Nothing is due today" in page.inner_text('[data-hub-slot="summary"]')
    assert "2 prompts" in page.inner_text('[data-hub-slot="upcoming"]')

    day1 = T0 + DAY + dt.timedelta(hours=3)
    page.clock.set_fixed_time(day1)
    page.reload()
    ready(page, "review")
    assert sorted(due_prompts(page)) == ["prioritise-queue/impact", "tag-ten-tickets/urgent"]
    item = page.locator('[data-hub-recall="tag-ten-tickets/urgent"]')
    assert item.locator(".hub-review__answer").is_hidden()
    item.locator('[data-hub-action="reveal"]').click()
    assert "Urgency is about time" in item.locator(".hub-review__answer").inner_text()
    item.locator('[data-hub-rating="3"]').click()

    monkeypatch.setattr(fsrs.scheduler, "random", lambda: hash_unit(f"tag-ten-tickets/urgent|{to_ms(day1)}"))
    card, _ = fsrs.Scheduler(learning_steps=(), relearning_steps=()).review_card(fsrs.Card(card_id=1, due=T0 + DAY), fsrs.Rating.Good, day1)
    days = (card.due - day1).days
    assert f"Rated Good. Next review in {days} days" in item.inner_text()
    assert stored(page)["recall"]["tag-ten-tickets/urgent"]["card"]["due"] == card.due.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    assert due_prompts(page) == ["prioritise-queue/impact"]

    page.clock.set_fixed_time(card.due - dt.timedelta(days=1))
    page.reload()
    ready(page, "review")
    assert "tag-ten-tickets/urgent" not in due_prompts(page)
    page.clock.set_fixed_time(card.due)
    page.reload()
    ready(page, "review")
    assert "tag-ten-tickets/urgent" in due_prompts(page)


def test_review_works_by_keyboard(tab: WatchedPage, base: str) -> None:
    page = tab.page
    page.clock.set_fixed_time(T0)
    complete(page, base, "tag-ten-tickets")
    page.clock.set_fixed_time(T0 + DAY)
    page.goto(base + "review/")
    ready(page, "review")
    page.focus('[data-hub-recall="tag-ten-tickets/urgent"] [data-hub-action="reveal"]')
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.dataset.hubRating") == "1", "focus moves to the ratings"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.get_attribute('[data-hub-recall="tag-ten-tickets/urgent"]', "data-hub-rated") == "3"
    assert page.evaluate("document.activeElement.dataset.hubSlot") == "summary"
    assert "All done for today" in page.inner_text('[data-hub-slot="summary"]')


def test_the_calendar_of_upcoming_reviews_parses(tab: WatchedPage, base: str) -> None:
    page = tab.page
    page.clock.set_fixed_time(T0)
    complete(page, base, "tag-ten-tickets")
    complete(page, base, "rewrite-macro")
    page.clock.set_fixed_time(T0 + dt.timedelta(hours=2))
    complete(page, base, "prioritise-queue")
    page.goto(base + "review/")
    ready(page, "review")
    with page.expect_download() as download:
        page.click('[data-hub-action="ics"]')
    assert download.value.suggested_filename == "reviews.ics"
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert [e.decoded("DTSTART") for e in events] == [dt.date(2025, 3, 4)]
    assert str(events[0]["SUMMARY"]) == "Review 3 recall prompts (Test hub)"
    assert str(events[0]["URL"]) == base + "review/"
    for title in ("Tag ten tickets", "Rewrite a macro reply", "Prioritise a morning queue"):
        assert title in str(events[0]["DESCRIPTION"])
    assert "1 day with reviews" in page.inner_text('[data-hub-slot="ics-report"]')


# -- practice plans ------------------------------------------------------------------------------------


def test_a_plan_link_round_trip(tab: WatchedPage, base: str, browser: Any) -> None:
    page = tab.page
    page.goto(base + "plan/")
    ready(page, "plan")
    page.fill('[data-hub-field="filter"]', "macro")
    assert page.is_hidden('li:has(> input[data-hub-pick="tag-ten-tickets"])')
    page.check('input[data-hub-pick="rewrite-macro"]')
    page.fill('[data-hub-field="filter"]', "")
    page.check('input[data-hub-pick="tag-ten-tickets"]')
    page.check('input[data-hub-pick="prioritise-queue"]')
    page.click('[data-hub-move="remove"][data-hub-id="prioritise-queue"]')
    page.click('[data-hub-move="up"][data-hub-id="tag-ten-tickets"]')
    page.fill('[data-hub-field="title"]', "Week 12 with Sam")
    page.fill('[data-hub-field="note"]', "Both before Friday's check-in.")
    page.click('[data-hub-action="plan"]')
    link = page.input_value('[data-hub-slot="link"]')
    assert link.startswith(base + "plan/#c=tag-ten-tickets,rewrite-macro&t=")

    with open_page(browser) as other:  # the manager opens the link in their own browser
        other.page.goto(link)
        ready(other.page, "plan")
        view = other.page.locator('[data-hub-slot="view"]')
        assert view.is_visible() and other.page.is_hidden('[data-hub-slot="builder"]')
        assert other.page.inner_text('[data-hub-slot="plan-title"]') == "Week 12 with Sam"
        assert other.page.eval_on_selector_all("[data-hub-plan-item]", "els => els.map(e => e.dataset.hubPlanItem)") == ["tag-ten-tickets", "rewrite-macro"]
        assert "Tag ten tickets · 20 min · Ticket triage, Assisted" in view.inner_text()
        assert "2 challenges, 35 min in all." in view.inner_text()
        text = other.page.input_value('[data-hub-slot="plan-text"]')
        assert f"{base}challenges/tag-ten-tickets/" in text and f"Plan: {link}" in text
        other.page.click('[data-hub-plan-item="rewrite-macro"] a')
        other.page.wait_for_url("**/challenges/rewrite-macro/")
        assert other.console_errors == []

    page.click('[data-hub-slot="open-link"]')
    page.wait_for_selector('[data-hub-slot="view"]:not([hidden])')
    page.click('[data-hub-action="edit-plan"]')
    assert page.eval_on_selector_all("[data-hub-chosen]", "els => els.map(e => e.dataset.hubChosen)") == ["tag-ten-tickets", "rewrite-macro"]
    assert page.input_value('[data-hub-field="title"]') == "Week 12 with Sam"


def test_a_plan_link_to_challenges_the_hub_no_longer_has_says_so(tab: WatchedPage, base: str) -> None:
    page = tab.page
    page.goto(base + "plan/#c=tag-ten-tickets,retired-challenge")
    ready(page, "plan")
    assert page.eval_on_selector_all("[data-hub-plan-item]", "els => els.map(e => e.dataset.hubPlanItem)") == ["tag-ten-tickets"]
    assert "Left out: the challenge 'retired-challenge' is not in this hub (any more)." in page.inner_text('[data-hub-slot="plan-problems"]')


# -- self and manager view -----------------------------------------------------------------------------


def test_self_and_manager_levels_side_by_side(tab: WatchedPage, base: str, browser: Any) -> None:
    page = tab.page
    page.goto(base + "maps/support/triage/")
    ready(page, "capability")
    page.check('input[name="hub-self-level"][value="expert"]')
    page.check('input[name="hub-manager-level"][value="independent"]')
    comparison = page.locator('[data-hub-slot="comparison"]')
    assert comparison.locator("[data-hub-gap-callout]").count() == 0
    assert comparison.locator("[data-hub-behaviour-differs]").evaluate_all("els => els.map(e => e.dataset.hubBehaviourDiffers)") == ["triage-rules", "triage-coaches"]
    page.check('input[name="hub-manager-level"][value="assisted"]')
    assert "2 levels apart: worth a conversation" in comparison.locator("[data-hub-gap-callout]").inner_text()
    assert comparison.locator("[data-hub-behaviour-differs]").count() == 3
    assert comparison.locator("td[data-hub-self-level]").inner_text() == "Expert"
    assert comparison.locator("td[data-hub-manager-level]").inner_text() == "Assisted"
    page.reload()  # same tab, same session: both kept
    ready(page, "capability")
    assert page.is_checked('input[name="hub-manager-level"][value="assisted"]')
    second = page.context.new_page()  # a new tab is a new session: only the learner's own level
    second.goto(base + "maps/support/triage/")
    ready(second, "capability")
    assert second.is_checked('input[name="hub-self-level"][value="expert"]')
    assert second.is_checked('input[name="hub-manager-level"][value=""]')
    assert "manager" not in json.dumps(stored(page))
    page.goto(base + "progress/")
    ready(page, "progress")
    assert page.locator('[data-hub-capability="support/triage"]').get_attribute("data-hub-level") == "expert"


def test_recording_the_level_a_manager_placed_the_learner_at(tab: WatchedPage, base: str) -> None:
    page = tab.page
    page.clock.set_fixed_time(T0)
    page.goto(base + "maps/support/triage/")
    ready(page, "capability")
    page.check('input[name="hub-self-level"][value="assisted"]')
    page.click("details[data-hub-given] > summary")
    assert page.input_value('[data-hub-field="given-date"]') == "2025-03-03"
    page.click('[data-hub-action="record-given-level"]')  # no level chosen: nothing recorded
    assert page.inner_text('[data-hub-slot="given-status"]') == "Choose the level your manager placed you at."
    page.get_by_role("group", name="My manager placed me at").get_by_label("Independent").check()
    page.get_by_label("On", exact=True).fill("2025-03-01")
    page.get_by_label("Your manager's name (optional)").fill("Sam Lee")
    page.click('[data-hub-action="record-given-level"]')
    assert page.inner_text('[data-hub-slot="given-status"]') == "Your manager placed you at Independent on March 1, 2025 (Sam Lee)."
    given = [record for record in stored(page)["levels"]["support/triage"] if record["by"] == "manager"]
    assert given == [{"level": "independent", "at": "2025-03-01T12:00:00.000Z", "by": "manager", "name": "Sam Lee", "evidence": ""}]
    # the learner's own level is unchanged, and the map page shows both
    assert page.is_checked('input[name="hub-self-level"][value="assisted"]')
    page.goto(base + "maps/support/")
    # the capability's link in the map's list (its node in the graph is marked too, more briefly)
    page.wait_for_selector('a[data-hub-mark-capability="support/triage"]:not(.hub-graph__node) [data-hub-mark]')
    mark = page.locator('a[data-hub-mark-capability="support/triage"]:not(.hub-graph__node)')
    assert "your level: Assisted · manager's: Independent" in mark.inner_text()
    assert mark.get_attribute("data-hub-manager-level") == "independent"
    # a day in the future is refused
    page.goto(base + "maps/support/triage/")
    ready(page, "capability")
    page.click("details[data-hub-given] > summary")
    assert page.inner_text('[data-hub-slot="given-status"]') == "Your manager placed you at Independent on March 1, 2025 (Sam Lee)."
    page.check('input[name="hub-given-level"][value="expert"]')
    page.fill('[data-hub-field="given-date"]', "2025-03-09")
    page.click('[data-hub-action="record-given-level"]')
    assert page.inner_text('[data-hub-slot="given-status"]') == "Give the day your manager placed you (today or earlier)."
    assert len(stored(page)["levels"]["support/triage"]) == 2
    assert serious_axe_violations(page) == []


# -- the check-in card -----------------------------------------------------------------------------------


def print_card(page: Any, url: str) -> tuple[int, str, Any]:
    page.add_init_script("window.print = function () { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(url)
    ready(page, "check-in")
    page.click('[data-hub-action="print-card"]')
    assert page.evaluate("window.__printed") == 1
    reader = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))  # the printer picks the paper: A4 here
    text = "\n".join(p.extract_text() for p in reader.pages)
    return len(reader.pages), text, reader.pages[0].mediabox


def test_the_check_in_guide_prints_as_a_one_page_card(tab: WatchedPage, base: str) -> None:
    pages, text, box = print_card(tab.page, base + "maps/support/triage/")
    assert pages == 1
    assert float(box.width) > float(box.height), "landscape"
    assert round(float(box.width) / 72 * 25.4) == 297 and round(float(box.height) / 72 * 25.4) == 210
    for expected in ("Ticket triage", "At Assisted", "At Expert", "What to notice", "Questions to ask", "Evidence to review", "Next step", "Tag ten tickets (20 min)"):
        assert expected in text, expected
    assert "Moments that matter" not in text and "Your level" not in text


JOURNEY = {
    "format": "competency-hub-progress",
    "version": 2,
    "challenges": {"tag-ten-tickets": {"completed": "2025-03-03T09:30:00.000Z", "note": "", "evidence": "", "updated": "2025-03-03T09:30:00.000Z"}},
    "levels": {},
    "recall": {},
    "paths": {"first-week": {"followed": "2025-03-03T09:00:00.000Z", "updated": "2025-03-03T09:00:00.000Z"}},
    "milestones": {
        "first-week/triage-reviewed": [
            {"at": "2025-03-04T10:00:00.000Z", "date": "2025-03-04", "level": "independent", "evidence": "", "by": "manager", "reviewer": "Sam Lee"}
        ]
    },
    "notes": {},
}
PATH_LINE = "First week in the queue: 1 of 3 challenges done"
MILESTONE_LINE = "First week in the queue, Triage reviewed by a lead: passed at Independent (reviewed by a manager, 2025-03-04)"


def with_journey(page: Any, base: str) -> None:
    """Stores a learner who follows First week, did its first step and had its milestone reviewed."""
    page.goto(base + "progress/")
    ready(page, "progress")
    page.evaluate("([key, doc]) => localStorage.setItem(key, JSON.stringify(doc))", [STORAGE_KEY, JOURNEY])


def test_the_check_in_card_shows_followed_paths_and_recorded_milestones(tab: WatchedPage, base: str) -> None:
    with_journey(tab.page, base)
    pages, text, _ = print_card(tab.page, base + "maps/support/triage/")
    assert pages == 1
    flat = " ".join(text.split())
    assert "Your learning paths and milestones" in flat
    assert "First week in the queue: 1 of 3 challenges done" in flat
    assert "passed at Independent (reviewed by a manager, Sam Lee, 2025-03-04)" in flat
    journey = tab.page.locator("[data-hub-check-in-journey]")
    assert journey.is_visible()  # on the page as well as on the card
    assert tab.page.get_attribute("[data-hub-card-path]", "data-hub-card-path") == "first-week"


def test_the_check_in_card_of_a_learner_with_no_path_shows_no_journey(tab: WatchedPage, base: str) -> None:
    tab.page.goto(base + "maps/support/triage/")
    ready(tab.page, "check-in")
    assert tab.page.is_hidden("[data-hub-check-in-journey]")


def test_a_plan_link_shows_followed_paths_and_recorded_milestones(tab: WatchedPage, base: str, browser: Any) -> None:
    page = tab.page
    with_journey(page, base)
    page.goto(base + "plan/")
    ready(page, "plan")
    assert page.inner_text('[data-hub-slot="journey-summary"]') == "(1 path, 1 milestone)"
    assert page.is_checked('[data-hub-field="journey"]')
    page.check('input[data-hub-pick="prioritise-queue"]')
    page.click('[data-hub-action="plan"]')
    link = page.input_value('[data-hub-slot="link"]')
    assert link == base + "plan/#c=prioritise-queue&p=first-week:1&m=first-week/triage-reviewed:independent:manager:2025-03-04"

    with open_page(browser) as other:  # the manager, with none of the learner's progress
        other.page.goto(link)
        ready(other.page, "plan")
        view = other.page.locator('[data-hub-slot="view"]')
        assert other.page.inner_text('[data-hub-plan-path="first-week"]') == PATH_LINE
        assert other.page.inner_text('[data-hub-plan-milestone="first-week/triage-reviewed"]') == MILESTONE_LINE
        assert other.page.is_visible("#hub-plan-paths") and other.page.is_visible("#hub-plan-milestones")
        text = other.page.input_value('[data-hub-slot="plan-text"]')
        assert f"Learning paths followed:\n- {PATH_LINE}\n\nMilestones recorded:\n- {MILESTONE_LINE}\n" in text
        assert "Sam" not in text
        assert "Left out" not in view.inner_text()
        assert other.console_errors == []

    # left out on request; a plan without them shows no such section
    page.uncheck('[data-hub-field="journey"]')
    page.click('[data-hub-action="plan"]')
    plain = page.input_value('[data-hub-slot="link"]')
    assert plain == base + "plan/#c=prioritise-queue"
    page.goto(plain)
    page.wait_for_selector('[data-hub-slot="view"]:not([hidden])')
    assert page.is_hidden('[data-hub-slot="plan-journey"]')


def test_without_card_mode_the_same_page_prints_on_several_pages(tab: WatchedPage, base: str) -> None:
    """Guards the test above: the card, not the page, is what fits on one sheet."""
    tab.page.goto(base + "maps/support/triage/")
    assert len(pypdf.PdfReader(io.BytesIO(tab.page.pdf(prefer_css_page_size=True))).pages) > 1


def test_the_longest_check_in_guide_of_the_starter_hub_prints_on_one_page(browser: Any, starter_build: BuildResult) -> None:
    assert starter_build.returncode == 0, starter_build.output
    from bs4 import BeautifulSoup

    guides = {}
    for path in starter_build.site.glob("maps/*/*/index.html"):
        guide = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(".hub-check-in")
        if guide is not None:  # capability pages, not rubrics
            guides[path] = len(guide.get_text())
    assert len(guides) >= 20
    longest = max(guides, key=guides.__getitem__)
    url = longest.parent.relative_to(starter_build.site).as_posix() + "/"
    with serve_directory(starter_build.site) as base, open_page(browser) as watched:
        pages, text, _ = print_card(watched.page, base + url)
        assert pages == 1, url
        assert "Next step" in text
        assert watched.console_errors == []


def test_the_done_toggle_keeps_its_name_when_pressed(tab: WatchedPage, base: str) -> None:
    page = tab.page
    complete(page, base, "tag-ten-tickets")
    # two buttons, one toggle: Done in the task at the top and Done under Your progress at the end
    assert page.get_by_role("button", name="Done", exact=True, pressed=True).count() == 2
    page.click('[data-hub-action="complete"]')
    assert page.get_by_role("button", name="Done", exact=True, pressed=False).count() == 2


def test_evidence_that_is_not_an_address_stays_text(tab: WatchedPage, base: str) -> None:
    page = tab.page
    complete(page, base, "tag-ten-tickets")
    page.fill('[data-hub-field="evidence"]', "javascript:alert(1)")
    page.locator('[data-hub-field="evidence"]').blur()
    page.goto(base + "progress/")
    ready(page, "progress")
    item = page.locator('[data-hub-challenge="tag-ten-tickets"]')
    assert "Evidence: javascript:alert(1)" in item.inner_text()
    assert item.locator(".hub-progress__evidence a").count() == 0
