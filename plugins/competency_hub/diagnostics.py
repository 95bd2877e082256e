"""Diagnostics are values: every loader and validator returns them instead of raising."""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

from .codes import lookup
from .severity import Severity

__all__ = ["UNCODED", "Diagnostic", "Diagnostics", "Severity", "code_counts", "did_you_mean", "summary"]


UNCODED = "HUB000"
"""The code of a diagnostic made without one: shown rather than crashing the build, and failed by a test
(tests/test_diagnostic_codes.py) so a caller merged from another branch gets its code before release."""


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, at a 1-based line and column, with the code of its rule (codes.py)."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    hint: str | None = None
    code: str = UNCODED

    @property
    def text(self) -> str:
        """The message followed by its hint, as one sentence-like string."""
        return f"{self.message} ({self.hint})" if self.hint else self.message

    @property
    def title(self) -> str:
        """The code and the short title of its rule, e.g. 'HUB303 unknown capability'."""
        entry = lookup(self.code)
        return f"{self.code} {entry.title}" if entry else self.code

    def format_text(self) -> str:
        """`path:line:col: error: HUB303 message (hint)`: editors and CI logs link to the location, and the
        code leads the message so it can be searched for in the reference (docs/reference/diagnostics.md)."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.code} {self.text}"

    def format_github(self) -> str:
        """A GitHub Actions workflow command, so the problem shows on the pull request line."""

        def escape(value: str, *, property_value: bool = False) -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            if property_value:
                value = value.replace(":", "%3A").replace(",", "%2C")
            return value

        command = "notice" if self.severity is Severity.NOTE else self.severity
        return (
            f"::{command} file={escape(self.path, property_value=True)},"
            f"line={self.line},col={self.column},title={escape(self.title, property_value=True)}::{escape(self.text)}"
        )


class Diagnostics(list[Diagnostic]):
    """An ordered collection of diagnostics with helpers to add and query them."""

    def error(
        self, path: str, line: int, column: int, message: str, hint: str | None = None, *, code: str = UNCODED
    ) -> None:
        self.append(Diagnostic(path, line, column, Severity.ERROR, message, hint, code=code))

    def warning(
        self, path: str, line: int, column: int, message: str, hint: str | None = None, *, code: str = UNCODED
    ) -> None:
        self.append(Diagnostic(path, line, column, Severity.WARNING, message, hint, code=code))

    def note(
        self, path: str, line: int, column: int, message: str, hint: str | None = None, *, code: str = UNCODED
    ) -> None:
        self.append(Diagnostic(path, line, column, Severity.NOTE, message, hint, code=code))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.WARNING]

    @property
    def notes(self) -> list[Diagnostic]:
        return [d for d in self if d.severity is Severity.NOTE]

    def sorted(self) -> list[Diagnostic]:
        """Deduplicated, in file then line order, so output is stable between runs."""
        return sorted(set(self))


def code_counts(diagnostics: Iterable[Diagnostic]) -> str:
    """`2×HUB303, 1×HUB250`: how often each code occurs, commonest first, so the biggest problem shows first."""
    counts = Counter(d.code for d in diagnostics)
    return ", ".join(f"{n}×{code}" for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def summary(diagnostics: Iterable[Diagnostic]) -> str:
    """`2 error(s), 1 warning(s): 2×HUB303, 1×HUB250`, the last line of a run (`, 1 note(s)` when there are notes)."""
    shown = list(diagnostics)
    errors = sum(1 for d in shown if d.severity == Severity.ERROR)
    notes = sum(1 for d in shown if d.severity == Severity.NOTE)
    totals = f"{errors} error(s), {len(shown) - errors - notes} warning(s)" + (f", {notes} note(s)" if notes else "")
    return f"{totals}: {code_counts(shown)}" if shown else totals


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A "did you mean 'x'?" hint for the closest candidate, or None if nothing is close.

    A candidate that differs only by case wins outright: 'Triage' for 'triage', however short the word.
    """
    known = sorted(set(candidates))
    same = [c for c in known if c.casefold() == str(word).casefold()]
    matches = same or difflib.get_close_matches(str(word), known, n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None
