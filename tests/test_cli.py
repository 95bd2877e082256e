"""The `competency-hub` command: validate, schema and new, in-process and through the console script."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from competency_hub.schema import schema_files
from hub import LOCATION, REPO, SMALL_HUB, build, copy_hub, edit, errors, run, validate

TAG = "challenges/tag-ten-tickets.md"
SUPPORT = "maps/support.yml"
BILLING = "maps/billing.yml"

UNKNOWN_CAPABILITY = (
    "challenges/tag-ten-tickets.md:5:13: error: HUB303 unknown capability 'triag' in map 'support' (did you mean 'triage'?)"
)


@pytest.fixture(autouse=True)
def _pinned(pinned_today: str) -> None:
    """These tests compare everything `validate` prints for the fixture hub, whose maps fall due for
    review in 2027 (a note in the output from then on): the day is fixed so the output is too."""


def break_capability(root: Path) -> None:
    edit(root, TAG, "capability: support/triage", "capability: support/triag")


def add_lint_warning(root: Path) -> None:
    edit(
        root,
        BILLING,
        "text: Calculates a partial refund and shows the sum in the ticket.",
        "text: Calculates refunds effectively.",
    )


# -- validate -------------------------------------------------------------------------------------


def test_validate_clean_hub_exits_0(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    status, out, err = run(capsys, "validate", str(hub))
    assert status == 0
    assert out == ""
    assert "no problems found" in err


def test_validate_defaults_to_the_current_folder(capsys, hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    break_capability(hub)
    monkeypatch.chdir(hub / "challenges")  # the hub root is found upwards, from mkdocs.yml
    status, out, _ = run(capsys, "validate")
    assert status == 1
    assert out.splitlines() == [UNKNOWN_CAPABILITY]


def test_validate_error_exits_1_with_location(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    break_capability(hub)
    status, out, err = run(capsys, "validate", str(hub))
    assert status == 1
    assert out.splitlines() == [UNKNOWN_CAPABILITY]
    assert "1 error(s), 0 warning(s)" in err


def test_warnings_alone_exit_0_but_1_with_strict(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    add_lint_warning(hub)
    status, out, err = run(capsys, "validate", str(hub))
    assert status == 0
    assert out.startswith("maps/billing.yml:33:17: warning: HUB250 behaviour 'refunds-partial': 'effectively'")
    assert "0 error(s), 1 warning(s)" in err
    status, out_strict, _ = run(capsys, "validate", "--strict", str(hub))
    assert status == 1
    assert out_strict == out


def test_every_text_line_is_path_line_col_severity_message(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    add_lint_warning(hub)
    edit(hub, SUPPORT, "title: Customer support", "title: Customer: support")
    edit(hub, "challenges/rewrite-macro.md", "## Template", "## Templates")
    status, out, _ = run(capsys, "validate", str(hub))
    assert status == 1
    lines = out.splitlines()
    assert len(lines) == 4  # unknown + missing section, the YAML error, the lint warning
    parsed = [LOCATION.match(line) for line in lines]
    assert all(parsed), lines
    keys = [(m["path"], int(m["line"]), int(m["col"])) for m in parsed]
    assert keys == sorted(keys)
    assert [m["severity"] for m in parsed].count("warning") == 1


def test_github_format(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    break_capability(hub)
    add_lint_warning(hub)
    status, out, _ = run(capsys, "validate", "--format", "github", str(hub))
    assert status == 1
    assert out.splitlines() == [
        "::error file=challenges/tag-ten-tickets.md,line=5,col=13,title=HUB303 unknown capability::unknown capability 'triag' in map 'support' "
        "(did you mean 'triage'?)",
        "::warning file=maps/billing.yml,line=33,col=17,title=HUB250 behaviour not observable::behaviour 'refunds-partial': 'effectively' is a judgement "
        "two reviewers would mark differently (say what it looks like: a threshold, a count, a visible result)",
    ]


def test_validate_one_file_shows_only_that_file(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    break_capability(hub)
    add_lint_warning(hub)
    status, out, _ = run(capsys, "validate", str(hub / BILLING))
    assert status == 0  # billing.yml has only a warning
    assert [line.split(":")[0] for line in out.splitlines()] == ["maps/billing.yml"]
    status, out, _ = run(capsys, "validate", str(hub / TAG))
    assert status == 1
    assert out.splitlines() == [UNKNOWN_CAPABILITY]
    status, out, err = run(capsys, "validate", str(hub / SUPPORT))
    assert (status, out) == (0, "")
    assert "no problems found" in err


def test_validate_one_file_still_checks_it_against_the_whole_hub(capsys, hub: Path) -> None:
    """A challenge is checked against the maps, even when only the challenge is named."""
    edit(hub, "challenges/rewrite-macro.md", "level: assisted", "level: master")
    status, out, _ = run(capsys, "validate", str(hub / "challenges" / "rewrite-macro.md"))
    assert status == 1
    assert out.startswith("challenges/rewrite-macro.md:6:8: error: HUB304 unknown level 'master'")


def test_validate_missing_path_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, out, err = run(capsys, "validate", str(tmp_path / "nowhere"))
    assert status == 2
    assert "no such file or folder" in err


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param({"maps/support.yml": b"id: [unclosed\n"}, id="yaml-syntax"),
        pytest.param({"maps/support.yml": b"\xff\xfe\x00garbage"}, id="binary"),
        pytest.param({"maps/support.yml": b"- a\n- b\n"}, id="list"),
        pytest.param({"maps/support.yml": b"id: support\ncapabilities: 7\nscale: {a: 1}\n"}, id="wrong-shapes"),
        pytest.param({TAG: b"---\n---\n"}, id="empty-front-matter"),
        pytest.param({TAG: b"---\n- 1\n---\nbody\n"}, id="list-front-matter"),
        pytest.param({TAG: b"---\n? [a, b]\n: c\n---\n"}, id="complex-key"),
        pytest.param({TAG: b"---\nid: !!python/object:os.system x\n---\n"}, id="python-tag"),
        pytest.param({"maps/support.yml": b"id: support\nloop: &a [*a]\n"}, id="recursive-alias"),
        pytest.param({"maps/billing.yml": b"id: billing\nreview_date: 2027-02-30\n"}, id="impossible-date"),
        pytest.param({TAG: b"---\n2027-13-01: x\ntime_box: !!float many\n---\n"}, id="impossible-key-and-float"),
        pytest.param({"mkdocs.yml": b"site_name: [broken\n"}, id="broken-mkdocs-yml"),
    ],
)
def test_bad_content_never_shows_a_traceback(capsys, hub: Path, damage: dict[str, bytes]) -> None:
    for rel, data in damage.items():
        (hub / rel).write_bytes(data)
    status, out, err = run(capsys, "validate", str(hub))
    assert "Traceback" not in out + err
    if "mkdocs.yml" not in damage:
        assert status == 1
        assert any(line.startswith(tuple(damage)) and ": error: " in line for line in out.splitlines()), out


@pytest.mark.parametrize(
    "options",
    [
        "  - competency-hub:\n      max_time_box: ten\n",
        "  - competency-hub:\n      max_file_size: true\n",
        "  - competency-hub:\n      maps_dir: 7\n",
        "  - competency-hub: 30\n",
    ],
    ids=["text-for-int", "bool-for-int", "int-for-text", "not-a-mapping"],
)
def test_bad_plugin_options_are_a_clear_error_not_a_traceback(capsys, hub: Path, options: str) -> None:
    edit(hub, "mkdocs.yml", "  - competency-hub\n", options)
    status, out, err = run(capsys, "validate", str(hub))
    assert status == 2
    assert "Traceback" not in out + err
    assert "competency-hub: " in err and "mkdocs.yml" in err
    status, _, err = run(capsys, "new", "map", "Returns desk", "--root", str(hub))
    assert status == 2
    assert not (hub / "maps" / "returns-desk.yml").exists()


@pytest.mark.build
def test_bad_plugin_option_also_fails_the_build(hub: Path) -> None:
    """The CLI refuses what MkDocs refuses, so `validate` never passes a hub the build rejects."""
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      max_time_box: ten\n")
    result = build(hub)
    assert result.returncode != 0
    assert "max_time_box" in result.output


# -- schema ---------------------------------------------------------------------------------------


def test_schema_check_passes_on_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "schema", "--check", str(REPO / "schemas"))
    assert status == 0, err


def test_schema_check_fails_on_a_tampered_copy(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "schemas"
    status, _, _ = run(capsys, "schema", "--write", str(folder))
    assert status == 0
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{kind}.schema.json" for kind in schema_files())
    assert {"map", "challenge", "story", "authors", "patterns", "pilot", "community", "progress", "job-aid"} == set(schema_files())
    status, _, _ = run(capsys, "schema", "--check", str(folder))
    assert status == 0
    tampered = folder / "map.schema.json"
    tampered.write_text(
        tampered.read_text(encoding="utf-8").replace('"title": "Map"', '"title": "Mapp"'), encoding="utf-8"
    )
    status, _, err = run(capsys, "schema", "--check", str(folder))
    assert status == 1
    assert "map.schema.json: out of date" in err
    assert "challenge.schema.json" not in err
    (folder / "challenge.schema.json").unlink()
    status, _, err = run(capsys, "schema", "--check", str(folder))
    assert status == 1
    assert "challenge.schema.json: out of date" in err


def test_schema_prints_every_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "schema")
    assert status == 0
    for kind, content in schema_files().items():
        assert f"# {kind}.schema.json\n{content.decode('utf-8')}" in out


def test_schema_reference_equals_the_committed_reference_page(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "schema", "--reference")
    assert status == 0
    assert out == (REPO / "docs" / "reference" / "content-model.md").read_text(encoding="utf-8")


# -- new ------------------------------------------------------------------------------------------


def test_new_challenge_validates(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    status, out, _ = run(
        capsys,
        "new", "challenge", "Sort the weekend backlog",
        "--capability", "support/triage", "--level", "assisted", "--evidence", "queue-log",
        "--root", str(hub),
    )  # fmt: skip
    assert status == 0
    path = hub / "challenges" / "sort-the-weekend-backlog.md"
    assert out.strip() == str(path)
    text = path.read_text(encoding="utf-8")
    assert "id: sort-the-weekend-backlog" in text
    assert "capability: support/triage" in text
    assert errors(hub) == []


def test_new_challenge_refuses_to_overwrite(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    before = (hub / TAG).read_text(encoding="utf-8")
    status, _, err = run(capsys, "new", "challenge", "Tag ten tickets", "--root", str(hub))
    assert status == 1
    assert "exists" in err
    assert (hub / TAG).read_text(encoding="utf-8") == before


def test_new_challenge_with_placeholders_is_reported_not_crashing(capsys, hub: Path) -> None:
    """Without --capability the scaffold says `map-id/capability-id`, which validation names."""
    status, _, _ = run(capsys, "new", "challenge", "Something new", "--root", str(hub))
    assert status == 0
    lines = validate(hub)
    assert any(line.startswith("challenges/something-new.md:") and "unknown map 'map-id'" in line for line in lines), (
        lines
    )


def test_new_rejects_an_invalid_id(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    status, _, err = run(capsys, "new", "map", "Returns", "--id", "Not_Valid", "--root", str(hub))
    assert status == 2
    assert "not a valid id" in err
    assert not (hub / "maps" / "Not_Valid.yml").exists()


def test_new_map_validates(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    status, out, _ = run(capsys, "new", "map", "Returns desk", "--root", str(hub))
    assert status == 0
    path = hub / "maps" / "returns-desk.yml"
    assert out.strip() == str(path)
    assert "id: returns-desk" in path.read_text(encoding="utf-8")
    # Nothing is wrong but the placeholders, each a warning until replaced (tests/test_placeholders.py).
    assert [line for line in validate(hub) if "placeholder 'TODO:" not in line] == []


def test_new_files_go_to_configured_folders(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    (hub / "maps").rename(hub / "competencies")
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      maps_dir: competencies\n")
    status, _, _ = run(capsys, "new", "map", "Returns desk", "--root", str(hub))
    assert status == 0
    assert (hub / "competencies" / "returns-desk.yml").is_file()
    lines = validate(hub)
    assert lines and all(line.startswith("competencies/returns-desk.yml:") and "placeholder 'TODO:" in line for line in lines)


# -- the console entry ----------------------------------------------------------------------------


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def test_module_entry_point_runs_validate(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    break_capability(root)
    done = subprocess.run(
        [sys.executable, "-m", "competency_hub.cli", "validate", str(root)],
        capture_output=True, text=True, env=_env(), timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stdout.splitlines() == [UNKNOWN_CAPABILITY]
    assert "Traceback" not in done.stderr


def test_console_script_is_installed_and_works(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "competency-hub"
    assert script.is_file(), "the console script competency-hub is not installed beside the interpreter"
    done = subprocess.run(
        [str(script), "validate", str(SMALL_HUB)], capture_output=True, text=True, env=_env(), timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "no problems found" in done.stderr
    version = subprocess.run([str(script), "--version"], capture_output=True, text=True, env=_env(), timeout=120)
    assert version.returncode == 0
    assert version.stdout.startswith("competency-hub ")


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "publish")
    assert status == 2
    assert "invalid choice" in err


def test_misspelt_plugin_option_is_a_warning_with_a_hint(capsys: pytest.CaptureFixture[str], hub: Path) -> None:
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      max_time_bx: 20\n")
    status, out, _ = run(capsys, "validate", str(hub))
    assert status == 0
    assert "mkdocs.yml:1:1: warning: HUB902 plugin 'competency-hub', option 'max_time_bx'" in out
    assert "(did you mean 'max_time_box'?)" in out
    assert run(capsys, "validate", "--strict", str(hub))[0] == 1


def test_github_annotations_name_the_file_from_the_repository_root(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    root = copy_hub(repo / "learning")  # the hub is copied to learning/hub
    break_capability(root)
    status, out, _ = run(capsys, "validate", "--format", "github", str(root))
    assert status == 1
    assert out.startswith("::error file=learning/hub/challenges/tag-ten-tickets.md,line=5,col=13,title=HUB303 unknown capability::")


def test_new_finds_the_hub_from_a_sub_folder(capsys, hub: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(hub / "maps")
    status, out, _ = run(capsys, "new", "map", "Ça marche")
    assert status == 0, out
    assert (hub / "maps" / "ca-marche.yml").is_file()
    assert not (hub / "maps" / "maps").exists()
