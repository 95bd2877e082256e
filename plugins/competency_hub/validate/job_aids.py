"""Job aid rules: the capabilities and levels it supports exist, a checklist has items to tick, and the
body is safe to publish (no script, no event handler, no image)."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..load.index import HubIndex
from ..load.job_aids import JobAidEntry
from ..safety.story_body import position, unclosed_fence
from .references import _Checker
from .stories import cite_capability
from .structure import error_at
from .untrusted import check_includes, check_untrusted_markdown
from .videos import check_video_texts


def _lint_body(entry: JobAidEntry, diagnostics: Diagnostics) -> None:
    source = entry.source
    text = source.body

    def report(offset: int, message: str, hint: str | None, *, code: str) -> None:
        line, column = position(text, offset, source.body_line)
        diagnostics.error(source.path, line, column, message, hint, code=code)

    def no_image(src: str, offset: int, report) -> None:  # type: ignore[no-untyped-def]
        report(
            offset,
            "a job aid shows no image",
            "job aids are printed, embedded and read on a phone: describe it in words, or link to it",
            code="HUB425",
        )

    fence = unclosed_fence(text)
    if fence is not None:
        diagnostics.error(
            source.path, source.body_line + fence, 1, "code block is never closed", "close it with the same fence", code="HUB426"
        )
    check_untrusted_markdown(text, "job aid", report, no_image)


def _no_video_image(src: str, offset: int, report) -> None:  # type: ignore[no-untyped-def]
    report(offset, "a job aid shows no image", "describe it in words, or link to it", code="HUB425")


def check_job_aids(index: HubIndex, diagnostics: Diagnostics) -> None:
    """Every cross-file and safety rule of job aids."""
    checker = _Checker(index, diagnostics)
    for entry in index.hub.job_aids.aids.values():
        model, source = entry.model, entry.source
        cited: set[str] = set()
        for si, support in enumerate(model.supports):
            levels = [(level, ("levels", li)) for li, level in enumerate(support.levels)]
            cite_capability(
                checker, cited, support.capability, levels, source, ("supports", si),
                verb="listed", hint="list each capability once, with all its levels", code="HUB424",
            )
        if model.kind == "checklist" and not entry.items:
            error_at(
                diagnostics,
                source,
                ("kind",),
                "a checklist has no items to tick",
                "write each item as a task-list line in the body: '- [ ] Check the fire exits are clear'",
                code="HUB422",
            )
        elif model.kind != "checklist" and entry.items:
            diagnostics.warning(
                source.path,
                entry.items[0].line,
                1,
                f"task-list items in a {model.kind}: they are shown as a list, not ticked",
                "make it 'kind: checklist', or write them as a plain list ('- …')",
                code="HUB423",
            )
        _lint_body(entry, diagnostics)
        if entry.video is not None:
            check_video_texts(entry.video, source, ("video",), "job aid", diagnostics, _no_video_image)
        check_includes(source, "job aid", diagnostics)
