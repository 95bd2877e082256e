"""The site search of a served hub: Pagefind, indexing each searchable page's article after the build.

Material's own search loads one index of every page's whole text into the browser before the first
result (megabytes at 17,000 pages); Pagefind splits its index into small fragments and a reader's
browser fetches only those a query needs. Browsers load neither ES modules nor WebAssembly from
file://, so the file-share copy (Material's `offline` plugin) searches a compact index of titles,
summaries and headings written as a classic script (render/fileshare_search.py, `SearchEntries`),
with the same search box and script. A served hub also gets a titles index of the kinds that have
few pages, ranked first by the search box (`TITLES`). Neither build writes Material's index, which
no page loads.

What is searched is what Material's search would take (owner docs and pages with `search: exclude`
stay out), with a story's whole body in; each page carries its kind and the map, capability and
level it is about (render/search_facts.py) as Pagefind filters and metadata.
"""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import html
import json
import os
import re
import resource
import shutil
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

from .. import packaged
from ..load.index import HubIndex
from ..render import fileshare_search
from ..render.search_facts import search_facts
from .incremental import package_stamp, package_version

log = get_plugin_logger("competency-hub")

THEME = packaged.PACKAGE / "theme-pagefind"
"""The Pagefind-backed partials/search.html, placed before the plugin's other partials."""
SCRIPT = packaged.PackagedFile(f"{packaged.SITE_FOLDER}/search.js", packaged.ASSETS / "search.js")
STYLESHEET = packaged.PackagedFile(f"{packaged.SITE_FOLDER}/search.css", packaged.ASSETS / "search.css")
BUNDLE = "pagefind"
"""The folder of the site that holds Pagefind's script and index."""
ARTICLE = '<article class="md-content__inner md-typeset">'
"""Material's article element: the part of a page that is indexed."""
EXCLUDED = ("[data-hub-dated]", ".headerlink")
"""Parts dated from the build (the communities' upcoming rituals), which Material's search leaves out
too: the index, like the pages, is a function of the commit."""
IGNORED = re.compile(r'(\sdata-search-exclude="(?:listing|controls)")')
"""Parts of pages that only list other pages (a capability's stories, a story's related stories) and the
learner tools' controls, marked for Material's search by the templates. Material removes every
`data-search-…="…"` attribute before the page is written (its `on_page_context`), so Pagefind would
never see them: `ignore_listings` adds Pagefind's own mark beside them first."""


def ignore_listings(content: str) -> str:
    """A page's HTML with Pagefind's `data-pagefind-ignore` on each part marked for Material's search as
    a listing or the learner's controls (the templates mark a section's heading and its content)."""
    return IGNORED.sub(r"\1 data-pagefind-ignore", content)


UNUSED = ("pagefind-ui.*", "pagefind-modular-ui.*", "pagefind-component-ui.*", "pagefind-highlight.js")
THREADS = "2"
"""Pagefind's worker threads (RAYON_NUM_THREADS): bounds its memory and keeps the build machine usable."""
OUTDATED_POLL_SECONDS = 0.1
"""How often a background Pagefind run asks whether a newer rebuild began (`build_index`)."""


def add_theme(config: MkDocsConfig) -> None:
    """Puts the Pagefind partial first among the plugin's partials (after the site's `custom_dir`)."""
    dirs = config.theme.dirs
    if str(THEME) in dirs:
        return
    position = dirs.index(str(packaged.THEME)) if str(packaged.THEME) in dirs else 0
    dirs.insert(position, str(THEME))
    if STYLESHEET.src_uri not in config.extra_css:
        config.extra_css.append(STYLESHEET.src_uri)


FILE_SHARE_INDEX = "search/fileshare-index.js"
"""The file-share copy's index, a classic script loaded by assets/search.js on the first search."""
FILE_SHARE_MARK = 'data-hub-search-engine="file-share"'
"""Tells assets/search.js to search FILE_SHARE_INDEX instead of Pagefind."""


