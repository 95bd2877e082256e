"""Building blocks shared by every content model: strict base class, ids and references."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CAPABILITY_REF_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(/[a-z0-9]+(-[a-z0-9]+)*)?$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
"""A stable id: lowercase letters, digits and single hyphens. It becomes part of a URL or anchor."""

CapabilityRef = Annotated[str, StringConstraints(pattern=CAPABILITY_REF_PATTERN, max_length=129)]
"""`map-id/capability-id`, or just `capability-id` inside the map that defines it."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty text; inline Markdown is allowed where the page shows it."""


class HubModel(BaseModel):
    """Base for all content models: unknown fields are errors, never silently ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, use_attribute_docstrings=True)


Status = Literal["active", "retired"]
"""Retired items stay published as tombstones, so the links people saved keep working."""


def slugify(text: str) -> str:
    """An id matching SLUG_PATTERN from a title: 'Ça marche ?' → 'ca-marche' (at most 64 characters)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:64].strip("-")
