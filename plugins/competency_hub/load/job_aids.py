"""Loading job aids: `job-aids/*.md`, each a Markdown body under a small front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..diagnostics import Diagnostics
from ..model import JobAid
from ..model.common import SLUG_PATTERN
from ..safety.story_body import mask_code
from .files import FileKind
from .folders import folder_files
from .models import validate_model
from .options import HubOptions
from .source import Source, load_markdown_file
from .videos import LoadedVideo, load_video

RESERVED_IDS = frozenset({"index"})
"""Ids taken by the job aids' own pages: `/job-aids/` is the index."""

TASK_ITEM = re.compile(r"^[ ]{0,3}[-*+][ \t]+\[([ xX])\][ \t]+(?P<text>\S.*?)[ \t]*$")
"""A task-list item at the top level of a list: `- [ ] Check the exits` (`[x]` is read as unticked too)."""


@dataclass
class ChecklistItem:
    """One item of a checklist: its text (inline Markdown) and its line in the file."""

    text: str
    line: int
    offset: int
    """Offset of the line in the body."""


@dataclass
class JobAidEntry:
    id: str
    model: JobAid
    source: Source
    items: list[ChecklistItem] = field(default_factory=list)
    """The body's task-list items, in order (only a checklist's are ticked in the browser)."""
    video: LoadedVideo | None = None
    """The job aid's video once its files are checked (None: none, or one with a problem)."""


@dataclass(frozen=True)
class JobAidFile:
    """A file under job-aids/ that is not a job aid; published only when a job aid's video names it."""

    path: Path
    rel: str


@dataclass
class JobAidLibrary:
    """Every job aid that loaded, by id; `unloaded` holds ids of files that failed their own checks."""

    aids: dict[str, JobAidEntry] = field(default_factory=dict)
    unloaded: dict[str, str] = field(default_factory=dict)
    files: dict[str, JobAidFile] = field(default_factory=dict)
    """The files a job aid's video names, by path relative to job-aids/: the ones published."""

    @property
    def published(self) -> list[JobAidEntry]:
        """The job aids by title (then id), the order of every list."""
        return sorted(self.aids.values(), key=lambda e: (e.model.title.casefold(), e.id))


def checklist_items(body: str, body_line: int) -> list[ChecklistItem]:
    """The task-list items of a body, outside code blocks, with their lines."""
    masked = mask_code(body)
    items = []
    offset = 0
    for i, (line, shown) in enumerate(zip(masked.split("\n"), body.split("\n"))):
        if TASK_ITEM.match(line):
            match = TASK_ITEM.match(shown)
            if match:
                items.append(ChecklistItem(match.group("text"), body_line + i, offset))
        offset += len(shown) + 1
    return items


def load_job_aids(options: HubOptions, refused: dict[str, FileKind], diagnostics: Diagnostics) -> JobAidLibrary:
    """Read the job aids folder if the hub has one (an empty library if not)."""
    library = JobAidLibrary()
    folder = options.root / options.job_aids_dir
    others: dict[str, JobAidFile] = {}
    for path, rel, display in folder_files(options, refused, folder, diagnostics):
        if path.suffix != ".md" or path.parent != folder:
            others[rel] = JobAidFile(path, rel)
            continue
        _load_job_aid(options, library, path, display, diagnostics)
    named = {rel for entry in library.aids.values() if entry.model.video for rel, _ in entry.model.video.files()}
    for rel, other in sorted(others.items()):
        if rel in named:
            continue
        diagnostics.warning(
            options.display(other.path),
            1,
            1,
            "not a job aid, so it is not published",
            f"job aids are .md files at the top level of {options.job_aids_dir}/; other files are published only "
            "when a job aid's video names them",
            code="HUB421",
        )
    library.files = {rel: other for rel, other in others.items() if rel in named}
    for entry in library.aids.values():
        if entry.model.video is not None:
            entry.video = load_video(options, options.job_aids_dir, others, refused, entry.source, ("video",), entry.model.video, diagnostics)
    return library


def _load_job_aid(options: HubOptions, library: JobAidLibrary, path: Path, display: str, diagnostics: Diagnostics) -> None:
    aid_id = path.stem
    if not re.match(SLUG_PATTERN, aid_id) or len(aid_id) > 64 or aid_id in RESERVED_IDS:
        diagnostics.error(
            display,
            1,
            1,
            f"file name '{path.name}' is not a valid job aid id" + (" (it is reserved)" if aid_id in RESERVED_IDS else ""),
            "the file name is the job aid's id and address /job-aids/<id>/: lowercase letters, digits and single "
            "hyphens, e.g. 'shift-handover.md'",
            code="HUB420",
        )
        return
    source = load_markdown_file(path, display, diagnostics, max_bytes=options.max_file_size)
    model = validate_model(JobAid, source, diagnostics, what="job aid front matter") if source else None
    if model is None or source is None:
        library.unloaded[aid_id] = display
        return
    library.aids[aid_id] = JobAidEntry(aid_id, model, source, checklist_items(source.body, source.body_line))
