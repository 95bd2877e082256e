"""Running the learner tools' ES modules in Chromium, to unit-test them from pytest.

The modules are served from the package's assets folder, exactly as published, and imported into a
blank page; `call` runs one exported function with JSON arguments and returns its JSON result.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from browser import open_page, serve_directory

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
    with serve_directory(ASSETS) as base, open_page(browser, **context) as watched:
        watched.page.goto(base)
        yield Modules(watched, base)
        assert watched.console_errors == [], watched.console_errors
