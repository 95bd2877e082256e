"""The thin MkDocs plugin: feeds content folders to the core and injects the generated pages."""

from __future__ import annotations

import dataclasses
import gc
import html
import logging
import os
import posixpath
import threading
from pathlib import Path
from typing import Any, Callable

import jinja2
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from markupsafe import Markup
from mkdocs.structure.nav import Navigation, nest_paths
from mkdocs.structure.pages import Page

from .. import packaged
from ..diagnostics import Diagnostics, Severity, code_counts, did_you_mean, summary
from ..exports import export_hub
from ..exports.clr import clr_catalogue
from ..exports.page import render_exports_page
from ..clock import ClockError, build_moment, commit_date, today
from ..validate.governance import GovernancePolicy
from ..links import MANIFEST_NAME, scan_site
from ..load import Hub
from ..load.files import is_readable_file
from ..pipeline import check_hub
from ..load.index import HubIndex
from ..render import stories as render_stories
from ..render import own_pages, urls
from ..render.output import ChallengeOutput, GeneratedFile, NavItem, StoryOutput
from ..render.job_aids import body_marker as job_aid_marker
from ..render.pages import COMPILED as COMPILED_TEMPLATES
from ..render.pages import EarlierPages, PageRenderer
from ..render.site import SiteRenderer
from ..safety.sanitise import CONTRIBUTED_END, CONTRIBUTED_START
from . import config as options_of
from . import incremental, pagecache, safe_markdown, speakup, stories
from . import search as site_search
from .config import HubPluginConfig, SiteSettings
from .contributed import clean_challenge_page
from .held import HeldPages
from .snippets import guard_snippets
from .watcher import ContentWatcher, ask_for_a_rebuild, can_ask_for_a_rebuild
from .hosting import (
    FINDER_BUNDLE,
    JOB_AIDS_BUNDLE,
    LEARNER_BUNDLE,
    VendoredScript,
    add_file_share_bundle,
    add_learner_bundle,
    external_settings,
    vendor_polyfills,
)

log = get_plugin_logger("competency-hub")

REQUIRED_EXTENSIONS = ("attr_list", "md_in_html", "tables", "toc", "admonition", safe_markdown.NAME)
"""Markdown extensions the generated pages are written for."""

IN_NAV_PAGES = ("index.md", "maps/index.md", "paths/index.md", "challenges/index.md", "stories/index.md", "communities/index.md", "job-aids/index.md")
"""Generated pages that the navigation lists; map and path pages are added by name."""


class _DownloadFile(incremental.ChangeAwareFile):
    """A generated file published as-is, even when its name ends in .md (a template to download)."""

    def is_documentation_page(self) -> bool:
        return False


class _Injection:
    """Adds generated pages and files to the site, never over a file already there (docs/…): each clash is an error.

    The site's paths are read once, when it is made: `Files.src_uris` is rebuilt after every append.
    """

    def __init__(self, files: Files) -> None:
        self.files = files
        self.existing = set(files.src_uris)

    def add(self, src_uri: str, what: str, make: Callable[[], File | None], *, quiet: bool = False) -> None:
        """Appends `make()` (None: nothing to add) unless `src_uri` is taken; `what` is "page" or "file"."""
        if src_uri in self.existing:
            if not quiet:
                log.error("docs/%s would replace a generated %s of the hub; rename it", src_uri, what)
            return
        file = make()
        if file is not None:
            self.files.append(file)


BUILD_GC_THRESHOLD = (50_000, 20, 20)
"""Python's cyclic collector while MkDocs runs (set by `on_startup`, put back by `on_shutdown`): a
build makes millions of objects that live until it ends, and with the default thresholds (700, 10,
10) the collector walks them again and again, about 0.4 s of a 2.7 s `serve` rebuild at 1,700 pages.
Objects freed by reference counting (nearly all) go as before; mypy raises its thresholds likewise."""

SEARCH_INDEX_QUIET_SECONDS = 2.0
"""How long after a rebuild of `serve --dirty`, with no other rebuild begun, Pagefind starts (`_index_later`)."""

PREVIEW_SPLIT_QUIET_SECONDS = 5.0
"""How long after the first rebuild of a split preview, with no other rebuild begun, the second is asked for.
The second renders the whole hub, and a save while it renders waits for it (it takes about 3 s at S after a
challenge, 30 s at L): an author who saves again within this pause gets that save's first half at once instead."""

LOG_LEVELS = {Severity.ERROR: logging.ERROR, Severity.WARNING: logging.WARNING, Severity.NOTE: logging.INFO}
"""Errors and warnings reach MkDocs' counters (warnings fail `--strict`); notes are only read."""


def _refused_content(root: Path, path: Path) -> bool:
    """A file under the hub root that is not a regular file reached through real folders."""
    return Path(os.path.abspath(path)).is_relative_to(root) and not is_readable_file(root, path)


def _drop_refused(files: Files, refused: frozenset[Path]) -> None:
    """Removes from `files` what MkDocs collected from a refused path under docs/ (a link, a FIFO, or
    anything under a linked folder, which MkDocs walks into): the pipeline found and reported them."""
    if not refused:
        return
    refused = frozenset(Path(os.path.abspath(path)) for path in refused)
    for file in list(files):
        if file.generated_by is None and file.abs_src_path:
            source = Path(os.path.abspath(file.abs_src_path))
            if source in refused or not refused.isdisjoint(source.parents):
                files.remove(file)


