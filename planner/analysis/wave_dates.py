"""The wave planner's days: months added to a date, and each wave's start and end within the capacity."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

DAYS_PER_MONTH = 365.25 / 12


def add_months(day: dt.date, months: float) -> dt.date:
    """``day`` plus whole months (the day clamped to the month's end), plus any fraction in days."""
    whole = int(months)
    index = day.month - 1 + whole
    year, month = day.year + index // 12, index % 12 + 1
    moved = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
    return moved + dt.timedelta(days=round((months - whole) * DAYS_PER_MONTH))


def last_day(start: dt.date, months: float) -> dt.date:
    """The last day of a wave that starts on ``start`` and lasts ``months``."""
    return max(start, add_months(start, months) - dt.timedelta(days=1))


def schedule(
    sizes: Sequence[int], start: dt.date, months: float, capacity: int | None
) -> list[tuple[dt.date, dt.date]]:
    """Start and last day of each wave, in order.

    Starts never go backwards and all waves last equally long, so a wave
    starting at ``t`` only ever overlaps waves already running at ``t``:
    checking the load at ``t`` is enough.
    """
    spans: list[tuple[dt.date, dt.date]] = []
    for size in sizes:
        if not spans:
            t = start
        elif capacity is None:
            t = spans[-1][1] + dt.timedelta(days=1)
        else:
            t = spans[-1][0]
            while True:
                running = [(i, e) for i, (s, e) in enumerate(spans) if s <= t <= e]
                if sum(sizes[i] for i, _ in running) + size <= capacity:
                    break
                t = min(e for _, e in running) + dt.timedelta(days=1)
        spans.append((t, last_day(t, months)))
    return spans
