"""A content-keyed cache of converted pages, kept across builds (issue 15).

Python-Markdown is most of a clean build's time, and most pages come out of it the same from one
build to the next. Each page's conversion (`Page.render`: its HTML, table of contents, title and
anchors) is kept in a folder, `.cache/competency-hub/pages/` by default, under a key that is the
hash of everything the conversion depends on:

- the page's Markdown as MkDocs converts it (after every `on_page_markdown`, so the latest-stories
  markers are already filled in), its source path, destination and URL, and whether it is a docs page;
- the converter: engine, Material, Python-Markdown and pymdown-extensions versions, the plugin's own
  source (by content), `mkdocs.yml`, the Markdown extensions and their options, the link settings
  (`incremental.converter_parts`, which the `--dirty` fingerprint is built on too).

MkDocs resolves and checks each link while it converts, against the site's files. A page is kept
only when its conversion logged nothing (no warning, no note), with the links it resolved and what
they resolved to. A kept page is used only when each of those links still resolves, silently, to the
same address: a link whose target has gone is a miss, and the page is converted again and warns as
it would without the cache. Its anchor links are checked by MkDocs after the build, as any page's.

A docs page that includes files (pymdownx.snippets) depends on them: it is always converted.

The folder must be a plain folder inside the hub, not a symbolic link nor under one, and Git must
track nothing in it (a commit could otherwise plant a page's HTML); else the cache is off for the
build, with a warning. Entries are written whole (a temporary file, then renamed); an entry that
cannot be read or is not what it should be is a miss. After a full build, entries that build did not
use are removed, and only the two most recently used converter folders are kept.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import stat
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import mkdocs
from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from ..load.files import FileKind, classify
from . import incremental
from .snippets import GuardedSnippets

try:  # MkDocs' own link resolution (MkDocs 1.6 and ProperDocs); without it, nothing is cached
    from mkdocs.structure.pages import _RelativePathTreeprocessor
except ImportError:  # pragma: no cover - another engine
    _RelativePathTreeprocessor = None  # type: ignore[assignment,misc]

ENTRY_VERSION = 1
DEFAULT_FOLDER = ".cache/competency-hub/pages"
REPORT = "last-build.json"
"""What the last full build did with the cache (pages used and converted), for benchmarks and tests."""
KEEP_CONVERTERS = 2
SNIPPETS = "--8<--"


class LinkRecorder(Extension):
    """Notes each address MkDocs' link processor ("relpath") resolves while a page is converted, and the result.

    It wraps that processor's `path_to_url` on the page's own converter, so what is noted is exactly
    what MkDocs resolved; `found` is False when the processor was not there (nothing can be kept).
    """

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.found = False

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        self.links, self.found = [], False
        md.treeprocessors.register(_Recording(md, self), "hub_page_cache_links", 50)


class _Recording(Treeprocessor):
    def __init__(self, md: Markdown, recorder: LinkRecorder) -> None:
        super().__init__(md)
        self.recorder = recorder

    def run(self, root: Any) -> None:
        if "relpath" not in self.md.treeprocessors:
            return
        relpath = self.md.treeprocessors["relpath"]
        resolve = relpath.path_to_url
        links = self.recorder.links

        def path_to_url(url: str) -> str:
            result = resolve(url)
            links.append((url, result))
            return result

        relpath.path_to_url = path_to_url
        self.recorder.found = True


class _Heard(logging.Handler):
    """Counts the records logged while it listens (a conversion that says anything is not kept)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class _Hush(logging.Filter):
    """Stops, and counts, what MkDocs' page module logs while a kept page's links are checked again."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def filter(self, record: logging.LogRecord) -> bool:
        self.count += 1
        return False


def _pages_log() -> logging.Logger:
    return logging.getLogger(Page.__module__)


def refusal(root: Path, folder: Path) -> str | None:
    """Why `folder` may not hold the cache, or None. Git must track nothing in it."""
    kind = classify(root, folder)
    if kind is FileKind.SYMLINK:
        return "is a symbolic link or under one"
    if kind is FileKind.OUTSIDE:
        return "is outside the hub"
    if kind not in (FileKind.FOLDER, FileKind.MISSING):
        return "is not a folder"
    try:
        done = subprocess.run(
            ["git", "--no-optional-locks", "-C", str(root), "ls-files", "-z", "--", str(folder)],
            capture_output=True,
            timeout=60,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode == 0 and done.stdout.strip(b"\0"):
        return "holds files tracked by Git"
    return None


def _toc_data(items: Any) -> list[Any]:
    return [[item.title, item.id, item.level, _toc_data(item.children)] for item in items]


def _toc_items(data: list[Any]) -> list[AnchorLink]:
    items = []
    for title, anchor, level, children in data:
        if not (isinstance(title, str) and isinstance(anchor, str) and isinstance(level, int) and isinstance(children, list)):
            raise ValueError("not a table of contents")
        item = AnchorLink(title, anchor, level)
        item.children = _toc_items(children)
        items.append(item)
    return items


@dataclass
class PageCache:
    """The cache of one build: where entries are, the converter's stamp, and what the build did with it."""

    folder: Path
    """The cache folder (`page_cache`); entries are in a folder per converter stamp under it."""
    converter: str
    recorder: LinkRecorder
    includes: bool = False
    """pymdownx.snippets is on: a docs page that names a file to include is converted, never kept."""
    includes_every_page: bool = False
    """Its `auto_append` adds files to every docs page: no docs page is kept."""
    used: set[str] = field(default_factory=set)
    converted: list[str] = field(default_factory=list)
    hits: int = 0
    stored: int = 0

    @property
    def entries(self) -> Path:
        return self.folder / self.converter[:16]

    def key(self, page: Page) -> str:
        digest = hashlib.sha256()
        for part in (str(ENTRY_VERSION), self.converter, page.file.src_uri, page.file.dest_uri, page.url,
                     "docs" if page.file.generated_by is None else str(page.file.generated_by), page.markdown or ""):
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()

    def install(self, page: Page) -> None:
        """Serves `page`'s conversion from the cache when it can (MkDocs calls `page.render` after `on_page_markdown`)."""
        convert: Callable[[MkDocsConfig, Files], None] = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            docs_page = page.file.generated_by is None
            if page.markdown is None or (self.includes and docs_page and (self.includes_every_page or SNIPPETS in page.markdown)):
                convert(config, files)
                return
            key = self.key(page)
            if self._restore(page, key, config, files):
                self.hits += 1
                self.used.add(key)
                return
            self.converted.append(page.file.src_uri)
            heard = _Heard()
            listeners = [logging.getLogger(), logging.getLogger(mkdocs.__name__)]
            for logger in listeners:
                logger.addHandler(heard)
            try:
                convert(config, files)
            finally:
                for logger in listeners:
                    logger.removeHandler(heard)
            if heard.count == 0 and self.recorder.found and _RelativePathTreeprocessor is not None:
                self._store(page, key)

        page.render = render  # type: ignore[method-assign]

    def _path(self, key: str) -> Path:
        return self.entries / f"{key}.json"

    def _read(self, key: str) -> dict[str, Any] | None:
        try:
            fd = os.open(self._path(key), os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except OSError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return None
            with os.fdopen(fd, "rb", closefd=False) as stream:
                data = json.loads(stream.read().decode("utf-8"))
        except (OSError, ValueError):
            return None
        finally:
            os.close(fd)
        return data if isinstance(data, dict) and data.get("version") == ENTRY_VERSION and data.get("key") == key else None

    def _restore(self, page: Page, key: str, config: MkDocsConfig, files: Files) -> bool:
        entry = self._read(key)
        if entry is None or _RelativePathTreeprocessor is None:
            return False
        try:
            content, title, anchors, links = entry["content"], entry["title"], entry["anchors"], entry["links"]
            toc = TableOfContents(_toc_items(entry["toc"]))
            if not (isinstance(content, str) and (title is None or isinstance(title, str)) and isinstance(anchors, list)
                    and all(a is None or isinstance(a, str) for a in anchors) and isinstance(links, list)):
                return False
            relpath = _RelativePathTreeprocessor(page.file, files, config)
            hush = _Hush()
            log = _pages_log()
            log.addFilter(hush)
            try:
                for url, result in links:
                    if not isinstance(url, str) or relpath.path_to_url(url) != result:
                        return False
            finally:
                log.removeFilter(hush)
        except (KeyError, TypeError, ValueError):
            return False
        if hush.count:  # a link MkDocs would say something about now: convert, so that it does
            return False
        page.content = content
        page.toc = toc
        page._title_from_render = title
        page.present_anchor_ids = set(anchors)
        if _pages_log().getEffectiveLevel() > logging.DEBUG:  # as Page.render keeps them
            page.links_to_anchors = relpath.links_to_anchors
        return True

    def _store(self, page: Page, key: str) -> None:
        entry = {
            "version": ENTRY_VERSION,
            "key": key,
            "src_uri": page.file.src_uri,
            "content": page.content,
            "toc": _toc_data(page.toc),
            "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or (), key=lambda a: (a is None, a or "")),
            "links": self.recorder.links,
        }
        if write_atomically(self._path(key), json.dumps(entry, sort_keys=True)):
            self.stored += 1
            self.used.add(key)

    def finish(self, *, full: bool) -> None:
        """After the build: the report, and (after a full build) the entries no page of it used removed."""
        report = {"converter": self.converter[:16], "used": self.hits, "converted": sorted(self.converted), "stored": self.stored}
        write_atomically(self.folder / REPORT, json.dumps(report, sort_keys=True, indent=1))
        if not full or not self.entries.is_dir():
            return
        try:  # pruning is housekeeping: a folder it cannot change stays as it is
            os.utime(self.entries)
            for entry in os.scandir(self.entries):
                if entry.name.removesuffix(".json") not in self.used:
                    _remove(Path(entry.path))
            converters = [Path(e.path) for e in os.scandir(self.folder) if e.is_dir(follow_symlinks=False)]
            converters.sort(key=lambda p: (p.stat().st_mtime_ns, p.name), reverse=True)
            for old in converters[KEEP_CONVERTERS:]:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def write_atomically(path: Path, text: str) -> bool:
    """Writes `text` to `path` whole or not at all (a temporary file beside it, then renamed); whether it did."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(text.encode("utf-8"))
        os.replace(temporary, path)
        return True
    except (OSError, ValueError):  # a full disk, a text that is not UTF-8: not kept, nothing else
        _remove(Path(temporary))
        return False


def open_cache(root: Path, setting: str | bool, config: MkDocsConfig, recorder: LinkRecorder) -> tuple[PageCache | None, str | None]:
    """The build's cache, or None; with the reason it is refused, if it is (a folder that cannot be made,
    on a read-only checkout say, is no cache and no reason)."""
    if setting is False or _RelativePathTreeprocessor is None:
        return None, None
    folder = root / (DEFAULT_FOLDER if setting is True else str(setting))
    reason = refusal(root, folder)
    if reason is None:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only checkout, say: no cache, and nothing to warn about
            return None, None
        reason = refusal(root, folder)
    if reason is not None:
        return None, reason
    converter = hashlib.sha256(json.dumps(incremental.converter_parts(config), sort_keys=True, default=str).encode("utf-8")).hexdigest()
    includes = [x for x in config.markdown_extensions if isinstance(x, GuardedSnippets)]
    every_page = any(x.getConfigs().get("auto_append") for x in includes)
    return PageCache(folder, converter, recorder, includes=bool(includes), includes_every_page=every_page), None


def refusal_rule() -> str:
    return "only a plain folder inside the repository, which Git does not track, holds converted pages"
