"""What rendering hands the MkDocs plugin: generated pages and files, navigation, and what the
plugin needs to clean the pages that hold contributors' parts.

These types sit below every module of render/ that produces them, so none of those modules needs
another one to name its output.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Protocol

from ..packing import pack, unpack
from ..safety.sanitise import WEB_IMAGE_SCHEMES, local_target, url_scheme


class GeneratedPage:
    """A generated page: where it goes and its Markdown, held packed with zlib (`packed`).

    A hub renders every page before MkDocs converts the first: about 200 MB of Markdown at L,
    held to the end of the build. `markdown` unpacks it; the MkDocs plugin hands MkDocs the packed
    bytes, which it unpacks when it reads the page.
    """

    __slots__ = ("src_uri", "packed")

    def __init__(self, src_uri: str, markdown: str) -> None:
        self.src_uri = src_uri
        self.packed = pack(markdown)

    @classmethod
    def of_packed(cls, src_uri: str, packed: bytes) -> GeneratedPage:
        page = cls.__new__(cls)
        page.src_uri, page.packed = src_uri, packed
        return page

    @property
    def markdown(self) -> str:
        return unpack(self.packed)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GeneratedPage) and (self.src_uri, self.packed) == (other.src_uri, other.packed)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"GeneratedPage(src_uri={self.src_uri!r}, {len(self.packed)} bytes packed)"


@dataclass
class GeneratedFile:
    src_uri: str
    abs_path: Path | None = None
    content: bytes | None = None


@dataclass
class NavItem:
    title: str
    src_uri: str | None = None
    children: list["NavItem"] = field(default_factory=list)


@dataclass
class ChallengeOutput:
    """What the MkDocs plugin needs after rendering: the challenge pages, their marked parts, the files."""

    pages: dict[str, tuple[str, int]]
    """Source URI of each challenge page → (the challenge file as shown in diagnostics, pairs of markers)."""
    images: set[str]
    """Site paths of the files published from the challenges folder: the only images a challenge may show."""

    def image_allowed(self, page_url: str) -> Callable[[str], bool]:
        """For the cleaner: does an image `src` on the page at `page_url` point to a published challenge file,
        or to another host over http(s)? (That one makes browsers contact the host: the build warns
        about it unless `allow_external_requests` is set, as for any page.)"""
        folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)

        def allowed(src: str) -> bool:
            return local_target(src, folder.rstrip("/")) in self.images or url_scheme(src) in WEB_IMAGE_SCHEMES

        return allowed


def body_marker(nonce: str, end: bool = False) -> str:
    """The HTML comment that opens (or closes) a contributor's body on a story page."""
    return f"<!-- hub-story-body-{'end' if end else 'start'}:{nonce} -->"


class LatestStories(Protocol):
    def __call__(
        self, from_src: str, *, limit: int, map_id: str | None, capability: str | None, pattern: str | None
    ) -> str:
        """The Markdown a `<!-- hub:latest-stories … -->` marker stands for, on the page `from_src`."""
        ...


@dataclass
class StoryOutput:
    """What the MkDocs plugin needs after rendering: which pages hold untrusted bodies, and where."""

    pages: dict[str, str]
    """Source URI of each story page → the story file, as shown in diagnostics."""
    nonces: dict[str, str]
    """Source URI of each story page → the nonce of its body markers (render/stories.py `body_nonce`)."""
    images: set[str]
    """Site paths of the published story images: the only images a story page may show."""
    latest_markdown: LatestStories
    """Renders the list of newest stories that a latest-stories marker stands for."""

    def image_allowed(self, page_url: str) -> Callable[[str], bool]:
        """For the cleaner: does an image `src` on the page at `page_url` point to a published story image?"""
        folder = page_url if page_url.endswith("/") else posixpath.dirname(page_url)

        def allowed(src: str) -> bool:
            return local_target(src, folder.rstrip("/")) in self.images

        return allowed

    def split_body(self, html: str, src_uri: str) -> tuple[str, str, str] | None:
        """(before, body, after) of the story page `src_uri`'s HTML, or None if the body markers are missing."""
        nonce = self.nonces[src_uri]
        start, end = body_marker(nonce), body_marker(nonce, end=True)
        first = html.find(start)
        if first < 0:
            return None
        last = html.find(end, first)
        if last < 0:
            return html[:first], html[first + len(start) :], ""
        return html[:first], html[first + len(start) : last], html[last + len(end) :]


@dataclass
class RenderedSite:
    pages: list[GeneratedPage] = field(default_factory=list)
    files: list[GeneratedFile] = field(default_factory=list)
    nav: list[NavItem] = field(default_factory=list)
    stories: StoryOutput | None = None
    """What the plugin needs to clean story pages; None when the hub has no stories folder."""
    challenges: ChallengeOutput | None = None
    """What the plugin needs to clean challenge pages."""
    job_aids: dict[str, str] = field(default_factory=dict)
    """Source URI of each job aid page → its cleaned body HTML, which the plugin puts at the page's marker."""
