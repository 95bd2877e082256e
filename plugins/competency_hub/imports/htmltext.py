"""HTML descriptions (as Moodle stores them) turned into the plain Markdown the hub's texts use.

Paragraphs, line breaks, lists, emphasis and links are kept as Markdown; whitespace is collapsed as
a browser would. Every other tag is named in `dropped`, so the importer can say what it lost.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "section", "article", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "tr"}
_KEPT_INLINE = {"strong": "**", "b": "**", "em": "_", "i": "_", "code": "`"}
_IGNORED = {"span", "font", "u", "small", "big", "sub", "sup", "tbody", "thead", "td", "th", "abbr", "html", "body", "head"}
"""Tags whose text is kept without the formatting (reported once, as formatting lost)."""
_SKIPPED = {"script", "style", "title", "head"}


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, bool]] = []
        """(text, is a list item): list items are joined by one line break, other blocks by a blank line."""
        self.current: list[str] = []
        self.dropped: set[str] = set()
        self.lists: list[list[int | None]] = []
        self.links: list[str | None] = []
        self.skipping = 0
        self.in_item = False

    def _flush(self) -> None:
        text = "".join(self.current)
        lines = [re.sub(r"[ \t\r\n\f]+", " ", line).strip() for line in text.split("\x00")]
        paragraph = "\n".join(line for line in lines if line)
        if paragraph:
            self.blocks.append((paragraph, self.in_item))
        self.current = []
        self.in_item = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
            self.dropped.add(tag)
            return
        if tag in _BLOCK:
            self._flush()
            if tag in ("ul", "ol"):
                self.lists.append([1 if tag == "ol" else None])
            elif tag == "table":
                self.dropped.add("table layout")
        elif tag == "li":
            self._flush()
            self.in_item = True
            marker = self.lists[-1][0] if self.lists else None
            if self.lists and marker is not None:
                self.current.append(f"{marker}. ")
                self.lists[-1][0] = marker + 1
            else:
                self.current.append("- ")
        elif tag == "br":
            self.current.append("\x00")
        elif tag in _KEPT_INLINE:
            self.current.append(_KEPT_INLINE[tag])
        elif tag == "a":
            href = dict(attrs).get("href")
            self.links.append(href)
            if href:
                self.current.append("[")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            self.dropped.add("img")
            if alt:
                self.current.append(alt)
        elif tag == "hr":
            self._flush()
        else:
            self.dropped.add(tag if tag not in _IGNORED else "formatting")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if tag in _BLOCK or tag == "li":
            self._flush()
            if tag in ("ul", "ol") and self.lists:
                self.lists.pop()
        elif tag in _KEPT_INLINE:
            self.current.append(_KEPT_INLINE[tag])
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.current.append(f"]({href})")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data)


def html_to_markdown(html: str) -> tuple[str, set[str]]:
    """(Markdown text, names of what could not be kept)."""
    converter = _Converter()
    converter.feed(html)
    converter.close()
    converter._flush()
    parts: list[str] = []
    for i, (block, item) in enumerate(converter.blocks):
        if i:
            parts.append("\n" if item and converter.blocks[i - 1][1] else "\n\n")
        parts.append(block)
    text = "".join(parts)
    # Emphasis around nothing but spaces (<b> </b>) would show as stray asterisks.
    text = re.sub(r"\*\*(\s*)\*\*|(?<![\w_])_(\s*)_(?![\w_])|`(\s*)`", lambda m: next(g for g in m.groups() if g is not None), text)
    text = re.sub(r"(?<=\S) {2,}(?=\S)", " ", text)
    return text.strip(), converter.dropped


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(p|br|div|span|ul|ol|li|strong|em|b|i|a|h[1-6]|table)\b", text, re.IGNORECASE))
