"""The link manifest (`/urls.json`): every public URL and anchor of a built site, and the check
that none of them dies from one build to the next.

It reads the written files, not the MkDocs model, so it covers every page whoever made it: hub
pages, docs, tombstones, and pages added by other plugins. It imports nothing from MkDocs.
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import unquote, urlsplit

MANIFEST_NAME = "urls.json"
MANIFEST_VERSION = 1

NOT_PUBLIC = ("assets/", "search/", "pagefind/")
"""Folders of the theme's and the search engines' own files: fingerprinted or internal, never linked to by people."""
NOT_PUBLIC_FILES = {"404.html", "sitemap.xml", "sitemap.xml.gz", MANIFEST_NAME}
PER_OBJECT_DATA = "exports/case/"
"""CASE objects published one file each (under exports/case/<map>/… and item-types/): they mirror the
content and go when it goes, as an API would; the packages beside them are what people link to."""

TOMBSTONE_ATTRIBUTE = "data-hub-tombstone"
"""Marks a tombstone page's main element; its value is `retired` or `renamed`."""
REDIRECT_ATTRIBUTE = "data-hub-redirect"
"""The relative URL a tombstone sends readers to."""

_REFRESH_URL = re.compile(r"^\s*\d*\s*;?\s*url\s*=\s*['\"]?([^'\"]+)", re.IGNORECASE)

