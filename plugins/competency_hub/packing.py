"""Text held packed with zlib until it is read: what a build holds for all pages at once.

A hub holds every page's Markdown before MkDocs converts the first, every converted page before
it writes the first, and every content file's body from loading to rendering: hundreds of MB at
L, for text each part reads a few times. Packed, it takes a fifth (sample prose far less).
"""

from __future__ import annotations

import zlib

PACKING_LEVEL = 1
"""zlib's fastest level: generated Markdown and HTML pack to about a fifth, at hundreds of MB a second."""


def pack(text: str) -> bytes:
    """`text` packed to hold it small until it is read (`unpack`)."""
    return zlib.compress(text.encode("utf-8"), PACKING_LEVEL)


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8")
