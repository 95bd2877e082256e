"""Builds over the previous site (`--dirty`, as `mkdocs serve --dirty` does) write only what changed.

A generated page or file whose content is already in the site folder is not written again (same
inode, same modification time); an edited challenge rewrites its own page and the pages that show
it; and the result is byte for byte the site a clean build of the same content writes.
"""

from __future__ import annotations

import datetime
import json
import re
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hub import PUBLISHED, REPO, STORIES, build, copy_story_hub, edit
from marks import require_mark
from serving import mkdocs_serve, wait_for

BUILD = pytest.mark.build
"""Every test here but the finder's cache builds a site."""

EPOCH = "1767225600"  # 2026-01-01T00:00:00Z

ALWAYS_WRITTEN = {"404.html", "sitemap.xml", "sitemap.xml.gz"}
"""Written at every build by MkDocs (its theme's static templates): their content is the same, but it
does not ask whether it changed. (Material's search index is not written where the hub's search runs.)"""


def snapshot(site: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for path in site.rglob("*"):
        if path.is_file():
            st = path.stat()
            found[path.relative_to(site).as_posix()] = (st.st_ino, st.st_mtime_ns)
    return found


def contents(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def written(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    return {name for name, stamp in after.items() if before.get(name) != stamp}


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(name for name in set(a) | set(b) if a.get(name) != b.get(name))


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("incremental") / "hub"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".venv*", ".git", "site", "site-offline", "__pycache__", ".pytest_cache", "tests", ".cache"))
    return root


def dirty_build(root: Path, site: Path, extra_env: dict[str, str] | None = None) -> set[str]:
    """`mkdocs build --dirty` (not strict: MkDocs warns about every dirty build); the files it wrote."""
    return dirty_build_and_log(root, site, extra_env)[0]


def dirty_build_and_log(root: Path, site: Path, extra_env: dict[str, str] | None = None) -> tuple[set[str], str]:
    """`dirty_build`, with what the build logged."""
    require_mark("build", "`mkdocs build --dirty`")
    before = snapshot(site)
    command = [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "-f", str(root / "mkdocs.yml"), "-d", str(site)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH, **(extra_env or {})}
    done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return written(before, snapshot(site)), done.stdout + done.stderr


PAGEFIND_SKIPPED = "no page was written since Pagefind last ran here, so it is not run again"


@BUILD
def test_a_dirty_file_share_build_keeps_the_search_entries_of_the_pages_it_did_not_write(
    starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file-share index is written from the pages of the build; a dirty build writes few of them."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    offline = {"HUB_OFFLINE": "true"}
    site = tmp_path / "site"
    assert build(starter, site, env=offline).returncode == 0
    index = site / "search" / "fileshare-index.js"
    reference = index.read_bytes()
    assert reference.count(b'["maps/') >= 20
    dirty_build(starter, site, offline)  # no record yet: every page written
    again = dirty_build(starter, site, offline)
    assert (site / "maps/coaching/feedback.html").is_file() and "maps/coaching/feedback.html" not in again
    assert index.read_bytes() == reference
    challenge = "challenges/agree-a-recovery-plan.md"
    edit(starter, challenge, "\ntitle: Turn", "\ntitle: Rehearsed Turn")
    try:
        changed = dirty_build(starter, site, offline)
        assert "challenges/agree-a-recovery-plan.html" in changed and len(changed) < 60, sorted(changed)
        fresh = build(starter, tmp_path / "fresh", env=offline)
        assert fresh.returncode == 0, fresh.output
        assert b"Rehearsed " in index.read_bytes()
        assert index.read_bytes() == (fresh.site / "search" / "fileshare-index.js").read_bytes()
    finally:
        edit(starter, challenge, "\ntitle: Rehearsed Turn", "\ntitle: Turn")


@BUILD
def test_a_dirty_build_writes_only_what_changed_and_matches_a_clean_build(starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = tmp_path / "site"
    clean = build(starter, site)
    assert clean.returncode == 0, clean.output
    reference = contents(site)

    _, log = dirty_build_and_log(starter, site)  # over a clean build's output there is no record of its pages yet: all rebuilt
    assert differing(reference, contents(site)) == []
    assert PAGEFIND_SKIPPED not in log

    again, log = dirty_build_and_log(starter, site)
    assert again <= ALWAYS_WRITTEN, sorted(again - ALWAYS_WRITTEN)[:20]
    assert differing(reference, contents(site)) == []
    assert PAGEFIND_SKIPPED in log, "Pagefind ran again over a site in which no page was written"

    # An edited challenge: its page and the pages that show it are written again; the site is a clean build's.
    challenge = "challenges/agree-a-recovery-plan.md"
    edit(starter, challenge, "\n## Why it matters", "\nA sentence added in a preview.\n\n## Why it matters")
    try:
        changed, log = dirty_build_and_log(starter, site)
        assert "challenges/agree-a-recovery-plan/index.html" in changed
        assert len(changed - ALWAYS_WRITTEN) < 40, sorted(changed)
        assert PAGEFIND_SKIPPED not in log, "a page was written, but Pagefind did not index it"
        fresh = build(starter, tmp_path / "fresh")
        assert fresh.returncode == 0, fresh.output
        assert differing(contents(fresh.site), contents(site)) == []  # the search index included
    finally:
        edit(starter, challenge, "\nA sentence added in a preview.\n\n## Why it matters", "\n## Why it matters")


SMALL_HUB = Path(__file__).parent / "fixtures" / "small-hub"


@BUILD
def test_serve_dirty_rebuilds_only_the_pages_an_edit_touches(tmp_path: Path) -> None:
    """`mkdocs serve --dirty`: an edited challenge shows on its page and on its capability's, and most
    of the served site is not written again."""
    root = tmp_path / "hub"
    shutil.copytree(SMALL_HUB, root)
    served = tmp_path / "served"
    served.mkdir()
    with mkdocs_serve(root, env={"TMPDIR": str(served)}, args=("--dirty", "--no-strict")) as base:
        assert wait_for(f"{base}/maps/support/triage/", "Ticket triage"), "the served site never came up"
        (site,) = served.glob("mkdocs_*")
        before = snapshot(site)
        search_index = site / "pagefind" / "pagefind-entry.json"
        first_index = search_index.read_bytes()  # the first build of `serve` indexes before it serves
        challenge = root / "challenges" / "tag-ten-tickets.md"
        challenge.write_text(challenge.read_text().replace("title: Tag ten tickets", "title: Tag twelve tickets"))
        assert wait_for(f"{base}/challenges/tag-ten-tickets/", "Tag twelve tickets"), "the challenge page was not rebuilt"
        assert wait_for(f"{base}/maps/support/triage/", "Tag twelve tickets"), "its capability page was not rebuilt"
        rewritten = written(before, snapshot(site)) - ALWAYS_WRITTEN
        assert "challenges/tag-ten-tickets/index.html" in rewritten
        assert len(rewritten) < len(before) / 5, sorted(rewritten)
        # the header search follows once no rebuild has begun for a while (Pagefind runs after the rebuild)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and search_index.read_bytes() == first_index:
            time.sleep(0.5)
        assert search_index.read_bytes() != first_index, "Pagefind did not index the site again after the rebuild"


def test_a_build_lets_the_hubs_pages_and_files_go_once_written(tmp_path: Path) -> None:
    """MkDocs holds every page's Markdown and HTML to the end of a build; the hub packs its own pages'
    Markdown until MkDocs reads it and their HTML once converted, unpacks it for the page's own events and lets it go once written, and lets
    its generated files' bytes go once MkDocs has copied them, so a large hub is not held whole in
    memory. In process: a real MkDocs build, watched by one more plugin, which runs after the hub's."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.plugins import BasePlugin

    from competency_hub.mkdocs.incremental import ChangeAwareFile, GeneratedPage, content_hash

    root = tmp_path / "hub"
    shutil.copytree(SMALL_HUB, root)
    site = tmp_path / "site"
    seen = {}

    class Watcher(BasePlugin):  # type: ignore[type-arg]
        def on_files(self, files, /, *, config):  # type: ignore[no-untyped-def]
            seen["files"] = files
            seen["packed"] = [file.packed is not None and file._content is None for file in files if isinstance(file, GeneratedPage)]
            return files

        def on_env(self, env, /, *, config, files):  # type: ignore[no-untyped-def]
            seen["before writing"] = [file.page.content for file in files if isinstance(file, GeneratedPage)]
            return env

        def on_page_context(self, context, /, *, page, config, nav):  # type: ignore[no-untyped-def]
            seen.setdefault("own HTML", {})[page.file.src_uri] = page.content
            return context

        def on_post_page(self, output, /, *, page, config):  # type: ignore[no-untyped-def]
            seen.setdefault("titles", []).append(page.title)
            return output

    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins["watcher"] = Watcher()
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build(config)
    finally:
        config.plugins.on_shutdown()
    files = seen["files"]
    pages = [file for file in files if isinstance(file, GeneratedPage)]
    assert len(pages) > 10
    assert seen["packed"] == [True] * len(pages), "generated Markdown is held whole until MkDocs reads it"
    assert seen["before writing"] == [None] * len(pages), "converted pages are held whole until written"
    assert all(seen["titles"]), "a plugin misses a page's title"
    for file in pages:  # each page's HTML is there in its own events, and written
        html = seen["own HTML"][file.src_uri]
        assert html and html[:300] in Path(file.abs_dest_path).read_text(encoding="utf-8"), file.src_uri
    for file in pages:
        assert file.page.markdown is None and file.page.content is None and file._content is None, file.src_uri
        assert file.page.title, "the navigation still names every page"
    people = [file for file in files.documentation_pages() if not isinstance(file, GeneratedPage)]
    assert people and all(file.page.content for file in people), "pages people wrote are held as MkDocs holds them"
    copied = [file for file in files if isinstance(file, ChangeAwareFile) and file.released]
    assert any(file.src_uri.startswith("exports/") for file in copied), sorted(file.src_uri for file in files)[:20]
    for file in copied:
        assert file._content is None and file.held
        assert content_hash(Path(file.abs_dest_path).read_bytes()) == file.content_hash(), file.src_uri
    assert (site / "maps" / "support" / "triage" / "index.html").is_file()


def manifest_anchors(site: Path, url: str) -> list[str]:
    entries = {entry["url"]: entry for entry in json.loads((site / "urls.json").read_text(encoding="utf-8"))["urls"]}
    return entries[url]["anchors"]


@BUILD
def test_what_a_dirty_build_keeps_from_the_last_one_follows_the_content(starter: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The link manifest's page scans, the exports' hashes and the story finder's index are kept from the
    previous build (in `.cache/`): an edit that changes them changes the site as a clean build would, and
    a file changed in the site folder by anyone else is written again."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    story = "stories/2026/rollback-drills-before-peak.md"
    challenge = "challenges/agree-a-recovery-plan.md"
    originals = {rel: (starter / rel).read_text(encoding="utf-8") for rel in (story, challenge)}
    heading = "\n### A note for the preview\n\nSoon gone.\n\n## Example done well\n"
    try:
        edit(starter, challenge, "\n## Example done well\n", heading)
        site = tmp_path / "site"
        assert build(starter, site).returncode == 0
        dirty_build(starter, site)  # records the pages, the scans, the exports and the finder's index
        page, url = "challenges/agree-a-recovery-plan/index.html", "/challenges/agree-a-recovery-plan/"
        assert "user-content-a-note-for-the-preview" in manifest_anchors(site, url)
        finder = site / "stories" / "finder-index.json"
        assert "zeppelin" not in finder.read_text(encoding="utf-8")

        edit(starter, story, "ran a rollback drill on every", "ran a zeppelin rollback drill on every")
        edit(starter, challenge, heading, "\n## Example done well\n")
        (site / "exports" / "hub.json").write_text("{}", encoding="utf-8")  # not this build's: written again
        changed = dirty_build(starter, site)
        assert {page, "stories/finder-index.json", "exports/hub.json", "urls.json"} <= changed
        assert "user-content-a-note-for-the-preview" not in manifest_anchors(site, url)  # the page was written, so scanned again
        assert "zeppelin" in finder.read_text(encoding="utf-8")
        fresh = build(starter, tmp_path / "fresh")
        assert fresh.returncode == 0, fresh.output
        assert differing(contents(fresh.site), contents(site)) == []

        again = dirty_build(starter, site)  # nothing changed: nothing but MkDocs' and Material's own files
        assert again <= ALWAYS_WRITTEN, sorted(again - ALWAYS_WRITTEN)[:20]
    finally:
        for rel, text in originals.items():
            (starter / rel).write_text(text, encoding="utf-8")


def test_the_finder_index_is_built_again_when_a_summary_changes() -> None:
    """The story finder's lunr index is kept by the hash of what it indexes (one process, `serve`)."""
    from competency_hub.render.stories import FinderStory, finder_payload

    day = datetime.date(2026, 1, 1)
    before = [FinderStory("a", "Rollback drills", "A drill every Tuesday", day, {})]
    after = [FinderStory("a", "Rollback drills", "A zeppelin every Tuesday", day, {})]
    first = finder_payload(before, "{slug}/").index
    assert finder_payload(before, "{slug}/").index == first
    changed = finder_payload(after, "{slug}/").index
    assert b"zeppelin" in changed and b"zeppelin" not in first
    assert finder_payload(before, "{slug}/").index == first


class _SplitPreviews:
    """`serve --dirty` in process as `serve` builds (a fresh config per build, the same plugin), with a
    stand-in for the server that a split preview asks for its second rebuild."""

    def __init__(self, root: Path, site: Path) -> None:
        import threading

        self.root, self.site = root, site
        self.config_file = root / "mkdocs.yml"
        self.server = type("Server", (), {})()  # what the plugin uses of MkDocs' LiveReloadServer
        self.server._rebuild_cond = threading.Condition()
        self.server._want_rebuild = False
        self.plugin = None

    def rebuild(self) -> int:
        """One build; the number of pages it left for the next."""
        from mkdocs.commands.build import build as mkdocs_build
        from mkdocs.config import load_config

        config = load_config(config_file=str(self.config_file), site_dir=str(self.site), strict=False)
        config.site_url = "http://127.0.0.1:8000/"
        self.plugin = config.plugins["competency-hub"]
        self.plugin.server = self.server
        mkdocs_build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        return self.plugin.deferred

    def read(self, page: str) -> str:
        return (self.site / page).read_text(encoding="utf-8")

    def asked_for_a_rebuild(self, wait: float = 10) -> bool:
        deadline = time.monotonic() + wait
        while not self.server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.05)
        asked, self.server._want_rebuild = self.server._want_rebuild, False
        return asked

    def __enter__(self) -> "_SplitPreviews":
        from mkdocs.config import load_config

        self.first = load_config(config_file=str(self.config_file), site_dir=str(self.site), strict=False)
        self.first.plugins.on_startup(command="serve", dirty=True)
        return self

    def __exit__(self, *_: object) -> None:
        self.first.plugins.on_shutdown()


def _split_at(root: Path, above: int) -> None:
    config_file = root / "mkdocs.yml"
    text = config_file.read_text()
    if "preview_split_above:" in text:
        text = re.sub(r"preview_split_above: \d+", f"preview_split_above: {above}", text)
    elif "  - competency-hub:\n" in text:
        text = text.replace("  - competency-hub:\n", f"  - competency-hub:\n      preview_split_above: {above}\n")
    else:
        text = text.replace("  - competency-hub\n", f"  - competency-hub:\n      preview_split_above: {above}\n")
    config_file.write_text(text)


def test_a_split_preview_leaves_the_other_pages_until_a_rebuild_that_is_not_split(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`serve --dirty` with `preview_split_above: 0`: a saved map title renders and converts that map's
    pages only, gives the others as the last build made them, and asks the server for another
    rebuild; a second save before that rebuild leaves the same pages again; a rebuild while a newer
    save waits converts none of them; the rebuild after converts them all, and the site then shows
    both new titles everywhere.

    The pause before asking is set to none: the suite's second run fakes the date in this process,
    and libfaketime moves a timed wait's deadline with it. The pause itself is in `test_serve.py`,
    whose `serve` runs on the real clock."""
    from competency_hub.mkdocs import plugin as hub_plugin

    monkeypatch.setattr(hub_plugin, "PREVIEW_SPLIT_QUIET_SECONDS", 0)
    root = tmp_path / "hub"
    shutil.copytree(SMALL_HUB, root)
    _split_at(root, 0)
    with _SplitPreviews(root, tmp_path / "site") as serve:
        billing_page, challenge_page = "maps/billing/index.html", "challenges/tag-ten-tickets/index.html"
        assert serve.rebuild() == 0 and "Customer support" in serve.read(billing_page)
        support, billing_map = root / "maps" / "support.yml", root / "maps" / "billing.yml"
        billing_title = re.search(r"^title: (.+)$", billing_map.read_text(), re.M).group(1)  # type: ignore[union-attr]

        support.write_text(support.read_text().replace("title: Customer support", "title: Customer care", 1))
        assert serve.rebuild() > 0, "a map title changes every page, but nothing was left for later"
        assert "challenges/tag-ten-tickets.md" in serve.plugin.reused, "the other pages were rendered again"
        assert not {"maps/support/index.md", "maps/support/triage.md"} & serve.plugin.reused, "the saved map's pages were not rendered"
        assert "Customer care" in serve.read("maps/support/index.html")
        assert "Customer care" in serve.read("maps/support/triage/index.html")
        assert "Customer support" in serve.read(billing_page), "the other pages were converted at once"
        assert "Customer support" in serve.read(challenge_page), "the other pages were converted at once"
        assert serve.asked_for_a_rebuild(), "the server was not asked for the second rebuild"

        billing_map.write_text(billing_map.read_text().replace(f"title: {billing_title}", "title: Invoices and refunds", 1))
        assert serve.rebuild() > 0
        assert "Invoices and refunds" in serve.read(billing_page), "the second saved map's page was not converted"
        assert "Customer support" in serve.read(challenge_page), "pages left by the first split were converted by the second save's rebuild"
        assert serve.asked_for_a_rebuild()

        serve.server._want_rebuild = True  # a newer save waits: the rebuild converts no page left
        assert serve.rebuild() == 0
        assert "Customer support" in serve.read(challenge_page), "a rebuild did not give way to a newer save"
        serve.server._want_rebuild = False

        assert serve.rebuild() == 0  # the rebuild the server was asked for
        assert not serve.plugin.reused
        billing, challenge = serve.read(billing_page), serve.read(challenge_page)
        assert "Customer care" in billing and "Customer support" not in billing
        assert "Customer care" in challenge and "Invoices and refunds" in challenge and "Customer support" not in challenge


def test_a_split_preview_shows_a_saved_challenge_and_story_at_once_and_the_lists_and_exports_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first half of a split preview renders the saved file's own page, with the newest stories a
    marker in it stands for; the lists that name it, the story finder's files and the exports keep their
    last version until the second rebuild. A hub of no more pages than `preview_split_above` is not split."""
    from competency_hub.mkdocs import plugin as hub_plugin

    monkeypatch.setattr(hub_plugin, "PREVIEW_SPLIT_QUIET_SECONDS", 0)
    root = copy_story_hub(tmp_path / "hub")
    _split_at(root, 0)
    challenge_file = root / "challenges" / "tag-ten-tickets.md"
    challenge_file.write_text(challenge_file.read_text().rstrip("\n") + "\n\n<!-- hub:latest-stories limit=1 -->\n")
    story_file = root / "stories" / "weekend-triage-rota.md"
    with _SplitPreviews(root, tmp_path / "site") as serve:
        assert serve.rebuild() == 0
        newest = STORIES[PUBLISHED[0]]["title"]

        challenge_file.write_text(challenge_file.read_text().replace("title: Tag ten tickets", "title: Label ten tickets", 1))
        assert serve.rebuild() > 0
        page = serve.read("challenges/tag-ten-tickets/index.html")
        assert "Label ten tickets" in page and newest in page, "the saved challenge's page or its latest stories"
        assert "<!-- hub:" not in page
        assert "Label ten tickets" not in serve.read("challenges/index.html"), "the challenges list was converted in the first half"
        assert "Label ten tickets" not in serve.read("exports/hub.json"), "the exports were made again in the first half"
        assert serve.asked_for_a_rebuild()
        assert serve.rebuild() == 0
        assert "Label ten tickets" in serve.read("challenges/index.html")
        assert "Label ten tickets" in serve.read("exports/hub.json")

        story_file.write_text(story_file.read_text().replace("title: A weekend triage rota", "title: A Sunday triage rota", 1))
        assert serve.rebuild() > 0
        assert "A Sunday triage rota" in serve.read("stories/weekend-triage-rota/index.html")
        library = "".join(serve.read(p.relative_to(serve.site).as_posix()) for p in sorted((serve.site / "stories").glob("index.html")))
        assert "A weekend triage rota" in library and "A Sunday triage rota" not in library
        finder = "".join(serve.read(p.relative_to(serve.site).as_posix()) for p in sorted((serve.site / "stories").glob("finder-*.json")))
        assert "A weekend triage rota" in finder and "A Sunday triage rota" not in finder, "the finder was made again in the first half"
        assert serve.asked_for_a_rebuild()
        assert serve.rebuild() == 0
        library = serve.read("stories/index.html")
        assert "A Sunday triage rota" in library and "A weekend triage rota" not in library
        finder = "".join(serve.read(p.relative_to(serve.site).as_posix()) for p in sorted((serve.site / "stories").glob("finder-*.json")))
        assert "A Sunday triage rota" in finder and "A weekend triage rota" not in finder

    _split_at(root, 10_000)  # more than the hub's pages: no split
    with _SplitPreviews(root, tmp_path / "site-whole") as serve:
        serve.rebuild()
        story_file.write_text(story_file.read_text().replace("title: A Sunday triage rota", "title: A Monday triage rota", 1))
        assert serve.rebuild() == 0 and not serve.plugin.reused
        assert "A Monday triage rota" in serve.read("stories/index.html")
        assert not serve.asked_for_a_rebuild(wait=1)


def test_what_serve_keeps_between_rebuilds_follows_the_saved_files(tmp_path: Path) -> None:
    """A rebuild of `serve` keeps a map's standup feeds, a story's body nonce and the images a story
    shows from the load before while their files are the same, and makes them again from a saved
    file: a changed recall prompt is in the feed, a newly shown image is published."""
    root = copy_story_hub(tmp_path / "hub")
    _split_at(root, 10_000)  # not split: every page is converted at each rebuild
    challenge = root / "challenges" / "tag-ten-tickets.md"
    story = root / "stories" / "weekend-triage-rota.md"
    images = sorted(p.name for p in (root / "stories" / "images").iterdir())
    with _SplitPreviews(root, tmp_path / "site") as serve:
        serve.rebuild()
        feed = serve.read("maps/support/standup.json")
        assert "recall prompt for the feed" not in feed
        published = {p.name for p in (serve.site / "stories" / "images").iterdir()} if (serve.site / "stories" / "images").is_dir() else set()
        unshown = [name for name in images if name not in published]
        text = challenge.read_text()
        prompt = re.search(r"recall:\n  - id: \S+\n    prompt: (.+)\n", text)
        assert prompt is not None
        challenge.write_text(text.replace(prompt.group(1), "A recall prompt for the feed?", 1))
        story_page_before = serve.read("stories/weekend-triage-rota/index.html")
        serve.rebuild()
        assert "A recall prompt for the feed?" in serve.read("maps/support/standup.json")
        assert serve.read("stories/weekend-triage-rota/index.html") == story_page_before
        assert unshown == ["draft-board.png"], "only the draft shows this image"
        story.write_text(story.read_text().rstrip("\n") + "\n\n![A new picture](images/draft-board.png)\n")
        serve.rebuild()
        assert (serve.site / "stories" / "images" / "draft-board.png").is_file(), "a newly shown image was not published"
        assert "images/draft-board.png" in serve.read("stories/weekend-triage-rota/index.html")
