"""Loading a page's short video: its files checked (there, the right kind, not too big) and its transcript read.

A video is named in front matter (`video: {file, captions, transcript, title, poster}`) by paths
relative to a content folder, whose files were listed through `load/files.py`. Nothing here opens a
path that listing did not find as a regular file; the captions' first bytes and a transcript file are
read with `read_regular`. Problems are reported at the line of the key that names the file.
Used for challenges (`load_challenge_videos`); another content kind calls `load_video` with its own
folder's files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Protocol

from ..diagnostics import Diagnostics, did_you_mean
from ..model.video import CAPTION_SUFFIX, POSTER_SUFFIXES, TRANSCRIPT_SUFFIXES, VIDEO_SUFFIXES, TranscriptFile, Video
from .files import FileKind, NAMES_REFUSED_CODE, NotRegularFile, read_regular, refused_kind, refused_message
from .options import HubOptions
from .source import Source

Loc = tuple[str | int, ...]


class _File(Protocol):
    path: Path


@dataclass(frozen=True)
class LoadedVideo:
    """A video whose files are all there, with its transcript as Markdown (what pages show)."""

    model: Video
    transcript: str
    """The transcript's Markdown: the front-matter text, or the text of the transcript file."""
    transcript_file: str | None
    """The transcript file as shown in diagnostics, when the transcript is kept in one."""
    transcript_line: int
    """The line of the transcript's first line in `transcript_file` (or 1)."""
    size: int
    """The video file's size in bytes."""


def _suffix(name: str) -> str:
    return "." + name.rsplit(".", 1)[-1].lower() if "." in name.rsplit("/", 1)[-1] else ""


def _looks_like_file(text: str) -> bool:
    """A transcript that is one word ending in .md or .txt was surely meant as a file name."""
    return len(text.split()) == 1 and _suffix(text) in TRANSCRIPT_SUFFIXES


def load_video(
    options: HubOptions,
    folder: str,
    files: Mapping[str, _File],
    refused: Mapping[str, FileKind],
    source: Source,
    at: Loc,
    video: Video,
    diagnostics: Diagnostics,
) -> LoadedVideo | None:
    """Check the files `video` names, under the content folder `folder` whose files are `files` (by path
    relative to it); `at` is where `video` sits in `source`. None when something is wrong (reported)."""

    def error(loc: Loc, message: str, hint: str | None, *, code: str) -> None:
        mark = source.locate(at + loc)
        diagnostics.error(source.path, mark.line, mark.column, message, hint, code=code)

    def warning(loc: Loc, message: str, hint: str | None, *, code: str) -> None:
        mark = source.locate(at + loc)
        diagnostics.warning(source.path, mark.line, mark.column, message, hint, code=code)

    def exists(rel: str, loc: Loc, what: str, suffixes: tuple[str, ...], code: str) -> _File | None:
        if rel.startswith("/") or ".." in rel.split("/") or "://" in rel:
            error(
                loc,
                f"{what} '{rel}' must be a file inside the {folder} folder",
                f"give a path relative to the {folder} folder, e.g. 'videos/{rel.rsplit('/', 1)[-1]}'; nothing is fetched from another host",
                code="HUB448",
            )
            return None
        display = options.display(options.root / folder / rel)
        if kind := refused_kind(refused, display):
            error(loc, *refused_message(rel, kind), code=NAMES_REFUSED_CODE)
            return None
        found = files.get(rel)
        if found is None:
            same_kind = [name for name in files if _suffix(name) in suffixes] or list(files)
            error(loc, f"{what} '{rel}' does not exist in the {folder} folder", did_you_mean(rel, same_kind), code=code)
            return None
        return found

    ok = True
    size = 0
    if _suffix(video.file) not in VIDEO_SUFFIXES:
        error(("file",), f"video '{video.file}' is not an {' or '.join(VIDEO_SUFFIXES)} file", "convert it to WebM or MP4 (H.264); see 'Add a short video' in the authoring guide", code="HUB441")
        ok = False
    elif (found := exists(video.file, ("file",), "video", tuple(VIDEO_SUFFIXES), code="HUB440")) is None:
        ok = False
    else:
        size = found.path.stat().st_size
        if size > options.video_max_bytes:
            warning(
                ("file",),
                f"video '{video.file}' is {size:,} bytes, more than the {options.video_max_bytes:,} of the 'video_max_bytes' option",
                "keep quick videos short and small (shorter, smaller frame, lower bit rate), or raise 'video_max_bytes'",
                code="HUB444",
            )
    if _suffix(video.captions) != CAPTION_SUFFIX:
        error(("captions",), f"captions '{video.captions}' are not a WebVTT (.vtt) file", "browsers read captions only as WebVTT: convert SRT with any subtitle editor (a header line 'WEBVTT', '.' before milliseconds)", code="HUB443")
        ok = False
    elif (captions := exists(video.captions, ("captions",), "captions file", (CAPTION_SUFFIX,), code="HUB442")) is None:
        ok = False
    elif not _is_webvtt(captions.path):
        error(("captions",), f"captions '{video.captions}' do not start with the line 'WEBVTT'", "a WebVTT file begins with 'WEBVTT', then a blank line, then cues such as '00:00.000 --> 00:04.000'", code="HUB443")
        ok = False
    if video.poster is not None:
        if _suffix(video.poster) not in POSTER_SUFFIXES:
            error(("poster",), f"poster '{video.poster}' is not an image ({', '.join(POSTER_SUFFIXES)})", None, code="HUB446")
            ok = False
        elif exists(video.poster, ("poster",), "poster", POSTER_SUFFIXES, code="HUB446") is None:
            ok = False
    transcript, transcript_file, transcript_line = _transcript(options, folder, video, error, exists)
    if transcript is None or not ok:
        return None
    return LoadedVideo(video, transcript, transcript_file, transcript_line, size)


