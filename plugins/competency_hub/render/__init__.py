"""Rendering the hub into pages: pure functions of the model, written as Jinja templates.

The package imports none of its modules, so that `from . import urls` in one of them starts no cycle:
import from the module that owns a name (`render.site.render_site`, `render.options.RenderOptions`,
`render.output.NavItem`).
"""
