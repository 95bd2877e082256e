"""The story library in a real `mkdocs build --strict` of the small hub with the story overlay.

Checks the URL scheme, the library (paginated, newest first, every story reachable by links),
story pages, capability backlinks, the Atom feed, the finder's files, the latest-stories marker,
and that a draft appears nowhere in the built site.
"""

from __future__ import annotations

import datetime
import gzip
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from serving import mkdocs_serve, wait_for
from competency_hub import packaged
from hub import (
    PUBLISHED,
    STORIES,
    STORIES_OVERLAY,
    BuildResult,
    broken_links,
    build,
    content,
    copy_story_hub,
    duplicate_ids,
    edit,
    html_path,
    page,
    resolve_href,
    searched_pages,
)

ATOM = "{http://www.w3.org/2005/Atom}"
DRAFT_MARKER = "DRAFT-MARKER-7f3a"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def targets(site: Path, url: str, element) -> list[Path]:  # type: ignore[no-untyped-def]
    found = []
    for link in element.find_all("a", href=True):
        resolved = resolve_href(site, html_path(site, url), link["href"])
        if resolved is not None:
            found.append(resolved[0])
    return found


def story_file(site: Path, slug: str) -> Path:
    return site / "stories" / slug / "index.html"


def listed_slugs(element) -> list[str]:  # type: ignore[no-untyped-def]
    return [li["data-hub-story"] for li in element.select("[data-hub-story-list] > li[data-hub-story]")]


def paged_slugs(site: Path, url: str) -> tuple[list[str], list[str]]:
    """The stories listed on a paginated list and its later pages, following the *Older* links; and the
    pages' URLs. Every page must link back to the one before it."""
    slugs: list[str] = []
    visited: list[str] = []
    while url:
        assert url not in visited, f"pagination loops back to {url}"
        visited.append(url)
        soup = content(page(site, url))
        slugs += listed_slugs(soup)
        pagination = soup.select_one("[data-hub-pagination]")
        older = pagination.select_one('a[data-hub-page="next"]') if pagination else None
        if len(visited) > 1:
            newer = pagination.select_one('a[data-hub-page="previous"]')
            back = resolve_href(site, html_path(site, url), newer["href"])
            assert back is not None and back[0] == html_path(site, visited[-2]), url
        if older is None:
            break
        target = resolve_href(site, html_path(site, url), older["href"])
        assert target is not None
        url = target[0].parent.relative_to(site).as_posix() + "/"
    return slugs, visited


# -- URLs and files ----------------------------------------------------------------------------------


def test_fixture_has_a_draft_and_published_stories() -> None:
    assert len(PUBLISHED) == 4
    assert "draft-secret-plan" in STORIES and "draft-secret-plan" not in PUBLISHED


@pytest.mark.build
@pytest.mark.parametrize(
    "rel",
    [
        "stories/index.html",
        "stories/page/2/index.html",
        "stories/feed.xml",
        "stories/finder-facets.json",
        "stories/finder-index.json",
        "stories/finder-text-0.json",
        "stories/capabilities/support/triage/index.html",
        "stories/capabilities/support/replies/index.html",
        "stories/capabilities/billing/refunds/index.html",
        "stories/patterns/manager-involvement/index.html",
        "stories/patterns/unclear-levels/index.html",
        "stories/images/queue-board.png",
        "assets/competency-hub/stories-finder.js",
        "assets/competency-hub/vendor/lunr.min.js",
    ]
    + [f"stories/{slug}/index.html" for slug in PUBLISHED],
)
def test_story_url_scheme(story_site: Path, rel: str) -> None:
    assert (story_site / rel).is_file()


@pytest.mark.build
def test_only_images_that_stories_show_are_published(story_site: Path) -> None:
    published = sorted(p.relative_to(story_site).as_posix() for p in (story_site / "stories").rglob("*.png"))
    assert published == ["stories/images/queue-board.png"]
    assert (story_site / "stories/images/queue-board.png").read_bytes() == (
        STORIES_OVERLAY / "stories/images/queue-board.png"
    ).read_bytes()


@pytest.mark.build
def test_side_files_and_sources_are_not_published(story_site: Path) -> None:
    for rel in ("stories/authors.yml", "stories/patterns.yml", "stories/weekend-triage-rota.md", "stories/2025"):
        assert not (story_site / rel).exists(), rel


