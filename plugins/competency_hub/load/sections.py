"""Splitting a Markdown body into its `##` sections, so each can be checked and placed on the page."""

from __future__ import annotations

import re
from dataclasses import dataclass

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,2})[ \t]+(.+?)[ \t#]*$")


@dataclass
class Section:
    title: str
    markdown: str
    line: int
    """1-based line of the heading in the file (or of the first line, for the intro)."""


@dataclass
class Body:
    intro: Section | None
    sections: list[Section]
    top_headings: list[Section]
    """Any `#` headings found; the page title comes from the front matter, so they are reported."""


def split_sections(body: str, first_line: int) -> Body:
    """The intro (text before the first `##`) and each `##` section, ignoring headings in code fences."""
    parts: list[tuple[str, int, list[str]]] = [("", first_line, [])]
    top: list[Section] = []
    fence: str | None = None
    for offset, line in enumerate(body.split("\n")):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker[0] * 3
            elif marker.startswith(fence):
                fence = None
        heading = None if fence or fence_match else _HEADING.match(line)
        if heading and heading.group(1) == "##":
            parts.append((heading.group(2).strip(), first_line + offset, []))
        elif heading:
            top.append(Section(heading.group(2).strip(), "", first_line + offset))
        else:
            parts[-1][2].append(line)
    sections = [Section(title, "\n".join(lines).strip("\n"), line) for title, line, lines in parts]
    intro = sections.pop(0)
    return Body(intro if intro.markdown.strip() else None, sections, top)
