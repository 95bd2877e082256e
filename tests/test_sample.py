"""`competency-hub generate-sample`: a synthetic hub of any size that validates and builds strictly."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from competency_hub.cli.main import main
from competency_hub.cli.sample import default_maps
from hub import build, content, page, validate


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    try:
        status = main(list(argv))
    except SystemExit as exc:
        status = int(exc.code or 0)
    return status, capsys.readouterr().err


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sample") / "hub"
    assert main(["generate-sample", str(root), "--capabilities", "30", "--challenges", "40", "--stories", "25"]) == 0
    return root


def test_sample_has_the_requested_size_and_validates_without_a_single_diagnostic(sample: Path) -> None:
    maps = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((sample / "maps").glob("*.yml"))]
    assert len(maps) == default_maps(30) == 2
    assert sum(len(m["capabilities"]) for m in maps) == 30
    assert all(len(m["scale"]) == 4 for m in maps)
    assert len(list((sample / "challenges").glob("*.md"))) == 40
    stories = sorted((sample / "stories").rglob("*.md"))
    assert len(stories) == 25
    for story in stories:
        body = story.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        words = len(re.findall(r"[A-Za-z']+", re.sub(r"^## .*$", "", body, flags=re.M)))
        assert 250 <= words <= 850, (story.name, words)
    assert validate(sample) == []


@pytest.mark.build
def test_sample_builds_strictly_with_a_page_per_capability_challenge_and_story(sample: Path) -> None:
    result = build(sample)
    assert result.returncode == 0, result.output
    site = result.site
    capability_pages = [p for p in (site / "maps").glob("*/*/index.html") if p.parent.name != "rubric"]
    assert len(capability_pages) == 30
    assert len([p for p in (site / "challenges").glob("*/index.html") if p.parent.name != "by-map"]) == 40
    story_pages = [p for p in (site / "stories").glob("*/index.html") if p.parent.name not in {"page", "capabilities", "patterns", "maps"}]
    assert len(story_pages) == 25
    assert content(page(site, "stories/")).select("[data-hub-story]")


def test_same_seed_same_files_other_seed_other_words(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--capabilities", "8", "--challenges", "10", "--stories", "5"]
    assert run(capsys, "generate-sample", str(tmp_path / "a"), *argv)[0] == 0
    assert run(capsys, "generate-sample", str(tmp_path / "b"), *argv)[0] == 0
    assert run(capsys, "generate-sample", str(tmp_path / "c"), *argv, "--seed", "2")[0] == 0
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert files(tmp_path / "a") != files(tmp_path / "c")


def test_refuses_a_folder_in_use_and_impossible_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "notes.txt").write_text("keep me\n")
    status, err = run(capsys, "generate-sample", str(tmp_path / "used"), "--capabilities", "4", "--challenges", "0", "--stories", "0")
    assert status == 2 and "not empty" in err
    assert [p.name for p in (tmp_path / "used").iterdir()] == ["notes.txt"]
    status, err = run(capsys, "generate-sample", str(tmp_path / "few"), "--capabilities", "2", "--maps", "3")
    assert status == 2 and "at least as many capabilities as maps" in err
    status, _ = run(capsys, "generate-sample", str(tmp_path / "force"), "--capabilities", "4", "--challenges", "0", "--stories", "0")
    assert status == 0 and not (tmp_path / "force" / "stories").exists()
    assert validate(tmp_path / "force") == []
