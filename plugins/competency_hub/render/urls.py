"""The URL scheme, in one place: where every generated page and exported file lives, and links between them.

Pages link to each other with relative `.md` paths, which MkDocs checks and rewrites. Raw HTML
that MkDocs does not rewrite (the capability graph's SVG) uses `href()` instead. Exports are named
by absolute URIs (`absolute()`); their addresses are part of the URL promise (docs/reference/urls.md):
change them only with care.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import quote

from ..packaged import SITE_FOLDER


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


def standup_json_feed(map_id: str) -> str:
    """The JSON Feed 1.1 of a map's standup prompts (render/standup.py)."""
    return f"maps/{map_id}/standup.json"


def standup_atom_feed(map_id: str) -> str:
    """The Atom feed of a map's standup prompts, the same items as the JSON feed."""
    return f"maps/{map_id}/standup.xml"


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


def team_page() -> str:
    """The team view: a manager's matrix of the progress files their people exported."""
    return "team.md"


def learner_asset(rel: str) -> str:
    """The learner tools' scripts, styles and data (not part of the URL promise: they may move)."""
    return f"{SITE_FOLDER}/{rel}"


def relative(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """A relative link between two source paths, as written in generated Markdown."""
    target = _relpath(to_src, posixpath.dirname(from_src))
    return f"{target}#{anchor}" if anchor else target


def _relpath(to: str, start: str) -> str:
    """`posixpath.relpath(to, start or ".")` for plain relative paths, by splitting strings.

    Why: generated pages write some 25,000 links at S, and `posixpath.relpath` makes both paths
    absolute (asking the OS for the working folder twice per link), a tenth of a `serve` rebuild.
    Anything unusual (absolute, `.`, `..` or empty parts) goes to `posixpath.relpath`.
    """
    if _UNUSUAL.search(to) or (start and _UNUSUAL.search(start)):
        return posixpath.relpath(to, start or ".")
    if not start:
        return to
    start_parts = start.split("/")
    to_parts = to.split("/")
    common = 0
    for a, b in zip(start_parts, to_parts):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + to_parts[common:]
    return "/".join(parts) if parts else "."


_UNUSUAL = re.compile(r"^/|^$|//|/$|(?:^|/)\.{1,2}(?:/|$)")
"""A path `_relpath` leaves to `posixpath.relpath`: absolute, empty, or with an empty, `.` or `..` part."""


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


def communities_index() -> str:
    """Every community of practice, with its next occurrences."""
    return "communities/index.md"


def community_page(community_id: str) -> str:
    return f"communities/{community_id}.md"


def community_calendar(community_id: str) -> str:
    """A community's rituals as an iCalendar feed, to subscribe to once."""
    return f"communities/{community_id}.ics"


def communities_calendar() -> str:
    """Every ritual of every community as one iCalendar feed (the id 'hub' is reserved for it)."""
    return "communities/hub.ics"


# -- exports ---------------------------------------------------------------------------------------

EXPORTS = "exports"
FALLBACK_BASE_URL = "https://competency-hub.invalid/"
"""Base of absolute URIs when neither `site_url` nor `exports_base_url` is set.

`.invalid` is reserved (RFC 2606): no one can own it, so an export never names someone else's server.
"""


def normalise_base_url(url: str | None) -> str | None:
    """A base URL ending in one slash, or None when not given."""
    if not url or not url.strip():
        return None
    url = url.strip()
    return url if url.endswith("/") else url + "/"


def exports_index() -> str:
    """The /exports/ page: every download of the hub."""
    return f"{EXPORTS}/index.md"


def hub_json() -> str:
    """The whole hub as one JSON document."""
    return f"{EXPORTS}/hub.json"


def hub_schema() -> str:
    """The JSON Schema of hub.json."""
    return f"{EXPORTS}/hub.schema.json"


def case_package(map_id: str) -> str:
    """A map as one CASE 1.1 package."""
    return f"{EXPORTS}/case/{map_id}.json"


CASE_KINDS = {
    "document": "documents",
    "item": "items",
    "association": "associations",
    "rubric": "rubrics",
    "criterion": "criteria",
    "criterion-level": "criterion-levels",
}
"""Object kind → folder of its per-object JSON under exports/case/<map>/."""


def case_object(map_id: str, kind: str, identifier: str) -> str:
    """One CASE object of a map, on its own, where its identifier URI resolves."""
    return f"{EXPORTS}/case/{map_id}/{CASE_KINDS[kind]}/{identifier}.json"


def case_item_type(identifier: str) -> str:
    """Item types are shared by every map of the hub, so they sit beside the packages."""
    return f"{EXPORTS}/case/item-types/{identifier}.json"


def openbadges_issuer() -> str:
    """The Open Badges 3.0 issuer profile of the hub."""
    return f"{EXPORTS}/openbadges/issuer.jsonld"


def openbadges_path(path_id: str) -> str:
    """The achievement a path awards on completion."""
    return f"{EXPORTS}/openbadges/paths/{path_id}.jsonld"


def openbadges_milestone(path_id: str, milestone_id: str) -> str:
    """The achievement one milestone of a path awards."""
    return f"{EXPORTS}/openbadges/paths/{path_id}/{milestone_id}.jsonld"


def moodle_csv(map_id: str) -> str:
    """A map as a Moodle competency framework import (CSV)."""
    return f"{EXPORTS}/moodle/{map_id}.csv"


def map_csv(map_id: str) -> str:
    """A map as one flat CSV table (a row per behaviour), for spreadsheets."""
    return f"{EXPORTS}/csv/{map_id}.csv"


def absolute(base_url: str, src: str) -> str:
    """The absolute URI of a site path under `base_url` (which ends in '/')."""
    return base_url + quote(src, safe="/#-._~")


# -- pilots ------------------------------------------------------------------------------------------


def pilots_index() -> str:
    return "pilots/index.md"


def pilot_page(pilot_id: str) -> str:
    return f"pilots/{pilot_id}.md"


def pilot_feed(pilot_id: str) -> str:
    """The Atom feed of a pilot's interim results and decision."""
    return f"pilots/{pilot_id}/feed.xml"


def pilot_metrics_csv(pilot_id: str) -> str:
    """A pilot's metrics and every measurement, one row per measurement."""
    return f"pilots/{pilot_id}/metrics.csv"


def pilot_metrics_json(pilot_id: str) -> str:
    """A pilot's metrics, their changes and measurements, as JSON."""
    return f"pilots/{pilot_id}/metrics.json"


# -- job aids ----------------------------------------------------------------------------------------


def job_aids_index() -> str:
    return "job-aids/index.md"


def job_aid_page(aid_id: str) -> str:
    return f"job-aids/{aid_id}.md"


def job_aid_asset(rel: str) -> str:
    """A file a job aid's video names, by its path relative to job-aids/ (e.g. 'videos/x.webm')."""
    return f"job-aids/{rel}"


def job_aid_form(aid_id: str, form: str) -> str:
    """A job aid's standalone form: `embed` (for an iframe), `poster` (A4/Letter) or `card` (A6)."""
    return f"job-aids/{aid_id}/{form}.html"