def _log_diagnostics(diagnostics: Diagnostics) -> None:
    for diagnostic in diagnostics.sorted():
        log.log(LOG_LEVELS[diagnostic.severity], diagnostic.format_text())
    if diagnostics:
        log.info("content has %s; `competency-hub validate` lists the same", summary(diagnostics.sorted()))


def escape_head_title(output: str, title: str | None) -> str:
    """`output` with the page title that Material placed in `<title>` (decoded by `striptags`) escaped."""
    shown = Markup(title or "").striptags()
    if not any(character in shown for character in "<>&"):
        return output
    return output.replace(f"<title>{shown} - ", f"<title>{html.escape(shown, quote=False)} - ", 1)


def owner_pages(entries: list[str], docs: list[str]) -> tuple[frozenset[str], list[str]]:
    """The docs pages that `owner_docs` names (a page, or a folder ending in `/`), and a message for
    each entry that names none (with the closest page or folder)."""
    folders = {posixpath.dirname(uri) + "/" for uri in docs}
    found: set[str] = set()
    problems = []
    for entry in entries:
        matched = {uri for uri in docs if (uri.startswith(entry) if entry.endswith("/") else uri == entry)}
        if not matched:
            hint = did_you_mean(entry, folders | set(docs))
            problems.append(f"owner_docs: '{entry}' is no page or folder of the docs" + (f"; {hint}" if hint else ""))
        found |= matched
    return frozenset(found), problems


def job_aid_body(html: str, body: str) -> str:
    """A job aid page's HTML with its cleaned body (render/job_aids.py) at the template's marker."""
    return html.replace(job_aid_marker(body), body, 1)


def _nav_entries(items: list[NavItem]) -> list[Any]:
    entries: list[Any] = []
    for item in items:
        if item.children:
            entries.append({item.title: _nav_entries(item.children)})
        else:
            entries.append({item.title: item.src_uri})
    return entries


def _add_theme_fixes(config: MkDocsConfig) -> None:
    """Puts the plugin's partials (theme/) before Material's, after the site's own custom_dir.

    Stock Material fails three axe rules (search dialog without a name, footer text contrast,
    links told apart from text by colour only). Every hub using the plugin gets the fixes; a
    site's custom_dir still overrides them.
    """
    dirs = config.theme.dirs
    if str(packaged.THEME) not in dirs:
        custom_dir = config.theme.custom_dir
        dirs.insert(1 if custom_dir and dirs and dirs[0] == custom_dir else 0, str(packaged.THEME))
    if packaged.THEME_STYLESHEET.src_uri not in config.extra_css:
        config.extra_css.append(packaged.THEME_STYLESHEET.src_uri)


def _file_share_build(config: MkDocsConfig) -> bool:
    """Whether Material's `offline` plugin is on, i.e. the site is built to be read from file://."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] == "offline" and getattr(plugin, "config", {}).get("enabled", False):
            return True
    return False


def _add_module_script(config: MkDocsConfig, path: str) -> None:
    """Adds a packaged script to every page as an ES module (MkDocs 1.6 `type: module`), once."""
    if not any(str(script) == path for script in config.extra_javascript):
        script = ExtraScriptValue(path)
        script.type = "module"
        config.extra_javascript.append(script)


def _add_learner_assets(config: MkDocsConfig) -> None:
    """The learner tools' stylesheet, and their script as an ES module."""
    if packaged.LEARNER_STYLESHEET.src_uri not in config.extra_css:
        config.extra_css.append(packaged.LEARNER_STYLESHEET.src_uri)
    _add_module_script(config, packaged.LEARNER_SCRIPT.src_uri)


