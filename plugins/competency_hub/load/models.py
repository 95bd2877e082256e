"""Turning YAML data into pydantic models, with every validation error placed on its line."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..diagnostics import Diagnostics, did_you_mean
from ..model.alignment import PATTERN_MESSAGES
from ..model.common import SLUG_PATTERN
from .source import Loc, Source

M = TypeVar("M", bound=BaseModel)


_ITEM_NAMES = {
    "capabilities": "capability",
    "scale": "level",
    "paths": "path",
    "milestones": "milestone",
    "evidence": "evidence",
    "rubric": "rubric criterion",
    "recall": "recall prompt",
    "patterns": "pattern",
    "outcomes": "outcome kind",
}
"""What an item of each list is called, to name it by its id ("capability 'triage'") rather than its position."""


def _describe(loc: Loc, data: Any = None) -> str:
    """A readable field path that names items by their id where they have a valid one, as authors know them:
    capability 'triage', behaviour 'triage-tags': text; else by position: capabilities[2].behaviours.guided[0].text.
    """
    named: list[str] = []
    out = ""
    node = data
    parent_key: str | int | None = None
    grandparent_key: str | int | None = None
    for part in loc:
        child = None
        if isinstance(node, dict) and isinstance(part, str):
            child = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            child = node[part]
        item_id = child.get("id") if isinstance(part, int) and isinstance(child, dict) else None
        if isinstance(item_id, str) and re.match(SLUG_PATTERN, item_id):
            kind = "behaviour" if grandparent_key == "behaviours" else _ITEM_NAMES.get(str(parent_key), str(parent_key))
            named.append(f"{kind} '{item_id}'")
            out = ""
        else:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        grandparent_key, parent_key, node = parent_key, part, child
    if not named:
        return out
    return ", ".join(named) + (f": {out}" if out else "")


def _suggestion(error: dict[str, Any]) -> str | None:
    """For an id written with capitals, spaces or underscores, the id it was probably meant to be."""
    value, pattern = error.get("input"), (error.get("ctx") or {}).get("pattern")
    if error["type"] != "string_pattern_mismatch" or not isinstance(value, str) or not isinstance(pattern, str):
        return None
    if value.startswith("https://data.europa.eu/esco/"):  # ESCO concept URIs are http://, as ESCO publishes them
        candidate = "http://" + value.removeprefix("https://")
        return f"did you mean '{candidate}'?" if re.match(pattern, candidate) else None
    candidate = re.sub(r"[\s_]+", "-", value.strip()).lower()
    return f"did you mean '{candidate}'?" if candidate != value and re.match(pattern, candidate) else None


def _unwrap(annotation: Any) -> list[Any]:
    """The concrete types inside Annotated, Optional and unions."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg)]
    return [annotation]


def _model_at(model: type[BaseModel], loc: Loc, data: Any = None) -> type[BaseModel] | None:
    """The model class that describes the mapping at `loc`, for listing its allowed fields.

    Of a union of models told apart by `scheme` (an alignment), the one the data names.
    """
    current: Any = model
    node = data
    for part in loc:
        node = _child(node, part)
        candidates = _unwrap(current)
        nxt = None
        for candidate in candidates:
            origin = typing.get_origin(candidate)
            if isinstance(candidate, type) and issubclass(candidate, BaseModel) and isinstance(part, str):
                field = candidate.model_fields.get(part)
                if field is not None:
                    nxt = field.annotation
                    break
            elif origin in (list, tuple) and isinstance(part, int):
                nxt = typing.get_args(candidate)[0]
                break
            elif origin is dict:
                nxt = typing.get_args(candidate)[1]
                break
        if nxt is None:
            return None
        current = nxt
    models = [c for c in _unwrap(current) if isinstance(c, type) and issubclass(c, BaseModel)]
    if len(models) > 1 and isinstance(node, dict):
        for candidate in models:
            field = candidate.model_fields.get("scheme")
            if field is not None and node.get("scheme") in typing.get_args(field.annotation):
                return candidate
    return models[0] if models else None


