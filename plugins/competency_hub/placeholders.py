"""Placeholders: what `competency-hub new` and `competency-hub import` write where only an author
knows the answer, and the check that reports each one until it is replaced.

One convention, shared by the writers (scaffold templates, importers) and the check, so the two
cannot drift: a placeholder is a text that starts with `TODO:`. It is either the value itself
(`summary: "TODO: one sentence on who this map is for."`), or a YAML comment beside a value the
tool had to guess (`review_date: 2027-05-26  # TODO: six months from today; …`). `validate` and
every build report each one as a warning at its line and column, so an untouched file fails
`validate --strict` and `mkdocs build --strict` until the author has written the real text and
deleted the `TODO:` comments. In a Markdown body, code blocks and code spans are not searched:
a challenge may show code that says TODO.
"""

from __future__ import annotations

from .diagnostics import Diagnostics

MARK = "TODO:"
"""What every placeholder starts with; `grep -rn "TODO:" maps challenges stories` lists them all."""

MESSAGE_START = "placeholder '"
HINT = "write the real text in its place (for a '# TODO:' comment: check the value, then delete the comment)"
SHOWN_LENGTH = 60


def placeholder(text: str) -> str:
    """A placeholder value: `TODO: <text>`."""
    return f"{MARK} {text}"


def comment(text: str) -> str:
    """A placeholder comment to write after a guessed value: `# TODO: <text>`."""
    return f"# {MARK} {text}"


def _shown(rest: str) -> str:
    rest = rest.strip().rstrip("'\"").rstrip()
    return rest if len(rest) <= SHOWN_LENGTH else rest[: SHOWN_LENGTH - 1].rstrip() + "…"


def report_placeholders(text: str, path: str, first_line: int, diagnostics: Diagnostics) -> None:
    """A warning at each line of `text` (which starts on line `first_line` of `path`) holding a placeholder."""
    if MARK not in text:
        return
    for number, line in enumerate(text.split("\n")):
        column = line.find(MARK)
        if column >= 0:
            diagnostics.warning(
                path, first_line + number, column + 1, f"{MESSAGE_START}{_shown(line[column:])}' is still here", HINT,
                code="HUB170",
            )


def is_placeholder_report(message: str) -> bool:
    """Whether a diagnostic's message is one of `report_placeholders`' warnings."""
    return message.startswith(MESSAGE_START + MARK)
