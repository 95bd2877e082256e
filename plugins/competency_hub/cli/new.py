"""`competency-hub new …`: start a content file from a commented template that validates."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import sys
from pathlib import Path

import jinja2

from .. import packaged
from ..clock import today
from ..model.common import SLUG_PATTERN, slugify
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


def story_scaffold(path: Path, root: Path, title: str, *, author: str | None, capability: str | None, level: str | None) -> str:
    """A commented story file, to be written at `path` in the hub at `root`."""
    schema = Path(os.path.relpath(root / "schemas" / "story.schema.json", path.parent)).as_posix()
    return TEMPLATES.get_template("story.md").render(
        title=json.dumps(title, ensure_ascii=False),  # quoted: a title may hold ': ' or ' #'
        date=today().isoformat(),
        author=author or "your-author-id",
        capability=capability or "map-id/capability-id",
        level=level or "level-id",
        schema=schema,
        path=path.relative_to(root).as_posix(),
    )


def pilot_scaffold(path: Path, root: Path, item_id: str, title: str, *, manager: str | None, capability: str | None) -> str:
    """A commented pilot file, to be written at `path` in the hub at `root`; it starts four weeks from today."""
    schema = Path(os.path.relpath(root / "schemas" / "pilot.schema.json", path.parent)).as_posix()
    start = today() + datetime.timedelta(days=28)
    return TEMPLATES.get_template("pilot.yml").render(
        id=item_id,
        title=json.dumps(title, ensure_ascii=False),
        manager=manager or "your-author-id",
        capability=capability or "map-id/capability-id",
        start=start.isoformat(),
        end=(start + datetime.timedelta(days=91)).isoformat(),
        schema=schema,
        path=path.relative_to(root).as_posix(),
    )


def community_scaffold(path: Path, root: Path, item_id: str, title: str, *, host: str | None, capability: str | None) -> str:
    """A commented community file with one weekly ritual starting a week from today, to be written at `path`."""
    from ..model.recurrence import WEEKDAYS

    start = today() + datetime.timedelta(days=7)
    schema = Path(os.path.relpath(root / "schemas" / "community.schema.json", path.parent)).as_posix()
    return TEMPLATES.get_template("community.yml").render(
        id=item_id,
        title=json.dumps(title, ensure_ascii=False),
        host=host or "your-author-id",
        capability=capability or "map-id/capability-id",
        start=start.isoformat(),
        weekday=WEEKDAYS[start.weekday()],
        schema=schema,
        path=path.relative_to(root).as_posix(),
    )


def job_aid_scaffold(path: Path, root: Path, title: str, *, capability: str | None) -> str:
    """A commented job aid, to be written at `path` in the hub at `root`."""
    schema = Path(os.path.relpath(root / "schemas" / "job-aid.schema.json", path.parent)).as_posix()
    return TEMPLATES.get_template("job-aid.md").render(
        title=json.dumps(title, ensure_ascii=False),
        capability=capability or "map-id/capability-id",
        schema=schema,
        path=path.relative_to(root).as_posix(),
    )


def cmd_new(args: argparse.Namespace) -> int:
    root = find_root(Path(args.root))
    options = hub_options(root)
    item_id = args.id or slugify(args.title)
    if not re.match(SLUG_PATTERN, item_id):
        print(f"competency-hub: '{item_id}' is not a valid id (lowercase letters, digits, hyphens)", file=sys.stderr)
        return 2
    if args.kind == "story":
        return _new_story(root, options.stories_dir, item_id, args)
    if args.kind == "pilot":
        path = root / options.pilots_dir / f"{item_id}.yml"
        content = pilot_scaffold(path, root, item_id, args.title, manager=args.author, capability=args.capability)
        return write_file(path, content, args.force)
    if args.kind == "community":
        from ..load.communities import RESERVED_IDS

        if item_id in RESERVED_IDS:
            print(f"competency-hub: '{item_id}' is reserved for a page of /communities/; give another --id", file=sys.stderr)
            return 2
        path = root / options.communities_dir / f"{item_id}.yml"
        content = community_scaffold(path, root, item_id, args.title, host=args.author, capability=args.capability)
        return write_file(path, content, args.force)
    if args.kind == "job-aid":
        from ..load.job_aids import RESERVED_IDS

        if item_id in RESERVED_IDS:
            print(f"competency-hub: '{item_id}' is reserved for the list of job aids; give another --id", file=sys.stderr)
            return 2
        path = root / options.job_aids_dir / f"{item_id}.md"
        return write_file(path, job_aid_scaffold(path, root, args.title, capability=args.capability), args.force)
    if args.kind == "map":
        return write_file(root / options.maps_dir / f"{item_id}.yml", map_scaffold(item_id, args.title), args.force)
    content = challenge_scaffold(item_id, args.title, capability=args.capability, level=args.level, evidence=args.evidence)
    return write_file(root / options.challenges_dir / f"{item_id}.md", content, args.force)


def _new_story(root: Path, stories_dir: str, slug: str, args: argparse.Namespace) -> int:
    """A story file with every field explained; the slug (file name) is its address /stories/<slug>/."""
    from ..load.stories import RESERVED_SLUGS

    if slug in RESERVED_SLUGS:
        print(f"competency-hub: '{slug}' is reserved for a page of the story library; give another --id", file=sys.stderr)
        return 2
    path = root / stories_dir / f"{slug}.md"
    content = story_scaffold(path, root, args.title, author=args.author, capability=args.capability, level=args.level)
    return write_file(path, content, args.force)


def add_new_command(commands: argparse._SubParsersAction) -> None:
    new = commands.add_parser(
        "new",
        help="start a new map, challenge, story, pilot, community or job aid from a commented template",
        description="Write a new content file with every field explained; edit it, then run `competency-hub validate`.",
    )
    new.add_argument("kind", choices=("map", "challenge", "story", "pilot", "community", "job-aid"))
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
