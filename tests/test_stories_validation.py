"""Story validation: every rule reported at its place (`path:line:col`), with no cascade.

Each case changes a copy of the small hub with the story overlay (tests/fixtures/stories-overlay)
and lists the exact diagnostics expected. Locations are found with `where()` in the changed
file, so a case reads as "the error is on the text I just broke".
"""

from __future__ import annotations

import datetime
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from competency_hub.cli.main import check_hub
from competency_hub.load import load_hub
from competency_hub.load.index import HubIndex
from competency_hub.cli.settings import hub_options
from competency_hub.diagnostics import Diagnostics
from competency_hub.validate.stories import check_stories
from hub import STORIES_OVERLAY, edit, validate, where

ROTA = "stories/weekend-triage-rota.md"
MACROS = "stories/macro-library-stalled.md"
PILOT = "stories/refund-checklist-pilot.md"
PARTIAL = "stories/2025/partial-refunds.md"
DRAFT = "stories/draft-secret-plan.md"
AUTHORS = "stories/authors.yml"
PATTERNS = "stories/patterns.yml"
NEWS = "docs/news.md"
TAG = "challenges/tag-ten-tickets.md"


@dataclass(frozen=True)
class At:
    """The place of the `occurrence`-th `needle` in file `rel` (after the case's edits), or line 1."""

    rel: str
    needle: str | None = None
    occurrence: int = 1
    column: int | None = None

    def resolve(self, root: Path) -> str:
        if self.needle is None:
            return f"{self.rel}:1:1"
        location = where(root, self.rel, self.needle, occurrence=self.occurrence)
        if self.column is not None:
            location = location.rsplit(":", 1)[0] + f":{self.column}"
        return location


@dataclass
class Case:
    id: str
    edits: list[tuple[str, str, str]] = field(default_factory=list)
    writes: dict[str, str | bytes] = field(default_factory=dict)
    removes: list[str] = field(default_factory=list)
    expected: list[tuple[At, str]] = field(default_factory=list)
    severity: str = "error"

    def apply(self, root: Path) -> None:
        for rel, old, new in self.edits:
            edit(root, rel, old, new)
        for rel, data in self.writes.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        for rel in self.removes:
            (root / rel).unlink()


def body_case(case_id: str, snippet: str, expected: list[tuple[str, str]]) -> Case:
    """A case that adds `snippet` to the 'What happened' section of the rota story.

    `expected` holds (needle inside the snippet, message fragment) pairs.
    """
    return Case(
        case_id,
        edits=[(ROTA, "We set up a rota.", "We set up a rota.\n\n" + snippet + "\n")],
        expected=[(At(ROTA, needle), fragment) for needle, fragment in expected],
    )


