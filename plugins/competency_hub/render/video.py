"""What the video partial (`templates/_video.md.j2`) sees of a page's video: its files as site paths, its texts."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Callable

from ..load.videos import LoadedVideo
from ..model.video import VIDEO_SUFFIXES


@dataclass(frozen=True)
class VideoView:
    """A page's short video as templates see it. Paths are site paths (e.g. 'challenges/videos/x.webm'):
    the partial turns them into addresses relative to its page with `href`, so they work under a
    sub-path and from file://. `title` and `transcript` are the contributor's text: place them with the
    `one_line`/`attr` filters, between the page's contributed-part markers."""

    title: str
    """What the video shows (the contributor's text)."""
    src: str
    """Site path of the video file."""
    media_type: str
    """Its media type, 'video/webm' or 'video/mp4'."""
    captions: str
    """Site path of the WebVTT captions."""
    language: str
    """The captions' language (BCP 47)."""
    captions_label: str
    """The captions track's name in the player's menu (the contributor's text)."""
    poster: str | None
    """Site path of the poster image, or None."""
    transcript: str
    """The transcript, Markdown (the contributor's text)."""
    file_name: str
    """The video's file name, for the download link."""
    size: int
    """The video's size in bytes."""
    captions_track: bool = True
    """Whether the player loads the captions as a `<track>`: not in a file-share build, where browsers
    refuse to load a track from file:// (the page points to the captions file and the transcript instead)."""


def video_view(video: LoadedVideo, site_path: Callable[[str], str], *, captions_track: bool = True) -> VideoView:
    """The view of `video`, whose files are named relative to a content folder that `site_path` maps to the site
    (for challenges `urls.challenge_asset`)."""
    model = video.model
    suffix = posixpath.splitext(model.file)[1].lower()
    return VideoView(
        title=model.title,
        src=site_path(model.file),
        media_type=VIDEO_SUFFIXES[suffix],
        captions=site_path(model.captions),
        language=model.language,
        captions_label=model.captions_label,
        poster=site_path(model.poster) if model.poster else None,
        transcript=video.transcript,
        file_name=posixpath.basename(model.file),
        size=video.size,
        captions_track=captions_track,
    )
