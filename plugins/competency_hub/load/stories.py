"""Loading the story library: `stories/*.md`, the authors and patterns files, and story images."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, TypeVar

from ..diagnostics import Diagnostics
from ..memo import TwoLoads
from ..model import STORY_SECTIONS, Author, AuthorsFile, OutcomeKind, Pattern, PatternsFile, Story
from ..model.common import SLUG_PATTERN
from ..safety.sanitise import local_target
from .folders import folder_files
from .files import FileKind, read_regular
from .models import validate_model
from .options import HubOptions
from .sections import Body, Section, check_sections, source_sections
from .source import Source, load_markdown_file, load_yaml_file
from ..safety.story_body import scan


AUTHORS_FILE = "authors.yml"
PATTERNS_FILE = "patterns.yml"

IMAGE_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
"""Image files a story may show, by extension, with the bytes they must start with.

SVG is left out on purpose: an SVG file can carry script, and would run it when opened directly.
"""

RESERVED_SLUGS = frozenset({"index", "page", "capabilities", "patterns", "maps", "feed", "top"})
"""Slugs taken by the library's own pages under /stories/."""


@dataclass
class StoryEntry:
    slug: str
    model: Story
    source: Source
    rel: str
    """Path of the file relative to the stories folder, e.g. '2026/rollback-drills.md'."""
    body: Body
    sections: dict[str, Section]
    """The body's known sections by anchor (see STORY_SECTIONS)."""


@dataclass
class StoryAsset:
    """An image under stories/ that story bodies may show; published at the same path."""

    path: Path
    rel: str
    """Path relative to the stories folder, with forward slashes."""


@dataclass
class StoryLibrary:
    """Every story as loaded, with its side files; drafts are kept here so they can be checked."""

    stories: dict[str, StoryEntry] = field(default_factory=dict)
    assets: dict[str, StoryAsset] = field(default_factory=dict)
    authors: dict[str, Author] = field(default_factory=dict)
    patterns: dict[str, Pattern] = field(default_factory=dict)
    outcomes: dict[str, OutcomeKind] = field(default_factory=dict)
    authors_source: Source | None = None
    patterns_source: Source | None = None
    authors_state: str = "absent"
    """'absent', 'broken' (reported) or 'loaded': references are only checked against a loaded file."""
    patterns_state: str = "absent"
    unloaded: dict[str, str] = field(default_factory=dict)
    """Slug → path of story files that failed their own checks."""

    @property
    def published(self) -> list[StoryEntry]:
        """Stories that are not drafts, newest first (then by slug, so the order is stable)."""
        found = [entry for entry in self.stories.values() if not entry.model.draft]
        return sorted(found, key=lambda e: (-e.model.date.toordinal(), e.slug))


M = TypeVar("M", AuthorsFile, PatternsFile)


def _side_file(
    path: Path, display: str, model: type[M], diagnostics: Diagnostics, max_bytes: int, what: str
) -> tuple[Source | None, M | None]:
    source = load_yaml_file(path, display, diagnostics, max_bytes=max_bytes)
    return source, (validate_model(model, source, diagnostics, what=what) if source else None)


def _image_problem(path: Path) -> str | None:
    signatures = IMAGE_SIGNATURES[path.suffix.lower()]
    try:
        head = read_regular(path, 16)
    except OSError as exc:
        return f"cannot read file: {exc.strerror or exc}"
    if not head.startswith(signatures):
        return f"file does not look like a {path.suffix.lower().lstrip('.').upper()} image"
    if path.suffix.lower() == ".webp" and head[8:12] != b"WEBP":
        return "file does not look like a WEBP image"
    return None


def load_stories(options: HubOptions, refused: dict[str, FileKind], diagnostics: Diagnostics) -> StoryLibrary:
    """Read `stories/` if the hub has one: stories, authors.yml, patterns.yml and images (an empty
    library if not). Refused files are added to `refused`, as `folder_files` does."""
    library = StoryLibrary()
    for path, rel, display in folder_files(options, refused, options.root / options.stories_dir, diagnostics):
        if rel == AUTHORS_FILE:
            source, model = _side_file(path, display, AuthorsFile, diagnostics, options.max_file_size, "the authors file")
            library.authors_source = source
            library.authors_state = "loaded" if model else "broken"
            library.authors = dict(model.authors) if model else {}
        elif rel == PATTERNS_FILE:
            source, model = _side_file(path, display, PatternsFile, diagnostics, options.max_file_size, "the patterns file")
            library.patterns_source = source
            library.patterns_state = "loaded" if model else "broken"
            if model:
                _unique(model, source, diagnostics)
                library.patterns = {p.id: p for p in model.patterns}
                library.outcomes = {o.id: o for o in model.outcomes}
        elif path.suffix.lower() in IMAGE_SIGNATURES:
            problem = _image_problem(path)
            if problem:
                diagnostics.error(display, 1, 1, problem, "only PNG, JPEG, GIF and WEBP images are published", code="HUB504")
            else:
                library.assets[rel] = StoryAsset(path, rel)
        elif path.suffix == ".md":
            _load_story(options, library, path, rel, display, diagnostics)
        else:
            diagnostics.warning(
                display,
                1,
                1,
                "not a story, an image or a side file, so it is not published",
                "stories end in .md; images are .png, .jpg, .gif or .webp (not .svg)",
                code="HUB505",
            )
    _account_for_images(options, library, diagnostics)
    return library


