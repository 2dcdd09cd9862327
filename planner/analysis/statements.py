"""When the plan's information is from: the latest statement, and the date a view shows by default.

The portfolio's ``status_date`` is the date the data was last brought up to
date. A statement saved since (a vendor's readiness as of Dec 2022, a count of
30 Nov) is newer information: a view that stopped at the status date would
hide it. So the default view is as of the later of the two, and saving newer
information moves the status date forward (``planner.editing.status``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from planner.plan.dates import FuzzyDate
from planner.plan.loader import Plan


def _said(plan: Plan) -> Iterator[FuzzyDate | None]:
    for vendor in plan.vendors:
        yield from (r.as_of for r in vendor.readiness)
        yield from (p.as_of for p in vendor.positions)
    for prog in plan.programmes:
        yield from (o.date for o in prog.observations)
        yield from (d.decided_on for d in prog.decisions)
        if prog.onboarding is not None:
            yield from (s.date for s in prog.onboarding.status)


def latest(plan: Plan) -> dt.date | None:
    """The day from which the newest statement is known (a month's statement from its first day), if any is dated."""
    days = [d.first for d in _said(plan) if d is not None]
    return max(days, default=None)


def view_date(plan: Plan) -> dt.date:
    """The date a view shows by default: the status date, or the newest statement's if that is later."""
    newest = latest(plan)
    return max(plan.status_date, newest) if newest else plan.status_date


def newer_than_status(plan: Plan) -> dt.date | None:
    """The newest statement's date when it is after the status date (the status date should move to it)."""
    newest = latest(plan)
    return newest if newest and newest > plan.status_date else None
