"""Finding values in a plan file's data: by path, and list items by what identifies them.

Loaded records skip invalid entries, so their positions can differ from the
file's; edits address the file's own positions, found here by identity (a
vendor by id, a readiness row by programme and wave).
"""

from __future__ import annotations

from typing import Any

from planner.editing.records import FieldPath


def value_at(data: Any, path: FieldPath) -> Any:
    """The value at ``path``, or None when it is not written."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and not isinstance(part, bool) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def index_where(items: Any, **fields: object) -> int | None:
    """Position of the first mapping in ``items`` whose ``fields`` have these values (None = not written)."""
    if not isinstance(items, list):
        return None
    for i, item in enumerate(items):
        if isinstance(item, dict) and all(item.get(k) == v for k, v in fields.items()):
            return i
    return None


def index_of_value(items: Any, value: object, same: Any = None) -> int | None:
    """Position of ``value`` in a list of values (``same(a, b)`` compares, e.g. municipality names)."""
    if not isinstance(items, list):
        return None
    equal = same or (lambda a, b: a == b)
    return next((i for i, item in enumerate(items) if not isinstance(item, (dict, list)) and equal(item, value)), None)
