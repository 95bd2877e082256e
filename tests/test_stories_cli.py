"""`competency-hub new story` and `validate` on stories, in-process, as a contributor runs them."""

from __future__ import annotations

from pathlib import Path

import pytest
from competency_hub.cli.main import main
from hub import LOCATION, build, edit, fill_in, validate


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exc:
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.build
def test_new_story_with_its_ids_validates_and_builds(capsys, story_hub: Path) -> None:  # type: ignore[no-untyped-def]
    status, out, _ = run(
        capsys,
        "new", "story", "Weekend rota: the second season",
        "--author", "sam-okafor", "--capability", "support/triage", "--level", "independent",
        "--root", str(story_hub),
    )  # fmt: skip
    assert status == 0
    path = story_hub / "stories" / "weekend-rota-the-second-season.md"
    assert out.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n# yaml-language-server: $schema=../schemas/story.schema.json\n")
    assert 'title: "Weekend rota: the second season"' in text
    for section in ("## What happened", "## What worked", "## What stalled", "## Lessons"):
        assert section in text
    # Nothing is wrong but the placeholders, each a warning until the contributor replaces it.
    assert [line for line in validate(story_hub) if "placeholder 'TODO:" not in line] == []
    fill_in(path, {'"TODO: a number, or a short text such as 1 in 5"': "12", '"TODO: a number, or a short text"': "3"})
    assert validate(story_hub) == []
    result = build(story_hub)
    assert result.returncode == 0, result.output
    assert (result.site / "stories" / "weekend-rota-the-second-season" / "index.html").is_file()


def test_new_story_placeholders_are_reported_on_their_lines(capsys, story_hub: Path) -> None:  # type: ignore[no-untyped-def]
    status, _, _ = run(capsys, "new", "story", "Something we tried", "--root", str(story_hub))
    assert status == 0
    lines = [line for line in validate(story_hub) if line.startswith("stories/something-we-tried.md:")]
    lines = [line for line in lines if "placeholder 'TODO:" not in line]  # tests/test_placeholders.py
    assert [LOCATION.match(line)["text"].split(" (")[0] for line in lines] == [
        "HUB511 unknown author 'your-author-id'",
        "HUB302 unknown map 'map-id' in 'map-id/capability-id'",
    ]


def test_new_story_refuses_a_reserved_slug_and_an_existing_file(capsys, story_hub: Path) -> None:  # type: ignore[no-untyped-def]
    status, _, err = run(capsys, "new", "story", "Feed", "--root", str(story_hub))
    assert status == 2 and "reserved" in err
    assert not (story_hub / "stories" / "feed.md").exists()
    before = (story_hub / "stories" / "weekend-triage-rota.md").read_text(encoding="utf-8")
    status, _, err = run(capsys, "new", "story", "Weekend triage rota", "--root", str(story_hub))
    assert status == 1 and "exists" in err
    assert (story_hub / "stories" / "weekend-triage-rota.md").read_text(encoding="utf-8") == before


def test_new_story_in_a_sub_folder_hub_points_at_the_schema(capsys, story_hub: Path) -> None:  # type: ignore[no-untyped-def]
    edit(story_hub, "mkdocs.yml", "      stories_per_page: 2\n", "      stories_per_page: 2\n      stories_dir: content/stories\n")
    (story_hub / "content").mkdir()
    (story_hub / "stories").rename(story_hub / "content" / "stories")
    status, out, _ = run(capsys, "new", "story", "Deep", "--root", str(story_hub))
    assert status == 0
    assert "$schema=../../schemas/story.schema.json" in Path(out.strip()).read_text(encoding="utf-8")


def test_github_annotations_for_a_story(capsys, story_hub: Path, pinned_today: str) -> None:  # type: ignore[no-untyped-def]
    edit(story_hub, "stories/weekend-triage-rota.md", "authors: [sam-okafor]", "authors: [sam-okafro]")
    status, out, _ = run(capsys, "validate", "--format", "github", str(story_hub))
    assert status == 1
    assert out.splitlines() == [
        "::error file=stories/weekend-triage-rota.md,line=4,col=11,title=HUB511 unknown author::unknown author 'sam-okafro' (did you mean 'sam-okafor'?)"
    ]


def test_validate_one_story_file(capsys, story_hub: Path) -> None:  # type: ignore[no-untyped-def]
    edit(story_hub, "stories/weekend-triage-rota.md", "authors: [sam-okafor]", "authors: [sam-okafro]")
    edit(story_hub, "docs/news.md", "limit=2", "limt=2")
    status, out, _ = run(capsys, "validate", str(story_hub / "stories" / "weekend-triage-rota.md"))
    assert status == 1
    assert [line.split(":")[0] for line in out.splitlines()] == ["stories/weekend-triage-rota.md"]
    status, out, _ = run(capsys, "validate", str(story_hub / "docs" / "news.md"))
    assert status == 1 and out.startswith("docs/news.md:5:25: error: HUB704 unknown marker option 'limt'")


def test_unknown_story_option_in_mkdocs_yml_is_named(capsys, story_hub: Path) -> None:  # type: ignore[no-untyped-def]
    edit(story_hub, "mkdocs.yml", "      stories_per_page: 2\n", "      stories_per_pages: 2\n")
    status, out, _ = run(capsys, "validate", str(story_hub))
    assert "option 'stories_per_pages'" in out and "did you mean 'stories_per_page'?" in out


def test_ci_files_validate_with_annotations_and_build_strictly() -> None:
    import yaml
    from hub import REPO

    workflow = yaml.safe_load((REPO / ".github/workflows/hub.yml").read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML reads the key `on` as true
    commands = [step.get("run", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any("competency-hub validate" in c and "--format github" in c for c in commands)
    assert any(c.strip() == "make build" for c in commands)
    gitlab = yaml.safe_load((REPO / "ci/gitlab-ci.example.yml").read_text(encoding="utf-8"))
    script = "\n".join(gitlab["hub"]["script"])
    assert "competency-hub validate --strict" in script and "make build" in script
    assert (REPO / ".github/pull_request_template.md").is_file()
    assert "docs/guide/contributing-stories.md" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
