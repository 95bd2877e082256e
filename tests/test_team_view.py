"""The team view (/team/): a manager's matrix of their people's progress files, read in the browser only.

Three files: two people's progress, built with store.js's own functions, and hostile ones (not JSON,
a script string in a wrong version, 5 MB) that are refused each with a message while the others are
shown. Nothing is written to localStorage; the matrix prints on one A4 landscape page; axe-core finds
no serious or critical violation at 1280 and 390 px.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from browser import WatchedPage, open_page, serious_axe_violations
from hub import content, page as built_page
from learner_js import T0, ready, to_ms

PEOPLE = """
const s = m.store;

const ana = s.emptyState();
s.assessLevel(ana, "support/triage", "independent", now);
s.assessLevel(ana, "support/triage", "expert", now + 1000, { by: "manager", name: "Sam" });
s.assessLevel(ana, "support/replies", "expert", now);
s.setCompleted(ana, "tag-ten-tickets", true, now);
s.setCompleted(ana, "prioritise-queue", true, now);
s.followPath(ana, "first-week", true, now);
s.recordMilestone(ana, "first-week/triage-reviewed", { date: "2025-03-03", level: "expert", evidence: "queue log", by: "manager", reviewer: "Sam" }, now);
const ben = s.emptyState();
s.assessLevel(ben, "support/triage", "independent", now);
s.assessLevel(ben, "support/triage", "assisted", now + 1000, { by: "manager", name: "Sam" });
s.followPath(ben, "first-week", true, now);
return [s.exportText(ana, now, "Test hub"), s.exportText(ben, now, "Test hub")];
"""


def people_files(page: Any, base: str) -> list[str]:
    """Ana's and Ben's progress files, written by the hub's own store.js."""
    return page.evaluate(
        f"async (arg) => {{ const now = arg; const m = {{ store: await import('{base}assets/competency-hub/learner/store.js') }}; {PEOPLE} }}",
        to_ms(T0),
    )


def upload(page: Any, files: list[tuple[str, str | bytes]]) -> None:
    page.set_input_files(
        '[data-hub-action="team-files"]',
        [{"name": name, "mimeType": "application/json", "buffer": text if isinstance(text, bytes) else text.encode("utf-8")} for name, text in files],
    )


def pdf_pages(data: bytes) -> int:
    return data.count(b"/Type /Page") - data.count(b"/Type /Pages")


