"""Noticing saves of the hub's content in `mkdocs serve` from the operating system's file events.

MkDocs watches what it serves with watchdog's polling observer: twice a second it lists and stats
every file under each watched folder. For a hub's thousands of maps, challenges and stories that is
a steady load on the process that also builds, and a rebuild takes longer while it runs (about a
quarter longer at 16,892 pages; docs/performance.md#previews-watcher). The hub's own folders are
watched here with watchdog's native observer instead (inotify, FSEvents, ReadDirectoryChangesW): it
costs nothing between saves. Where the system cannot watch a folder (no native observer, too many
watches), that folder is left to MkDocs' polling, as is a hub that sets `preview_watcher: polling`
(network shares and some container mounts never report a save by file events).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver

log = get_plugin_logger("competency-hub")

SAVES: list[type[FileSystemEvent]] = [FileCreatedEvent, FileModifiedEvent, FileMovedEvent, FileDeletedEvent, FileClosedEvent]
"""The events that mean a file's content changed. Not the opening or the closing after reading: each
rebuild reads every content file, which would otherwise ask for the next rebuild."""


class _AskForRebuild(FileSystemEventHandler):
    """What MkDocs' own watcher does on a change (`LiveReloadServer.watch`): asks the server's build
    loop for a rebuild, which starts once no file changed for a tenth of a second."""

    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            ask_for_a_rebuild(self.server)


def can_ask_for_a_rebuild(server: Any) -> bool:
    """Whether `server` has the two attributes MkDocs' file watcher sets (MkDocs 1.6's LiveReloadServer
    and ProperDocs' have them): the one way to ask its build loop for a rebuild."""
    return isinstance(getattr(server, "_rebuild_cond", None), threading.Condition) and hasattr(server, "_want_rebuild")


def ask_for_a_rebuild(server: Any) -> None:
    """Asks `serve`'s build loop for a rebuild as MkDocs' own file watcher does (`can_ask_for_a_rebuild`
    says whether this server can be asked): on a save, and for a split preview's second half."""
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


class ContentWatcher:
    """The hub's folders watched by native file events, for one `serve`."""

    def __init__(self, server: Any) -> None:
        self.server = server
        self.observer: BaseObserver | None = None
        self.watched: list[Path] = []
        """The folders watched by file events."""

    def watch(self, folders: list[Path]) -> list[Path]:
        """Starts watching `folders`; returns those it could not watch (for MkDocs' polling)."""
        if not can_ask_for_a_rebuild(self.server):
            return folders
        observer = Observer()
        observer.daemon = True
        observer.start()  # started first, so that each folder's watch is made (or refused) as it is scheduled
        handler = _AskForRebuild(self.server)
        polled = []
        for folder in folders:
            try:
                observer.schedule(handler, str(folder), recursive=True, event_filter=SAVES)
            except OSError as error:  # the system's limit of watches, a folder it cannot watch
                log.info("%s is watched by polling: file events are not available for it (%s)", folder, error)
                polled.append(folder)
        self.watched = [folder for folder in folders if folder not in polled]
        self.observer = observer
        if not self.watched:
            self.stop()
        return polled

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()
            self.observer.join(timeout=5)
            self.observer = None
