"""The network's meeting cycle: which meetings are held and closed, and what the next pack compares with.

A meeting is closed when its ``baseline`` is set (``python -m planner meeting
DATA --close ID``): the plan as it was shown is frozen, and its pack is
written under ``meetings/<id>/``. The pack of any later day opens with what
changed since the last meeting closed before it.
"""

from __future__ import annotations

import datetime as dt

from planner.analysis import baselines
from planner.plan import model
from planner.plan.loader import Plan

PACKS_DIR = "meetings"


def closed_before(portfolio: model.Portfolio, day: dt.date) -> model.Meeting | None:
    """The last meeting closed before ``day`` (a meeting on ``day`` itself is the one being held)."""
    held = [m for m in portfolio.meetings if m.baseline and m.date.first < day]
    return max(held, key=lambda m: m.date.first, default=None)


def since(plan: Plan, day: dt.date) -> tuple[str, Plan] | None:
    """(the last closed meeting's name, the plan as it was shown there), for a pack as of ``day``."""
    last = closed_before(plan.portfolio, day)
    if last is None or last.baseline is None:
        return None
    return last.name, baselines.load_baseline(plan.data_dir, last.baseline)


def find(portfolio: model.Portfolio, meeting_id: str) -> model.Meeting | None:
    return next((m for m in portfolio.meetings if m.id == meeting_id), None)
