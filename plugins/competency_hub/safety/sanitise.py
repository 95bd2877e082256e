"""Untrusted HTML made safe: the allow-list for stories and challenges and the functions that apply it.

Story and challenge texts come from outside contributors. Whatever their Markdown turns into, only the tags,
attributes and URL schemes listed here reach the page; everything else is removed by nh3
(Ammonia), which parses HTML the way browsers do, so entity tricks and broken tags cannot slip
through. The validator reports the same things earlier, on their line (validate/untrusted.py).
"""

from __future__ import annotations

import html
import posixpath
import re
from html.parser import HTMLParser
from typing import Callable
from urllib.parse import unquote, urlsplit

import nh3

ALLOWED_TAGS: frozenset[str] = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
        "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5",
        "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small",
        "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
        "tr", "u", "ul", "var", "wbr",
    }
)  # fmt: skip
"""What Markdown produces, plus a few harmless inline tags. No script, style, iframe, object,
embed, form, input, svg, math, link, meta or base."""

GLOBAL_ATTRIBUTES: frozenset[str] = frozenset({"id", "class", "title", "lang", "dir"})

ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": set(GLOBAL_ATTRIBUTES),
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start", "reversed", "type"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "details": {"open"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
"""No event handlers (on…), no `style`, no `srcdoc`, `formaction` or `data-*`."""

URL_SCHEMES: frozenset[str] = frozenset({"http", "https", "mailto"})
"""Schemes allowed in links; relative links are allowed too. Images must be relative (see below)."""

URL_ATTRIBUTES = frozenset({"href", "src", "cite"})

WEB_IMAGE_SCHEMES = frozenset({"http", "https"})
"""Schemes of the images a challenge may show from another host (never a story): not a script vector,
but a request to that host, which the build's external-request check reports unless allowed."""

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def url_scheme(url: str) -> str | None:
    """The scheme of a URL as a browser would read it (entities decoded, blanks removed), lower-case."""
    cleaned = _INVISIBLE.sub("", html.unescape(url))
    match = _SCHEME.match(cleaned)
    return match.group(1).lower() if match else None


def is_safe_link(url: str) -> bool:
    """A relative link, a fragment, or a link with an allowed scheme."""
    scheme = url_scheme(url)
    return scheme is None or scheme in URL_SCHEMES


def local_target(url: str, base: str) -> str | None:
    """The site path a relative URL points to from the folder `base`, or None if it is not local."""
    cleaned = _INVISIBLE.sub("", html.unescape(url))
    if url_scheme(cleaned) is not None or cleaned.startswith(("/", "\\")) or "\\" in cleaned:
        return None
    path = unquote(urlsplit(cleaned).path)
    if not path:
        return None
    joined = posixpath.normpath(posixpath.join(base, path))
    if joined.startswith("../") or joined == "..":
        return None
    return joined


USER_ID_PREFIX = "user-content-"
"""Put before every id a story body carries, as GitHub does with READMEs.

A browser makes each element id a property of `window` (and `document.getElementById` returns the
first element with it): a story with `<a id="lunr">` or a heading `### Lunr` would hand the story
finder an element where it expects the lunr library, and `{#__config}` would stand in for
Material's configuration. No script of the site or of Material reads a name starting with
`user-content-`, and a name with hyphens cannot be read as a global variable at all."""


def clean_html(fragment: str, *, image_allowed: Callable[[str], bool], ids: set[str] | None = None) -> str:
    """`fragment` with only allowed tags, attributes and URLs left; images only where `image_allowed(src)`.

    `ids`, when given, receives every id that stays, so a caller can prefix them without a second pass.
    """

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if attribute in URL_ATTRIBUTES:
            if (tag, attribute) == ("img", "src"):
                return value if image_allowed(value) else None
            return value if is_safe_link(value) else None
        if attribute == "id" and ids is not None:
            ids.add(value)
        return value

    return _clean(fragment, keep)


