"""What both importers share: unique ids, placeholders, the commented YAML writer, and the final check.

An import never guesses silently. What the source lacks but a map requires becomes a placeholder
that starts with `TODO:` (placeholders.py, the convention `competency-hub new` follows too), and a
value the import had to choose (the review date) gets a `# TODO:` comment beside it. The import
reports each at its line in the new file, and so does every later `validate` and build until it is
replaced; what the source holds but a map cannot is reported against the source file (`path:line:col`).
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..clock import today as clock_today
from ..diagnostics import Diagnostics
from ..load.source import Loc, Source, parse_yaml
from ..model.common import SLUG_PATTERN
from ..model.common import slugify
from ..placeholders import MARK, comment
from ..validate.structure import RESERVED_ANCHORS, RESERVED_CAPABILITY_IDS, RESERVED_PAGE_IDS

TODO = MARK
"""Every placeholder starts with this word, so `grep -n TODO: maps/<id>.yml` lists what to fill in."""

REVIEW_DATE_NOTE = "review_date is six months from today; the owners choose when they next review the map"


class Placeholder(str):
    """A text the importer made up because the source has nothing for a required field."""

    what: str

    def __new__(cls, text: str, what: str) -> "Placeholder":
        value = super().__new__(cls, f"{TODO} {text}")
        value.what = what
        return value


@dataclass
class Commented:
    """A value with comment lines written above its key (or list item) in the YAML file."""

    value: Any
    comments: list[str] = field(default_factory=list)


@dataclass
class Guessed:
    """A value the importer had to choose, written with a `# TODO:` comment after it on its line."""

    value: Any
    note: str


def unwrap(value: Any) -> Any:
    return value.value if isinstance(value, (Commented, Guessed)) else value


class UniqueIds:
    """Valid, unique hub ids made from the source's ids or titles (`DR-AT1` → `dr-at1`)."""

    def __init__(self, reserved: set[str] | None = None) -> None:
        self.used: set[str] = set(reserved or ())
        self.next_number: dict[str, int] = {}

    def make(self, *candidates: str, prefix: str = "", fallback: str = "item") -> str:
        base = ""
        for candidate in candidates:
            base = slugify(candidate or "")
            if base:
                break
        base = base or fallback
        if prefix and (not re.match(SLUG_PATTERN, base) or base in self.used):
            base = slugify(f"{prefix}-{base}")
        base = base[:60].strip("-") or fallback
        # Numbers below the last one tried for this base were all taken then, and ids are never freed, so
        # the search starts there: many items with the same name cost linear, not quadratic, time.
        chosen, number = base, self.next_number.get(base, 2)
        while chosen in self.used or not re.match(SLUG_PATTERN, chosen):
            chosen = f"{base}-{number}"
            number += 1
        self.next_number[base] = number
        self.used.add(chosen)
        return chosen


def capability_ids() -> UniqueIds:
    return UniqueIds(RESERVED_CAPABILITY_IDS)


def behaviour_ids() -> UniqueIds:
    """Behaviour ids are anchors on the capability page, so the page's own anchors are taken."""
    return UniqueIds(set(RESERVED_ANCHORS))


def behaviour_id_allowed(behaviour_id: str, level_ids: list[str], evidence_ids: list[str]) -> bool:
    return not (
        behaviour_id in RESERVED_ANCHORS
        or behaviour_id.startswith("level-")
        or behaviour_id in {f"check-in-{level}" for level in level_ids}
        or behaviour_id in {f"evidence-{evidence}" for evidence in evidence_ids}
    )


def review_date_placeholder(today: datetime.date | None = None) -> Guessed:
    """Six months from the tool's today, marked as a guess for the owners to confirm."""
    return Guessed((today or clock_today()) + datetime.timedelta(days=182), REVIEW_DATE_NOTE)


# -- the YAML writer ---------------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return yaml.safe_dump(value, default_flow_style=True).strip().removesuffix("...").strip()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return _string_scalar(str(value))