CASES = [
    # -- references ----------------------------------------------------------------------------------
    Case(
        "unknown-capability",
        edits=[(ROTA, "capability: support/triage", "capability: support/triag")],
        expected=[(At(ROTA, "support/triag"), "unknown capability 'triag' in map 'support' (did you mean 'triage'?)")],
    ),
    Case(
        "unknown-map",
        edits=[(ROTA, "capability: support/triage", "capability: suport/triage")],
        expected=[(At(ROTA, "suport/triage"), "unknown map 'suport' in 'suport/triage' (did you mean 'support'?)")],
    ),
    Case(
        "unknown-level",
        edits=[(ROTA, "level: independent", "level: independant")],
        expected=[(At(ROTA, "independant"), "unknown level 'independant' in the scale of map 'support'")],
    ),
    Case(
        "capability-without-its-map",
        edits=[(ROTA, "capability: support/triage", "capability: triage")],
        expected=[(At(ROTA, "triage\n"), "capability 'triage' needs its map (write it as 'map-id/triage', e.g. 'support/triage')")],
    ),
    Case(
        "capability-cited-twice",
        edits=[(PILOT, "  - capability: support/triage\n", "  - capability: billing/refunds\n")],
        expected=[(At(PILOT, "billing/refunds", occurrence=2), "capability 'billing/refunds' is cited twice")],
    ),
    Case(
        "unknown-author",
        edits=[(ROTA, "authors: [sam-okafor]", "authors: [sam-okafro]")],
        expected=[(At(ROTA, "sam-okafro"), "unknown author 'sam-okafro' (did you mean 'sam-okafor'?)")],
    ),
    Case(
        "unknown-pattern",
        edits=[(ROTA, "patterns: [manager-involvement,", "patterns: [manager-involvment,")],
        expected=[(At(ROTA, "manager-involvment"), "unknown pattern 'manager-involvment' (did you mean 'manager-involvement'?)")],
    ),
    Case(
        "unknown-outcome-kind",
        edits=[(ROTA, "kind: cycle-time", "kind: cycle-times")],
        expected=[(At(ROTA, "cycle-times"), "unknown outcome kind 'cycle-times' (did you mean 'cycle-time'?)")],
    ),
    Case(
        "missing-summary",
        edits=[(PILOT, "summary: Two billing specialists used a checklist on real refunds and brought the tickets to review.\n", "")],
        expected=[(At(PILOT, "title:"), "missing field 'summary'")],
    ),
    Case(
        "unknown-front-matter-field",
        edits=[(PILOT, "summary:", "sumary:")],
        expected=[
            (At(PILOT, "sumary"), "unknown field 'sumary' (did you mean 'summary'?)"),
            (At(PILOT, "title:"), "missing field 'summary'"),
        ],
    ),
    Case(
        "date-that-does-not-exist",
        edits=[(PILOT, "date: 2025-11-05", "date: 2025-02-30")],
        expected=[(At(PILOT, "2025-02-30"), "date must be a date written YYYY-MM-DD")],
    ),
    # -- files and slugs ---------------------------------------------------------------------------
    Case(
        "duplicate-slug-in-a-sub-folder",
        writes={"stories/2025/weekend-triage-rota.md": (STORIES_OVERLAY / ROTA).read_text(encoding="utf-8")},
        expected=[(At(ROTA), "duplicate story slug 'weekend-triage-rota' (also stories/2025/weekend-triage-rota.md)")],
    ),
    Case(
        "invalid-slug",
        writes={"stories/Weekend Rota.md": (STORIES_OVERLAY / ROTA).read_text(encoding="utf-8")},
        expected=[(At("stories/Weekend Rota.md"), "file name 'Weekend Rota.md' is not a valid story slug")],
    ),
    Case(
        "reserved-slug",
        writes={"stories/feed.md": (STORIES_OVERLAY / ROTA).read_text(encoding="utf-8")},
        expected=[(At("stories/feed.md"), "story slug 'feed' is reserved")],
    ),
    Case(
        "image-with-the-wrong-content",
        writes={"stories/images/fake.png": "<script>alert(1)</script>"},
        expected=[(At("stories/images/fake.png"), "file does not look like a PNG image")],
    ),
    Case(
        "svg-is-not-published",
        writes={"stories/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"},
        expected=[(At("stories/images/logo.svg"), "not a story, an image or a side file, so it is not published")],
        severity="warning",
    ),
    # -- body sections ------------------------------------------------------------------------------
    Case(
        "unknown-and-missing-section",
        edits=[(PILOT, "## What stalled", "## What stalld")],
        expected=[
            (At(PILOT, "## What stalld"), "unknown section '## What stalld' (did you mean 'What stalled'?)"),
            (At(PILOT, "\n## What happened", column=1), "missing section '## What stalled'"),
        ],
    ),
    Case(
        "empty-section",
        edits=[(PILOT, "Partial refunds.\n", "")],
        expected=[(At(PILOT, "## What stalled"), "section '## What stalled' is empty")],
    ),
    Case(
        "top-level-heading",
        edits=[(PILOT, "## What happened", "# Our pilot\n\n## What happened")],
        expected=[(At(PILOT, "# Our pilot"), "top-level heading '# Our pilot' in a story body")],
    ),
    # -- unsafe bodies -------------------------------------------------------------------------------
    body_case("script-tag", "Hello <script>alert(1)</script>", [("<script>", "raw HTML <script> is not allowed in a story")]),
    body_case("mixed-case-script", "<ScRiPt>alert(1)</sCrIpT>", [("<ScRiPt>", "raw HTML <script> is not allowed")]),
    body_case("iframe-srcdoc", '<iframe srcdoc="<script>alert(1)</script>"></iframe>', [("<iframe", "raw HTML <iframe> is not allowed")]),
    body_case(
        "event-handler",
        '<img src="images/queue-board.png" onerror="alert(1)">',
        [("onerror", "attribute 'onerror' on <img> is not allowed in a story")],
    ),
    body_case("style-attribute", '<p style="background:url(x)">x</p>', [("style=", "attribute 'style' on <p> is not allowed")]),
    body_case("markdown-javascript-link", "[click](javascript:alert(1))", [("javascript:", "link to 'javascript:alert(1)' is not allowed")]),
    body_case(
        "entity-encoded-javascript-link",
        '<a href="jav&#x61;script:alert(1)">x</a>',
        [("href=", "link to 'jav&#x61;script:alert(1)' is not allowed")],
    ),
    body_case("data-url-link", "[x](data:text/html;base64,PHNjcmlwdD4=)", [("data:", "link to 'data:text/html;base64,PHNjcmlwdD4=' is not allowed")]),
    body_case("reference-link", "[x][evil]\n\n[evil]: javascript:alert(1)", [("javascript:", "link to 'javascript:alert(1)' is not allowed")]),
    body_case("autolink", "<javascript:alert(1)>", [("javascript:", "link to 'javascript:alert(1)' is not allowed")]),
    body_case(
        "attribute-list-event-handler",
        'A paragraph.\n{: onclick="alert(1)" }',
        [("onclick", "attribute 'onclick' on an attribute list is not allowed")],
    ),
    body_case("svg", "<svg><script>alert(1)</script></svg>", [("<svg>", "raw HTML <svg> is not allowed"), ("<script>", "raw HTML <script>")]),
    body_case(
        "remote-image",
        "![tracker](https://evil.example/pixel.png)",
        [("https://evil", "image 'https://evil.example/pixel.png' is not an image file of the story library")],
    ),
    body_case(
        "misspelt-image",
        "![board](images/queue-bord.png)",
        [("images/queue-bord.png", "(did you mean 'images/queue-board.png'?)")],
    ),
    body_case(
        "image-outside-the-library",
        "![x](../challenges/templates/tag-sheet.md)",
        [("../challenges", "image '../challenges/templates/tag-sheet.md' is not an image file")],
    ),
    Case(
        "unclosed-code-fence",
        edits=[(ROTA, "Book the rota a quarter ahead.", "Book the rota a quarter ahead.\n\n```\ncode without an end")],
        expected=[(At(ROTA, "```"), "code block is never closed")],
    ),
    # -- side files ----------------------------------------------------------------------------------
    Case(
        "authors-file-missing",
        removes=[AUTHORS],
        expected=[
            (At(ROTA, "sam-okafor"), "unknown author 'sam-okafor': there is no stories/authors.yml"),
            (At(MACROS, "sam-okafor"), "unknown author 'sam-okafor': there is no stories/authors.yml"),
            (At(MACROS, "lee-chen"), "unknown author 'lee-chen'"),
            (At(PILOT, "lee-chen"), "unknown author 'lee-chen'"),
            (At(PARTIAL, "lee-chen"), "unknown author 'lee-chen'"),
            (At(DRAFT, "sam-okafor"), "unknown author 'sam-okafor'"),
        ],
    ),
    Case(
        "broken-authors-file-does-not-cascade",
        edits=[(AUTHORS, "    role: Support lead", "    rol: Support lead")],
        expected=[(At(AUTHORS, "rol:"), "unknown field 'rol' in authors.sam-okafor (did you mean 'role'?)")],
    ),
    Case(
        "duplicate-pattern",
        edits=[(PATTERNS, "  - id: unclear-levels", "  - id: authentic-evidence\n    title: Again\n    description: Twice.\n  - id: unclear-levels")],
        expected=[(At(PATTERNS, "authentic-evidence", occurrence=2), "duplicate pattern id 'authentic-evidence' (first used on line")],
    ),
    # -- drafts are checked too --------------------------------------------------------------------
    Case(
        "draft-is-validated",
        edits=[(DRAFT, "level: assisted", "level: asissted")],
        expected=[(At(DRAFT, "asissted"), "unknown level 'asissted' in the scale of map 'support' (did you mean 'assisted'?)")],
    ),
    # -- the latest-stories marker -----------------------------------------------------------------
    Case(
        "marker-unknown-option",
        edits=[(NEWS, "<!-- hub:latest-stories limit=2 -->", "<!-- hub:latest-stories limt=2 -->")],
        expected=[(At(NEWS, "limt=2"), "unknown marker option 'limt' (did you mean 'limit'?)")],
    ),
    Case(
        "marker-unknown-capability",
        edits=[(NEWS, "capability=support/triage", "capability=support/triag")],
        expected=[(At(NEWS, "capability=support/triag"), "unknown capability 'support/triag' in the marker (did you mean 'support/triage'?)")],
    ),
    Case(
        "marker-unknown-map",
        edits=[(NEWS, "<!-- hub:latest-stories limit=2 -->", "<!-- hub:latest-stories map=suport -->")],
        expected=[(At(NEWS, "map=suport"), "unknown map 'suport' in the marker (did you mean 'support'?)")],
    ),
    Case(
        "marker-bad-limit",
        edits=[(NEWS, "limit=2 -->", "limit=0 -->")],
        expected=[(At(NEWS, "limit=0"), "marker option 'limit' must be a whole number from 1 to 50 (got '0')")],
    ),
    Case(
        "marker-misspelt-name",
        edits=[(NEWS, "<!-- hub:latest-stories limit=2 -->", "<!-- hub:latest-story limit=2 -->")],
        expected=[(At(NEWS, "<!-- hub:latest-story "), "unknown marker 'hub:latest-story' (did you mean 'latest-stories'?)")],
    ),
    Case(
        "marker-in-a-challenge-body",
        edits=[(TAG, "## Why it matters\n", "## Why it matters\n\n<!-- hub:latest-stories pattern=unclear-level -->\n")],
        expected=[(At(TAG, "pattern=unclear-level"), "unknown pattern 'unclear-level' in the marker (did you mean 'unclear-levels'?)")],
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_broken_story_variant_is_reported_at_its_place(case: Case, story_hub: Path) -> None:
    assert validate(story_hub) == [], "the story fixture itself must be clean"
    case.apply(story_hub)
    lines = validate(story_hub)
    for at, fragment in case.expected:
        location = at.resolve(story_hub)
        found = [line for line in lines if line.startswith(location + ":") and f": {case.severity}: " in line and fragment in line]
        assert len(found) == 1, f"expected one {case.severity} at {location} containing {fragment!r}; got:\n" + "\n".join(lines)
    assert len(lines) == len(case.expected), "unexpected extra diagnostics:\n" + "\n".join(lines)


def test_story_fixture_is_clean(story_hub: Path) -> None:
    assert validate(story_hub) == []


def test_code_is_not_checked_as_html(story_hub: Path) -> None:
    """Showing unsafe HTML as code is fine: it is text on the page."""
    snippet = "Use `<script>` never.\n\n```html\n<script>alert(1)</script>\n<img src=x onerror=alert(1)>\n```\n"
    edit(story_hub, ROTA, "We set up a rota.", "We set up a rota.\n\n" + snippet)
    assert validate(story_hub) == []


# -- dates ------------------------------------------------------------------------------------------


def _check(root: Path, today: datetime.date) -> list[str]:
    hub, _ = load_hub(hub_options(root))
    diagnostics = Diagnostics()
    check_stories(HubIndex.build(hub), diagnostics, today=today)
    return [d.format_text() for d in diagnostics.sorted()]


def test_a_date_after_today_is_an_error_with_today_injected(story_hub: Path) -> None:
    assert _check(story_hub, datetime.date(2026, 3, 10)) == []
    lines = _check(story_hub, datetime.date(2026, 3, 9))
    assert lines == [
        f"{where(story_hub, ROTA, '2026-03-10')}: error: HUB510 date 2026-03-10 is in the future (today is 2026-03-09) "
        "(date a story when it happened or was told)"
    ]


def test_the_hubs_today_judges_story_dates_not_the_build_epoch(story_hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """COMPETENCY_HUB_TODAY (the day governance uses too) is "today"; SOURCE_DATE_EPOCH only dates the output."""
    epoch = int(datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.timezone.utc).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    monkeypatch.setenv("COMPETENCY_HUB_TODAY", "2026-01-31")
    lines = validate(story_hub)
    assert sorted(line.split(": error: ")[0] for line in lines) == sorted(
        [where(story_hub, ROTA, "2026-03-10"), where(story_hub, DRAFT, "2026-02-01")]
    )
    assert all("is in the future (today is 2026-01-31)" in line for line in lines)


def test_tomorrow_is_in_the_future_by_the_real_date(story_hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("COMPETENCY_HUB_TODAY", raising=False)
    tomorrow = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    edit(story_hub, PILOT, "date: 2025-11-05", f"date: {tomorrow}")
    assert [line.split(": error: ")[0] for line in validate(story_hub)] == [where(story_hub, PILOT, tomorrow)]


# -- the build refuses what validation refuses -----------------------------------------------------


@pytest.mark.build
def test_a_story_error_stops_the_build(story_hub: Path) -> None:
    from hub import build

    edit(story_hub, ROTA, "capability: support/triage", "capability: support/triag")
    result = build(story_hub, strict=False)
    assert result.returncode != 0
    assert "stories/weekend-triage-rota.md:" in result.output and "unknown capability 'triag'" in result.output
    assert "Traceback" not in result.output


def test_a_hub_without_stories_has_no_story_rules(tmp_path: Path, pinned_today: str) -> None:
    from hub import copy_hub

    root = copy_hub(tmp_path)
    assert not (root / "stories").exists()
    assert check_hub(root) == []


def test_stories_folder_option_is_used(story_hub: Path) -> None:
    shutil.move(story_hub / "stories", story_hub / "cases")
    edit(story_hub, "mkdocs.yml", "      stories_per_page: 2\n", "      stories_per_page: 2\n      stories_dir: cases\n")
    assert validate(story_hub) == []
    edit(story_hub, "cases/weekend-triage-rota.md", "level: independent", "level: independant")
    assert [line.split(":")[0] for line in validate(story_hub)] == ["cases/weekend-triage-rota.md"]
    assert os.path.isdir(story_hub / "cases")
