"""Jinja filters that place content text safely into generated Markdown and HTML.

Map texts (and challenge titles on other pages) come from pull requests and are placed into the
generated Markdown of map, capability, rubric, path, home, challenge and tombstone pages. They
are plain text with inline Markdown, never HTML. Safe by construction, whatever the validator
said (`mkdocs serve` keeps previewing a hub with errors):

- every filter that puts a text into Markdown (`inline`, `cell`, `clause`, `first_sentence`,
  `lower_first`, `block`) writes `<` as `&#60;` and `{` as `&#123;`. Every kind of raw HTML in
  Markdown (a tag, a comment, an autolink) starts with `<`, and every attribute list starts with
  `{`, so the text can only become Markdown's own elements (emphasis, code, links), whatever it
  holds and wherever the template puts it; code spans are not special-cased, so a backtick the
  text does not close cannot open a gap. Python-Markdown passes character references through,
  and the reader sees the characters typed. Idempotent: the output holds no `<` or `{`, so
  filters compose (`cell` calls `inline`, templates chain filters).
- the links those elements may carry are the remaining risk (`[x](javascript:…)`): the
  `safe_markdown` extension (mkdocs/safe_markdown.py) drops every link or image address whose
  scheme is not allowed (safety.URL_SCHEMES), on every page, and shows the two escaped
  characters as themselves inside code.

Story front matter (and the story side files: authors, patterns, outcome kinds) comes from anyone
by pull request. It reaches templates already escaped (render/view.py), as `EscapedText`: the
output of `md_text`, which leaves no character Markdown (or an extension) could read as syntax.
`md_text` and `figure` return an `EscapedText` unchanged, and `attr` escapes the text as written,
so the same template gives the same page whether a value was escaped before or not, and a template
that places the value raw still writes no markup.

`attr` (HTML attribute values) and `one_line` (exports, which keep the author's text) do not
escape for Markdown. The challenge page uses `one_line` for its author's own fields, which sit
between the contributed-part markers and are cleaned to the allow-list after conversion
(mkdocs/contributed.py), so the simple HTML a challenge may hold still shows there; map texts
on that page, and challenge titles on every other page, go through `inline`.
"""

from __future__ import annotations

import datetime
from typing import Callable

from markupsafe import escape

_NEUTRAL = str.maketrans({"<": "&#60;", "{": "&#123;"})
NEUTRALISED = {"&#60;": "<", "&#123;": "{"}
"""What `neutral` writes for each character it escapes (mkdocs/safe_markdown.py shows them as themselves in code)."""


_MARKDOWN_ACTIVE = frozenset("!\"#$%&'()*+-.:<=>@[\\]^_`{|}~")
"""ASCII punctuation that Markdown or one of its extensions may read as syntax."""
_CHARACTER_REFERENCES = {ord(c): f"&#{ord(c)};" for c in _MARKDOWN_ACTIVE}


class EscapedText(str):
    """Untrusted text already escaped by `md_text` (the string itself); `text` holds it as written.

    Templates can place it as it is: it holds no Markdown or HTML syntax. The filters know it:
    `md_text` and `figure` return it unchanged, `attr` escapes `text` for HTML.
    """

    text: str
    """The text as the contributor wrote it (for `attr`, never for Markdown)."""

    def __new__(cls, text: object) -> "EscapedText":
        escaped = super().__new__(cls, md_text(text))
        escaped.text = str(text)
        return escaped


def md_text(value: object) -> str:
    """Untrusted text for generated Markdown: one line, every syntax character as a character reference.

    Python-Markdown passes `&#NN;` through untouched, so `[x](javascript:…)`, `<script>`,
    `{: onclick=… }` or `*` come out as the characters the contributor typed, never as markup.
    An `EscapedText` is returned unchanged (it is escaped already).
    """
    if isinstance(value, EscapedText):
        return value
    return " ".join(str(value).split()).translate(_CHARACTER_REFERENCES)


def long_date(value: datetime.date) -> str:
    """'14 March 2026': unambiguous in every country."""
    return f"{value.day} {value.strftime('%B')} {value.year}"


def figure(value: object) -> str:
    """A measured value as shown: 12, 3.5, or the contributor's short text (escaped)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return md_text(value)


def neutral(text: object) -> str:
    """Text that Markdown cannot turn into raw HTML or an attribute list: `<` and `{` as character references."""
    return str(text).translate(_NEUTRAL)


def _restored(text: str) -> str:
    for reference, character in NEUTRALISED.items():
        text = text.replace(reference, character)
    return text


def one_line(text: object) -> str:
    """Text on one line, as the author wrote it (for exports; pages use `inline`)."""
    return " ".join(str(text).split())


def inline(text: object) -> str:
    """Text on one line for generated Markdown, so it can sit in a list item, table cell or heading; never HTML."""
    return neutral(one_line(text))


def block(text: object) -> str:
    """Text of one or more paragraphs for generated Markdown (lines kept); never HTML."""
    return neutral(text)


def cell(text: object) -> str:
    """Text for a Markdown table cell: one line, pipes escaped."""
    return inline(text).replace("|", "\\|")


def attr(text: object) -> str:
    """Text for an HTML attribute value (or element content in raw HTML): the characters as written, escaped."""
    if isinstance(text, EscapedText):
        text = text.text
    return str(escape(_restored(one_line(text))))


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


BRIEF_LENGTH = 130
"""Characters of a card's text (home page): about two lines of a card at 1280 px, three on a phone."""


DANGLING = frozenset("a an the and or but of to with for from in on at by as".split())
"""Words a cut text does not end on."""


def brief(text: object, length: int = BRIEF_LENGTH) -> str:
    """The first sentence, cut at a word and ended with '…' when longer than `length`: the whole text
    is on the item's own page, a card only says what it is about."""
    value = first_sentence(text)
    if len(value) <= length:
        return value
    words = value[:length].rsplit(" ", 1)[0].split(" ")
    while len(words) > 1 and words[-1].lower().strip(",;:") in DANGLING:
        words.pop()  # "…with a…" reads as a slip; "…with…" as a cut
    return " ".join(words).rstrip(",;:—–- ") + "…"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is a formula to a spreadsheet program, which may run it when the
file is opened (CSV injection). Map and pilot texts come by pull request from anyone, and the files are
opened by HR staff: such a cell is written with a leading apostrophe, which spreadsheets show as text.
Every CSV the hub writes (exports/flat_csv.py, the pilots' metrics) uses `as_text`."""


def as_text(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: an apostrophe before a formula's first character."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


FILTERS = {
    "brief": brief,
    "clause": clause,
    "first_sentence": first_sentence,
    "inline": inline,
    "one_line": one_line,
    "block": block,
    "cell": cell,
    "attr": attr,
    "minutes": minutes,
    "lower_first": lower_first,
}
"""Filters for map and challenge text."""

STORY_FILTERS: dict[str, Callable[..., str]] = {"md_text": md_text, "long_date": long_date, "figure": figure}
"""Filters for story text."""
