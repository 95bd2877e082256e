"""`mkdocs serve` rebuilds when content outside docs/ changes (maps/, challenges/)."""

from __future__ import annotations

import re
import shutil
import time
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


def _watched_by_polling(log_text: str) -> str:
    """The paths MkDocs' own (polling) watcher lists when `serve` starts."""
    found = re.search(r"Watching paths for changes: (.*)", log_text)
    assert found, log_text[-3000:]
    return found.group(1)


def test_serve_notices_saves_by_file_events_and_does_not_rebuild_while_idle(tmp_path: Path) -> None:
    """By default the hub's folders are watched by the system's file events, not by MkDocs' polling: a
    save, a new file and a deleted one each start a rebuild, and the rebuilds' own reading of every
    content file starts none (the log shows no rebuild while nothing is saved)."""
    root = tmp_path / "hub"
    shutil.copytree(FIXTURE, root)
    log = tmp_path / "serve.log"
    with mkdocs_serve(root, log=log) as base:
        assert wait_for(f"{base}/maps/support/triage/", "Ticket triage"), "the served site never came up"
        time.sleep(3)
        idle = log.read_text(encoding="utf-8")
        assert "Detected file changes" not in idle, idle[-3000:]
        assert re.search(r"saves in 'maps', 'challenges'.* are noticed by file events \(preview_watcher: native\)", idle), idle[-3000:]
        assert "maps" not in _watched_by_polling(idle) and "challenges" not in _watched_by_polling(idle)

        challenge = root / "challenges" / "tag-ten-tickets.md"
        challenge.write_text(challenge.read_text().replace("title: Tag ten tickets", "title: Tag twelve tickets"))
        assert wait_for(f"{base}/challenges/tag-ten-tickets/", "Tag twelve tickets"), "a saved challenge was not noticed"
        copy = root / "challenges" / "tag-eleven-tickets.md"
        copy.write_text(challenge.read_text().replace("id: tag-ten-tickets", "id: tag-eleven-tickets").replace("title: Tag twelve tickets", "title: Tag eleven tickets"))
        assert wait_for(f"{base}/challenges/tag-eleven-tickets/", "Tag eleven tickets"), "a new challenge was not noticed"
        copy.unlink()
        deadline = time.monotonic() + 90
        while fetch(f"{base}/challenges/tag-eleven-tickets/") is not None and time.monotonic() < deadline:
            time.sleep(0.3)
        assert fetch(f"{base}/challenges/tag-eleven-tickets/") is None, "a deleted challenge was not noticed"
        rebuilds = log.read_text(encoding="utf-8").count("Detected file changes")
        time.sleep(3)
    text = log.read_text(encoding="utf-8")
    assert text.count("Detected file changes") == rebuilds, text[-3000:]  # none while idle after the saves
    assert "Traceback" not in text and "ERROR" not in text, text[-3000:]


def test_serve_polls_the_hubs_folders_with_preview_watcher_polling(tmp_path: Path) -> None:
    """`preview_watcher: polling` leaves the hub's folders to MkDocs' polling (for shares and mounts that
    report no file events), which still notices a save."""
    root = tmp_path / "hub"
    shutil.copytree(FIXTURE, root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - competency-hub\n", "  - competency-hub:\n      preview_watcher: polling\n"))
    log = tmp_path / "serve.log"
    with mkdocs_serve(root, log=log) as base:
        assert wait_for(f"{base}/maps/support/triage/", "Ticket triage"), "the served site never came up"
        text = log.read_text(encoding="utf-8")
        assert "noticed by file events" not in text, text[-3000:]
        assert "maps" in _watched_by_polling(text) and "challenges" in _watched_by_polling(text)
        map_file = root / "maps" / "support.yml"
        map_file.write_text(map_file.read_text().replace("title: Ticket triage", "title: Ticket routing"))
        assert wait_for(f"{base}/maps/support/triage/", "Ticket routing"), "a saved map was not noticed by polling"
