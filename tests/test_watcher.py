"""The file events `mkdocs serve` notices saves in the hub's folders by (mkdocs/watcher.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from serving import real_clock
from watchdog.observers.api import BaseObserver

from competency_hub.mkdocs.watcher import ContentWatcher

FAKED = "FAKETIME" in os.environ
"""The suite's run years ahead: libfaketime breaks timed waits in threads, which watchdog's observer
uses to stop, so these tests then run in a process on the real clock (the watcher reads no date)."""

in_this_process = pytest.mark.skipif(FAKED, reason="run on the real clock by test_the_watcher_on_the_real_clock")


class _Server:
    """What the watcher uses of MkDocs' LiveReloadServer: the build loop's condition and flag."""

    def __init__(self) -> None:
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False

    def asked(self, wait: float) -> bool:
        with self._rebuild_cond:
            self._rebuild_cond.wait_for(lambda: self._want_rebuild, timeout=wait)
            asked, self._want_rebuild = self._want_rebuild, False
        return asked


@in_this_process
def test_a_save_asks_for_a_rebuild_and_reading_does_not(tmp_path: Path) -> None:
    folder = tmp_path / "stories"
    (folder / "2026").mkdir(parents=True)
    story = folder / "2026" / "rota.md"
    story.write_text("---\ntitle: A rota\n---\n", encoding="utf-8")
    server = _Server()
    watcher = ContentWatcher(server)
    try:
        assert watcher.watch([folder]) == [] and watcher.watched == [folder]
        time.sleep(0.3)
        for _ in range(3):  # what every rebuild does to each content file
            story.read_bytes()
        assert not server.asked(wait=1.5), "reading a file asked for a rebuild"
        story.write_text("---\ntitle: A Sunday rota\n---\n", encoding="utf-8")
        assert server.asked(wait=10), "a saved file asked for no rebuild"
        (folder / "2026" / "new.md").write_text("---\ntitle: New\n---\n", encoding="utf-8")
        assert server.asked(wait=10), "a new file asked for no rebuild"
        story.unlink()
        assert server.asked(wait=10), "a deleted file asked for no rebuild"
    finally:
        watcher.stop()
    assert watcher.observer is None


@in_this_process
def test_a_folder_the_system_cannot_watch_is_left_to_polling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As when inotify's limit of watches is reached: that folder is returned for MkDocs to poll."""
    maps, stories = tmp_path / "maps", tmp_path / "stories"
    maps.mkdir()
    stories.mkdir()
    schedule = BaseObserver.schedule

    def refuse_stories(self: BaseObserver, handler: object, path: str, **kwargs: object) -> object:
        if Path(path) == stories:
            raise OSError(28, "inotify watch limit reached")
        return schedule(self, handler, path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(BaseObserver, "schedule", refuse_stories)
    watcher = ContentWatcher(_Server())
    try:
        assert watcher.watch([maps, stories]) == [stories]
        assert watcher.watched == [maps]
    finally:
        watcher.stop()


@in_this_process
def test_a_server_without_mkdocs_build_loop_is_left_to_polling(tmp_path: Path) -> None:
    watcher = ContentWatcher(object())
    assert watcher.watch([tmp_path]) == [tmp_path] and watcher.observer is None


def test_the_watcher_on_the_real_clock(tmp_path: Path) -> None:
    if not FAKED:
        pytest.skip("the tests above ran in this process")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "run"), __file__],
        env=real_clock(os.environ),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and "3 passed" in result.stdout, result.stdout[-3000:] + result.stderr[-3000:]
