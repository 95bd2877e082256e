"""Cross-file checks that run after loading; each adds diagnostics and never raises."""

from __future__ import annotations

import datetime

from ..clock import today as clock_today
from ..diagnostics import Diagnostics
from ..load import Hub
from ..load.index import HubIndex
from .challenges import check_challenges
from .cycles import check_cycles
from .job_aids import check_job_aids
from .language import check_language, lint_statement
from .markers import check_markers
from .paths import check_paths
from .pilots import check_pilots
from .stories import check_stories
from .communities import check_communities
from .references import check_references
from .retirement import check_retirement
from .structure import check_structure
from .untrusted import check_map_texts


def validate_hub(hub: Hub, index: HubIndex | None = None, *, today: datetime.date | None = None) -> Diagnostics:
    """Every cross-file problem of a loaded hub; dates are judged on `today` (default: the tool's clock)."""
    diagnostics = Diagnostics()
    index = index or HubIndex.build(hub)
    check_structure(hub, diagnostics)
    check_references(index, diagnostics)
    check_retirement(index, diagnostics)
    check_cycles(index, diagnostics)
    check_paths(index, diagnostics)
    check_challenges(hub, diagnostics)
    check_map_texts(hub, diagnostics)
    check_language(hub, diagnostics)
    check_stories(index, diagnostics, today or clock_today())
    check_pilots(index, diagnostics, today or clock_today())
    check_communities(index, diagnostics, today or clock_today())
    check_markers(index, diagnostics)
    check_job_aids(index, diagnostics)
    return diagnostics


__all__ = ["lint_statement", "validate_hub"]
