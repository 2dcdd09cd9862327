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
from dataclasses import dataclass, field
from typing import Any

from planner.editing import patch, values
from planner.editing.errors import Conflict
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
    work = _Rebase(old=patch.parse(before), new=patch.parse(now))
    for change in changes:
        moved = rebase_path(work.old, work.new, change.path)
        if isinstance(change, Edit):
            work.edit(change, moved)
        elif isinstance(change, Delete):
            work.delete(change, moved)
        else:
            work.append(change, moved)
    return work.apply, work.conflicts, work.retry


@dataclass
class _Rebase:
    """The two versions' data, and what the rebase found so far."""

    old: Any
    new: Any
    apply: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    retry: list[Change] = field(default_factory=list)

    def clash(self, path: FieldPath, before: object, theirs: object, yours: object) -> None:
        shown = [values.shown(v) if v is not None else "" for v in (before, theirs, yours)]
        self.conflicts.append(Conflict(path=field_path(path), before=shown[0], theirs=shown[1], yours=shown[2]))

    def edit(self, change: Edit, moved: FieldPath | None) -> None:
        was, yours = value_at(self.old, change.path), values.normal(change.value)
        if values.same(was, yours):
            return  # not a change this person made
        if moved is None:
            self.clash(change.path, was, None, yours)
            return
        there = Edit(change.file, moved, change.value)
        self.retry.append(there)
        theirs = value_at(self.new, moved)
        if values.same(theirs, was):
            self.apply.append(there)
        elif not values.same(theirs, yours):  # the same change twice is no conflict
            self.clash(change.path, was, theirs, yours)

    def delete(self, change: Delete, moved: FieldPath | None) -> None:
        was = value_at(self.old, change.path)
        theirs = value_at(self.new, moved) if moved is not None else None
        if moved is not None:
            self.retry.append(Delete(change.file, moved))
        if moved is None or not values.same(theirs, was):  # removed, moved or changed meanwhile
            self.clash(change.path, was, theirs, None)
        else:
            self.apply.append(Delete(change.file, moved))

    def append(self, change: Append, moved: FieldPath | None) -> None:
        mine = values.normal(change.item)
        if moved is None:
            self.clash(change.path, None, None, mine)
            return
        there = Append(change.file, moved, change.item, change.key)
        key = identity(mine, change.key)
        had = [x for x in _items(value_at(self.old, change.path)) if key is not None and identity(x, change.key) == key]
        has = [x for x in _items(value_at(self.new, moved)) if key is not None and identity(x, change.key) == key]
        if len(has) <= len(had):
            self.apply.append(there)
            self.retry.append(there)
        elif not any(values.same(x, mine) for x in has):  # someone else added an item with this key
            self.clash(change.path, None, has[-1], mine)


def _items(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


__all__ = ["identity", "rebase", "rebase_path"]
