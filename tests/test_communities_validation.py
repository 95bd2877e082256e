"""Community validation: every rule reported at its place (`path:line:col`), with its code.

Each case changes a copy of the small hub with stories and the test community
(tests/fixtures/communities-overlay) and lists the diagnostics expected, found with `where()`
in the changed file, so a case reads as "the error is on the text I just broke".
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from competency_hub.cli.settings import hub_options
from competency_hub.load import load_hub
from competency_hub.model.recurrence import next_starts
from hub import FIXTURES, REPO, as_json, copy_story_hub, edit, run, validate, validator, where

COMMUNITIES_OVERLAY = FIXTURES / "communities-overlay"
CIRCLE = "communities/support-circle.yml"


def community_hub(tmp_path: Path) -> Path:
    root = copy_story_hub(tmp_path)
    shutil.copytree(COMMUNITIES_OVERLAY, root, dirs_exist_ok=True)
    return root


def problems(root: Path) -> list[str]:
    """Errors and warnings about community files (other files' governance notes are left out)."""
    return [line for line in validate(root) if line.startswith("communities/")]


def test_the_test_community_is_valid(tmp_path: Path) -> None:
    assert problems(community_hub(tmp_path)) == []


CASES = [
    # (id, old text, new text, needle at the error, code, fragment of the message)
    ("unknown-map", "maps: [billing]", "maps: [biling]", "biling", "HUB542", "did you mean 'billing'?"),
    ("unknown-capability", "capabilities: [support/replies]\nhosts", "capabilities: [support/replys]\nhosts", "support/replys", "HUB303", "did you mean 'replies'?"),
    ("capability-without-map", "capabilities: [support/triage]", "capabilities: [triage]", "triage]", "HUB301", "needs its map"),
    ("unknown-host", "hosts: [sam-okafor, lee-chen]", "hosts: [sam-okafor, lee-chem]", "lee-chem", "HUB543", "did you mean 'lee-chen'?"),
    ("unknown-story", "stories: [weekend-triage-rota]", "stories: [weekend-triage-rot]", "weekend-triage-rot]", "HUB544", "did you mean 'weekend-triage-rota'?"),
    ("draft-story", "stories: [weekend-triage-rota]", "stories: [draft-secret-plan]", "draft-secret-plan", "HUB544", "is a draft"),
    ("duplicate-ritual", "  - id: macro-circle", "  - id: triage-clinic", "id: triage-clinic\n    kind: feedback", "HUB545", "first used on line"),
    ("daily-rrule", "FREQ=WEEKLY;BYDAY=TH;UNTIL=20270325", "FREQ=DAILY;UNTIL=20270325", "FREQ=DAILY", "HUB546", "FREQ=DAILY is not supported"),
    ("bymonthday", "FREQ=MONTHLY;BYDAY=1TH;COUNT=24", "FREQ=MONTHLY;BYMONTHDAY=1", "FREQ=MONTHLY;BYMONTHDAY", "HUB546", "'BYMONTHDAY' is not part of the supported subset"),
    ("count-and-until", "BYDAY=1TH;COUNT=24", "BYDAY=1TH;COUNT=24;UNTIL=20271231", "FREQ=MONTHLY", "HUB546", "COUNT and UNTIL cannot both be given"),
    ("ordinal-weekly", "FREQ=WEEKLY;BYDAY=TH;", "FREQ=WEEKLY;BYDAY=2TH;", "FREQ=WEEKLY", "HUB546", "needs FREQ=MONTHLY"),
    ("until-before-start", "UNTIL=20270325", "UNTIL=20251231", "FREQ=WEEKLY", "HUB546", "is before start"),
    ("start-not-an-occurrence", "start: 2026-01-08", "start: 2026-01-06", "2026-01-06", "HUB546", "start on its first occurrence, 2026-01-08"),
    ("unknown-zone", "time_zone: Europe/Amsterdam", "time_zone: Europe/Amsterdm", "Europe/Amsterdm", "HUB547", "did you mean 'Europe/Amsterdam'?"),
    ("bad-duration", "duration: PT45M", "duration: 45 minutes", "45 minutes", "HUB548", "is not an ISO 8601 duration"),
    ("long-duration", "duration: PT45M", "duration: PT13H", "PT13H", "HUB548", "between 5 minutes and 12 hours"),
    ("unquoted-time", 'time: "15:00"', "time: 15:00", "15:00", "HUB549", "quote it"),
    ("bad-time", 'time: "15:00"', 'time: "3pm"', '"3pm"', "HUB549", "is not HH:MM"),
    ("no-date", "    schedule:\n      dates: [2026-12-09, 2027-01-13]\n", "    schedule:\n", "time: \"09:30\"", "HUB550", "has no date"),
    ("future-past", "date: 2026-03-05", "date: 2099-03-05", "2099-03-05", "HUB551", "after today"),
    ("javascript-link", "link: https://chat.example.org/support-circle", "link: javascript:alert(1)", "javascript:alert(1)", "HUB552", "not allowed"),
    ("evidence-link", "link: https://wiki.example.org/rota-checklist", "link: data:text/html,x", "data:text/html,x", "HUB552", "not allowed"),
    ("html-in-purpose", "Bring one ticket.", "Bring one <b>ticket</b>.", ">-", "HUB521", "raw HTML <b>"),
    ("image-in-agenda", "against the [rubric](../maps/support/rubric.md).", "against ![the board](https://example.org/b.png).", "https://example.org/b.png", "HUB553", "an agenda cannot show an image"),
    ("script-in-agenda", "      1. **Queue (5 min).**", "      1. <script>x()</script> **Queue (5 min).**", "<script>", "HUB521", "raw HTML <script>"),
]


@pytest.mark.parametrize(("old", "new", "needle", "code", "fragment"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_rule_reported_at_its_line(tmp_path: Path, pinned_today: str, old: str, new: str, needle: str, code: str, fragment: str) -> None:
    root = community_hub(tmp_path)
    edit(root, CIRCLE, old, new)
    at = where(root, CIRCLE, needle)
    if needle.startswith("id: "):
        at = at.rsplit(":", 1)[0] + ":" + str(int(at.rsplit(":", 1)[1]) + 4)  # at the id, after "id: "
    found = problems(root)
    assert any(line.startswith(f"{at}: error: {code} ") and fragment in line for line in found), (at, found)
    assert all(f" {code} " in line for line in found), found  # one problem, no cascade


def test_unknown_host_without_an_authors_file(tmp_path: Path) -> None:
    root = community_hub(tmp_path)
    (root / "stories" / "authors.yml").unlink()
    found = [line for line in problems(root) if "HUB543" in line]
    assert found and "there is no stories/authors.yml" in found[0]


@pytest.mark.parametrize(("name", "code", "severity"), [("index.yml", "HUB540", "error"), ("Support Circle.yml", "HUB540", "error"), ("notes.txt", "HUB541", "warning")])
def test_file_names(tmp_path: Path, name: str, code: str, severity: str) -> None:
    root = community_hub(tmp_path)
    shutil.copy(root / CIRCLE, root / "communities" / name)
    found = [line for line in problems(root) if not line.startswith(CIRCLE)]
    assert found == [line for line in found if line.startswith(f"communities/{name}:1:1: {severity}: {code} ")] and found


def test_a_hub_without_communities_has_no_problem_and_no_page(tmp_path: Path) -> None:
    root = copy_story_hub(tmp_path)
    assert problems(root) == []


@pytest.mark.parametrize("path", sorted((REPO / "communities").glob("*.yml")), ids=lambda p: p.name)
def test_starter_communities_validate_against_the_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [e.message for e in validator("community").iter_errors(as_json(data))] == []


def test_starter_hub_has_two_communities_with_a_year_of_rituals() -> None:
    hub, found = load_hub(hub_options(REPO))
    assert not [d for d in found if d.path.startswith("communities/")]
    communities = hub.communities.entries
    assert set(communities) == {"delivery-guild", "safety-practice"}
    year = dt.date(2027, 1, 1)
    for entry in communities.values():
        kinds = {ritual.kind for ritual in entry.model.rituals}
        assert {"demo-day", "office-hours", "feedback-circle"} & kinds
        assert any(past.stories for ritual in entry.model.rituals for past in ritual.past)
        for ritual in entry.model.rituals:  # every ritual still meets through the next year
            assert [s for s in next_starts(ritual, year, 400) if s.year == 2027], ritual.id


def test_new_community_scaffold_validates_but_for_its_placeholders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_story_hub(tmp_path)
    status, out, err = run(capsys, "new", "community", "Refund clinic", "--author", "lee-chen", "--capability", "billing/refunds", "--root", str(root))
    assert status == 0, err
    path = root / "communities" / "refund-clinic.yml"
    assert out.strip() == str(path)
    found = problems(root)
    assert found and all(": warning: HUB170 " in line for line in found), found  # only the TODO placeholders
    status, _, err = run(capsys, "new", "community", "Hub", "--root", str(root))
    assert status == 2 and "reserved" in err
