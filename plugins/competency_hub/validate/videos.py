"""A video's texts follow the rule for contributed text: its title and transcript hold only what the
allow-list keeps on the page and include no file (the files themselves are checked as they load, load/videos.py)."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..load.source import Loc, Source
from ..load.videos import LoadedVideo
from ..safety.story_body import includes, position
from .structure import error_at
from .untrusted import CheckImage, check_untrusted_markdown


def check_video_texts(video: LoadedVideo, source: Source, at: Loc, kind: str, diagnostics: Diagnostics, check_image: CheckImage) -> None:
    """Report each unsafe tag, attribute, link or include in the title and transcript of the video at `at`
    in `source` (a `kind` of page, e.g. 'challenge'): in the front matter at the field, in a transcript file at its line."""

    def at_field(loc: Loc):  # type: ignore[no-untyped-def]
        def report(offset: int, message: str, hint: str | None, *, code: str) -> None:
            error_at(diagnostics, source, at + loc, message, hint, code=code)

        return report

    check_untrusted_markdown(video.model.title, kind, at_field(("title",)), check_image)
    if video.transcript_file is None:
        check_untrusted_markdown(video.transcript, kind, at_field(("transcript",)), check_image)
        for _offset, marker in includes(video.transcript):
            error_at(diagnostics, source, at + ("transcript",), f"'{marker}' includes files, which a {kind} may not do", "remove the line", code="HUB810")
        return
    path, text, first = video.transcript_file, video.transcript, video.transcript_line

    def in_file(offset: int, message: str, hint: str | None, *, code: str) -> None:
        line, column = position(text, offset, first)
        diagnostics.error(path, line, column, message, hint, code=code)

    check_untrusted_markdown(text, kind, in_file, check_image)
    for offset, marker in includes(text):
        in_file(offset, f"'{marker}' includes files, which a {kind} may not do", "remove the line: a transcript shows only what it contains", code="HUB810")
