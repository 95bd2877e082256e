"""The `build` and `browser` marks, checked where the work happens so that they cannot rot.

`pytest -m "not build and not browser"` is the fast inner loop (CONTRIBUTING.md). It stays fast
and complete only if every test that runs a real `mkdocs build`/`mkdocs serve` carries `build` and
every test that drives Chromium carries `browser`, and no other test does. So the helpers that do
that work (`hub.build`, `serving.mkdocs_serve`, `browser.launch_chromium`) call `require_mark`,
which fails a test that lacks the mark; a fixture that needed a mark (e.g. the session build
`fixture_build`, or `site` on top of it) is remembered, so a later test that reuses its cached value
must carry the mark too; and a test that carries a mark it never needed fails as well.

conftest.py registers this module as a plugin; outside pytest (or without that conftest) nothing is checked.
"""

from __future__ import annotations

from typing import Any

import pytest

MARKS = {
    "build": "runs a real `mkdocs build` or `mkdocs serve` (itself or through a fixture)",
    "browser": "drives Debian's Chromium through Playwright (itself or through a fixture)",
}

_active = False  # set by pytest_configure: the checks run only under pytest with tests/conftest.py
_current: pytest.Item | None = None  # the test being set up, run or torn down
_setting_up: list[Any] = []  # the fixtures being set up right now (FixtureDef), innermost last
_fixture_needs: dict[Any, set[str]] = {}  # fixture (FixtureDef) → the marks its setup needed
_test_needs: dict[str, set[str]] = {}  # test node id → the marks it needed itself (helpers it called)

HOW = (
    "mark it: @pytest.mark.{mark} on the test, or `pytestmark = pytest.mark.{mark}` at the top of a "
    "module where every test does (tests/marks.py explains why)"
)


def require_mark(mark: str, what: str) -> None:
    """Called by every helper that does the work `mark` stands for, e.g. `require_mark("build", "mkdocs build")`.

    Fails the current test unless it carries `mark`; remembers that the fixtures being set up need it.
    """
    assert mark in MARKS, f"unknown mark {mark!r}: register it in pyproject.toml and in marks.MARKS"
    if not _active:
        return
    for fixturedef in _setting_up:
        _fixture_needs.setdefault(fixturedef, set()).add(mark)
    if _current is None:
        pytest.fail(f"{what} ran outside any test (at import or collection time): only tests may do that", pytrace=False)
    _test_needs.setdefault(_current.nodeid, set()).add(mark)
    if _current.get_closest_marker(mark) is None:
        fixtures = f" (through fixture {', '.join(repr(f.argname) for f in _setting_up)})" if _setting_up else ""
        pytest.fail(
            f"{_current.nodeid} {MARKS[mark]}: it ran {what}{fixtures} but is not marked '{mark}': {HOW.format(mark=mark)}",
            pytrace=False,
        )


def needed(item: pytest.Item) -> dict[str, list[str]]:
    """The marks `item` needed so far → why (its own calls, or the fixtures it uses that needed them)."""
    found: dict[str, list[str]] = {mark: ["the test itself"] for mark in _test_needs.get(item.nodeid, ())}
    info = getattr(item, "_fixtureinfo", None)  # pytest's record of the fixtures a test uses (all levels)
    for name in getattr(item, "fixturenames", ()):
        for fixturedef in info.name2fixturedefs.get(name, ()) if info else ():
            for mark in _fixture_needs.get(fixturedef, ()):
                found.setdefault(mark, []).append(f"fixture {name!r}")
    return found


# -- hooks (this module is a plugin) -----------------------------------------------------------------


def pytest_configure(config: pytest.Config) -> None:
    global _active
    _active = True


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Any:
    global _current
    previous, _current = _current, item
    try:
        return (yield)
    finally:
        _current = previous


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(fixturedef: Any, request: pytest.FixtureRequest) -> Any:
    _setting_up.append(fixturedef)
    try:
        return (yield)
    finally:
        _setting_up.pop()


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_call(item: pytest.Item) -> None:
    """A test that reuses a cached fixture (a session build, the browser) needs that fixture's marks."""
    for mark, reasons in needed(item).items():
        if item.get_closest_marker(mark) is None:
            pytest.fail(
                f"{item.nodeid} {MARKS[mark]} ({', '.join(reasons)}) but is not marked '{mark}': {HOW.format(mark=mark)}",
                pytrace=False,
            )


DID = {"build": "ran no `mkdocs build` or `mkdocs serve`", "browser": "drove no Chromium"}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A test that passed without the work one of its marks stands for carries that mark wrongly."""
    report = yield
    if report.when == "call" and report.passed:
        has = needed(item)
        wrong = [mark for mark in MARKS if item.get_closest_marker(mark) is not None and mark not in has]
        if wrong:
            report.outcome = "failed"
            report.longrepr = (
                f"{item.nodeid} is marked {' and '.join(repr(m) for m in wrong)} but it and its fixtures "
                f"{' and '.join(DID[m] for m in wrong)}: remove the mark (or mark only the parameters that do), "
                'so that the fast loop `pytest -m "not build and not browser"` runs it'
            )
    return report
