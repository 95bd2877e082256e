"""`competency-hub new …`: start a content file from a commented template that validates."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2

from .. import packaged
from ..clock import today
from ..load.communities import RESERVED_IDS as COMMUNITY_IDS
from ..load.job_aids import RESERVED_IDS as JOB_AID_IDS
from ..load.stories import RESERVED_SLUGS
from ..model.common import SLUG_PATTERN, slugify
from ..model.recurrence import WEEKDAYS
from ..placeholders import MARK, comment
from .settings import find_root, hub_options

TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(packaged.SCAFFOLDS),
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
# Placeholders are written with the same mark the validator looks for (see placeholders.py).
TEMPLATES.globals.update(todo=MARK, todo_comment=comment("").rstrip())


def write_file(path: Path, content: str, force: bool) -> int:
    """Writes a new file and prints its path; an existing file is kept (exit status 1) unless `force`."""
    if path.exists() and not force:
        print(f"competency-hub: {path} exists; not overwritten (use --force)", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")
    print(path)
    return 0


def map_scaffold(item_id: str, title: str) -> str:
    """A commented map file whose texts are placeholders; its review date is six months from today."""
    review = today() + datetime.timedelta(days=182)
    return TEMPLATES.get_template("map.yml").render(id=item_id, title=title, review_date=review.isoformat())


def challenge_scaffold(item_id: str, title: str, *, capability: str | None, level: str | None, evidence: str | None) -> str:
    """A commented challenge file whose texts are placeholders."""
    return TEMPLATES.get_template("challenge.md").render(
        id=item_id,
        title=title,
        capability=capability or "map-id/capability-id",
        level=level or "level-id",
        evidence=evidence or "evidence-id",
    )


def _scaffold(template: str, path: Path, root: Path, title: str, capability: str | None, **fields: str) -> str:
    """A commented content file to be written at `path` in the hub at `root`: it links its schema relatively
    (editors check it as it is typed) and says how to validate it."""
    schema = Path(os.path.relpath(root / "schemas" / f"{Path(template).stem}.schema.json", path.parent)).as_posix()
    return TEMPLATES.get_template(template).render(
        title=json.dumps(title, ensure_ascii=False),  # quoted: a title may hold ': ' or ' #'
        capability=capability or "map-id/capability-id",
        schema=schema,
        path=path.relative_to(root).as_posix(),
        **fields,
    )


def story_scaffold(path: Path, root: Path, title: str, *, author: str | None, capability: str | None, level: str | None) -> str:
    """A commented story file, to be written at `path` in the hub at `root`."""
    return _scaffold(
        "story.md", path, root, title, capability, date=today().isoformat(), author=author or "your-author-id", level=level or "level-id"
    )


def pilot_scaffold(path: Path, root: Path, item_id: str, title: str, *, manager: str | None, capability: str | None) -> str:
    """A commented pilot file, to be written at `path` in the hub at `root`; it starts four weeks from today."""
    start = today() + datetime.timedelta(days=28)
    end = start + datetime.timedelta(days=91)
    return _scaffold(
        "pilot.yml", path, root, title, capability,
        id=item_id, manager=manager or "your-author-id", start=start.isoformat(), end=end.isoformat(),
    )


def community_scaffold(path: Path, root: Path, item_id: str, title: str, *, host: str | None, capability: str | None) -> str:
    """A commented community file with one weekly ritual starting a week from today, to be written at `path`."""
    start = today() + datetime.timedelta(days=7)
    return _scaffold(
        "community.yml", path, root, title, capability,
        id=item_id, host=host or "your-author-id", start=start.isoformat(), weekday=WEEKDAYS[start.weekday()],
    )


def job_aid_scaffold(path: Path, root: Path, title: str, *, capability: str | None) -> str:
    """A commented job aid, to be written at `path` in the hub at `root`."""
    return _scaffold("job-aid.md", path, root, title, capability)


@dataclass(frozen=True)
class Kind:
    """What `new <kind>` writes: a file named by the id in a content folder, from its scaffold."""

    folder: str
    """The HubOptions field naming the content folder, e.g. 'stories_dir'."""
    suffix: str
    scaffold: Callable[[Path, Path, str, argparse.Namespace], str]
    """(path, hub root, id, arguments) → the file's text."""
    reserved: frozenset[str] = frozenset()
    """Ids that would take the address of one of the kind's own pages."""
    reserved_for: str = ""
    """Whose address a reserved id is, for the message."""


KINDS: dict[str, Kind] = {
    "map": Kind("maps_dir", ".yml", lambda path, root, item_id, args: map_scaffold(item_id, args.title)),
    "challenge": Kind(
        "challenges_dir",
        ".md",
        lambda path, root, item_id, args: challenge_scaffold(
            item_id, args.title, capability=args.capability, level=args.level, evidence=args.evidence
        ),
    ),
    "story": Kind(
        "stories_dir",
        ".md",
        lambda path, root, item_id, args: story_scaffold(
            path, root, args.title, author=args.author, capability=args.capability, level=args.level
        ),
        RESERVED_SLUGS,
        "a page of the story library",
    ),
    "pilot": Kind(
        "pilots_dir",
        ".yml",
        lambda path, root, item_id, args: pilot_scaffold(path, root, item_id, args.title, manager=args.author, capability=args.capability),
    ),
    "community": Kind(
        "communities_dir",
        ".yml",
        lambda path, root, item_id, args: community_scaffold(path, root, item_id, args.title, host=args.author, capability=args.capability),
        COMMUNITY_IDS,
        "a page of /communities/",
    ),
    "job-aid": Kind(
        "job_aids_dir",
        ".md",
        lambda path, root, item_id, args: job_aid_scaffold(path, root, args.title, capability=args.capability),
        JOB_AID_IDS,
        "the list of job aids",
    ),
}
"""Every kind `new` writes; for a story the id is its slug, the file name that is its address /stories/<slug>/."""


def cmd_new(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root))
    options = hub_options(root)
    item_id = args.id or slugify(args.title)
    if not re.match(SLUG_PATTERN, item_id):
        print(f"competency-hub: '{item_id}' is not a valid id (lowercase letters, digits, hyphens)", file=sys.stderr)
        return 2
    kind = KINDS[args.kind]
    if item_id in kind.reserved:
        print(f"competency-hub: '{item_id}' is reserved for {kind.reserved_for}; give another --id", file=sys.stderr)
        return 2
    path = root / getattr(options, kind.folder) / f"{item_id}{kind.suffix}"
    return write_file(path, kind.scaffold(path, root, item_id, args), args.force)


def add_new_command(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new",
        help="start a new map, challenge, story, pilot, community or job aid from a commented template",
        description="Write a new content file with every field explained; edit it, then run `competency-hub validate`.",
    )
    new.add_argument("kind", choices=tuple(KINDS))
    new.add_argument("title", help='the title, in quotes, e.g. "Handle a refund request"')
    new.add_argument("--id", help="the id (default: made from the title)")
    new.add_argument("--capability", help="challenge, story, pilot, community or job aid: the capability, as map-id/capability-id")
    new.add_argument("--level", help="challenge or story: the level id")
    new.add_argument(
        "--author", help="story: your author id in stories/authors.yml; pilot: the invested manager's; community: the host's"
    )
    new.add_argument("--evidence", help="challenge: the evidence id it produces")
    new.add_argument("--root", default=".", help="a folder inside the hub (default: .); the hub is found upwards from it")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")
    new.set_defaults(handler=cmd_new)
