"""Running the learner tools' ES modules in Chromium, to unit-test them from pytest, and helpers for
the learner tools' pages and their times.

The modules are served from the package's assets folder, exactly as published, and imported into a
blank page; `call` runs one exported function with JSON arguments and returns its JSON result.
"""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from browser import open_page, serve_directory
from competency_hub.model.progress import Progress
from pydantic import ValidationError

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
T0 = dt.datetime(2025, 3, 3, 9, 30, tzinfo=dt.timezone.utc)
"""The learner browser tests' first moment (Playwright's clock is set to it)."""


def to_ms(moment: dt.datetime) -> int:
    return (moment - EPOCH) // dt.timedelta(milliseconds=1)


def from_ms(ms: int) -> dt.datetime:
    return EPOCH + dt.timedelta(milliseconds=ms)


def hash_unit(text: str) -> float:
    """fsrs.js's hashUnit: FNV-1a (32 bit) over UTF-16 code units, as a number in [0, 1)."""
    data = text.encode("utf-16-le")
    value = 0x811C9DC5
    for i in range(0, len(data), 2):
        value ^= int.from_bytes(data[i : i + 2], "little")
        value = (value * 0x01000193) & 0xFFFFFFFF
    return value / 4294967296


def ready(page: Any, kind: str) -> None:
    """Waits until the learner tool `kind` (challenge, capability, progress…) on the page is ready."""
    page.wait_for_selector(f'[data-hub-learner="{kind}"][data-hub-ready="true"]')


def complete(page: Any, base: str, challenge_id: str) -> None:
    """Opens a challenge of the site served at `base` and marks it done."""
    page.goto(f"{base}challenges/{challenge_id}/")
    ready(page, "challenge")
    page.click('[data-hub-action="complete"]')
    assert page.get_attribute('[data-hub-action="complete"]', "aria-pressed") == "true"


ASSETS = Path(__file__).resolve().parents[1] / "plugins" / "competency_hub" / "assets" / "learner"


class Modules:
    """A page that imports the modules (the server lists the folder as HTML, an origin to import from).

    `call("fsrs.js", "pyRound", 2.5)` → 2.
    """

    def __init__(self, watched: Any, base: str) -> None:
        self.watched = watched
        self.page = watched.page
        self.base = base

    def call(self, module: str, function: str, *args: Any) -> Any:
        return self.page.evaluate(
            "async ([url, name, args]) => { const m = await import(url); return m[name](...args); }",
            [self.base + module, function, list(args)],
        )

    def run(self, body: str, arg: Any = None) -> Any:
        """Runs an async function body with `m` (every module but main.js, by file stem) and `arg`."""
        names = sorted(p.name for p in ASSETS.glob("*.js") if p.name != "main.js")  # main.js acts on import
        imports = ", ".join(f'"{name[:-3]}": await import("{self.base}{name}")' for name in names)
        script = f"async (arg) => {{ const m = {{ {imports} }}; {body} }}"
        return self.page.evaluate(script, arg)


@contextmanager
def modules(browser: Any, **context: Any) -> Iterator[Modules]:
    # The whole assets folder, so that a module may import a vendored one (qr.js: ../vendor/…).
    with serve_directory(ASSETS.parent) as root, open_page(browser, **context) as watched:
        base = root.rstrip("/") + "/" + ASSETS.name + "/"
        watched.page.goto(base)
        yield Modules(watched, base)
        assert watched.console_errors == [], watched.console_errors


def merge(js: "Modules", base: dict[str, Any], incoming: dict[str, Any]) -> dict[str, Any]:
    """store.js's merge of two progress documents, as the import does: the merged document (as stored),
    the changes, and whether nothing changed."""
    return js.run(
        "const r = m.store.merge(m.store.normalise(arg[0]), m.store.normalise(arg[1]));"
        "return { state: m.store.stored(r.state), changes: r.changes, unchanged: m.store.unchanged(r.changes) };",
        [base, incoming],
    )


def pydantic_accepts(document: Any) -> bool:
    """Whether the progress model (model/progress.py, which the published schema comes from) accepts it."""
    try:
        Progress.model_validate(document)
    except ValidationError:
        return False
    return True


def record_milestone(
    page: Any,
    milestone: str | None = None,
    *,
    date: str | None = None,
    level: str | None = None,
    evidence: str | None = None,
    role: str = "self",
    reviewer: str | None = None,
) -> None:
    """Fills in the path page's "Record a milestone" form as a learner would, and records it; a field
    left None keeps what the form offers (the first milestone, today, the milestone's level)."""
    page.click("#record-milestone > summary")
    if milestone is not None:
        page.select_option('[data-hub-field="milestone"]', milestone)
    if date is not None:
        page.fill('[data-hub-field="milestone-date"]', date)
    if level is not None:
        page.select_option('[data-hub-field="milestone-level"]', level)
    if evidence is not None:
        page.fill('[data-hub-field="milestone-evidence"]', evidence)
    page.check(f'input[name="hub-milestone-role"][value="{role}"]')
    if reviewer is not None:
        page.fill('[data-hub-field="milestone-reviewer"]', reviewer)
    page.click('[data-hub-action="record-milestone"]')


def placed_by_self_and_manager(capability: str) -> dict[str, Any]:
    """A progress document in which the learner placed themselves at Assisted on `capability` and
    Sam Lee, their manager, placed them at Independent (check-in card tests and tests/print_cards.py)."""
    return {
        "format": "competency-hub-progress",
        "version": 2,
        "challenges": {},
        "levels": {
            capability: [
                {"level": "assisted", "at": "2025-03-01T12:00:00.000Z", "by": "self", "name": "", "evidence": ""},
                {"level": "independent", "at": "2025-03-04T12:00:00.000Z", "by": "manager", "name": "Sam Lee", "evidence": ""},
            ]
        },
        "recall": {},
        "paths": {},
        "milestones": {},
        "notes": {},
    }
