"""Plan data as the loader reads it: values made plain, compared strictly, shown in one line."""

from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from planner.editing.errors import EditError, Reason
from planner.plan import yaml_text, yamlsafe


def normal(value: object) -> Any:
    """The value as plain YAML data: dates become their text, tuples lists; anything else is refused."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        raise EditError(
            f"{value} is not a number that can be written in a plan", reason=Reason.BAD_VALUE, value=str(value)
        )
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise EditError(
                "the text holds a character that cannot be saved (a lone surrogate); retype it",
                reason=Reason.LONE_SURROGATE,
            ) from None
        return yaml_text.nfc(value)  # as the loader reads it back
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, dict):
        return {key_text(k): normal(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [normal(v) for v in value]
    raise EditError(f"a {type(value).__name__} cannot be written in a plan; use text, a number, true/false or a date")


def key_text(key: object) -> str:
    if not isinstance(key, str) or not key:
        raise EditError(f"{key!r} is not a key; keys are text")
    return key


def parse_text(text: str, file: str) -> Any:
    try:
        return yamlsafe.parse(text.encode("utf-8")).data
    except yaml_text.YamlError as exc:
        raise EditError(
            f"{file}:{exc.line}:{exc.column}: {exc.message}; fix the file before editing it",
            reason=Reason.BROKEN_FILE,
            file=file,
            line=exc.line,
            column=exc.column,
        ) from None


def parse_or_none(text: str) -> Any:
    try:
        return yamlsafe.parse(text.encode("utf-8")).data
    except yaml_text.YamlError:
        return UNPARSABLE


UNPARSABLE = object()


def same(a: Any, b: Any) -> bool:
    """Equal with the same types throughout (1, 1.0 and true differ) and the same key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
