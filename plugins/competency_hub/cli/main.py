"""`competency-hub`: validate content, write JSON Schemas, start new files, export and import maps, write a sample hub."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from .. import __version__
from ..codes import BY_CODE, diagnostics_reference, explain, lookup
from ..clock import ClockError
from ..diagnostics import Diagnostic, Diagnostics, Severity, code_counts, did_you_mean, summary
from ..formats import as_json, as_sarif, help_uri
from ..reference import content_model_reference
from .sample import generate_sample
from ..schema import schema_files
from ..validate.governance import FINDING_KINDS, governance_findings
from ..links import Manifest, broken_promises, scan_site
from ..mkdocs.config import HubPluginConfig
from ..mkdocs.speakup import read_feedback
from .settings import PLUGIN_NAME, Settings, SettingsError, find_root, load_settings
from ..pipeline import check_hub as run_checks


def option_errors(problems: list[tuple[str, str]]) -> Diagnostics:
    """The plugin options MkDocs refuses (SettingsError.problems), as diagnostics on mkdocs.yml."""
    diagnostics = Diagnostics()
    for name, problem in problems:
        diagnostics.error("mkdocs.yml", 1, 1, f"plugin '{PLUGIN_NAME}', option '{name}': {problem}", code="HUB901")
    return diagnostics


def option_diagnostics(settings: Settings) -> Diagnostics:
    """What MkDocs warns about the plugin options in mkdocs.yml, e.g. a misspelt option name.

    Options MkDocs refuses never get here: `load_settings` raises SettingsError, as the build stops
    (`option_errors` lists them).
    """
    diagnostics = Diagnostics()
    for name, problem in settings.warnings:
        hint = did_you_mean(name, [known for known, _ in HubPluginConfig._schema])
        diagnostics.warning("mkdocs.yml", 1, 1, f"plugin '{PLUGIN_NAME}', option '{name}': {problem}", hint, code="HUB902")
    diagnostics.extend(read_feedback(settings.options.feedback, settings.config_file, settings.site.root)[1])
    return diagnostics


def check_hub(root: Path, settings: Settings | None = None) -> Diagnostics:
    """Everything `mkdocs build` would report about the content of the hub at `root`."""
    settings = settings or load_settings(root)
    return run_checks(
        settings.hub_options(),
        settings.governance_policy(),
        site_folders=settings.site_folders(),
        docs_dir=settings.site.docs_dir,
    ).diagnostics


def repository_prefix(root: Path) -> str:
    """The hub folder relative to its Git work tree ('' at the top), so annotations land on the right file."""
    for folder in [root, *root.parents]:
        if (folder / ".git").exists():
            prefix = root.relative_to(folder).as_posix()
            return "" if prefix == "." else prefix + "/"
    return ""


def _show(shown: list[Diagnostic], args: argparse.Namespace, root: Path, page: str | None) -> None:
    """Prints diagnostics in the `--format` chosen."""
    prefix = repository_prefix(root) if args.format in ("github", "sarif") else ""
    if args.format == "json":
        print(json.dumps(as_json(shown), indent=2, ensure_ascii=False))
    elif args.format == "sarif":
        print(json.dumps(as_sarif(shown, prefix=prefix, page=page), indent=2, ensure_ascii=False))
    for diagnostic in shown if args.format in ("text", "github") else []:
        if args.format == "github":
            print(dataclasses.replace(diagnostic, path=prefix + diagnostic.path).format_github())
        else:
            print(diagnostic.format_text())


def cmd_validate(args: argparse.Namespace) -> int:
    target = Path(args.path)
    if not target.exists():
        print(f"competency-hub: {target}: no such file or folder", file=sys.stderr)
        return 2
    root = find_root(target)
    wanted = target.resolve().relative_to(root).as_posix() if target.is_file() else None
    try:
        settings = load_settings(root)
    except SettingsError as exc:  # the build stops here too: list the options, then stop (exit status 2)
        refused = [d for d in option_errors(exc.problems).sorted() if wanted is None or d.path == wanted]
        if refused:
            _show(refused, args, root, None)
        raise
    diagnostics = option_diagnostics(settings)
    diagnostics.extend(check_hub(root, settings))
    shown = diagnostics.sorted()
    if wanted is not None:
        shown = [d for d in shown if d.path == wanted]
    _show(shown, args, root, help_uri(settings.site.site_url, settings.site.docs_dir))
    errors = sum(1 for d in shown if d.severity == "error")
    warnings = sum(1 for d in shown if d.severity == "warning")
    notes = [d for d in shown if d.severity == "note"]
    if errors or warnings:
        print(summary(shown), file=sys.stderr)
    else:
        print("no problems found" + (f"; {len(notes)} note(s) for the owners: {code_counts(notes)}" if notes else ""), file=sys.stderr)
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


def cmd_explain(args: argparse.Namespace) -> int:
    if args.code is None:
        sys.stdout.write(diagnostics_reference())
        return 0
    entry = lookup(args.code.upper())
    if entry is None:
        hint = did_you_mean(args.code.upper(), BY_CODE)
        print(f"competency-hub: no diagnostic code '{args.code}'" + (f" ({hint})" if hint else ""), file=sys.stderr)
        return 2
    sys.stdout.write(explain(entry))
    return 0


REPORT_HEADINGS = {
    "overdue-review": "Maps past their review date",
    "no-owners": "Maps without owners",
    "retired-referenced": "Retired items still referenced",
    "stale-challenge": "Stale challenges",
}


def cmd_report(args: argparse.Namespace) -> int:
    target = Path(args.path)
    if not target.is_dir():
        print(f"competency-hub: {target}: no such folder", file=sys.stderr)
        return 2
    root = find_root(target)
    settings = load_settings(root)
    policy = settings.governance_policy(on=args.today)
    # Findings are the report itself, not diagnostics; only the content's own errors are counted.
    checked = run_checks(settings.hub_options(), policy, governance=False)
    hub, diagnostics = checked.hub, checked.diagnostics
    findings = governance_findings(checked.index, policy)
    maps = sorted(hub.maps.values(), key=lambda entry: entry.model.id)
    if args.format == "json":
        data = {
            "today": policy.today.isoformat(),
            "maps": [
                {
                    "id": entry.model.id,
                    "path": entry.source.path,
                    "status": entry.model.status,
                    "owners": [owner.name for owner in entry.model.owners],
                    "review_date": entry.model.review_date.isoformat(),
                }
                for entry in maps
            ],
            "findings": [dataclasses.asdict(finding) for finding in findings],
            "content_errors": len(diagnostics.errors),
        }
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(f"Governance report, {policy.today.isoformat()}")
        print()
        print("Maps:")
        for entry in maps:
            owners = ", ".join(owner.name for owner in entry.model.owners) or "no owner"
            print(f"  {entry.model.id} ({entry.model.status}): next review {entry.model.review_date.isoformat()}; {owners}")
        for kind in FINDING_KINDS:
            of_kind = [finding for finding in findings if finding.kind == kind]
            print()
            print(f"{REPORT_HEADINGS[kind]} ({len(of_kind)}):" if of_kind else f"{REPORT_HEADINGS[kind]}: none")
            for finding in of_kind:
                print(f"  {finding.format_text()}")
    if diagnostics.errors:
        print(
            f"the content has {len(diagnostics.errors)} error(s), so some files are left out of this report; "
            "`competency-hub validate` lists them",
            file=sys.stderr,
        )
    failing = [f for f in findings if args.strict or policy.severity(f.kind) is Severity.ERROR]
    print(f"{len(findings)} finding(s)" if findings else "no findings", file=sys.stderr)
    return 1 if failing else 0


def cmd_check_links(args: argparse.Namespace) -> int:
    previous_file, site = Path(args.previous), Path(args.site)
    if not site.is_dir():
        print(f"competency-hub: {site}: no such folder (give the folder of the new build)", file=sys.stderr)
        return 2
    try:
        previous = Manifest.from_json(previous_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"competency-hub: {previous_file}: {exc}", file=sys.stderr)
        return 2
    problems = broken_promises(previous, scan_site(site), args.ignore)
    for problem in problems:
        print(problem)
    checked = len(previous.urls) + sum(len(entry.anchors) for entry in previous.urls.values())
    if problems:
        print(
            f"{len(problems)} of {checked} URLs and anchors of {previous_file} no longer resolve in {site}; "
            "retire or rename items instead of deleting them (docs/reference/urls.md)",
            file=sys.stderr,
        )
        return 1
    print(f"all {checked} URLs and anchors of {previous_file} still resolve in {site}", file=sys.stderr)
    return 0


def cmd_generate_sample(args: argparse.Namespace) -> int:
    out = Path(args.out_dir)
    if out.exists() and any(out.iterdir()) and not args.force:
        print(f"competency-hub: {out} is not empty; choose an empty folder (or --force to write into it)", file=sys.stderr)
        return 2
    try:
        shape = generate_sample(out, args.capabilities, args.challenges, args.stories, args.maps, args.seed)
    except ValueError as exc:
        print(f"competency-hub: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote a hub of {shape.maps} map(s), {shape.capabilities} capabilities, {shape.challenges} challenges, "
        f"{shape.paths} path(s) and {shape.stories} stories in {out}; build it with: cd {out} && mkdocs build",
        file=sys.stderr,
    )
    return 0


def add_generate_sample_command(commands: argparse._SubParsersAction) -> None:
    sample = commands.add_parser(
        "generate-sample",
        help="write a valid synthetic hub of any size, to try the tool at your scale",
        description="Write mkdocs.yml, maps, challenges and stories of a synthetic hub into OUT_DIR. "
        "The same options and seed give the same files.",
    )
    sample.add_argument("out_dir", metavar="OUT_DIR", help="an empty (or new) folder")
    sample.add_argument("--capabilities", type=int, default=100, metavar="N", help="capabilities in all, spread over the maps (default 100)")
    sample.add_argument("--challenges", type=int, default=300, metavar="M", help="challenges in all (default 300)")
    sample.add_argument("--stories", type=int, default=1000, metavar="K", help="case stories (default 1000; 0 for no story library)")
    sample.add_argument("--maps", type=int, metavar="X", help="maps sharing the capabilities (default: one per 25 capabilities)")
    sample.add_argument("--seed", type=int, default=1, help="seed of the generated wording (default 1)")
    sample.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    sample.set_defaults(handler=cmd_generate_sample)


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
        description="Check every map, challenge and story of the hub, as `mkdocs build` does. "
        "Exit status 1 when there is an error (or a warning, with --strict).",
    )
    validate.add_argument("path", nargs="?", default=".", help="the hub folder, or one file to report on (default: .)")
    validate.add_argument(
        "--format",
        choices=("text", "github", "json", "sarif"),
        default="text",
        help="github: workflow commands that annotate PR lines; json: for scripts; sarif: SARIF 2.1.0 for code scanning",
    )
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.set_defaults(handler=cmd_validate)

    explain_command = commands.add_parser(
        "explain",
        help="explain a diagnostic code (e.g. HUB303), or print the reference page of all codes",
        description="With a code: what it means, an example, the message and the fix. Without: the Markdown "
        "of docs/reference/diagnostics.md.",
    )
    explain_command.add_argument("code", nargs="?", metavar="CODE", help="a code such as HUB303")
    explain_command.set_defaults(handler=cmd_explain)

    schema = commands.add_parser("schema", help="print, write or check the JSON Schemas of the content files")
    group = schema.add_mutually_exclusive_group()
    group.add_argument("--write", metavar="DIR", help="write <kind>.schema.json files into DIR")
    group.add_argument("--check", metavar="DIR", help="exit 1 if the files in DIR differ from the models")
    group.add_argument("--reference", action="store_true", help="print the content-model reference page (Markdown)")
    schema.set_defaults(handler=cmd_schema)

    report = commands.add_parser(
        "report",
        help="list maps past their review date or without owners, retired items still referenced, stale challenges",
        description="The governance report of the hub. Exit status 1 when a finding is of a kind the "
        "'governance: fail_on' option makes an error (or any finding, with --strict).",
    )
    report.add_argument("path", nargs="?", default=".", help="the hub folder (default: .)")
    report.add_argument("--today", metavar="YYYY-MM-DD", help="judge review dates on this day (default: $COMPETENCY_HUB_TODAY, else today)")
    report.add_argument("--format", choices=("text", "json"), default="text", help="json: for dashboards and scripts")
    report.add_argument("--strict", action="store_true", help="fail on any finding")
    report.set_defaults(handler=cmd_report)

    check_links = commands.add_parser(
        "check-links",
        help="fail if a URL or anchor of a previous build no longer resolves in a new one",
        description="Compare the urls.json of a previous build with the site folder of a new build. Every URL "
        "and anchor that existed before must still resolve: directly, through a redirect, or on a tombstone.",
    )
    check_links.add_argument("--previous", required=True, metavar="OLD/urls.json", help="the manifest of the previous (published) build")
    check_links.add_argument("site", metavar="SITE", help="the folder of the new build")
    check_links.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="PATTERN",
        help="a URL or URL#anchor pattern (* and ? wildcards) removed on purpose; repeatable",
    )
    check_links.set_defaults(handler=cmd_check_links)

    from .new import add_new_command

    add_new_command(commands)

    from .init import add_init_command

    add_init_command(commands)

    from .exchange import add_commands as add_export_commands

    add_export_commands(commands)

    add_generate_sample_command(commands)

    from .clr import add_clr_command

    add_clr_command(commands)

    from .evidence import add_evidence_command

    add_evidence_command(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except (SettingsError, ClockError) as exc:
        print(f"competency-hub: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
