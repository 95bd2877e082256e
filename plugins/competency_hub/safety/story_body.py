"""Finding the links, images, raw HTML and attribute lists in a story's Markdown, outside code.

The validator uses this to report unsafe or broken parts on their line; the renderer uses it to
keep relative links working for stories kept in sub-folders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..memo import TwoLoads, digest

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\([ \t]*(?P<url><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
)
_REFERENCE = re.compile(r"^[ ]{0,3}\[(?:[^\]\n]+)\]:[ \t]*(?P<url><[^>\n]*>|\S+)", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?P<url>[a-zA-Z][a-zA-Z0-9+.\-]{1,31}:[^\s<>]*)>")
_VALUE = r"(?:\"[^\"]*\"|'[^']*'|[^\s>]+)"
"""An attribute value as browsers read it: quoted, or anything up to a blank or '>'."""
_TAG = re.compile(
    r"<(?P<close>/?)(?P<name>[a-zA-Z][a-zA-Z0-9:-]*)"
    r"(?P<attrs>(?:[\s/]+[^\s=/>\"']+(?:\s*=\s*" + _VALUE + r")?)*)[\s/]*>"
)
_ATTRIBUTE = re.compile(r"(?P<name>[^\s=/>\"']+)(?:\s*=\s*(?P<value>" + _VALUE + r"))?")
_ATTR_LIST = re.compile(r"\{:?[ \t]*(?P<body>[^{}\n]*=[^{}\n]*)\}")
_ATTR_LIST_ITEM = re.compile(r"(?P<name>[^\s=#.{}]+)[ \t]*=[ \t]*(?P<value>\"[^\"]*\"|'[^']*'|[^\s}]+)")


_INCLUDE = re.compile(r"^[ \t]*(?P<marker>-+8<-+)(?=[ \t]|$)", re.MULTILINE)
"""A line pymdownx.snippets reads as an include (`--8<-- "file"`), as the start or end of a block
of files to include (`--8<--` alone), or as a section marker; any number of dashes either side.
Code is not masked: snippets runs before Markdown, so it includes inside code blocks too."""


def includes(text: str) -> Iterator[tuple[int, str]]:
    """(offset, marker) of every line of `text` that the snippets extension would act on."""
    for match in _INCLUDE.finditer(text):
        yield match.start("marker"), match.group("marker")


def escape_includes(text: str) -> str:
    """`text` with every include line escaped the way pymdownx.snippets documents (`;--8<--`), so a
    docs page can show an include as an example without the build performing it."""
    return _INCLUDE.sub(lambda m: m.group(0)[: m.start("marker") - m.start(0)] + ";" + m.group("marker"), text)


def mask_code(text: str) -> str:
    """`text` with fenced code blocks and code spans blanked out (same length, newlines kept)."""
    lines = text.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines[i] = " " * len(line)
        elif fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence) and not line.strip(" \t`~"):
                fence = None
            lines[i] = " " * len(line)
    masked = "\n".join(lines)
    return _CODE_SPAN.sub(lambda m: "".join(c if c == "\n" else " " for c in m.group(0)), masked)


def unclosed_fence(text: str) -> int | None:
    """The 0-based line of a code fence that is never closed, or None."""
    fence: tuple[str, int] | None = None
    for i, line in enumerate(text.split("\n")):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = (match.group(1), i)
        elif fence is not None and match and match.group(1)[0] == fence[0][0] and len(match.group(1)) >= len(fence[0]):
            if not line.strip(" \t`~"):
                fence = None
    return fence[1] if fence else None


@dataclass(frozen=True)
class Found:
    kind: str
    """'link', 'image', 'reference', 'autolink', 'tag', 'attribute' or 'attr-list'."""
    start: int
    """Offset in the text where the reported part starts."""
    end: int
    value: str
    """The URL, the tag name, or the attribute name."""
    tag: str = ""
    """For attributes: the tag (or 'attr-list')."""
    attribute_value: str | None = None


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def scan(text: str) -> tuple[Found, ...]:
    """Every link, image, tag, attribute and attribute list outside code, in text order per kind.

    A body is scanned by the validator, for the images it shows and for its links when rendered:
    each text is scanned once, and a `serve` rebuild takes unchanged texts' from the load before (memo.py).
    """
    key = digest(text)
    found = _SCANNED.get(key)
    if found is None:
        found = tuple(_scan(text))
        _SCANNED.put(key, found)
    return found


_SCANNED: TwoLoads[bytes, tuple[Found, ...]] = TwoLoads()


def _scan(text: str) -> Iterator[Found]:
    masked = mask_code(text)
    for match in _INLINE_LINK.finditer(masked):
        url = match.group("url")
        start = match.start("url")
        if url.startswith("<"):
            url, start = url[1:-1], start + 1
        yield Found("image" if match.group("bang") else "link", start, start + len(url), url)
    for match in _REFERENCE.finditer(masked):
        url = match.group("url")
        start = match.start("url")
        if url.startswith("<"):
            url, start = url[1:-1], start + 1
        yield Found("reference", start, start + len(url), url)
    for match in _AUTOLINK.finditer(masked):
        yield Found("autolink", match.start("url"), match.end("url"), match.group("url"))
    for match in _TAG.finditer(masked):
        if match.group("close"):
            continue
        name = match.group("name").lower()
        yield Found("tag", match.start(), match.end(), name)
        offset = match.start("attrs")
        for attribute in _ATTRIBUTE.finditer(match.group("attrs")):
            raw = attribute.group("value")
            yield Found(
                "attribute",
                offset + attribute.start(),
                offset + attribute.end(),
                attribute.group("name").lower(),
                name,
                _unquote(raw) if raw is not None else None,
            )
    for match in _ATTR_LIST.finditer(masked):
        offset = match.start("body")
        for item in _ATTR_LIST_ITEM.finditer(match.group("body")):
            yield Found(
                "attribute",
                offset + item.start(),
                offset + item.end(),
                item.group("name").lower(),
                "attr-list",
                _unquote(item.group("value")),
            )


def position(text: str, offset: int, first_line: int) -> tuple[int, int]:
    """The 1-based (line, column) of `offset` in a body that starts on `first_line` of its file."""
    line = first_line + text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
