"""`competency-hub evidence from-git` and `evidence from-csv`: a progress file from the trail work leaves.

This adapter reads the sources (the `git` command, run with argument lists and no shell; a CSV file)
and writes the file; checking the trailers and making the progress document is the core's
(`imports/evidence.py`). Nothing is sent anywhere: git reads the local history only.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from ..diagnostics import Diagnostics
from ..imports.evidence import COLUMNS, DATE_FORMATS, EvidenceResult, WorkItem, csv_items, evidence_progress, parse_git_trailers, trailer_lines
from ..pipeline import check_hub
from .settings import find_root, load_settings

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$")
MAX_CSV_BYTES = 50 * 1024 * 1024
GIT_TIMEOUT = 300


def strict_since(text: str) -> datetime.datetime:
    """`--since`: a day (`2026-11-01`, from midnight UTC) or a date and time with its zone; nothing else
    (git's own `--since` would take 'last week' or a typo as some date)."""
    value = text.strip()
    try:
        if DATE.match(value):
            return datetime.datetime.combine(datetime.date.fromisoformat(value), datetime.time(), datetime.timezone.utc)
        if DATETIME.match(value):
            return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"'{text}' is not a date: give YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS](Z|±HH:MM)")


def column_mapping(text: str) -> tuple[str, str]:
    name, sep, header = text.partition("=")
    if not sep or name.strip() not in COLUMNS or not header.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not NAME=HEADER with NAME one of {', '.join(COLUMNS)}")
    return name.strip(), header.strip()


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """`git -C repo args…`, argument list and no shell. Git may not reach a remote: no transport is allowed
    (`protocol.allow=never`) and a partial clone does not fetch missing objects (GIT_NO_LAZY_FETCH)."""
    environment = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_PAGER": "cat", "LC_ALL": "C", "GIT_NO_LAZY_FETCH": "1"}
    return subprocess.run(
        ["git", "-c", "i18n.logOutputEncoding=UTF-8", "-c", "core.quotepath=off", "-c", "protocol.allow=never", "-C", str(repo), *args],
        capture_output=True, check=False, timeout=GIT_TIMEOUT, env=environment, stdin=subprocess.DEVNULL,
    )


