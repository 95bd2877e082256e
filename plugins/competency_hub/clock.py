"""The tool's one clock: which day "today" is, and which moment each map last changed.

Every command and the build ask this module, never `datetime.date.today()` directly, so that
`new story`, `validate`, `import`, `report` and the build always agree on the day.

**Today** (what review dates, stale challenges and story dates are judged against; what `new` and
`import` write): `--today` where a command has it, else `$COMPETENCY_HUB_TODAY` (YYYY-MM-DD), else
the local date. It decides only diagnostics and the dates written into new files, never what a
built page says, so a build's pages are a function of the commit.

**When a map last changed** (`lastChangeDateTime` of the exports), in order of preference:
1. `SOURCE_DATE_EPOCH` (the reproducible-builds convention), for every map;
2. the time of the last Git commit that changed the map file, when the file is committed and
   unmodified (in a shallow clone, history is cut, so this is the oldest commit fetched);
3. the file's modification time (uncommitted work, or a hub that is not in Git).
Never the clock of the build.

**The build date** MkDocs stamps on every page (`lastmod` in sitemap.xml, the gzip header of
sitemap.xml.gz): `SOURCE_DATE_EPOCH` when set (MkDocs reads it), else the date of the commit
being built, else (no Git) the date of the build.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the clock is read by loaders and validators; it imports none of them
    from .diagnostics import Diagnostics
    from .load import Hub

TODAY_VARIABLE = "COMPETENCY_HUB_TODAY"
"""Environment variable (YYYY-MM-DD) that sets "today" for every command and the build."""


class ClockError(ValueError):
    """`--today` or $COMPETENCY_HUB_TODAY is not a date (reported without a traceback)."""


def today(value: str | None = None) -> datetime.date:
    """`value` (a command's `--today`), else $COMPETENCY_HUB_TODAY, else the local date."""
    value = value or os.environ.get(TODAY_VARIABLE)
    if value:
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError as exc:
            raise ClockError(f"'{value}' is not a date written YYYY-MM-DD (from {TODAY_VARIABLE} or --today)") from exc
    return datetime.date.today()


def rfc3339(timestamp: float) -> str:
    """'2026-11-26T13:33:13Z': UTC, whole seconds, with its time zone."""
    moment = datetime.datetime.fromtimestamp(int(timestamp), tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")



def _git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "--no-optional-locks", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _git_times(root: Path, files: list[Path]) -> dict[Path, int]:
    """Commit time of the last change of each committed, unmodified file; one `git log` for all."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if not top or not files:
        return {}
    toplevel = Path(top.strip()).resolve()
    relative: dict[str, Path] = {}
    for path in files:
        try:
            relative[path.resolve().relative_to(toplevel).as_posix()] = path
        except ValueError:
            continue
    if not relative:
        return {}
    pathspecs = [f":(top,literal){rel}" for rel in sorted(relative)]
    status = _git(root, "status", "--porcelain", "-z", "--untracked-files=all", "--", *pathspecs)
    if status is None:
        return {}
    changed = {entry[3:] for entry in status.split("\0") if len(entry) > 3}
    log = _git(root, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", *pathspecs)
    if log is None:
        return {}
    times: dict[Path, int] = {}
    for record in log.split("\0")[1:]:
        lines = record.split("\n")
        try:
            when = int(lines[0].strip())
        except ValueError:
            continue
        for name in lines[1:]:
            if name in relative and name not in changed and relative[name] not in times:
                times[relative[name]] = when
    return times


def commit_date(root: Path) -> str | None:
    """The UTC date (YYYY-MM-DD) of the commit checked out at `root`, or None outside Git.

    It dates the pages of a build unless SOURCE_DATE_EPOCH is set, so that the same commit builds
    the same sitemap on any day (uncommitted changes are dated with the commit they start from).
    """
    if os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        return None
    out = _git(root, "log", "-1", "--format=%ct", "HEAD")
    try:
        return rfc3339(int(out.strip()))[:10] if out else None
    except ValueError:
        return None


def build_moment(root: Path) -> datetime.datetime:
    """The moment a build is dated with (UTC, whole seconds): `SOURCE_DATE_EPOCH` when set, else the time
    of the commit checked out at `root`, else (no Git) the start of today (UTC). Everything a page or feed
    says about "upcoming" or "next" counts from it (the communities' rituals and the DTSTAMP of their
    calendar feeds, the standup feeds' scheduled days), so that one commit builds the same files on any day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds: int | None = None
    if epoch:
        try:
            seconds = int(epoch) if int(epoch) >= 0 else None
        except (ValueError, OverflowError, OSError):
            seconds = None  # reported as HUB903 by last_changes
    if seconds is None:
        out = _git(root, "log", "-1", "--format=%ct", "HEAD")
        try:
            seconds = int(out.strip()) if out else None
        except ValueError:
            seconds = None
    if seconds is not None:
        try:
            return datetime.datetime.fromtimestamp(seconds, tz=datetime.timezone.utc)
        except (ValueError, OverflowError, OSError):
            pass  # a year past 9999: dated like a build outside Git
    day = datetime.datetime.now(datetime.timezone.utc).date()  # no Git: the day of the build, at midnight
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc)


def last_changes(hub: "Hub", diagnostics: "Diagnostics") -> dict[str, str]:
    """Map id → its `lastChangeDateTime` (RFC 3339, UTC)."""
    paths = {map_id: hub.options.root / entry.source.path for map_id, entry in hub.maps.items()}
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            value = int(epoch)
            if value < 0:
                raise ValueError
            return {map_id: rfc3339(value) for map_id in paths}
        except (ValueError, OverflowError):
            diagnostics.warning(
                "SOURCE_DATE_EPOCH",
                1,
                1,
                f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds since 1970; it is ignored",
                code="HUB903",
            )
    committed = _git_times(hub.options.root, sorted(paths.values()))
    result: dict[str, str] = {}
    for map_id, path in paths.items():
        if path in committed:
            result[map_id] = rfc3339(committed[path])
        else:
            try:
                result[map_id] = rfc3339(path.stat().st_mtime)
            except OSError:
                result[map_id] = rfc3339(0)
    return result


def committed_text_on(root: Path, path: Path, day: datetime.date) -> str | None:
    """The text of `path` as of the last commit on or before the end of `day` (UTC), or None when
    the hub is not in Git or no such commit holds the file (it was added later, or history is shallow).

    Pilots compare their metrics with this version: what was published by the start date is the promise.
    """
    top = _git(root, "rev-parse", "--show-toplevel")
    if not top:
        return None
    try:
        rel = path.resolve().relative_to(Path(top.strip()).resolve()).as_posix()
    except ValueError:
        return None
    commit = _git(root, "log", "-1", "--format=%H", f"--until={day.isoformat()}T23:59:59Z", "--", f":(top,literal){rel}")
    if not commit or not commit.strip():
        return None
    return _git(root, "show", f"{commit.strip()}:{rel}")
