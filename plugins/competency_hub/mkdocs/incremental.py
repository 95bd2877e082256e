"""Generated files that know whether they changed, for builds over the previous site (`--dirty`).

MkDocs 1.6 asks every file `is_modified()` before it writes it in a `--dirty` build (`mkdocs build
--dirty`, `mkdocs serve --dirty`); a file generated from memory always answers yes, so every page
is converted and every export rewritten. Here:

- a generated **file** (exports, data files, templates to download) is unmodified when the site
  folder already holds exactly its bytes (`same_content`, the one place that compares before
  writing);
- a generated **page** is unmodified when its Markdown and everything else its HTML depends on (the
  `fingerprint` of the build: navigation, configuration, docs pages, theme, versions) are those of
  the build that wrote the page now in the site folder, and that file was not touched since
  (`PageStates`). A page whose Markdown carries a `<!-- hub:` marker is always rebuilt: the marker
  is replaced from the story library when the page is converted.

Without `--dirty` MkDocs empties the site folder first and none of this is asked. Unsure means
modified: no record, another build's record, or a file changed under it all rebuild the page.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Mapping

import mkdocs
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from ..packing import unpack

MARKER = "<!-- hub:"
"""Pages whose Markdown holds a hub marker are filled in at conversion time: never skipped. (A job aid's
body marker and a story's body markers name their body's hash, so their page's Markdown changes with it.)"""

STATE_VERSION = 4


def same_content(path: str, content: str | bytes) -> bool:
    """Whether the file at `path` holds exactly `content` (text as MkDocs writes it: UTF-8)."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if os.stat(path).st_size != len(data):
            return False
        with open(path, "rb") as existing:
            return existing.read() == data
    except OSError:
        return False


def content_hash(content: str | bytes) -> str:
    return hashlib.sha256(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()


class ChangeAwareFile(File):
    """A generated file that is modified only when the site folder does not hold its content yet.

    `known` (set by `PageStates.mark`) is what an earlier build left at its place: the file's stat and
    the hash of its content. When the file still has that stat and the content that hash, the folder is
    not read; otherwise it is compared byte for byte.
    """

    known: tuple[list[int], str] | None = None
    held: bool = False
    """Whether the site folder is known to hold this content (compared or written in this build)."""
    released: bool = False
    """The content was let go once MkDocs had copied the site's files (`release`); its hash stays."""
    _hash: str | None = None

    def content_hash(self) -> str:
        if self._hash is None:
            self._hash = content_hash(self._content if self._content is not None else b"")
        return self._hash

    def release(self) -> None:
        """Lets the content go: MkDocs copies every file before it builds the first page, and after
        that only the hash is needed (`PageStates.record`). At L the exports alone are about 120 MB."""
        if self._content is not None:
            self.content_hash()
            self._content = None
            self.released = True

    def is_modified(self) -> bool:
        if self.released:
            return not self.held
        if self._content is None:
            return super().is_modified()
        known = self.known
        if known is not None and _stat(self.abs_dest_path) == known[0] and self.content_hash() == known[1]:
            self.held = True
        else:
            self.held = same_content(self.abs_dest_path, self._content)
        return not self.held

    def copy_file(self, dirty: bool = False) -> None:
        super().copy_file(dirty)
        if self._content is not None:
            self.held = True


class GeneratedPage(File):
    """A generated Markdown page; `unchanged` is set by `PageStates.mark` before MkDocs asks.

    Its Markdown is held packed as the hub rendered it (render/output.py) until MkDocs reads it,
    and let go once the page is converted (`release`, mkdocs/held.py).
    """

    unchanged: bool = False
    packed: bytes | None = None
    give_way: Callable[[], bool] | None = None
    """Whether a newer save waits, for a page a rebuild of `serve` may leave for the next (`PageStates.give_way`)."""
    recorded_title: str | None = None
    gave_way: bool = False
    """The page was left as the last build wrote it because a newer save waited: not recorded, so the next build converts it."""

    def is_modified(self) -> bool:
        if not self.unchanged and self.give_way is not None and self.give_way():
            self.unchanged = self.gave_way = True
            if self.page is not None:
                self.page.title = self.recorded_title
        return not self.unchanged

    @classmethod
    def of_packed(cls, config: MkDocsConfig, src_uri: str, packed: bytes, inclusion: InclusionLevel) -> GeneratedPage:
        page = cls.generated(config, src_uri, content="", inclusion=inclusion)
        page._content, page.packed = None, packed
        return page

    @property
    def content_string(self) -> str:
        if self.packed is not None:
            return unpack(self.packed)
        return File.content_string.fget(self)  # type: ignore[attr-defined,no-any-return]

    @content_string.setter
    def content_string(self, value: str) -> None:
        self.packed = None
        self._content = value

    @property
    def content_bytes(self) -> bytes:
        if self.packed is not None:
            return unpack(self.packed).encode("utf-8")
        return File.content_bytes.fget(self)  # type: ignore[attr-defined,no-any-return]

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self.packed = None
        self._content = value

    def release(self) -> None:
        """Lets the Markdown go once the page is converted: MkDocs reads it only to convert it."""
        self._content = None
        self.packed = None


def _stat(path: str) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_ino, st.st_mtime_ns, st.st_size]


