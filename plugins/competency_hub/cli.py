"""`competency-hub`: validate content, write JSON Schemas and start new files from templates."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .diagnostics import Diagnostics
from .load import load_hub
from .resolve import HubIndex
from .reference import content_model_reference
from .schema import schema_files
from .settings import SettingsError, hub_options
from .validate import validate_hub


def find_root(path: Path) -> Path:
    """The hub folder holding `path`: the nearest folder upwards with a mkdocs.yml."""
    path = path.resolve()
    for folder in [path, *path.parents] if path.is_dir() else list(path.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return path if path.is_dir() else path.parent


def check_hub(root: Path) -> Diagnostics:
    """Everything `mkdocs build` would report about the content of the hub at `root`."""
    options = hub_options(root)
    hub, diagnostics = load_hub(options)
    diagnostics.extend(validate_hub(hub, HubIndex.build(hub)))
    return diagnostics


def cmd_validate(args: argparse.Namespace) -> int:
    target = Path(args.path)
    if not target.exists():
        print(f"competency-hub: {target}: no such file or folder", file=sys.stderr)
        return 2
    root = find_root(target)
    diagnostics = check_hub(root)
    shown = diagnostics.sorted()
    if target.is_file():
        wanted = target.resolve().relative_to(root).as_posix()
        shown = [d for d in shown if d.path == wanted]
    for diagnostic in shown:
        print(diagnostic.format_github() if args.format == "github" else diagnostic.format_text())
    errors = sum(1 for d in shown if d.severity == "error")
    warnings = len(shown) - errors
    summary = f"{errors} error(s), {warnings} warning(s)"
    print(("no problems found" if not shown else summary), file=sys.stderr)
    return 1 if errors or (args.strict and warnings) else 0


def cmd_schema(args: argparse.Namespace) -> int:
    files = schema_files()
    if args.reference:
        sys.stdout.write(content_model_reference())
        return 0
    if args.write is None and args.check is None:
        for kind, content in files.items():
            print(f"# {kind}.schema.json")
            print(content.decode("utf-8"))
        return 0
    folder = Path(args.write or args.check)
    stale = []
    for kind, content in files.items():
        path = folder / f"{kind}.schema.json"
        if args.write is not None:
            folder.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            print(f"wrote {path}", file=sys.stderr)
        elif not path.is_file() or path.read_bytes() != content:
            stale.append(path)
    for path in stale:
        print(f"{path}: out of date; run `competency-hub schema --write {folder}`", file=sys.stderr)
    return 1 if stale else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="competency-hub",
        description="Competency maps, challenges and learning paths as a static learning hub.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check every content file and report each problem as path:line:col",
        description="Check every map and challenge of the hub, as `mkdocs build` does. "
        "Exit status 1 when there is an error (or a warning, with --strict).",
    )
    validate.add_argument("path", nargs="?", default=".", help="the hub folder, or one file to report on (default: .)")
    validate.add_argument(
        "--format", choices=("text", "github"), default="text", help="github: workflow commands that annotate PR lines"
    )
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.set_defaults(handler=cmd_validate)

    schema = commands.add_parser("schema", help="print, write or check the JSON Schemas of the content files")
    group = schema.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="DIR", help="write <kind>.schema.json files into DIR")
    group.add_argument("--check", metavar="DIR", help="exit 1 if the files in DIR differ from the models")
    group.add_argument("--reference", action="store_true", help="print the content-model reference page (Markdown)")
    schema.set_defaults(handler=cmd_schema)

    from .scaffold import add_new_command

    add_new_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except SettingsError as exc:
        print(f"competency-hub: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
