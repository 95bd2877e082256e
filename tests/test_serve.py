"""`mkdocs serve` rebuilds when content outside docs/ changes (maps/, challenges/)."""

from __future__ import annotations

import re
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


def test_serve_dirty_shows_the_saved_maps_pages_first_and_the_rest_in_a_second_rebuild(tmp_path: Path) -> None:
    """A saved map title changes every page's navigation: with `preview_split_above: 0` the map's own
    pages are converted first, the others are left as they were and converted by a second rebuild."""
    root = tmp_path / "hub"
    shutil.copytree(FIXTURE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - competency-hub\n", "  - competency-hub:\n      preview_split_above: 0\n"))
    log = tmp_path / "serve.log"
    with mkdocs_serve(root, log=log, args=("--dirty",)) as base:
        other_map = f"{base}/maps/billing/"
        assert wait_for(other_map, "Customer support"), "the served site never came up"
        map_file = root / "maps" / "support.yml"
        map_file.write_text(map_file.read_text().replace("title: Customer support", "title: Customer care", 1))
        assert wait_for(f"{base}/maps/support/", "Customer care"), "the saved map's page was not rebuilt"
        assert wait_for(other_map, "Customer care"), "the other pages never got the new title in their navigation"
        challenge = fetch(f"{base}/challenges/tag-ten-tickets/")
        assert challenge is not None and "Customer care" in challenge and "Customer support" not in challenge
    text = log.read_text(encoding="utf-8")
    split = re.search(r"the pages made from the saved files are rendered and converted first; (\d+) other pages keep their last version", text)
    assert split and int(split.group(1)) > 0, text[-3000:]
    assert text.count("Reloading browsers") >= 2, text[-3000:]  # after the map's pages, after the rest
    assert "Traceback" not in text and "ERROR" not in text, text[-3000:]
