"""JSON with the line and column of every value, so import problems point at the right place.

The standard `json` module gives positions only for syntax errors. This reader accepts exactly
what `json.loads` accepts (except NaN and Infinity, which JSON does not allow) and records where
each value starts, by its path: ("CFItems", 3, "fullStatement").
"""

from __future__ import annotations

import bisect
import json.decoder
import re
from typing import Any

Loc = tuple[str | int, ...]

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?")
_LITERALS = {"true": True, "false": False, "null": None}


class JSONSyntaxError(ValueError):
    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class JSONDocument:
    """A parsed JSON text: `data`, and `locate(loc)` → (line, column), both 1-based."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._line_starts = [0] + [match.end() for match in re.finditer(r"\r\n|\r|\n", text)]
        self.marks: dict[Loc, int] = {}
        self.data = self._parse()

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def locate(self, loc: Loc) -> tuple[int, int]:
        """Where the value at `loc` starts, or its nearest ancestor that exists."""
        loc = tuple(loc)
        while loc and loc not in self.marks:
            loc = loc[:-1]
        return self.position(self.marks.get(loc, 0))

    def _error(self, message: str, offset: int) -> JSONSyntaxError:
        line, column = self.position(min(offset, len(self.text)))
        return JSONSyntaxError(message, line, column)

    def _skip(self, offset: int) -> int:
        match = _WHITESPACE.match(self.text, offset)
        return match.end() if match else offset

    def _parse(self) -> Any:
        try:
            value, end = self._value(0, ())
        except RecursionError:
            raise self._error("JSON nests too deeply", 0) from None
        end = self._skip(end)
        if end != len(self.text):
            raise self._error("extra data after the JSON value", end)
        return value

    def _string(self, offset: int) -> tuple[str, int]:
        try:
            return json.decoder.scanstring(self.text, offset + 1, True)
        except json.JSONDecodeError as exc:
            raise self._error(exc.msg.lower(), exc.pos) from None

    def _value(self, offset: int, loc: Loc) -> tuple[Any, int]:
        text = self.text
        offset = self._skip(offset)
        self.marks[loc] = offset
        if offset >= len(text):
            raise self._error("unexpected end of the file: a value is missing", offset)
        char = text[offset]
        if char == "{":
            result: dict[str, Any] = {}
            offset = self._skip(offset + 1)
            if text.startswith("}", offset):
                return result, offset + 1
            while True:
                if not text.startswith('"', offset):
                    raise self._error("expected a property name in double quotes", offset)
                key, offset = self._string(offset)
                offset = self._skip(offset)
                if not text.startswith(":", offset):
                    raise self._error("expected ':' after the property name", offset)
                result[key], offset = self._value(offset + 1, (*loc, key))
                offset = self._skip(offset)
                if text.startswith(",", offset):
                    offset = self._skip(offset + 1)
                    continue
                if text.startswith("}", offset):
                    return result, offset + 1
                raise self._error("expected ',' or '}' after a property", offset)
        if char == "[":
            items: list[Any] = []
            offset = self._skip(offset + 1)
            if text.startswith("]", offset):
                return items, offset + 1
            while True:
                item, offset = self._value(offset, (*loc, len(items)))
                items.append(item)
                offset = self._skip(offset)
                if text.startswith(",", offset):
                    offset += 1
                    continue
                if text.startswith("]", offset):
                    return items, offset + 1
                raise self._error("expected ',' or ']' after an array item", offset)
        if char == '"':
            return self._string(offset)
        for word, value in _LITERALS.items():
            if text.startswith(word, offset):
                return value, offset + len(word)
        match = _NUMBER.match(text, offset)
        if match:
            number = match.group(0)
            is_float = any(c in number for c in ".eE")
            return (float(number) if is_float else int(number)), match.end()
        raise self._error(f"unexpected character {char!r}: not JSON", offset)
