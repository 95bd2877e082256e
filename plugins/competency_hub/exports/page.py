"""The /exports/ page: every download of the hub, by map, with what each format is for."""

from __future__ import annotations

from ..load import Hub
from ..render.site import GeneratedPage, RenderOptions, SiteRenderer
from ..load.index import HubIndex
from ..render import urls
from . import ExportResult


def render_exports_page(hub: Hub, index: HubIndex, options: RenderOptions, exports: ExportResult) -> GeneratedPage:
    """The page, from the overridable `exports.md.j2` template like every other generated page."""
    renderer = SiteRenderer(hub, index, options)
    return renderer.render_page("exports.md.j2", urls.exports_index(), exports=exports, urls_exports=urls)  # the name templates used before the URL modules became one
