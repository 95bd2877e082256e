"""Challenge-only rules: the time box stays small; the body includes no file."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..load import Hub
from ..load.source import Source
from ..load.story_body import includes, position
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
        check_includes(entry.source, "challenge", diagnostics)


def check_includes(source: Source, kind: str, diagnostics: Diagnostics) -> None:
    """Each line of a body that the snippets extension would read as an include is an error.

    Challenges and stories arrive by pull request, and `mkdocs.yml` may enable pymdownx.snippets
    for the guide: a `--8<-- "…"` line would copy a file of the build machine into the page. The
    build never performs it (mkdocs/snippets.py); this says so on the line.
    """
    for offset, marker in includes(source.body):
        line, column = position(source.body, offset, source.body_line)
        diagnostics.error(
            source.path,
            line,
            column,
            f"'{marker}' includes files, which a {kind} may not do",
            f"remove the line: a {kind} shows only what it contains, and the line would be published as text",
            code="HUB810",
        )