@pytest.mark.build
def test_story_build_reports_nothing(story_build: BuildResult) -> None:
    assert "WARNING" not in story_build.output
    assert "ERROR" not in story_build.output


@pytest.mark.build
def test_no_broken_links_or_duplicate_ids(story_site: Path) -> None:
    assert broken_links(story_site) == []
    assert duplicate_ids(story_site) == []


# -- drafts ----------------------------------------------------------------------------------------


@pytest.mark.build
def test_a_draft_appears_nowhere_in_the_site(story_site: Path) -> None:
    """Pages, library, search index, finder index, feed, sitemap: no file mentions the draft."""
    mentions = []
    for path in story_site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":  # sitemap.xml.gz, and Pagefind's index files
                data = gzip.decompress(data)
            if DRAFT_MARKER.encode() in data or b"draft-secret-plan" in data:
                mentions.append(path.relative_to(story_site).as_posix())
    assert mentions == []
    assert not (story_site / "stories" / "draft-secret-plan").exists()
    checked = {p.relative_to(story_site).as_posix() for p in story_site.rglob("*") if p.is_file()}
    assert {
        "sitemap.xml",
        "search/titles.json",
        "pagefind/pagefind-entry.json",
        "stories/feed.xml",
        "stories/finder-index.json",
        "stories/finder-facets.json",
        "stories/finder-text-0.json",
    } <= checked


@pytest.mark.build
def test_the_draft_marker_check_can_fail(tmp_path: Path) -> None:
    """Publishing the draft makes its marker show up: the search above would see it."""
    root = copy_story_hub(tmp_path)
    edit(root, "stories/draft-secret-plan.md", "draft: true", "draft: false")
    result = build(root)
    assert result.returncode == 0, result.output
    assert DRAFT_MARKER in (result.site / "stories/feed.xml").read_text(encoding="utf-8")
    assert (result.site / "stories/draft-secret-plan/index.html").is_file()


# -- the library -------------------------------------------------------------------------------------


@pytest.mark.build
def test_library_lists_the_newest_stories_with_pagination(story_site: Path) -> None:
    soup = content(page(story_site, "stories/"))
    static = soup.select_one("[data-hub-story-static]")
    assert listed_slugs(static) == PUBLISHED[:2]  # stories_per_page: 2
    pagination = static.select_one("[data-hub-pagination]")
    older = pagination.select_one('a[data-hub-page="next"]')
    assert targets(story_site, "stories/", older.parent)[-1] == story_site / "stories/page/2/index.html"
    second = content(page(story_site, "stories/page/2/"))
    assert listed_slugs(second) == PUBLISHED[2:4]
    assert second.select_one('a[data-hub-page="previous"]') is not None
    assert second.select_one('a[data-hub-page="next"]') is None


@pytest.mark.build
def test_every_published_story_is_reachable_by_links_from_the_library(story_site: Path) -> None:
    seen: set[Path] = set()
    queue = [story_site / "stories" / "index.html"]
    while queue:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        soup = page(story_site, current.relative_to(story_site).as_posix())
        for target in targets(story_site, current.relative_to(story_site).as_posix(), content(soup)):
            if target.suffix == ".html" and target.is_relative_to(story_site / "stories"):
                queue.append(target)
    for slug in PUBLISHED:
        assert story_file(story_site, slug) in seen, slug


@pytest.mark.build
def test_library_has_the_finder_mount_and_the_feed(story_site: Path) -> None:
    soup = page(story_site, "stories/")
    mount = content(soup).select_one("[data-hub-finder]")
    assert mount.has_attr("hidden")  # shown by the script; without JavaScript the list is what readers get
    assert (story_site / "stories" / mount["data-hub-finder-facets"]).is_file()
    assert (story_site / "stories" / mount["data-hub-finder-index"]).is_file()
    feed_links = soup.select('head link[type="application/atom+xml"]')
    assert [link["rel"] for link in feed_links] == [["alternate", "feed"]]
    assert len(feed_links) == 1 and (story_site / "stories" / feed_links[0]["href"]).is_file()
    visible = content(soup).select_one("a[data-hub-feed]")
    assert targets(story_site, "stories/", visible.parent)[-1] == story_site / "stories/feed.xml"


