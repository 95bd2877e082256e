"""Diagnostics are values: every loader and validator returns them instead of raising."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum
from typing import Iterable


class Severity(StrEnum):
    ERROR = "error"
    """Stops every build."""
    WARNING = "warning"
    """Stops strict builds (`--strict`), which CI runs."""
    NOTE = "note"
    """Never stops a build: something an owner should know, e.g. a review date that has passed."""


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    hint: str | None = None

    @property
    def text(self) -> str:
        """The message followed by its hint, as one sentence-like string."""
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def format_text(self) -> str:
        """`path:line:col: error: message`, the form editors and CI logs link to."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.text}"

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
            f"line={self.line},col={self.column}::{escape(self.text)}"
        )


class Diagnostics(list[Diagnostic]):
    """An ordered collection of diagnostics with helpers to add and query them."""

    def error(self, path: str, line: int, column: int, message: str, hint: str | None = None) -> None:
        self.append(Diagnostic(path, line, column, Severity.ERROR, message, hint))

    def warning(self, path: str, line: int, column: int, message: str, hint: str | None = None) -> None:
        self.append(Diagnostic(path, line, column, Severity.WARNING, message, hint))

    def note(self, path: str, line: int, column: int, message: str, hint: str | None = None) -> None:
        self.append(Diagnostic(path, line, column, Severity.NOTE, message, hint))

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


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A "did you mean 'x'?" hint for the closest candidate, or None if nothing is close."""
    matches = difflib.get_close_matches(str(word), sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None
