"""Writing Atom 1.0 feeds: the one writer behind the map change logs and the story feed.

A feed is built as a small tree of `Element`s, in the order its elements are written, and
`write()` turns it into bytes. Ids are `urn:uuid:` names (uuid5) in a namespace each feed keeps
for ever: an entry's id is how feed readers know they have seen it, so it never changes.
Each feed also keeps the layout it was first published with (`INDENTED` or `LINES`), so that
moving to this writer did not change one byte of a published feed.
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

ATOM = "http://www.w3.org/2005/Atom"
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'


def day_start(day: datetime.date) -> str:
    """'2026-11-26T00:00:00Z': the first moment of a day, UTC, in RFC 3339 (feeds date their entries by day)."""
    return f"{day.isoformat()}T00:00:00Z"


def atom_id(namespace: uuid.UUID, name: str) -> str:
    """The stable id of a feed or an entry: `urn:uuid:` and the uuid5 of `name` in the feed's `namespace`."""
    return f"urn:uuid:{uuid.uuid5(namespace, name)}"


@dataclass
class Element:
    """One Atom element: a name without namespace (`entry`, `link`…), attributes in order, text or children."""

    tag: str
    text: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    children: list["Element"] = field(default_factory=list)

    def add(self, tag: str, text: str | None = None, **attributes: str) -> "Element":
        """A new child, after those added before it."""
        child = Element(tag, text, dict(attributes))
        self.children.append(child)
        return child


@dataclass(frozen=True)
class Layout:
    """How a feed's elements are placed on lines and escaped."""

    indent: str | None
    """Every element on a line of its own, indented this much a level (as ElementTree's `indent` does,
    with `<empty />` elements); or None: only the children of `feed` and `entry` on lines of their own,
    consecutive authors on one line, no indentation, `<empty/>` elements."""


INDENTED = Layout(indent="  ")
"""The story feed's layout."""
LINES = Layout(indent=None)
"""The map change logs' layout."""


def _escape_attribute(value: str) -> str:
    """An attribute value in double quotes, escaped as ElementTree escapes it."""
    for raw, reference in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("\r", "&#13;"), ("\n", "&#10;"), ("\t", "&#09;")):
        value = value.replace(raw, reference)
    return f'"{value}"'


def _start(element: Element, layout: Layout, root: bool) -> str:
    quote = _escape_attribute if layout.indent is not None else quoteattr
    attributes = [f' xmlns="{ATOM}"'] if root else []
    attributes += [f" {name}={quote(value)}" for name, value in element.attributes.items()]
    return f"<{element.tag}{''.join(attributes)}"


def _inline(element: Element, layout: Layout, root: bool = False) -> str:
    """The element on one line, children included."""
    start = _start(element, layout, root)
    if element.children:
        return f"{start}>{''.join(_inline(child, layout) for child in element.children)}</{element.tag}>"
    if layout.indent is not None:
        return f"{start}>{escape(element.text)}</{element.tag}>" if element.text else f"{start} />"
    return f"{start}/>" if element.text is None else f"{start}>{escape(element.text)}</{element.tag}>"


def _lines(element: Element, layout: Layout, depth: int = 0) -> list[str]:
    """The element as lines: a start tag, its children's lines, an end tag."""
    indent = layout.indent or ""
    if not element.children or (layout.indent is None and element.tag not in ("feed", "entry")):
        return [indent * depth + _inline(element, layout, root=depth == 0)]
    lines = [indent * depth + _start(element, layout, root=depth == 0) + ">"]
    for child in element.children:
        child_lines = _lines(child, layout, depth + 1)
        if layout.indent is None and child.tag == "author" and lines[-1].endswith("</author>"):
            lines[-1] += child_lines[0]
        else:
            lines += child_lines
    lines.append(indent * depth + f"</{element.tag}>")
    return lines


def write(feed: Element, layout: Layout) -> bytes:
    """The feed as an Atom document in UTF-8, declaration first, ending in a newline."""
    return ("\n".join([XML_DECLARATION, *_lines(feed, layout)]) + "\n").encode("utf-8")
