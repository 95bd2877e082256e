"""Rendering job aids in three forms from one source: the page, the embed (no site chrome, for an
iframe) and the print forms (an A4/Letter poster and an A6 card, with a QR code made at build time).

The body is Markdown from outside contributors: it is converted here, once, and cleaned to the
allow-list (safety/sanitise.py) before any form shows it; the hub then adds its own checklist markup
around the task-list items. The page's Markdown only carries a marker where the plugin puts the
cleaned HTML, so the contributor's text never passes through the site's Markdown extensions.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
import posixpath
import re
from dataclasses import dataclass
from typing import Any

import markdown as markdown_lib
import segno

from ..load import Hub
from ..load.index import HubIndex
from ..load.job_aids import JobAidEntry
from ..model import JOB_AID_KINDS
from ..packaged import SITE_FOLDER
from ..safety.sanitise import USER_ID_PREFIX, clean_html, prefix_ids
from . import urls
from .output import GeneratedFile, NavItem, RenderedSite
from .pages import PageRenderer
from .video import VideoView, video_view

def body_marker(body: str) -> str:
    """Where the page's template puts the job aid's body; the plugin replaces it with the cleaned HTML. It
    names the body's hash, so the page's Markdown changes when the body does (what a build over the
    previous site compares, mkdocs/incremental.py)."""
    return f"<!-- hub-job-aid-body:{hashlib.sha256(body.encode('utf-8')).hexdigest()[:16]} -->"

STORAGE_PREFIX = "competency-hub:v1:job-aid:"
"""The localStorage key of a checklist's ticks is this prefix and the job aid's id (docs/guide/job-aids.md)."""

BODY_EXTENSIONS = ("tables", "sane_lists")
"""Markdown extensions of job aid bodies: plain Markdown with tables; no attribute lists, no includes."""

_TASK = re.compile(r"<li>(\s*<p>)?\s*\[[ xX]\]\s+")
_TAGS = re.compile(r"<[^>]*>")

FORMS = {"embed": "Embed", "poster": "Poster (A4 or Letter)", "card": "Card (A6)"}
"""The standalone forms of a job aid, by the name of their file (`embed.html`, `poster.html`, `card.html`)."""


def item_key(text: str) -> str:
    """A checklist item's key in the browser's storage: a hash of its words, so a tick stays with its
    item when others are added or reordered, and goes when the item is reworded."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def body_html(entry: JobAidEntry) -> str:
    """The job aid's body as clean HTML; in a checklist, each task-list item is marked for ticking."""
    converted = markdown_lib.markdown(entry.source.body, extensions=list(BODY_EXTENSIONS), output_format="html")
    ids: set[str] = set()
    cleaned = clean_html(converted, image_allowed=lambda src: False, ids=ids)
    cleaned = prefix_ids(cleaned, ids, USER_ID_PREFIX) if ids else cleaned
    if entry.model.kind != "checklist":
        return cleaned
    return _mark_items(cleaned)


def _mark_items(fragment: str) -> str:
    """Each `<li>[ ] …` of the cleaned body as a checklist item with a stable key and an empty box."""
    pieces = []
    last = 0
    for match in _TASK.finditer(fragment):
        end = fragment.find("</li>", match.end())
        text = html.unescape(_TAGS.sub("", fragment[match.end() : end if end >= 0 else None]))
        pieces.append(fragment[last : match.start()])
        pieces.append(
            f'<li class="hub-checklist__item" data-hub-item="{item_key(text)}">{match.group(1) or ""}'
            '<span class="hub-checklist__box" aria-hidden="true"></span> '
        )
        last = match.end()
    pieces.append(fragment[last:])
    return "".join(pieces)


def qr_svg(address: str, label: str) -> str:
    """A QR code of `address` as inline SVG (no style attribute; sized by the stylesheet)."""
    code = segno.make(address, error="m")
    svg = code.svg_inline(scale=1, omitsize=True, svgclass="hub-qr", lineclass="hub-qr__dark", dark="#000")
    return svg.replace("<svg ", f'<svg role="img" aria-label="{html.escape(label)}" ', 1)


@dataclass
class JobAidView:
    """What the job aid templates receive for one job aid; every text is plain text, escaped by the template."""

    id: str
    title: str
    kind: str
    kind_name: str
    summary: str
    owner: str
    supports: list[dict[str, Any]]
    """Each supported capability: {'map', 'capability', 'title', 'map_title', 'levels': [names], 'src'}."""
    checklist: bool
    items: int


class JobAidsView:
    """What templates see as `job_aids`: the job aids that support a capability, for its page and its challenges."""

    def __init__(self, hub: Hub, index: HubIndex) -> None:
        self.hub = hub
        self.index = index
        self._by_capability: dict[str, list[tuple[JobAidEntry, list[str]]]] = {}
        for entry in hub.job_aids.published:
            for support in entry.model.supports:
                found = index.capability(support.capability, None)
                if found:
                    key = f"{found[0].model.id}/{found[1].id}"
                    self._by_capability.setdefault(key, []).append((entry, list(support.levels)))

    def any(self) -> bool:
        """Whether the hub publishes any job aid."""
        return bool(self.hub.job_aids.aids)

    def for_capability(self, map_id: str, capability_id: str, level: str | None = None) -> list[JobAidView]:
        """The job aids that support a capability (at `level`, when given: those for every level and those
        that name it), by title."""
        found = self._by_capability.get(f"{map_id}/{capability_id}", [])
        return [self.view(entry) for entry, levels in found if level is None or not levels or level in levels]

    def view(self, entry: JobAidEntry) -> JobAidView:
        supports = []
        for support in entry.model.supports:
            found = self.index.capability(support.capability, None)
            if not found:
                continue
            map_entry, capability = found
            names = {level.id: level.name for level in map_entry.model.scale}
            supports.append(
                {
                    "map": map_entry.model.id,
                    "capability": capability.id,
                    "title": capability.title,
                    "map_title": map_entry.model.title,
                    "levels": [names.get(level, level) for level in support.levels],
                    "src": urls.capability_page(map_entry.model.id, capability.id),
                }
            )
        model = entry.model
        return JobAidView(
            entry.id,
            model.title,
            model.kind,
            JOB_AID_KINDS[model.kind],
            model.summary,
            model.owner,
            supports,
            model.kind == "checklist",
            len(entry.items),
        )


