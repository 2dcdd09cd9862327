"""The network's meeting cycle: which meetings are held and closed, and what the next pack compares with.

A meeting is closed when its ``baseline`` is set (``python -m planner meeting
DATA --close ID``): the plan as it was shown is frozen, and its pack is
written under ``meetings/<id>/``. The pack of any later day opens with what
changed since the last meeting closed before it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.analysis import baselines, decisions
from planner.plan import model
from planner.plan.loader import Plan


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


MEETING_VIEWS = ("overview", "programme", "decision", "vendors", "municipalities", "targets")  # meeting order


@dataclass(frozen=True)
class Step:
    """One screen of a meeting walked on the projector: a view, and the programme it shows (if one)."""

    view: str
    programme: str | None = None


def shown_at(portfolio: model.Portfolio, day: dt.date) -> model.Meeting | None:
    """The meeting the plan as of ``day`` is shown at: the one on that day or the next one after it."""
    coming = [m for m in portfolio.meetings if m.date.last >= day]
    return min(coming, key=lambda m: m.date.first, default=None)


def steps(plan: Plan, day: dt.date) -> tuple[Step, ...]:
    """The projector's screens, in order: the views in meeting order, or the meeting's agenda when it has one.

    With an agenda, the overview opens; each programme on the agenda follows
    in its order, with its decision when one is still open on ``day``; the
    portfolio-wide views close.
    """
    meeting = shown_at(plan.portfolio, day)
    known = {p.id for p in plan.programmes}
    agenda = [pid for pid in meeting.agenda if pid in known] if meeting else []
    if not agenda:
        return tuple(Step(view) for view in MEETING_VIEWS)
    pending = {o.programme.id for o in decisions.open_decisions(plan.programmes, day)}
    items = [Step("overview")]
    for pid in agenda:
        items.append(Step("programme", pid))
        if pid in pending:
            items.append(Step("decision", pid))
    return (*items, *(Step(view) for view in MEETING_VIEWS[3:]))


def step_index(walk: tuple[Step, ...], view: str, programme: str | None) -> int:
    """Where the screen shown stands in ``walk``: its view and programme, else its view, else the start."""
    for wanted in (Step(view, programme), Step(view)):
        if wanted in walk:
            return walk.index(wanted)
    return next((i for i, s in enumerate(walk) if s.view == view), 0)
