"""The export addresses, kept importable here for the modules that still import them from exports/.

They live in render/urls.py, the one URL module.
"""

from __future__ import annotations

from ..render.urls import (
    CASE_KINDS,
    EXPORTS,
    FALLBACK_BASE_URL,
    absolute,
    case_item_type,
    case_object,
    case_package,
    hub_json,
    hub_schema,
    moodle_csv,
    normalise_base_url,
    openbadges_issuer,
    openbadges_milestone,
    openbadges_path,
)
from ..render.urls import exports_index as index_page

__all__ = [
    "CASE_KINDS",
    "EXPORTS",
    "FALLBACK_BASE_URL",
    "absolute",
    "case_item_type",
    "case_object",
    "case_package",
    "hub_json",
    "hub_schema",
    "index_page",
    "moodle_csv",
    "normalise_base_url",
    "openbadges_issuer",
    "openbadges_milestone",
    "openbadges_path",
]
