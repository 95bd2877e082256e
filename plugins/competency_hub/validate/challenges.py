"""Challenge-only rules: the time box stays small."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..load import Hub
from .structure import error_at


def check_challenges(hub: Hub, diagnostics: Diagnostics) -> None:
    limit = hub.options.max_time_box
    for entry in hub.challenges.values():
        if entry.model.time_box > limit:
            error_at(
                diagnostics,
                entry.source,
                ("time_box",),
                f"time box of {entry.model.time_box} minutes is over the {limit}-minute maximum",
                "split the challenge into smaller ones, or raise the plugin option 'max_time_box'",
                code="HUB401",
            )
