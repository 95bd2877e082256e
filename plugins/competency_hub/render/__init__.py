"""Rendering the hub into pages: pure functions of the model, written as Jinja templates."""

from .site import GeneratedFile, GeneratedPage, NavItem, RenderedSite, RenderOptions, render_site

__all__ = ["GeneratedFile", "GeneratedPage", "NavItem", "RenderOptions", "RenderedSite", "render_site"]
