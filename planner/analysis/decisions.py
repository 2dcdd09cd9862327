"""Where each alternative plan stands on a date: proposed, adopted or rejected, and which decisions are open.

A scenario's status is, in this order: what the scenario says itself
(``status:``); what a decision listing it as an option says as of the date
(adopted if its outcome chose it by then, rejected if it chose another, and
proposed while it is open); adopted for the plan of record of a programme no
decision speaks of (a plan that was never in question); proposed otherwise.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.plan import model

Status = model.ScenarioStatus


def decided(decision: model.Decision, as_of: dt.date) -> bool:
    """Whether the decision's outcome is recorded and dated on or before ``as_of``."""
    return decision.chosen is not None and decision.decided_on is not None and decision.decided_on.first <= as_of


def status(prog: model.Programme, scenario: model.Scenario, as_of: dt.date) -> Status:
    if scenario.status is not None:
        return scenario.status
    for decision in prog.decisions:
        if scenario.id in decision.options:
            if not decided(decision, as_of):
                return Status.PROPOSED
            return Status.ADOPTED if decision.chosen == scenario.id else Status.REJECTED
    return Status.ADOPTED if scenario is prog.plan_of_record else Status.PROPOSED


def adopted(prog: model.Programme, as_of: dt.date) -> model.Scenario | None:
    """The plan adopted as of ``as_of``, or None while the plans are options."""
    return next((s for s in prog.scenarios if status(prog, s, as_of) is Status.ADOPTED), None)


@dataclass(frozen=True)
class Open:
    """A decision not yet taken as of a date, with its options."""

    programme: model.Programme
    decision: model.Decision
    options: tuple[model.Scenario, ...]


def open_decisions(programmes: tuple[model.Programme, ...] | list[model.Programme], as_of: dt.date) -> list[Open]:
    """Every decision still to be taken as of ``as_of``, soonest first."""
    found = [
        Open(p, d, tuple(s for o in d.options if (s := p.scenario(o)) is not None))
        for p in programmes
        for d in p.decisions
        if not decided(d, as_of)
    ]
    return sorted(found, key=lambda o: o.decision.date.first)


def taken(programmes: tuple[model.Programme, ...] | list[model.Programme], as_of: dt.date) -> list[Open]:
    """Every decision taken by ``as_of``, latest first (``options`` hold the chosen one first)."""
    found = []
    for p in programmes:
        for d in p.decisions:
            if decided(d, as_of):
                chosen = p.scenario(d.chosen or "")
                rest = [s for o in d.options if o != d.chosen and (s := p.scenario(o)) is not None]
                found.append(Open(p, d, tuple([chosen, *rest] if chosen else rest)))
    return sorted(
        found, key=lambda o: o.decision.decided_on.first if o.decision.decided_on else dt.date.min, reverse=True
    )
