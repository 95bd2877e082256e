"""`competency-hub init DIR`: a minimal hub of one's own that validates (its examples' placeholders
reported until replaced) and builds strictly once they are replaced; refusals without a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hub import LOCATION, build, fill_in, page, run, validate

from competency_hub.placeholders import MARK

EXAMPLES = ["maps/example.yml", "challenges/example-challenge.md", "stories/example-story.md", "stories/authors.yml"]


def init(capsys: pytest.CaptureFixture[str], root: Path, *options: str) -> tuple[int, str, str]:
    return run(capsys, "init", str(root), *options)


def test_init_writes_a_hub_whose_examples_are_reported_until_replaced(capsys, tmp_path: Path) -> None:
    root = tmp_path / "my-hub"
    status, out, err = init(capsys, root, "--name", "Acme: Learning #1")
    assert status == 0, err
    assert "make validate" in err and "make serve" in err
    for rel in ["mkdocs.yml", "home-intro.md", "docs/contributing.md", ".github/workflows/hub.yml", ".github/pull_request_template.md", ".gitignore", "README.md", *EXAMPLES]:
        assert (root / rel).is_file(), rel
    settings = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert settings["site_name"] == "Acme: Learning #1"
    assert settings["theme"]["font"] == "false"
    assert "Northwind" not in "".join(p.read_text(encoding="utf-8") for p in root.rglob("*") if p.is_file())
    lines = validate(root)
    assert lines and all(": warning: HUB170 placeholder" in line for line in lines), lines
    assert {LOCATION.match(line)["path"] for line in lines} == set(EXAMPLES)
    assert run(capsys, "validate", "--strict", str(root))[0] == 1


def fill_in_examples(root: Path) -> None:
    """What the owner does: a real text for every placeholder of the examples."""
    fill_in(root / "maps/example.yml")
    fill_in(root / "challenges/example-challenge.md")
    fill_in(root / "stories/authors.yml")
    story = root / "stories/example-story.md"
    today = re.search(r"^date: (\S+)", story.read_text(encoding="utf-8"), re.MULTILINE)[1]
    fill_in(story, {f"date: {today}": "date: 2026-03-02", '"TODO: a number, or a short text such as 1 in 5"': "12", '"TODO: a number, or a short text"': "3"})


@pytest.mark.build
def test_once_replaced_the_hub_validates_and_builds_strictly_with_its_name_and_logo(capsys, tmp_path: Path) -> None:
    logo = tmp_path / "acme.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>', encoding="utf-8")
    root = tmp_path / "my-hub"
    status, _, err = init(capsys, root, "--name", "Acme Learning", "--primary", "teal", "--accent", "Deep Orange", "--logo", str(logo))
    assert status == 0, err
    fill_in_examples(root)
    assert MARK not in "".join((root / rel).read_text(encoding="utf-8") for rel in EXAMPLES)
    assert validate(root) == []
    status, _, err = run(capsys, "validate", "--strict", str(root))
    assert status == 0, err
    result = build(root)
    assert result.returncode == 0, result.output
    home = page(result.site, "")
    assert "Acme Learning" in home.title.get_text()
    assert home.find("h1").get_text(strip=True).startswith("Acme Learning")
    assert home.body["data-md-color-primary"] == "teal" and home.body["data-md-color-accent"] == "deep-orange"
    assert home.select_one('input[data-md-color-scheme="slate"]') is not None, "a dark palette with its toggle, like the starter hub"
    assert (result.site / "assets" / "acme.svg").is_file()
    assert (result.site / "maps" / "example" / "index.html").is_file()
    text = home.get_text(" ", strip=True)
    assert "Small, practical steps towards the capabilities our work needs." in text, "home_intro is the introduction"
    assert home.select_one('[data-hub-learner="home"]') is not None, "the generated home page, with the learner panel"
    assert home.select_one("#maps") is not None


def test_init_refuses_a_folder_that_is_not_empty(capsys, tmp_path: Path) -> None:
    root = tmp_path / "taken"
    root.mkdir()
    (root / "notes.txt").write_text("mine", encoding="utf-8")
    status, out, err = init(capsys, root, "--name", "Hub")
    assert status == 2
    assert err.startswith("competency-hub: ") and "not empty" in err and "Traceback" not in err
    assert sorted(p.name for p in root.iterdir()) == ["notes.txt"]
    (root / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    assert init(capsys, root, "--name", "Hub", "--force")[0] == 0
    assert (root / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert "site_name: \"Hub\"" in (root / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("option", "value", "hint"), [("--primary", "indgo", "did you mean 'indigo'?"), ("--accent", "grey", "")])
def test_init_refuses_an_unknown_colour(capsys, tmp_path: Path, option: str, value: str, hint: str) -> None:
    root = tmp_path / "hub"
    status, _, err = init(capsys, root, "--name", "Hub", option, value)
    assert status == 2
    assert err.startswith(f"competency-hub: {option} '{value}' is not one of Material's colours") and hint in err
    assert not root.exists()


def test_init_refuses_a_logo_that_is_not_a_regular_file(capsys, tmp_path: Path) -> None:
    status, _, err = init(capsys, tmp_path / "hub", "--name", "Hub", "--logo", str(tmp_path))
    assert status == 2 and "not a regular file" in err and "Traceback" not in err
    assert not (tmp_path / "hub").exists()


def test_the_ci_workflow_is_valid_yaml_and_runs_the_documented_commands(capsys, tmp_path: Path) -> None:
    root = tmp_path / "hub"
    assert init(capsys, root, "--name", "Hub")[0] == 0
    workflow = yaml.safe_load((root / ".github/workflows/hub.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["validate-and-build"]["steps"]
    commands = [step["run"] for step in steps if "run" in step]
    assert commands == ["make .venv/.installed", ".venv/bin/competency-hub validate --strict --format github", "make build"]
    documented = (Path(__file__).resolve().parents[1] / "docs/guide/validation.md").read_text(encoding="utf-8")
    assert all(f"run: {command}" in documented for command in commands)
    makefile = (root / "Makefile").read_text(encoding="utf-8")
    assert ".venv/.installed:" in makefile.replace("$(STAMP):", ".venv/.installed:") and "\nbuild:" in makefile
    assert "competency-hub==" in (root / "requirements.txt").read_text(encoding="utf-8")
