"""Language lint: behaviours must be observable, so two reviewers would mark them the same way."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostics
from ..load import Hub
from .structure import warning_at

VAGUE: tuple[str, ...] = ("effectively", "appropriately", "properly", "adequately", "as needed", "when necessary")
"""Judgement words that two reviewers would read differently."""

UNOBSERVABLE: dict[str, str] = {
    "understand": "explain, describe, apply, predict",
    "understands": "explains, describes, applies, predicts",
    "know": "state, list, identify, name",
    "knows": "states, lists, identifies, names",
    "be aware of": "identify, point out, flag",
    "is aware of": "identifies, points out, flags",
    "are aware of": "identify, point out, flag",
    "aware of": "identifies, points out, flags",
    "appreciate": "explain why, give an example of",
    "appreciates": "explains why, gives an example of",
    "be familiar with": "use, locate, demonstrate",
    "is familiar with": "uses, locates, demonstrates",
    "familiar with": "uses, locates, demonstrates",
    "grasp": "explain, apply",
    "grasps": "explains, applies",
    "comprehend": "explain, summarise",
    "comprehends": "explains, summarises",
    "learn": "do, practise, show",
    "learns": "does, practises, shows",
    "believe": "state, argue, show",
    "believes": "states, argues, shows",
}
"""States of mind, with observable verbs to use instead."""

_UNOBSERVABLE_RE = re.compile(
    r"(?<![\w-])(" + "|".join(sorted((re.escape(k) for k in UNOBSERVABLE), key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)
_SHOWS_STATE_RE = re.compile(
    r"\b(?:shows?|demonstrates?|displays?|has|have|having)\s+(?:an?\s+|(?:good|sound|basic|solid|clear|deep|"
    r"thorough|full|strong)\s+)*(understanding|knowledge|awareness|familiarity|appreciation|grasp)\b",
    re.IGNORECASE,
)
_VAGUE_RE = re.compile(r"\b(" + "|".join(re.escape(v) for v in VAGUE) + r")\b", re.IGNORECASE)
_REPORTED = re.compile(r"\b(what|whether|how|who|whom|which|if)\b(\W+\w+){0,5}\W*$", re.IGNORECASE)
"""A question word just before a verb: 'asks what the customer already knows' reports someone else's state."""


def lint_statement(text: str) -> list[tuple[str, str]]:
    """(message, hint) pairs for one behaviour statement; empty when it reads as observable.

    States of mind ("understands", "is aware of", "shows knowledge of") are flagged; a state
    reported after a question word ("asks what the customer already knows") is not, because the
    asking is what a reviewer sees.
    """
    problems: list[tuple[str, str]] = []
    for match in _UNOBSERVABLE_RE.finditer(text):
        if _REPORTED.search(text[: match.start()]):
            continue
        phrase = match.group(1)
        problems.append(
            (
                f"'{phrase}' is not observable",
                f"say what a reviewer would see or hear instead, e.g. {UNOBSERVABLE[phrase.lower()]}",
            )
        )
    for match in _SHOWS_STATE_RE.finditer(text):
        problems.append(
            (
                f"'{match.group(0)}' is not observable",
                "say what the person does that shows it, e.g. explains, applies, names, uses",
            )
        )
    for match in _VAGUE_RE.finditer(text):
        problems.append(
            (
                f"'{match.group(1)}' is a judgement two reviewers would mark differently",
                "say what it looks like: a threshold, a count, a visible result",
            )
        )
    return problems


def check_language(hub: Hub, diagnostics: Diagnostics) -> None:
    for entry in hub.maps.values():
        for ci, capability in enumerate(entry.model.capabilities):
            for level_id, behaviours in capability.behaviours.items():
                for bi, behaviour in enumerate(behaviours):
                    for message, hint in lint_statement(behaviour.text):
                        warning_at(
                            diagnostics,
                            entry.source,
                            ("capabilities", ci, "behaviours", level_id, bi, "text"),
                            f"behaviour '{behaviour.id}': {message}",
                            hint,
                            code="HUB250",
                        )
