"""Pilot files are checked at their lines: who and what they name, dates, results, and success defined
up front (metrics changed after the start need a recorded reason, from the Git history or the log)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hub import copy_story_hub, errors, matching, validate, where
from pilots import PILOT, PILOT_FILE, git, write_pilot

pytestmark = pytest.mark.usefixtures("pinned_today")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return copy_story_hub(tmp_path)


def pilot_errors(root: Path) -> list[str]:
    return [line for line in errors(root) if line.startswith("pilots/")]


def test_the_valid_pilot_has_no_problem(root: Path) -> None:
    write_pilot(root)
    assert [line for line in validate(root) if line.startswith("pilots/")] == []


@pytest.mark.parametrize(
    ("old", "new", "needle", "fragment"),
    [
        ("manager: sam-okafor", "manager: sam-okafr", "sam-okafr", "HUB560 unknown manager 'sam-okafr' (did you mean 'sam-okafor'?)"),
        ("paths: [first-week]", "paths: [first-weak]", "first-weak", "HUB561 unknown path 'first-weak' (did you mean 'first-week'?)"),
        ("capabilities: [support/triage]", "capabilities: [support/triag]", "support/triag", "HUB561 unknown capability 'support/triag' (did you mean 'support/triage'?)"),
        ("capabilities: [support/triage]", "capabilities: [triage]", "triage]", "HUB561 capability 'triage' does not name its map"),
        ("stories: [weekend-triage-rota]", "stories: [weekend-triage-rotta]", "weekend-triage-rotta", "HUB562 unknown story 'weekend-triage-rotta' (did you mean 'weekend-triage-rota'?)"),
        ("stories: [weekend-triage-rota]", "stories: [draft-secret-plan]", "draft-secret-plan", "HUB562 story 'draft-secret-plan' is a draft"),
        ("end: 2026-12-31", "end: 2026-08-01", "2026-08-01", "HUB563 end 2026-08-01 is before start 2026-09-01"),
        ("  - id: reopened", "  - id: triage-minutes", "triage-minutes\n    name: Tickets", "HUB564 duplicate metric id 'triage-minutes'"),
        ("status: running", "status: stopped", "stopped", "HUB565 a pilot that is stopped records its decision"),
        ("{metric: reopened,", "{metric: reopend,", "{metric: reopend", "HUB568 measurement of unknown metric 'reopend' (did you mean 'reopened'?)"),
        ("date: 2026-09-30", "date: 2026-08-30", "{metric: triage-minutes, date: 2026-08-30", "HUB569 measurement dated 2026-08-30, before the start 2026-09-01"),
        ("date: 2026-09-30", "date: 2026-12-30", "{metric: triage-minutes, date: 2026-12-30", "HUB569 measurement dated 2026-12-30, in the future (today is 2026-11-26)"),
        ("date: 2026-09-30", "date: 2026-10-31", "{metric: triage-minutes, date: 2026-10-31, value: 50", "HUB572 metric 'triage-minutes' is measured twice on 2026-10-31"),
    ],
)
def test_each_rule_is_reported_at_its_line(root: Path, old: str, new: str, needle: str, fragment: str) -> None:
    write_pilot(root, PILOT.replace(old, new))
    location = where(root, PILOT_FILE, needle, column=False)
    found = pilot_errors(root)
    assert matching(found, location, fragment), found


def test_a_reserved_id_is_refused(root: Path) -> None:
    (root / "pilots").mkdir()
    (root / "pilots" / "index.yml").write_text(PILOT.replace("id: triage-pilot", "id: index"), encoding="utf-8")
    assert matching(errors(root), "pilots/index.yml:1:", "HUB574 pilot id 'index' is reserved")


def test_csv_results_are_read_and_bad_rows_reported_at_their_line(root: Path) -> None:
    write_pilot(
        root,
        csv="metric,date,value,note\nreopened,2026-09-30,11,\nreopened,30/10/2026,10,\nreopened,2026-10-15,ten,\n"
        "reopend,2026-11-01,9,\n",
    )
    found = pilot_errors(root)
    assert matching(found, "pilots/triage-pilot.csv:3:", "HUB570 '30/10/2026' is not a date"), found
    assert matching(found, "pilots/triage-pilot.csv:4:", "HUB570 'ten' is not a number"), found
    assert matching(found, "pilots/triage-pilot.csv:5:", "HUB568 measurement of unknown metric 'reopend'"), found
    assert len(found) == 3, found


def test_a_csv_with_the_wrong_header_is_reported(root: Path) -> None:
    write_pilot(root, csv="metric;date;value\n")
    assert matching(pilot_errors(root), "pilots/triage-pilot.csv:1:1", "HUB570 the header is")


def test_a_stray_file_in_pilots_is_a_warning(root: Path) -> None:
    write_pilot(root)
    (root / "pilots" / "notes.txt").write_text("scratch\n", encoding="utf-8")
    assert matching(validate(root), "pilots/notes.txt:1:1", "warning: HUB573")


# -- the changes log, without Git ------------------------------------------------------------------

CHANGE = """\
changes:
  - date: 2026-09-20
    metric: triage-minutes
    field: target
    before: 20
    after: 30
    reason: The overnight queue is answered by the outsourced desk, which we do not control.
