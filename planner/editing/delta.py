"""From what a form shows to the edits it means: only the values the person actually changed.

A form shows a record's values as text, numbers and ticks; sending all of
them back would rewrite values nobody touched (``start: 2023`` becoming
``"2023"``, ``40`` becoming ``40.0``). :func:`edits` compares each field with
the file as the form saw it, loosely where the form cannot tell a
difference, and gives an :class:`Edit` only for real changes.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from planner.editing import patch
from planner.editing.locate import value_at
from planner.editing.records import Append, Change, Delete, Edit, FieldPath, Snapshot


def edits(seen: Snapshot, path: FieldPath, values: Mapping[str, object]) -> list[Edit]:
    """Edits of the fields of the mapping at ``path`` whose new value differs from ``seen``'s."""
    item = value_at(patch.parse(seen), path)
    old = item if isinstance(item, dict) else {}
    return [
        Edit(seen.file, (*path, field), stored(new))
        for field, new in values.items()
        if not equivalent(old.get(field), new)
    ]


def stored(value: object) -> object:
    """The value as it is best written: empty text and False as 'not written', whole numbers as integers."""
    if value is None or value is False or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    return value.strip() if isinstance(value, str) else value


def date_value(text: str | None) -> str | int | None:
    """A date as typed, as the plan files write it: ``2023`` as the year number, other forms as text."""
    text = (text or "").strip()
    if not text:
        return None
    return int(text) if text.isdigit() and len(text) == 4 else text


def equivalent(old: Any, new: object) -> bool:
    """Whether a form showing ``old`` and giving back ``new`` means 'unchanged'."""
    a, b = stored(old), stored(new)
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return str(a) == str(b)


def estimate_flags(item: Mapping[str, Any], fields: Sequence[str], ticked: Iterable[str]) -> dict[str, object]:
    """The ``estimate``/``estimated`` values of a record after a form ticked ``ticked`` of its ``fields``.

    A form shows each of ``fields`` as estimated when the whole record is
    (``estimate: true``) or the field is named in ``estimated``. Saving keeps
    exactly what was ticked: every field ticked keeps (or makes) the record
    wide flag; otherwise the flag goes and the ticked fields are named, while
    fields the form does not show keep their own marks.
    """
    chosen = set(ticked) & set(fields)
    named = item.get("estimated")
    kept = [f for f in named if isinstance(f, str) and f not in fields] if isinstance(named, list) else []
    if item.get("estimate") is True and chosen == set(fields):
        return {"estimate": True, "estimated": kept or None}
    return {"estimate": None, "estimated": (kept + [f for f in fields if f in chosen]) or None}


def shown_estimated(item: Mapping[str, Any], field: str) -> bool:
    """Whether a form should show ``field`` of ``item`` as an estimate (the record's flag, or the field's)."""
    named = item.get("estimated")
    return item.get("estimate") is True or (isinstance(named, list) and field in named)


def estimate_changes(seen: Snapshot, path: FieldPath, fields: Sequence[str], ticked: Iterable[str]) -> list[Change]:
    """The changes that make the record at ``path`` mark exactly the ``ticked`` of its ``fields`` as estimates.

    ``estimate`` is set or removed as one value; ``estimated`` is a list, so
    its names are removed and added one by one (the rest of the list, and how
    it is written, stay as they are).
    """
    item = value_at(patch.parse(seen), path)
    item = item if isinstance(item, Mapping) else {}
    flags = estimate_flags(item, fields, ticked)
    changes: list[Change] = list(edits(seen, path, {"estimate": flags["estimate"]}))
    named = item.get("estimated")
    named = named if isinstance(named, list) else []
    wanted = flags["estimated"] if isinstance(flags["estimated"], list) else []
    changes += [
        Delete(seen.file, (*path, "estimated", i)) for i in reversed(range(len(named))) if named[i] not in wanted
    ]
    changes += [Append(seen.file, (*path, "estimated"), name) for name in wanted if name not in named]
    return changes
