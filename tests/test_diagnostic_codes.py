"""Every diagnostic has a stable, registered code; the registry is published and never silently changes.

Codes are what scripts filter on and what the reference page explains, so a call that makes a
diagnostic without one, a code used but not registered, or a published code whose title changed,
fails here rather than reaching a user.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from competency_hub.codes import AREAS, BY_CODE, CODES
from competency_hub.diagnostics import UNCODED, Severity
from hub import REPO

CORE = REPO / "plugins" / "competency_hub"
PUBLISHED = Path(__file__).with_name("published_codes.txt")
CODE = re.compile(r"^HUB[1-9]\d\d$")

MAKERS = {"error", "warning", "error_at", "warning_at", "Diagnostic", "report"}
"""Names of the calls that make a diagnostic (Diagnostics.error/warning, the validators' helpers)."""
NOT_MAKERS = {"log", "logging", "logger", "self", "parser", "console"}
"""Receivers whose .error/.warning is something else: the logger, argparse, a class's own helper."""


def _calls() -> list[tuple[str, int, ast.Call]]:
    found = []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in ("error", "warning"):
                if isinstance(func.value, ast.Name) and func.value.id in NOT_MAKERS:
                    continue
            elif not (isinstance(func, ast.Name) and func.id in MAKERS):
                continue
            found.append((path.relative_to(REPO).as_posix(), node.lineno, node))
    return found


def _code_argument(call: ast.Call) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == "code"), None)


def test_every_diagnostic_the_core_makes_has_a_code() -> None:
    """A call merged from a branch written before codes existed would print HUB000: it fails here instead."""
    calls = _calls()
    assert len(calls) > 100, "the scan no longer finds the diagnostics of the core"
    uncoded = [f"{path}:{line}" for path, line, call in calls if _code_argument(call) is None]
    assert uncoded == [], "give these calls code='HUBnnn' (plugins/competency_hub/codes.py):\n" + "\n".join(uncoded)


def test_codes_at_call_sites_are_registered_with_the_same_severity() -> None:
    problems = []
    for path, line, call in _calls():
        value = _code_argument(call)
        if not isinstance(value, ast.Constant):
            continue  # a helper forwarding its own `code` argument
        entry = BY_CODE.get(value.value)
        name = call.func.attr if isinstance(call.func, ast.Attribute) else call.func.id
        severity = {"error": Severity.ERROR, "error_at": Severity.ERROR, "report": Severity.ERROR}.get(
            name, Severity.WARNING if name in ("warning", "warning_at") else None
        )
        if entry is None:
            problems.append(f"{path}:{line}: {value.value} is not in codes.py")
        elif severity is not None and entry.severity is not severity and not entry.configurable:
            problems.append(f"{path}:{line}: {value.value} is registered as {entry.severity}, made as {severity}")
    assert problems == []


def test_every_code_in_the_source_is_registered_and_every_registered_code_is_used() -> None:
    source = "\n".join(p.read_text(encoding="utf-8") for p in CORE.rglob("*.py") if p.name != "codes.py")
    used = set(re.findall(r"\"(HUB\d{3})\"", source)) - {UNCODED}
    assert sorted(used - set(BY_CODE)) == [], "used but not registered"
    assert sorted(set(BY_CODE) - used) == [], "registered but never produced: retire the code or use it"


def test_registry_entries_are_complete_and_in_their_area() -> None:
    assert len(BY_CODE) == len(CODES), "a code is registered twice"
    assert [entry.code for entry in CODES] == sorted(BY_CODE), "keep the registry in code order"
    for entry in CODES:
        assert CODE.match(entry.code), entry.code
        assert entry.code[3] in AREAS, entry.code
        assert entry.title and entry.title == entry.title.strip() and not entry.title.endswith(".")
        assert entry.explanation and entry.message and entry.fix and entry.example_file, entry.code
        assert entry.anchor == entry.code.lower()


def test_published_codes_keep_their_meaning() -> None:
    """tests/published_codes.txt is the list as published: changing a title or dropping a code is a decision
    made by editing it, in review; a new code is added to it in the same change."""
    published = [line.split(" ", 1) for line in PUBLISHED.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    assert {code: title for code, title in published} == {entry.code: entry.title for entry in CODES}
