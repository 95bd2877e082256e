"""The plugin's options, the one typed source of every core options object, and the functions that build those.

The build validates `HubPluginConfig` as part of MkDocs' own config; the CLI validates the same class
without running a build (`competency_hub.settings`). Every default is written once: the options take
theirs from the core dataclasses, and each core options object is built here, by one function.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config, ValidationError
from mkdocs.config.defaults import MkDocsConfig

from ..exports.options import ExportOptions, language_tag
from ..validate.governance import FINDING_KINDS, GovernancePolicy
from ..load import HubOptions
from ..load.files import is_readable_file, read_regular
from ..render.options import RenderOptions
from ..render.options import StoryOptions


class WholeNumber(c.Type):
    """A whole number, at least `minimum`: unlike MkDocs' `Type(int)`, `true` is not taken for 1."""

    def __init__(self, default: int, minimum: int | None = None) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(f"Expected a whole number but received: {value!r}")
        if self.minimum is not None and value < self.minimum:
            raise ValidationError(f"Expected a whole number of at least {self.minimum} but received: {value!r}")
        return value


class AnyValue(c.BaseConfigOption[Any]):
    """Any YAML value, checked by the core instead of MkDocs, so that each problem gets its own code and line."""

    def __init__(self, default: Any = None) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> Any:
        return value


class CacheFolder(c.BaseConfigOption[Any]):
    """A folder relative to mkdocs.yml, `true` for the default one, or `false` for none."""

    def __init__(self, default: str | bool) -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str | bool:
        if isinstance(value, bool) or (isinstance(value, str) and value.strip()):
            return value
        raise ValidationError(f"Expected a folder (relative to mkdocs.yml), true or false, but received: {value!r}")


class GovernanceConfig(Config):
    """The `governance` option: which findings stop the build, and when a challenge is stale."""

    fail_on = c.ListOfItems(c.Choice(FINDING_KINDS), default=sorted(GovernancePolicy.fail_on))
    """Kinds of governance finding that are errors: they stop every build."""
    warn_on = c.ListOfItems(c.Choice(FINDING_KINDS), default=[k for k in FINDING_KINDS if k in GovernancePolicy.warn_on])
    """Kinds that are warnings (they stop `--strict` builds); kinds in neither list are notes in the log.
    By default the kinds a commit brings (no owners, retired items in use), not those the calendar brings."""
    stale_after_months = WholeNumber(default=GovernancePolicy.stale_after_months, minimum=1)
    """A challenge whose `reviewed` date is older than this is reported as stale."""


