"""Where exported files live in the site, and the absolute URIs that name them.

The addresses are part of the URL promise (docs/reference/urls.md): change them only with care.
"""

from __future__ import annotations

from urllib.parse import quote

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


def index_page() -> str:
    return f"{EXPORTS}/index.md"


def hub_json() -> str:
    return f"{EXPORTS}/hub.json"


def hub_schema() -> str:
    return f"{EXPORTS}/hub.schema.json"


def case_package(map_id: str) -> str:
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
    return f"{EXPORTS}/case/{map_id}/{CASE_KINDS[kind]}/{identifier}.json"


def case_item_type(identifier: str) -> str:
    """Item types are shared by every map of the hub, so they sit beside the packages."""
    return f"{EXPORTS}/case/item-types/{identifier}.json"


def openbadges_issuer() -> str:
    return f"{EXPORTS}/openbadges/issuer.jsonld"


def openbadges_path(path_id: str) -> str:
    return f"{EXPORTS}/openbadges/paths/{path_id}.jsonld"


def openbadges_milestone(path_id: str, milestone_id: str) -> str:
    return f"{EXPORTS}/openbadges/paths/{path_id}/{milestone_id}.jsonld"


def moodle_csv(map_id: str) -> str:
    return f"{EXPORTS}/moodle/{map_id}.csv"


def absolute(base_url: str, src: str) -> str:
    """The absolute URI of a site path under `base_url` (which ends in '/')."""
    return base_url + quote(src, safe="/#-._~")
