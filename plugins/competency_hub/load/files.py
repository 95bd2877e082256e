"""Which files the hub may read or publish: regular files inside the repository, nothing else.

Content arrives by pull request and CI builds it with secrets. Git can store a symbolic link, and
a link to `~/.ssh/id_rsa` or `/proc/self/environ` would otherwise be read as a story or copied
into the site as a download. So every reader asks `classify` first. It judges a path with `lstat`
on each folder from the hub root down, so it never follows a link and never opens the file: a
FIFO would block the build on `open`, a device could be read forever.

Every symbolic link is refused, even one that points inside the repository: a link is never needed
(copy the file) and judging where it points is the kind of check that goes wrong (links to links,
links that change between check and read).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Iterator, Mapping

from ..diagnostics import Diagnostics
from .options import HubOptions


class FileKind(StrEnum):
    """What a path is, judged without following links or opening anything."""

    FILE = "file"
    """A regular file inside the hub root, reached through real folders: the only kind read."""
    FOLDER = "folder"
    """A real folder inside the hub root."""
    SYMLINK = "symlink"
    """The path, or one of the folders above it, is a symbolic link."""
    OUTSIDE = "outside"
    """The path is not under the hub root."""
    SPECIAL = "special"
    """A FIFO, socket or device: reading it may block or never end."""
    MISSING = "missing"


REFUSED = frozenset({FileKind.SYMLINK, FileKind.OUTSIDE, FileKind.SPECIAL})
"""Kinds that are reported as errors and never read or published."""

_WHY = {
    FileKind.SYMLINK: (
        "a symbolic link",
        "replace the link by a copy of the file: a link can point anywhere, e.g. to a secret outside the repository",
    ),
    FileKind.OUTSIDE: ("outside the repository", "move the file under the folder of mkdocs.yml"),
    FileKind.SPECIAL: ("not a regular file (a FIFO, socket or device)", "remove it from the repository"),
}
RULE = "only regular files inside the repository are read or published"
REFUSED_CODES = {FileKind.SYMLINK: "HUB801", FileKind.OUTSIDE: "HUB802", FileKind.SPECIAL: "HUB803"}
"""The diagnostic code of each refused kind, at the file itself (codes.py)."""
NAMES_REFUSED_CODE = "HUB805"
"""The code of a content line that names a refused file (a template, a download, an image)."""


def refusal(kind: FileKind) -> tuple[str, str]:
    """(what the path is, hint), e.g. ('a symbolic link', 'replace the link by a copy…')."""
    return _WHY[kind]


def classify(root: Path, path: Path) -> FileKind:
    """What `path` is, checked with `lstat` on every part below `root`; never follows a link, never opens.

    `root` is the hub root (the folder of mkdocs.yml); a relative `path` is taken from it. A path
    with `..` is judged by where it leads lexically, so `maps/../../x` is outside.
    """
    base = os.path.abspath(root)
    target = os.path.abspath(os.path.join(base, path))
    if target != base and not target.startswith(base.rstrip(os.sep) + os.sep):
        return FileKind.OUTSIDE
    current = base
    parts = [p for p in os.path.relpath(target, base).split(os.sep) if p not in ("", ".")]
    mode = None
    for i, part in enumerate(parts):
        current = os.path.join(current, part)
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            return FileKind.MISSING
        except NotADirectoryError:
            return FileKind.MISSING
        except OSError:
            return FileKind.SPECIAL if mode is not None and not stat.S_ISDIR(mode) else FileKind.MISSING
        if stat.S_ISLNK(mode):
            return FileKind.SYMLINK
        if i < len(parts) - 1 and not stat.S_ISDIR(mode):
            return FileKind.MISSING
    if mode is None:
        return FileKind.FOLDER  # the root itself
    if stat.S_ISREG(mode):
        return FileKind.FILE
    if stat.S_ISDIR(mode):
        return FileKind.FOLDER
    return FileKind.SPECIAL


class NotRegularFile(OSError):
    """Raised by `read_regular` for a link or a special file, whatever the caller checked before."""


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file (at most `limit`), refusing a link or a FIFO at the moment of opening.

    `O_NOFOLLOW` fails on a link and `O_NONBLOCK` keeps a FIFO from blocking; the open file is then
    checked with `fstat`, so nothing swapped in after `classify` is read either.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if os.path.islink(path):
            raise NotRegularFile(f"{path} is a symbolic link") from exc
        raise
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise NotRegularFile(f"{path} is not a regular file")
        return handle.read() if limit is None else handle.read(limit)


def is_readable_file(root: Path, path: Path) -> bool:
    """Whether `path` is a regular file inside `root` that may be read."""
    return classify(root, path) is FileKind.FILE


@dataclass(frozen=True)
class Entry:
    """One thing found under a content folder: a regular file, or something refused."""

    path: Path
    kind: FileKind


def walk(root: Path, folder: Path) -> list[Entry]:
    """Every regular file and every refused entry under `folder`, sorted, without following links.

    Real sub-folders are walked; a link to a folder is one refused entry (what it holds is never
    listed, so never read). The folder itself is classified first: a content folder that is a link
    is refused as a whole.
    """
    kind = classify(root, folder)
    if kind in REFUSED:
        return [Entry(folder, kind)]
    if kind is not FileKind.FOLDER:
        return []
    return sorted(_walk(folder), key=lambda e: e.path)


def _walk(folder: Path) -> Iterator[Entry]:
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = folder / entry.name
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            continue
        if stat.S_ISLNK(mode):
            yield Entry(path, FileKind.SYMLINK)
        elif stat.S_ISDIR(mode):
            yield from _walk(path)
        elif stat.S_ISREG(mode):
            yield Entry(path, FileKind.FILE)
        else:
            yield Entry(path, FileKind.SPECIAL)


def report_refused(diagnostics: Diagnostics, display: str, kind: FileKind) -> None:
    """The error for a refused file at the file itself (`path:1:1`)."""
    what, hint = refusal(kind)
    diagnostics.error(display, 1, 1, f"{what}: {RULE}", hint, code=REFUSED_CODES[kind])


def content_files(options: HubOptions, refused: dict[str, FileKind], folder: Path, diagnostics: Diagnostics) -> list[Path]:
    """The regular files under a content folder; every link or special file is reported, added to
    `refused` (by path as shown in diagnostics, see `Hub.refused`) and left out."""
    files = []
    for entry in walk(options.root, folder):
        if entry.kind in REFUSED:
            display = options.display(entry.path)
            refused[display] = entry.kind
            report_refused(diagnostics, display, entry.kind)
        else:
            files.append(entry.path)
    return files


def folder_exists(options: HubOptions, folder: Path) -> bool:
    """Whether a content folder is there at all (a refused folder is there, and reported by `content_files`)."""
    return classify(options.root, folder) is not FileKind.MISSING


def refused_kind(refused: Mapping[str, FileKind], display: str) -> FileKind | None:
    """Why a path named by content (as shown in diagnostics) was refused, given the paths refused so far
    (`Hub.refused`): itself, or a folder above it."""
    path = display
    while path:
        if path in refused:
            return refused[path]
        path = path.rpartition("/")[0]
    return None


def refused_message(name: str, kind: FileKind) -> tuple[str, str]:
    """(message, hint) for a content file that names a refused file, e.g. a template or an image."""
    what, hint = refusal(kind)
    return f"file '{name}' is {what}: {RULE}", hint


def check_site_folders(options: HubOptions, folders: list[Path], diagnostics: Diagnostics) -> list[Entry]:
    """Reports every link, special file or outside path under folders the build publishes or reads
    besides the content folders (docs/, the templates folder); returns them, for the build to drop."""
    refused = []
    for folder in folders:
        for entry in walk(options.root, folder):
            if entry.kind in REFUSED:
                report_refused(diagnostics, options.display(entry.path), entry.kind)
                refused.append(entry)
    return refused
