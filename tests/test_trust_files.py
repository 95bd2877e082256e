"""Only regular files inside the repository are read or published (issue 11, "Trust").

A pull request can add a symbolic link: to a secret outside the repository, as a map, a
challenge, a template, a story, an image, a docs page or a docs asset. Each is an error at the line
that names it, or at the file itself, and what it points to appears in no output, not even while
`mkdocs serve` previews content that has errors. A FIFO in a content folder must not hang anything.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hub import build, copy_story_hub, edit, errors, matching, where
from serving import fetch, mkdocs_serve, wait_for

CANARY = "CANARY-7f3c1e-do-not-publish"
PNG = b"\x89PNG\r\n\x1a\n"


def outside_secrets(tmp_path: Path) -> Path:
    """A folder beside the hub holding files with the canary, the way ~/.ssh or /etc would."""
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "secret.yml").write_text(f"id: secret\ntitle: {CANARY}\n", encoding="utf-8")
    (outside / "secret.md").write_text(f"---\nid: secret\ntitle: {CANARY}\n---\n\n{CANARY}\n", encoding="utf-8")
    (outside / "secret.txt").write_text(f"{CANARY}\n", encoding="utf-8")
    (outside / "secret.png").write_bytes(PNG + CANARY.encode())
    (outside / "template.md.j2").write_text(f"{CANARY}\n", encoding="utf-8")
    (outside / "folder" / "secret.txt").write_text(f"{CANARY}\n", encoding="utf-8")
    return outside


def linked_hub(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The story hub with a link to an outside secret in every place; returns it and rel → where to report."""
    root = copy_story_hub(tmp_path)
    outside = outside_secrets(tmp_path)
    links = {
        "maps/leak.yml": outside / "secret.yml",
        "challenges/leak.md": outside / "secret.md",
        "challenges/templates/leak-sheet.md": outside / "secret.md",
        "challenges/linked": outside / "folder",
        "stories/leak.md": outside / "secret.md",
        "stories/images/leak.png": outside / "secret.png",
        "stories/linked": outside / "folder",
        "docs/leak.md": outside / "secret.md",
        "docs/secret.txt": outside / "secret.txt",
        "docs/linked": outside / "folder",
        "templates/map.md.j2": outside / "template.md.j2",
        # A link that stays inside the repository is refused too: no link is ever needed.
        "stories/images/inside.png": root / "stories" / "images" / "unused.png",
    }
    (root / "templates").mkdir()
    for rel, target in links.items():
        os.symlink(target, root / rel)
    edit(root, "mkdocs.yml", "      stories_per_page: 2\n", "      stories_per_page: 2\n      templates_dir: templates\n")
    edit(root, "challenges/tag-ten-tickets.md", "file: templates/tag-sheet.md", "file: templates/leak-sheet.md")
    edit(
        root,
        "stories/weekend-triage-rota.md",
        "Book the rota a quarter ahead.",
        "Book the rota a quarter ahead.\n\n![Board](images/leak.png)\n\n![Board](images/inside.png)",
    )
    expected = {rel: f"{rel}:1:1" for rel in links}
    expected["challenges/templates/leak-sheet.md"] = where(root, "challenges/tag-ten-tickets.md", "templates/leak-sheet.md")
    expected["stories/images/leak.png"] = where(root, "stories/weekend-triage-rota.md", "images/leak.png")
    expected["stories/images/inside.png"] = where(root, "stories/weekend-triage-rota.md", "images/inside.png")
    return root, expected


def canary_files(folder: Path) -> list[str]:
    """Every file under `folder` whose bytes hold the canary (links are not followed)."""
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and CANARY.encode() in path.read_bytes():
            found.append(path.relative_to(folder).as_posix())
    return sorted(found)


def test_every_link_is_an_error_at_the_line_that_names_it_or_at_the_file(tmp_path: Path) -> None:
    root, expected = linked_hub(tmp_path)
    found = errors(root)
    for rel, location in expected.items():
        assert matching(found, location, "symbolic link"), f"{rel}: no error at {location}:\n" + "\n".join(found)
    # Named files are also reported at the file itself, so the link to delete is listed too.
    assert matching(found, "challenges/templates/leak-sheet.md:1:1", "symbolic link")
    assert not any(CANARY in line for line in found), "a diagnostic quoted the secret"


@pytest.mark.build
def test_the_build_fails_and_the_cli_says_the_same(tmp_path: Path) -> None:
    root, expected = linked_hub(tmp_path)
    result = build(root, strict=False)
    assert result.returncode != 0, result.output
    for rel, location in expected.items():
        assert location in result.output, f"{rel}: the build did not report {location}\n{result.output}"
    assert "Traceback" not in result.output
    assert not result.site.exists() or canary_files(result.site) == []
    cli = subprocess.run(
        [sys.executable, "-m", "competency_hub.cli", "validate", str(root)], capture_output=True, text=True, timeout=300
    )
    assert cli.returncode == 1, cli.stdout + cli.stderr
    assert "challenges/leak.md:1:1: error:" in cli.stdout


@pytest.mark.build
def test_serve_never_serves_what_a_link_points_to(tmp_path: Path) -> None:
    """`mkdocs serve` previews content with errors; what it writes and serves still holds no secret."""
    root, _ = linked_hub(tmp_path)
    served = tmp_path / "served"
    served.mkdir()
    with mkdocs_serve(root, env={"TMPDIR": str(served)}) as base:
        assert wait_for(f"{base}/stories/weekend-triage-rota/", "weekend triage rota"), "serve did not come up"
        for url in (
            "/challenges/templates/leak-sheet.md",
            "/challenges/leak/",
            "/challenges/linked/secret.txt",
            "/stories/leak/",
            "/stories/images/leak.png",
            "/stories/images/inside.png",
            "/stories/linked/secret.txt",
            "/leak/",
            "/secret.txt",
            "/linked/secret.txt",
            "/maps/leak/",
            "/maps/support/",
            "/search/search_index.json",
        ):
            body = fetch(base + url)
            assert body is None or CANARY not in body, f"serve served the secret at {url}"
        sites = [p for p in served.iterdir() if p.name.startswith("mkdocs_")]
        assert sites, "serve wrote no site where it was told to"
        assert any((site / "index.html").is_file() for site in sites)
        for site in sites:
            assert canary_files(site) == [], f"serve wrote the secret into {site}"
        # Dropping docs/ links must not drop the theme's files, which MkDocs lists beside them.
        assert any(site.glob("assets/javascripts/bundle.*.min.js") for site in sites), "Material's script is gone"


@pytest.mark.build
def test_a_fifo_anywhere_is_an_error_and_blocks_nothing(tmp_path: Path) -> None:
    root = copy_story_hub(tmp_path)
    fifos = [
        "maps/pipe.yml",
        "challenges/pipe.md",
        "challenges/templates/pipe.md",
        "stories/pipe.md",
        "stories/images/pipe.png",
        "stories/authors.yml",
        "docs/pipe.md",
        "docs/pipe.txt",
    ]
    (root / "stories" / "authors.yml").unlink()
    for rel in fifos:
        os.mkfifo(root / rel)
    cli = subprocess.run(
        [sys.executable, "-m", "competency_hub.cli", "validate", str(root)], capture_output=True, text=True, timeout=120
    )
    for rel in fifos:
        assert f"{rel}:1:1: error: HUB803 not a regular file" in cli.stdout, cli.stdout + cli.stderr
    done = build(root, tmp_path / "site", strict=False)
    assert done.returncode != 0
    assert "docs/pipe.txt:1:1: error:" in done.output
    assert "Traceback" not in done.output
