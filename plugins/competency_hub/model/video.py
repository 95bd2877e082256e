"""A short video shown on a page, with its captions and transcript: files in the repository, never streamed."""

from __future__ import annotations

from pydantic import Field

from .common import HubModel, Text

VIDEO_SUFFIXES: dict[str, str] = {".mp4": "video/mp4", ".webm": "video/webm"}
"""The containers a video may be in, with their media type: the two every current browser plays."""
CAPTION_SUFFIX = ".vtt"
"""Captions are WebVTT, the only format the `<track>` element reads."""
TRANSCRIPT_SUFFIXES = (".md", ".txt")
"""A transcript kept in a file of its own is Markdown (or plain text, read as Markdown)."""
POSTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".svg")
"""The images a poster (the still shown before the video plays) may be."""


class TranscriptFile(HubModel):
    """A transcript kept in a Markdown file beside the video."""

    file: Text
    """Path relative to the content folder, e.g. 'videos/shift-handover.transcript.md'."""


class Video(HubModel):
    """A short video that lives in the repository, e.g. a 30-second demonstration of a handover.

    Every file is a path relative to the content folder (for a challenge: `challenges/`), so it is
    published beside the page and nothing is fetched from another host.
    """

    file: Text
    """The video, an .mp4 or .webm file, e.g. 'videos/shift-handover.webm'; the `video_max_bytes`
    plugin option sets the size above which the build warns."""
    captions: Text
    """Its captions, a WebVTT (.vtt) file whose first line is `WEBVTT`; required, for viewers who
    cannot hear it (or are on a loud shop floor)."""
    transcript: Text | TranscriptFile
    """Everything said and shown, as Markdown text, or `{file: …}` naming a Markdown file; shown
    under the video for people who read rather than watch."""
    title: Text
    """What the video shows, e.g. 'Shift handover in four steps'; its heading and accessible name."""
    poster: Text | None = None
    """An image (.png, .jpg, .webp, .svg) shown before the video plays; without it, the first frame."""
    language: str = Field(default="en", pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")
    """The language of the captions, as a BCP 47 tag (e.g. 'en', 'de', 'pt-BR')."""
    captions_label: Text = "English"
    """The name of the captions track in the player's menu, e.g. 'English' or 'Deutsch'."""

    def files(self) -> list[tuple[str, tuple[str, ...]]]:
        """Every file the video names, with the key that names it: (path, key path under `video`)."""
        named = [(self.file, ("file",)), (self.captions, ("captions",))]
        if isinstance(self.transcript, TranscriptFile):
            named.append((self.transcript.file, ("transcript", "file")))
        if self.poster:
            named.append((self.poster, ("poster",)))
        return named


def named_video_files(data: object) -> list[str]:
    """The files a raw `video` mapping names (before its model is checked), so they are published."""
    if not isinstance(data, dict):
        return []
    named = [data.get("file"), data.get("captions"), data.get("poster")]
    transcript = data.get("transcript")
    if isinstance(transcript, dict):
        named.append(transcript.get("file"))
    return [name for name in named if isinstance(name, str)]
