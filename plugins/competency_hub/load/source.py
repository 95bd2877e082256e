"""Reading content files: bytes → text → YAML data with the line and column of every value."""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, NamedTuple

import yaml

from ..diagnostics import Diagnostic, Diagnostics
from ..memo import TwoLoads, digest
from ..packing import pack, unpack
from ..placeholders import report_placeholders
from ..safety.story_body import mask_code
from .files import NotRegularFile, read_regular

Loc = tuple[str | int, ...]
"""The path to a value inside a YAML document, e.g. ("capabilities", 2, "title")."""


@dataclass(frozen=True)
class Mark:
    line: int
    column: int


@dataclass
class Source:
    """A content file as read: its data, the YAML text it came from, and its Markdown body.

    The line and column of a value are worked out from the text when a report asks for them
    (`locate`), not kept for every value: at 17,000 pages those marks took 120 MB, and a build
    with nothing to report needs a handful of them.
    """

    path: str
    data: Any = None
    yaml_text: str = ""
    """The YAML text `data` was read from (a map's file, or a challenge's or story's front matter)."""
    yaml_line_offset: int = 0
    """Lines of the file above `yaml_text` (the `---` of front matter)."""
    packed_body: bytes = b""
    """The Markdown body, packed (packing.py): 40 MB of story and challenge text at L, held from
    loading to rendering and read a few times by the checks; `body` unpacks it."""
    body_line: int = 1
    """The 1-based line of the file on which the Markdown body starts."""
    text_digest: bytes = b""
    """The `memo.digest` of the file's text: what a page made from this file alone can be kept by."""

    @property
    def body(self) -> str:
        """The Markdown body below the front matter ("" for a map)."""
        return unpack(self.packed_body) if self.packed_body else ""

    def locate(self, loc: Loc, *, key: bool = False) -> Mark:
        """The mark of the value at `loc`, or of its nearest ancestor that exists in the file.

        With `key=True` the mark of the mapping key itself, which is where an unknown field is.
        """
        node = _composed(self.yaml_text) if self.yaml_text else None
        if node is None:
            return Mark(1, 1)
        found, key_node = _walk(node, tuple(loc))
        start = key_node.start_mark if key and key_node is not None else found.start_mark
        return Mark(start.line + 1 + self.yaml_line_offset, start.column + 1)


MAX_VALUES = 100_000
"""Most values one file may hold once aliases are expanded; guards against 'billion laughs' files."""

_COMMENT_AFTER_VALUE = re.compile(r"^[ \t]+#\S")


class _TooManyValues(Exception):
    pass


class _ContentLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader (libyaml's parser when installed), subclassed so the global one is untouched."""

    line_offset = 0
    values = 0
    lines: list[str] = []
    """Lines of the file above the YAML text (the `---` of front matter), added to every mark."""

    def mark(self, node_mark: yaml.Mark) -> Mark:
        """A PyYAML (0-based) mark as a 1-based line and column of the file."""
        return Mark(node_mark.line + 1 + self.line_offset, node_mark.column + 1)


def _construct_scalar(loader: _ContentLoader, node: yaml.Node) -> Any:
    """A key or scalar value; text PyYAML cannot convert (a date like 2027-02-30) stays text for the model to judge."""
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, TypeError, OverflowError):
        loader.recursive_objects.pop(node, None)  # PyYAML leaves the failed node marked as in progress
        return node.value


def _duplicate_free_mapping(
    loader: _ContentLoader,
    node: yaml.MappingNode,
    source: Source,
    diagnostics: Diagnostics,
) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    first_keys: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        key = _construct_scalar(loader, key_node)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            mark = loader.mark(key_node.start_mark)
            diagnostics.error(source.path, mark.line, mark.column, "a mapping key must be a plain word or number", code="HUB113")
            continue
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            mark = loader.mark(key_node.start_mark)
            first = loader.mark(first_keys[key].start_mark)
            diagnostics.error(
                source.path,
                mark.line,
                mark.column,
                f"duplicate key '{key}' (first given on line {first.line})",
                code="HUB114",
            )
            continue
        first_keys[key] = key_node
        result[key] = _construct(loader, value_node, source, diagnostics)
    return result


def _warn_swallowed_comment(loader: _ContentLoader, node: yaml.Node, source: Source, diagnostics: Diagnostics) -> None:
    """Warn when ' #word' after plain text was read as a comment, so part of the value vanished."""
    end = node.end_mark
    if node.style or end.line >= len(loader.lines):
        return
    rest = loader.lines[end.line][end.column :]
    if _COMMENT_AFTER_VALUE.match(rest):
        mark = loader.mark(end)
        dropped = rest.strip()
        diagnostics.warning(
            source.path,
            mark.line,
            mark.column + len(rest) - len(rest.lstrip()),
            f"'{dropped[:40]}' is read as a YAML comment, so it is not part of the value",
            "put the whole value in quotes to keep it",
            code="HUB115",
        )