def git_items(repo: Path, diagnostics: Diagnostics, *, author: str | None, since: datetime.datetime | None) -> list[WorkItem]:
    """The commits of `repo` reachable from HEAD that carry trailers, by `author` (email) since `since`."""
    label = repo.resolve().name or str(repo)
    try:
        check = _git(repo, "rev-parse", "--git-dir")
    except (OSError, subprocess.SubprocessError) as error:
        diagnostics.error(str(repo), 1, 1, f"git cannot be run: {error}", code="HUB958")
        return []
    if check.returncode != 0:
        diagnostics.error(str(repo), 1, 1, "not a git repository (or git cannot read it)", code="HUB958")
        return []
    if _git(repo, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        return []  # no commit yet
    body = _git(repo, "log", "-z", "--format=%H%n%ae%n%cI%n%B", "HEAD")
    trailers = _git(repo, "log", "-z", "--format=%H%n%(trailers:only,unfold)", "HEAD")
    if body.returncode != 0 or trailers.returncode != 0:
        diagnostics.error(str(repo), 1, 1, f"git log failed: {(body.stderr or trailers.stderr).decode('utf-8', 'replace').strip()[:300]}", code="HUB958")
        return []
    parsed: dict[str, str] = {}
    for record in trailers.stdout.decode("utf-8", "replace").split("\0"):
        sha, _, block = record.partition("\n")
        if sha:
            parsed[sha.strip()] = block
    items = []
    for record in body.stdout.decode("utf-8", "replace").split("\0"):
        parts = record.split("\n", 3)
        if len(parts) < 4:
            continue
        sha, email, committed, message = parts
        pairs = parse_git_trailers(parsed.get(sha, ""))
        if not pairs:
            continue
        if author and email.strip().casefold() != author.casefold():
            continue
        try:
            at = datetime.datetime.fromisoformat(committed.strip())
        except ValueError:
            continue
        if since and at < since:
            continue
        short = sha[:12]
        items.append(WorkItem(f"{label}@{short}", 1, at, f"from git, commit {short}", trailer_lines(message, pairs)))
    return items


def _hub(path: str) -> tuple[object, str] | None:
    target = Path(path)
    if not target.exists():
        print(f"competency-hub: {target}: no such file or folder", file=sys.stderr)
        return None
    settings = load_settings(find_root(target))
    checked = check_hub(settings.hub_options(), settings.governance_policy(), governance=False)
    if checked.diagnostics.errors:
        print(f"competency-hub: the hub has {len(checked.diagnostics.errors)} error(s); `competency-hub validate` lists them", file=sys.stderr)
        return None
    return checked.index, settings.site.site_name


def _finish(result: EvidenceResult, diagnostics: Diagnostics, output: str | None, sources: str) -> int:
    diagnostics.extend(result.diagnostics)
    for diagnostic in diagnostics:
        print(diagnostic.format_text(), file=sys.stderr)
    skipped = len(diagnostics)
    if result.document is None:
        print(f"competency-hub: no Practised or Challenge trailer of this hub found in {sources}: no progress file written", file=sys.stderr)
        return 1
    text = json.dumps(result.document, indent=2, ensure_ascii=False) + "\n"
    if output in (None, "-"):
        sys.stdout.write(text)
        where = "standard output"
    else:
        Path(output).write_text(text, encoding="utf-8")
        where = output
    print(
        f"wrote {where}: {result.challenges} challenge(s) done, {result.levels} level(s) practised"
        + (f"; {skipped} problem(s) reported above" if skipped else "")
        + ". Import it on the hub's progress page (Import a progress file).",
        file=sys.stderr,
    )
    return 1 if diagnostics.errors else 0


def cmd_from_git(args: argparse.Namespace) -> int:
    hub = _hub(args.hub)
    if hub is None:
        return 1
    index, name = hub
    diagnostics = Diagnostics()
    items: list[WorkItem] = []
    for repo in args.repos or ["."]:
        items += git_items(Path(repo), diagnostics, author=args.author, since=args.since)
    result = evidence_progress(items, index, name)  # type: ignore[arg-type]
    return _finish(result, diagnostics, args.output, f"the commits of {', '.join(args.repos or ['.'])}")


def cmd_from_csv(args: argparse.Namespace) -> int:
    hub = _hub(args.hub)
    if hub is None:
        return 1
    index, name = hub
    path = Path(args.file)
    diagnostics = Diagnostics()
    try:
        raw = path.read_bytes()
    except OSError as error:
        diagnostics.error(args.file, 1, 1, f"cannot be read ({error.strerror})", code="HUB958")
        return _finish(EvidenceResult(None), diagnostics, None, args.file)
    if len(raw) > MAX_CSV_BYTES:
        diagnostics.error(args.file, 1, 1, f"is {len(raw)} bytes; a ticket export is read up to {MAX_CSV_BYTES} bytes", code="HUB958")
        return _finish(EvidenceResult(None), diagnostics, None, args.file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")
    formats = tuple(args.date_format or ()) + DATE_FORMATS
    items, read = csv_items(text, args.file, dict(args.column or []), assignee=args.assignee, since=args.since,
                            link_template=args.link_template, date_formats=formats)
    diagnostics.extend(read)
    return _finish(evidence_progress(items, index, name), diagnostics, args.output, args.file)  # type: ignore[arg-type]


def add_evidence_command(commands: argparse._SubParsersAction) -> None:
    evidence = commands.add_parser(
        "evidence",
        help="a progress file from Practised/Challenge/Evidence trailers in git commits or a ticket CSV export",
        description="Reads the trail the work leaves (commit trailers, ticket comments), checks every trailer against "
        "the hub and writes a progress file to import on the progress page (docs/guide/evidence-from-work.md). "
        "Nothing is sent anywhere.",
    )
    sources = evidence.add_subparsers(dest="source", required=True, metavar="SOURCE")

    def common(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--since", type=strict_since, metavar="DATE",
                            help="only work done on or after DATE (YYYY-MM-DD, midnight UTC, or an ISO 8601 time with its zone)")
        parser.add_argument("-o", "--output", metavar="FILE", help="the progress file to write (default: standard output)")
        parser.add_argument("--hub", default=".", help="the hub folder (default: the current folder)")

    git = sources.add_parser("from-git", help="from the trailers of commit messages (git log of HEAD)",
                             description="Reads the commits reachable from HEAD of each REPO with the git command.")
    git.add_argument("repos", nargs="*", metavar="REPO", help="git work trees to read (default: the current folder)")
    git.add_argument("--author", metavar="EMAIL", help="only commits whose author email is EMAIL (case-insensitive, exact)")
    common(git)
    git.set_defaults(handler=cmd_from_git)

    csv_parser = sources.add_parser("from-csv", help="from the comments of a ticketing tool's CSV export (Jira, ServiceNow…)",
                                    description=f"Columns read by header: {', '.join(COLUMNS)}; 'resolved' and 'comment' are required.")
    csv_parser.add_argument("file", metavar="FILE", help="the CSV export (UTF-8; Windows-1252 is read too)")
    csv_parser.add_argument("--column", action="append", type=column_mapping, metavar="NAME=HEADER",
                            help="read column NAME from the column headed HEADER, e.g. --column key='Issue key'; repeatable")
    csv_parser.add_argument("--assignee", metavar="EMAIL", help="only tickets whose assignee_email is EMAIL")
    csv_parser.add_argument("--link-template", metavar="URL", help="the evidence link of a ticket without url, e.g. https://jira.example/browse/{key}")
    csv_parser.add_argument("--date-format", action="append", metavar="FORMAT", help="a strptime format of the resolved column, tried first; repeatable")
    common(csv_parser)
    csv_parser.set_defaults(handler=cmd_from_csv)
