"""Jinja filters that place content text safely into generated Markdown and HTML."""

from __future__ import annotations

from markupsafe import escape


def inline(text: object) -> str:
    """Text on one line, so it can sit in a list item, table cell or heading."""
    return " ".join(str(text).split())


def cell(text: object) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return inline(text).replace("|", "\\|")


def attr(text: object) -> str:
    """Text for an HTML attribute value."""
    return str(escape(inline(text)))


def minutes(total: int) -> str:
    """A duration for people: '20 min', '1 h', '2 h 15 min'."""
    hours, rest = divmod(int(total), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h" + (f" {rest} min" if rest else "")


def lower_first(text: object) -> str:
    """'Recording of a call' → 'recording of a call', for use inside a sentence."""
    value = inline(text)
    return value[:1].lower() + value[1:] if value[1:2].islower() or len(value) == 1 else value


def clause(text: object) -> str:
    """A sentence turned into a clause to quote inside another: lower-case start, no final stop."""
    return lower_first(text).rstrip(".")


def first_sentence(text: object) -> str:
    """The first sentence of a paragraph, for tables that would otherwise carry whole paragraphs."""
    value = inline(text)
    for index, char in enumerate(value):
        if char in ".!?" and (index + 1 == len(value) or value[index + 1] == " ") and index > 20:
            return value[: index + 1]
    return value


FILTERS = {"clause": clause, "first_sentence": first_sentence, "inline": inline, "cell": cell, "attr": attr, "minutes": minutes, "lower_first": lower_first}
