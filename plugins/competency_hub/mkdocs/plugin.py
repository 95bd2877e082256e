"""The thin MkDocs plugin: feeds content folders to the core and injects the generated pages."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Callable

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import nest_paths

from ..diagnostics import Diagnostics, Severity
from ..exports import export_hub
from ..exports import urls as export_urls
from ..exports.options import ExportOptions, language_tag
from ..exports.page import render_exports_page
from ..load import Hub, HubOptions, load_hub
from ..render import NavItem, RenderOptions, render_site
from ..resolve import HubIndex
from ..validate import validate_hub

log = get_plugin_logger("competency-hub")

REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc", "admonition")
"""Markdown extensions the generated pages are written for."""

STYLESHEET = "assets/competency-hub/hub.css"

IN_NAV_PAGES = ("index.md", "maps/index.md", "paths/index.md", "challenges/index.md")
"""Generated pages that the navigation lists; map and path pages are added by name."""


class HubPluginConfig(Config):
    """Options of the `competency-hub` plugin in mkdocs.yml (documented in docs/reference/configuration.md)."""

    maps_dir = c.Type(str, default="maps")
    """Folder of map files, relative to mkdocs.yml."""
    challenges_dir = c.Type(str, default="challenges")
    """Folder of challenge files and their templates, relative to mkdocs.yml."""
    max_time_box = c.Type(int, default=30)
    """Longest time box a challenge may have, in minutes."""
    max_file_size = c.Type(int, default=256 * 1024)
    """Largest content file accepted, in bytes; bigger files are reported, not read."""
    templates_dir = c.Optional(c.Type(str))
    """Folder (relative to mkdocs.yml) of Jinja templates that override the packaged page templates."""
    graph_max_capabilities = c.Type(int, default=80)
    """Maps with more capabilities show their prerequisite graph as text only."""
    navigation = c.Type(bool, default=True)
    """Build the site navigation (home, maps, paths, challenges, then docs) when mkdocs.yml has no `nav`."""
    docs_nav = c.Optional(c.Type(list))
    """The docs part of that navigation, in MkDocs `nav` syntax; by default every docs page, by folder."""
    exports = c.Type(bool, default=True)
    """Publish every map as CASE, Open Badges, Moodle CSV and JSON under /exports/, with a Data page."""
    exports_base_url = c.Optional(c.Type(str))
    """Base of the absolute URIs inside exports when `site_url` is not set (or should not be used)."""
    exports_namespace = c.Type(str, default="")
    """Makes this hub's CASE identifiers its own, e.g. the organisation's domain; set once, never change."""


class _DownloadFile(File):
    """A generated file published as-is, even when its name ends in .md (a template to download)."""

    def is_documentation_page(self) -> bool:
        return False


def _log_diagnostics(diagnostics: Diagnostics) -> None:
    for diagnostic in diagnostics.sorted():
        level = logging.ERROR if diagnostic.severity is Severity.ERROR else logging.WARNING
        log.log(level, diagnostic.format_text())
    if diagnostics:
        log.info(
            "content has %d error(s) and %d warning(s); `competency-hub validate` lists the same",
            len(diagnostics.errors),
            len(diagnostics.warnings),
        )


def _nav_entries(items: list[NavItem]) -> list[Any]:
    entries: list[Any] = []
    for item in items:
        if item.children:
            entries.append({item.title: _nav_entries(item.children)})
        else:
            entries.append({item.title: item.src_uri})
    return entries


class CompetencyHubPlugin(BasePlugin[HubPluginConfig]):
    """Turns maps/ and challenges/ into map, capability, rubric, path and challenge pages."""

    root: Path = Path(".")
    """Folder of mkdocs.yml: content folders and options' paths are relative to it."""
    command: str = "build"
    """The MkDocs command running: content errors stop `build`, but `serve` keeps previewing."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Runs once per MkDocs invocation; remembers whether this is `serve`."""
        self.command = command

    def hub_options(self, config: MkDocsConfig) -> HubOptions:
        return HubOptions(
            root=self.root,
            maps_dir=self.config.maps_dir,
            challenges_dir=self.config.challenges_dir,
            max_time_box=self.config.max_time_box,
            max_file_size=self.config.max_file_size,
        )

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Runs first: finds the hub root and adds the Markdown extensions and stylesheet pages need."""
        self.root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if STYLESHEET not in config.extra_css:
            config.extra_css.insert(0, STYLESHEET)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Loads, validates and renders the hub, then adds every generated page and file."""
        hub, diagnostics = load_hub(self.hub_options(config))
        index = HubIndex.build(hub)
        diagnostics.extend(validate_hub(hub, index))
        _log_diagnostics(diagnostics)
        if diagnostics.errors and self.command != "serve":
            raise PluginError(
                f"{len(diagnostics.errors)} content error(s), listed above; the hub is not built until they are fixed"
            )

        templates_dir = self.root / self.config.templates_dir if self.config.templates_dir else None
        exports = self.config.exports and not diagnostics.errors
        render_options = RenderOptions(
            site_name=config.site_name,
            use_directory_urls=config.use_directory_urls,
            templates_dir=templates_dir,
            graph_max_capabilities=self.config.graph_max_capabilities,
            exports_page=export_urls.index_page() if exports else None,
        )
        site = render_site(hub, index, render_options)
        user_docs = [f.src_uri for f in sorted(files.documentation_pages(), key=file_sort_key)]
        in_nav = set(IN_NAV_PAGES)
        in_nav.update(item.src_uri for top in site.nav for item in top.children if item.src_uri)
        for page in site.pages:
            if page.src_uri in files.src_uris:
                if page.src_uri != "index.md":
                    log.error(
                        "docs/%s would replace a generated page of the hub; rename it", page.src_uri
                    )
                continue
            inclusion = InclusionLevel.UNDEFINED if page.src_uri in in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.markdown, inclusion=inclusion))
        for generated in site.files:
            if generated.src_uri in files.src_uris:
                log.error("docs/%s would replace a generated file of the hub; rename it", generated.src_uri)
                continue
            if generated.abs_path is not None:
                file = _DownloadFile.generated(config, generated.src_uri, abs_src_path=str(generated.abs_path))
            else:
                file = _DownloadFile.generated(config, generated.src_uri, content=generated.content or b"")
            files.append(file)
        files.append(File.generated(config, STYLESHEET, abs_src_path=str(Path(__file__).parent.parent / "assets" / "hub.css")))
        if exports:
            self._add_exports(files, config, hub, index, render_options)
            site.nav.append(NavItem("Data", export_urls.index_page()))
        elif self.config.exports:
            log.info("/exports/ is not written while the content has errors")

        if config.nav is None and self.config.navigation:
            docs_nav = self.config.docs_nav
            if docs_nav is None:
                docs_nav = [entry for entry in nest_paths(user_docs) if entry != "index.md"]
            config.nav = _nav_entries(site.nav) + docs_nav
        return files

    def export_options(self, config: MkDocsConfig) -> ExportOptions:
        return ExportOptions(
            site_name=config.site_name,
            site_description=config.site_description,
            base_url=self.config.exports_base_url or config.site_url,
            namespace=self.config.exports_namespace,
            language=language_tag(config.theme.get("language")),
            use_directory_urls=config.use_directory_urls,
        )

    def _add_exports(
        self, files: Files, config: MkDocsConfig, hub: Hub, index: HubIndex, render_options: RenderOptions
    ) -> None:
        """The exported files and the Data page; checked against the site's files once, so it stays linear."""
        existing = set(files.src_uris)
        result = export_hub(hub, index, self.export_options(config))
        for note in result.notes.sorted():
            log.info("exports: %s", note.format_text())
        page = render_exports_page(hub, index, render_options, result)
        if page.src_uri in existing:
            log.error("docs/%s would replace a generated page of the hub; rename it", page.src_uri)
        else:
            files.append(File.generated(config, page.src_uri, content=page.markdown))
        for exported in result.files:
            if exported.src_uri in existing:
                log.error("docs/%s would replace a generated file of the hub; rename it", exported.src_uri)
                continue
            files.append(_DownloadFile.generated(config, exported.src_uri, content=exported.content))

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        """Rebuilds when a map, challenge or story changes, not only when docs/ does."""
        for folder in (self.config.maps_dir, self.config.challenges_dir, "stories"):
            path = self.root / folder
            if path.is_dir():
                server.watch(str(path))
        return server

