"""The URL scheme, in one place: where every generated page lives, and links between them.

Pages link to each other with relative `.md` paths, which MkDocs checks and rewrites. Raw HTML
that MkDocs does not rewrite (the capability graph's SVG) uses `href()` instead.
"""

from __future__ import annotations

import posixpath


def home() -> str:
    return "index.md"


def maps_index() -> str:
    return "maps/index.md"


def map_page(map_id: str) -> str:
    return f"maps/{map_id}/index.md"


def capability_page(map_id: str, capability_id: str) -> str:
    return f"maps/{map_id}/{capability_id}.md"


def rubric_page(map_id: str) -> str:
    return f"maps/{map_id}/rubric.md"


def change_feed(map_id: str) -> str:
    """The Atom feed of a map's change log."""
    return f"maps/{map_id}/changes.xml"


def paths_index() -> str:
    return "paths/index.md"


def path_page(path_id: str) -> str:
    return f"paths/{path_id}.md"


def challenges_index() -> str:
    return "challenges/index.md"


def challenges_by_map(map_id: str) -> str:
    """One map's challenges, when the hub has too many for /challenges/ to list them all.

    The folder `by-map` is reserved: validate/structure.py rejects it as a challenge id or download folder.
    """
    return f"challenges/by-map/{map_id}.md"


def challenge_page(challenge_id: str) -> str:
    return f"challenges/{challenge_id}.md"


def challenge_asset(rel: str) -> str:
    return f"challenges/{rel}"


def schema_file(kind: str) -> str:
    return f"schemas/{kind}.schema.json"


def progress_page() -> str:
    return "progress.md"


def review_page() -> str:
    return "review.md"


def plan_page() -> str:
    return "plan.md"


def learner_asset(rel: str) -> str:
    """The learner tools' scripts, styles and data (not part of the URL promise: they may move)."""
    return f"assets/competency-hub/{rel}"


def relative(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """A relative link between two source paths, as written in generated Markdown."""
    target = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{target}#{anchor}" if anchor else target


def page_url(src: str, use_directory_urls: bool) -> str:
    """The URL MkDocs gives a page, relative to the site root (mirrors mkdocs.structure.files)."""
    if not src.endswith(".md"):
        return src
    stem = src[: -len(".md")]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_src: str, to_src: str, use_directory_urls: bool, anchor: str | None = None) -> str:
    """A final relative href between two pages, for raw HTML that MkDocs does not rewrite."""
    from_url = page_url(from_src, use_directory_urls)
    to_url = page_url(to_src, use_directory_urls)
    base = from_url if from_url.endswith("/") else posixpath.dirname(from_url)
    target = posixpath.relpath(to_url or ".", base or ".")
    if to_url == "" or to_url.endswith("/"):
        target += "/"
    return f"{target}#{anchor}" if anchor else target


def stories_index() -> str:
    return "stories/index.md"


def stories_page(number: int) -> str:
    """Page `number` of the library's list, newest first; page 1 is the library itself."""
    return stories_index() if number <= 1 else f"stories/page/{number}.md"


def story_page(slug: str) -> str:
    return f"stories/{slug}.md"


def stories_by_capability(map_id: str, capability_id: str, number: int = 1) -> str:
    """Page `number` of the stories citing a capability, newest first."""
    base = f"stories/capabilities/{map_id}/{capability_id}"
    return f"{base}.md" if number <= 1 else f"{base}/page/{number}.md"


def stories_by_pattern(pattern_id: str, number: int = 1) -> str:
    """Page `number` of the stories showing a pattern, newest first."""
    base = f"stories/patterns/{pattern_id}"
    return f"{base}.md" if number <= 1 else f"{base}/page/{number}.md"


def stories_by_map(map_id: str) -> str:
    """A map's capabilities, each with its number of stories and a link to them."""
    return f"stories/maps/{map_id}.md"


def story_asset(rel: str) -> str:
    return f"stories/{rel}"


def stories_feed() -> str:
    return "stories/feed.xml"


def stories_finder_facets() -> str:
    return "stories/finder-facets.json"


def stories_finder_index() -> str:
    return "stories/finder-index.json"


def stories_finder_text(n: int) -> str:
    """The n-th file of titles and summaries the finder loads (see render/stories.py: TEXT_CHUNK)."""
    return f"stories/finder-text-{n}.json"
