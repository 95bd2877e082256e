"""`competency-hub clr PROGRESS.json`: an unsigned CLR 2.0 draft of a learner's progress (exports/clr.py)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pydantic import ValidationError

from ..exports.clr import clr_catalogue, clr_document, clr_json
from ..model.progress import Progress, migrate
from ..pipeline import check_hub
from .settings import find_root, load_settings

NOTHING = "no milestone or level of this hub is recorded: nothing to put in a learner record"
MAX_BYTES = 2 * 1024 * 1024
"""The browser's limit for a progress file (store.js MAX_FILE_BYTES)."""


def _refuse(path: str, line: int, column: int, message: str) -> int:
    print(f"{path}:{line}:{column}: error: {message}", file=sys.stderr)
    print("competency-hub: not a progress file the hub reads: no learner record written", file=sys.stderr)
    return 1


def _location(text: str, loc: tuple) -> tuple[int, int]:
    """The line and column of the deepest key of `loc` found in the text (1:1 when none is)."""
    offset = 0
    for part in loc:
        if isinstance(part, str):
            found = text.find(json.dumps(part, ensure_ascii=False), offset)
            if found >= 0:
                offset = found
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_progress(path: Path) -> tuple[dict | None, int]:
    """The progress document as JSON (version 2), or None after printing why it is refused."""
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, _refuse(shown, 1, 1, f"cannot be read ({error.strerror})")
    if len(raw) > MAX_BYTES:
        return None, _refuse(shown, 1, 1, f"is {len(raw)} bytes; a progress file is at most {MAX_BYTES} bytes")
    try:
        text = raw.decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError:
        return None, _refuse(shown, 1, 1, "is not UTF-8 text")
    except json.JSONDecodeError as error:
        return None, _refuse(shown, error.lineno, error.colno, f"is not JSON: {error.msg}")
    if not isinstance(data, dict) or data.get("format") != "competency-hub-progress":
        return None, _refuse(shown, 1, 1, "'format' is not 'competency-hub-progress': not a progress file exported by a hub")
    try:
        Progress.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        line, column = _location(text, first["loc"])
        where = ".".join(str(part) for part in first["loc"])
        more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
        return None, _refuse(shown, line, column, f"{where}: {first['msg']}{more}")
    return migrate(data), 0


def cmd_clr(args: argparse.Namespace) -> int:
    progress, status = read_progress(Path(args.progress))
    if progress is None:
        return status
    target = Path(args.hub)
    if not target.exists():
        print(f"competency-hub: {target}: no such file or folder", file=sys.stderr)
        return 2
    settings = load_settings(find_root(target))
    checked = check_hub(settings.hub_options(), settings.governance_policy(), governance=False)
    if checked.diagnostics.errors:
        print(f"competency-hub: the hub has {len(checked.diagnostics.errors)} error(s); `competency-hub validate` lists them", file=sys.stderr)
        return 1
    document = clr_document(clr_catalogue(checked.index, settings.export_options()), progress)
    if document is None:
        print(f"competency-hub: {args.progress}: {NOTHING}", file=sys.stderr)
        return 1
    text = clr_json(document)
    if args.out in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"wrote an unsigned CLR 2.0 draft to {args.out}: the organisation fills in the issuer and signs it", file=sys.stderr)
    return 0


def add_clr_command(commands: argparse._SubParsersAction) -> None:
    clr = commands.add_parser(
        "clr",
        help="an unsigned CLR 2.0 learner record (draft) from a learner's exported progress file",
        description="Writes an unsigned ClrCredential draft (CLR 2.0) of the milestones and levels in a progress file, "
        "for the organisation to complete and sign (docs/reference/exports/clr.md).",
    )
    clr.add_argument("progress", help="a progress file exported from the hub's progress page")
    clr.add_argument("-o", "--out", help="the file to write (default: standard output)")
    clr.add_argument("--hub", default=".", help="the hub folder (default: the current folder)")
    clr.set_defaults(handler=cmd_clr)
