"""Converted pages kept across builds (mkdocs/pagecache.py) change nothing the site says or warns about.

The starter hub is built once with an empty cache (kept in its own copy, under `.cache/`), once with
the cache off; each test copies that hub with its warm cache and builds again. What the cache did is
read from the report it writes (`last-build.json`: pages used, pages converted), never from time.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hub import REPO, BuildResult, build, edit
from marks import require_mark

pytestmark = pytest.mark.build

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
CACHE = Path(".cache/competency-hub/pages")


def lenient_build(root: Path, site: Path) -> BuildResult:
    """`mkdocs build --no-strict` (the starter's mkdocs.yml says `strict: true`)."""
    require_mark("build", "`mkdocs build --no-strict`")
    command = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    done = subprocess.run(command, cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600)
    return BuildResult(done.returncode, done.stdout + done.stderr, site)


def contents(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in set(a) | set(b) if a.get(name) != b.get(name))


def report(root: Path) -> dict:
    return json.loads((root / CACHE / "last-build.json").read_text(encoding="utf-8"))


def entries(root: Path) -> list[Path]:
    return sorted(p for p in (root / CACHE).glob("*/*.json"))


class Warm:
    def __init__(self, root: Path, site: Path, uncached: Path) -> None:
        self.root, self.site, self.uncached = root, site, uncached

    def copy(self, dest: Path) -> Path:
        """The hub with its warm cache, to change freely."""
        shutil.copytree(self.root, dest, symlinks=True)
        return dest


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Warm:
    base = tmp_path_factory.mktemp("pagecache")
    root = base / "hub"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv*", ".git", "site", "site-offline", "__pycache__", ".pytest_cache", "tests", ".cache"))
    mp = pytest.MonkeyPatch()
    mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
    try:
        cold = build(root, base / "cold")
        assert cold.returncode == 0, cold.output
        assert report(root)["used"] == 0 and report(root)["stored"] > 100, report(root)
        # The same hub with the cache off, from its own copy (no .cache at all).
        off = base / "off"
        shutil.copytree(root, off, ignore=shutil.ignore_patterns(".cache"))
        text = (off / "mkdocs.yml").read_text(encoding="utf-8")
        (off / "mkdocs.yml").write_text(text.replace("  - competency-hub:\n", "  - competency-hub:\n      page_cache: false\n", 1), encoding="utf-8")
        uncached = build(off, base / "uncached")
        assert uncached.returncode == 0, uncached.output
        assert not (off / ".cache" / "competency-hub" / "pages").exists()
    finally:
        mp.undo()
    return Warm(root, base / "cold", base / "uncached")


@pytest.fixture(autouse=True)
def _epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


def test_a_warm_cache_builds_the_same_site_as_a_cold_one_and_as_no_cache(warm: Warm, tmp_path: Path) -> None:
    assert differing(contents(warm.site), contents(warm.uncached)) == []
    root = warm.copy(tmp_path / "hub")
    stored = len(entries(root))
    again = build(root, tmp_path / "site")
    assert again.returncode == 0, again.output
    done = report(root)
    assert done["converted"] == [] and done["stored"] == 0
    assert done["used"] == stored > 100
    assert f"page cache: {stored} pages from {CACHE.as_posix()}, 0 converted" in again.output
    # the same pages: Pagefind's index is the one kept with them, and Pagefind does not run
    assert "search index: the pages are those Pagefind last indexed, so its index is taken from the page cache" in again.output
    assert "search index written in" not in again.output
    assert differing(contents(warm.site), contents(tmp_path / "site")) == []


def test_an_edited_challenge_converts_only_the_pages_that_show_it(warm: Warm, tmp_path: Path) -> None:
    root = warm.copy(tmp_path / "hub")
    before = {path.name for path in entries(root)}
    challenge = sorted((root / "challenges").glob("*.md"))[0]
    text = challenge.read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    first = next(line for line in body.splitlines() if len(line.split()) > 3 and not line.startswith(("#", "-", "|", "<", ">")))
    edit(root, f"challenges/{challenge.name}", first, first + " A sentence added for the page cache test.")
    again = build(root, tmp_path / "site")
    assert again.returncode == 0, again.output
    done = report(root)
    converted = set(done["converted"])
    assert f"challenges/{challenge.stem}.md" in converted
    assert 0 < len(converted) <= 10, converted
    assert done["used"] + done["stored"] == len(before)
    # What the edit did not touch is as before; the rest is what a build without the cache writes.
    site = contents(tmp_path / "site")
    assert "A sentence added for the page cache test." in site[f"challenges/{challenge.stem}/index.html"].decode("utf-8")
    changed_pages = {name for name in differing(contents(warm.site), site) if name.endswith(".html")}
    assert changed_pages, "the edit shows nowhere"
    assert "search index written in" in again.output and "taken from the page cache" not in again.output  # other pages: Pagefind runs
    assert len(list((root / CACHE).glob("pagefind-*.zip"))) == 2  # this build's index and the one before
    # Entries the build did not use (the challenge page's old conversion) are pruned after it.
    assert len(entries(root)) == len(before)


def test_a_link_whose_target_is_gone_still_fails_a_strict_build_on_a_warm_cache(warm: Warm, tmp_path: Path) -> None:
    root = warm.copy(tmp_path / "hub")
    (root / "docs" / "guide" / "make-it-yours.md").unlink()  # reference/cli.md links to it; its Markdown is unchanged
    again = build(root, tmp_path / "site")
    assert again.returncode != 0
    assert (
        "Doc file 'reference/cli.md' contains a link '../guide/make-it-yours.md', but the target "
        "'guide/make-it-yours.md' is not found among documentation files."
    ) in again.output
    assert "reference/cli.md" in report(root)["converted"]


def test_a_corrupt_or_truncated_entry_is_a_miss(warm: Warm, tmp_path: Path) -> None:
    root = warm.copy(tmp_path / "hub")
    kept = {json.loads(path.read_text(encoding="utf-8"))["src_uri"]: path for path in entries(root)}
    truncated, garbage, wrong = kept["reference/cli.md"], kept["guide/privacy.md"], kept["index.md"]
    truncated.write_bytes(truncated.read_bytes()[:100])
    garbage.write_bytes(b"\xff\xfe not json at all")
    data = json.loads(wrong.read_text(encoding="utf-8"))
    data["toc"] = [["a title", 3, "not a level", []]]
    wrong.write_text(json.dumps(data), encoding="utf-8")
    again = build(root, tmp_path / "site")
    assert again.returncode == 0, again.output
    assert set(report(root)["converted"]) == {"reference/cli.md", "guide/privacy.md", "index.md"}
    assert differing(contents(warm.site), contents(tmp_path / "site")) == []
    again = build(root, tmp_path / "site2")  # written whole again by the build that converted them
    assert report(root)["converted"] == []


def test_a_cache_folder_that_is_a_symbolic_link_is_refused(warm: Warm, tmp_path: Path) -> None:
    root = warm.copy(tmp_path / "hub")
    outside = tmp_path / "elsewhere"
    shutil.move(root / CACHE, outside)
    (root / CACHE).symlink_to(outside, target_is_directory=True)
    before = {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()}
    strict = build(root, tmp_path / "strict")
    assert strict.returncode != 0
    message = (
        f"{CACHE.as_posix()}:1:1: warning: the page cache folder is a symbolic link or under one: only a plain folder "
        "inside the repository, which Git does not track, holds converted pages, so the cache is off for this build"
    )
    assert message in strict.output
    lenient = lenient_build(root, tmp_path / "site")
    assert lenient.returncode == 0, lenient.output
    assert message in lenient.output
    assert "page cache:" not in lenient.output
    assert {path: path.read_bytes() for path in outside.rglob("*") if path.is_file()} == before  # nothing read into, nor written
    assert differing(contents(warm.site), contents(tmp_path / "site")) == []


def test_entries_no_build_uses_are_pruned(warm: Warm, tmp_path: Path) -> None:
    root = warm.copy(tmp_path / "hub")
    current = entries(root)[0].parent
    (current / f"{'0' * 64}.json").write_text("{}", encoding="utf-8")
    (current / ".tmp-left-by-a-crash").write_text("{", encoding="utf-8")
    for name in ("0000000000000001", "0000000000000002"):  # converters of earlier builds
        (root / CACHE / name).mkdir()
    again = build(root, tmp_path / "site")
    assert again.returncode == 0, again.output
    assert not (current / f"{'0' * 64}.json").exists() and not (current / ".tmp-left-by-a-crash").exists()
    assert len([p for p in (root / CACHE).iterdir() if p.is_dir()]) == 2
    assert current.is_dir()


def test_a_cache_folder_that_git_tracks_is_refused(warm: Warm, tmp_path: Path) -> None:
    root = warm.copy(tmp_path / "hub")
    planted = entries(root)[0]
    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-f", str(planted.relative_to(root))], check=True)
    strict = build(root, tmp_path / "strict")
    assert strict.returncode != 0
    assert f"{CACHE.as_posix()}:1:1: warning: the page cache folder holds files tracked by Git:" in strict.output
    assert "page cache:" not in strict.output


def test_a_damaged_kept_search_index_is_made_again(warm: Warm, tmp_path: Path) -> None:
    """A kept Pagefind index that is cut short, or names a file outside its folder, is not used (nor
    unpacked past that name): Pagefind runs, and the site's index is the one a build without the cache
    writes."""
    for damage in ("truncated", "escaping"):
        root = warm.copy(tmp_path / damage / "hub")
        (kept,) = (root / CACHE).glob("pagefind-*.zip")
        if damage == "truncated":
            kept.write_bytes(kept.read_bytes()[: kept.stat().st_size // 2])
        else:
            import zipfile

            with zipfile.ZipFile(kept, "a") as archive:
                archive.writestr("../../../escaped.txt", "planted")
        again = build(root, tmp_path / damage / "site")
        assert again.returncode == 0, again.output
        assert "search index written in" in again.output and "taken from the page cache" not in again.output
        pagefind = {k: v for k, v in contents(tmp_path / damage / "site").items() if k.startswith("pagefind/")}
        assert pagefind and pagefind == {k: v for k, v in contents(warm.uncached).items() if k.startswith("pagefind/")}