def page_markup(facts_kind: str, context: str) -> tuple[str, str]:
    """The article's opening tag with Pagefind's attributes, and the hidden element of its metadata."""
    opening = ARTICLE[:-1] + f' data-pagefind-body data-pagefind-filter="kind:{facts_kind}" data-pagefind-meta="kind:{facts_kind}">'
    hidden = f'<span hidden data-pagefind-ignore data-pagefind-meta="context">{html.escape(context)}</span>' if context else ""
    return opening, hidden


def searched_facts(page: Page, index: HubIndex | None):  # type: ignore[no-untyped-def]
    """The page's search facts, or None for a page the search leaves out (`search: exclude`, lists)."""
    search_meta = page.meta.get("search")
    if isinstance(search_meta, dict) and search_meta.get("exclude"):
        return None
    return search_facts(page.file.src_uri, index, generated=page.file.generated_by is not None)


def _headings(items, out: list[str]) -> list[str]:  # type: ignore[no-untyped-def]
    for item in items:
        if getattr(item, "level", 2) > 1:
            out.append(str(item.title))
        _headings(item.children, out)
    return out


TITLES = "search/titles.json"
"""A served hub's titles index: the pages of the kinds that have few pages (render/fileshare_search.py,
TITLE_KINDS), which assets/search.js ranks by title itself, loaded with Pagefind on the first search."""


