"""Tombstones: the pages that keep a retired or renamed item's URL and every anchor alive.

A retired capability or challenge keeps its address; its page says why it was retired, links to
the replacement and, after a few seconds, takes the reader there. A renamed one leaves a page at
its old address that redirects at once. Either way every anchor the old page had is an element on
the tombstone, and the redirect carries the `#anchor` across when the replacement has it too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..load import ChallengeEntry, MapEntry
from ..model import CHALLENGE_SECTIONS, Capability
from . import urls

RETIRED_REDIRECT_SECONDS = 5
"""How long a retired item's tombstone shows its explanation before taking the reader on."""


@dataclass(frozen=True)
class PageSections:
    """Sections that only some hubs' pages have, so a tombstone links only to anchors that exist."""

    stories: bool = True
    """Capability pages have `#stories` (the hub has a story library)."""
    learner: bool = True
    """Capability pages have `#self-assessment` and challenge pages `#mark-done` (the learner tools)."""


EVERY_SECTION = PageSections()
"""What a tombstone carries: every anchor the old page could have had."""


@dataclass(frozen=True)
class Anchor:
    """One anchor the page had, with words that say what it pointed to."""

    id: str
    label: str
    detail: str | None = None
    """A quote of what was there (a behaviour's text), so old links still show what they meant."""


def capability_anchors(map_entry: MapEntry, capability: Capability, sections: PageSections = EVERY_SECTION) -> list[Anchor]:
    """Every anchor of a capability page (see capability.md.j2 and docs/reference/urls.md), in page order."""
    scale = map_entry.model.scale
    anchors = [
        Anchor("top", capability.title),
        Anchor("why-it-matters", "Why it matters"),
        Anchor("moments", "Moments that matter"),
        Anchor("behaviours", "Behaviours by level"),
    ]
    for position, level in enumerate(scale):
        anchors.append(Anchor(f"level-{level.id}", f"Behaviours at {level.name}"))
        for behaviour in capability.behaviours.get(level.id, []):
            anchors.append(Anchor(behaviour.id, f"A behaviour at {level.name}", behaviour.text))
        if position:
            anchors.append(Anchor(f"level-{level.id}-changes", f"What changes from {scale[position - 1].name} to {level.name}"))
    anchors.append(Anchor("evidence", "Evidence and rubric"))
    anchors += [Anchor(f"evidence-{evidence.id}", f"Evidence: {evidence.title}") for evidence in capability.evidence]
    anchors += [
        Anchor("challenges", "Challenges"),
        Anchor("prerequisites", "Prerequisites and next capabilities"),
    ]
    if sections.stories:
        anchors.append(Anchor("stories", "Stories"))
    if sections.learner:
        anchors.append(Anchor("self-assessment", "Your level and your manager's view"))
    anchors += [
        Anchor("check-in", "Manager check-in guide"),
    ]
    anchors += [Anchor(f"check-in-{level.id}", f"Check-in guide at {level.name}") for level in scale]
    return anchors


def challenge_anchors(
    challenge: ChallengeEntry, *, in_paths: bool | None = None, sections: PageSections = EVERY_SECTION
) -> list[Anchor]:
    """The anchors of a challenge page (see challenge.md.j2 and docs/reference/urls.md), in page order.

    Some sections appear only when there is something to show. With `in_paths` given, the list is
    exactly the page's; without it, every anchor the page could have had, for a tombstone to keep.
    """
    model = challenge.model
    exact = in_paths is not None
    present = {
        "why-it-matters": True,
        "example-done-well": True,
        "template": "template" in challenge.sections or model.template is not None,
    }
    anchors = [Anchor("top", model.title), Anchor("task", "The task")]
    anchors += [Anchor(anchor, title) for anchor, title in CHALLENGE_SECTIONS.items() if present.get(anchor, True) or not exact]
    anchors += [Anchor("steps", "Steps"), Anchor("evidence", "Evidence to produce"), Anchor("reflection", "Reflection")]
    if sections.learner:
        anchors.append(Anchor("mark-done", "Your progress"))
    anchors.append(Anchor("recall", "Recall prompts"))
    anchors += [Anchor(f"recall-{item.id}", "A recall prompt", item.prompt) for item in model.recall]
    optional = [
        (Anchor("resources", "Resources"), bool(model.resources)),
        (Anchor("prerequisites", "Before this"), bool(model.prerequisites)),
        (Anchor("paths", "In learning paths"), bool(in_paths)),
    ]
    anchors += [anchor for anchor, shown in optional if shown or not exact]
    return anchors


