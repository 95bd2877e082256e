"""Job aid validation: each rule reported at its place (`path:line:col`), with did-you-mean where it helps."""

from __future__ import annotations

from pathlib import Path

import pytest
from hub import copy_hub, validate, where

GOOD = """---
title: Triage checklist
kind: checklist
supports:
  - capability: support/triage
    levels: [assisted, independent]
owner: Support team leads
summary: What to check before a ticket leaves the queue.
---

- [ ] The ticket has a product tag.
- [ ] The priority follows the customer's contract.
"""


def hub_with(tmp_path: Path, files: dict[str, str]) -> Path:
    root = copy_hub(tmp_path)
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def job_aid_lines(root: Path) -> list[str]:
    return [line for line in validate(root) if line.startswith("job-aids/")]


def test_a_good_job_aid_has_no_finding(tmp_path: Path) -> None:
    root = hub_with(tmp_path, {"job-aids/triage.md": GOOD})
    assert job_aid_lines(root) == []


@pytest.mark.parametrize(
    ("old", "new", "needle", "code", "fragment"),
    [
        ("support/triage", "support/triage-x", "support/triage-x", "HUB303", "did you mean 'triage'"),
        ("support/triage", "suport/triage", "suport/triage", "HUB302", "did you mean 'support'"),
        ("[assisted, independent]", "[assisted, independant]", "independant", "HUB304", "did you mean 'independent'"),
        ("kind: checklist", "kind: checklists", "checklists", "HUB", "checklist"),
    ],
)
def test_references_and_fields_are_reported_at_their_line(tmp_path: Path, old: str, new: str, needle: str, code: str, fragment: str) -> None:
    root = hub_with(tmp_path, {"job-aids/triage.md": GOOD.replace(old, new)})
    lines = job_aid_lines(root)
    location = where(root, "job-aids/triage.md", needle, column=False)
    assert len(lines) == 1, lines
    assert lines[0].startswith(location), (lines, location)
    assert code in lines[0] and fragment in lines[0], lines


def test_a_checklist_without_items_is_an_error_at_its_kind(tmp_path: Path) -> None:
    text = GOOD.replace("- [ ] The ticket", "- The ticket").replace("- [ ] The priority", "- The priority")
    root = hub_with(tmp_path, {"job-aids/triage.md": text})
    assert job_aid_lines(root) == [
        f"{where(root, 'job-aids/triage.md', 'checklist', occurrence=2)}: error: HUB422 a checklist has no items to tick "
        "(write each item as a task-list line in the body: '- [ ] Check the fire exits are clear')"
    ]


def test_task_items_in_a_script_are_a_warning_at_the_first_one(tmp_path: Path) -> None:
    root = hub_with(tmp_path, {"job-aids/triage.md": GOOD.replace("kind: checklist", "kind: script")})
    (line,) = job_aid_lines(root)
    assert line.startswith(where(root, "job-aids/triage.md", "- [ ] The ticket")) and "warning: HUB423" in line


def test_unsafe_body_and_images_are_reported_where_they_are(tmp_path: Path) -> None:
    text = GOOD + "\n<script>alert(1)</script>\n\n![the board](board.png)\n\n[run](javascript:alert(1))\n"
    root = hub_with(tmp_path, {"job-aids/triage.md": text})
    lines = job_aid_lines(root)
    assert any(l.startswith(where(root, "job-aids/triage.md", "<script>")) and "HUB521" in l for l in lines), lines
    assert any(l.startswith(where(root, "job-aids/triage.md", "![the board]")) and "HUB425" in l for l in lines), lines
    assert any(l.startswith(where(root, "job-aids/triage.md", "[run]", column=False)) and "HUB523" in l for l in lines), lines


def test_file_names_duplicates_and_stray_files(tmp_path: Path) -> None:
    twice = GOOD.replace("    levels: [assisted, independent]\n", "    levels: [assisted, independent]\n  - capability: support/triage\n")
    root = hub_with(
        tmp_path,
        {"job-aids/Bad Name.md": GOOD, "job-aids/index.md": GOOD, "job-aids/twice.md": twice, "job-aids/board.png": "x"},
    )
    lines = job_aid_lines(root)
    assert any(l.startswith("job-aids/Bad Name.md:1:1: error: HUB420") for l in lines), lines
    assert any(l.startswith("job-aids/index.md:1:1: error: HUB420") and "reserved" in l for l in lines), lines
    assert any(l.startswith("job-aids/board.png:1:1: warning: HUB421") for l in lines), lines
    assert any(l.startswith(where(root, "job-aids/twice.md", "support/triage", occurrence=2)) and "HUB424" in l for l in lines), lines


def test_an_unknown_front_matter_key_is_reported(tmp_path: Path) -> None:
    root = hub_with(tmp_path, {"job-aids/triage.md": GOOD.replace("owner:", "video: x.mp4\nowner:")})
    (line,) = job_aid_lines(root)
    assert line.startswith(where(root, "job-aids/triage.md", "video", column=False)), line


def test_the_scaffold_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from hub import run

    root = copy_hub(tmp_path)
    status, out, _ = run(capsys, "new", "job-aid", "Refund desk checklist", "--capability", "billing/refunds", "--root", str(root))
    assert status == 0
    assert (root / "job-aids" / "refund-desk-checklist.md").is_file(), out
    lines = job_aid_lines(root)
    assert all("warning" in line for line in lines), lines


VIDEO = """video:
  title: Triage in one minute
  file: videos/triage.webm
  captions: videos/triage.vtt
  transcript: The lead opens the queue and checks the product tag first.
"""


def test_a_job_aid_video_publishes_its_named_files_and_reports_a_missing_captions_file_at_its_line(tmp_path: Path) -> None:
    with_video = GOOD.replace("---\n\n", VIDEO + "---\n\n", 1)
    root = hub_with(tmp_path, {"job-aids/triage.md": with_video, "job-aids/videos/triage.webm": "x", "job-aids/videos/other.webm": "x"})
    lines = job_aid_lines(root)
    assert not any(l.startswith("job-aids/videos/triage.webm") for l in lines), lines
    assert any(l.startswith("job-aids/videos/other.webm:1:1: warning: HUB421") for l in lines), lines
    assert any(l.startswith(where(root, "job-aids/triage.md", "videos/triage.vtt")) and "HUB442" in l for l in lines), lines
    (root / "job-aids/videos/triage.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nThe queue\n", encoding="utf-8")
    lines = job_aid_lines(root)
    assert [l for l in lines if "triage" in l] == [], lines
