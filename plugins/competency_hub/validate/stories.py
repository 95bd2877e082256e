"""Story rules: authors, capabilities, levels, patterns and outcome kinds exist; no date in the
future; the body is safe to publish (no script, no event handler, images only from the repository)."""

from __future__ import annotations

import datetime
import posixpath
from typing import Iterable

from ..diagnostics import Diagnostics, did_you_mean
from ..load import Hub, Source
from ..load.files import NAMES_REFUSED_CODE, refused_kind, refused_message
from ..load.stories import AUTHORS_FILE, PATTERNS_FILE, StoryEntry, StoryLibrary
from ..safety.story_body import position, unclosed_fence
from ..load.index import HubIndex
from ..load.source import Loc
from ..safety.sanitise import local_target
from .references import _Checker
from .structure import error_at, warning_at
from .untrusted import check_includes, check_untrusted_markdown


def story_image_target(entry: StoryEntry, src: str) -> str | None:
    """The path under the stories folder that an image `src` in this story points to, if local."""
    return local_target(src, posixpath.dirname(entry.rel))


def _lint_body(entry: StoryEntry, library: StoryLibrary, diagnostics: Diagnostics, hub: Hub) -> None:
    source = entry.source
    text = source.body

    def report(offset: int, message: str, hint: str | None, *, code: str) -> None:
        line, column = position(text, offset, source.body_line)
        diagnostics.error(source.path, line, column, message, hint, code=code)

    fence = unclosed_fence(text)
    if fence is not None:
        diagnostics.error(
            source.path, source.body_line + fence, 1, "code block is never closed", "close it with the same fence", code="HUB520"
        )
    check_untrusted_markdown(
        text, "story", report, lambda src, offset, report: _check_image(entry, library, src, offset, report, hub)
    )


def _check_image(entry: StoryEntry, library: StoryLibrary, src: str, offset: int, report, hub: Hub) -> None:  # type: ignore[no-untyped-def]
    target = story_image_target(entry, src)
    if target is not None and target in library.assets:
        return
    shown = src if len(src) <= 60 else src[:59] + "…"
    kind = refused_kind(hub.refused, hub.options.display(hub.options.root / hub.options.stories_dir / target)) if target else None
    if kind is not None:
        report(offset, *refused_message(shown, kind), code=NAMES_REFUSED_CODE)
        return
    hint = did_you_mean(target, library.assets) if target else None
    report(
        offset,
        f"image '{shown}' is not an image file of the story library",
        hint or "put PNG, JPEG, GIF or WEBP files under stories/ (e.g. stories/images/) and link them relatively",
        code="HUB524",
    )


def check_author(
    library: StoryLibrary,
    stories_dir: str,
    author: str,
    source: Source,
    loc: Loc,
    diagnostics: Diagnostics,
    *,
    role: str,
    create_hint: str,
    add_hint: str,
    code: str,
) -> None:
    """An author id (a story's author, a community's host) names someone in the authors file. Checked only
    against a file that loaded: a broken one is reported already, and every id would look unknown."""
    authors_file = f"{stories_dir}/{AUTHORS_FILE}"
    if library.authors_state == "absent":
        error_at(diagnostics, source, loc, f"unknown {role} '{author}': there is no {authors_file}", create_hint, code=code)
    elif library.authors_state == "loaded" and author not in library.authors:
        error_at(
            diagnostics,
            source,
            loc,
            f"unknown {role} '{author}'",
            did_you_mean(author, library.authors) or f"{add_hint} {authors_file}",
            code=code,
        )


def cite_capability(
    checker: _Checker,
    cited: set[str],
    capability: str,
    levels: Iterable[tuple[str, Loc]],
    source: Source,
    loc: Loc,
    *,
    verb: str,
    hint: str,
    code: str,
) -> None:
    """A capability that a content file cites at `loc` + 'capability' exists, and so do the levels cited with it
    (level id, its place under `loc`) in its map's scale. Each capability is cited once (it is added to `cited`):
    a second citation is reported, and not checked again."""
    if capability in cited:
        error_at(checker.diagnostics, source, (*loc, "capability"), f"capability '{capability}' is {verb} twice", hint, code=code)
        return
    cited.add(capability)
    found = checker.capability(capability, None, source, (*loc, "capability"))
    if found:
        for level, at in levels:
            checker.level(found[0], level, source, (*loc, *at))


def check_stories(index: HubIndex, diagnostics: Diagnostics, today: datetime.date) -> None:
    """Every cross-file and safety rule of stories; drafts are checked like the others."""
    library = index.hub.library
    checker = _Checker(index, diagnostics)
    stories_dir = index.hub.options.stories_dir
    for entry in library.stories.values():
        model, source = entry.model, entry.source
        if model.date > today:
            error_at(
                diagnostics,
                source,
                ("date",),
                f"date {model.date.isoformat()} is in the future (today is {today.isoformat()})",
                "date a story when it happened or was told",
                code="HUB510",
            )
        for ai, author in enumerate(model.authors):
            check_author(
                library, stories_dir, author, source, ("authors", ai), diagnostics, role="author",
                create_hint="create it, with this author's name, role and team", add_hint="add the author to", code="HUB511",
            )
        if len(set(model.authors)) != len(model.authors):
            seen: set[str] = set()
            for ai, author in enumerate(model.authors):
                if author in seen:
                    error_at(diagnostics, source, ("authors", ai), f"author '{author}' is listed twice", code="HUB512")
                seen.add(author)
        cited: set[str] = set()
        for ci, cited_capability in enumerate(model.capabilities):
            cite_capability(
                checker, cited, cited_capability.capability, [(cited_capability.level, ("level",))], source, ("capabilities", ci),
                verb="cited", hint="cite each capability once, at the highest level the story shows", code="HUB513",
            )
        for kind, ids, known, loc_key in (
            ("pattern", model.patterns, library.patterns, "patterns"),
            ("outcome kind", [o.kind for o in model.outcomes], library.outcomes, "outcomes"),
        ):
            for i, item in enumerate(ids):
                loc = (loc_key, i) if loc_key == "patterns" else (loc_key, i, "kind")
                if library.patterns_state == "absent":
                    error_at(
                        diagnostics,
                        source,
                        loc,
                        f"unknown {kind} '{item}': there is no {stories_dir}/{PATTERNS_FILE}",
                        "create it with the patterns and outcome kinds stories may cite",
                        code="HUB514",
                    )
                elif library.patterns_state == "loaded" and item not in known:
                    error_at(
                        diagnostics,
                        source,
                        loc,
                        f"unknown {kind} '{item}'",
                        did_you_mean(item, known) or f"{kind}s are listed in {stories_dir}/{PATTERNS_FILE}: {', '.join(known)}",
                        code="HUB514",
                    )
        if len(set(model.patterns)) != len(model.patterns):
            seen = set()
            for pi, pattern in enumerate(model.patterns):
                if pattern in seen:
                    warning_at(diagnostics, source, ("patterns", pi), f"pattern '{pattern}' is listed twice", code="HUB515")
                seen.add(pattern)
        _lint_body(entry, library, diagnostics, index.hub)
        check_includes(source, "story", diagnostics)