@dataclass
class Tombstone:
    """What the tombstone template needs: where it is, what it says, where each old anchor leads."""

    src_uri: str
    kind: str
    """`retired` or `renamed`."""
    what: str
    """`capability` or `challenge`."""
    title: str
    reason: str | None
    anchors: list[Anchor]
    replacement_title: str | None
    replacement_src: str | None
    replacement_anchors: set[str]

    @property
    def delay(self) -> int:
        return 0 if self.kind == "renamed" else RETIRED_REDIRECT_SECONDS

    @property
    def kept(self) -> list[Anchor]:
        """The anchors listed on the page (the title is the `#top` heading itself)."""
        return [anchor for anchor in self.anchors if anchor.id != "top"]


def capability_tombstones(
    map_entry: MapEntry,
    capability: Capability,
    replacement: tuple[MapEntry, Capability] | None,
    sections: PageSections = EVERY_SECTION,
) -> list[Tombstone]:
    """The tombstone of a retired capability, and a redirect page for each id it was renamed from."""
    map_id = map_entry.model.id
    tombstones: list[Tombstone] = []
    if capability.status == "retired":
        tombstones.append(
            Tombstone(
                urls.capability_page(map_id, capability.id),
                "retired",
                "capability",
                capability.title,
                capability.retired_reason,
                capability_anchors(map_entry, capability),
                replacement[1].title if replacement else None,
                urls.capability_page(replacement[0].model.id, replacement[1].id) if replacement else None,
                {a.id for a in capability_anchors(*replacement, sections)} if replacement else set(),
            )
        )
    current = capability_anchors(map_entry, capability, sections)
    for old in capability.renamed_from:
        tombstones.append(
            Tombstone(
                urls.capability_page(map_id, old),
                "renamed",
                "capability",
                capability.title,
                None,
                current,
                capability.title,
                urls.capability_page(map_id, capability.id),
                {a.id for a in current},
            )
        )
    return tombstones


def challenge_tombstones(
    challenge: ChallengeEntry,
    replacement: ChallengeEntry | None,
    in_paths: Callable[[str], bool],
    sections: PageSections = EVERY_SECTION,
) -> list[Tombstone]:
    """The tombstone of a retired challenge, and a redirect page for each id it was renamed from.

    `in_paths(id)` says whether a challenge's page has the "In learning paths" section.
    """
    model = challenge.model
    tombstones: list[Tombstone] = []
    if model.status == "retired":
        tombstones.append(
            Tombstone(
                urls.challenge_page(model.id),
                "retired",
                "challenge",
                model.title,
                model.retired_reason,
                challenge_anchors(challenge),
                replacement.model.title if replacement else None,
                urls.challenge_page(replacement.model.id) if replacement else None,
                {a.id for a in challenge_anchors(replacement, in_paths=in_paths(replacement.model.id), sections=sections)}
                if replacement
                else set(),
            )
        )
    current = {a.id for a in challenge_anchors(challenge, in_paths=in_paths(model.id), sections=sections)}
    for old in model.renamed_from:
        tombstones.append(
            Tombstone(
                urls.challenge_page(old),
                "renamed",
                "challenge",
                model.title,
                None,
                challenge_anchors(challenge),
                model.title,
                urls.challenge_page(model.id),
                current,
            )
        )
    return tombstones