"""


def test_a_change_after_the_start_without_a_reason_is_refused_at_its_line(root: Path) -> None:
    write_pilot(root, PILOT.replace("measurements:\n", CHANGE.replace("    reason: The overnight queue is answered by the outsourced desk, which we do not control.\n", "") + "measurements:\n"))
    found = pilot_errors(root)
    location = where(root, PILOT_FILE, "- date: 2026-09-20", column=False)
    assert matching(found, location, "HUB566 the change of metric 'triage-minutes' (target) on 2026-09-20 is after the start"), found


def test_a_change_with_its_reason_is_accepted_and_shown_in_the_log(root: Path) -> None:
    write_pilot(root, PILOT.replace("measurements:\n", CHANGE + "measurements:\n"))
    assert pilot_errors(root) == []


def test_a_change_log_that_disagrees_with_the_metric_is_refused(root: Path) -> None:
    write_pilot(root, PILOT.replace("measurements:\n", CHANGE.replace("after: 30", "after: 25") + "measurements:\n"))
    location = where(root, PILOT_FILE, "after: 25", column=False)
    assert matching(pilot_errors(root), location, "HUB567 the last change of metric 'triage-minutes' sets target to 25, but it is 30")


def test_a_change_of_an_unknown_metric_is_refused(root: Path) -> None:
    write_pilot(root, PILOT.replace("measurements:\n", CHANGE.replace("metric: triage-minutes", "metric: triage-minute") + "measurements:\n"))
    location = where(root, PILOT_FILE, "metric: triage-minute\n", column=False)
    assert matching(pilot_errors(root), location, "HUB567 change of unknown metric 'triage-minute' (did you mean 'triage-minutes'?)")


# -- the Git history -------------------------------------------------------------------------------


def committed_before_the_start(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Pilot published before its start", when="2026-08-20")


def test_a_metric_changed_after_the_start_without_a_reason_is_refused_at_the_changed_field(root: Path) -> None:
    write_pilot(root)
    committed_before_the_start(root)
    write_pilot(root, PILOT.replace("    target: 30\n", "    target: 45\n"))
    git(root, "commit", "-q", "-am", "Easier target", when="2026-10-05")
    location = where(root, PILOT_FILE, "target: 45", column=False)
    found = pilot_errors(root)
    assert matching(found, location, "HUB566 metric 'triage-minutes': target changed after the start date 2026-09-01 (was 30, now 45) without a recorded reason"), found
    # Uncommitted, the same change is refused just the same.
    git(root, "reset", "-q", "--hard", "HEAD~1")
    write_pilot(root, PILOT.replace("    direction: lower\n  - id: reopened", "    direction: higher\n  - id: reopened"))
    assert matching(pilot_errors(root), where(root, PILOT_FILE, "direction: higher", column=False), "HUB566 metric 'triage-minutes': direction changed")


def test_a_metric_changed_after_the_start_with_a_recorded_reason_is_accepted(root: Path) -> None:
    write_pilot(root, PILOT.replace("    target: 30\n", "    target: 20\n"))
    committed_before_the_start(root)
    write_pilot(root, PILOT.replace("measurements:\n", CHANGE + "measurements:\n"))
    git(root, "commit", "-q", "-am", "Target 30, with its reason", when="2026-09-20")
    assert pilot_errors(root) == []


def test_metrics_added_or_removed_after_the_start_need_a_reason(root: Path) -> None:
    write_pilot(root)
    committed_before_the_start(root)
    removed = PILOT.split("  - id: reopened\n")[0] + "measurements:\n  - {metric: triage-minutes, date: 2026-09-30, value: 70}\n"
    write_pilot(root, removed)
    assert matching(pilot_errors(root), where(root, PILOT_FILE, "metrics:", column=False), "HUB566 metric 'reopened' was removed after the start date")


def test_changes_before_the_start_are_free(root: Path) -> None:
    write_pilot(root, PILOT.replace("    target: 30\n", "    target: 20\n"))
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Draft of the pilot", when="2026-08-01")
    write_pilot(root)
    git(root, "commit", "-q", "-am", "Target agreed with the team", when="2026-08-25")
    assert pilot_errors(root) == []
