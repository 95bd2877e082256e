"""Two builds of one commit are byte-identical: dates come from SOURCE_DATE_EPOCH or the content.

The starter hub (whose maps have change logs, so the feeds are covered too) is built twice with the same
epoch into different folders: every file must be equal. A third build with an epoch on another
day differs only where MkDocs writes the build date (the gzip header of sitemap.xml.gz) and where
the hub counts from that date by design: the communities' upcoming rituals (marked `data-hub-dated` on
the pages) and the DTSTAMP of their calendar feeds, and the standup feeds' scheduled days
(docs/reference/urls.md, "Standup feeds"). Once those parts are set aside, every file is equal: the
epoch, not the clock, decides it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hub import REPO, build, copy_hub
from marks import require_mark

pytestmark = pytest.mark.build

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
OTHER_DAY = "1767571200"  # 2026-01-05T00:00:00Z


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def starter_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the starter hub (its maps have change logs, so feeds are built), outside the repository."""
    root = tmp_path_factory.mktemp("repro") / "hub"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv*", ".git", "site", "site-offline", "__pycache__", ".pytest_cache", "tests"))
    return root


def build_with_epoch(root: Path, site: Path, epoch: str, monkeypatch: pytest.MonkeyPatch, *, offline: bool = False) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    if offline:
        monkeypatch.setenv("HUB_OFFLINE", "true")
    result = build(root, site)
    assert result.returncode == 0, result.output
    return site


@pytest.mark.parametrize("offline", [False, True], ids=["web-server", "file-share"])
def test_two_builds_are_byte_identical(starter_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offline: bool) -> None:
    first = files(build_with_epoch(starter_copy, tmp_path / "first", EPOCH, monkeypatch, offline=offline))
    second = files(build_with_epoch(starter_copy, tmp_path / "second", EPOCH, monkeypatch, offline=offline))
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []
    assert "maps/coaching/changes.xml" in first and "urls.json" in first
    if offline:
        assert "search/fileshare-index.js" in first
    else:  # Pagefind's index too (its filter files are rewritten in a fixed order: mkdocs/search.py)
        assert "pagefind/pagefind-entry.json" in first and any(name.startswith("pagefind/filter/") for name in first)


def without_dated_parts(html: bytes) -> str:
    """A page without the parts that show what comes next from the build date (`data-hub-dated`)."""
    soup = BeautifulSoup(html.decode("utf-8"), "html.parser")
    for element in soup.select("[data-hub-dated]"):
        element.decompose()
    return str(soup)


def test_only_the_epoch_moves_the_build_date(starter_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = files(build_with_epoch(starter_copy, tmp_path / "first", EPOCH, monkeypatch))
    other = files(build_with_epoch(starter_copy, tmp_path / "other", OTHER_DAY, monkeypatch))
    changed = sorted(name for name in first if first[name] != other.get(name))
    # the exports' lastChangeDateTime is the epoch too (see docs/reference/exports/case.md)
    standup = re.compile(r"^maps/[^/]+/standup\.(json|xml)$")
    dated = [name for name in changed if name.startswith("communities/") or name.endswith(".html")]
    moved = [name for name in changed if not name.startswith("exports/") and name not in dated and not standup.match(name)]
    assert moved == ["sitemap.xml.gz"]
    assert "communities/hub.ics" in dated and "communities/index.html" in dated
    for name in dated:  # a page differs only in its dated parts; a feed only in DTSTAMP
        if name.endswith(".ics"):
            assert first[name].replace(b"DTSTAMP:20260101T", b"DTSTAMP:20260105T") == other[name], name
        else:
            assert without_dated_parts(first[name]) == without_dated_parts(other[name]), name
    for name in (name for name in changed if standup.match(name)):  # only the dates counted from the build date move
        assert without_build_dates(name, first[name]) == without_build_dates(name, other[name]), name
    assert any(name.startswith("exports/case/") for name in changed)
    # the gzip header's modification time (bytes 4-7, little-endian) is the build date: the epoch
    assert int.from_bytes(first["sitemap.xml.gz"][4:8], "little") == int(EPOCH)
    assert int.from_bytes(other["sitemap.xml.gz"][4:8], "little") == int(OTHER_DAY)


# -- a build is a function of the commit, not of the calendar ------------------------------------------

COMMITTED = "2026-02-03T04:05:06Z"


def committed_copy(dest: Path) -> Path:
    """The small fixture hub, published at a fixed address (so its sitemap lists pages), as a Git
    repository with one commit made on COMMITTED."""
    root = copy_hub(dest)
    config = root / "mkdocs.yml"
    config.write_text("site_url: https://hub.example.invalid/learning/\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    env = {**os.environ, "GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED}
    for command in (["init", "-q"], ["add", "-A"], ["-c", "user.name=Hub", "-c", "user.email=hub@example.invalid", "commit", "-qm", "hub"]):
        subprocess.run(["git", "-C", str(root), *command], check=True, env=env, capture_output=True)
    return root


def build_on(root: Path, site: Path, day: str) -> dict[str, bytes]:
    """A strict build with the machine's clock moved to `day` (Debian's faketime), no day pinned."""
    require_mark("build", "`mkdocs build` under faketime")
    faketime = shutil.which("faketime")
    assert faketime, "Debian's faketime moves the clock in this test; `make test` installs it"
    env = {k: v for k, v in os.environ.items() if k not in ("COMPETENCY_HUB_TODAY", "SOURCE_DATE_EPOCH")}
    command = [faketime, f"{day} 12:00:00", sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    done = subprocess.run(command, cwd=root, env={**env, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return files(site)


def test_one_commit_builds_the_same_site_years_apart(tmp_path: Path) -> None:
    """Pages are dated with the commit (sitemap lastmod, gzip header), never with the day of the build."""
    root = committed_copy(tmp_path)
    first = build_on(root, tmp_path / "first", "2027-03-01")
    later = build_on(root, tmp_path / "later", "2034-09-15")
    assert sorted(first) == sorted(later)
    assert [name for name in first if first[name] != later[name]] == []
    sitemap = first["sitemap.xml"].decode("utf-8")
    assert sitemap.count("<lastmod>2026-02-03</lastmod>") == sitemap.count("<url>") > 10
    assert int.from_bytes(first["sitemap.xml.gz"][4:8], "little") == 1770076800  # 2026-02-03T00:00:00Z


def without_build_dates(name: str, content: bytes) -> object:
    """A standup feed without the fields its build date decides (next scheduled days, `updated`)."""
    if name.endswith(".json"):
        feed = json.loads(content)
        for key in ("build_date", "build_date_slot"):
            feed["_standup"].pop(key)
        for item in feed["items"]:
            for key in ("next_date", "window"):
                item["_standup"].pop(key)
        return feed
    text = content.decode("utf-8")
    text = re.sub(r"<updated>[^<]*</updated>", "", text)
    text = re.sub(r' label="Day slot [^"]*"', "", text)
    return re.sub(r"<summary type=\"text\">Scheduled [^<]*</summary>", "", text)
