"""Rendering a validated hub into generated pages (Markdown), downloads and navigation."""

from __future__ import annotations

import html
from typing import Any

from ..load import Hub, MapEntry
from ..model import CHALLENGE_SECTIONS
from ..load.index import HubIndex
from . import urls
from ..safety.sanitise import CONTRIBUTED_END, CONTRIBUTED_START
from ..schema import schema_files
from .feeds import render_change_feed
from .standup import render_standup_feeds, standup_items
from .communities import render_communities
from .graph import GraphNode, render_graph_svg
from .learner import add_learner_tools
from .job_aids import JobAidRenderer, JobAidsView
from .options import RenderOptions
from .output import ChallengeOutput, GeneratedFile, GeneratedPage, NavItem, RenderedSite
from .pages import EarlierPages, PageRenderer
from .pilots import PilotRenderer
from .story_index import StoryIndex
from .stories import StoryRenderer
from .tombstones import PageSections, capability_tombstones, challenge_tombstones
from .view import LevelView, StoryViews, TemplateView

__all__ = [  # the output types and options, from the modules below this one
    "ChallengeOutput",
    "GeneratedFile",
    "GeneratedPage",
    "NavItem",
    "RenderOptions",
    "RenderedSite",
    "SiteRenderer",
    "render_site",
]


def nav_title(text: str) -> str:
    """A map's or path's title for the navigation: MkDocs and Material place nav titles as HTML, so
    the characters are escaped (the author's text is plain text, render/text.py)."""
    return html.escape(" ".join(text.split()), quote=False)


class ContributedParts:
    """Hands a template the markers around each part a contributor wrote, and counts the pairs.

    The plugin cleans what lies between them (safety/sanitise.py); the count tells it whether a marker on
    the built page is one the hub wrote.
    """

    def __init__(self) -> None:
        self.count = 0

    def start(self) -> str:
        self.count += 1
        return CONTRIBUTED_START

    def end(self) -> str:
        return CONTRIBUTED_END