class HubPluginConfig(Config):
    """Options of the `competency-hub` plugin in mkdocs.yml (documented in docs/reference/configuration.md)."""

    maps_dir = c.Type(str, default=HubOptions.maps_dir)
    """Folder of map files, relative to mkdocs.yml."""
    challenges_dir = c.Type(str, default=HubOptions.challenges_dir)
    """Folder of challenge files and their templates, relative to mkdocs.yml."""
    max_time_box = WholeNumber(default=HubOptions.max_time_box)
    """Longest time box a challenge may have, in minutes."""
    max_file_size = WholeNumber(default=HubOptions.max_file_size)
    """Largest content file accepted, in bytes; bigger files are reported, not read."""
    video_max_bytes = WholeNumber(default=HubOptions.video_max_bytes)
    """A video (challenges' `video.file`) bigger than this many bytes is reported as a warning."""
    templates_dir = c.Optional(c.Type(str))
    """Folder (relative to mkdocs.yml) of Jinja templates that override the packaged page templates."""
    graph_max_capabilities = WholeNumber(default=RenderOptions.graph_max_capabilities)
    """Maps with more capabilities show their prerequisite graph as text only."""
    challenges_index_max = WholeNumber(default=RenderOptions.challenges_index_max)
    """Up to this many challenges, /challenges/ lists them all; above it, each map's are on a page of their own."""
    nav_max_entries = WholeNumber(default=RenderOptions.nav_max_entries)
    """Above this many maps (or paths), the navigation shows "All maps" ("All paths") only, not each one."""
    navigation = c.Type(bool, default=True)
    """Build the site navigation (home, maps, paths, challenges, then docs) when mkdocs.yml has no `nav`."""
    docs_nav = c.Optional(c.Type(list))
    """The docs part of that navigation, in MkDocs `nav` syntax; by default every docs page, by folder."""
    home_intro = c.Optional(c.Type(str))
    """A Markdown file (relative to mkdocs.yml) whose text replaces the home page's introduction: the
    organisation's own words above the generated maps, paths and learner panel, without a template."""
    owner_docs = c.ListOfItems(c.Type(str), default=[])
    """Docs pages for the hub's owners, not its learners (a page, or a folder ending in `/`): kept out of the
    learners' search (see `owner_docs_search`), and listed where `docs_nav` puts them."""
    owner_docs_search = c.Type(bool, default=False)
    """Keep the `owner_docs` pages in the site search; by default they are left out, so that a learner's
    search finds maps, challenges and stories, not the authoring and hosting guide."""
    search = c.Choice(("pagefind", "material"), default="pagefind")
    """The engine behind the header search of a served hub: `pagefind` (an index split into small parts,
    fetched as a query needs them; fast at any size) or `material` (Material's own, one index loaded whole).
    The file-share copy always uses Material's (docs/guide/hosting.md)."""
    learner = c.Type(bool, default=RenderOptions.learner)
    """Publish the learner tools: progress, review and plan pages, and the controls on challenge and capability pages."""
    governance = c.SubConfig(GovernanceConfig)
    """Review dates, owners, retired items and stale challenges (docs/guide/governance.md)."""
    allow_external_requests = c.Type(bool, default=False)
    """Silence the warnings about settings and pages that make browsers contact other hosts."""
    exports = c.Type(bool, default=True)
    """Publish every map as CASE, Open Badges, Moodle CSV and JSON under /exports/, with a Data page."""
    exports_base_url = c.Optional(c.Type(str))
    """Base of the absolute URIs inside exports when `site_url` is not set (or should not be used)."""
    exports_namespace = c.Type(str, default=ExportOptions.namespace)
    """Makes this hub's CASE identifiers its own, e.g. the organisation's domain; set once, never change."""
    stories_dir = c.Type(str, default=HubOptions.stories_dir)
    """Folder of case stories, their authors and patterns files and images, relative to mkdocs.yml."""
    communities_dir = c.Type(str, default=HubOptions.communities_dir)
    """Folder of community files (communities of practice and their rituals), relative to mkdocs.yml."""
    job_aids_dir = c.Type(str, default=HubOptions.job_aids_dir)
    """Folder of job aids (checklists, decision guides, scripts, cheat cards), relative to mkdocs.yml."""
    job_aids_base_url = c.Optional(c.Type(str))
    """Base of the addresses that job aid posters' QR codes open when `site_url` is not set (or should not be used)."""
    stories_per_page = WholeNumber(default=StoryOptions.per_page)
    """Stories per page of the library's list (what readers without JavaScript page through)."""
    stories_on_capability_page = WholeNumber(default=StoryOptions.on_capability_page)
    """Newest stories listed on a capability page, before the link to all of them."""
    stories_index_max_capabilities = WholeNumber(default=StoryOptions.index_max_capabilities)
    """Up to this many capabilities, the library lists each one under its map; above it, only the maps."""
    stories_feed_limit = WholeNumber(default=StoryOptions.feed_limit)
    """Newest stories in the Atom feed."""
    feedback = AnyValue(default={})
    """Off by default. "Suggest a change · Ask a question · Push back" links at the end of every page, opening a
    new issue in the organisation's tracker: `{provider: github|gitlab|url, repository: owner/name or address,
    url_template: …, labels: [...]}` (docs/reference/configuration.md#feedback); checked as HUB910-HUB915."""
    page_cache = CacheFolder(default=True)
    """Where converted pages are kept between builds (relative to mkdocs.yml; `true`: `.cache/competency-hub/pages`),
    or `false` for no cache (mkdocs/pagecache.py)."""
    preview_split_above = WholeNumber(default=500, minimum=0)
    """In `serve --dirty`, in a hub of more generated pages than this: a save renders and converts the pages
    made from the saved file first, and the others in a second rebuild (docs/reference/configuration.md#preview_split_above)."""
    preview_watcher = c.Choice(("native", "polling"), default="native")
    """How `serve` notices a saved map, challenge or story: the system's file events, or MkDocs' polling, which
    also sees saves on network shares and some container mounts (docs/reference/configuration.md#preview_watcher)."""
    pilots_dir = c.Type(str, default=HubOptions.pilots_dir)
    """Folder of pilots (`<id>.yml`, and `<id>.csv` of interim results beside it), relative to mkdocs.yml."""


