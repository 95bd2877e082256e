"""Rendering one generated page from its Jinja template: the templates' environment and what every
template receives (`link`, `href`, `urls`, `site_name`, `hub`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from jinja2.loaders import split_template_path

from .. import packaged
from ..load.files import is_readable_file
from . import urls
from .options import RenderOptions
from .output import GeneratedPage
from .text import FILTERS, STORY_FILTERS


class _RegularFileLoader(jinja2.FileSystemLoader):
    """The hub's own templates folder, from which only regular files inside the hub are read.

    A link or a FIFO there is reported by the validator (load/files.py); here it is not found, so
    the packaged template of the same name is used and nothing outside the repository is read.
    """

    def __init__(self, root: Path, folder: Path) -> None:
        super().__init__(str(folder))
        self.root = root
        self.folder = folder

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        path = self.folder.joinpath(*split_template_path(template))
        if not is_readable_file(self.root, path):
            raise jinja2.TemplateNotFound(template)
        return super().get_source(environment, template)


class _CompiledTemplates(jinja2.BytecodeCache):
    """The templates compiled in this process, by name, file and source (Jinja checks the source's
    checksum): a rebuild of `mkdocs serve` does not compile its 70 templates again (about 2 s at S)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED = _CompiledTemplates()


def environment(options: RenderOptions, root: Path) -> jinja2.Environment:
    """The templates' environment: the site's `templates_dir` first, then the packaged templates."""
    loaders: list[jinja2.BaseLoader] = []
    if options.templates_dir is not None:
        loaders.append(_RegularFileLoader(root, options.templates_dir))
    loaders.append(jinja2.FileSystemLoader(str(packaged.TEMPLATES)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=False,  # templates write Markdown; HTML contexts use the 'attr' or 'e' filters
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        # attr_list writes anchors as `{#id}`, which is Jinja's comment syntax by default.
        comment_start_string="{%#",
        comment_end_string="#%}",
        bytecode_cache=COMPILED,
    )
    env.filters.update(FILTERS)
    env.filters.update(STORY_FILTERS)
    return env


class PageRenderer:
    """Renders a generated page from a template; the one way every part of render/ writes a page."""

    def __init__(self, options: RenderOptions, root: Path, hub: Any) -> None:
        self.site_name = options.site_name
        self.use_directory_urls = options.use_directory_urls
        self.env = environment(options, root)
        self.hub = hub
        """What templates see as `hub`."""

    def render_page(self, template: str, src_uri: str, **context: Any) -> GeneratedPage:
        """The page at `src_uri` from `template`, which receives `context` and the variables every
        template has: `link` and `href` (addresses relative to this page), `urls`, `site_name`, `hub`."""

        def link(to_src: str, anchor: str | None = None) -> str:
            return urls.relative(src_uri, to_src, anchor)

        def href(to_src: str, anchor: str | None = None) -> str:
            return urls.href(src_uri, to_src, self.use_directory_urls, anchor)

        markdown = self.env.get_template(template).render(
            link=link, href=href, urls=urls, site_name=self.site_name, hub=self.hub, **context
        )
        return GeneratedPage(src_uri, markdown)