def cell(page: Any, capability: str, person: int) -> Any:
    return page.locator(f'[data-hub-capability="{capability}"] td[data-hub-person="{person}"]')


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize(
    "hostile, why",
    [
        (b"{not json", "not valid JSON"),
        (json.dumps({"format": "competency-hub-progress", "version": 3, "challenges": {"<script>alert(1)</script>": {}}}).encode(), "version"),
        (b'{"format": "competency-hub-progress", "version": 2, "notes": "' + b"x" * (5 * 1024 * 1024) + b'"}', "5.0 MB"),
    ],
    ids=["not-json", "script-and-wrong-version", "5mb"],
)
def test_the_team_view_shows_two_people_and_refuses_a_hostile_file(tab: WatchedPage, base: str, hostile: bytes, why: str) -> None:
    page = tab.page
    page.clock.set_fixed_time(T0)
    page.goto(base + "team/")
    ready(page, "team")
    ana, ben = people_files(page, base)
    upload(page, [("ana.json", ana), ("evil.json", hostile), ("ben.json", ben)])
    page.wait_for_selector('[data-hub-slot="team-matrix"]')

    refused = page.locator('[data-hub-refused="evil.json"]')
    assert "Refused evil.json" in refused.inner_text() and why in refused.inner_text()
    assert page.locator('[data-hub-slot="team-matrix"] thead th').all_inner_texts() == ["Capability", "ana", "ben"]
    assert "evil" not in page.inner_text('[data-hub-slot="matrix"]') + page.inner_text('[data-hub-slot="coaching"]')
    assert page.locator("script:text('alert')").count() == 0 and tab.dialogs == []

    triage_ana, triage_ben = cell(page, "support/triage", 0).inner_text(), cell(page, "support/triage", 1).inner_text()
    assert "Self: Independent" in triage_ana and "Manager: Expert" in triage_ana
    assert "Self: Independent" in triage_ben and "Manager: Assisted" in triage_ben
    # Ben follows first-week, whose milestone asks for Independent on triage, and his manager says Assisted.
    assert "Gap: sees themself 1 level above the manager's level" in triage_ben
    assert "Gap: Independent asked by the milestone “Triage reviewed by a lead”" in triage_ben
    assert "Gap" not in cell(page, "support/replies", 0).inner_text()
    assert "Self: Expert" in cell(page, "support/replies", 0).inner_text()
    assert cell(page, "support/replies", 1).inner_text().splitlines() == ["Not assessed", "Gap: Assisted asked by the milestone “First reply reviewed”"]
    milestones = page.locator('[data-hub-row="milestones"] td')
    assert "✓ Triage reviewed by a lead" in milestones.nth(0).inner_text()
    assert milestones.nth(1).inner_text().strip() == "None yet"
    assert page.locator('[data-hub-row="challenges"] td').all_inner_texts() == ["2", "0"]
    coaching = page.inner_text('[data-hub-slot="coaching"]')
    assert "ana (Expert) could coach ben (Assisted) on Ticket triage." in coaching
    assert "ana (Expert) could coach ben (not given) on Written replies." in coaching

    # The names are the files' until changed here.
    page.fill('[data-hub-field="person-name"][data-hub-person="1"]', "Ben Okafor")
    assert page.locator('[data-hub-slot="team-matrix"] thead th').all_inner_texts() == ["Capability", "ana", "Ben Okafor"]
    assert "could coach Ben Okafor (Assisted)" in page.inner_text('[data-hub-slot="coaching"]')

    assert page.evaluate("localStorage.length") == 0

    page.emulate_media(media="print")
    data = page.pdf(landscape=True, format="A4")
    assert pdf_pages(data) == 1


@pytest.mark.build
@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_team_view_has_no_serious_axe_violation(browser: Any, base: str, width: int) -> None:
    with open_page(browser, timezone_id="UTC", viewport={"width": width, "height": 900}) as watched:
        page = watched.page
        page.clock.set_fixed_time(T0)
        page.goto(base + "team/")
        ready(page, "team")
        ana, ben = people_files(page, base)
        upload(page, [("ana.json", ana), ("ben.json", ben), ("broken.json", "[]")])
        page.wait_for_selector('[data-hub-slot="team-matrix"]')
        page.wait_for_selector('[data-hub-refused="broken.json"]')
        assert serious_axe_violations(page) == []
        assert watched.console_errors == []


@pytest.mark.build
@pytest.mark.browser
def test_the_team_view_says_it_needs_javascript_without_it(browser: Any, base: str) -> None:
    with open_page(browser, java_script_enabled=False) as watched:
        watched.page.goto(base + "team/")
        assert "This page needs JavaScript" in watched.page.inner_text("article")
        assert not watched.page.locator('[data-hub-learner="team"]').is_visible()


@pytest.mark.build
def test_the_team_view_is_in_my_learning_and_linked_from_the_progress_page(site: Path) -> None:
    soup = built_page(site, "team/")
    assert content(soup).find("h1", id="top").get_text(strip=True) == "Team view"
    assert content(soup).select_one('[data-hub-learner="team"] th') is None  # the matrix is the script's
    nav = [a.get_text(strip=True) for a in built_page(site, "").select("nav.md-nav--primary a.md-nav__link")]
    assert "Team view" in nav
    links = [a["href"] for a in content(built_page(site, "progress/")).find_all("a", string="team view")]
    assert links == ["../team/"]
