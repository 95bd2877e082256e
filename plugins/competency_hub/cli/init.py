"""`competency-hub init DIR`: write a minimal hub of one's own (settings, one commented example of each content file, CI)."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import __version__, packaged
from ..diagnostics import did_you_mean
from .new import TEMPLATES, challenge_scaffold, map_scaffold, story_scaffold

PRIMARY_COLOURS = (
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green",
    "light-green", "lime", "yellow", "amber", "orange", "deep-orange", "brown", "grey", "blue-grey", "black", "white",
)
"""Material for MkDocs' named primary colours (`theme.palette.primary`); any other colour is `custom` and CSS."""
ACCENT_COLOURS = (
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green",
    "light-green", "lime", "yellow", "amber", "orange", "deep-orange",
)
"""Material's named accent colours: the primary ones without the greys, black and white."""
DEFAULT_PRIMARY, DEFAULT_ACCENT = "indigo", "deep-orange"
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp")
"""Image files a browser shows as a logo and a favicon."""

EXAMPLE_MAP, EXAMPLE_CHALLENGE, EXAMPLE_STORY = "example", "example-challenge", "example-story"
"""The ids of the commented examples; the challenge and story point at the map's first capability, level and evidence."""

RENDERED = {  # packaged file under scaffold/hub/ → where it goes in the new hub; Jinja templates
    "mkdocs.yml": "mkdocs.yml",
    "home-intro.md": "home-intro.md",
    "README.md": "README.md",
    "requirements.txt": "requirements.txt",
    "authors.yml": "stories/authors.yml",
}
COPIED = {  # copied as they are (the workflow holds GitHub's own `${{ }}` expressions)
    "hub.yml": ".github/workflows/hub.yml",
    "pull_request_template.md": ".github/pull_request_template.md",
    "gitignore": ".gitignore",
    "Makefile": "Makefile",
    "patterns.yml": "stories/patterns.yml",
    "contributing.md": "docs/contributing.md",
}


class InitError(ValueError):
    """An option or a folder `init` refuses, before it writes anything."""


@dataclass(frozen=True)
class Branding:
    """What makes the hub the organisation's: its name, Material's named colours, and a logo file."""

    name: str
    primary: str = DEFAULT_PRIMARY
    accent: str = DEFAULT_ACCENT
    logo: Path | None = None


def colour(value: str, option: str, known: tuple[str, ...]) -> str:
    """A named colour as Material spells it ('Deep Orange' → 'deep-orange'), or InitError with a hint."""
    name = "-".join(value.strip().lower().split())
    if name in known:
        return name
    hint = did_you_mean(name, known)
    raise InitError(f"{option} '{value}' is not one of Material's colours" + (f" ({hint})" if hint else f" ({', '.join(known)})"))


def check_logo(path: Path) -> Path:
    """The logo file, if it is a regular file with an image suffix."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        raise InitError(f"{path}: {exc.strerror or exc}") from None
    if not stat.S_ISREG(mode):
        raise InitError(f"{path}: not a regular file; give the logo's image file")
    if path.suffix.lower() not in LOGO_SUFFIXES:
        raise InitError(f"{path}: a logo is an image file ({', '.join(LOGO_SUFFIXES)})")
    return path


def hub_files(root: Path, branding: Branding) -> dict[str, str]:
    """Every text file of the new hub at `root`: relative path → content."""
    logo = f"assets/{branding.logo.name}" if branding.logo else None
    values = {
        "site_name": branding.name,
        "site_name_yaml": json.dumps(branding.name, ensure_ascii=False),  # quoted: a name may hold ': ' or ' #'
        "primary": branding.primary,
        "accent": branding.accent,
        "logo": logo,
        "version": __version__,
    }
    files: dict[str, str] = {}
    for source, target in RENDERED.items():
        files[target] = TEMPLATES.get_template(f"hub/{source}").render(values)
    for source, target in COPIED.items():
        files[target] = (packaged.HUB_SCAFFOLD / source).read_text(encoding="utf-8")
    files[f"maps/{EXAMPLE_MAP}.yml"] = map_scaffold(EXAMPLE_MAP, "Example map")
    files[f"challenges/{EXAMPLE_CHALLENGE}.md"] = challenge_scaffold(
        EXAMPLE_CHALLENGE, "Example challenge", capability=f"{EXAMPLE_MAP}/first-capability", level="assisted", evidence="work-record"
    )
    story = f"stories/{EXAMPLE_STORY}.md"
    files[story] = story_scaffold(
        root / story, root, "Example story", author="your-author-id", capability=f"{EXAMPLE_MAP}/first-capability", level="assisted"
    )
    return files


def write_hub(root: Path, branding: Branding, *, force: bool) -> list[Path]:
    """Writes the hub into `root` (new or empty, unless `force`) and returns the files written."""
    if root.exists() and not root.is_dir():
        raise InitError(f"{root}: not a folder")
    if root.is_dir() and any(root.iterdir()) and not force:
        raise InitError(f"{root} is not empty; choose a new or empty folder (or --force to write into it, replacing files)")
    files = hub_files(root, branding)
    written = []
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    if branding.logo:
        path = root / "docs" / "assets" / branding.logo.name
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(branding.logo, path)
        written.append(path)
    return written


def cmd_init(args: argparse.Namespace) -> int:
    root = Path(args.dir)
    try:
        branding = Branding(
            name=args.name or root.resolve().name,
            primary=colour(args.primary, "--primary", PRIMARY_COLOURS),
            accent=colour(args.accent, "--accent", ACCENT_COLOURS),
            logo=check_logo(Path(args.logo)) if args.logo else None,
        )
        if not branding.name.strip():
            raise InitError("--name is empty; give the hub's name, e.g. --name \"Acme Learning Hub\"")
        written = write_hub(root, branding, force=args.force)
    except InitError as exc:
        print(f"competency-hub: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"competency-hub: {exc.filename or root}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    where = os.path.relpath(root)
    print(
        f"wrote a new hub '{branding.name}' in {where}; next: cd {where} && make validate (lists the examples' "
        "placeholders to replace), then make serve",
        file=sys.stderr,
    )
    return 0


def add_init_command(commands: argparse._SubParsersAction) -> None:
    init = commands.add_parser(
        "init",
        help="start a hub of your own: settings, one commented example of each content file, CI and PR template",
        description="Write a minimal hub into DIR: mkdocs.yml, home-intro.md (the home page's introduction), docs/contributing.md, maps/, challenges/ "
        "and stories/ with one commented example each, the CI workflow, a pull-request template, .gitignore, "
        "a Makefile and a README. The examples' placeholders are reported until replaced.",
    )
    init.add_argument("dir", metavar="DIR", help="a new or empty folder")
    init.add_argument("--name", help="the hub's name, shown on every page (default: the folder's name)")
    init.add_argument("--primary", default=DEFAULT_PRIMARY, metavar="COLOUR", help=f"Material's primary colour (default {DEFAULT_PRIMARY})")
    init.add_argument("--accent", default=DEFAULT_ACCENT, metavar="COLOUR", help=f"Material's accent colour (default {DEFAULT_ACCENT})")
    init.add_argument("--logo", metavar="FILE", help="an image file, copied to docs/assets/ and used as logo and favicon")
    init.add_argument("--force", action="store_true", help="write into a folder that is not empty, replacing files of the same name")
    init.set_defaults(handler=cmd_init)