@pytest.mark.build
def test_library_is_in_the_navigation_but_stories_are_not(story_site: Path) -> None:
    nav = page(story_site, "").select_one("nav.md-nav--primary")
    hrefs = [a["href"] for a in nav.find_all("a", href=True)]
    assert any(href.rstrip("/").endswith("stories") for href in hrefs)
    for slug in PUBLISHED:
        assert not any(slug in href for href in hrefs), slug


@pytest.mark.build
@pytest.mark.parametrize(
    ("map_id", "capability_id"), [("support", "triage"), ("support", "replies"), ("billing", "refunds")]
)
def test_page_per_capability_lists_exactly_the_stories_that_cite_it(story_site: Path, map_id: str, capability_id: str) -> None:
    ref = f"{map_id}/{capability_id}"
    expected = [s for s in PUBLISHED if any(c["capability"] == ref for c in STORIES[s]["capabilities"])]
    url = f"stories/capabilities/{map_id}/{capability_id}/"
    soup = content(page(story_site, url))
    slugs, pages = paged_slugs(story_site, url)
    assert slugs == expected  # every story once, newest first, over all the pages
    assert pages == [url] + [f"{url}page/{n}/" for n in range(2, len(pages) + 1)]
    assert len(pages) == max(1, -(-len(expected) // 2))  # stories_per_page: 2
    assert story_site / "maps" / map_id / capability_id / "index.html" in targets(story_site, url, soup)
    assert story_site / "stories" / "maps" / map_id / "index.html" in targets(story_site, url, soup)


@pytest.mark.build
@pytest.mark.parametrize("pattern", ["manager-involvement", "authentic-evidence", "unclear-levels"])
def test_page_per_pattern_lists_exactly_the_stories_that_show_it(story_site: Path, pattern: str) -> None:
    expected = [s for s in PUBLISHED if pattern in STORIES[s].get("patterns", [])]
    url = f"stories/patterns/{pattern}/"
    slugs, pages = paged_slugs(story_site, url)
    assert slugs == expected  # every story once, newest first, over all the pages
    assert pages == [url] + [f"{url}page/{n}/" for n in range(2, len(pages) + 1)]
    assert len(pages) == max(1, -(-len(expected) // 2))  # stories_per_page: 2
    if len(pages) > 1:
        title = content(page(story_site, pages[-1])).select_one("h1").get_text()
        assert f"page {len(pages)} of {len(pages)}" in title


@pytest.mark.build
def test_lists_per_capability_and_per_pattern_are_paginated(tmp_path: Path) -> None:
    """With one story a page, the *Older* links of every capability and pattern list reach each of its stories once."""
    root = copy_story_hub(tmp_path)
    edit(root, "mkdocs.yml", "stories_per_page: 2", "stories_per_page: 1")
    result = build(root)
    assert result.returncode == 0, result.output
    site = result.site
    lists = {f"stories/patterns/{p}/": [s for s in PUBLISHED if p in STORIES[s].get("patterns", [])] for p in ("manager-involvement", "authentic-evidence", "unclear-levels")}
    for ref in ("support/triage", "support/replies", "billing/refunds"):
        lists[f"stories/capabilities/{ref}/"] = [s for s in PUBLISHED if any(c["capability"] == ref for c in STORIES[s]["capabilities"])]
    assert max(len(expected) for expected in lists.values()) >= 2  # some list must span pages
    for url, expected in lists.items():
        slugs, pages = paged_slugs(site, url)
        assert slugs == expected, url
        assert pages == [url] + [f"{url}page/{n}/" for n in range(2, len(expected) + 1)], url
        for later in pages[1:]:
            soup = page(site, later)
            assert f"page {pages.index(later) + 1} of {len(pages)}" in content(soup).select_one("h1").get_text()
            assert soup.select_one('a[aria-current="page"], [aria-current="page"]') is not None
    assert not any("/page/" in url for url in searched_pages(site))  # later pages stay out of search
    assert broken_links(site, sorted((site / "stories").rglob("index.html"))) == []


@pytest.mark.build
@pytest.mark.parametrize("map_id", ["support", "billing"])
def test_page_per_map_lists_its_capabilities_with_their_story_counts(story_site: Path, map_id: str) -> None:
    url = f"stories/maps/{map_id}/"
    soup = content(page(story_site, url))
    links = soup.select("a[data-hub-capability]")
    capabilities = yaml.safe_load((STORIES_OVERLAY.parent / "small-hub" / "maps" / f"{map_id}.yml").read_text(encoding="utf-8"))["capabilities"]
    assert [a["data-hub-capability"] for a in links] == [f"{map_id}/{c['id']}" for c in capabilities]
    for link in links:
        ref = link["data-hub-capability"]
        cited = sum(any(c["capability"] == ref for c in STORIES[s]["capabilities"]) for s in PUBLISHED)
        assert link.parent.get_text().strip().endswith(f"({cited})"), ref
        target = resolve_href(story_site, html_path(story_site, url), link["href"])
        assert target is not None and target[0] == story_site / "stories" / "capabilities" / ref / "index.html"


@pytest.mark.build
def test_library_lists_capabilities_under_their_maps_in_a_small_hub(story_site: Path) -> None:
    soup = content(page(story_site, "stories/"))
    heading = soup.select_one("#by-capability")
    section = []
    for element in heading.find_next_siblings():
        if element.name == "h2":
            break
        section.append(element)
    found = [t for element in section for t in targets(story_site, "stories/", element)]
    assert story_site / "stories/maps/support/index.html" in found
    assert story_site / "stories/capabilities/support/triage/index.html" in found


@pytest.mark.build
def test_library_lists_only_maps_above_the_capability_threshold(tmp_path: Path) -> None:
    root = copy_story_hub(tmp_path)
    edit(root, "mkdocs.yml", "stories_per_page: 2", "stories_per_page: 2\n      stories_index_max_capabilities: 1")
    result = build(root)
    assert result.returncode == 0, result.output
    soup = content(page(result.site, "stories/"))
    assert soup.select_one("h2#by-capability") is not None
    maps = soup.select("a[data-hub-map]")
    assert sorted(a["data-hub-map"] for a in maps) == ["billing", "support"]
    for link in maps:
        target = resolve_href(result.site, html_path(result.site, "stories/"), link["href"])
        assert target is not None and target[0] == result.site / "stories" / "maps" / link["data-hub-map"] / "index.html"
    assert not any("stories/capabilities/" in p.as_posix() for p in targets(result.site, "stories/", soup))
    assert broken_links(result.site, sorted((result.site / "stories").rglob("index.html"))) == []


@pytest.fixture(scope="module")
def material_story_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The story hub with `search: material`: Material's own index, which served hubs can still choose."""
    root = copy_story_hub(tmp_path_factory.mktemp("material-search"))
    edit(root, "mkdocs.yml", "  - competency-hub:", "  - competency-hub:\n      search: material")
    result = build(root)
    assert result.returncode == 0, result.output
    return result.site


@pytest.mark.build
def test_header_search_indexes_stories_whole_but_not_lists_of_stories(story_site: Path) -> None:
    """Pagefind fetches only what a query needs, so a story is searched by every word of its body;
    pages and parts that only list other pages stay out, as with Material's search."""
    searched = searched_pages(story_site)
    assert "stories/weekend-triage-rota/" in searched and "stories/" in searched
    assert not any(url.startswith(("stories/page/", "stories/capabilities/", "stories/patterns/", "stories/maps/")) for url in searched)
    body = content(page(story_site, "stories/weekend-triage-rota/"))
    happened = body.find(id="what-happened").find_next("p").get_text(" ")
    assert " ".join(happened.split()) in searched["stories/weekend-triage-rota/"]
    related = body.find(id="related").find_next("ul").find("a").get_text(" ").strip()
    assert related and related not in searched["stories/weekend-triage-rota/"]


@pytest.mark.build
def test_listing_pages_are_left_out_of_site_search(material_story_site: Path) -> None:
    index = json.loads((material_story_site / "search/search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "stories/weekend-triage-rota/" in locations
    assert "stories/" in locations
    assert not any(loc.startswith(("stories/page/", "stories/capabilities/", "stories/patterns/", "stories/maps/")) for loc in locations)


@pytest.mark.build
def test_site_search_finds_a_story_by_its_title_and_summary_but_not_its_body(material_story_site: Path) -> None:
    """The body stays out of Material's index so a first search does not grow with 10,000 stories."""
    index = json.loads((material_story_site / "search/search_index.json").read_text(encoding="utf-8"))
    story_docs = [doc for doc in index["docs"] if doc["location"].startswith("stories/weekend-triage-rota/")]
    indexed = " ".join(doc["title"] + " " + doc["text"] for doc in story_docs)
    assert "A weekend triage rota with a lead on call" in indexed
    assert "tickets got tagged within hours" in indexed
    assert {doc["location"].partition("#")[2] for doc in story_docs} <= {"", "top", "at-a-glance"}
    body = content(page(material_story_site, "stories/weekend-triage-rota/"))
    assert body.find(id="what-happened") is not None and body.find(id="related") is not None
    assert "data-search-exclude" not in str(body), "Material removes the marks once it has indexed the page"


@pytest.mark.build
def test_site_search_leaves_out_lists_of_stories_and_learner_controls(material_story_site: Path) -> None:
    index = json.loads((material_story_site / "search/search_index.json").read_text(encoding="utf-8"))
    anchors = {doc["location"].partition("#")[2] for doc in index["docs"] if doc["location"].startswith(("maps/", "challenges/", "stories/"))}
    assert not anchors & {"stories", "related", "mark-done", "self-assessment"}
    assert {"why-it-matters", "behaviours", "steps", "check-in"} <= anchors


# -- a story page ----------------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("slug", PUBLISHED)
def test_story_page_links_every_capability_and_level_it_cites(story_site: Path, slug: str) -> None:
    url = f"stories/{slug}/"
    soup = content(page(story_site, url))
    data = STORIES[slug]
    assert soup.find("h1").get_text(strip=True).startswith(data["title"])
    for cited in data["capabilities"]:
        map_id, capability_id = cited["capability"].split("/")
        link = soup.select_one(f'a[data-hub-capability="{cited["capability"]}"]')
        assert resolve_href(story_site, html_path(story_site, url), link["href"])[0] == (
            story_site / "maps" / map_id / capability_id / "index.html"
        )
        level = link.find_next_sibling("a", attrs={"data-hub-level": cited["level"]})
        target, fragment = resolve_href(story_site, html_path(story_site, url), level["href"])
        assert target == story_site / "maps" / map_id / capability_id / "index.html"
        assert fragment == f"level-{cited['level']}"
    for anchor in ("what-happened", "what-worked", "what-stalled", "lessons", "related", "top"):
        assert soup.find(id=anchor) is not None, anchor
    assert data["summary"] in soup.get_text(" ")


@pytest.mark.build
def test_story_page_shows_authors_context_outcomes_and_patterns(story_site: Path) -> None:
    url = "stories/weekend-triage-rota/"
    soup = content(page(story_site, url))
    facts = soup.select_one('[data-hub-story="weekend-triage-rota"]').get_text(" ")
    assert "10 March 2026" in facts and "Sam Okafor" in facts and "Support lead" in facts and "Tier 1 support" in facts
    table = soup.find(id="outcomes").find_next("table")
    cells = [td.get_text(" ", strip=True) for td in table.find("tbody").find_all("td")]
    assert cells[:4] == ["Median time to first tag", "Cycle time", "9 hours", "2.5 hours"]
    patterns = [a["data-hub-pattern"] for a in soup.select("a[data-hub-pattern]")]
    assert patterns == ["manager-involvement", "authentic-evidence"]
    for link in soup.select("a[data-hub-pattern]"):
        assert targets(story_site, url, link.parent)[0] == story_site / "stories/patterns" / link["data-hub-pattern"] / "index.html"
    assert "Intro before the first section." in soup.get_text(" ")


@pytest.mark.build
def test_related_stories_share_a_capability_or_a_pattern(story_site: Path) -> None:
    for slug in PUBLISHED:
        soup = content(page(story_site, f"stories/{slug}/"))
        heading = soup.find(id="related")
        section = heading.find_next_sibling()
        assert section.name == "div" and "hub-related" in section["class"], slug
        related = listed_slugs(section) if section.find("ul") else []
        mine = {c["capability"] for c in STORIES[slug]["capabilities"]} | set(STORIES[slug].get("patterns", []))
        assert slug not in related
        for other in related:
            theirs = {c["capability"] for c in STORIES[other]["capabilities"]} | set(STORIES[other].get("patterns", []))
            assert mine & theirs, (slug, other)
        expected_any = [o for o in PUBLISHED if o != slug and mine & ({c["capability"] for c in STORIES[o]["capabilities"]} | set(STORIES[o].get("patterns", [])))]
        assert sorted(related) == sorted(expected_any)  # few stories: every one that shares something


@pytest.mark.build
def test_story_in_a_sub_folder_keeps_its_links_and_images(story_site: Path) -> None:
    url = "stories/partial-refunds/"
    soup = content(page(story_site, url))
    image = soup.find("img", alt="Board")
    assert resolve_href(story_site, html_path(story_site, url), image["src"])[0] == story_site / "stories/images/queue-board.png"
    assert story_file(story_site, "refund-checklist-pilot") in targets(story_site, url, soup)
    markdown_image = content(page(story_site, "stories/macro-library-stalled/")).find("img", alt="The queue board")
    assert resolve_href(story_site, html_path(story_site, "stories/macro-library-stalled/"), markdown_image["src"])[0] == (
        story_site / "stories/images/queue-board.png"
    )


# -- capability pages --------------------------------------------------------------------------------


@pytest.mark.build
def test_capability_page_lists_its_stories_newest_first_with_a_link_to_all(story_site: Path) -> None:
    url = "maps/support/triage/"
    section = content(page(story_site, url)).select_one('.hub-capability-stories[data-hub-capability="support/triage"]')
    shown = [a["data-hub-story"] for a in section.select("a[data-hub-story]")]
    citing = [s for s in PUBLISHED if any(c["capability"] == "support/triage" for c in STORIES[s]["capabilities"])]
    assert shown == citing[:1]  # stories_on_capability_page: 1
    more = section.select_one("a[data-hub-more-stories]")
    assert f"All {len(citing)} stories" in more.get_text()
    assert targets(story_site, url, more.parent) == [story_site / "stories/capabilities/support/triage/index.html"]


@pytest.mark.build
def test_capability_pages_without_a_story_library_have_no_stories_section(site: Path) -> None:
    assert content(page(site, "maps/support/triage/")).find(id="stories") is None


# -- the feed ----------------------------------------------------------------------------------------


@pytest.mark.build
def test_feed_is_valid_atom_newest_first_without_drafts(story_site: Path) -> None:
    feed = ET.parse(story_site / "stories/feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None and feed.find(f"{ATOM}{name}").text
    assert RFC3339.match(feed.find(f"{ATOM}updated").text)
    assert feed.find(f"{ATOM}author/{ATOM}name").text  # so entries need no author of their own
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(PUBLISHED)
    ids = []
    feed_url = "stories/feed.xml"
    for entry, slug in zip(entries, PUBLISHED, strict=True):
        for name in ("id", "title", "updated", "summary"):
            assert entry.find(f"{ATOM}{name}") is not None, name
        assert RFC3339.match(entry.find(f"{ATOM}updated").text)
        assert entry.find(f"{ATOM}updated").text.startswith(STORIES[slug]["date"].isoformat())
        assert entry.find(f"{ATOM}title").text == STORIES[slug]["title"]
        link = entry.find(f'{ATOM}link[@rel="alternate"]')
        target = posixpath.normpath(posixpath.join(posixpath.dirname(feed_url), link.get("href")))
        assert (story_site / target / "index.html") == story_file(story_site, slug)
        ids.append(entry.find(f"{ATOM}id").text)
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    dates = [e.find(f"{ATOM}updated").text for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.find(f"{ATOM}updated").text == dates[0]


@pytest.mark.build
def test_feed_ids_are_stable_and_links_absolute_with_site_url(tmp_path: Path, story_site: Path) -> None:
    root = copy_story_hub(tmp_path)
    edit(root, "mkdocs.yml", "site_name: Test hub\n", "site_name: Test hub\nsite_url: https://learning.example.org/hub/\n")
    result = build(root)
    assert result.returncode == 0, result.output
    with_url = ET.parse(result.site / "stories/feed.xml").getroot()
    without = ET.parse(story_site / "stories/feed.xml").getroot()
    assert with_url.get("{http://www.w3.org/XML/1998/namespace}base") == "https://learning.example.org/hub/stories/"
    assert [e.text for e in with_url.iter(f"{ATOM}id")] == [e.text for e in without.iter(f"{ATOM}id")]


# -- the finder's files ------------------------------------------------------------------------------


@pytest.mark.build
def test_every_page_loads_the_finder_as_a_module(story_site: Path) -> None:
    """Like the learner tools' main.js, once per page: Material's instant navigation keeps it running."""
    for url in ["", "news/", "stories/", "stories/capabilities/support/triage/", "maps/support/triage/"]:
        scripts = page(story_site, url).select("script[src]")
        finder = [s for s in scripts if s["src"].endswith("assets/competency-hub/stories-finder.js")]
        assert len(finder) == 1 and finder[0].get("type") == "module", url
    assert (story_site / "assets/competency-hub/learner/dom.js").is_file()


def test_the_finder_imports_only_what_is_published_with_it() -> None:
    """Every module the finder imports is in FINDER_IMPORTS, published with it even without the learner tools."""
    finder = packaged.FINDER_SCRIPT
    imported = re.findall(r'^import .* from "(\.[^"]+)";$', finder.source.read_text(encoding="utf-8"), re.M)
    assert imported == ["./learner/dom.js"]
    published = {posixpath.normpath(posixpath.join(posixpath.dirname(finder.src_uri), rel)) for rel in imported}
    assert published == {file.src_uri for file in packaged.FINDER_IMPORTS}
    assert all(file.source.is_file() for file in packaged.FINDER_IMPORTS)
    assert set(packaged.FINDER_IMPORTS) <= set(packaged.site_files(learner=False, stories=True))


@pytest.mark.build
def test_finder_facet_table_holds_published_stories_and_no_bodies(story_site: Path) -> None:
    table = json.loads((story_site / "stories/finder-facets.json").read_text(encoding="utf-8"))
    assert [row[0] for row in table["stories"]] == PUBLISHED
    facets = {facet["key"]: facet for facet in table["facets"]}
    assert list(facets) == ["map", "capability", "level", "team", "function", "outcome", "pattern", "year"]
    capability = list(facets).index("capability")
    for row in table["stories"]:
        cited = {facets["capability"]["values"][i] for i in row[2][capability]}
        assert cited == {c["capability"] for c in STORIES[row[0]]["capabilities"]}
        assert row[1] == STORIES[row[0]]["date"].isoformat()
    assert table["href"].replace("{slug}", PUBLISHED[0]) == f"{PUBLISHED[0]}/"
    # titles and summaries come in files of `chunk` stories, in the same order
    texts = []
    for n in range(-(-len(PUBLISHED) // table["chunk"])):
        path = story_site / "stories" / table["text"].replace("{n}", str(n))
        texts += json.loads(path.read_text(encoding="utf-8"))
    assert texts == [[STORIES[s]["title"], " ".join(STORIES[s]["summary"].split())] for s in PUBLISHED]
    for path in (story_site / "stories").glob("finder-*.json"):
        assert "We set up a rota" not in path.read_text(encoding="utf-8"), path  # bodies stay out


@pytest.mark.build
def test_finder_search_index_is_a_lunr_index_of_titles_and_summaries(story_site: Path) -> None:
    from lunr.index import Index

    data = json.loads((story_site / "stories/finder-index.json").read_text(encoding="utf-8"))
    assert data["version"] == "2.3.9"  # the vendored lunr.min.js
    assert data["fields"] == ["title", "summary"]
    index = Index.load(data)
    hits = index.search("rota")
    assert [PUBLISHED[int(hit["ref"])] for hit in hits] == ["weekend-triage-rota"]
    header = (story_site / "assets/competency-hub/vendor/lunr.min.js").read_text(encoding="utf-8")[:200]
    assert "2.3.9" in header and "@license MIT" in header


# -- the latest-stories marker -----------------------------------------------------------------------


@pytest.mark.build
def test_latest_stories_marker_lists_the_newest_stories(story_site: Path) -> None:
    url = "news/"
    soup = content(page(story_site, url))
    lists = soup.select("[data-hub-latest-stories]")
    assert len(lists) == 2
    assert listed_slugs(lists[0]) == PUBLISHED[:2]
    triage = [s for s in PUBLISHED if any(c["capability"] == "support/triage" for c in STORIES[s]["capabilities"])]
    assert listed_slugs(lists[1]) == triage
    for element in lists:
        for target in targets(story_site, url, element):
            assert target.is_file()
    more = lists[1].select_one("a[data-hub-more-stories]")
    assert targets(story_site, url, more.parent) == [story_site / "stories/capabilities/support/triage/index.html"]
    assert "&lt;!-- hub:latest-stories limit=5 --&gt;" in str(soup.find("code"))  # code is left alone


@pytest.mark.build
def test_latest_stories_marker_in_a_challenge_body(tmp_path: Path) -> None:
    root = copy_story_hub(tmp_path)
    edit(root, "challenges/tag-ten-tickets.md", "## Why it matters\n", "## Why it matters\n\n<!-- hub:latest-stories map=billing limit=1 -->\n")
    result = build(root)
    assert result.returncode == 0, result.output
    soup = content(page(result.site, "challenges/tag-ten-tickets/"))
    billing = [s for s in PUBLISHED if any(c["capability"].startswith("billing/") for c in STORIES[s]["capabilities"])]
    assert listed_slugs(soup.select_one("[data-hub-latest-stories]")) == billing[:1]
    assert broken_links(result.site, [html_path(result.site, "challenges/tag-ten-tickets/")]) == []


@pytest.mark.build
def test_marker_error_stops_the_build_with_its_location(tmp_path: Path) -> None:
    root = copy_story_hub(tmp_path)
    edit(root, "docs/news.md", "limit=2", "limt=2")
    result = build(root, strict=False)
    assert result.returncode != 0
    assert "docs/news.md:5:25: error: HUB704 unknown marker option 'limt' (did you mean 'limit'?)" in result.output


def test_story_dates_are_not_in_the_future_of_the_fixture() -> None:
    assert max(data["date"] for data in STORIES.values()) <= datetime.date.today()


@pytest.mark.build
def test_library_works_with_html_addresses(tmp_path: Path) -> None:
    """With `use_directory_urls: false` (a hub read from a file share) every link still resolves."""
    root = copy_story_hub(tmp_path)
    edit(root, "mkdocs.yml", "site_name: Test hub\n", "site_name: Test hub\nuse_directory_urls: false\n")
    result = build(root)
    assert result.returncode == 0, result.output
    site = result.site
    assert broken_links(site) == []
    assert (site / "stories/weekend-triage-rota.html").is_file()
    table = json.loads((site / "stories/finder-facets.json").read_text(encoding="utf-8"))
    assert table["href"] == "{slug}.html"
    feed = ET.parse(site / "stories/feed.xml").getroot()
    hrefs = [link.get("href") for link in feed.iter(f"{ATOM}link") if link.get("rel") == "alternate"]
    assert hrefs[0] == "index.html" and all((site / "stories" / href).is_file() for href in hrefs)
    image = content(page(site, "stories/partial-refunds.html")).find("img", alt="Board")
    assert resolve_href(site, site / "stories/partial-refunds.html", image["src"])[0] == site / "stories/images/queue-board.png"


@pytest.mark.build
def test_home_page_shows_the_newest_stories(story_site: Path, site: Path) -> None:
    soup = content(page(story_site, ""))
    heading = soup.find(id="stories")
    assert listed_slugs(heading.parent)[:3] == PUBLISHED[:3]
    assert story_site / "stories/index.html" in targets(story_site, "", heading.find_next("p"))
    assert content(page(site, "")).find(id="stories") is None  # no story library, no section


@pytest.mark.build
def test_serve_rebuilds_when_a_story_changes(tmp_path: Path) -> None:
    root = copy_story_hub(tmp_path)
    with mkdocs_serve(root) as base:
        url = f"{base}/stories/weekend-triage-rota/"
        assert wait_for(url, "A weekend triage rota"), "the served site never came up"
        story = root / "stories" / "weekend-triage-rota.md"
        story.write_text(story.read_text(encoding="utf-8").replace("A weekend triage rota", "A holiday triage rota"), encoding="utf-8")
        assert wait_for(url, "A holiday triage rota"), "editing stories/ did not trigger a rebuild"
