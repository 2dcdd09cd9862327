"""Pydantic's validation errors as our problems: a code, a message a project manager can act on, where.

Pydantic says ``string_type`` or ``extra_forbidden``; a project manager needs
"must be text, got 12" or "unknown key 'stat'; did you mean 'state'?".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel

from planner.plan.problems import Code, did_you_mean


def misspelt(errors: Sequence[Any], cls: type[BaseModel]) -> set[tuple[str | int, ...]]:
    """Paths of missing fields that an unknown key beside them is a misspelling of."""
    meant: set[tuple[str | int, ...]] = set()
    for err in errors:
        if err["type"] == "extra_forbidden":
            loc = tuple(clean_loc(err["loc"]))
            close = difflib.get_close_matches(str(loc[-1]), _fields_at(cls, loc[:-1]), n=1, cutoff=0.6)
            meant.update((*loc[:-1], c) for c in close)
    return meant


def clean_loc(loc: Iterable[Any]) -> list[str | int]:
    return [p for p in loc if isinstance(p, int) or (isinstance(p, str) and not p.startswith("function-"))]


# ------------------------------------------------- pydantic -> our problems

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)",
    "model_attributes_type": "a mapping (key: value)",
    "tuple_type": "a list",
}
_RANGE_WORDS = {
    "greater_than_equal": ("ge", "at least"),
    "less_than_equal": ("le", "at most"),
    "greater_than": ("gt", "more than"),
    "less_than": ("lt", "less than"),
}


class _Written(str):
    """A number or true/false as it was written in the file (``1.50``, ``1e3``), with the value YAML read."""

    def __new__(cls, text: str, value: Any) -> _Written:
        written = super().__new__(cls, text)
        written.value = value
        return written

    value: Any


def describe(value: Any) -> str:
    if isinstance(value, _Written):
        return value if len(value) <= 40 else f"{value[:40]}…"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else f"'{value[:40]}…'"
    return repr(value)


def _number(value: Any) -> str:
    """100.0 -> '100' (bounds are declared as floats but read as whole numbers)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _type_hint(kind: str, value: Any) -> str:
    if isinstance(value, _Written):
        value = value.value
    if kind == "string_type" and isinstance(value, (bool, int, float)):
        return "; put it in quotes to keep it as text"
    if kind == "float_parsing" and isinstance(value, str) and value.strip().endswith("%"):
        return f"; write the number without '%': {value.strip().rstrip('%').strip()}"
    if kind == "list_type" and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return f"; write it as a list: [{value}]"
    return ""


def _fields_at(cls: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Field names of the record at ``loc`` inside ``cls`` (for did-you-mean)."""
    current: Any = cls
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        info = current.model_fields.get(part)
        if info is None:
            return []
        current = _record_type(info.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _record_type(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _record_type(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation


def translate(
    err: Any, cls: type[BaseModel], loc: tuple[str | int, ...], written: str | None = None
) -> tuple[Code, str, bool]:
    """Our code, message and whether it points at the key; ``written`` is the value's source text, if known."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if written and value is not None and not isinstance(value, (str, dict, list)):
        value = _Written(written, value)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        return (
            Code.UNKNOWN_KEY,
            f"unknown key '{key}'" + (did_you_mean(key, _fields_at(cls, loc[:-1])) or _known(cls, loc[:-1])),
            True,
        )
    if kind == "missing":
        return Code.MISSING_FIELD, f"required field '{loc[-1]}' is missing", False
    if kind == "finite_number":
        return (
            Code.OUT_OF_RANGE,
            f"{_written_number(value)} is not a number a plan can count with; write a finite number such as 42",
            False,
        )
    if kind == "bad_date":
        return Code.BAD_DATE, err["msg"], False
    if kind == "enum":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (
            Code.BAD_VALUE,
            f"{describe(value)} is not allowed; use {', '.join(allowed)}" + did_you_mean(str(value), allowed),
            False,
        )
    if kind == "string_pattern_mismatch":
        return (
            Code.BAD_VALUE,
            f"{describe(value)} is not a valid id; use lower-case letters, digits, '-' and '_' (e.g. 'fhir-km')",
            False,
        )
    if kind in _RANGE_WORDS:
        key, words = _RANGE_WORDS[kind]
        return (
            Code.OUT_OF_RANGE,
            f"{describe(value)} is out of range; it must be {words} {_number(ctx.get(key))}",
            False,
        )
    if kind in ("too_short", "string_too_short"):
        return Code.BAD_VALUE, "must not be empty", False
    if kind in ("too_long", "string_too_long"):
        return Code.BAD_VALUE, f"is too long (at most {ctx.get('max_length')})", False
    if kind in _TYPE_WORDS:
        return Code.WRONG_TYPE, f"expected {_TYPE_WORDS[kind]}, got {describe(value)}" + _type_hint(kind, value), False
    if kind == "int_from_float":
        return Code.WRONG_TYPE, f"expected a whole number (a count), got {describe(value)}", False
    if kind == "bad_size":
        return Code.BAD_VALUE, err["msg"], False
    return Code.BAD_VALUE, str(err["msg"]).removeprefix("Value error, "), False


def _known(cls: type[BaseModel], loc: Sequence[str | int]) -> str:
    names = _fields_at(cls, loc)
    return f"; allowed: {', '.join(names)}" if names else ""


def _written_number(value: Any) -> str:
    """How a non-finite number was written in YAML (``.nan``, ``.inf``, ``-.inf``; ``1e400`` reads as ``.inf``)."""
    if isinstance(value, _Written):
        return describe(value)
    if isinstance(value, float) and value != value:
        return ".nan"
    if isinstance(value, float):
        return ".inf (or a number too large, such as 1e400)" if value > 0 else "-.inf (or a number too small)"
    return describe(value)
