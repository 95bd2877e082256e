"""A pilot for the story fixture hub, written into a copy of it (tests of pilots share it)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

PILOT_ID = "triage-pilot"
PILOT_FILE = f"pilots/{PILOT_ID}.yml"

PILOT = """\
id: triage-pilot
title: Triage rota on the weekend desk
summary: The weekend desk tries the first-week path so that urgent tickets are triaged within the hour.
team: Support, weekend desk
manager: sam-okafor
paths: [first-week]
capabilities: [support/triage]
cohort:
  size: 6
  description: The six weekend agents.
start: 2026-09-01
end: 2026-12-31
status: running
metrics:
  - id: triage-minutes
    name: Median minutes to triage an urgent ticket
    unit: minutes
    kind: cycle-time
    baseline: 90
    target: 30
    direction: lower
  - id: reopened
    name: Tickets reopened within a week
    unit: "%"
    kind: quality
    baseline: 12
    target: 8
    direction: lower
measurements:
  - {metric: triage-minutes, date: 2026-09-30, value: 70}
  - {metric: triage-minutes, date: 2026-10-31, value: 50, note: Two new agents}
  - {metric: reopened, date: 2026-10-31, value: 10}
findings: Triage time fell by a third in two months.
stories: [weekend-triage-rota]
"""
"""A valid pilot: the results in the file (tests add a CSV beside it where they need one)."""


def write_pilot(root: Path, text: str = PILOT, csv: str | None = None) -> Path:
    path = root / PILOT_FILE
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if csv is not None:
        (root / "pilots" / f"{PILOT_ID}.csv").write_text(csv, encoding="utf-8")
    return path


def git(root: Path, *args: str, when: str | None = None) -> None:
    """Runs git in `root`; `when` (ISO date) dates the commit, so history does not depend on today."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.invalid"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{when}T12:00:00+00:00"
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)