class SiteRenderer:
    """Holds the lookups of one build and renders each page from its template."""

    def __init__(self, hub: Hub, index: HubIndex, options: RenderOptions, earlier: EarlierPages | None = None) -> None:
        self.hub = hub
        self.index = index
        self.options = options
        self.stories = StoryViews(StoryIndex.build(hub, index))
        self.view = TemplateView(hub, index, options, self.stories)
        """What templates see as `hub`; the renderer's own lookups are the same."""
        self.pages = PageRenderer(options, hub.options.root, self.view, earlier)
        """Renders one page from a template: the public way to add a page to this site (the Data page)."""
        self.job_aids = JobAidsView(hub, index)
        self.pages.env.globals["job_aids"] = self.job_aids

    def render_page(self, template: str, src_uri: str, **context: Any) -> GeneratedPage:
        """The page at `src_uri` from `template` and `context`, with what every template receives."""
        return self.pages.render_page(template, src_uri, **context)

    def page_sections(self) -> PageSections:
        """Which optional sections this hub's pages have (for tombstones' links to anchors)."""
        return PageSections(stories=self.view.has_stories(), learner=self.options.learner)

    def levels(self, map_entry: MapEntry) -> list[LevelView]:
        scale = map_entry.model.scale
        return [
            LevelView(level, i, scale[i - 1] if i else None, scale[i + 1] if i + 1 < len(scale) else None)
            for i, level in enumerate(scale)
        ]

    # -- pages ---------------------------------------------------------------------------------------

    def graph(self, map_entry: MapEntry, src_uri: str) -> str | None:
        capabilities = self.view.active(map_entry.model.capabilities)
        if len(capabilities) > self.options.graph_max_capabilities:
            return None
        map_id = map_entry.model.id
        nodes: dict[str, GraphNode] = {}
        prerequisites: dict[str, list[str]] = {}
        for capability in capabilities:
            key = f"{map_id}/{capability.id}"
            nodes[key] = GraphNode(
                key,
                capability.title,
                urls.href(src_uri, urls.capability_page(map_id, capability.id), self.options.use_directory_urls),
                capability.critical,
            )
        for capability in capabilities:
            key = f"{map_id}/{capability.id}"
            for ref in capability.prerequisites:
                found = self.view.resolve(ref, map_id)
                if found is None:
                    continue
                other_map, other = found
                parent = f"{other_map.model.id}/{other.id}"
                if parent not in nodes:
                    nodes[parent] = GraphNode(
                        parent,
                        f"{other.title} ({other_map.model.title})",
                        urls.href(
                            src_uri,
                            urls.capability_page(other_map.model.id, other.id),
                            self.options.use_directory_urls,
                        ),
                        other.critical,
                        external=True,
                    )
                prerequisites.setdefault(key, []).append(parent)
        return render_graph_svg(
            list(nodes.values()),
            prerequisites,
            title=f"How the capabilities of {map_entry.model.title} build on each other",
            description="Each arrow points from a prerequisite to the capability it prepares for. "
            "The list below the picture says the same in words.",
            id_prefix=f"graph-{map_id}",
        )

    def render(self) -> RenderedSite:
        site = RenderedSite()
        hub = self.hub
        maps = sorted(hub.maps.values(), key=lambda m: m.model.title.casefold())
        paths = sorted(self.index.paths.values(), key=lambda p: p.model.title.casefold())
        challenges = sorted(hub.challenges.values(), key=lambda c: c.model.id)
        active_challenges = [c for c in challenges if c.model.status != "retired"]
        site.pages.append(self.render_page("home.md.j2", urls.home(), maps=maps, paths=paths, challenges=active_challenges))
        site.pages.append(self.render_page("maps_index.md.j2", urls.maps_index(), maps=maps))
        for entry in maps:
            map_id = entry.model.id
            src = urls.map_page(map_id)
            site.pages.append(
                self.render_page(
                    "map.md.j2",
                    src,
                    map=entry,
                    levels=self.levels(entry),
                    graph=self.graph(entry, src),
                    paths=[p for p in paths if p.map is entry],
                    standup_count=len(standup_items(entry, self.index)) if self.options.build_date else None,
                )
            )
            site.pages.append(self.render_page("rubric.md.j2", urls.rubric_page(map_id), map=entry, levels=self.levels(entry)))
            feed = render_change_feed(
                entry,
                entry.model.changes,
                site_name=self.options.site_name,
                use_directory_urls=self.options.use_directory_urls,
                site_url=self.options.site_url,
            )
            if feed is not None:
                site.files.append(GeneratedFile(urls.change_feed(map_id), content=feed))
            standup = render_standup_feeds(
                entry,
                self.index,
                build_date=self.options.build_date,
                site_name=self.options.site_name,
                use_directory_urls=self.options.use_directory_urls,
                site_url=self.options.site_url,
            ) if self.options.build_date else None
            if standup is not None:
                site.files.append(GeneratedFile(urls.standup_json_feed(map_id), content=standup.json_feed))
                site.files.append(GeneratedFile(urls.standup_atom_feed(map_id), content=standup.atom_feed))
            for capability in entry.model.capabilities:
                replacement = self.view.resolve(capability.replaced_by, map_id) if capability.replaced_by else None
                for tombstone in capability_tombstones(entry, capability, replacement, self.page_sections()):
                    site.pages.append(self.render_page("tombstone.md.j2", tombstone.src_uri, tombstone=tombstone))
                if capability.status == "retired":
                    continue
                site.pages.append(
                    self.render_page(
                        "capability.md.j2",
                        urls.capability_page(map_id, capability.id),
                        map=entry,
                        capability=capability,
                        levels=self.levels(entry),
                        challenges=self.view.challenges_for(map_id, capability.id),
                    )
                )
        site.pages.append(self.render_page("paths_index.md.j2", urls.paths_index(), paths=paths))
        for path in paths:
            site.pages.append(self.render_page("path.md.j2", urls.path_page(path.model.id), path=path))
        by_map = len(active_challenges) > self.options.challenges_index_max
        site.pages.append(
            self.render_page("challenges_index.md.j2", urls.challenges_index(), maps=maps, by_map=by_map, total=len(active_challenges))
        )
        if by_map:
            for entry in maps:
                site.pages.append(self.render_page("challenges_map.md.j2", urls.challenges_by_map(entry.model.id), map=entry))
        challenge_pages: dict[str, tuple[str, int]] = {}
        for challenge in challenges:
            replaced_by = challenge.model.replaced_by
            replacement = hub.challenges.get(replaced_by) if replaced_by else None
            for tombstone in challenge_tombstones(
                challenge, replacement, lambda cid: bool(self.view.paths_of(cid)), self.page_sections()
            ):
                site.pages.append(self.render_page("tombstone.md.j2", tombstone.src_uri, tombstone=tombstone))
            if challenge.model.status == "retired":
                continue
            parts = ContributedParts()
            src_uri = urls.challenge_page(challenge.model.id)
            site.pages.append(
                self.render_page("challenge.md.j2", src_uri, challenge=challenge, sections=CHALLENGE_SECTIONS, part=parts)
            )
            challenge_pages[src_uri] = (challenge.source.path, parts.count)
        site.challenges = ChallengeOutput(challenge_pages, {urls.challenge_asset(rel) for rel in hub.assets})
        for asset in sorted(hub.assets.values(), key=lambda a: a.rel):
            site.files.append(GeneratedFile(urls.challenge_asset(asset.rel), abs_path=asset.path))
        for kind, content in schema_files().items():
            site.files.append(GeneratedFile(urls.schema_file(kind), content=content))
        site.nav = [
            NavItem("Home", urls.home()),
            NavItem(
                "Maps",
                children=[NavItem("All maps", urls.maps_index())]
                + [NavItem(nav_title(m.model.title), urls.map_page(m.model.id)) for m in maps if len(maps) <= self.options.nav_max_entries],
            ),
            NavItem(
                "Paths",
                children=[NavItem("All paths", urls.paths_index())]
                + [NavItem(nav_title(p.model.title), urls.path_page(p.model.id)) for p in paths if len(paths) <= self.options.nav_max_entries],
            ),
            NavItem("Challenges", urls.challenges_index()),
        ]
        if self.view.has_stories():
            StoryRenderer(self.pages, self.stories, self.options.stories).render(site)
            site.nav.append(NavItem("Stories", urls.stories_index()))
        if self.options.learner:
            add_learner_tools(
                self.hub, self.index, self.pages, site, clr=self.options.learner_clr, data_scripts=self.options.learner_data_scripts
            )
        if self.view.pilots():
            PilotRenderer(self.pages, self.view.pilots(), site_name=self.options.site_name,
                          use_directory_urls=self.options.use_directory_urls, site_url=self.options.site_url).render(site)
            site.nav.append(NavItem("Pilots", urls.pilots_index()))
        if self.view.communities.has_communities():
            community_pages, community_files = render_communities(self.pages, self.view.communities, self.options)
            site.pages.extend(community_pages)
            site.files.extend(community_files)
            site.nav.append(NavItem("Communities", urls.communities_index()))
        if self.job_aids.any():  # after My learning: the learner's own tabs come first
            JobAidRenderer(
                self.pages, self.job_aids, site_url=self.options.job_aids_base_url,
                script=self.options.job_aids_script,
                captions_tracks=self.options.captions_tracks,
            ).render(site)
        return site


def render_site(hub: Hub, index: HubIndex, options: RenderOptions) -> RenderedSite:
    """Every generated page and file of the hub, and the navigation entries for maps and paths."""
    return SiteRenderer(hub, index, options).render()