def _construct(loader: _ContentLoader, node: yaml.Node, source: Source, diagnostics: Diagnostics) -> Any:
    loader.values += 1
    if loader.values > MAX_VALUES:
        raise _TooManyValues
    if isinstance(node, yaml.MappingNode):
        return _duplicate_free_mapping(loader, node, source, diagnostics)
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, source, diagnostics) for item in node.value]
    _warn_swallowed_comment(loader, node, source, diagnostics)
    return _construct_scalar(loader, node)


@functools.lru_cache(maxsize=8)
def _composed(text: str) -> yaml.Node | None:
    """The YAML node tree of `text`, merge keys (`<<: *base`) flattened as `parse_yaml` reads them.

    The last few are kept: reports about one file come together (and a capability page asks for
    its capability's line), so a file is composed about once per burst of questions.
    """
    loader = _ContentLoader(text)
    try:
        root = loader.get_single_node()
        pending, seen = [root], set()
        while pending:
            node = pending.pop()
            if node is None or id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, yaml.MappingNode):
                loader.flatten_mapping(node)
                pending.extend(value for pair in node.value for value in pair)
            elif isinstance(node, yaml.SequenceNode):
                pending.extend(node.value)
        return root
    except yaml.YAMLError:  # pragma: no cover - a Source exists only for text that parsed
        return None
    finally:
        loader.dispose()


def _walk(node: yaml.Node, loc: Loc) -> tuple[yaml.Node, yaml.Node | None]:
    """The node at `loc`, or at its longest prefix that exists, and the key node that names the
    node found when the whole of `loc` exists and its last step is a mapping key (else None).

    It follows `parse_yaml`: keys as the constructor reads them, made text; the first of
    duplicate keys; a sequence's items by position.
    """
    loader = _ContentLoader("")
    try:
        key_node: yaml.Node | None = None
        for step in loc:
            child: yaml.Node | None = None
            key_node = None
            if isinstance(node, yaml.MappingNode) and isinstance(step, str):
                for candidate, value in node.value:
                    key = _construct_scalar(loader, candidate)
                    if isinstance(key, (str, int, float, bool)) and str(key) == step:
                        child, key_node = value, candidate
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                child = node.value[step]
            if child is None:
                return node, None
            node = child
        return node, key_node
    finally:
        loader.dispose()


_KEY_AND_VALUE = re.compile(r"^(?P<lead>[ \t]*(?:-[ \t]+)?[A-Za-z0-9_-]+:[ \t]+)(?P<value>[^\s\"'].*?)[ \t]*$")


def _quote_hint(lines: list[str], mark: yaml.Mark) -> str | None:
    """For `title: Handover: the checklist`, the line as it should be written: the value in quotes.

    YAML reads ': ' inside an unquoted value as the start of a nested mapping and fails at the second
    colon; quoting the whole value is the fix authors need, so the hint writes it out for them.
    """
    if mark.line >= len(lines):
        return None
    match = _KEY_AND_VALUE.match(lines[mark.line])
    if not match or mark.column < match.end("lead") or " #" in match.group("value"):
        return None
    value = match.group("value")
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"a value that holds ': ' must be in quotes: {match.group('lead').strip()} {quoted}"


def parse_yaml(text: str, source: Source, diagnostics: Diagnostics, *, line_offset: int = 0) -> bool:
    """Parse `text` into `source.data`, recording marks; report syntax errors with their line.

    `line_offset` shifts every line, for front matter that starts below the `---` line.
    Returns False when the text is not valid YAML.
    """
    local = Diagnostics()
    source.yaml_text, source.yaml_line_offset = text, line_offset
    loader = _ContentLoader(text)
    loader.line_offset = line_offset
    loader.lines = text.split("\n")
    try:
        node = loader.get_single_node()
        if node is None:
            source.data = None
        else:
            source.data = _construct(loader, node, source, local)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or "invalid YAML"
        context = f" {exc.context}" if exc.context else ""
        hint = _quote_hint(loader.lines, mark) if mark and problem.startswith("mapping values are not allowed") else None
        diagnostics.error(source.path, line + line_offset, column, f"YAML syntax: {problem}{context}".strip(), hint, code="HUB110")
        return False
    except _TooManyValues:
        diagnostics.error(
            source.path,
            1 + line_offset,
            1,
            f"file holds more than {MAX_VALUES:,} values once its aliases (*name) are expanded",
            "write the values out instead of repeating anchors",
            code="HUB111",
        )
        return False
    except RecursionError:
        diagnostics.error(
            source.path,
            1 + line_offset,
            1,
            "YAML nests too deeply, or an alias (*name) refers to the value that contains it",
            "write the values out instead of nesting them or using anchors",
            code="HUB112",
        )
        return False
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML raises MarkedYAMLError for text input
        diagnostics.error(source.path, 1 + line_offset, 1, f"YAML syntax: {exc}", code="HUB110")
        return False
    finally:
        loader.dispose()
    diagnostics.extend(local)
    return True


