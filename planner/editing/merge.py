"""One person's changes, made on the version they saw, put on top of a newer version of the file.

A change is addressed by a path such as ``vendors[3].readiness[0].note``.
When someone else saved the file meanwhile, list positions may have moved,
so each position is followed by the identity of its item (its ``id``, its
municipality, its programme and wave, its date) to where that item is now.
A change then goes through when the value it changes is still as the person
saw it; when someone else changed that same value (or removed its item, or
added an item with the same key) it is a :class:`Conflict`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from planner.editing import patch, values
from planner.editing.errors import Conflict, EditError
from planner.editing.locate import value_at
from planner.editing.records import Append, Change, Delete, Edit, FieldPath, Snapshot
from planner.plan.problems import field_path

# The fields that identify a list item, in order of preference.
_IDENTITY = (("id",), ("municipality",), ("programme", "wave"), ("date",), ("name",))
_MISSING = object()


def identity(item: Any, keys: Sequence[str] = ()) -> tuple[Any, ...] | None:
    """What identifies ``item`` in its list: the given keys, else the first of :data:`_IDENTITY` it has."""
    if isinstance(item, dict):
        for chosen in (tuple(keys),) if keys else _IDENTITY:
            if chosen and chosen[0] in item:
                return tuple((k, _frozen(item.get(k))) for k in chosen)
        return None
    if isinstance(item, (str, int, float, bool)):
        return (("", item),)
    return None


def _frozen(value: Any) -> Any:
    return repr(value) if isinstance(value, (dict, list)) else value


def rebase_path(before: Any, now: Any, path: FieldPath) -> FieldPath | None:
    """Where the value at ``path`` in ``before`` is in ``now``; None when its item is gone."""
    out: list[str | int] = []
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if isinstance(part, str):
            if not isinstance(now, dict) or (part not in now and not last):
                return None
            before = before.get(part, _MISSING) if isinstance(before, dict) else _MISSING
            now = now.get(part, _MISSING)
            out.append(part)
            continue
        if not isinstance(before, list) or not isinstance(now, list) or part >= len(before):
            return None
        item = before[part]
        key = identity(item)
        if key is None or sum(identity(x) == key for x in before) != 1:
            if len(now) != len(before):  # nothing to follow the item by, and the list has changed
                return None
            j = part
        else:
            found = [n for n, x in enumerate(now) if identity(x) == key]
            if len(found) != 1:
                return None
            j = found[0]
        out.append(j)
        before, now = item, now[j]
    return tuple(out)


def rebase(
    before: Snapshot, now: Snapshot, changes: Sequence[Change]
) -> tuple[list[Change], list[Conflict], list[Change]]:
    """(changes to make on ``now``, conflicts, this person's changes re-addressed to ``now`` to apply them anyway).

    An item added with a key someone else added meanwhile (a second
    observation for the same date) is not in the retry: one of the two must
    be removed first, so it cannot simply be applied on top.
    """
    old, new = patch.parse(before), patch.parse(now)
    apply: list[Change] = []
    conflicts: list[Conflict] = []
    retry: list[Change] = []
    for change in changes:
        moved = rebase_path(old, new, change.path)
        if isinstance(change, Edit):
            _rebase_edit(change, moved, old, new, apply, conflicts, retry)
        elif isinstance(change, Delete):
            _rebase_delete(change, moved, old, new, apply, conflicts, retry)
        else:
            _rebase_append(change, moved, old, new, apply, conflicts, retry)
    return apply, conflicts, retry


def _rebase_edit(
    change: Edit,
    moved: FieldPath | None,
    old: Any,
    new: Any,
    apply: list[Change],
    conflicts: list[Conflict],
    retry: list[Change],
) -> None:
    was, yours = value_at(old, change.path), values.normal(change.value)
    if values.same(was, yours):
        return  # not a change this person made
    if moved is None:
        conflicts.append(
            Conflict(path=field_path(change.path), before=values.shown(was), theirs="", yours=values.shown(yours))
        )
        return
    there = Edit(change.file, moved, change.value)
    retry.append(there)
    theirs = value_at(new, moved)
    if values.same(theirs, was):
        apply.append(there)
    elif not values.same(theirs, yours):  # the same change twice is no conflict
        conflicts.append(
            Conflict(
                path=field_path(change.path),
                before=values.shown(was),
                theirs=values.shown(theirs),
                yours=values.shown(yours),
            )
        )


def _rebase_delete(
    change: Delete,
    moved: FieldPath | None,
    old: Any,
    new: Any,
    apply: list[Change],
    conflicts: list[Conflict],
    retry: list[Change],
) -> None:
    was = value_at(old, change.path)
    theirs = value_at(new, moved) if moved is not None else None
    if moved is None or not values.same(theirs, was):  # removed, moved or changed meanwhile
        conflicts.append(
            Conflict(path=field_path(change.path), before=values.shown(was), theirs=values.shown(theirs), yours="")
        )
        if moved is not None:
            retry.append(Delete(change.file, moved))
        return
    apply.append(Delete(change.file, moved))
    retry.append(Delete(change.file, moved))


def _rebase_append(
    change: Append,
    moved: FieldPath | None,
    old: Any,
    new: Any,
    apply: list[Change],
    conflicts: list[Conflict],
    retry: list[Change],
) -> None:
    if moved is None:
        conflicts.append(Conflict(path=field_path(change.path), before="", theirs="", yours=values.shown(change.item)))
        return
    there = Append(change.file, moved, change.item, change.key)
    key = identity(values.normal(change.item), change.key)
    mine = values.normal(change.item)
    had = [x for x in _items(value_at(old, change.path)) if key is not None and identity(x, change.key) == key]
    has = [x for x in _items(value_at(new, moved)) if key is not None and identity(x, change.key) == key]
    if len(has) <= len(had):
        apply.append(there)
        retry.append(there)
    elif not any(values.same(x, mine) for x in has):  # someone else added an item with this key
        conflicts.append(
            Conflict(path=field_path(change.path), before="", theirs=values.shown(has[-1]), yours=values.shown(mine))
        )


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


__all__ = ["EditError", "identity", "rebase", "rebase_path", "value_at"]
