"""The /exports/ page: every download of the hub, by map, with what each format is for."""

from __future__ import annotations

from ..render import urls
from ..render.output import GeneratedPage
from ..render.pages import PageRenderer
from . import ExportResult


def render_exports_page(pages: PageRenderer, exports: ExportResult) -> GeneratedPage:
    """The page, from the overridable `exports.md.j2` template like every other generated page,
    with the page renderer of the site it belongs to."""
    return pages.render_page("exports.md.j2", urls.exports_index(), exports=exports, urls_exports=urls)  # the name templates used before the URL modules became one
