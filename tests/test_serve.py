"""`mkdocs serve` rebuilds when content outside docs/ changes (maps/, challenges/)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parent / "fixtures" / "small-hub"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body is not None and text in body:
            return True
        time.sleep(0.3)
    return False


@pytest.fixture
def served_hub(tmp_path: Path):
    root = tmp_path / "hub"
    shutil.copytree(FIXTURE, root)
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield root, f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        if process.stdout:
            process.stdout.close()


def test_serve_rebuilds_when_a_map_or_challenge_changes(served_hub) -> None:
    root, base = served_hub
    capability_url = f"{base}/maps/support/triage/"
    challenge_url = f"{base}/challenges/tag-ten-tickets/"
    assert _wait_for(capability_url, "Ticket triage"), "the served site never came up"

    map_file = root / "maps" / "support.yml"
    map_file.write_text(map_file.read_text().replace("title: Ticket triage", "title: Ticket routing"))
    assert _wait_for(capability_url, "Ticket routing"), "editing maps/ did not trigger a rebuild"

    challenge = root / "challenges" / "tag-ten-tickets.md"
    challenge.write_text(challenge.read_text().replace("title: Tag ten tickets", "title: Tag twelve tickets"))
    assert _wait_for(challenge_url, "Tag twelve tickets"), "editing challenges/ did not trigger a rebuild"


def test_serve_keeps_previewing_while_content_has_errors(tmp_path: Path) -> None:
    """`mkdocs build` stops on a content error, but `mkdocs serve` shows what is valid and recovers."""
    root = tmp_path / "hub"
    shutil.copytree(FIXTURE, root)
    challenge = root / "challenges" / "tag-ten-tickets.md"
    challenge.write_text(challenge.read_text().replace("time_box: 20", "time_bx: 20"))
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        assert _wait_for(f"{base}/maps/support/triage/", "Ticket triage"), "serve did not start on broken content"
        assert _fetch(f"{base}/challenges/tag-ten-tickets/") is None, "the broken challenge was published"
        challenge.write_text(challenge.read_text().replace("time_bx: 20", "time_box: 20"))
        assert _wait_for(f"{base}/challenges/tag-ten-tickets/", "Tag ten tickets"), "the fixed challenge never appeared"
    finally:
        process.terminate()
        process.wait(timeout=10)