class _NoParts:
    """The `part` markers the video partial writes, empty on a job aid page (its texts are cleaned before)."""

    def start(self) -> str:
        return ""

    def end(self) -> str:
        return ""


class JobAidRenderer:
    """Renders every job aid's page, its standalone forms and the index, with the site's page renderer."""

    def __init__(
        self,
        pages: PageRenderer,
        view: JobAidsView,
        *,
        site_url: str | None,
        script: bool = True,
        captions_tracks: bool = True,
        language: str = "en",
    ) -> None:
        self.pages = pages
        self.captions_tracks = captions_tracks
        """Whether videos load their captions as a `<track>` (not in a file-share build, render/video.py)."""
        self.script = script
        """Whether embeds load the checklist script (not in a file-share build)."""
        self.view = view
        self.site_url = site_url
        self.language = language

    def address(self, aid_id: str) -> str | None:
        """The absolute URL of a job aid's page, when `site_url` is set."""
        base = urls.normalise_base_url(self.site_url)
        if not base:
            return None
        return urls.absolute(base, urls.page_url(urls.job_aid_page(aid_id), self.pages.use_directory_urls))

    def absolute(self, src: str) -> str:
        """A site path as an absolute URL under `site_url`, or from the site root when it is not set."""
        base = urls.normalise_base_url(self.site_url)
        return urls.absolute(base, src) if base else "/" + src

    def render(self, site: RenderedSite) -> None:
        entries = self.view.hub.job_aids.published
        views = [self.view.view(entry) for entry in entries]
        site.pages.append(self.pages.render_page("job_aids_index.md.j2", urls.job_aids_index(), aids=views, kinds=JOB_AID_KINDS))
        for entry, aid in zip(entries, views):
            body = body_html(entry)
            address = self.address(entry.id)
            page = urls.job_aid_page(entry.id)
            site.pages.append(
                self.pages.render_page(
                    "job_aid.md.j2",
                    page,
                    aid=aid,
                    body_marker=body_marker(body),
                    address=address,
                    embed_address=self.absolute(urls.job_aid_form(entry.id, "embed")),
                    forms={form: urls.job_aid_form(entry.id, form) for form in FORMS},
                    form_names=FORMS,
                    storage_key=STORAGE_PREFIX + entry.id,
                    video=self.video(entry),
                    part=_NoParts(),
                )
            )
            site.job_aids[page] = body
            for form in FORMS:
                site.files.append(GeneratedFile(urls.job_aid_form(entry.id, form), content=self.standalone(aid, body, form, address)))
        for rel, named in sorted(self.view.hub.job_aids.files.items()):
            site.files.append(GeneratedFile(urls.job_aid_asset(rel), abs_path=named.path))
        site.nav.append(NavItem("Job aids", urls.job_aids_index()))

    def video(self, entry: JobAidEntry) -> VideoView | None:
        """The job aid's video for `_video.md.j2`, its title escaped and its transcript already cleaned HTML:
        a job aid page's contributed text is cleaned here, not by the plugin's contributed-part markers."""
        if entry.video is None:
            return None
        view = video_view(entry.video, urls.job_aid_asset, captions_track=self.captions_tracks)
        converted = markdown_lib.markdown(view.transcript, extensions=list(BODY_EXTENSIONS), output_format="html")
        transcript = clean_html(converted, image_allowed=lambda src: False, ids=set())
        return dataclasses.replace(view, title=html.escape(view.title), transcript=transcript)

    def standalone(self, aid: JobAidView, body: str, form: str, address: str | None) -> bytes:
        """One standalone form (`embed`, `poster` or `card`) as a complete HTML file."""
        src = urls.job_aid_form(aid.id, form)
        root = posixpath.relpath(".", posixpath.dirname(src)) + "/"
        page = urls.job_aid_page(aid.id)
        page_href = urls.href(src, page, self.pages.use_directory_urls)
        shown_address = address or "/" + urls.page_url(page, self.pages.use_directory_urls)
        template = self.pages.env.get_template("job_aid_standalone.html.j2")
        text = template.render(
            aid=aid,
            form=form,
            body=body,
            root=root,
            assets=root + SITE_FOLDER + "/",
            page_href=page_href,
            address=address,
            shown_address=shown_address,
            qr=qr_svg(address, f"QR code: opens {aid.title} at {address}") if address and form != "embed" else None,
            capability_href=lambda s: urls.href(src, s["src"], self.pages.use_directory_urls),
            site_name=self.pages.site_name,
            language=self.language,
            storage_key=STORAGE_PREFIX + aid.id,
            script=self.script and aid.checklist,
        )
        return text.encode("utf-8")
