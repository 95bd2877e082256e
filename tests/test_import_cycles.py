"""No import cycle in the package: every `import`, at any depth, under `TYPE_CHECKING` or not.

STYLE.md: output types live below the modules that produce them, so no import cycle needs
`TYPE_CHECKING` and a reader can follow the data one way (files → load → model → validate → render).
The imports are read from the source with `ast` (relative imports resolved, imports inside functions
and `if TYPE_CHECKING:` blocks counted), so the check sees what Python would only meet at run time.
Importing `a.b.c` also runs `a/__init__.py` and `a/b/__init__.py`; those implicit edges are left out,
as every package has them: only what a module names counts.

Run it as a script to print every cycle: `python tests/test_import_cycles.py`.
"""

from __future__ import annotations

import ast
import functools
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "plugins" / "competency_hub"

Edge = tuple[str, str, str]
"""(importing module, imported module, 'path:line' of the import)."""


def modules(package: Path) -> dict[str, Path]:
    """Dotted name → file, for every module of the package (a package by its `__init__.py`)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path], root: Path) -> list[Edge]:
    """The package's modules that module `name` imports, wherever the import statement stands
    (`root`: the folder above the package, for the paths shown)."""
    is_package = path.name == "__init__.py"
    edges = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        where = f"{path.relative_to(root).as_posix()}:{getattr(node, 'lineno', 0)}"
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                # `from . import x` in a/b.py means package a; in a/__init__.py it means a itself.
                base = name.split(".") if is_package else name.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [module]
            # `from pkg import sub` imports the module pkg.sub when there is one.
            targets += [f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in known]
        for target in targets:
            # `import a.b.c` names a.b.c; keep the deepest module of the package it names.
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                edges.append((name, target, where))
    return edges


def graph(package: Path = PACKAGE) -> dict[str, list[Edge]]:
    known = modules(package)
    return {name: imports(name, path, known, package.parent) for name, path in known.items()}


def cycles(edges: dict[str, list[Edge]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), each sorted, sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for _, target, _ in edges.get(node, []):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def describe(component: list[str], edges: dict[str, list[Edge]]) -> str:
    """A cycle as the imports that make it, one per line."""
    members = set(component)
    lines = [f"{where}: {source} imports {target}" for source in component for source, target, where in edges[source] if target in members]
    return "cycle among " + ", ".join(component) + "\n" + "\n".join("  " + line for line in lines)


FOLDERS = sorted({path.parent.relative_to(PACKAGE).as_posix() for path in modules(PACKAGE).values()})
"""The package's folders, '.' for its top level."""


@functools.cache
def package_cycles() -> tuple[dict[str, Path], dict[str, list[Edge]], list[list[str]]]:
    """The package's modules, imports and cycles, read once for every folder's test."""
    edges = graph()
    return modules(PACKAGE), edges, cycles(edges)


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f if f != "." else "top-level")
def test_no_module_of_the_folder_is_in_an_import_cycle(folder: str) -> None:
    """One test per folder, so the failures name the folders a cycle runs through."""
    known, edges, components = package_cycles()
    found = [
        describe(component, edges)
        for component in components
        if any(known[module].parent.relative_to(PACKAGE).as_posix() == folder for module in component)
    ]
    assert found == [], "\n".join(found)


def test_the_checker_sees_relative_function_level_and_type_checking_imports(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .sub.b import B\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "b.py").write_text("def f():\n    from .. import a\n")
    (package / "c.py").write_text("from .sub import b\n")
    (package / "d.py").write_text("import pkg.sub.b\n")
    edges = graph(package)
    assert [(s, t) for s, t, _ in edges["pkg.a"]] == [("pkg.a", "pkg.sub.b")]
    assert [(s, t) for s, t, _ in edges["pkg.sub.b"]] == [("pkg.sub.b", "pkg"), ("pkg.sub.b", "pkg.a")]
    assert [t for _, t, _ in edges["pkg.c"]] == ["pkg.sub", "pkg.sub.b"]
    assert [t for _, t, _ in edges["pkg.d"]] == ["pkg.sub.b"]
    assert cycles(edges) == [["pkg.a", "pkg.sub.b"]]


if __name__ == "__main__":
    all_edges = graph()
    found = cycles(all_edges)
    for component in found:
        print(describe(component, all_edges))
    print(f"{len(found)} cycle(s) among {len(all_edges)} modules")
    sys.exit(1 if found else 0)