@dataclass(frozen=True)
class SiteSettings:
    """The MkDocs settings besides the plugin's that the core reads: from MkDocsConfig in a build, from
    mkdocs.yml in the CLI (`competency_hub.settings`)."""

    root: Path
    """Folder of mkdocs.yml: content folders and options' paths are relative to it."""
    docs_dir: Path
    site_name: str
    site_description: str | None
    site_url: str | None
    use_directory_urls: bool
    language: str
    """The theme's language as a BCP 47 tag."""

    @classmethod
    def of_build(cls, config: MkDocsConfig, root: Path) -> SiteSettings:
        return cls(
            root=root,
            docs_dir=Path(config.docs_dir),
            site_name=config.site_name,
            site_description=config.site_description,
            site_url=config.site_url or None,
            use_directory_urls=config.use_directory_urls,
            language=language_tag(config.theme.get("language")),
        )


def hub_options(options: HubPluginConfig, root: Path) -> HubOptions:
    """Where the content lives and its limits."""
    return HubOptions(
        root=root,
        maps_dir=options.maps_dir,
        challenges_dir=options.challenges_dir,
        stories_dir=options.stories_dir,
        pilots_dir=options.pilots_dir,
        communities_dir=options.communities_dir,
        job_aids_dir=options.job_aids_dir,
        max_time_box=options.max_time_box,
        max_file_size=options.max_file_size,
        video_max_bytes=options.video_max_bytes,
    )


def templates_dir(options: HubPluginConfig, root: Path) -> Path | None:
    """The folder of the site's own page templates, when the option names one."""
    return root / options.templates_dir if options.templates_dir else None


def site_folders(options: HubPluginConfig, site: SiteSettings) -> list[Path]:
    """The folders besides content that the build reads from: docs/ and the `templates_dir` option's."""
    templates = templates_dir(options, site.root)
    return [site.docs_dir, *([templates] if templates else [])]


def governance_policy(options: HubPluginConfig, today: datetime.date) -> GovernancePolicy:
    """The governance findings' severities and the staleness limit, judged on `today`."""
    governance: Any = options.governance
    return GovernancePolicy(
        today, frozenset(governance.fail_on), frozenset(governance.warn_on), governance.stale_after_months
    )


def story_options(options: HubPluginConfig, site: SiteSettings) -> StoryOptions:
    """Pagination, capability-page and feed limits of the story library."""
    return StoryOptions(
        per_page=options.stories_per_page,
        on_capability_page=options.stories_on_capability_page,
        index_max_capabilities=options.stories_index_max_capabilities,
        feed_limit=options.stories_feed_limit,
        site_url=site.site_url or "",
    )


def render_options(
    options: HubPluginConfig, site: SiteSettings, *, exports_page: str | None, home_intro: str | None = None
) -> RenderOptions:
    """How the pages are rendered; `exports_page` is the Data page's source path when the site has one,
    `home_intro` the text of the `home_intro` file (`read_home_intro`)."""
    return RenderOptions(
        site_name=site.site_name,
        use_directory_urls=site.use_directory_urls,
        templates_dir=templates_dir(options, site.root),
        graph_max_capabilities=options.graph_max_capabilities,
        challenges_index_max=options.challenges_index_max,
        nav_max_entries=options.nav_max_entries,
        learner=options.learner,
        site_url=site.site_url,
        exports_page=exports_page,
        home_intro=home_intro,
        stories=story_options(options, site),
        job_aids_base_url=options.job_aids_base_url or site.site_url,
    )


class HomeIntroError(ValueError):
    """The `home_intro` file cannot be read: not a regular file inside the hub, or not UTF-8 text."""


def read_home_intro(options: HubPluginConfig, root: Path) -> str | None:
    """The text of the `home_intro` file, or None when the option is not set; read once per build."""
    if options.home_intro is None:
        return None
    path = root / options.home_intro
    if not is_readable_file(root, path):
        raise HomeIntroError(f"home_intro: '{options.home_intro}' is not a regular file inside the hub (a path relative to mkdocs.yml)")
    try:
        return read_regular(path).decode("utf-8").strip() + "\n"
    except (OSError, UnicodeDecodeError) as error:
        raise HomeIntroError(f"home_intro: '{options.home_intro}' cannot be read as UTF-8 text ({error})") from None


def export_options(options: HubPluginConfig, site: SiteSettings) -> ExportOptions:
    """What the exporters need to know about the site, the same in the build and `competency-hub export`."""
    return ExportOptions(
        site_name=site.site_name,
        site_description=site.site_description,
        base_url=options.exports_base_url or site.site_url,
        namespace=options.exports_namespace,
        language=site.language,
        use_directory_urls=site.use_directory_urls,
    )