@functools.lru_cache(maxsize=4096)
def _string_scalar(text: str) -> str:
    """A text as one YAML scalar; cached, since keys and placeholder texts repeat in every capability
    and PyYAML's emitter is slow (a framework of thousands of competencies writes tens of thousands)."""
    dumped = yaml.safe_dump(text, default_flow_style=True, allow_unicode=True, width=1_000_000)
    dumped = dumped.strip()
    if dumped.endswith("\n..."):
        dumped = dumped[: -len("\n...")]
    dumped = dumped.removesuffix("...").rstrip()
    return dumped


def _block(text: str, indent: int) -> str | None:
    """A literal block (`|-`) for multi-line text, when YAML can hold it exactly that way."""
    if "\n" not in text or text != text.strip() or any(c in text for c in "\r\t\x85\u2028\u2029\ufeff"):
        return None
    if any(line != line.rstrip() for line in text.split("\n")):
        return None
    if not text.isprintable() and any(not (c.isprintable() or c == "\n") for c in text):
        return None
    pad = " " * indent
    return "|-\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))


def _emit(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for raw_key, item in value.items():
            key = _scalar(str(raw_key))  # quoted when YAML would read it otherwise ('no', 'null', '1')
            comments = item.comments if isinstance(item, Commented) else []
            if isinstance(item, Guessed):
                out.append(f"{pad}{key}: {_scalar(item.value)}  {comment(item.note)}")
                continue
            item = unwrap(item)
            out.extend(f"{pad}# {line}".rstrip() for line in comments)
            if isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:")
                _emit(item, indent + 2, out)
            elif isinstance(item, (dict, list)):
                out.append(f"{pad}{key}: {'{}' if isinstance(item, dict) else '[]'}")
            else:
                block = _block(item, indent + 2) if isinstance(item, str) else None
                out.append(f"{pad}{key}: {block or _scalar(item)}")
    elif isinstance(value, list):
        for item in value:
            comments = item.comments if isinstance(item, Commented) else []
            item = unwrap(item)
            out.extend(f"{pad}# {line}".rstrip() for line in comments)
            if isinstance(item, dict) and item:
                inner: list[str] = []
                _emit(item, indent + 2, inner)
                first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
                out.extend(inner[:first])
                out.append(f"{pad}- {inner[first][indent + 2:]}")
                out.extend(inner[first + 1 :])
            elif isinstance(item, list) and item:
                out.append(f"{pad}-")
                _emit(item, indent + 2, out)
            else:
                block = _block(item, indent + 2) if isinstance(item, str) else None
                out.append(f"{pad}- {block or _scalar(item)}")


def to_yaml(data: dict[str, Any], header: list[str]) -> str:
    """The map as YAML: keys in the order given, comments where the importer left notes."""
    out = [f"# {line}".rstrip() for line in header]
    _emit(data, 0, out)
    return "\n".join(out) + "\n"


def placeholders(data: Any, loc: Loc = ()) -> list[tuple[Loc, Placeholder]]:
    """Where every placeholder sits in the map, for reporting each at its line."""
    data = unwrap(data)
    found: list[tuple[Loc, Placeholder]] = []
    if isinstance(data, Placeholder):
        found.append((loc, data))
    elif isinstance(data, dict):
        for key, value in data.items():
            found += placeholders(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += placeholders(value, (*loc, i))
    return found


def plain(data: Any) -> Any:
    """The data without comments or placeholder markers, as the YAML file will read back."""
    data = unwrap(data)
    if isinstance(data, dict):
        return {key: plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [plain(value) for value in data]
    if isinstance(data, Placeholder):
        return str(data)
    return data


@dataclass
class ImportResult:
    map_id: str
    yaml_text: str
    data: dict[str, Any]
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    """Problems with the source file (errors stop the import) and what could not be mapped."""
    notes: list[tuple[Loc, str]] = field(default_factory=list)
    """Values that are not TODO texts but still stand in for something (a date): reported like placeholders."""

    def placeholder_diagnostics(self, display: str) -> Diagnostics:
        """A warning at the line of each placeholder in the written file."""
        source = Source(display)
        found = Diagnostics()
        if not parse_yaml(self.yaml_text, source, found):
            return found
        for loc, placeholder in placeholders(self.data):
            mark = source.locate(loc)
            found.warning(display, mark.line, mark.column, f"placeholder: {placeholder.what}", "replace the TODO text", code="HUB950")
        for loc, message in self.notes:
            mark = source.locate(loc)
            found.warning(display, mark.line, mark.column, message, code="HUB951")
        return found


def map_header(source_name: str, kind: str, data: dict[str, Any]) -> list[str]:
    lines = [
        "yaml-language-server: $schema=../schemas/map.schema.json",
        f"Imported from {kind} {Path(source_name).name} by `competency-hub import`.",
    ]
    if placeholders(data):
        lines += [
            "Every 'TODO' text is a placeholder for something the source does not hold: replace each one",
            "(and delete each '# TODO' comment once its value is checked); `competency-hub validate` reports",
            "every one that is left.",
        ]
    return lines + [""]


def check_output_path(path: Path, force: bool) -> str | None:
    """Why the map file cannot be written, or None."""
    if path.exists() and not force:
        return f"{path} exists; not overwritten (use --force, or --id to import under another id)"
    return None


RESERVED_MAP_IDS = RESERVED_PAGE_IDS


# -- placeholders both importers write ----------------------------------------------------------------


def level_placeholders(name: str) -> dict[str, Placeholder]:
    """The descriptions of a level whose source has only a name."""
    return {
        "summary": Placeholder(f"one sentence that sums up level “{name}”.", f"summary of level '{name}'"),
        "complexity": Placeholder("the complexity of situations handled at this level.", f"complexity of level '{name}'"),
        "quality": Placeholder("the quality bar met at this level.", f"quality of level '{name}'"),
        "independence": Placeholder(
            "how much supervision or support is needed at this level.", f"independence of level '{name}'"
        ),
    }


def behaviour_placeholder(behaviour_id: str, capability_id: str, title: str, level_name: str) -> dict[str, Any]:
    return {
        "id": behaviour_id,
        "text": Placeholder(
            f"what someone at level “{level_name}” does in “{title}”, as a reviewer would see or hear it.",
            f"a behaviour of '{capability_id}' at level '{level_name}'",
        ),
    }


def evidence_placeholder(capability_id: str, levels: list[tuple[str, str]]) -> dict[str, Any]:
    """One evidence with a one-criterion rubric; `levels` are (id, name) in scale order."""
    return {
        "id": "evidence",
        "title": Placeholder("an artefact from real work that shows it.", f"evidence of '{capability_id}'"),
        "description": Placeholder(
            "where it comes from and how to share it for review.", f"evidence description of '{capability_id}'"
        ),
        "rubric": [
            {
                "id": "criterion",
                "criterion": Placeholder("what the reviewer looks at.", f"rubric criterion of '{capability_id}'"),
                "levels": {
                    level_id: Placeholder(
                        f"what it looks like at level “{name}”.", f"rubric of '{capability_id}' at level '{name}'"
                    )
                    for level_id, name in levels
                },
            }
        ],
    }


def why_placeholder(title: str, capability_id: str) -> Placeholder:
    return Placeholder(f"why “{title}” matters to the work.", f"why '{capability_id}' matters")


def moment_placeholder(capability_id: str) -> Placeholder:
    return Placeholder("a real situation where this capability shows.", f"a moment of '{capability_id}'")


def owner_placeholder() -> dict[str, Any]:
    return {"name": Placeholder("the person or team who keeps this map true to the work.", "an owner of the map")}


def summary_placeholder() -> Placeholder:
    return Placeholder("who this map is for and what it covers.", "the map's summary")
