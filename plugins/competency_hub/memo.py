"""What the previous load of the hub worked out from a file's text, kept for the next load.

Why: a rebuild of `mkdocs serve` loads, checks and renders the whole hub again though one file
changed. Work that is a pure function of a text (parsing a content file, scanning a story body
for links and tags) gives the same answer for the same text, so a rebuild takes it from the
load before. Each memo keeps two loads' worth at most: what this load used and what the one
before worked out, so a long `serve` or test run does not grow. The answers are never changed
once made (models are built from them, not into them).
"""

from __future__ import annotations

import hashlib
from typing import Generic, Hashable, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

_MEMOS: list[TwoLoads] = []  # type: ignore[type-arg]


class TwoLoads(Generic[K, V]):
    """A memo of this load's answers and the previous load's (see the module's docstring)."""

    def __init__(self) -> None:
        self.now: dict[K, V] = {}
        self.before: dict[K, V] = {}
        _MEMOS.append(self)

    def get(self, key: K) -> V | None:
        found = self.now.get(key)
        if found is None:
            found = self.before.get(key)
            if found is not None:
                self.now[key] = found
        return found

    def put(self, key: K, value: V) -> None:
        self.now[key] = value


def digest(text: str) -> bytes:
    """A short hash of `text` to key or check a memo by, so that a memo holds no text of its own
    (at L the hub's files are some 60 MB of text, which would otherwise stay in memory)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def new_load() -> None:
    """Starts a load of the whole hub: every memo forgets what the load before the last one made."""
    for memo in _MEMOS:
        memo.before, memo.now = memo.now, {}
