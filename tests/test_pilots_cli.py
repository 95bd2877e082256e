"""`competency-hub new pilot`: a commented pilot file that parses, whose only problems are its placeholders."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hub import fill_in, run, validate

pytestmark = pytest.mark.usefixtures("pinned_today")


def test_new_pilot_writes_a_scaffold_that_validates_once_filled_in(capsys, story_hub: Path) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = run(
        capsys, "new", "pilot", "Weekend triage pilot", "--author", "sam-okafor", "--capability", "support/triage",
        "--root", str(story_hub),
    )  # fmt: skip
    assert status == 0
    path = story_hub / "pilots" / "weekend-triage-pilot.yml"
    assert out.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/pilot.schema.json\n")
    data = yaml.safe_load(text)
    assert (data["id"], data["manager"], data["capabilities"], data["status"]) == (
        "weekend-triage-pilot", "sam-okafor", ["support/triage"], "planned"
    )
    assert str(data["start"]) == "2026-12-24"  # four weeks from the pinned today, 2026-11-26
    problems = validate(story_hub)
    assert problems and all("HUB170 placeholder 'TODO:" in line for line in problems), problems
    fill_in(path)
    assert validate(story_hub) == []


def test_new_pilot_keeps_an_existing_file(capsys, story_hub: Path) -> None:  # type: ignore[no-untyped-def]
    assert run(capsys, "new", "pilot", "p", "--root", str(story_hub))[0] == 0
    status, _, err = run(capsys, "new", "pilot", "p", "--root", str(story_hub))
    assert status == 1 and "exists" in err