def read_text(path: Path, display: str, diagnostics: Diagnostics, *, max_bytes: int) -> str | None:
    """The file's text, or None after reporting why it cannot be content (size, encoding, empty)."""
    try:
        size = os.lstat(path).st_size
        if size > max_bytes:
            diagnostics.error(
                display,
                1,
                1,
                f"file is {size:,} bytes, more than the {max_bytes:,} allowed for a content file",
                "split it, or raise the plugin option 'max_file_size' if this is intended",
                code="HUB102",
            )
            return None
        raw = read_regular(path)
    except NotRegularFile:
        diagnostics.error(
            display, 1, 1, "not a regular file, so it is not read", "the hub reads only regular files, never links", code="HUB803"
        )
        return None
    except OSError as exc:
        diagnostics.error(display, 1, 1, f"cannot read file: {exc.strerror or exc}", code="HUB101")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        diagnostics.error(display, line, column, "file is not valid UTF-8", "save it with UTF-8 encoding", code="HUB103")
        return None
    if not text.strip():
        diagnostics.error(display, 1, 1, "file is empty", code="HUB104")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_FRONT_MATTER_END = re.compile(r"^(---|\.\.\.)[ \t]*$", re.MULTILINE)


class _Parsed(NamedTuple):
    text: bytes
    """The text's `memo.digest`."""
    source: Source | None
    diagnostics: tuple[Diagnostic, ...]


Parser = Callable[[str, str, Diagnostics], Source | None]
"""`parser(text, display, diagnostics)`: a file's text as a Source, or None after reporting why not."""

_PARSED: TwoLoads[tuple[str, str, int, Parser], _Parsed] = TwoLoads()
"""Sources by path and parser, kept for the next load (memo.py): parsing is a third of loading the hub."""


def _parse_once(path: Path, display: str, diagnostics: Diagnostics, max_bytes: int, parser: Parser) -> Source | None:
    """`parser`'s Source of the file's text, or what it gave for the same text at the previous load."""
    text = read_text(path, display, diagnostics, max_bytes=max_bytes)
    if text is None:
        return None
    key = (str(path), display, max_bytes, parser)
    parsed = _PARSED.get(key)
    text_digest = digest(text)
    if parsed is None or parsed.text != text_digest:
        local = Diagnostics()
        source = parser(text, display, local)
        if source is not None:
            source.text_digest = text_digest
        parsed = _Parsed(text_digest, source, tuple(local))
        _PARSED.put(key, parsed)
    diagnostics.extend(parsed.diagnostics)
    return parsed.source


def load_yaml_file(path: Path, display: str, diagnostics: Diagnostics, *, max_bytes: int) -> Source | None:
    """A YAML content file (a map) as a Source, or None when it cannot be read or parsed."""
    return _parse_once(path, display, diagnostics, max_bytes, _yaml_source)


def _yaml_source(text: str, display: str, diagnostics: Diagnostics) -> Source | None:
    source = Source(display)
    if not parse_yaml(text, source, diagnostics):
        return None
    report_placeholders(text, display, 1, diagnostics)
    return source


def load_markdown_file(path: Path, display: str, diagnostics: Diagnostics, *, max_bytes: int) -> Source | None:
    """A Markdown file with YAML front matter (a challenge or story) as a Source, or None."""
    return _parse_once(path, display, diagnostics, max_bytes, _markdown_source)


def _markdown_source(text: str, display: str, diagnostics: Diagnostics) -> Source | None:
    source = Source(display)
    if not text.startswith("---\n") and text.rstrip("\n") != "---":
        diagnostics.error(
            display, 1, 1, "missing YAML front matter", "start the file with a line '---', the fields, then '---'", code="HUB120"
        )
        return None
    end = _FRONT_MATTER_END.search(text, 4)
    if end is None:
        diagnostics.error(display, 1, 1, "front matter is not closed", "add a line '---' after the last field", code="HUB121")
        return None
    front = text[4 : end.start()]
    source.body_line = text.count("\n", 0, end.end()) + 2
    body = text[end.end() + 1 :]
    source.packed_body = pack(body) if body else b""
    if not parse_yaml(front, source, diagnostics, line_offset=1):
        return None
    report_placeholders(front, display, 2, diagnostics)
    report_placeholders(mask_code(body), display, source.body_line, diagnostics)
    return source
