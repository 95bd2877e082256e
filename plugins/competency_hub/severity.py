"""How much a problem weighs: the severity of a diagnostic and of the rule (code) that makes it."""

from __future__ import annotations

from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    """Stops every build."""
    WARNING = "warning"
    """Stops strict builds (`--strict`), which CI runs."""
    NOTE = "note"
    """Never stops a build: something an owner should know, e.g. a review date that has passed."""
