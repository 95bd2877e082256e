"""Splitting a Markdown body into its `##` sections, so each can be checked and placed on the page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..memo import TwoLoads

if TYPE_CHECKING:
    from ..diagnostics import Diagnostics
    from .source import Source

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


_SPLIT: TwoLoads[tuple[bytes, int], Body] = TwoLoads()
"""Bodies by the digest of their file's text, kept for the next load (memo.py): at 13,000 challenges and
stories, splitting every body again was a tenth of a rebuild's load."""


def source_sections(source: "Source") -> Body:
    """`split_sections` of a content file's body, or what it gave for the same file text at the load before."""
    if not source.text_digest:
        return split_sections(source.body, source.body_line)
    key = (source.text_digest, source.body_line)
    body = _SPLIT.get(key)
    if body is None:
        body = split_sections(source.body, source.body_line)
        _SPLIT.put(key, body)
    return body


def check_sections(
    source: "Source",
    body: Body,
    known: dict[str, str],
    diagnostics: "Diagnostics",
    *,
    kind: str,
    may_omit: frozenset[str] = frozenset(),
    missing_hints: dict[str, str] | None = None,
) -> dict[str, Section]:
    """The body's known `##` sections by anchor; reports unknown, repeated, empty and missing ones.

    `known` maps anchors to titles, in page order; sections in `may_omit` may be left out, and a
    missing section gets its hint from `missing_hints`: one rule serves challenges and stories.
    """
    from ..diagnostics import did_you_mean

    by_title = {title.casefold(): anchor for anchor, title in known.items()}
    found: dict[str, Section] = {}
    for heading in body.top_headings:
        diagnostics.error(
            source.path,
            heading.line,
            1,
            f"top-level heading '# {heading.title}' in a {kind} body",
            "the page title comes from 'title'; use '## ' sections",
            code="HUB140",
        )
    for section in body.sections:
        anchor = by_title.get(section.title.casefold())
        if anchor is None:
            hint = did_you_mean(section.title, known.values())
            diagnostics.error(
                source.path,
                section.line,
                1,
                f"unknown section '## {section.title}'",
                hint or f"{kind} sections are: {', '.join(known.values())}",
                code="HUB141",
            )
            continue
        if anchor in found:
            diagnostics.error(
                source.path,
                section.line,
                1,
                f"section '## {section.title}' appears twice (first on line {found[anchor].line})",
                code="HUB142",
            )
            continue
        if not section.markdown.strip():
            diagnostics.error(source.path, section.line, 1, f"section '## {section.title}' is empty", code="HUB143")
        found[anchor] = section
    for anchor, title in known.items():
        if anchor in found or anchor in may_omit:
            continue
        hint = (missing_hints or {}).get(anchor)
        diagnostics.error(source.path, source.body_line, 1, f"missing section '## {title}'", hint, code="HUB144")
    return found