def prefix_ids(fragment: str, prefixed: set[str], id_prefix: str) -> str:
    """`fragment` (already cleaned) with the ids in `prefixed`, and same-page links to them, prefixed."""

    def rename(tag: str, attribute: str, value: str) -> str:
        if attribute == "id" and value in prefixed:
            return id_prefix + value
        if attribute == "href" and value.startswith("#") and unquote(value[1:]) in prefixed:
            return "#" + id_prefix + unquote(value[1:])
        return value

    return _clean(fragment, rename)


CONTRIBUTED_START = "<!-- hub-contributed -->"
CONTRIBUTED_END = "<!-- /hub-contributed -->"
"""Around each part of a generated page that a contributor wrote (a challenge's body, its steps…).

Fixed, so a page's Markdown is the same on every build. A contributor can write the same comments,
but the renderer knows how many pairs it wrote: `split_contributed` refuses a page with any other
count, and the whole page is then cleaned."""


def split_contributed(html: str, expected: int, start: str = CONTRIBUTED_START, end: str = CONTRIBUTED_END) -> list[str] | None:
    """[hub, contributed, hub, contributed, …, hub] pieces of a page, or None unless the page has
    exactly `expected` start markers, each followed by its end marker before the next start."""
    if html.count(start) != expected or html.count(end) != expected:
        return None
    pieces: list[str] = []
    position = 0
    for _ in range(expected):
        first = html.find(start, position)
        last = html.find(end, first)
        if first < 0 or last < 0 or html.find(start, first + len(start), last) >= 0:
            return None
        inner = first + len(start)
        inner += _blank_after(html, inner)  # the marker's own line goes with it
        pieces += [html[position:first], html[inner:last]]
        position = last + len(end)
        position += _blank_after(html, position)
    pieces.append(html[position:])
    return pieces


def _blank_after(html: str, offset: int) -> int:
    """How many of the (up to two) characters at `offset` are the newlines Markdown writes after a marker."""
    return 2 if html.startswith("\n\n", offset) else 1 if html.startswith("\n", offset) else 0


def clean_contributed(
    pieces: list[str],
    *,
    image_allowed: Callable[[str], bool],
    keep_ids: frozenset[str] = frozenset(),
) -> tuple[list[str], list[str]]:
    """The pieces with every contributed one (odd index) cleaned, and what was removed from them.

    Ids get USER_ID_PREFIX (except `keep_ids`); a same-page link from one contributed part to an
    id in another follows, as the parts are one page.
    """
    removed: list[str] = []
    cleaned = list(pieces)
    ids: set[str] = set()
    for i in range(1, len(pieces), 2):
        removed += unsafe_parts(pieces[i], image_allowed=image_allowed)
        cleaned[i] = clean_html(pieces[i], image_allowed=image_allowed, ids=ids)
    prefixed = ids - keep_ids
    for i in range(1, len(cleaned), 2):
        cleaned[i] = prefix_ids(cleaned[i], prefixed, USER_ID_PREFIX)
    return cleaned, list(dict.fromkeys(removed))


def _clean(fragment: str, attribute_filter: Callable[[str, str, str], str | None]) -> str:
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style", "template", "noscript", "iframe", "object", "svg", "math", "textarea", "title"},
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=attribute_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


class _Inventory(HTMLParser):
    """Lists the tags and attributes of a fragment that the allow-list would remove."""

    def __init__(self, image_allowed: Callable[[str], bool]) -> None:
        super().__init__(convert_charrefs=True)
        self.image_allowed = image_allowed
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append(f"<{tag}>")
            return
        allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.found.append(f"{name}= on <{tag}>")
            elif name in URL_ATTRIBUTES and value is not None:
                ok = self.image_allowed(value) if (tag, name) == ("img", "src") else is_safe_link(value)
                if not ok:
                    self.found.append(f"{name}={value!r} on <{tag}>")


def unsafe_parts(fragment: str, *, image_allowed: Callable[[str], bool]) -> list[str]:
    """What `clean_html` would remove from `fragment`, described briefly (for a diagnostic)."""
    inventory = _Inventory(image_allowed)
    inventory.feed(fragment)
    inventory.close()
    return list(dict.fromkeys(inventory.found))