def _child(node: Any, part: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _data_loc(raw_loc: tuple[Any, ...], data: Any) -> Loc:
    """Pydantic's error location reduced to the keys and indices that exist in the YAML data.

    Pydantic inserts tags for unions and validators (e.g. 'function-after[...]', or the value of a discriminator
    such as an alignment's `scheme: esco`); they are skipped.
    """
    loc: list[str | int] = []
    node = data
    for part in raw_loc:
        if isinstance(node, dict) and str(part) not in node and node.get("scheme") == part:
            continue  # the tag of a discriminated union (model/alignment.py), not a key
        if isinstance(node, dict) and str(part) in node:
            loc.append(str(part))
            node = node[str(part)]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            loc.append(part)
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not part.endswith("]"):
            loc.append(part)  # a missing or unknown key: keep it as the last element
            break
    return tuple(loc)


_FRIENDLY = {
    "string_pattern_mismatch": "is not a valid id: use lowercase letters, digits and single hyphens, e.g. 'discovery-questions'",
    "string_too_short": "must not be empty",
    "too_short": "needs at least {min_length} item(s)",
    "too_long": "allows at most {max_length} item(s)",
    "string_type": "must be text",
    "int_type": "must be a whole number",
    "int_strict_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "list_type": "must be a list",
    "dict_type": "must be a mapping of fields",
    "model_type": "must be a mapping of fields",
    "model_attributes_type": "must be a mapping of fields",
    "date_type": "must be a date written YYYY-MM-DD",
    "date_parsing": "must be a date written YYYY-MM-DD",
    "date_from_datetime_parsing": "must be a date written YYYY-MM-DD",
    "literal_error": "must be one of: {expected}",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "string_too_long": "is longer than {max_length} characters",
}


def _message(error: dict[str, Any]) -> str:
    pattern = (error.get("ctx") or {}).get("pattern")
    if error["type"] == "string_pattern_mismatch" and pattern in PATTERN_MESSAGES:
        return PATTERN_MESSAGES[pattern]  # a taxonomy code or address, not an id
    template = _FRIENDLY.get(error["type"])
    if template is None:
        msg = str(error["msg"])
        return msg.removeprefix("Value error, ")
    try:
        return template.format(**error.get("ctx", {}))
    except (KeyError, IndexError):
        return template


def validate_model(model: type[M], source: Source, diagnostics: Diagnostics, *, what: str) -> M | None:
    """Build `model` from `source.data`, reporting every problem with its line; None if any."""
    if not isinstance(source.data, dict):
        kind = "a list" if isinstance(source.data, list) else "empty" if source.data is None else "plain text"
        diagnostics.error(
            source.path,
            *_xy(source, ()),
            f"{what} must be a mapping of fields ({', '.join(list(model.model_fields)[:3])}, …), but it is {kind}",
            code="HUB130",
        )
        return None
    try:
        return model.model_validate(source.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            if not _misspelt_as_unknown(error, source.data):
                report_error(model, error, source, diagnostics)
        return None


def _misspelt_as_unknown(error: dict[str, Any], data: Any) -> bool:
    """A missing field given with other capitals ('Capabilities:'): the unknown field's "did you mean" says it all."""
    if error["type"] != "missing":
        return False
    loc = _data_loc(tuple(error["loc"]), data)
    node = data
    for part in loc[:-1]:
        node = node[part]
    return isinstance(node, dict) and any(str(key).casefold() == str(loc[-1]).casefold() for key in node)


def _xy(source: Source, loc: Loc, *, key: bool = False) -> tuple[int, int]:
    mark = source.locate(loc, key=key)
    return mark.line, mark.column


def report_error(model: type[BaseModel], error: dict[str, Any], source: Source, diagnostics: Diagnostics) -> None:
    """One pydantic error as a diagnostic with a line, a field path and a hint where one helps."""
    loc = _data_loc(tuple(error["loc"]), source.data)
    kind = error["type"]
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1], source.data)
        allowed = list(parent.model_fields) if parent else []
        hint = did_you_mean(str(loc[-1]), allowed)
        if hint is None and allowed:
            hint = f"allowed fields: {', '.join(allowed)}"
        where = f" in {_describe(loc[:-1], source.data)}" if loc[:-1] else ""
        diagnostics.error(source.path, *_xy(source, loc, key=True), f"unknown field '{loc[-1]}'{where}", hint, code="HUB131")
        return
    if kind == "union_tag_invalid":
        _unknown_tag(error, loc, source, diagnostics)
        return
    if kind == "union_tag_not_found":
        field_name = str((error.get("ctx") or {}).get("discriminator", "")).strip("'\"")
        where = f" in {_describe(loc, source.data)}" if loc else ""
        diagnostics.error(source.path, *_xy(source, loc), f"missing field '{field_name}'{where}", code="HUB132")
        return
    if kind == "missing":
        where = f" in {_describe(loc[:-1], source.data)}" if loc[:-1] else ""
        diagnostics.error(source.path, *_xy(source, loc[:-1]), f"missing field '{loc[-1]}'{where}", code="HUB132")
        return
    value = error.get("input")
    shown = f" (got {value!r})" if isinstance(value, (str, int, float, bool)) and len(repr(value)) < 60 else ""
    field_name = _describe(loc, source.data) or "file"
    separator = ": " if kind == "value_error" else " "
    on_key = "[key]" in error["loc"]  # a mapping key (a level id under 'behaviours') is wrong, not its value
    diagnostics.error(
        source.path, *_xy(source, loc, key=on_key), f"{field_name}{separator}{_message(error)}{shown}", _suggestion(error), code="HUB133"
    )


def _unknown_tag(error: dict[str, Any], loc: Loc, source: Source, diagnostics: Diagnostics) -> None:
    """An alignment's `scheme` that names no known taxonomy: at the value, with the known ones listed."""
    ctx = error.get("ctx") or {}
    field_name = str(ctx.get("discriminator", "")).strip("'\"")
    tag = str(ctx.get("tag", ""))
    known = re.findall(r"'([^']*)'", str(ctx.get("expected_tags", "")))
    close = did_you_mean(tag, known) if tag else None
    listed = f"known {field_name}s: {', '.join(known)}"
    where = _describe(loc, source.data) or "file"
    diagnostics.error(
        source.path,
        *_xy(source, (*loc, field_name)),
        f"{where}: unknown {field_name} '{tag}'",
        f"{close} {listed}" if close else listed,
        code="HUB134",
    )
