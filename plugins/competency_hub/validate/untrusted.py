"""The rule for every text a contributor writes (story and challenge bodies, challenge fields): only
what the allow-list keeps (safety.py) may be in it, each unsafe tag, attribute or link reported on
its line, before the build would remove it from the page."""

from __future__ import annotations

from typing import Callable

from ..load.story_body import scan
from ..safety import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_ATTRIBUTES, URL_SCHEMES, url_scheme

SAFE_HINT = "use Markdown, or simple HTML such as <b>, <table> or <details>: anything else is removed from the page"

_PLURAL = {"story": "stories", "challenge": "challenges"}

Report = Callable[..., None]
"""`report(offset, message, hint, code=…)`: one error at an offset of the text."""
CheckImage = Callable[[str, int, Report], None]
"""`check_image(src, offset, report)`: reports an image the page may not show."""


def check_untrusted_markdown(text: str, kind: str, report: Report, check_image: CheckImage) -> None:
    """Each tag, attribute and link of `text` (Markdown of a `kind`, e.g. 'story') that the cleaner removes.

    Code spans and fences are text, so what they show is never reported.
    """
    for found in scan(text):
        if found.kind == "tag" and found.value not in ALLOWED_TAGS:
            report(found.start, f"raw HTML <{found.value}> is not allowed in a {kind}", SAFE_HINT, code="HUB521")
        elif found.kind == "attribute":
            where = "an attribute list" if found.tag == "attr-list" else f"<{found.tag}>"
            allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(found.tag, set())
            if found.tag == "attr-list":
                allowed = set(ALLOWED_ATTRIBUTES["*"])
            if found.tag not in ALLOWED_TAGS and found.tag != "attr-list":
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
