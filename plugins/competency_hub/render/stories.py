"""Rendering the story library: story pages, the paginated library, pages per capability and per
pattern, the Atom feed, the finder's index, and the 'latest stories' lists.

Story front matter comes from outside contributors: templates receive it already escaped for
generated Markdown (render/view.py: `md_text`, which leaves no character Markdown or an extension
could read as syntax), and the packaged templates still pass every such value through `md_text`
(which leaves it as it is) or, in an HTML attribute, `attr`. The body is Markdown rendered by MkDocs and
then cleaned by the plugin (see safety/sanitise.py); it sits between two markers with a nonce derived
from the story's own body (`body_nonce`), so the plugin knows exactly which HTML came from the contributor.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import posixpath
import re
import uuid
from functools import lru_cache, partial
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ..load.stories import StoryEntry, images_shown
from ..memo import TwoLoads, digest
from ..safety.story_body import scan
from ..model import STORY_SECTIONS, Capability
from ..safety.sanitise import url_scheme
from . import urls
from .classic_bundle import data_script
from .atom import day_start, INDENTED, Element, atom_id, write
from .options import StoryOptions
from .output import GeneratedFile, GeneratedPage, RenderedSite, StoryOutput, body_marker
from .pages import PageRenderer
from .story_index import StoryIndex
from .text import md_text
from .tombstones import Anchor, Tombstone
from .view import StoriesView, StoryViews

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _paginate(entries: list[StoryEntry], per_page: int) -> Iterable[tuple[int, list[StoryEntry], int]]:
    """(number, stories, pages) for each page of a list; an empty list still has its first page."""
    pages = max(1, -(-len(entries) // per_page))
    for number in range(1, pages + 1):
        yield number, entries[(number - 1) * per_page : number * per_page], pages


# -- body -----------------------------------------------------------------------------------------


def rebase_links(markdown: str, folder: str, story_paths: dict[str, str], raw_href: Callable[[str], str]) -> str:
    """Relative links of a story body, rewritten for its page at /stories/<slug>/.

    Contributors write links relative to their file, as every editor previews them. The page is
    generated directly in stories/, so `images/x.png` written in `stories/2026/a.md` becomes
    `2026/images/x.png`, and a link to another story's file becomes a link to its page. Raw HTML
    (`<img src>`) is not rewritten by MkDocs, so it gets the final address from `raw_href`, which
    takes a path under the stories folder (or a story page's `.md` path).
    """
    replacements: list[tuple[int, int, str]] = []
    for found in scan(markdown):
        raw = found.kind == "attribute" and found.value in ("href", "src") and found.tag != "attr-list"
        if found.kind not in ("link", "image", "reference") and not raw:
            continue
        url = found.attribute_value if raw else found.value
        if not url or url.startswith("#"):
            continue
        target = _from_stories_folder(url, folder)
        if target is None:
            continue
        suffix = url[len(url.split("#", 1)[0].split("?", 1)[0]) :]
        page = story_paths[target] + ".md" if target in story_paths else None
        if raw:
            new = raw_href(page or target) + suffix
        elif page:
            new = page + suffix
        elif folder:
            new = target + suffix
        else:
            continue
        if raw:
            start = markdown.find(url, found.start, found.end)
            if start < 0:
                continue
            replacements.append((start, start + len(url), new))
        else:
            replacements.append((found.start, found.end, new))
    for start, end, new in sorted(replacements, reverse=True):
        markdown = markdown[:start] + new + markdown[end:]
    return markdown


def _from_stories_folder(url: str, folder: str) -> str | None:
    """A relative link written in a file of `folder` (under stories/), as a path from stories/ itself.

    It may lead out of stories/ (`../maps/x.md`); None for absolute links and other schemes.
    """
    if not url or url.startswith(("/", "#")) or url_scheme(url) is not None:
        return None
    path = url.split("#", 1)[0].split("?", 1)[0]
    if not path:
        return None
    return posixpath.normpath(posixpath.join(folder, path))


# -- finder index ---------------------------------------------------------------------------------

FACETS: tuple[tuple[str, str], ...] = (
    ("map", "Map"),
    ("capability", "Capability"),
    ("level", "Level"),
    ("team", "Team"),
    ("function", "Function"),
    ("outcome", "Outcome"),
    ("pattern", "Pattern"),
    ("year", "Year"),
)
"""The finder's facets, in the order it shows them; the keys are also its URL parameters."""


@dataclass
class FinderStory:
    """What the finder needs of one story: no body, so the payload stays small."""

    slug: str
    title: str
    summary: str
    date: datetime.date
    facets: dict[str, list[tuple[str, str]]]
    """Facet key → (value, label) pairs."""


def finder_story(stories: StoryIndex, entry: StoryEntry) -> FinderStory:
    library = stories.hub.library
    cited = stories.cited(entry)
    facets: dict[str, list[tuple[str, str]]] = {
        "map": [(c.map.model.id, c.map.model.title) for c in cited],
        "capability": [(str(c.key), f"{c.capability.title} ({c.map.model.title})") for c in cited],
        "level": [(c.level.id, c.level.name) for c in cited if c.level],
        "team": [(entry.model.context.team, entry.model.context.team)],
        "function": [(entry.model.context.function, entry.model.context.function)],
        "outcome": [(o.kind, library.outcomes[o.kind].title) for o in entry.model.outcomes if o.kind in library.outcomes],
        "pattern": [(p, library.patterns[p].title) for p in entry.model.patterns if p in library.patterns],
        "year": [(str(entry.model.date.year), str(entry.model.date.year))],
    }
    return FinderStory(
        entry.slug,
        entry.model.title,
        entry.model.summary,
        entry.model.date,
        {key: list(dict.fromkeys(values)) for key, values in facets.items()},
    )


TEXT_CHUNK = 250
"""Stories per text file of the finder: the newest 250 titles and summaries come in one small file."""


@dataclass
class FinderPayload:
    """The finder's files as compact JSON, newest story first."""

    facets: bytes
    """Each facet's values once, with labels, and each story as [slug, date, [value numbers of each facet]]."""
    texts: list[bytes]
    """Titles and summaries as [[title, summary], …], TEXT_CHUNK stories a file, loaded for the results shown."""
    index: bytes
    """The lunr index of titles and summaries (lunr.js 2.3.9 format); its references are story numbers."""


def finder_payload(stories: Iterable[FinderStory], href_pattern: str, text_pattern: str = "finder-text-{n}.json") -> FinderPayload:
    """What the story finder loads: facets first, texts for the results on screen, the index on a search.

    Splitting keeps the first download small however large the library: about 40 bytes a story
    (gzipped) for the facets, while titles and summaries come TEXT_CHUNK stories at a time.
    """
    items = list(stories)
    values: dict[str, dict[str, int]] = {key: {} for key, _ in FACETS}
    labels: dict[str, list[str]] = {key: [] for key, _ in FACETS}
    rows: list[list[Any]] = []
    for story in items:
        numbers: list[list[int]] = []
        for key, _ in FACETS:
            mine = []
            for value, label in story.facets.get(key, []):
                if value not in values[key]:
                    values[key][value] = len(values[key])
                    labels[key].append(label)
                mine.append(values[key][value])
            numbers.append(mine)
        rows.append([story.slug, story.date.isoformat(), numbers])
    facets = [
        {"key": key, "title": title, "values": list(values[key]), "labels": labels[key]} for key, title in FACETS
    ]
    table = {
        "version": 2,
        "href": href_pattern,
        "text": text_pattern,
        "chunk": TEXT_CHUNK,
        "facets": facets,
        "stories": rows,
    }
    texts = [[[s.title, s.summary] for s in items[i : i + TEXT_CHUNK]] for i in range(0, len(items), TEXT_CHUNK)]
    dump = lambda data: json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")  # noqa: E731
    if items:
        documents = [{"i": str(i), "title": s.title, "summary": s.summary} for i, s in enumerate(items)]
        return FinderPayload(dump(table), [dump(chunk) for chunk in texts], _lunr_index(documents, dump))
    else:  # the lunr package cannot build an index of nothing; this is the empty one lunr.js loads
        from lunr import __TARGET_JS_VERSION__

        index = {
            "version": __TARGET_JS_VERSION__,
            "fields": ["title", "summary"],
            "fieldVectors": [],
            "invertedIndex": [],
            "pipeline": ["stemmer"],
        }
    return FinderPayload(dump(table), [dump(chunk) for chunk in texts], dump(index))


_LAST_FINDER: TwoLoads[str, FinderPayload] = TwoLoads()
"""The finder's files made by the last rebuild of `mkdocs serve` (`keep_pages`): the first half of a
split preview (`PageRenderer.earlier`) gives them again, as it gives the other lists, and its second
rebuild makes them anew. At L, building the index of 10,000 titles and summaries again after a saved
story was a third of that first half."""

FINDER_INDEXES: dict[str, str] = {}
"""The latest lunr index built, by the hash of what it indexes: a rebuild of `mkdocs serve` in which no
story's title or summary changed builds none (lunr takes seconds for 1,000 stories). The MkDocs
plugin keeps it across `build --dirty` runs too; the index is a function of its key."""


def _lunr_index(documents: list[dict[str, str]], dump: Callable[[Any], bytes]) -> bytes:
    from lunr import __TARGET_JS_VERSION__, get_default_builder, lunr

    fields: list[Any] = [{"field_name": "title", "boost": 5}, "summary"]
    key = hashlib.sha256(json.dumps([_lunr_version(), __TARGET_JS_VERSION__, fields, documents]).encode("utf-8")).hexdigest()
    text = FINDER_INDEXES.get(key)
    if text is None:
        builder = get_default_builder()
        _stem_once(builder.pipeline)
        text = dump(lunr(ref="i", fields=fields, documents=documents, builder=builder).serialize()).decode("utf-8")
        FINDER_INDEXES.clear()
        FINDER_INDEXES[key] = text
    return text.encode("utf-8")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    from lunr.stemmer import porter_stemmer

    return porter_stemmer.stem(word)


def _stemmer(token: Any, i: Any = None, tokens: Any = None) -> Any:
    return token.update(lambda word, metadata=None: _stem(word))


def _stem_once(pipeline: Any) -> None:
    """Puts a stemmer that stems each word once per process in place of lunr's in the pipeline that
    indexes documents: the Porter stemmer is a pure function of the word, and stemming was half of
    building the finder's index (the same few thousand words, over and over). The index records the
    search pipeline, which keeps lunr's own stemmer, so the written index is the same."""
    from lunr.stemmer import stemmer

    _stemmer.label = stemmer.label  # type: ignore[attr-defined]  # lunr's name for it, so it is not warned about
    pipeline.after(stemmer, _stemmer)
    pipeline.remove(stemmer)


def _lunr_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("lunr")
    except metadata.PackageNotFoundError:
        return "-"


# -- feed -----------------------------------------------------------------------------------------


def _clean(text: str) -> str:
    return _CONTROL.sub("", " ".join(text.split()))


def feed_id(site_name: str, what: str) -> str:
    """A stable `urn:uuid:` for the feed or one of its entries, from the site name and a path."""
    return atom_id(uuid.NAMESPACE_URL, f"competency-hub:{site_name}:{what}")


def atom_feed(
    stories: StoryIndex,
    entries: list[StoryEntry],
    *,
    site_name: str,
    site_url: str,
    href: Callable[[str], str],
    library_href: str,
) -> bytes:
    """An Atom 1.0 feed of the given stories, newest first; links are relative to the feed's own address
    unless `site_url` is set, in which case `xml:base` makes them absolute."""
    feed = Element("feed")
    if site_url:
        feed.attributes["xml:base"] = site_url.rstrip("/") + "/" + posixpath.dirname(urls.stories_feed()) + "/"
    feed.add("id", feed_id(site_name, "stories/"))
    feed.add("title", _clean(f"{site_name}: stories"))
    feed.add("subtitle", "Case stories: what happened when people grew a capability at work.")
    updated = max((e.model.date for e in entries), default=datetime.date(2000, 1, 1))
    feed.add("updated", day_start(updated))
    feed.add("link", rel="self", type="application/atom+xml", href=posixpath.basename(urls.stories_feed()))
    feed.add("link", rel="alternate", type="text/html", href=library_href)
    feed.add("author").add("name", _clean(site_name))
    feed.add("generator", "competency-hub")
    library = stories.hub.library
    for entry in entries:
        model = entry.model
        item = feed.add("entry")
        item.add("id", feed_id(site_name, f"stories/{entry.slug}"))
        item.add("title", _clean(model.title), type="text")
        item.add("published", day_start(model.date))
        item.add("updated", day_start(model.date))
        item.add("link", rel="alternate", type="text/html", href=href(entry.slug))
        for author_id in model.authors:
            known = library.authors.get(author_id)
            item.add("author").add("name", _clean(known.name if known else author_id))
        for cited in stories.cited(entry):
            item.add("category", term=str(cited.key), label=_clean(f"{cited.capability.title} ({cited.map.model.title})"))
        for pattern in model.patterns:
            if pattern in library.patterns:
                item.add("category", term=f"pattern:{pattern}", label=_clean(library.patterns[pattern].title))
        item.add("summary", _clean(model.summary), type="text")
    return write(feed, INDENTED)


# -- pages ----------------------------------------------------------------------------------------


_NONCES: TwoLoads[tuple[str, bytes], str] = TwoLoads()
"""(slug, the story file's text digest) → `body_nonce`: a rebuild of `serve` unpacks no unchanged body for it."""


def body_nonce(entry: StoryEntry) -> str:
    """The nonce of a story's body markers: a hash of the body itself, so a contributor cannot write
    the marker (the body would have to hold its own hash), and the same commit gives the same page
    (a build is a function of the commit, and a cache can keep an unchanged story's page)."""
    key = (entry.slug, entry.source.text_digest)
    found = _NONCES.get(key) if entry.source.text_digest else None
    if found is None:
        found = hashlib.sha256(f"{entry.slug}\0{entry.source.body}".encode()).hexdigest()[:24]
        if entry.source.text_digest:
            _NONCES.put(key, found)
    return found


class StoryRenderer:
    """Renders the library pages and files into the site, with the site's page renderer."""

    def __init__(self, pages: PageRenderer, views: StoryViews, options: StoryOptions) -> None:
        self.pages = pages
        self.views = views
        """The escaped stories, authors and patterns that templates receive (render/view.py)."""
        self.stories = views.index
        self.options = options
        self.library = self.stories.hub.library
        self.story_paths = {e.rel: e.slug for e in self.stories.published}
        """Story file (relative to the stories folder) → slug, to turn links between files into links between pages."""
        self.template_view = StoriesView(views)
        """What the library's templates see as `stories`."""
        self._shape: bytes | None = None

    def shape(self) -> bytes | None:
        """The digest of what every page of the library is made from beyond the stories it shows: for
        `PageRenderer.render_kept`.

        That is which stories are published, where, when, and what each cites and tags (which lists,
        counts, related stories and links between stories follow from), the authors and patterns
        files, the library's options, and every map (the capabilities and levels stories cite). None
        when a file's text digest is unknown: then no page of the library is kept.
        """
        if self._shape is None:
            published = self.stories.published
            maps = sorted((map_id, entry.source.text_digest) for map_id, entry in self.stories.hub.maps.items())
            if any(not d for _, d in maps) or any(not e.source.text_digest for e in published):
                self._shape = b""
                return None
            self._shape = digest(repr([
                sorted(self.story_paths.items()),
                [(e.slug, e.rel, e.model.date, e.model.capabilities, e.model.patterns) for e in published],
                sorted(self.library.authors.items()),
                sorted(self.library.patterns.items()),
                sorted(self.library.outcomes.items()),
                maps,
                self.options,
            ]))
        return self._shape or None

    def _stamp(self, shown: list[StoryEntry]) -> bytes | None:
        """A library page's stamp: the shape, and the text of each story the page shows, in order."""
        shape = self.shape()
        if shape is None or not all(e.source.text_digest for e in shown):
            return None
        return digest(shape.hex() + "".join(f" {e.slug}={e.source.text_digest.hex()}" for e in shown))

    def _story_page(
        self, entry: StoryEntry, related: list[StoryEntry], nonce: str, stamp: bytes | None, env_globals: dict[str, Any]
    ) -> GeneratedPage:
        def context() -> dict[str, Any]:
            return dict(
                story=self.views.story(entry),
                cited=self.stories.cited(entry),
                related=self.views.stories(related),
                body=self.body(entry),
                body_start=body_marker(nonce),
                body_end=body_marker(nonce, end=True),
                **env_globals,
            )

        return self.pages.render_kept("story.md.j2", urls.story_page(entry.slug), stamp, context)

    def body(self, entry: StoryEntry) -> dict[str, str]:
        """The intro ('') and sections by anchor, with links rebased for the page's location."""
        folder = posixpath.dirname(entry.rel)
        story_paths = self.story_paths
        page = urls.story_page(entry.slug)
        use_directory_urls = self.pages.use_directory_urls

        def raw_href(target: str) -> str:
            return urls.href(page, posixpath.normpath(urls.story_asset(target)), use_directory_urls)

        parts = {}
        if entry.body.intro:
            parts[""] = rebase_links(entry.body.intro.markdown, folder, story_paths, raw_href)
        for anchor, section in entry.sections.items():
            parts[anchor] = rebase_links(section.markdown, folder, story_paths, raw_href)
        return parts

    def _paginated(self, template: str, listed: list[StoryEntry], page_url: Callable[[int], str], **context: Any) -> list[GeneratedPage]:
        """The pages of one list of stories, `per_page` a page, page 1 at the list's own URL."""
        def page(number: int, chunk: list[StoryEntry], pages: int) -> GeneratedPage:
            return self.pages.render_kept(
                template,
                page_url(number),
                self._stamp(chunk),
                lambda: dict(
                    listed=self.views.stories(chunk), total=len(listed), number=number, pages=pages, page_url=page_url, **context
                ),
            )

        return [page(number, chunk, pages) for number, chunk, pages in _paginate(listed, max(1, self.options.per_page))]

    def _renamed_capability_lists(self, map_id: str, capability: Capability, pages: int) -> list[GeneratedPage]:
        """A redirect page at each address the capability's story list had under an id in `renamed_from`.

        Every page of the list redirects to the same page under the new id, so links to the old
        list (and, while the stories stay the same, to its numbered pages) keep working.
        """
        title = f"Stories: {capability.title}"
        redirects = []
        for old in capability.renamed_from:
            for number in range(1, pages + 1):
                tombstone = Tombstone(
                    urls.stories_by_capability(map_id, old, number),
                    "renamed",
                    "list of stories",
                    title,
                    None,
                    [Anchor("top", title)],
                    title,
                    urls.stories_by_capability(map_id, capability.id, number),
                    {"top"},
                )
                redirects.append(self.pages.render_page("tombstone.md.j2", tombstone.src_uri, tombstone=tombstone))
        return redirects

    def render(self, site: RenderedSite) -> None:
        published = self.stories.published
        env_globals = {"stories": self.template_view, "story_sections": STORY_SECTIONS}
        per_page = max(1, self.options.per_page)
        chunks = [published[i : i + per_page] for i in range(0, len(published), per_page)] or [[]]
        maps = sorted(self.stories.hub.maps.values(), key=lambda m: m.model.title.casefold())
        patterns = self.views.patterns()
        use_directory_urls = self.pages.use_directory_urls
        capabilities = sum(len(m.model.capabilities) for m in maps)
        def library_page(number: int, chunk: list[StoryEntry]) -> GeneratedPage:
            return self.pages.render_kept(
                "stories_index.md.j2" if number == 1 else "stories_list.md.j2",
                urls.stories_page(number),
                self._stamp(chunk),
                lambda: dict(
                    page_stories=self.views.stories(chunk),
                    number=number,
                    pages=len(chunks),
                    total=len(published),
                    maps=maps,
                    patterns=patterns,
                    inline_capabilities=capabilities <= self.options.index_max_capabilities,
                    **env_globals,
                ),
            )

        site.pages += [library_page(number, chunk) for number, chunk in enumerate(chunks, start=1)]
        shape_only = self._stamp([])  # the lists by map show counts, no story
        for entry in maps:
            site.pages.append(
                self.pages.render_kept("stories_map.md.j2", urls.stories_by_map(entry.model.id), shape_only, partial(dict, map=entry, **env_globals))
            )
            for capability in entry.model.capabilities:
                listed = self._paginated(
                    "stories_capability.md.j2",
                    self.stories.for_capability(entry.model.id, capability.id),
                    partial(urls.stories_by_capability, entry.model.id, capability.id),
                    map=entry,
                    capability=capability,
                    **env_globals,
                )
                site.pages += listed
                site.pages += self._renamed_capability_lists(entry.model.id, capability, len(listed))
        for pattern in patterns:
            site.pages += self._paginated(
                "stories_pattern.md.j2",
                self.stories.by_pattern.get(pattern.id, []),
                partial(urls.stories_by_pattern, pattern.id),
                pattern=pattern,
                **env_globals,
            )
        nonces = {urls.story_page(e.slug): body_nonce(e) for e in published}
        for entry in published:
            page = self.pages.earlier_page(urls.story_page(entry.slug))  # then no related stories to find
            if page is None:
                related = self.stories.related(entry)
                nonce = nonces[urls.story_page(entry.slug)]
                page = self._story_page(entry, related, nonce, self._stamp([entry] + related), env_globals)
            site.pages.append(page)
        used = self.used_assets()
        for rel in sorted(used):
            asset = self.library.assets[rel]
            site.files.append(GeneratedFile(urls.story_asset(rel), abs_path=asset.path))

        def href(slug: str) -> str:
            return urls.href(urls.stories_index(), urls.story_page(slug), use_directory_urls)

        feed = atom_feed(
            self.stories,
            published[: self.options.feed_limit],
            site_name=self.pages.site_name,
            site_url=self.options.site_url,
            href=href,
            library_href=urls.href(urls.stories_index(), urls.stories_index(), use_directory_urls),
        )
        site.files.append(GeneratedFile(urls.stories_feed(), content=feed))
        payload = _LAST_FINDER.get("finder") if self.pages.earlier is not None else None
        if payload is None:
            payload = finder_payload(
                (finder_story(self.stories, e) for e in published),
                href("{slug}"),
                posixpath.basename(urls.stories_finder_text(0)).replace("0", "{n}"),
            )
            if self.pages.keep:
                _LAST_FINDER.put("finder", payload)

        def publish(src_uri: str, content: bytes) -> None:
            site.files.append(GeneratedFile(src_uri, content=content))
            if self.options.data_scripts:  # the file-share copy: the finder reads them as scripts
                key = f"stories/{posixpath.basename(src_uri)}"
                site.files.append(GeneratedFile(src_uri.removesuffix(".json") + ".js", content=data_script(key, json.loads(content))))

        publish(urls.stories_finder_facets(), payload.facets)
        for n, text in enumerate(payload.texts):
            publish(urls.stories_finder_text(n), text)
        publish(urls.stories_finder_index(), payload.index)
        site.stories = StoryOutput(
            pages={urls.story_page(e.slug): e.source.path for e in published},
            nonces=nonces,
            images={urls.story_asset(rel) for rel in used},
            latest_markdown=self.latest_markdown,
        )

    def latest_markdown(self, from_src: str, *, limit: int, map_id: str | None, capability: str | None, pattern: str | None) -> str:
        """The list a `<!-- hub:latest-stories … -->` marker stands for, on the page `from_src`."""
        listed = self.stories.latest(map_id=map_id, capability=capability, pattern=pattern)[:limit]
        if capability:
            more = urls.stories_by_capability(*capability.split("/", 1))
        elif pattern:
            more = urls.stories_by_pattern(pattern)
        else:
            more = urls.stories_index()
        return self.pages.render_markdown(
            "stories_latest.md.j2", from_src, listed=self.views.stories(listed), more=more, stories=self.template_view
        )

    def used_assets(self) -> set[str]:
        """Images that published stories show: only those are copied into the site."""
        return images_shown(self.stories.published, self.library)



__all__ = ["StoryIndex", "StoryOptions", "StoryOutput", "StoryRenderer", "atom_feed", "finder_payload", "md_text"]