class CompetencyHubPlugin(BasePlugin[HubPluginConfig]):
    """Turns maps/ and challenges/ into map, capability, rubric, path and challenge pages."""

    owner_pages: frozenset[str] = frozenset()
    """Source URIs of the docs pages `owner_docs` names: left out of the site search unless `owner_docs_search`."""
    root: Path = Path(".")
    """Folder of mkdocs.yml: content folders and options' paths are relative to it."""
    command: str = "build"
    """The MkDocs command running: content errors stop `build`, but `serve` keeps previewing."""
    vendored: list[VendoredScript] = []
    home_intro: str | None = None
    """The text of the `home_intro` file, read once in `on_config`."""
    """Local copies that replace CDN scripts in this build, published by `on_files`."""
    index: HubIndex | None = None
    stories: StoryOutput | None = None
    """The rendered story library of this build, for the page hooks; None without a stories folder."""
    challenges: ChallengeOutput | None = None
    """The rendered challenge pages of this build, for `on_page_content`."""
    feedback: Any = None
    """The checked `feedback` option (render/feedback.FeedbackOptions), or None when the links are off."""
    pagefind: bool = False
    """The header search runs on Pagefind (mkdocs/search.py): a served build with Material's search on."""
    search_entries: site_search.SearchEntries | None = None
    """What the header search indexes itself, filled page by page (mkdocs/search.py): the file-share
    copy's whole index, or a served hub's titles index; None with `search: material`."""
    job_aid_bodies: dict[str, str] = {}
    """Source URI of each job aid page → its cleaned body, put at the page's marker by `on_page_content`."""
    converting: Page | None = None
    """The page MkDocs is converting from Markdown, between `on_page_markdown` and `on_page_content`."""

    dirty: bool = False
    """A build over the previous site (`--dirty`): unchanged generated pages and files are not written again."""
    page_states: dict[str, incremental.PageStates] = {}
    """Site folder → what its generated pages were built from; kept by `serve` across rebuilds (the plugin lives on)."""
    rebuilt: set[str] = set()
    """URLs of the pages written by this dirty build."""
    previous_search_index: str | None = None
    learner_bundle: bytes | None = None
    """The learner tools as one classic script (mkdocs/hosting.py), in a file-share build only."""
    finder_bundle: bytes | None = None
    """The story finder as one classic script, in a file-share build of a hub with stories only."""
    job_aids_bundle: bytes | None = None
    """The job aids' checklist script as one classic script, in a file-share build of a hub with job aids only."""
    build_files: Files | None = None
    copied_files: list[incremental.ChangeAwareFile] = []
    """The generated files of this build held in memory until MkDocs has copied them (`_let_go_of_copied_files`)."""
    held: HeldPages = HeldPages()
    """The generated pages of this build between conversion and writing, packed small (mkdocs/held.py)."""
    served: bool = False
    """A build of `serve` has finished: the next ones are its rebuilds."""
    indexing: threading.Thread | None = None
    """Pagefind running after a rebuild of `serve --dirty` (`_index_later`)."""
    builds_begun: int = 0
    """Builds begun since `on_startup` (the first of `serve` and each rebuild)."""
    server: LiveReloadServer | None = None
    """`serve`'s server (`on_serve`): a split preview asks it for the second rebuild (`_convert_the_rest_later`)."""
    watcher: ContentWatcher | None = None
    """The hub's folders watched by file events in `serve` (`on_serve`), stopped by `on_shutdown`."""
    file_digests: dict[str, bytes] | None = None
    """Each map, challenge and story file's digest at the last build of `serve` (render/own_pages.py)."""
    first_pages: set[str] = set()
    """The pages made from the files saved since the last build of `serve`: a split preview renders and converts these first."""
    deferred: int = 0
    """Pages this build of `serve --dirty` left for the next (`PageStates.leave`)."""
    page_markdown: dict[str, bytes] = {}
    """Each generated page's Markdown (packed) at the last build of `serve --dirty`: a split preview gives
    the pages not made from the saved files as they were (render/pages.py `EarlierPages`)."""
    reused: set[str] = set()
    """The pages this build gave as the build before rendered them (the first half of a split preview)."""
    stopping: threading.Event | None = None
    """Made by `on_startup`, set by `on_shutdown`: a Pagefind run still waiting for quiet (`_index_later`) is not started."""
    page_cache: pagecache.PageCache | None = None
    """Converted pages kept between builds (mkdocs/pagecache.py), or None when `page_cache` is off or refused."""
    gc_threshold: tuple[int, int, int] | None = None
    """Python's collector thresholds before `on_startup` set `BUILD_GC_THRESHOLD`; put back by `on_shutdown`."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Runs once per MkDocs invocation; remembers whether this is `serve`, and whether it builds `--dirty`."""
        self.command = command
        self.dirty = dirty
        self.page_states = {}
        self.served = False
        self.indexing = None
        self.gc_threshold = gc.get_threshold()
        gc.set_threshold(*BUILD_GC_THRESHOLD)
        self.builds_begun = 0
        self.stopping = threading.Event()
        self.server, self.file_digests, self.first_pages, self.deferred = None, None, set(), 0
        self.page_markdown, self.reused = {}, set()

    def governance_policy(self) -> GovernancePolicy:
        try:
            day = today()
        except ClockError as exc:
            raise PluginError(str(exc)) from exc
        return options_of.governance_policy(self.config, day)

    @event_priority(-100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Finds the hub root and adds the Markdown extensions and stylesheet pages need.

        Runs last among `on_config` handlers, after Material's `offline` plugin has added its CDN
        polyfill, so that it can be swapped for the vendored copy.
        """
        self.builds_begun += 1
        self.root = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if packaged.HUB_STYLESHEET.src_uri not in config.extra_css:
            config.extra_css.insert(0, packaged.HUB_STYLESHEET.src_uri)
        _add_theme_fixes(config)
        file_share = _file_share_build(config)
        hub_search = self.config.search == "pagefind" and "material/search" in config.plugins
        self.pagefind = hub_search and not file_share
        self.search_entries = site_search.SearchEntries(file_share=file_share) if hub_search else None
        if hub_search:
            site_search.without_material_index(config)
            site_search.add_theme(config)
            if site_search.SCRIPT.src_uri not in [str(script) for script in config.extra_javascript]:
                config.extra_javascript.append(site_search.SCRIPT.src_uri)
        self.learner_bundle = self.finder_bundle = self.job_aids_bundle = None
        if self.config.learner and file_share:  # no ES module nor fetch() from file://: one classic script and data scripts
            self.learner_bundle = add_learner_bundle(config)
        elif self.config.learner:
            _add_learner_assets(config)
        guard_snippets(config.markdown_extensions, config.mdx_configs, self.root, self.may_include_files)
        self.vendored = vendor_polyfills(config)
        try:
            self.home_intro = options_of.read_home_intro(self.config, self.root)
        except options_of.HomeIntroError as error:
            raise PluginError(f"mkdocs.yml: {error}") from None
        config_file = Path(config.config_file_path) if config.config_file_path else None
        self.feedback, feedback_problems = speakup.read_feedback(self.config.feedback, config_file, self.root)
        for problem in feedback_problems.sorted():
            log.log(LOG_LEVELS[problem.severity], problem.format_text())
        if feedback_problems.errors:
            raise PluginError("mkdocs.yml: the 'feedback' option is not valid (listed above); see docs/reference/configuration.md#feedback")
        if not self.config.allow_external_requests:
            for problem in external_settings(config):
                log.warning("mkdocs.yml: %s", problem)
        if (self.root / self.config.stories_dir).is_dir():
            if file_share:  # the finder as one classic script, its data files as scripts
                self.finder_bundle = add_file_share_bundle(config, packaged.FINDER_SCRIPT.src_uri.removeprefix(f"{packaged.SITE_FOLDER}/"), FINDER_BUNDLE)
            else:
                _add_module_script(config, packaged.FINDER_SCRIPT.src_uri)
            if packaged.STORIES_STYLESHEET.src_uri not in config.extra_css:
                config.extra_css.append(packaged.STORIES_STYLESHEET.src_uri)
        if (self.root / self.config.job_aids_dir).is_dir():
            if file_share:  # checklists that tick from file:// too: one classic script
                self.job_aids_bundle = add_file_share_bundle(config, packaged.JOB_AIDS_SCRIPT.src_uri.removeprefix(f"{packaged.SITE_FOLDER}/"), JOB_AIDS_BUNDLE)
            else:
                _add_module_script(config, packaged.JOB_AIDS_SCRIPT.src_uri)
            if packaged.JOB_AIDS_STYLESHEET.src_uri not in config.extra_css:
                config.extra_css.append(packaged.JOB_AIDS_STYLESHEET.src_uri)
        self._open_page_cache(config)
        return config

    def _open_page_cache(self, config: MkDocsConfig) -> None:
        """The page cache of this build; refused (with a warning, the build converts every page) unless its
        folder is a plain folder of the hub that Git does not track."""
        self.page_cache = None
        if self.config.page_cache is False:
            return
        recorder = next((x for x in config.markdown_extensions if isinstance(x, pagecache.LinkRecorder)), None)
        if recorder is None:
            recorder = pagecache.LinkRecorder()
            config.markdown_extensions.append(recorder)
        self.page_cache, refused = pagecache.open_cache(self.root, self.config.page_cache, config, recorder)
        if refused is not None:
            folder = pagecache.DEFAULT_FOLDER if self.config.page_cache is True else self.config.page_cache
            log.warning(
                "%s:1:1: warning: the page cache folder %s: %s, so the cache is off for this build "
                "(set the plugin's page_cache to a plain folder inside the hub, or false)",
                folder, refused, pagecache.refusal_rule(),
            )

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Loads, validates and renders the hub, then adds every generated page and file.

        First drops from `files` what MkDocs collected under docs/ that is not a regular file of the
        repository (a link, a FIFO): MkDocs would copy it into the site, or block reading it.
        """
        site_settings = SiteSettings.of_build(config, self.root)
        checked = check_hub(
            options_of.hub_options(self.config, self.root),
            self.governance_policy(),
            site_folders=options_of.site_folders(self.config, site_settings),
            docs_dir=site_settings.docs_dir,
        )
        hub, index, diagnostics = checked.hub, checked.index, checked.diagnostics
        _drop_refused(files, checked.refused)
        if self.command == "serve" and self.dirty:
            digests = own_pages.file_digests(hub)
            saved = own_pages.changed_files(self.file_digests, digests) if self.file_digests is not None else set()
            self.first_pages = own_pages.own_pages(hub, saved)
            self.file_digests = digests
        if hub.job_aids.aids and not (self.config.job_aids_base_url or site_settings.site_url):
            diagnostics.warning(
                Path(config.config_file_path).name if config.config_file_path else "mkdocs.yml",
                1,
                1,
                "neither site_url nor job_aids_base_url is set, so job aid posters show their address instead of a QR code",
                "set site_url (or the plugin's job_aids_base_url) to the address the hub is published at",
                code="HUB427",
            )
        _log_diagnostics(diagnostics)
        if diagnostics.errors and self.command != "serve":
            raise PluginError(
                f"{len(set(diagnostics.errors))} content error(s), listed above ({code_counts(set(diagnostics.errors))}); "
                "the hub is not built until they are fixed"
            )

        exports = self.config.exports and not diagnostics.errors
        render_options = options_of.render_options(
            self.config, site_settings, exports_page=urls.exports_index() if exports else None, home_intro=self.home_intro
        )
        moment = build_moment(self.root)  # one clock: the communities' upcoming dates, the standup feeds' days
        # `serve` builds again in this process: pages whose inputs did not change are kept for it
        render_options = dataclasses.replace(render_options, build_moment=moment, keep_pages=self.command == "serve")
        if _file_share_build(config):  # from file://, no ES module and no captions track load: embeds keep plain lists
            # and videos point to their captions file
            render_options = dataclasses.replace(
                render_options,
                job_aids_script=False,
                captions_tracks=False,
                learner_data_scripts=self.learner_bundle is not None,
                stories=dataclasses.replace(render_options.stories, data_scripts=True),
            )
        if render_options.learner:  # the progress page's CLR 2.0 draft needs the hub's achievement ids
            clr = clr_catalogue(index, options_of.export_options(self.config, site_settings))
            render_options = dataclasses.replace(render_options, learner_clr=clr)
        if self.dirty:  # the story finder's index of the last build, if no story's title or summary changed since
            render_stories.FINDER_INDEXES.update(self._states(config).finder)
        earlier = self._earlier_pages(config)
        renderer = SiteRenderer(hub, index, render_options, earlier)
        site = renderer.render()
        self.reused = renderer.pages.reused
        if self.command == "serve" and self.dirty:
            self.page_markdown = {page.src_uri: page.packed for page in site.pages}
        self.index, self.stories, self.challenges = index, site.stories, site.challenges
        self.job_aid_bodies = site.job_aids
        user_docs = [f.src_uri for f in sorted(files.documentation_pages(), key=file_sort_key)]
        self.owner_pages, problems = owner_pages(self.config.owner_docs, user_docs)
        for problem in problems:
            log.warning("mkdocs.yml: %s", problem)
        inject = _Injection(files)
        in_nav = set(IN_NAV_PAGES)
        in_nav.update(item.src_uri for top in site.nav for item in top.children if item.src_uri)
        for page in site.pages:
            inclusion = InclusionLevel.UNDEFINED if page.src_uri in in_nav else InclusionLevel.NOT_IN_NAV
            inject.add(  # the home page of docs/ (if any) is the hub's home: no error
                page.src_uri,
                "page",
                lambda: incremental.GeneratedPage.of_packed(config, page.src_uri, page.packed, inclusion),
                quiet=page.src_uri == "index.md",
            )
        for generated in site.files:
            inject.add(generated.src_uri, "file", lambda: self._download_file(config, generated))
        bundled = render_options.learner and self.learner_bundle is not None  # the file-share copy: no modules
        published = packaged.site_files(learner=render_options.learner and not bundled, stories=site.stories is not None, job_aids=bool(site.job_aids))
        if bundled:
            published.append(packaged.LEARNER_STYLESHEET)
            inject.add(LEARNER_BUNDLE, "file", lambda: File.generated(config, LEARNER_BUNDLE, content=self.learner_bundle))
        if self.finder_bundle is not None:
            inject.add(FINDER_BUNDLE, "file", lambda: File.generated(config, FINDER_BUNDLE, content=self.finder_bundle))
        if self.job_aids_bundle is not None:
            inject.add(JOB_AIDS_BUNDLE, "file", lambda: File.generated(config, JOB_AIDS_BUNDLE, content=self.job_aids_bundle))
        published += [site_search.SCRIPT, site_search.STYLESHEET] if self.search_entries is not None else []
        for packaged_file in published + [vendored.file for vendored in self.vendored]:
            inject.add(
                packaged_file.src_uri,
                "file",
                lambda: File.generated(config, packaged_file.src_uri, abs_src_path=str(packaged_file.source)),
            )
        if exports:
            self._add_exports(files, config, hub, index, renderer.pages, earlier=earlier is not None)
            site.nav.append(NavItem("Data", urls.exports_index()))
        elif self.config.exports:
            log.info("/exports/ is not written while the content has errors")

        if config.nav is None and self.config.navigation:
            docs_nav = self.config.docs_nav
            if docs_nav is None:
                docs_nav = [entry for entry in nest_paths(user_docs) if entry != "index.md"]
            config.nav = _nav_entries(site.nav) + docs_nav
        self.copied_files = [file for file in files if isinstance(file, incremental.ChangeAwareFile)]
        self.held = HeldPages()
        return files

    def _earlier_pages(self, config: MkDocsConfig) -> EarlierPages | None:
        """What the first half of a split preview may give as the build before rendered it: in a rebuild of
        `serve --dirty` after a map, challenge or story was saved, in a hub of more than
        `preview_split_above` generated pages, when the server can be asked for the second rebuild.
        Only pages the site folder holds as the last build wrote them (`PageStates.left_title`), so
        that each can be left as it is."""
        if not (self.served and self.dirty and self.first_pages and self.build_files is not None and can_ask_for_a_rebuild(self.server)):
            return None
        if len(self.page_markdown) <= self.config.preview_split_above:
            return None
        states = self._states(config)
        markdown = {  # `build_files` are still the last build's
            file.src_uri: self.page_markdown[file.src_uri]
            for file in self.build_files
            if isinstance(file, incremental.GeneratedPage)
            and file.src_uri in self.page_markdown
            and states.left_title(file.src_uri, file.abs_dest_path) is not None
        }
        return EarlierPages(markdown, frozenset(self.first_pages))

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Writes `/urls.json`, the manifest of every public URL and anchor, from the written pages.

        Reading the output (not the page objects) covers every page, whoever generated it; the same
        scan warns about pages that would load something from another host. The first half of a
        split preview leaves both to the second (at L the scan lists some 80,000 files).
        """
        self._let_go_of_copied_files()
        self.held.let_go_written()
        site = Path(config.site_dir)
        manifest = None if self.reused else scan_site(site, self._states(config).scans if self.dirty else None)
        if manifest is not None:
            incremental.write_if_changed(site / MANIFEST_NAME, manifest.to_json())
        rebuild_of_serve = self.dirty and self.served  # of `serve --dirty`: its Pagefind runs once all else is done
        if self.pagefind and not rebuild_of_serve:
            if self.dirty:
                self._index_unless_unchanged(config.site_dir, self._states(config))  # before the record is saved
            else:  # Pagefind's index of the same pages is kept with the converted pages
                site_search.build_index(config.site_dir, cache=self.page_cache.folder if self.page_cache is not None else None)
        if self.dirty:
            self._after_dirty_build(config)
        if manifest is not None and not self.config.allow_external_requests:
            for url, addresses in sorted(manifest.external.items()):
                log.warning(
                    "page %s loads %s from another host, which readers on an intranet may not reach: "
                    "put the file in the hub instead",
                    url,
                    ", ".join(addresses),
                )
        if self.search_entries is not None:
            self.search_entries.write(config.site_dir)
        if self.page_cache is not None:
            cache = self.page_cache
            cache.finish(full=not self.dirty)
            log.info("page cache: %d pages from %s, %d converted", cache.hits, cache.folder.relative_to(self.root), len(cache.converted))
        if self.deferred:
            self._convert_the_rest_later()
        elif self.pagefind and rebuild_of_serve:
            self._index_later(config.site_dir, self._states(config))
        self.served = self.command == "serve"

    def _convert_the_rest_later(self) -> None:
        """Asks `serve` for the second rebuild of a split preview once the author pauses: after
        `PREVIEW_SPLIT_QUIET_SECONDS` without a newer rebuild (a save in between starts its own
        split, which leaves the same pages and asks again). MkDocs holds every request while it
        builds, so the pause also lets the reloaded page and its files through first."""
        server, begun = self.server, self.builds_begun
        stopping = self.stopping or threading.Event()

        def run() -> None:
            if stopping.wait(PREVIEW_SPLIT_QUIET_SECONDS) or self.builds_begun != begun or server is None:
                return
            ask_for_a_rebuild(server)

        threading.Thread(target=run, name="hub-preview-rest", daemon=True).start()

    @staticmethod
    def _index_unless_unchanged(
        site_dir: str, states: incremental.PageStates, *, background: bool = False, outdated: Callable[[], bool] | None = None
    ) -> None:
        """Runs Pagefind over a site built over the previous one, unless no page was written and the
        index was left alone since its last run there (`search.index_stamps`). A run stopped because
        a newer rebuild began (`outdated`) records nothing, so the next one runs."""
        pages, bundle = site_search.index_stamps(site_dir)
        if states.indexed == f"{pages}:{bundle}":
            log.info("search index: no page was written since Pagefind last ran here, so it is not run again")
            return
        states.indexed = ""
        if site_search.build_index(site_dir, background=background, outdated=outdated):
            states.indexed = f"{pages}:{site_search.index_stamps(site_dir)[1]}"

    def _index_later(self, site_dir: str, states: incremental.PageStates) -> None:
        """Runs Pagefind after a rebuild of `serve --dirty` has returned, so the edited page is shown at
        once; the header search catches up seconds later. It starts once no rebuild has begun for
        `SEARCH_INDEX_QUIET_SECONDS`: while someone saves file after file, the previews have both
        cores, and the run after the last rebuild indexes what all of them wrote. A rebuild does not
        wait for it: a run that read pages while the next build wrote them is followed by the run
        after that build, whose pages' stamp, taken before that run, differs from the one recorded.
        Nor does it compete with it: a run still going when the next rebuild begins is stopped."""

        earlier = self.indexing
        begun = self.builds_begun
        stopping = self.stopping or threading.Event()

        def outdated() -> bool:
            return self.builds_begun != begun

        def run() -> None:
            if earlier is not None:  # one Pagefind at a time; this one indexes what this build wrote
                earlier.join()
            if stopping.wait(SEARCH_INDEX_QUIET_SECONDS) or outdated():
                return  # `serve` stops, or a newer rebuild began: the run after it indexes
            try:
                self._index_unless_unchanged(site_dir, states, background=True, outdated=outdated)
            except Exception as error:  # a thread's exception would be lost; the next build writes it again
                log.error("the search index was not updated: %s", error)

        self.indexing = threading.Thread(target=run, name="hub-search-index", daemon=True)
        self.indexing.start()

    def on_shutdown(self) -> None:
        if self.watcher is not None:
            self.watcher.stop()
            self.watcher = None
        if self.stopping is not None:  # a run still waiting for quiet is not started
            self.stopping.set()
        if self.indexing is not None:  # `serve` stops: let the last search index be written whole
            self.indexing.join()
            self.indexing = None
        if self.gc_threshold is not None:
            gc.set_threshold(*self.gc_threshold)
            self.gc_threshold = None

    def _download_file(self, config: MkDocsConfig, generated: GeneratedFile) -> File | None:
        if generated.abs_path is not None and _refused_content(self.root, generated.abs_path):
            return None  # reported when the hub was loaded; never copied, whatever the core let through
        if generated.abs_path is not None:
            return _DownloadFile.generated(config, generated.src_uri, abs_src_path=str(generated.abs_path))
        return _DownloadFile.generated(config, generated.src_uri, content=generated.content or b"")

    def _add_exports(
        self, files: Files, config: MkDocsConfig, hub: Hub, index: HubIndex, pages: PageRenderer, *, earlier: bool = False
    ) -> None:
        """The exported files and the Data page; checked against the site's files once, so it stays linear.
        `earlier`: the first half of a split preview, which gives the last exports again."""
        inject = _Injection(files)
        settings = SiteSettings.of_build(config, self.root)  # `serve` keeps the exports while maps and challenges stay the same
        options = options_of.export_options(self.config, settings)
        result = export_hub(hub, index, options, keep=self.command == "serve", earlier=earlier)
        for note in result.notes.sorted():
            log.info("exports: %s", note.format_text())
        page = render_exports_page(pages, result)
        inject.add(page.src_uri, "page", lambda: incremental.GeneratedPage.of_packed(config, page.src_uri, page.packed, InclusionLevel.UNDEFINED))
        for exported in result.files:
            inject.add(
                exported.src_uri, "file", lambda: _DownloadFile.generated(config, exported.src_uri, content=exported.content)
            )

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Dates every page with the commit, not the day of the build (sitemap `lastmod`).

        In a `--dirty` build, also marks the generated pages whose output is already in the site folder.
        """
        day = commit_date(self.root)
        if day is not None:
            for file in files.documentation_pages():
                if file.page is not None:
                    file.page.update_date = day
        if self.dirty:
            self._before_dirty_build(config, files, day)
        return nav

    def _state_path(self, config: MkDocsConfig) -> Path:
        return incremental.PageStates.path(self.root / ".cache" / "competency-hub", config.site_dir)

    def _states(self, config: MkDocsConfig) -> incremental.PageStates:
        """The record of the site folder: kept in memory by `serve`, read from `.cache/` by `build --dirty`."""
        states = self.page_states.get(config.site_dir)
        if states is None:
            states = self.page_states[config.site_dir] = incremental.PageStates.load(self._state_path(config))
        return states

    def _search_plugin(self, config: MkDocsConfig) -> Any:
        """Material's search plugin when it runs before this one (its index is written first), else None."""
        for plugin in config.plugins.values():
            if plugin is self:
                return None
            if hasattr(plugin, "search_index_prev") and getattr(plugin, "config", {}).get("enabled", True):
                return plugin
        return None

    def _before_dirty_build(self, config: MkDocsConfig, files: Files, day: Any) -> None:
        self.build_files = files
        states = self._states(config)
        # The speak-up links name the line of a capability in its map file, which its page's Markdown does
        # not hold: with them on, any change to a map file rebuilds every generated page (unsure: rebuilt).
        sources = incremental.folder_stamp(str(self.root / self.config.maps_dir)) if self.feedback is not None else None
        build = incremental.fingerprint(config, files, (day, self.command, sources))
        skipped = states.mark(files, build, remember=self.command == "serve")
        generated = sum(1 for file in files if isinstance(file, incremental.GeneratedPage))
        log.info("--dirty: %d of %d generated pages unchanged since the last build of %s", skipped, generated, config.site_dir)
        self.deferred = 0
        if self.reused:  # the first half of a split preview: only the saved files' own pages are converted
            left = states.leave(files, self.first_pages)
            self.deferred = len(self.reused | left)
            log.info(
                "--dirty: the pages made from the saved files are rendered and converted first; %d other pages keep "
                "their last version until the second rebuild, which follows (preview_split_above: %d)",
                self.deferred,
                self.config.preview_split_above,
            )
        elif self.served and can_ask_for_a_rebuild(self.server):  # converts every due page: unless a newer save waits
            server = self.server
            states.give_way(files, lambda: bool(server._want_rebuild))  # type: ignore[union-attr]
        self.rebuilt = set()
        self.previous_search_index = None
        search = self._search_plugin(config)
        index = Path(config.site_dir) / "search" / "search_index.json"
        if search is not None and self.search_entries is None and not _file_share_build(config) and index.is_file():
            self.previous_search_index = index.read_text(encoding="utf-8")
            search.search_index_prev = None  # this plugin merges the index by page, below

    def _after_dirty_build(self, config: MkDocsConfig) -> None:
        states = self.page_states.get(config.site_dir)
        if states is None or self.build_files is None:
            return
        gave_way = sum(1 for file in self.build_files if isinstance(file, incremental.GeneratedPage) and file.gave_way)
        if gave_way:
            log.info("--dirty: a newer save waits, so %d pages keep their last version until the next rebuild", gave_way)
        states.record(self.build_files)
        states.finder = dict(render_stories.FINDER_INDEXES)
        if self.search_entries is not None:  # the pages not written again keep their entries of the last build
            pages = [file.page.url for file in self.build_files.documentation_pages() if file.page is not None]
            states.search = self.search_entries.keep_unchanged(states.search, pages, self.rebuilt)
        if self.command != "serve":  # `serve` keeps the states in memory, for its own temporary folder
            states.save(self._state_path(config))
        index = Path(config.site_dir) / "search" / "search_index.json"
        if self.previous_search_index is not None and index.is_file():
            order = [file.page.url if file.page is not None else file.url for file in self.build_files.documentation_pages()]
            merged = incremental.merge_search_index(self.previous_search_index, index.read_text(encoding="utf-8"), self.rebuilt, order)
            if merged is not None:
                incremental.write_if_changed(index, merged)

    def may_include_files(self) -> bool:
        """Whether the page being converted may include files with snippets: only a page of docs/.

        Every generated page carries text from pull requests (story and challenge bodies, map
        descriptions); none of them includes anything, whatever it says (mkdocs/snippets.py).
        """
        page = self.converting
        return page is not None and page.file.generated_by is None and page.file.abs_src_path is not None

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """In `serve`, keeps the theme's compiled templates between rebuilds, as the hub's own are.

        MkDocs makes a new theme environment at every rebuild and compiles Material's 40-odd
        templates again (about 0.3 s at any size); Jinja checks each template's source against
        the kept code, so an edited theme override is compiled afresh. Also packs the page
        converted last (mkdocs/held.py).
        """
        self.held.pack_converted()
        if self.command == "serve" and env.bytecode_cache is None:
            env.bytecode_cache = COMPILED_TEMPLATES
        return env

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        """Lets the page cache serve this page's conversion when nothing it depends on changed; packs
        the page converted before (mkdocs/held.py)."""
        self.held.convert(page)
        if self.page_cache is not None:
            self.page_cache.install(page)
        return page

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Replaces `<!-- hub:latest-stories … -->` markers in docs pages and challenges with the newest stories.

        Also notes which page is about to be converted, for `may_include_files`.
        """
        self.converting = page
        if page.file.src_uri in self.owner_pages and not self.config.owner_docs_search and "search" not in page.meta:
            page.meta["search"] = {"exclude": True}  # read by Material's search plugin, after this event
        if self.stories is None or self.index is None:
            return markdown
        challenge = self.challenges.pages.get(page.file.src_uri) if self.challenges is not None else None
        around = (CONTRIBUTED_END, CONTRIBUTED_START) if challenge else ("", "")
        markdown, replaced = stories.replace_markers(markdown, page, self.stories, self.index, around)
        if challenge and replaced:
            self.challenges.pages[page.file.src_uri] = (challenge[0], challenge[1] + replaced)
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Cleans the contributors' parts of every story and challenge page to the allow-list (both are untrusted);
        ends every page with the speak-up links when `feedback` is on, and points the edit button of a
        capability or challenge page at its map or challenge file."""
        self.converting = None
        if page.file.src_uri in self.job_aid_bodies:
            return job_aid_body(html, self.job_aid_bodies[page.file.src_uri])
        if self.stories is not None and page.file.src_uri in self.stories.pages:
            html = stories.clean_story_page(html, page, self.stories)
        elif self.challenges is not None and page.file.src_uri in self.challenges.pages:
            html = clean_challenge_page(html, page, self.challenges)
        if self.pagefind:
            html = site_search.ignore_listings(html)
        source = speakup.page_source(page, config, self.root, self.index)
        speakup.point_edit_button(page, config, self.root, source)
        return speakup.append_links(html, self.feedback, source) if self.feedback is not None else html

    @event_priority(100)
    def on_page_context(self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        """Runs first: gives a generated page its HTML back before any plugin or template reads it
        (mkdocs/held.py). By the first page MkDocs has copied the site's other files, so the
        generated ones' bytes (the exports: about 120 MB at L) are let go."""
        self._let_go_of_copied_files()
        self.held.write(page)
        return context

    def _let_go_of_copied_files(self) -> None:
        for file in self.copied_files:
            file.release()
        self.copied_files = []

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Adds the feed's autodiscovery link to the story library's page; escapes the head's title.

        Material writes `<title>{{ page.title | striptags }}`, and `striptags` decodes character
        references: a map or story title shown as `&#60;/title>&#60;script>` on the page would become
        markup in the head. The title is written again with its characters escaped.
        """
        self.held.written_page(page)
        output = escape_head_title(output, page.title)
        if self.search_entries is not None:
            output = self.search_entries.add(output, page, self.index, config)
        if self.dirty:
            self.rebuilt.add(page.url)
        if self.stories is not None and page.file.src_uri == urls.stories_index():
            return stories.feed_link(output, "feed.xml", f"{config.site_name}: stories")
        return output

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]) -> LiveReloadServer:
        """Rebuilds when a map, challenge or story changes, not only when docs/ does; also when the
        hub's own templates or its home page intro (files outside docs/) change.

        The hub's folders are watched by the system's file events (mkdocs/watcher.py), unless
        `preview_watcher: polling` or the system cannot; MkDocs polls what is left."""
        folders = [
            self.root / folder
            for folder in (
                self.config.maps_dir,
                self.config.challenges_dir,
                self.config.stories_dir,
                self.config.pilots_dir,
                self.config.communities_dir,
                self.config.job_aids_dir,
                self.config.templates_dir,
            )
            if folder and (self.root / folder).is_dir()
        ]
        if self.config.preview_watcher == "native":
            self.watcher = ContentWatcher(server)
            folders = self.watcher.watch(folders)
            if self.watcher.watched:
                log.info(
                    "saves in %s are noticed by file events (preview_watcher: native)",
                    ", ".join(f"'{Path(os.path.relpath(folder, self.root)).as_posix()}'" for folder in self.watcher.watched),
                )
        for path in folders:
            server.watch(str(path))
        self.server = server
        if self.config.home_intro and (self.root / self.config.home_intro).is_file():
            server.watch(str(self.root / self.config.home_intro), recursive=False)
        return server
