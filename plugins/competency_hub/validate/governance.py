"""Governance: maps past their review date, maps nobody owns, retired items still in use, stale challenges.

The findings feed both `competency-hub report` and the build, where each kind is an error
(`governance: fail_on`), a warning (`warn_on`) or a note. By default only the kinds a commit
introduces (no owners, retired items in use) are warnings; the kinds the calendar brings (an overdue
review, a stale challenge) are notes, so a passing date never stops learners getting their site.
"Today" comes from the tool's one clock (`clock.today`); findings are logged, never written into pages.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, Diagnostics, Severity
from ..load.source import Loc, Source
from ..load.index import HubIndex, parse_ref

OVERDUE_REVIEW = "overdue-review"
NO_OWNERS = "no-owners"
RETIRED_REFERENCED = "retired-referenced"
STALE_CHALLENGE = "stale-challenge"
FINDING_KINDS = (OVERDUE_REVIEW, NO_OWNERS, RETIRED_REFERENCED, STALE_CHALLENGE)
"""Every kind of finding, in report order; the names used by `governance: fail_on`."""
CALENDAR_KINDS = (OVERDUE_REVIEW, STALE_CHALLENGE)
"""Kinds that appear when a date passes, with no commit: notes unless the organisation opts in."""
DEFAULT_WARN_ON = tuple(kind for kind in FINDING_KINDS if kind not in CALENDAR_KINDS)
"""Kinds that are warnings by default: those a commit introduces, so a commit can fix them."""

FINDING_CODES = {OVERDUE_REVIEW: "HUB601", NO_OWNERS: "HUB602", RETIRED_REFERENCED: "HUB603", STALE_CHALLENGE: "HUB604"}
"""The diagnostic code of each kind (codes.py), so a finding reads the same in the build, `validate` and SARIF."""

@dataclass(frozen=True)
class GovernancePolicy:
    """What counts as a finding, and which kinds stop the build."""

    today: datetime.date
    fail_on: frozenset[str] = frozenset()
    warn_on: frozenset[str] = frozenset(DEFAULT_WARN_ON)
    stale_after_months: int = 12

    def severity(self, kind: str) -> Severity:
        """Error (stops every build), warning (stops strict builds) or note (never stops a build)."""
        if kind in self.fail_on:
            return Severity.ERROR
        return Severity.WARNING if kind in self.warn_on else Severity.NOTE


@dataclass(frozen=True)
class Finding:
    kind: str
    subject: str
    """What the finding is about, e.g. `map customer-conversations`."""
    path: str
    line: int
    column: int
    message: str
    hint: str | None = None

    def diagnostic(self, severity: Severity) -> Diagnostic:
        return Diagnostic(
            self.path, self.line, self.column, severity, f"{self.message} [{self.kind}]", self.hint, code=FINDING_CODES[self.kind]
        )

    def format_text(self) -> str:
        """`path:line:col: kind: message (hint)`, the form of the report."""
        hint = f" ({self.hint})" if self.hint else ""
        return f"{self.path}:{self.line}:{self.column}: {self.kind}: {self.message}{hint}"


def months_later(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, clamped to the end of a shorter month."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass
class _Collector:
    index: HubIndex
    policy: GovernancePolicy
    findings: list[Finding] = field(default_factory=list)

    def add(self, kind: str, subject: str, source: Source, loc: Loc, message: str, hint: str | None = None) -> None:
        mark = source.locate(loc)
        self.findings.append(Finding(kind, subject, source.path, mark.line, mark.column, message, hint))

    def retired_capability(self, ref: str, context_map: str | None, source: Source, loc: Loc, user: str) -> None:
        key = parse_ref(ref, context_map)
        if not self.index.is_retired(key):
            return
        assert key is not None
        entry, _, capability = self.index.capabilities[key]
        if capability.status == "retired":
            what = f"capability '{key}', which is retired"
            hint = (
                f"use '{_absolute(capability.replaced_by, key.map_id, context_map)}' instead"
                if capability.replaced_by
                else capability.retired_reason
            )
        else:
            what, hint = f"capability '{key}' of the retired map '{entry.model.id}'", None
        self.add(RETIRED_REFERENCED, user, source, loc, f"{user} refers to {what}", hint)

    def retired_challenge(self, challenge_id: str, source: Source, loc: Loc, user: str) -> None:
        challenge = self.index.hub.challenges.get(challenge_id)
        if challenge is None or challenge.model.status != "retired":
            return
        model = challenge.model
        hint = f"use '{model.replaced_by}' instead" if model.replaced_by else model.retired_reason
        self.add(RETIRED_REFERENCED, user, source, loc, f"{user} refers to challenge '{challenge_id}', which is retired", hint)


def _absolute(ref: str, owner_map: str, context_map: str | None) -> str:
    """A capability reference written so that it works from `context_map`."""
    key = parse_ref(ref, owner_map)
    if key is None:  # pragma: no cover - parse_ref with a map never returns None
        return ref
    return key.capability_id if key.map_id == context_map else str(key)


def governance_findings(index: HubIndex, policy: GovernancePolicy) -> list[Finding]:
    """Every governance finding of a loaded hub, in file and line order."""
    collector = _Collector(index, policy)
    hub = index.hub
    for entry in hub.maps.values():
        model, source = entry.model, entry.source
        subject = f"map '{model.id}'"
        if model.status != "retired" and model.review_date < policy.today:
            collector.add(
                OVERDUE_REVIEW,
                subject,
                source,
                ("review_date",),
                f"{subject} was due for review on {model.review_date.isoformat()}",
                "its owners check it against the work, then move 'review_date' forward",
            )
        if not model.owners and model.status != "retired":
            collector.add(NO_OWNERS, subject, source, ("owners",), f"{subject} has no owner", "name a person or team in 'owners'")
        for ci, capability in enumerate(model.capabilities):
            if capability.status == "retired":
                continue
            for name in ("prerequisites", "related"):
                for ri, ref in enumerate(getattr(capability, name)):
                    collector.retired_capability(
                        ref, model.id, source, ("capabilities", ci, name, ri), f"capability '{capability.id}' ({name})"
                    )
        for pi, path in enumerate(model.paths):
            user = f"path '{path.id}'"
            for si, step in enumerate(path.steps):
                collector.retired_challenge(step, source, ("paths", pi, "steps", si), user)
            for mi, milestone in enumerate(path.milestones):
                collector.retired_capability(
                    milestone.capability, model.id, source, ("paths", pi, "milestones", mi, "capability"), f"milestone '{milestone.id}' of {user}"
                )
    limit = policy.stale_after_months
    for challenge in hub.challenges.values():
        model, source = challenge.model, challenge.source
        if model.status == "retired":
            continue
        user = f"challenge '{model.id}'"
        collector.retired_capability(model.capability, None, source, ("capability",), user)
        for pi, prerequisite in enumerate(model.prerequisites):
            collector.retired_challenge(prerequisite, source, ("prerequisites", pi), f"{user} (prerequisites)")
        if model.reviewed is not None and months_later(model.reviewed, limit) < policy.today:
            collector.add(
                STALE_CHALLENGE,
                user,
                source,
                ("reviewed",),
                f"{user} was last reviewed on {model.reviewed.isoformat()}, more than {limit} months ago",
                "check it still fits the work, then update 'reviewed'",
            )
    return sorted(collector.findings, key=lambda f: (f.path, f.line, f.column, f.kind, f.message))


def governance_diagnostics(index: HubIndex, policy: GovernancePolicy) -> Diagnostics:
    """Every finding as an error, a warning or a note, as the build and `validate` report them."""
    return Diagnostics(finding.diagnostic(policy.severity(finding.kind)) for finding in governance_findings(index, policy))


__all__ = [
    "CALENDAR_KINDS",
    "DEFAULT_WARN_ON",
    "FINDING_KINDS",
    "Finding",
    "GovernancePolicy",
    "governance_diagnostics",
    "governance_findings",
    "months_later",
]
