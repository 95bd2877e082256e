"""The files of a content folder that are never content, so that every other file is accounted for.

Every file of a content folder (maps/, challenges/, stories/, pilots/, communities/, job-aids/) is
loaded as content, used as a declared side file (a challenge's download, a story's image, authors.yml,
patterns.yml, a pilot's CSV, a video's files), or reported with a warning that says why it is not
published; `folder_files` lists them for every loader. Two kinds of file are left alone without a word,
because they are never meant for readers: hidden files and folders (`.gitkeep`, `.DS_Store`,
`.git/`), which tools and operating systems create, and a `README.md`, the note a folder keeps
for contributors. Neither is ever read or published.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import NamedTuple

from ..diagnostics import Diagnostics
from .files import FileKind, content_files, folder_exists
from .options import HubOptions

FOLDER_NOTE = "README.md"
"""A note for contributors in a content folder (or any of its sub-folders): not content, not published."""


def left_alone(rel: str) -> bool:
    """Whether a file (path relative to its content folder) is a hidden file or a folder note."""
    parts = PurePosixPath(rel).parts
    return any(part.startswith(".") for part in parts) or parts[-1] == FOLDER_NOTE


class FolderFile(NamedTuple):
    """A file of a content folder that must be accounted for: loaded, used as a side file, or warned about."""

    path: Path
    rel: str
    """Its path relative to the content folder, with forward slashes, e.g. '2026/rollback-drills.md'."""
    display: str
    """Its path as shown in diagnostics."""


def folder_files(options: HubOptions, refused: dict[str, FileKind], folder: Path, diagnostics: Diagnostics) -> list[FolderFile]:
    """The files of a content folder to account for, sorted (none when the folder is not there).

    Only regular files inside the repository, listed without following a link: every link, special file
    or outside path is reported by `content_files`, added to `refused` and left out. Hidden files and
    folder notes are left out without a word (`left_alone`).
    """
    if not folder_exists(options, folder):
        return []
    found = []
    for path in content_files(options, refused, folder, diagnostics):
        rel = path.relative_to(folder).as_posix()
        if not left_alone(rel):
            found.append(FolderFile(path, rel, options.display(path)))
    return found
