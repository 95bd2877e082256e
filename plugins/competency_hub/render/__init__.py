"""Rendering the hub into pages: pure functions of the model, written as Jinja templates."""

from .options import RenderOptions
from .output import GeneratedFile, GeneratedPage, NavItem, RenderedSite
from .site import render_site

__all__ = ["GeneratedFile", "GeneratedPage", "NavItem", "RenderOptions", "RenderedSite", "render_site"]
