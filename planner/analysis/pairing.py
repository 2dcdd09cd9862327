"""Old and new records paired: by id, then what is left by the next key (a milestone's name), and so on."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from planner.plan import model

T = TypeVar("T")


def pair(old: Sequence[T], new: Sequence[T], *keys: Callable[[T], Hashable | None]) -> list[tuple[T | None, T | None]]:
    """Pair items by the first key, then the rest by the next key, and so on.

    Order: the new items in their order (paired or added), then the removed
    old items in their order. A key returning None does not match anything.
    """
    partner: dict[int, int] = {}  # index in new -> index in old
    for key in keys:
        free_old: dict[Hashable, int] = {}
        for i, item in enumerate(old):
            k = key(item)
            if i not in partner.values() and k is not None:
                free_old.setdefault(k, i)
        for j, item in enumerate(new):
            k = key(item)
            if j not in partner and k is not None and k in free_old:
                partner[j] = free_old.pop(k)
    used = set(partner.values())
    out: list[tuple[T | None, T | None]] = [
        (old[partner[j]] if j in partner else None, item) for j, item in enumerate(new)
    ]
    out += [(item, None) for i, item in enumerate(old) if i not in used]
    return out


def by_id(item: model.Programme | model.Scenario | model.Wave | model.Phase | model.Vendor | model.Target) -> Hashable:
    return item.id


def ms_id(m: model.Milestone) -> Hashable | None:
    return m.id


def ms_name(m: model.Milestone) -> Hashable:
    return m.name.casefold()


def readiness_key(r: model.Readiness) -> Hashable:
    return (r.programme, r.wave or "")


def pair_milestones(
    old: Sequence[model.Milestone], new: Sequence[model.Milestone]
) -> list[tuple[model.Milestone | None, model.Milestone | None]]:
    """Milestones paired by id, the rest by name."""
    return pair(old, new, ms_id, ms_name)
