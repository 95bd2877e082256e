"""The starter hub builds the same with MkDocs 1.6 and with ProperDocs, its maintained fork.

Material for MkDocs reaches its end of life in May 2027 and MkDocs 1.6 is no longer developed
(docs/guide/hosting.md, "MkDocs, ProperDocs and Material's end of life"). A hub that moves to
ProperDocs must get the same site. So the starter hub is built with `mkdocs build` (.venv) and
with `properdocs build` (.venv-properdocs, which `make engines` makes and `make test` needs:
ProperDocs, the hub and every other package at .venv's version, and no MkDocs at all), with the
same SOURCE_DATE_EPOCH, for a web server and for a file share, and the two sites are compared:
the same files, every file other than a page byte for byte equal, and every page equal once the
one place that names the engine is set aside:

- `<meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.2">`: Material's base
  template writes the `mkdocs_version` the engine hands it, and ProperDocs hands it
  "ProperDocs 1.6.7" (properdocs/commands/build.py), so the tag reads "mkdocs-ProperDocs 1.6.7".
  That is what the tag is for; nothing reads it.

No other difference is allowed: a new one fails here and names the files. The test also checks
that the two environments differ only by their engine, and that a build over the previous site
(`--dirty`) knows which engine runs it (competency_hub/mkdocs/incremental.py), so that a new
ProperDocs rebuilds every page.
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
from hub import REPO, BuildResult, build
from marks import require_mark

ENGINE_VENV = REPO / ".venv-properdocs"
PROPERDOCS = ENGINE_VENV / "bin" / "properdocs"
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z

GENERATOR = re.compile(rb'<meta name="generator" content="mkdocs-([^",]*), mkdocs-material-[^"]*">')
"""Material's generator tag; its first part is the engine's name and version."""

TOOLING = {"pip", "setuptools", "wheel"}
"""Installers, not part of a build: each environment has the one it was made with."""

VERSIONS = "import importlib.metadata as m, json; print(json.dumps({d.metadata['Name'].lower(): d.version for d in m.distributions()}))"


def installed(python: Path | str) -> dict[str, str]:
    """Every distribution in the environment of `python` → its version."""
    done = subprocess.run([str(python), "-c", VERSIONS], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def environments() -> tuple[dict[str, str], dict[str, str]]:
    """What .venv (running this test) and .venv-properdocs have installed; a skip naming the make target
    that creates the second one when it is missing (`make test` always makes it first)."""
    if not PROPERDOCS.is_file():
        pytest.skip(f"ProperDocs is not installed in {ENGINE_VENV}: `make engines` creates it (`make test` does it first)")
    return installed(sys.executable), installed(ENGINE_VENV / "bin" / "python")


def properdocs_build(root: Path, site: Path, env: dict[str, str]) -> BuildResult:
    """`properdocs build --strict` from .venv-properdocs, as `hub.build` runs `mkdocs build`."""
    require_mark("build", "`properdocs build`")
    command = [str(PROPERDOCS), "build", "--strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    done = subprocess.run(command, cwd=root, env={**os.environ, **env}, capture_output=True, text=True, timeout=600)
    return BuildResult(done.returncode, done.stdout + done.stderr, site)


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def engine_named(page: bytes) -> list[bytes]:
    """What the page's generator tag says the engine is (none on the hub's own print and embed pages)."""
    return GENERATOR.findall(page)


def without_engine(page: bytes) -> bytes:
    return GENERATOR.sub(b'<meta name="generator" content="ENGINE">', page)


@pytest.fixture(scope="module")
def starter_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the starter hub outside the repository, so that neither build writes into it."""
    root = tmp_path_factory.mktemp("engines") / "hub"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv*", ".git", "site", "site-offline", "__pycache__", ".pytest_cache", "tests", ".cache"))
    return root


@pytest.mark.build
@pytest.mark.parametrize("offline", [False, True], ids=["web-server", "file-share"])
def test_mkdocs_and_properdocs_build_the_same_site(
    environments: tuple[dict[str, str], dict[str, str]], starter_copy: Path, tmp_path: Path, offline: bool
) -> None:
    ours, theirs = environments
    # ProperDocs and no MkDocs; every other package at .venv's version, so that only the engine differs
    assert "mkdocs" in ours and "properdocs" not in ours
    assert "properdocs" in theirs and "mkdocs" not in theirs and {"mkdocs-material", "competency-hub"} <= set(theirs)
    different = {name: (ours[name], version) for name, version in theirs.items() if ours.get(name, version) != version and name not in TOOLING}
    assert different == {}, "run `make engines` again: .venv-properdocs takes .venv's versions (its `pip freeze` as constraints)"
    # a build over the previous site (--dirty) rebuilds every page when the engine or its version changes
    # (competency_hub/mkdocs/incremental.py): it asks the module ProperDocs answers `import mkdocs` with
    ask = "import properdocs.replacement; from competency_hub.mkdocs import incremental; print(incremental.engine())"
    named = subprocess.run([str(ENGINE_VENV / "bin" / "python"), "-c", ask], capture_output=True, text=True, check=True)
    assert named.stdout.strip() == f"properdocs {theirs['properdocs']}"

    env = {"SOURCE_DATE_EPOCH": EPOCH, **({"HUB_OFFLINE": "true"} if offline else {})}
    by_mkdocs = build(starter_copy, tmp_path / "mkdocs", env=env)
    assert by_mkdocs.returncode == 0, by_mkdocs.output
    by_properdocs = properdocs_build(starter_copy, tmp_path / "properdocs", env)
    assert by_properdocs.returncode == 0, by_properdocs.output
    mkdocs_site, properdocs_site = files(by_mkdocs.site), files(by_properdocs.site)

    assert sorted(mkdocs_site) == sorted(properdocs_site)
    # every file but the pages byte for byte: the exports (JSON, CSV, CASE, Open Badges…), feeds, calendars, data, search
    assert {"exports/hub.json", "exports/csv/coaching.csv", "exports/case/coaching.json", "maps/coaching/changes.xml", "communities/hub.ics"} <= set(mkdocs_site)
    assert ("search/fileshare-index.js" if offline else "pagefind/pagefind-entry.json") in mkdocs_site
    others = [name for name in mkdocs_site if not name.endswith(".html")]
    assert [name for name in others if mkdocs_site[name] != properdocs_site[name]] == []

    # every page, once the generator tag that names the engine is set aside
    pages = [name for name in mkdocs_site if name.endswith(".html")]
    tagged = [name for name in pages if engine_named(mkdocs_site[name])]
    assert len(tagged) > len(pages) / 2  # every page Material draws; not the hub's own print and embed pages
    for name in tagged:
        said = [engine_named(mkdocs_site[name]), engine_named(properdocs_site[name])]
        assert said == [[ours["mkdocs"].encode()], [f"ProperDocs {theirs['properdocs']}".encode()]], name
    assert [name for name in pages if without_engine(mkdocs_site[name]) != without_engine(properdocs_site[name])] == []