class SearchEntries:
    """Each searched page's entry, taken as the page is written; after the build, one file: the
    file-share copy's whole index (`FILE_SHARE_INDEX`), or a served hub's titles index (`TITLES`).

    A served page's article is marked for Pagefind here too (`page_markup`), so that its search facts
    are worked out once.
    """

    def __init__(self, *, file_share: bool) -> None:
        self.file_share = file_share
        self.entries: dict[str, fileshare_search.SearchEntry] = {}

    def add(self, output: str, page: Page, index: HubIndex | None, config: MkDocsConfig) -> str:
        """Notes the page's entry; returns `output` marked for this build's search."""
        facts = searched_facts(page, index)
        if facts is not None and (self.file_share or facts.kind in fileshare_search.TITLE_KINDS):
            summary = fileshare_search.summary_of(page.meta.get("description"), config.site_description, page.content or "")
            title = str(page.title or page.file.name)
            self.entries[page.url] = fileshare_search.entry(
                page.url, title, facts.kind, facts.context(), summary, _headings(page.toc, []) if self.file_share else []
            )
        if self.file_share:
            return output.replace("data-hub-search ", f"data-hub-search {FILE_SHARE_MARK} ", 1)
        if facts is None or ARTICLE not in output:
            return output
        opening, hidden = page_markup(facts.kind, facts.context())
        return output.replace(ARTICLE, opening + hidden, 1)

    def keep_unchanged(self, previous: dict[str, list], pages: list[str], rebuilt: set[str]) -> dict[str, list]:  # type: ignore[type-arg]
        """After a build over the previous site (`--dirty`): the entries of the pages it did not write
        again are those `previous` holds (what the last build noted). Returns the entries to remember."""
        merged: dict[str, fileshare_search.SearchEntry] = {}
        for url in pages:
            if url in rebuilt:
                if url in self.entries:
                    merged[url] = self.entries[url]
            elif url in previous:
                try:
                    merged[url] = fileshare_search.SearchEntry(*previous[url][:5], tuple(previous[url][5]))
                except (TypeError, IndexError):
                    continue
        self.entries = merged
        return {url: [*dataclasses.astuple(e)[:5], list(e.headings)] for url, e in merged.items()}

    def write(self, site_dir: str) -> None:
        """Writes the index (only when its bytes changed) and logs its size; removes Material's, which
        no page of this build loads (see `without_material_index`)."""
        entries = list(self.entries.values())
        if self.file_share:
            name, text, what = FILE_SHARE_INDEX, fileshare_search.index_script(entries), "file-share search index"
        else:
            name, text, what = TITLES, fileshare_search.titles_json(entries), "search titles index"
        path = Path(site_dir) / name
        data = text.encode("utf-8")
        if not (path.is_file() and path.read_bytes() == data):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        log.info("%s: %d pages, %d kB (%d kB gzipped)", what, len(entries), len(data) // 1024, len(gzip.compress(data, mtime=0)) // 1024)
        for unused in ("search_index.json", "search_index.js"):
            (Path(site_dir) / "search" / unused).unlink(missing_ok=True)


class _NoMaterialIndex:
    """Stands in for the index of Material's search plugin when no page loads it: nothing is kept."""

    def __init__(self, config: dict) -> None:  # type: ignore[type-arg]
        self.config = config

    def add_entry_from_context(self, page: Page) -> None:
        return None

    def generate_search_index(self, prev: object) -> str:
        return json.dumps({"config": {k: self.config.get(k) for k in ("lang", "separator")}, "docs": []})


def without_material_index(config: MkDocsConfig) -> None:
    """Keeps Material's search plugin configured (its header button depends on it) but empties its index.

    Material's plugin indexes every page's whole text (MBs at 17,000 pages) and writes it after the
    build; where the hub's own search runs, nothing loads that file. Runs after Material's `on_config`,
    which is where the plugin makes its index.
    """
    for plugin in config.plugins.values():
        if hasattr(plugin, "search_index") and hasattr(plugin, "search_index_prev"):
            plugin.search_index = _NoMaterialIndex(dict(plugin.config))
            plugin.search_index_prev = None


def index_stamps(site_dir: str) -> tuple[str, str]:
    """What Pagefind's index of `site_dir` is made from, and the index as it now is: two hashes.

    The pages: every HTML page by its stat (a page written again gets a new one), but MkDocs'
    `404.html`, written at every build, by its content. The index: the stat of each of its files.
    When the pages' stamp taken before the last Pagefind run and the index's taken after it are
    both still the same, no page was written and the index was left alone since, so a build over
    the previous site (`--dirty`, `serve`) need not run Pagefind (seconds at S, most of a minute
    at L). Unsure (anything written, deleted or touched) means run.
    """
    pages = hashlib.sha256(f"{package_version('pagefind_bin')}\0{EXCLUDED}\0".encode("utf-8"))
    bundle = hashlib.sha256()
    for rel, path, in_bundle in _site_files(site_dir, bundle=True):
        if rel == "404.html":
            with open(path, "rb") as page:
                row = hashlib.sha256(page.read()).hexdigest()
        else:
            st = os.stat(path)
            row = f"{st.st_ino}\0{st.st_mtime_ns}\0{st.st_size}"
        (bundle if in_bundle else pages).update(f"{rel}\0{row}\n".encode("utf-8", "surrogateescape"))
    return pages.hexdigest(), bundle.hexdigest()


def _site_files(site_dir: str, *, bundle: bool) -> Iterator[tuple[str, str, bool]]:
    """(path in the site, path on disk, whether it is in Pagefind's folder) of every HTML page of the
    site and, with `bundle`, of every file of Pagefind's folder; in a stable order."""
    for folder, folders, names in os.walk(site_dir):
        folders.sort()
        rel_folder = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        in_bundle = rel_folder == BUNDLE or rel_folder.startswith(BUNDLE + "/")
        if in_bundle and not bundle:
            folders.clear()
            continue
        for name in sorted(names):
            if in_bundle or name.endswith(".html"):
                yield (name if rel_folder == "." else f"{rel_folder}/{name}"), os.path.join(folder, name), in_bundle


KEPT_PREFIX = "pagefind-"
"""Pagefind's index of a site's pages, kept in the page cache's folder as `pagefind-<pages digest>.zip`."""
KEEP_INDEXES = 2


def pages_digest(site_dir: str) -> str:
    """What Pagefind's index is a function of: Pagefind's version and options, the plugin's code (which
    rewrites part of the index, `sort_filters`) and every HTML page of the site by its path and bytes."""
    digest = hashlib.sha256(f"{package_version('pagefind_bin')}\0{EXCLUDED}\0{UNUSED}\0{package_stamp()}\0".encode("utf-8"))
    for rel, path, _ in _site_files(site_dir, bundle=False):
        with open(path, "rb") as page:
            digest.update(f"{rel}\0{hashlib.sha256(page.read()).hexdigest()}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _kept_index(kept: Path, fresh: Path) -> Path | None:
    """The kept index unpacked into the folder `fresh`, or None when there is none or it is damaged
    (then Pagefind runs). Only plain relative names are unpacked."""
    if not kept.is_file() or kept.is_symlink():
        return None
    try:
        with zipfile.ZipFile(kept) as archive:
            for info in archive.infolist():
                name = PurePosixPath(info.filename)
                if info.is_dir() or name.is_absolute() or not name.parts or any(part in ("", ".", "..") for part in name.parts):
                    return None
                target = fresh.joinpath(*name.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(archive.read(info))
    except (OSError, zipfile.BadZipFile, ValueError):
        return None
    return fresh if (fresh / "pagefind.js").is_file() else None


def _keep_index(fresh: Path, cache: Path, digest: str) -> None:
    """Keeps Pagefind's index in the cache folder (whole or not at all), and only the last `KEEP_INDEXES`."""
    temporary = None
    try:
        fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=cache)
        with os.fdopen(fd, "wb") as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_STORED) as archive:
            for path in sorted(fresh.rglob("*")):
                if path.is_file():
                    archive.writestr(zipfile.ZipInfo(path.relative_to(fresh).as_posix(), (1980, 1, 1, 0, 0, 0)), path.read_bytes())
        kept = cache / f"{KEPT_PREFIX}{digest}.zip"
        os.replace(temporary, kept)
        indexes = sorted(cache.glob(f"{KEPT_PREFIX}*.zip"), key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
        for old in indexes[KEEP_INDEXES:]:
            old.unlink()
    except OSError:  # keeping is housekeeping: a full disk or a read-only folder keeps nothing
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def build_index(
    site_dir: str, *, background: bool = False, outdated: Callable[[], bool] | None = None, cache: Path | None = None
) -> bool:
    """Runs Pagefind over the written site; logs its time and peak memory. False if it was stopped.

    Pagefind writes into a temporary folder; only the files whose bytes changed are copied into the
    site's `pagefind/` (and the ones no longer written are deleted), so a build over the previous site
    (`--dirty`, `serve`) rewrites no index file whose content did not change. In the `background`
    (after a rebuild of `serve`) it runs at a lower priority, through `nice` where there is one, so
    the next rebuild, which the author is waiting for, is not slowed by the index of the last one.
    There, `outdated` is asked every `OUTDATED_POLL_SECONDS`: once it says a newer rebuild began,
    Pagefind is stopped (the site's index is left as it was) and the run after that rebuild indexes,
    so the rebuild the author waits for has both cores.

    With `cache` (the page cache's folder), the index is kept there by the digest of the pages it was
    made from (`pages_digest`), and a build whose pages are the same, byte for byte (a clean build
    with the previous build's page cache, in CI say), takes it from there instead of running Pagefind.
    """
    from pagefind_bin import get_executable  # the binary of PyPI's pagefind[bin]

    if outdated is not None and outdated():
        return False
    with tempfile.TemporaryDirectory(prefix="hub-pagefind-") as scratch:
        digest = pages_digest(site_dir) if cache is not None else ""
        kept = _kept_index(cache / f"{KEPT_PREFIX}{digest}.zip", Path(scratch) / "kept") if cache is not None else None
        if kept is not None:
            _sync(kept, Path(site_dir) / BUNDLE)
            log.info("search index: the pages are those Pagefind last indexed, so its index is taken from the page cache")
            return True
        fresh = Path(scratch) / BUNDLE
        command = [str(get_executable()), "--site", site_dir, "--output-path", str(fresh), "--silent"]
        nice = shutil.which("nice") if background else None
        if nice:
            command = [nice, "-n", "10", *command]
        for selector in EXCLUDED:
            command += ["--exclude-selectors", selector]
        env = {**os.environ, "RAYON_NUM_THREADS": THREADS}
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as pagefind:
            while True:
                try:
                    out, err = pagefind.communicate(timeout=OUTDATED_POLL_SECONDS if outdated else None)
                    break
                except subprocess.TimeoutExpired:
                    if outdated is not None and outdated():
                        pagefind.kill()
                        pagefind.communicate()
                        log.info("search index: a newer rebuild began, so Pagefind was stopped; the run after it indexes")
                        return False
        if pagefind.returncode != 0:
            raise PluginError(f"the search index was not written: pagefind failed\n{out}{err}")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        log.info(
            "search index written in %.1f s (pagefind, peak memory %s MB)",
            time.perf_counter() - started,
            f"{peak // 1024}" if peak > before else f"≤ {peak // 1024}",
        )
        if not (fresh / "pagefind.js").is_file():
            raise PluginError("the search index was not written: pagefind wrote no pagefind.js")
        for unused in UNUSED:  # Pagefind's own search UIs: the hub has its own (theme-pagefind/)
            for path in sorted(fresh.glob(unused)):
                path.unlink()
        sort_filters(fresh)
        _sync(fresh, Path(site_dir) / BUNDLE)
        if cache is not None:
            _keep_index(fresh, cache, digest)
    return True


def _sync(fresh: Path, bundle: Path) -> None:
    """Makes `bundle` hold exactly the files of `fresh`, writing only those whose bytes differ."""
    wanted = {path.relative_to(fresh) for path in fresh.rglob("*") if path.is_file()}
    if bundle.is_dir():
        for path in sorted(bundle.rglob("*"), reverse=True):
            rel = path.relative_to(bundle)
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif rel not in wanted:
                path.unlink()
    for rel in sorted(wanted):
        target = bundle / rel
        data = (fresh / rel).read_bytes()
        if target.is_file() and not target.is_symlink() and target.stat().st_size == len(data) and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


# -- the same commit, the same index -------------------------------------------------------------
#
# Pagefind writes each filter's values in the order of a Rust HashMap, which a process seeds at
# random: two builds of one commit gave two filter files (and so two file names, and a different
# meta file and entry). The filter files are rewritten with their values sorted, renamed after their
# content, and the names they are known by (in the meta file, whose name is in pagefind-entry.json)
# follow. Pagefind's files are gzip-compressed CBOR after a "pagefind_dcd" signature.

SIGNATURE = b"pagefind_dcd"


def _cbor_decode(data: bytes, at: int) -> tuple[object, int]:
    """One CBOR item of the kinds Pagefind's filter files hold (integers, text, arrays)."""
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    if major == 0:
        return value, at
    if major == 3:
        return data[at : at + value].decode("utf-8"), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = _cbor_decode(data, at)
            items.append(item)
        return items, at
    raise ValueError(f"unexpected CBOR major type {major} in a Pagefind filter file")


def _cbor_head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError("integer too large")


def _cbor_encode(value: object) -> bytes:
    if isinstance(value, int):
        return _cbor_head(0, value)
    if isinstance(value, str):
        encoded = value.encode("utf-8")
        return _cbor_head(3, len(encoded)) + encoded
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(item) for item in value)
    raise TypeError(type(value))


def _read(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise PluginError(f"{path}: not a Pagefind file")
    return data[len(SIGNATURE) :]


def _write(path: Path, data: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0))


def sort_filters(bundle: Path) -> None:
    """Makes the bundle a function of the pages: filter values sorted, files named after their content."""
    renamed: dict[str, str] = {}
    for path in sorted((bundle / "filter").glob("*.pf_filter")):
        name, values = _cbor_decode(_read(path), 0)[0]  # type: ignore[misc]
        data = _cbor_encode([name, sorted(values, key=lambda pair: pair[0])])
        old = path.name.removesuffix(".pf_filter")
        language = old.split("_", 1)[0]
        new = f"{language}_{hashlib.sha256(data).hexdigest()[: len(old) - len(language) - 1]}"
        path.unlink()
        _write(bundle / "filter" / f"{new}.pf_filter", data)
        renamed[old] = new
    if not renamed:
        return
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry["languages"].values():
        old_meta = language["hash"]
        meta = _read(bundle / f"pagefind.{old_meta}.pf_meta")
        for old, new in renamed.items():
            meta = meta.replace(old.encode(), new.encode())  # same length: the CBOR stays valid
        prefix = old_meta.split("_", 1)[0]
        new_meta = f"{prefix}_{hashlib.sha256(meta).hexdigest()[: len(old_meta) - len(prefix) - 1]}"
        (bundle / f"pagefind.{old_meta}.pf_meta").unlink()
        _write(bundle / f"pagefind.{new_meta}.pf_meta", meta)
        language["hash"] = new_meta
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
