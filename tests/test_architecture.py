"""The package keeps the shape docs/reference/architecture.md promises: which part may import which.

Read from the source with `ast` (nothing is imported), so a new import across the lines fails here with
the file and line, before a reviewer has to spot it.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "competency_hub"
ARCHITECTURE = PACKAGE.parent.parent / "docs" / "reference" / "architecture.md"

CORE = {"model", "load", "validate", "safety", "render", "exports", "imports", "pipeline", "clock", "diagnostics"}

ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "safety": {"memo"},
    "load": {"model", "diagnostics", "safety", "placeholders", "memo", "packing"},
    "validate": {"load", "model", "diagnostics", "safety", "clock"},
    "render": {"load", "model", "safety", "schema", "packaged", "memo", "packing"},
    "exports": {"load", "model", "render", "diagnostics", "clock", "memo", "__version__"},
    "imports": {"exports", "load", "model", "validate", "diagnostics", "clock", "placeholders"},
    "pipeline": {"load", "validate", "diagnostics"},
    "clock": set(),
    "packaged": set(),
    "memo": set(),
    "packing": set(),
    "severity": set(),
    "codes": {"severity", "safety"},
    "diagnostics": {"severity", "codes"},
    "formats": {"diagnostics", "codes", "severity", "__version__"},
}
"""Each part of the package → the parts it may import (the table of docs/reference/architecture.md, with
the small shared modules: diagnostics, placeholders, schema, packaged, memo, packing; `__version__` is the package's version).
`clock` imports `load` and `diagnostics` for type hints only, which the check below leaves out."""

PURE_RENDER_FORBIDDEN = {"os", "subprocess", "time", "socket", "urllib.request", "http"}
"""The render layer is a function of the hub and the options: no environment, process, clock or network."""


@dataclass(frozen=True)
class Import:
    file: Path
    line: int
    module: str
    """Absolute module name (`competency_hub.load.index`, `os`…)."""


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def imports_of(path: Path, *, with_type_hints: bool, root: Path = PACKAGE.parent) -> list[Import]:
    """Every import in a module of the package under `root`, relative ones made absolute."""
    relative = path.relative_to(root).with_suffix("").parts
    package = list(relative if path.name == "__init__.py" else relative[:-1])
    if path.name == "__init__.py":
        package = package[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hints = set() if with_type_hints else _type_checking_lines(tree)
    found: list[Import] = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Import, ast.ImportFrom)) and node.lineno in hints:
            continue
        if isinstance(node, ast.Import):
            found += [Import(path, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            if module == "competency_hub" or (node.level and not node.module):
                found += [Import(path, node.lineno, f"{module}.{alias.name}") for alias in node.names]
            else:
                found.append(Import(path, node.lineno, module))
    return found


def _modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "__pycache__" not in path.parts)


def _where(item: Import) -> str:
    return f"{item.file.relative_to(PACKAGE.parent)}:{item.line}: {item.module}"


@pytest.mark.parametrize("part", sorted(ALLOWED))
def test_each_part_imports_only_what_the_architecture_page_allows(part: str) -> None:
    wrong = []
    for path in _modules():
        here = _part(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
        if here != part:
            continue
        for item in imports_of(path, with_type_hints=False):
            if item.module.startswith("competency_hub."):
                there = _part(item.module)
                if there != part and there not in ALLOWED[part]:
                    wrong.append(_where(item))
    assert not wrong, f"{part}/ imports outside its allowed parts {sorted(ALLOWED[part])}:\n" + "\n".join(wrong)


def test_only_the_plugin_and_the_cli_settings_import_mkdocs() -> None:
    """The core knows nothing of MkDocs: it could feed another generator, and its tests need no build."""
    wrong = []
    for path in _modules():
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("mkdocs/") or relative == "cli/settings.py":
            continue
        for item in imports_of(path, with_type_hints=True):
            if item.module.split(".")[0] in {"mkdocs", "material"}:
                wrong.append(_where(item))
    assert not wrong, "\n".join(wrong)


def test_the_core_never_imports_the_adapters() -> None:
    wrong = [
        _where(item)
        for path in _modules()
        if _part(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)) in CORE
        for item in imports_of(path, with_type_hints=True)
        if item.module.startswith("competency_hub.") and _part(item.module) in {"mkdocs", "cli"}
    ]
    assert not wrong, "\n".join(wrong)


def test_the_render_layer_reads_no_environment_process_or_clock() -> None:
    wrong = []
    for path in sorted((PACKAGE / "render").glob("*.py")):
        source = path.read_text(encoding="utf-8")
        for item in imports_of(path, with_type_hints=True):
            if item.module in PURE_RENDER_FORBIDDEN or item.module == "competency_hub.clock":
                wrong.append(_where(item))
        for number, line in enumerate(source.splitlines(), 1):
            if re.search(r"\b(date\.today|datetime\.now|datetime\.utcnow|getenv)\(", line):
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{number}: {line.strip()}")
    assert not wrong, "\n".join(wrong)


def test_the_architecture_page_names_every_part_of_the_package() -> None:
    """A new folder in the package gets its line in the table, so the page stays the map of the code."""
    page = ARCHITECTURE.read_text(encoding="utf-8")
    folders = sorted(p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").is_file())
    missing = [name for name in folders if f"`{name}/`" not in page]
    assert not missing, f"docs/reference/architecture.md does not describe: {missing}"


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    """The checks above can fail: a relative import from a model module into render/ is found, with its
    line, and one under TYPE_CHECKING counts only where type hints are asked for."""
    model = tmp_path / "competency_hub" / "model"
    model.mkdir(parents=True)
    (model / "bad.py").write_text(
        "from typing import TYPE_CHECKING\nfrom ..render import urls\nif TYPE_CHECKING:\n    from ..load import Hub\n",
        encoding="utf-8",
    )
    found = imports_of(model / "bad.py", with_type_hints=False, root=tmp_path)
    assert [(item.line, item.module) for item in found] == [(1, "typing"), (2, "competency_hub.render")]
    assert _part(found[1].module) not in ALLOWED["model"]
    hinted = imports_of(model / "bad.py", with_type_hints=True, root=tmp_path)
    assert (4, "competency_hub.load") in [(item.line, item.module) for item in hinted]
