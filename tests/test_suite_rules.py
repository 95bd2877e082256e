"""Rules of the test suite itself: helpers come from helper modules, and the `build` and `browser`
marks cannot rot (tests/marks.py): the work they stand for runs only through checked helpers, and the
checks fail a test that lacks a mark or carries one it does not need."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
SOURCES = sorted(TESTS.glob("*.py"))


def imported_modules(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
    return found


def test_no_module_imports_a_test_module_or_conftest() -> None:
    """Shared helpers live in hub.py and the other helper modules; fixtures in conftest.py."""
    found = [
        f"{path.name}:{line}: imports {module}"
        for path in SOURCES
        for line, module in imported_modules(ast.parse(path.read_text(encoding="utf-8")))
        if module.split(".")[0].startswith("test_") or module.split(".")[0] == "conftest"
    ]
    assert found == []


def calls(function: ast.AST, name: str) -> bool:
    return any(
        isinstance(node, ast.Call) and name in (getattr(node.func, "id", None), getattr(node.func, "attr", None))
        for node in ast.walk(function)
    )


def unchecked(path: Path) -> list[str]:
    """Functions that spell a `mkdocs` command line or launch a browser without calling require_mark."""
    found = []
    for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        command = any(
            isinstance(node, (ast.List, ast.Tuple))
            and any(isinstance(e, ast.Constant) and e.value == "mkdocs" for e in node.elts)
            for node in ast.walk(function)
        )
        launch = calls(function, "launch") or calls(function, "launch_persistent_context")
        if (command or launch) and not calls(function, "require_mark"):
            found.append(f"{path.name}:{function.lineno}: {function.name}")
    return found


def test_mkdocs_and_chromium_run_only_through_checked_helpers() -> None:
    """hub.build, serving.mkdocs_serve and browser.launch_chromium call require_mark; so must any other."""
    assert [problem for path in SOURCES for problem in unchecked(path)] == []


def test_the_rule_sees_an_unchecked_command(tmp_path: Path) -> None:
    source = tmp_path / "test_sneaky.py"
    source.write_text(
        textwrap.dedent(
            """
            def test_builds(tmp_path):
                subprocess.run([sys.executable, "-m", "mkdocs", "build"])

            def test_launches(playwright):
                playwright.chromium.launch()
            """
        ),
        encoding="utf-8",
    )
    assert unchecked(source) == ["test_sneaky.py:2: test_builds", "test_sneaky.py:5: test_launches"]


# -- the marks' checks, in a pytest of their own ----------------------------------------------------

CONFTEST = """
import marks
import pytest

def pytest_configure(config):
    config.pluginmanager.register(marks, "competency-hub-marks")

@pytest.fixture(scope="session")
def built():
    marks.require_mark("build", "`mkdocs build`")  # what hub.build does first
    return "site"
"""

CASES = """
import pytest
from hub import build
from serving import mkdocs_serve

def test_build_unmarked(tmp_path):
    build(tmp_path / "no-hub")

def test_serve_unmarked(tmp_path):
    with mkdocs_serve(tmp_path / "no-hub"):
        pass

@pytest.mark.build
def test_fixture_marked(built):
    pass

def test_fixture_cached_unmarked(built):
    pass

@pytest.mark.build
def test_marked_for_nothing():
    pass

@pytest.mark.browser
def test_browser_mark_for_nothing():
    pass

def test_plain():
    pass
"""


def test_the_checks_fail_a_missing_or_needless_mark(pytester: pytest.Pytester) -> None:
    """A pytest run of its own, in this process; nothing reaches MkDocs: the checks fail each unmarked
    test before its build or serve starts."""
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(test_cases=CASES)
    pytester.makeini("[pytest]\naddopts = --strict-markers\nmarkers =\n    build: builds\n    browser: drives Chromium\n")
    out = "\n".join(pytester.runpytest_inprocess("-p", "no:cacheprovider", "-rA").outlines)
    outcome = {
        line.split(" ")[1].split("::")[1]: line.split(" ")[0]
        for line in out.splitlines()
        if line.startswith(("PASSED ", "FAILED ", "ERROR "))
    }
    assert outcome == {
        "test_build_unmarked": "FAILED",
        "test_serve_unmarked": "FAILED",
        "test_fixture_marked": "PASSED",
        "test_fixture_cached_unmarked": "FAILED",
        "test_marked_for_nothing": "FAILED",
        "test_browser_mark_for_nothing": "FAILED",
        "test_plain": "PASSED",
    }, out
    assert "test_build_unmarked runs a real `mkdocs build` or `mkdocs serve`" in out
    assert "it ran `mkdocs build` but is not marked 'build'" in out
    assert "it ran `mkdocs serve` but is not marked 'build'" in out
    assert "test_fixture_cached_unmarked runs a real" in out and "(fixture 'built') but is not marked 'build'" in out
    assert "test_marked_for_nothing is marked 'build' but it and its fixtures ran no `mkdocs build`" in out
    assert "test_browser_mark_for_nothing is marked 'browser' but it and its fixtures drove no Chromium" in out
    assert not (pytester.path / "no-hub-site").exists(), "the unmarked build ran"


@pytest.mark.parametrize("mark", ["build", "browser"])
def test_the_marks_are_registered_and_strict(mark: str, pytestconfig: pytest.Config) -> None:
    assert "--strict-markers" in pytestconfig.getini("addopts")
    assert any(line.startswith(f"{mark}:") for line in pytestconfig.getini("markers"))
