"""Places shared among regions in proportion to their municipalities (largest remainder, lowest code first)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from planner.plan.reference import Municipality


def apportion(pool: Sequence[Municipality], k: int) -> list[Municipality]:
    """``k`` municipalities from ``pool``, regions in proportion to their share of it.

    Largest remainder: each region gets the floor of its exact share
    ``k * n_region / len(pool)``; the places left go to the largest remainders,
    equal remainders to the region with the lowest municipality code. Inside a
    region the lowest codes are taken.
    """
    if k <= 0 or not pool:
        return []
    by_region: dict[str, list[Municipality]] = {}
    for m in sorted(pool, key=code_key):
        by_region.setdefault(m.region, []).append(m)
    quota = {r: Fraction(k * len(ms), len(pool)) for r, ms in by_region.items()}
    counts = {r: math.floor(q) for r, q in quota.items()}
    order = sorted(by_region, key=lambda r: (-(quota[r] - counts[r]), code_key(by_region[r][0])))
    for r in order[: k - sum(counts.values())]:
        counts[r] += 1
    return sorted((m for r, ms in by_region.items() for m in ms[: counts[r]]), key=code_key)


def code_key(m: Municipality) -> tuple[int, str]:
    """Municipalities in the order of their codes (numeric codes by number)."""
    return (int(m.code), m.code) if m.code.isdigit() else (10**9, m.code)