def package_stamp() -> str:
    """Changes whenever a file of the installed plugin changes (code, templates, theme partials): a hash of
    their content, so that a fresh checkout or install of the same source has the same stamp (CI caches)."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    found = []
    for folder, folders, names in os.walk(root):
        folders[:] = [name for name in folders if name != "__pycache__"]
        found += [os.path.join(folder, name) for name in names if not name.endswith((".pyc", ".pyo"))]
    for path in sorted(found, key=lambda p: os.path.relpath(p, root)):
        digest.update(os.path.relpath(path, root).encode("utf-8") + b"\0")
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(b"\1unreadable")
        digest.update(b"\0")
    return digest.hexdigest()


def engine() -> str:
    """The engine running this build and its version: "mkdocs 1.6.1", or "properdocs 1.6.7" when ProperDocs
    runs it (it answers `import mkdocs` with its own module), whether or not MkDocs is installed too."""
    return f"{mkdocs.__name__} {mkdocs.__version__}"


def package_version(name: str) -> str:
    """The installed version of a distribution, or "-" when it is not installed."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def folder_stamp(folder: str | None) -> list[str]:
    if not folder or not os.path.isdir(folder):
        return []
    found = []
    for where, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(where, name)
            found.append(f"{path}:{_stat(path)}")
    return sorted(found)


