"""`competency-hub export` and `competency-hub import`: the same exports as the build, and maps from other systems."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..diagnostics import Diagnostic, Diagnostics, Severity
from ..load import Hub, load_hub
from ..load.hub import MapEntry
from ..load.models import validate_model
from ..load.source import load_yaml_file
from ..model import Map
from ..model.common import SLUG_PATTERN
from ..placeholders import is_placeholder_report
from .settings import find_root, load_settings
from ..pipeline import check_hub
from ..exports import FORMATS, export_hub
from ..imports.case import ImportContext, import_case
from ..imports.moodle import import_moodle
from ..imports.common import ImportResult, check_output_path

MAIN_FILES = re.compile(r"^exports/(case/[^/]+\.json|rsd/[^/]+\.json|ctdl-asn/.+\.json|moodle/.+\.csv|openbadges/.+\.jsonld|hub(\.schema)?\.json)$")
"""The files named on the terminal after an export (per-object CASE files are only counted)."""


def _print(diagnostics: list[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format_text(), file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    target = Path(args.path)
    if not target.exists():
        print(f"competency-hub: {target}: no such file or folder", file=sys.stderr)
        return 2
    root = find_root(target)
    settings = load_settings(root)
    checked = check_hub(settings.hub_options(), settings.governance_policy(), governance=False)
    hub, index, diagnostics = checked.hub, checked.index, checked.diagnostics
    if diagnostics.errors:
        _print(sorted(set(diagnostics.errors)))
        print(f"{len(diagnostics.errors)} error(s): nothing exported; `competency-hub validate` lists every problem", file=sys.stderr)
        return 1
    formats = FORMATS if args.format == "all" else (args.format,)
    result = export_hub(hub, index, settings.export_options(), formats)
    out = Path(args.out)
    written = 0
    for exported in result.files:
        relative = exported.src_uri.removeprefix("exports/")
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(exported.content)
        written += 1
        if MAIN_FILES.match(exported.src_uri):
            print(path)
    _print(result.notes.sorted())
    print(f"wrote {written} file(s) into {out}", file=sys.stderr)
    return 0


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _check_imported(root: Path, path: Path, display: str) -> tuple[Diagnostics, Diagnostics]:
    """What `validate` says about the new map, and the errors it now causes elsewhere in the hub."""
    settings = load_settings(root)
    options = settings.hub_options()
    inside = path.resolve().is_relative_to((root / options.maps_dir).resolve())
    key = options.display(path.resolve()) if inside else display
    own_load = Diagnostics()
    added: list[Map] = []

    def add_map(hub: Hub, diagnostics: Diagnostics) -> None:
        source = load_yaml_file(path, key, own_load, max_bytes=max(options.max_file_size, path.stat().st_size))
        model = validate_model(Map, source, own_load, what="a map file") if source else None
        diagnostics.extend(own_load)
        if model is not None and source is not None:
            hub.maps[model.id] = MapEntry(model, source)
            added.append(model)

    checked = check_hub(options, settings.governance_policy(), governance=False, amend=add_map)
    # The other files' own loading problems were there before the import; the cross-file checks
    # count only when the new map is in the hub.
    found = checked.after_loading if added else own_load
    own = Diagnostics(d if d.path != key else Diagnostic(display, d.line, d.column, d.severity, d.message, d.hint, code=d.code) for d in found if d.path == key)
    elsewhere = Diagnostics(d for d in found if d.path != key and d.severity == "error")
    return own, elsewhere


def cmd_import(args: argparse.Namespace) -> int:
    source = Path(args.file)
    if not source.is_file():
        print(f"competency-hub: {source}: no such file", file=sys.stderr)
        return 2
    if args.id is not None and not re.match(SLUG_PATTERN, args.id):
        print(f"competency-hub: '{args.id}' is not a valid id (lowercase letters, digits, hyphens)", file=sys.stderr)
        return 2
    root = find_root(Path(args.root))
    settings = load_settings(root)
    options = settings.hub_options()
    display = str(source)
    raw = source.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problem = Diagnostic(display, line, 1, Severity.ERROR, "the file is not valid UTF-8", "save or export it as UTF-8", code="HUB103")
        print(problem.format_text(), file=sys.stderr)
        return 1
    result: ImportResult | None
    if args.kind == "moodle":
        result, diagnostics = import_moodle(text, display, args.id)
    else:
        hub, _ = load_hub(options)
        context = ImportContext(
            namespace=settings.export_options().namespace,
            capabilities={f"{map_id}/{c.id}" for map_id, entry in hub.maps.items() for c in entry.model.capabilities},
        )
        result, diagnostics = import_case(text, display, args.id, context)
    if result is None or diagnostics.errors:
        _print(diagnostics.sorted())
        print(f"{len(diagnostics.errors)} error(s): no map was written", file=sys.stderr)
        return 1
    folder = Path(args.out) if args.out else root / options.maps_dir
    path = folder / f"{result.map_id}.yml"
    problem = check_output_path(path, args.force)
    if problem:
        _print(diagnostics.sorted())
        print(f"competency-hub: {problem}", file=sys.stderr)
        return 1
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(result.yaml_text, encoding="utf-8")
    written = _shown(path)
    print(written)
    placeholders = result.placeholder_diagnostics(written)
    own, elsewhere = _check_imported(root, path, written)
    # `validate` reports every placeholder too, in general words; the import's own list says what each stands for.
    named = {d.line for d in placeholders}
    own = Diagnostics(d for d in own if not (is_placeholder_report(d.message) and d.line in named))
    _print(diagnostics.sorted())
    _print(sorted(set(placeholders) | set(own)))
    summary = (
        f"{len(placeholders)} placeholder(s) to fill in, {len(diagnostics.warnings)} note(s) on what the source "
        "holds that a map cannot"
    )
    if elsewhere:
        print(
            f"competency-hub: the hub now has {len(elsewhere)} error(s) in other files (run `competency-hub validate`), "
            f"e.g. {elsewhere.sorted()[0].format_text()}",
            file=sys.stderr,
        )
    if own.errors:
        print(f"{summary}; validation finds {len(own.errors)} error(s) in {written}", file=sys.stderr)
        return 1
    print(f"{summary}; {written} passes validation", file=sys.stderr)
    return 1 if elsewhere else 0


def add_commands(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="write the hub's maps as CASE, Open Badges, Moodle CSV and JSON files",
        description="Write the same files the build publishes under /exports/ into a folder. "
        "Addresses inside them use site_url (or the plugin option exports_base_url) from mkdocs.yml. "
        "Exit status 1 when the content has errors (nothing is written).",
    )
    export.add_argument("path", nargs="?", default=".", help="the hub folder (default: .)")
    export.add_argument("--format", choices=(*FORMATS, "all"), default="all", help="one format, or all (default)")
    export.add_argument("--out", default="exports", help="the folder to write into (default: ./exports)")
    export.set_defaults(handler=cmd_export)

    imp = commands.add_parser(
        "import",
        help="make a map from a Moodle competency framework CSV or a CASE package",
        description="Write maps/<id>.yml from another system's file. What the file lacks becomes a 'TODO:' "
        "placeholder; what a map cannot hold is reported. Exit status 1 when the file cannot be imported.",
    )
    imp.add_argument("kind", choices=("moodle", "case"), help="moodle: a framework CSV; case: a CFPackage JSON")
    imp.add_argument("file", help="the file to import")
    imp.add_argument("--id", help="the map id (default: from the file)")
    imp.add_argument("--out", help="the folder to write the map into (default: the hub's maps folder)")
    imp.add_argument("--root", default=".", help="a folder inside the hub (default: .); the hub is found upwards from it")
    imp.add_argument("--force", action="store_true", help="overwrite an existing map file")
    imp.set_defaults(handler=cmd_import)
