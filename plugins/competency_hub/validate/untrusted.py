"""The rule for every text a contributor writes (story and challenge bodies, challenge fields, map
texts): only what the allow-list keeps (safety/sanitise.py) may be in it, each unsafe tag, attribute or link
reported on its line, before the build would remove it from the page.

Map texts are plain text with inline Markdown: the pages show any HTML in them as the characters
typed (render/text.py), so every tag is reported there, not only the unsafe ones."""

from __future__ import annotations

from typing import Any, Callable

from pydantic import BaseModel

from ..diagnostics import Diagnostics
from ..load import Hub
from ..load.source import Loc, Source
from ..safety.story_body import includes, position, scan
from ..safety.sanitise import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_ATTRIBUTES, URL_SCHEMES, url_scheme

SAFE_HINT = "use Markdown, or simple HTML such as <b>, <table> or <details>: anything else is removed from the page"

MAP_HINT = "map texts are plain text with inline Markdown (*emphasis*, `code`, [links](https://…)); put a tag in `code` to show it"

_PLURAL = {"story": "stories", "challenge": "challenges", "map": "maps", "job aid": "job aids"}

Report = Callable[..., None]
"""`report(offset, message, hint, code=…)`: one error at an offset of the text."""
CheckImage = Callable[[str, int, Report], None]
"""`check_image(src, offset, report)`: reports an image the page may not show."""


def check_untrusted_markdown(
    text: str, kind: str, report: Report, check_image: CheckImage, *, allowed_tags: frozenset[str] = ALLOWED_TAGS, hint: str = SAFE_HINT
) -> None:
    """Each tag, attribute and link of `text` (Markdown of a `kind`, e.g. 'story') that the cleaner removes.

    Code spans and fences are text, so what they show is never reported. `allowed_tags` is empty
    for texts that may hold no HTML at all (map texts).
    """
    for found in scan(text):
        if found.kind == "tag" and found.value not in allowed_tags:
            report(found.start, f"raw HTML <{found.value}> is not allowed in a {kind}", hint, code="HUB521")
        elif found.kind == "attribute":
            where = "an attribute list" if found.tag == "attr-list" else f"<{found.tag}>"
            allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(found.tag, set())
            if found.tag == "attr-list":
                allowed = set(ALLOWED_ATTRIBUTES["*"])
            if found.tag not in allowed_tags and found.tag != "attr-list":
                continue  # the tag itself is reported
            if found.value not in allowed:
                report(
                    found.start,
                    f"attribute '{found.value}' on {where} is not allowed in a {kind}",
                    f"event handlers, style and data attributes are removed from {_PLURAL.get(kind, kind)}",
                    code="HUB522",
                )
            elif found.value in URL_ATTRIBUTES and found.attribute_value is not None:
                if (found.tag, found.value) == ("img", "src"):
                    check_image(found.attribute_value, found.start, report)
                else:
                    check_link(found.attribute_value, found.start, report, kind)
        elif found.kind == "image":
            check_image(found.value, found.start, report)
        elif found.kind in ("link", "reference", "autolink"):
            check_link(found.value, found.start, report, kind)


def check_link(url: str, offset: int, report: Report, kind: str) -> None:
    scheme = url_scheme(url)
    if scheme is not None and scheme not in URL_SCHEMES:
        shown = url if len(url) <= 40 else url[:39] + "…"
        report(offset, f"link to '{shown}' is not allowed in a {kind}", "links must be relative, http:, https: or mailto:", code="HUB523")


def check_map_texts(hub: Hub, diagnostics: Diagnostics) -> None:
    """Every text of every map (titles, descriptions, level names, behaviours, rubric criteria, paths,
    owners, change summaries…: every string the model holds) at its field: no HTML, no attribute
    list with an unsafe attribute, no link with a scheme other than http, https or mailto, no image."""
    for entry in hub.maps.values():
        source = entry.source

        def no_image(src: str, offset: int, report: Report) -> None:
            report(offset, "a map text cannot show an image", "link to the image instead: [what it shows](https://…)", code="HUB523")

        for loc, text in strings_of(entry.model):

            def at_field(offset: int, message: str, hint: str | None, *, code: str, loc: Loc = loc, source: Source = source) -> None:
                mark = source.locate(loc)
                diagnostics.error(source.path, mark.line, mark.column, message, hint, code=code)

            check_untrusted_markdown(text, "map", at_field, no_image, allowed_tags=frozenset(), hint=MAP_HINT)


def strings_of(value: Any, loc: Loc = ()) -> list[tuple[Loc, str]]:
    """(location, text) of every string in a model, at the YAML keys and indexes it was read from.

    Ids are strings too; they are checked with the rest (a slug holds nothing to report), so a text
    field added to the model later is covered without being listed here.
    """
    if isinstance(value, str):
        return [(loc, value)]
    if isinstance(value, BaseModel):
        return [found for name in type(value).model_fields for found in strings_of(getattr(value, name), (*loc, name))]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in strings_of(item, (*loc, key))]
    if isinstance(value, (list, tuple)):
        return [found for i, item in enumerate(value) for found in strings_of(item, (*loc, i))]
    return []


def check_includes(source: Source, kind: str, diagnostics: Diagnostics) -> None:
    """Each line of a body that the snippets extension would read as an include is an error.

    Challenges and stories arrive by pull request, and `mkdocs.yml` may enable pymdownx.snippets
    for the guide: a `--8<-- "…"` line would copy a file of the build machine into the page. The
    build never performs it (mkdocs/snippets.py); this says so on the line.
    """
    for offset, marker in includes(source.body):
        line, column = position(source.body, offset, source.body_line)
        diagnostics.error(
            source.path,
            line,
            column,
            f"'{marker}' includes files, which a {kind} may not do",
            f"remove the line: a {kind} shows only what it contains, and the line would be published as text",
            code="HUB810",
        )
