"""Challenge-only rules: the time box stays small; every text the author wrote (body and front
matter) holds only what the allow-list keeps on the page and includes no file."""

from __future__ import annotations

from ..diagnostics import Diagnostics
from ..load import Hub
from ..load import ChallengeEntry
from ..safety.story_body import position
from ..safety.sanitise import WEB_IMAGE_SCHEMES, local_target, url_scheme
from .structure import error_at
from .untrusted import Report, check_includes, check_link, check_untrusted_markdown
from .videos import check_video_texts


def check_challenges(hub: Hub, diagnostics: Diagnostics) -> None:
    limit = hub.options.max_time_box
    for entry in hub.challenges.values():
        if entry.model.time_box > limit:
            error_at(
                diagnostics,
                entry.source,
                ("time_box",),
                f"time box of {entry.model.time_box} minutes is over the {limit}-minute maximum",
                "split the challenge into smaller ones, or raise the plugin option 'max_time_box'",
                code="HUB401",
            )
        check_includes(entry.source, "challenge", diagnostics)
        check_challenge_html(entry, hub, diagnostics)


def check_challenge_html(entry: ChallengeEntry, hub: Hub, diagnostics: Diagnostics) -> None:
    """Every unsafe tag, attribute or link in the body (at its line and column) and in the text fields
    the page shows as Markdown (at the field): the build removes them from the page (safety/sanitise.py)."""
    source = entry.source
    published = {asset for asset in hub.assets}

    def check_image(src: str, offset: int, report: Report) -> None:
        if local_target(src, "") in published or url_scheme(src) in WEB_IMAGE_SCHEMES:
            return  # an image from another host is the external-request check's (a warning, unless allowed)
        shown = src if len(src) <= 60 else src[:59] + "…"
        report(
            offset,
            f"image '{shown}' is not a file published with the challenges",
            "put the image under the challenges folder and name it in the challenge's 'resources' (kind: job-aid)",
            code="HUB523",
        )

    def in_body(offset: int, message: str, hint: str | None, *, code: str) -> None:
        line, column = position(source.body, offset, source.body_line)
        diagnostics.error(source.path, line, column, message, hint, code=code)

    check_untrusted_markdown(source.body, "challenge", in_body, check_image)
    if entry.video is not None:
        check_video_texts(entry.video, source, ("video",), "challenge", diagnostics, check_image)
    model = entry.model
    fields: list[tuple[tuple[str | int, ...], str]] = [(("title",), model.title), (("summary",), model.summary)]
    fields += [(("steps", i), step) for i, step in enumerate(model.steps)]
    fields += [(("evidence", i, "produce"), item.produce) for i, item in enumerate(model.evidence)]
    fields += [(("reflection", i), prompt) for i, prompt in enumerate(model.reflection)]
    for i, item in enumerate(model.recall):
        fields += [(("recall", i, "prompt"), item.prompt), (("recall", i, "answer"), item.answer)]
    for i, resource in enumerate(model.resources):
        fields += [(("resources", i, "title"), resource.title)]
        if resource.text:
            fields += [(("resources", i, "text"), resource.text)]
    for loc, text in fields:

        def at_field(offset: int, message: str, hint: str | None, *, code: str, loc: tuple[str | int, ...] = loc) -> None:
            error_at(diagnostics, source, loc, message, hint, code=code)

        check_untrusted_markdown(text, "challenge", at_field, check_image)
    for i, resource in enumerate(model.resources):
        if resource.url:

            def at_url(offset: int, message: str, hint: str | None, *, code: str, loc: tuple[str | int, ...] = ("resources", i, "url")) -> None:
                error_at(diagnostics, source, loc, message, hint, code=code)

            check_link(resource.url, 0, at_url, "challenge")
