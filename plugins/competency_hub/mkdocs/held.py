"""What a build holds of the hub's pages between converting them and writing them.

MkDocs converts every page from Markdown before it writes the first, and keeps each page's Markdown
and HTML to the end of the build: at L (17,000 pages) that is most of the build's memory. For the
hub's generated pages the Markdown is held packed with zlib, as the hub rendered it, until MkDocs
reads it (render/output.py, `GeneratedPage`). The plugin packs the HTML once every plugin has
converted it (when MkDocs starts on the next page) and lets the Markdown go, unpacks the HTML just
before the page is written, and lets it go once every plugin has seen the written page (when the
next one begins).

A plugin that reads a generated page's HTML outside that page's own events sees None; docs/ pages,
which people wrote and other plugins may read, are held as MkDocs holds them.
"""

from __future__ import annotations

from mkdocs.structure.pages import Page

from ..packing import pack, unpack
from .incremental import GeneratedPage


class HeldPages:
    """The generated pages of one build, from conversion to writing (see the module's note)."""

    def __init__(self) -> None:
        self.converted: Page | None = None
        self.written: Page | None = None
        self.packed: dict[str, bytes] = {}

    def convert(self, page: Page) -> None:
        """MkDocs converts `page` next: every plugin is done converting the one before."""
        self.pack_converted()
        if isinstance(page.file, GeneratedPage):
            self.converted = page

    def pack_converted(self) -> None:
        page, self.converted = self.converted, None
        if page is not None and page.content is not None:
            self.packed[page.file.src_uri] = pack(page.content)
            _let_go(page)

    def write(self, page: Page) -> None:
        """MkDocs writes `page` next: every plugin is done with the one written before."""
        self.let_go_written()
        packed = self.packed.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = unpack(packed)

    def written_page(self, page: Page) -> None:
        if isinstance(page.file, GeneratedPage):
            self.written = page

    def let_go_written(self) -> None:
        page, self.written = self.written, None
        if page is not None:
            _let_go(page)


def _let_go(page: Page) -> None:
    """Lets go of a generated page's Markdown and HTML (and its file's Markdown)."""
    page.title = page.title  # MkDocs works it out of the Markdown each time it is asked: kept as it is now
    page.content = None
    page.markdown = None
    page.file.release()
