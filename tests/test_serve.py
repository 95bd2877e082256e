"""`mkdocs serve` rebuilds when content outside docs/ changes (maps/, challenges/)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from serving import fetch, mkdocs_serve, wait_for

pytestmark = pytest.mark.build

FIXTURE = Path(__file__).parent / "fixtures" / "small-hub"


def test_serve_rebuilds_when_a_map_or_challenge_changes(tmp_path: Path) -> None:
    root = tmp_path / "hub"
    shutil.copytree(FIXTURE, root)
    with mkdocs_serve(root) as base:
        capability_url = f"{base}/maps/support/triage/"
        challenge_url = f"{base}/challenges/tag-ten-tickets/"
        assert wait_for(capability_url, "Ticket triage"), "the served site never came up"

        map_file = root / "maps" / "support.yml"
        map_file.write_text(map_file.read_text().replace("title: Ticket triage", "title: Ticket routing"))
        assert wait_for(capability_url, "Ticket routing"), "editing maps/ did not trigger a rebuild"

        challenge = root / "challenges" / "tag-ten-tickets.md"
        challenge.write_text(challenge.read_text().replace("title: Tag ten tickets", "title: Tag twelve tickets"))
        assert wait_for(challenge_url, "Tag twelve tickets"), "editing challenges/ did not trigger a rebuild"


def test_serve_keeps_previewing_while_content_has_errors(tmp_path: Path) -> None:
    """`mkdocs build` stops on a content error, but `mkdocs serve` shows what is valid and recovers."""
    root = tmp_path / "hub"
    shutil.copytree(FIXTURE, root)
    challenge = root / "challenges" / "tag-ten-tickets.md"
    challenge.write_text(challenge.read_text().replace("time_box: 20", "time_bx: 20"))
    with mkdocs_serve(root) as base:
        assert wait_for(f"{base}/maps/support/triage/", "Ticket triage"), "serve did not start on broken content"
        assert fetch(f"{base}/challenges/tag-ten-tickets/") is None, "the broken challenge was published"
        challenge.write_text(challenge.read_text().replace("time_bx: 20", "time_box: 20"))
        assert wait_for(f"{base}/challenges/tag-ten-tickets/", "Tag ten tickets"), "the fixed challenge never appeared"
