"""Speaking up on every page: links that open the organisation's own tracker, prefilled with where the reader was.

Off unless the `feedback` option names a provider. Each page then ends with three plain links,
"Suggest a change", "Ask a question" and "Push back": no script, no request until a reader
follows one. A link opens a new issue in the tracker (GitHub, GitLab, or any URL template) with
a title and a body that name the page's address, the content file and its line (the map file
and the line of the capability, the challenge file) and the capability or challenge id.

This module is pure: it builds the addresses and the HTML; the MkDocs plugin (mkdocs/speakup.py)
checks the option (diagnostics HUB910-HUB915 at their line of mkdocs.yml) and says which page is which.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit


PROVIDERS = ("github", "gitlab", "url")
"""Trackers the links can open: GitHub and GitLab new-issue forms, or any address built from `url_template`."""

PLACEHOLDERS = ("title", "body", "kind", "page", "source", "line", "capability", "challenge")
"""What a `url_template` may hold, in braces; each value is URL-encoded (an empty string when it does not apply)."""

KINDS: tuple[tuple[str, str, str], ...] = (
    ("suggest", "Suggest a change", "Suggestion"),
    ("question", "Ask a question", "Question"),
    ("pushback", "Push back", "Pushback"),
)
"""(kind, link text, title prefix) of the three links, in the order pages show them."""


@dataclass(frozen=True)
class FeedbackOptions:
    """A valid `feedback` option: where the links go."""

    provider: str
    base: str = ""
    """The repository's address (github, gitlab), e.g. https://github.com/northwind/learning-hub."""
    url_template: str = ""
    """For `url`: the address with `{title}`, `{body}`… placeholders."""
    labels: tuple[str, ...] = ()
    """Labels put on the new issue (GitHub `labels=`, GitLab `issue[label_names][]=`)."""


@dataclass(frozen=True)
class PageSource:
    """Where a page comes from, as the links tell the tracker."""

    title: str
    """The page's title."""
    address: str
    """The page's address: absolute when `site_url` is set, else site-relative (`maps/support/replies/`)."""
    source: str | None = None
    """The content file, relative to mkdocs.yml (`maps/support.yml`); None for a page made from several."""
    line: int | None = None
    """The line of the item in `source` (the capability's `- id:` line)."""
    capability: str | None = None
    """`map/capability` of a capability page."""
    challenge: str | None = None
    """The id of a challenge page."""


@dataclass(frozen=True)
class FeedbackLink:
    kind: str
    text: str
    href: str


def _title(prefix: str, page: PageSource) -> str:
    subject = page.capability or page.challenge or page.title
    return f"{prefix}: {page.title}" if subject == page.title else f"{prefix}: {page.title} ({subject})"


def _body(page: PageSource) -> str:
    lines = [f"Page: {page.address}"]
    if page.source:
        lines.append(f"Source: {page.source}" + (f":{page.line}" if page.line else ""))
    if page.capability:
        lines.append(f"Capability: {page.capability}")
    if page.challenge:
        lines.append(f"Challenge: {page.challenge}")
    lines += ["", "What I noticed, asked myself or disagree with:", ""]
    return "\n".join(lines)


def _q(value: str) -> str:
    return quote(value, safe="")


def issue_url(options: FeedbackOptions, kind: str, title: str, body: str, page: PageSource) -> str:
    """The address of a prefilled new issue in the tracker; every value URL-encoded."""
    if options.provider == "github":
        query = f"title={_q(title)}&body={_q(body)}"
        if options.labels:
            query += f"&labels={_q(','.join(options.labels))}"
        return f"{options.base}/issues/new?{query}"
    if options.provider == "gitlab":
        query = f"issue%5Btitle%5D={_q(title)}&issue%5Bdescription%5D={_q(body)}"
        query += "".join(f"&issue%5Blabel_names%5D%5B%5D={_q(label)}" for label in options.labels)
        return f"{options.base}/-/issues/new?{query}"
    values = {
        "title": title,
        "body": body,
        "kind": kind,
        "page": page.address,
        "source": page.source or "",
        "line": str(page.line or ""),
        "capability": page.capability or "",
        "challenge": page.challenge or "",
    }
    return options.url_template.format_map({name: _q(value) for name, value in values.items()})


def feedback_links(options: FeedbackOptions, page: PageSource) -> list[FeedbackLink]:
    """The three links of a page: suggest a change, ask a question, push back."""
    body = _body(page)
    return [FeedbackLink(kind, text, issue_url(options, kind, _title(prefix, page), body, page)) for kind, text, prefix in KINDS]


def feedback_html(options: FeedbackOptions, page: PageSource) -> str:
    """The links as the end of the article: a short lead and a list, plain links, keyboard reachable."""
    items = "".join(
        f'<li><a href="{html.escape(link.href)}" data-hub-feedback-link="{link.kind}" rel="nofollow">{html.escape(link.text)}</a></li>'
        for link in feedback_links(options, page)
    )
    where = f" It will name this page and {html.escape(page.source)}" + (f", line {page.line}" if page.line else "") + "." if page.source else " It will name this page."
    return (
        '<div class="hub-feedback hub-no-print" data-hub-feedback>'
        '<p class="hub-feedback__lead"><strong>Speak up.</strong> '
        f"Each link opens a new issue in the tracker of the people who keep this hub.{where}</p>"
        f'<ul class="hub-feedback__links">{items}</ul></div>'
    )


def edit_url(repo_url: str | None, edit_uri: str | None, docs_dir: str, source: str) -> str | None:
    """MkDocs' edit address for a file outside docs/: `edit_uri` points at docs/, so the file is reached
    relative to it (`../maps/support.yml`); None when the site has no `repo_url` or `edit_uri`."""
    if not repo_url or not edit_uri:
        return None
    base = urljoin(repo_url.rstrip("/") + "/", edit_uri.lstrip("/") if not urlsplit(edit_uri).scheme else edit_uri)
    if not base.endswith("/"):
        base += "/"
    relative = posixpath.relpath(source, docs_dir) if docs_dir else source
    return urljoin(base, quote(relative))