def _stable(value: Any) -> Any:
    """`value` as JSON whatever it holds: an object by its type's name (never its address in memory)."""
    if isinstance(value, Mapping):
        return {str(k): _stable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_stable(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return f"{type(value).__module__}.{type(value).__qualname__}"


def converter_parts(config: MkDocsConfig) -> dict[str, Any]:
    """What converting a page's Markdown depends on besides the page itself: the engine and the
    versions, `mkdocs.yml`, the Markdown extensions and their options, the link settings. All by
    content, never by a file's time, so that another checkout of the same commit has the same parts."""
    config_text = ""
    if config.config_file_path and os.path.isfile(config.config_file_path):
        config_text = Path(config.config_file_path).read_text(encoding="utf-8", errors="replace")
    extensions = config.markdown_extensions
    return {
        "state": STATE_VERSION,
        "versions": [engine(), package_version("mkdocs-material"), package_version("markdown"), package_version("pymdown-extensions"), package_stamp()],
        "config_file": config_text,
        "env": sorted((k, v) for k, v in os.environ.items() if k.startswith("HUB_")),
        "use_directory_urls": config.use_directory_urls,
        "markdown_extensions": [x if isinstance(x, str) else f"{type(x).__module__}.{type(x).__qualname__}" for x in extensions],
        "extension_options": [_stable(getattr(x, "getConfigs", lambda: None)()) for x in extensions],
        "mdx_configs": _stable(config.mdx_configs),
        "validation": _stable(config.validation),
    }


def fingerprint(config: MkDocsConfig, files: Files, extra: Any = None) -> str:
    """What every generated page's HTML depends on besides its own Markdown: what its conversion depends
    on (`converter_parts`) and what the page around it shows.

    Deliberately broad: any change here rebuilds every generated page. The docs pages are in it by
    their size and modification time (a changed docs title would show in every page's navigation).
    """
    docs = sorted(
        (file.src_uri, _stat(file.abs_src_path))
        for file in files
        if file.generated_by is None and file.abs_src_path and file.is_documentation_page()
    )
    parts = {
        **converter_parts(config),
        "env": sorted((k, v) for k, v in os.environ.items() if k.startswith(("HUB_", "SOURCE_DATE_EPOCH"))),
        "site_url": config.site_url,
        "nav": repr(config.nav),
        "extra_css": [str(x) for x in config.extra_css],
        "extra_javascript": [str(x) for x in config.extra_javascript],
        "theme_dirs": list(config.theme.dirs),
        "custom_dir": folder_stamp(config.theme.custom_dir),
        "docs": docs,
        "extra": repr(extra),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode("utf-8")).hexdigest()


def page_key(build: str, markdown: str) -> str:
    return hashlib.sha256(build.encode("ascii") + b"\0" + markdown.encode("utf-8")).hexdigest()


@dataclass
class PageStates:
    """Per generated page of one site folder: the key of the build that wrote it, and that file's stat."""

    pages: dict[str, tuple[str, list[int]]] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    """Title of every documentation page (docs and generated) as the last build rendered it: a page that
    is not converted again keeps it, so the navigation of the pages that are is right."""
    keys: dict[str, str] = field(default_factory=dict)
    """The keys of the current build, set by `mark`."""
    files: dict[str, tuple[list[int], str]] = field(default_factory=dict)
    """Per generated file (its source URI): the stat of the file written and the SHA-256 of its content."""
    scans: dict[str, tuple[list[int], dict[str, Any]]] = field(default_factory=dict)
    """What the link manifest's scan found in each page of the folder (links.scan_site), by the page file's stat."""
    finder: dict[str, str] = field(default_factory=dict)
    """The story finder's search index by the hash of what it indexes (render/stories.py), the latest only."""
    search: dict[str, list[Any]] = field(default_factory=dict)
    """Each searched page's entry in the header search's own index (mkdocs/search.py, SearchEntries), by URL."""
    page_keys: dict[str, tuple[bytes, str, str | None]] = field(default_factory=dict)
    """Per generated page, in `serve`: the packed Markdown of the last `mark`, its build and its key (None:
    it holds a marker). Not saved: the bytes are those the renderer holds, by identity."""
    indexed: str = ""
    """The stamp of the pages Pagefind last indexed in this folder, and of the index it left
    (mkdocs/search.py, `index_stamps`): a dirty build whose stamps are the same runs no Pagefind."""

    def mark(self, files: Files, build: str, *, remember: bool = False) -> int:
        """Sets `unchanged` on each generated page whose output is that of an earlier build with its key.

        With `remember` (`serve`), each page's key is kept with its packed Markdown, and a page given the
        very same bytes again (a page the renderer kept or gave as the build before did: at L, most
        pages of a split preview's first half) is not unpacked and hashed again."""
        skipped = 0
        self.keys = {}
        known_keys, self.page_keys = self.page_keys, {}
        for file in files:
            if isinstance(file, ChangeAwareFile):
                file.known = self.files.get(file.src_uri)
            if not isinstance(file, GeneratedPage):
                continue
            packed, earlier = file.packed, known_keys.get(file.src_uri)
            if packed is not None and earlier is not None and earlier[0] is packed and earlier[1] == build:
                key = earlier[2]
            else:
                content = file.content_string
                key = None if MARKER in content else page_key(build, content)
            if remember and packed is not None:
                self.page_keys[file.src_uri] = (packed, build, key)
            if key is None:
                file.unchanged = False
                continue
            self.keys[file.src_uri] = key
            known = self.pages.get(file.src_uri)
            file.unchanged = known is not None and known[0] == key and _stat(file.abs_dest_path) == known[1]
            skipped += file.unchanged
        for file in files.documentation_pages():
            if file.page is None:
                continue
            title = self.titles.get(file.src_uri)
            if not file.is_modified() and title is not None:
                file.page.title = title
            elif not file.is_modified():  # a docs page MkDocs would skip, whose title is unknown: read it
                file.is_modified = lambda: True  # type: ignore[method-assign]
        return skipped

    def left_title(self, src_uri: str, dest: str) -> str | None:
        """The recorded title of a generated page that can be left as the last build wrote it (a title
        recorded, its file at `dest`), else None: the one rule for pages left by a split preview or a
        rebuild that gives way, and for the pages a first half may give again."""
        title = self.titles.get(src_uri)
        return title if title is not None and _stat(dest) is not None else None

    def leave(self, files: Files, first: set[str]) -> set[str]:
        """Leaves every generated page that is due (after `mark`) and not in `first` as the last build
        wrote it, in the first half of a split preview; returns their source URIs. Their record is
        dropped, so the next build converts them; their titles stay the recorded ones, so the
        navigation of the pages converted now names them. A page that cannot be left (`left_title`)
        is converted; one left by the build before is left again."""
        left = set()
        for file in files:
            if not isinstance(file, GeneratedPage) or file.unchanged or file.src_uri in first:
                continue
            title = self.left_title(file.src_uri, file.abs_dest_path)
            if title is None:
                continue
            file.unchanged = True
            self.keys.pop(file.src_uri, None)
            if file.page is not None:
                file.page.title = title
            left.add(file.src_uri)
        return left

    def give_way(self, files: Files, waiting: Callable[[], bool]) -> None:
        """Lets each generated page that is due (after `mark`) be left as the last build wrote it when
        `waiting()` says a newer save waits, at the moment MkDocs comes to it: a rebuild of `serve` that
        converts hundreds of pages (the second half of a split preview, a map's title) then stops
        converting, so that the next rebuild shows the newer save's pages at once. Only a page that
        can be left (`left_title`) is; the next build converts it."""
        for file in files:
            if isinstance(file, GeneratedPage) and not file.unchanged:
                title = self.left_title(file.src_uri, file.abs_dest_path)
                if title is not None:
                    file.give_way, file.recorded_title = waiting, title

    def record(self, files: Files) -> None:
        """After the build: remember what each generated page's output now is."""
        pages: dict[str, tuple[str, list[int]]] = {}
        known: dict[str, tuple[list[int], str]] = {}
        for file in files:
            if isinstance(file, ChangeAwareFile) and file.held and (file._content is not None or file.released):
                stat = _stat(file.abs_dest_path)
                if stat is not None:
                    known[file.src_uri] = (stat, file.content_hash())
            key = self.keys.get(file.src_uri)
            if key is None or not isinstance(file, GeneratedPage) or file.gave_way:
                continue
            stat = _stat(file.abs_dest_path)
            if stat is not None:
                pages[file.src_uri] = (key, stat)
        self.pages = pages
        self.files = known
        self.titles = {
            file.src_uri: file.page.title for file in files.documentation_pages() if file.page is not None and file.page.title is not None
        }

    # On disk, for `mkdocs build --dirty` in a new process; `serve` keeps the plugin (and this) in memory.

    @staticmethod
    def path(cache_dir: Path, site_dir: str) -> Path:
        name = hashlib.sha256(os.path.abspath(site_dir).encode("utf-8")).hexdigest()[:16]
        return cache_dir / f"pages-{name}.json"

    @classmethod
    def load(cls, path: Path) -> PageStates:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != STATE_VERSION:
                return cls()
            pages = {uri: (key, list(stat)) for uri, (key, stat) in data["pages"].items()}
            titles = {str(uri): str(title) for uri, title in data["titles"].items()}
            files = {uri: (list(stat), str(digest)) for uri, (stat, digest) in data["files"].items()}
            scans = {rel: (list(stat), dict(scan)) for rel, (stat, scan) in data["scans"].items()}
            finder = {str(key): str(index) for key, index in data["finder"].items()}
            search = {str(url): list(row) for url, row in data["search"].items()}
            indexed = str(data["indexed"])
            return cls(pages, titles, files=files, scans=scans, finder=finder, search=search, indexed=indexed)
        except (OSError, ValueError, KeyError, TypeError):
            return cls()

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {
            "pages": self.pages,
            "titles": self.titles,
            "files": self.files,
            "scans": self.scans,
            "finder": self.finder,
            "search": self.search,
            "indexed": self.indexed,
        }
        text = json.dumps({"version": STATE_VERSION, **data}, sort_keys=True)
        if not same_content(str(path), text):
            path.write_text(text, encoding="utf-8")


def write_if_changed(path: Path, text: str) -> bool:
    """Writes `text` to `path` unless the file already holds it; whether it wrote."""
    if same_content(str(path), text):
        return False
    path.write_text(text, encoding="utf-8")
    return True


def merge_search_index(previous: str | None, written: str, rebuilt: set[str], order: list[str]) -> str | None:
    """Material's search index after a dirty build: each page's entries from this build when the page
    was rebuilt, else from the previous index; pages in `order` (site order). None: leave it as is."""
    if previous is None:
        return None
    try:
        old, new = json.loads(previous), json.loads(written)
    except ValueError:
        return None

    def by_page(docs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
        grouped: dict[str, list[dict[str, Any]]] = {}
        for entry in docs:
            grouped.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
        return grouped

    before, now = by_page(old.get("docs", [])), by_page(new.get("docs", []))
    docs: list[dict[str, Any]] = []
    for url in order:
        docs += now.get(url, []) if url in rebuilt else before.get(url, [])
    new["docs"] = docs
    return json.dumps(new, separators=(",", ":"), default=str)
