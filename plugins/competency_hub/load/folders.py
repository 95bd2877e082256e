"""The files of a content folder that are never content, so that every other file is accounted for.

Every file under maps/, challenges/ and stories/ is loaded as content, used as a declared side
file (a challenge's download, a story's image, authors.yml, patterns.yml), or reported with a
warning that says why it is not published. Two kinds of file are left alone without a word,
because they are never meant for readers: hidden files and folders (`.gitkeep`, `.DS_Store`,
`.git/`), which tools and operating systems create, and a `README.md`, the note a folder keeps
for contributors. Neither is ever read or published.
"""

from __future__ import annotations

from pathlib import PurePosixPath

FOLDER_NOTE = "README.md"
"""A note for contributors in a content folder (or any of its sub-folders): not content, not published."""


def left_alone(rel: str) -> bool:
    """Whether a file (path relative to its content folder) is a hidden file or a folder note."""
    parts = PurePosixPath(rel).parts
    return any(part.startswith(".") for part in parts) or parts[-1] == FOLDER_NOTE
