"""Rendering one generated page from its Jinja template: the templates' environment and what every
template receives (`link`, `href`, `urls`, `site_name`, `hub`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import jinja2
import jinja2.bccache
import jinja2.meta
from jinja2.loaders import split_template_path

from .. import packaged
from ..memo import TwoLoads, digest
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


_KEPT: TwoLoads[tuple[str, str], tuple[bytes, str]] = TwoLoads()
"""(template, page) → the stamp of what the page was made from and its Markdown (`render_kept`)."""

UNKEPT_GLOBALS = frozenset({"hub", "job_aids"})
"""Globals that reach the whole hub: a template that reads one is never kept (`render_kept`)."""


@dataclass(frozen=True)
class EarlierPages:
    """The pages of the build before, which the first half of a split preview gives again instead of
    rendering them (mkdocs/plugin.py): after a save, only the pages made from the saved files are
    rendered, and a second rebuild renders the rest."""

    markdown: Mapping[str, bytes]
    """Source URI → the Markdown (packed) the build before gave the page; only pages the site folder
    holds as that build wrote them, so each can be left as it is."""
    fresh: frozenset[str]
    """The pages rendered whatever the build before gave: those made from the saved files."""


class PageRenderer:
    """Renders a generated page from a template; the one way every part of render/ writes a page."""

    def __init__(self, options: RenderOptions, root: Path, hub: Any, earlier: EarlierPages | None = None) -> None:
        self.site_name = options.site_name
        self.use_directory_urls = options.use_directory_urls
        self.env = environment(options, root)
        self.hub = hub
        """What templates see as `hub`."""
        self.keep = options.keep_pages
        self._options_stamp = digest(repr(options))
        self._keepable: dict[str, bytes | None] = {}
        self.earlier = earlier
        self.reused: set[str] = set()
        """The pages given as the build before gave them (`earlier`), possibly out of date."""

    def earlier_page(self, src_uri: str) -> GeneratedPage | None:
        """The page as the build before gave it, when `earlier` lets it be given again (then a caller need
        not work out what the page shows)."""
        if self.earlier is None or src_uri in self.earlier.fresh:
            return None
        packed = self.earlier.markdown.get(src_uri)
        if packed is None:
            return None
        self.reused.add(src_uri)
        return GeneratedPage.of_packed(src_uri, packed)

    def render_kept(self, template: str, src_uri: str, stamp: bytes | None, context: Callable[[], dict[str, Any]]) -> GeneratedPage:
        """`render_page` with what `context()` gives, or the Markdown the same template gave the same
        page at the last build when `stamp` is the same: a digest of everything the page is made from,
        which the caller vouches for (None: the caller cannot tell, and the page is rendered).
        `context` is only called when the page is rendered.

        Why: a rebuild of `mkdocs serve` renders every page again though one file changed (the story
        library is three quarters of them). Pages are kept only with `keep_pages` (a build that is
        followed by another in the same process), and only from packaged templates that read no
        global reaching the whole hub: a template from `templates_dir` may read anything. The
        templates' sources and the options are part of the stamp.
        """
        sources = self._keepable_sources(template) if self.keep and stamp is not None else None
        if sources is None or stamp is None:
            return self.earlier_page(src_uri) or self.render_page(template, src_uri, **context())  # context() only if rendered
        stamp = digest(f"{self._options_stamp.hex()}:{sources.hex()}:{stamp.hex()}")
        found = _KEPT.get((template, src_uri))
        if found is not None and found[0] == stamp:
            return GeneratedPage.of_packed(src_uri, found[1])
        earlier = self.earlier_page(src_uri)
        if earlier is not None:
            return earlier
        page = self.render_page(template, src_uri, **context())
        _KEPT.put((template, src_uri), (stamp, page.packed))
        return page

    def _keepable_sources(self, name: str) -> bytes | None:
        """The digest of the sources of `name` and of every template it imports or includes, if all are
        packaged templates that read no global of `UNKEPT_GLOBALS` (found from their syntax trees, once
        per build); None if not."""
        if name not in self._keepable:
            self._keepable[name] = None  # a template that imports itself is not kept
            source, filename, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
            tree = self.env.parse(source)
            parts = [digest(source)]
            keepable = Path(filename or "").resolve().is_relative_to(packaged.TEMPLATES.resolve()) and not (
                jinja2.meta.find_undeclared_variables(tree) & UNKEPT_GLOBALS
            )
            for other in jinja2.meta.find_referenced_templates(tree):
                other_sources = self._keepable_sources(other) if other is not None else None
                keepable = keepable and other_sources is not None
                parts.append(other_sources or b"")
            self._keepable[name] = digest(b"".join(parts).hex()) if keepable else None
        return self._keepable[name]

    def render_page(self, template: str, src_uri: str, **context: Any) -> GeneratedPage:
        """The page at `src_uri` from `template`, which receives `context` and the variables every
        template has: `link` and `href` (addresses relative to this page), `urls`, `site_name`, `hub`.
        With `earlier`, the page the build before gave, if it may be given again."""
        return self.earlier_page(src_uri) or GeneratedPage(src_uri, self.render_markdown(template, src_uri, **context))

    def render_markdown(self, template: str, src_uri: str, **context: Any) -> str:
        """What `template` gives on the page at `src_uri`, always rendered now: for a page, or a part of
        one filled in when it is converted (a list of the newest stories)."""

        def link(to_src: str, anchor: str | None = None) -> str:
            return urls.relative(src_uri, to_src, anchor)

        def href(to_src: str, anchor: str | None = None) -> str:
            return urls.href(src_uri, to_src, self.use_directory_urls, anchor)

        return self.env.get_template(template).render(
            link=link, href=href, urls=urls, site_name=self.site_name, hub=self.hub, **context
        )
