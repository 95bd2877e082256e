"""Nothing vanishes: every file under maps/, challenges/ and stories/ is content, a declared side
file, or reported at `path:1:1` with why it is not published (docs/guide/validation.md#what-each-folder-holds).

One hub holds a file of every kind; it is validated once and built once with real MkDocs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hub import STORIES_OVERLAY, BuildResult, build, copy_story_hub, edit, validate

MOVED = "challenges/ops/sort-the-backlog.md"
"""A challenge written into a sub-folder: never loaded as a challenge."""
ORPHAN = "challenges/templates/old-checklist.pdf"
"""A download that no challenge names (its challenge was deleted)."""
NOTE = "challenges/ops/handover.md"
"""A Markdown file without front matter in a sub-folder, named by nobody."""
UNSHOWN = "stories/images/unshown.png"
"""An image no story shows."""
LEFT_ALONE = [
    "maps/README.md",
    "maps/.gitkeep",
    "challenges/README.md",
    "challenges/.DS_Store",
    "challenges/templates/README.md",
    "stories/README.md",
    "stories/.gitkeep",
    "stories/2025/.DS_Store",
]
"""Hidden files and folder notes: never read, never published, never reported."""

WARNINGS = {
    MOVED: "challenges/ops/sort-the-backlog.md:1:1: warning: HUB162 not loaded: challenges are read only from the top level "
    "of challenges/, so it is not published (move it to challenges/sort-the-backlog.md; if it is a download, "
    "name it in a challenge's 'template' or 'resources')",
    ORPHAN: "challenges/templates/old-checklist.pdf:1:1: warning: HUB163 not named by any challenge's 'template' or "
    "'resources', so it is not published (name it in a challenge (e.g. 'template: {file: templates/old-checklist.pdf}'), "
    "or delete it)",
    NOTE: "challenges/ops/handover.md:1:1: warning: HUB163 not named by any challenge's 'template' or 'resources', so it is "
    "not published (name it in a challenge (e.g. 'template: {file: ops/handover.md}'), or delete it)",
    UNSHOWN: "stories/images/unshown.png:1:1: warning: HUB506 not shown by any story, so it is not published "
    "(show it in a story (from a story at the top of stories/: ![what it shows](images/unshown.png)), or delete it)",
}


def clutter(root: Path) -> None:
    """Writes a new challenge into a sub-folder, and adds a file of every other kind."""
    (root / "challenges" / "ops").mkdir()
    text = (root / "challenges" / "tag-ten-tickets.md").read_text(encoding="utf-8")
    (root / MOVED).write_text(text.replace("id: tag-ten-tickets\n", "id: sort-the-backlog\n", 1), encoding="utf-8")
    (root / NOTE).write_text("# How we hand over\n\nNotes for the ops team.\n", encoding="utf-8")
    (root / ORPHAN).write_bytes(b"%PDF-1.4\n")
    shutil.copyfile(STORIES_OVERLAY / "stories/images/queue-board.png", root / UNSHOWN)
    for rel in LEFT_ALONE:
        (root / rel).write_text("# A note for contributors\n", encoding="utf-8")


@pytest.fixture(scope="module")
def cluttered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_story_hub(tmp_path_factory.mktemp("cluttered"))
    clutter(root)
    return root


@pytest.fixture(scope="module")
def cluttered_build(cluttered: Path) -> BuildResult:
    """Built without --strict, to see what would be published."""
    result = build(cluttered, strict=False)
    assert result.returncode == 0, result.output
    return result


def test_every_unused_file_is_reported_at_its_path(cluttered: Path) -> None:
    assert validate(cluttered) == sorted(WARNINGS.values())


@pytest.mark.build
@pytest.mark.parametrize("rel", sorted(WARNINGS))
def test_the_build_reports_it_and_does_not_publish_it(cluttered_build: BuildResult, rel: str) -> None:
    assert WARNINGS[rel] in cluttered_build.output
    assert not (cluttered_build.site / rel).exists()


@pytest.mark.build
def test_a_moved_challenge_has_no_page_either(cluttered_build: BuildResult) -> None:
    site = cluttered_build.site
    assert not (site / "challenges" / "sort-the-backlog").exists()
    assert not (site / "challenges" / "ops").exists()


@pytest.mark.build
def test_named_downloads_are_still_published(cluttered_build: BuildResult, cluttered: Path) -> None:
    published = cluttered_build.site / "challenges/templates/tag-sheet.md"
    assert published.read_bytes() == (cluttered / "challenges/templates/tag-sheet.md").read_bytes()
    assert (cluttered_build.site / "stories/images/queue-board.png").is_file()


@pytest.mark.build
@pytest.mark.parametrize("rel", LEFT_ALONE)
def test_hidden_files_and_folder_notes_are_left_alone(cluttered_build: BuildResult, rel: str) -> None:
    assert rel not in cluttered_build.output
    assert not (cluttered_build.site / rel).exists()


@pytest.mark.build
def test_unaccounted_files_fail_the_strict_build(cluttered: Path, tmp_path: Path) -> None:
    result = build(cluttered, tmp_path / "strict-site")
    assert result.returncode != 0
    assert WARNINGS[MOVED] in result.output


def test_a_challenge_that_fails_its_checks_still_accounts_for_its_template(story_hub: Path) -> None:
    """Its error is reported; its template is not called unused on top of it."""
    edit(story_hub, "challenges/tag-ten-tickets.md", "time_box: 20", "time_box: twenty")
    lines = validate(story_hub)
    assert [line for line in lines if "tag-sheet" in line] == []
    assert any(line.startswith("challenges/tag-ten-tickets.md:") and "time_box" in line for line in lines)


def test_an_image_only_a_draft_shows_is_accounted_for_but_not_published(story_hub: Path) -> None:
    """The fixture's draft shows images/draft-board.png: no warning, and the session build leaves it out."""
    assert "draft-board.png" in (story_hub / "stories/draft-secret-plan.md").read_text(encoding="utf-8")
    assert validate(story_hub) == []
    edit(story_hub, "stories/draft-secret-plan.md", "![The draft's board](images/draft-board.png)\n", "")
    assert validate(story_hub) == [
        "stories/images/draft-board.png:1:1: warning: HUB506 not shown by any story, so it is not published "
        "(show it in a story (from a story at the top of stories/: ![what it shows](images/draft-board.png)), or delete it)"
    ]