RESOURCE_ATTRIBUTES = {
    "script": ("src",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "source": ("src", "srcset"),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "image": ("href", "xlink:href"),
}
"""Elements whose attributes make the browser fetch something as soon as the page loads."""
MERMAID = "the Mermaid library (Material loads it from a public CDN to draw mermaid diagrams)"
LOADING_LINK_RELS = {"stylesheet", "icon", "shortcut", "preload", "prefetch", "modulepreload", "preconnect", "dns-prefetch", "manifest", "apple-touch-icon"}


CONTROL_ID_PREFIXES = ("__", "hub-")
"""Element ids that belong to controls, not to content: left out of the manifest of anchors."""


def is_external(url: str) -> bool:
    """True for an address on another host (`https://…`, `//host/…`); data: and relative URLs are local."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme in ("http", "https", "ws", "wss", "ftp")


_SKIPPED = re.compile(r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>", re.S | re.I)
"""Comments and the bodies of scripts and styles: text, not tags, whatever they contain."""
_ATTRIBUTE = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_LOADING_TAGS = sorted({*RESOURCE_ATTRIBUTES, "link", "meta"}, key=len, reverse=True)
_LOADING_TAG = re.compile(r"<(?i:" + "|".join(_LOADING_TAGS) + r")(?=[\s/>])")
"""Start tags that load something or redirect (script, img, link, meta…), whatever else they hold."""
_ANCHOR_ATTRIBUTES = [re.compile(name + r"\s*=") for name in ("id", "name", "ID", "Id", "NAME", "Name")]
"""One pattern per spelling: a pattern that starts with plain letters is searched for far faster
than a case-insensitive one (0.02 s against 0.4 s for 800 pages)."""
_MARKS = [re.compile(TOMBSTONE_ATTRIBUTE), re.compile("mermaid")]
_TAG_AT = re.compile(r"""<([a-zA-Z][^\s/>]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
"""The start tag beginning at a given `<`: its name and its attributes' text."""


def _tags_that_matter(page: str) -> list[int]:
    """Where the start tags the scan reads begin: those that load or redirect, and any other with an
    id, a name, a tombstone mark or a mermaid class, in document order.

    The attributes are found by fast searches over the whole page, then traced back to their tag;
    a hit with no open tag before it is text (an escaped code sample) and is skipped. Reading only
    these tags, not all of them, is what makes the scan take seconds for 17,000 pages.
    """
    starts = {m.start() for m in _LOADING_TAG.finditer(page)}
    for pattern in _ANCHOR_ATTRIBUTES:
        for m in pattern.finditer(page):
            if m.start() and page[m.start() - 1].isspace():  # `id=`, not `data-id=`
                _add_tag_around(page, m.start(), starts)
    for pattern in _MARKS:
        for m in pattern.finditer(page):
            _add_tag_around(page, m.start(), starts)
    return sorted(starts)


def _add_tag_around(page: str, position: int, starts: set[int]) -> None:
    """Adds where the tag holding `position` begins, if `position` is inside a tag at all."""
    opening = page.rfind("<", 0, position)
    if opening >= 0 and page.find(">", opening, position) < 0:
        starts.add(opening)


def _attributes(text: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for match in _ATTRIBUTE.finditer(text):
        name = match.group(1).lower()
        if name in values:
            continue  # like browsers and html.parser's dict(), the first one wins
        value = next((v for v in match.group(2, 3, 4) if v is not None), "")
        values[name] = html.unescape(value) if "&" in value else value
    return values


@dataclass
class _PageScan:
    """A page's ids, its redirect (tombstone or meta refresh) and what it loads from other hosts.

    A scan with regular expressions rather than `html.parser`: the pages are the ones this build
    wrote, well-formed, and a hub of 17,000 pages is scanned in seconds instead of minutes
    (docs/performance.md).
    """

    ids: list[str] = field(default_factory=list)
    tombstone: str | None = None
    redirect: str | None = None
    refresh: str | None = None
    external: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, page: str) -> "_PageScan":
        scan = cls()
        page = _SKIPPED.sub(_keep_script_tag, page)
        for opening in _tags_that_matter(page):
            match = _TAG_AT.match(page, opening)
            if match is not None:
                scan.start_tag(match.group(1).lower(), _attributes(match.group(2)))
        return scan

    def start_tag(self, tag: str, values: dict[str, str]) -> None:
        if values.get("id"):
            self.ids.append(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.append(values["name"])
        if TOMBSTONE_ATTRIBUTE in values:
            self.tombstone = values[TOMBSTONE_ATTRIBUTE] or "retired"
            self.redirect = values.get(REDIRECT_ATTRIBUTE) or None
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh" and self.refresh is None:
            match = _REFRESH_URL.match(values.get("content", ""))
            self.refresh = match.group(1).strip() if match else None
        for name in RESOURCE_ATTRIBUTES.get(tag, ()):
            for url in _urls(values.get(name, ""), srcset=name == "srcset"):
                if is_external(url):
                    self.external.append(url)
        if tag == "link" and LOADING_LINK_RELS & set(values.get("rel", "").lower().split()):
            if is_external(values.get("href", "")):
                self.external.append(values["href"])
        if "mermaid" in values.get("class", "").split():
            self.external.append(MERMAID)


def _keep_script_tag(match: re.Match[str]) -> str:
    """A script's or style's start tag stays (a script's src loads something); its body goes."""
    if match.group(1) is None:
        return ""
    start = match.group(0)
    return start[: start.index(">") + 1] if ">" in start else ""


def _urls(value: str, *, srcset: bool) -> list[str]:
    if not value:
        return []
    if srcset:
        return [candidate.strip().split()[0] for candidate in value.split(",") if candidate.strip()]
    return [value]


@dataclass
class UrlEntry:
    """One public URL: a page with its anchors, a tombstone or redirect, or a file."""

    url: str
    kind: str
    """`page`, `tombstone` (a retired item), `redirect` (a renamed item or a meta refresh) or `file`."""
    anchors: list[str] = field(default_factory=list)
    redirect: str | None = None
    """Site-root URL a tombstone or redirect sends readers to."""

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"url": self.url, "kind": self.kind}
        if self.kind != "file":
            data["anchors"] = self.anchors
        if self.redirect is not None:
            data["redirect"] = self.redirect
        return data


@dataclass
class Manifest:
    urls: dict[str, UrlEntry] = field(default_factory=dict)
    external: dict[str, list[str]] = field(default_factory=dict)
    """For each page, the addresses on other hosts it loads (not written to urls.json)."""

    def to_json(self) -> str:
        """The manifest as published: sorted, no dates, so two builds of one commit are identical."""
        data = {
            "version": MANIFEST_VERSION,
            "urls": [self.urls[url].as_json() for url in sorted(self.urls)],
        }
        return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> "Manifest":
        data = json.loads(text)
        if not isinstance(data, dict) or not isinstance(data.get("urls"), list):
            raise ValueError("not a urls.json manifest: it has no 'urls' list")
        manifest = cls()
        for item in data["urls"]:
            if not isinstance(item, dict) or not isinstance(item.get("url"), str):
                raise ValueError(f"not a urls.json manifest: bad entry {item!r}")
            manifest.urls[item["url"]] = UrlEntry(
                item["url"], str(item.get("kind", "page")), list(item.get("anchors", [])), item.get("redirect")
            )
        return manifest


def public_url(rel: str) -> str:
    """The URL a file is published at, from the site root: `maps/a/index.html` → `/maps/a/`."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def _is_public(rel: str) -> bool:
    if rel.startswith(PER_OBJECT_DATA) and "/" in rel[len(PER_OBJECT_DATA) :]:
        return False
    return not rel.startswith(NOT_PUBLIC) and rel not in NOT_PUBLIC_FILES and not rel.split("/")[-1].startswith(".")


def _join(page_url: str, href: str) -> str:
    """A relative href on the page at `page_url`, as a site-root URL (keeping a trailing slash)."""
    path = unquote(urlsplit(href).path)
    base = page_url if page_url.endswith("/") else posixpath.dirname(page_url) + "/"
    joined = posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else posixpath.normpath(path)
    if joined in (".", ""):
        joined = "/"
    if (path.endswith("/") or path in ("", ".")) and not joined.endswith("/"):
        joined += "/"
    if joined.endswith("/index.html"):
        joined = joined[: -len("index.html")]
    return joined


PageScans = dict[str, tuple[list[int], dict[str, Any]]]
"""Per HTML page of a site folder (its path in the folder): the inode, modification time and size of
the file that was scanned, and what the scan found (a `_PageScan` as a dict, storable as JSON)."""


def _file_stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return [st.st_ino, st.st_mtime_ns, st.st_size]


_SCAN_FIELDS = ("ids", "tombstone", "redirect", "refresh", "external")


def _site_files(site: Path) -> list[str]:
    """The regular files under `site` (links to files included, as `Path.is_file`), as paths relative
    to it, in the order of sorted `Path`s (by their parts)."""
    found = []
    for folder, _, names in os.walk(site):
        prefix = os.path.relpath(folder, site).replace(os.sep, "/")
        for name in names:
            if os.path.isfile(os.path.join(folder, name)):
                found.append(name if prefix == "." else f"{prefix}/{name}")
    return sorted(found, key=lambda rel: rel.split("/"))


def scan_site(site: Path, known: PageScans | None = None) -> Manifest:
    """Every public URL of the built site in `site`, read from the files written there.

    With `known` (the scans of an earlier call on the same folder, updated in place), a page whose
    file has the inode, modification time and size it had then is not read again: a build over the
    previous site (`--dirty`, `serve`) reads only the pages it wrote. Any other page is read.
    """
    manifest = Manifest()
    scans: PageScans = {}
    for rel in _site_files(site):
        if not _is_public(rel):
            continue
        url = public_url(rel)
        if not rel.endswith(".html"):
            manifest.urls[url] = UrlEntry(url, "file")
            continue
        path = site / rel
        stamp = _file_stamp(path) if known is not None else None
        earlier = known.get(rel) if known is not None and stamp is not None else None
        if earlier is not None and earlier[0] == stamp:
            parser = _PageScan(**{name: list(value) if isinstance(value, list) else value for name, value in earlier[1].items()})
        else:
            parser = _PageScan.of(path.read_text(encoding="utf-8", errors="replace"))
        if stamp is not None:
            scans[rel] = (stamp, {name: getattr(parser, name) for name in _SCAN_FIELDS})
        # Ids starting with '__' are Material's own controls (`__drawer`, `__nav_2_1`), which move with the
        # nav; ids starting with 'hub-' are the hub's own form controls. Neither is an anchor to link to.
        anchors = sorted({i for i in parser.ids if not i.startswith(CONTROL_ID_PREFIXES)})
        kind, redirect = "page", None
        if parser.tombstone is not None:
            kind = "redirect" if parser.tombstone == "renamed" else "tombstone"
            redirect = _join(url, parser.redirect) if parser.redirect else None
        elif parser.refresh and not is_external(parser.refresh):
            kind, redirect = "redirect", _join(url, parser.refresh)
        manifest.urls[url] = UrlEntry(url, kind, anchors, redirect)
        if parser.external:
            manifest.external[url] = sorted(set(parser.external))
    if known is not None:
        known.clear()
        known.update(scans)
    return manifest


def _lookup(manifest: Manifest, url: str) -> UrlEntry | None:
    """The entry for `url`, also accepting `/x/index.html` for `/x/` as web servers do."""
    if url in manifest.urls:
        return manifest.urls[url]
    if url.endswith("/index.html"):
        return manifest.urls.get(url[: -len("index.html")])
    return None


MAX_REDIRECTS = 10


def resolves(manifest: Manifest, url: str, anchor: str | None) -> bool:
    """True when `url#anchor` lands somewhere in the site: directly, on a tombstone, or through redirects.

    Without an anchor, a redirect must lead, in the end, to a page that is not a redirect itself.
    """
    seen: set[str] = set()
    while url not in seen and len(seen) < MAX_REDIRECTS:
        seen.add(url)
        entry = _lookup(manifest, url)
        if entry is None:
            return False
        if anchor and anchor in entry.anchors:
            return True
        if entry.redirect is None:
            return not anchor
        url = entry.redirect
    return False


def broken_promises(previous: Manifest, current: Manifest, ignore: Iterable[str] = ()) -> list[str]:
    """Each URL or `URL#anchor` of `previous` that no longer resolves in `current`, as readable lines.

    `ignore` holds glob patterns (`/guide/*`, `/maps/old/#*`) for removals made on purpose.
    """
    patterns = list(ignore)

    def ignored(target: str) -> bool:
        return any(fnmatchcase(target, pattern) for pattern in patterns)

    problems: list[str] = []
    for url in sorted(previous.urls):
        old = previous.urls[url]
        if ignored(url):
            continue
        entry = _lookup(current, url)
        if entry is None:
            problems.append(f"{url}: no longer exists")
            continue
        if not resolves(current, url, None):
            problems.append(f"{url}: redirects to {entry.redirect}, which does not lead to a page")
            continue
        for anchor in old.anchors:
            target = f"{url}#{anchor}"
            if not ignored(target) and not resolves(current, url, anchor):
                where = f" or on {entry.redirect}" if entry.redirect else ""
                problems.append(f"{target}: the page exists but has no anchor #{anchor}{where}")
    return problems