_TARGETS: TwoLoads[tuple[str, bytes], tuple[str, ...]] = TwoLoads()
"""(story file, its text's digest) → the local files its body shows as images (`images_shown`)."""


def images_shown(entries: Iterable[StoryEntry], library: StoryLibrary) -> set[str]:
    """The images of the library (paths under stories/) that these stories' bodies show."""
    shown: set[str] = set()
    for entry in entries:
        shown.update(target for target in _image_targets(entry) if target in library.assets)
    return shown


def _image_targets(entry: StoryEntry) -> tuple[str, ...]:
    """The local files a story's body shows as images, worked out once per text: a build asks twice
    (which images to publish, which to report), and `serve` asks again at every rebuild."""
    key = (entry.rel, entry.source.text_digest) if entry.source.text_digest else None
    found = _TARGETS.get(key) if key is not None else None
    if found is not None:
        return found
    folder = posixpath.dirname(entry.rel)
    targets = []
    for part in scan(entry.source.body):
        if part.kind == "image":
            src = part.value
        elif (part.kind, part.tag, part.value) == ("attribute", "img", "src"):
            src = part.attribute_value
        else:
            continue
        target = local_target(src, folder) if src else None
        if target is not None:
            targets.append(target)
    result = tuple(targets)
    if key is not None:
        _TARGETS.put(key, result)
    return result


def _account_for_images(options: HubOptions, library: StoryLibrary, diagnostics: Diagnostics) -> None:
    """Reports the images no story shows: only images shown by published stories are published.

    An image that only a draft shows is left out of the site without a word: the draft accounts for it.
    """
    shown = images_shown(library.stories.values(), library)
    for rel in sorted(set(library.assets) - shown):
        diagnostics.warning(
            options.display(library.assets[rel].path),
            1,
            1,
            "not shown by any story, so it is not published",
            f"show it in a story (from a story at the top of {options.stories_dir}/: ![what it shows]({rel})), or delete it",
            code="HUB506",
        )


def _unique(model: PatternsFile, source: Source, diagnostics: Diagnostics) -> None:
    for key, items in (("patterns", model.patterns), ("outcomes", model.outcomes)):
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in seen:
                mark = source.locate((key, i, "id"))
                first = source.locate((key, seen[item.id], "id"))
                diagnostics.error(
                    source.path, mark.line, mark.column, f"duplicate {key[:-1]} id '{item.id}' (first used on line {first.line})", code="HUB210"
                )
            else:
                seen[item.id] = i


def _load_story(options: HubOptions, library: StoryLibrary, path: Path, rel: str, display: str, diagnostics: Diagnostics) -> None:
    slug = path.stem
    if not re.match(SLUG_PATTERN, slug) or len(slug) > 64:
        diagnostics.error(
            display,
            1,
            1,
            f"file name '{path.name}' is not a valid story slug",
            "the file name is the story's address: lowercase letters, digits and single hyphens, e.g. 'rollback-drills.md'",
            code="HUB501",
        )
        return
    if slug in RESERVED_SLUGS:
        diagnostics.error(
            display, 1, 1, f"story slug '{slug}' is reserved for a page of the story library", "rename the file", code="HUB502"
        )
        library.unloaded[slug] = display
        return
    if slug in library.stories or slug in library.unloaded:
        first = library.stories[slug].source.path if slug in library.stories else library.unloaded[slug]
        diagnostics.error(
            display,
            1,
            1,
            f"duplicate story slug '{slug}' (also {first})",
            "the file name is the address /stories/<slug>/ in every folder: rename one of them",
            code="HUB503",
        )
        return
    source = load_markdown_file(path, display, diagnostics, max_bytes=options.max_file_size)
    model = validate_model(Story, source, diagnostics, what="story front matter") if source else None
    if model is None or source is None:
        library.unloaded[slug] = display
        return
    body = source_sections(source)
    sections = check_sections(source, body, STORY_SECTIONS, diagnostics, kind="story")
    library.stories[slug] = StoryEntry(slug, model, source, rel, body, sections)