def _transcript(options: HubOptions, folder: str, video: Video, error, exists) -> tuple[str | None, str | None, int]:  # type: ignore[no-untyped-def]
    """(Markdown, transcript file as displayed or None, its first line) of the video's transcript."""
    if not isinstance(video.transcript, TranscriptFile):
        if _looks_like_file(video.transcript):
            error(
                ("transcript",),
                f"transcript '{video.transcript}' looks like a file name, but is shown as the transcript's text",
                f"to use the file, write 'transcript: {{file: {video.transcript}}}'",
                code="HUB447",
            )
            return None, None, 1
        return video.transcript, None, 1
    rel = video.transcript.file
    if _suffix(rel) not in TRANSCRIPT_SUFFIXES:
        error(("transcript", "file"), f"transcript '{rel}' is not a Markdown (.md) or text (.txt) file", "the transcript is shown on the page as Markdown", code="HUB445")
        return None, None, 1
    found = exists(rel, ("transcript", "file"), "transcript", TRANSCRIPT_SUFFIXES, code="HUB445")
    if found is None:
        return None, None, 1
    try:
        data = read_regular(found.path, options.max_file_size + 1)
    except (OSError, NotRegularFile) as exc:
        error(("transcript", "file"), f"cannot read transcript '{rel}': {exc.strerror or exc}", None, code="HUB445")
        return None, None, 1
    if len(data) > options.max_file_size:
        error(("transcript", "file"), f"transcript '{rel}' is more than the {options.max_file_size:,} bytes of 'max_file_size'", "a quick video's transcript is a few paragraphs", code="HUB445")
        return None, None, 1
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        error(("transcript", "file"), f"transcript '{rel}' is not UTF-8 text", "save it as UTF-8", code="HUB445")
        return None, None, 1
    if not text.strip():
        error(("transcript", "file"), f"transcript '{rel}' is empty", "write down what is said and shown, for people who cannot watch", code="HUB445")
        return None, None, 1
    return text, options.display(found.path), 1


def _is_webvtt(path: Path) -> bool:
    """Whether a file starts with the WebVTT signature: 'WEBVTT' alone or followed by a space, tab or newline."""
    try:
        head = read_regular(path, 16).removeprefix(b"\xef\xbb\xbf")
    except (OSError, NotRegularFile):
        return False
    return head.startswith(b"WEBVTT") and (len(head) == 6 or head[6:7] in (b" ", b"\t", b"\n", b"\r"))
