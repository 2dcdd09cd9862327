"""RAG status per programme: the manual one where given, else computed from evidence.

Computed rules, as of a date (first match wins):

    red    a target is past its due date and not reached, or needs more than
           twice its current pace; or a vendor is ready over 90 days after
           its wave's go-live, or says it is late
    amber  a target needs more than its current pace, or a vendor is ready
           after its wave's go-live
    none   none of the above: no status (``rag`` is None), never a green
           nobody gave; green only comes from the plan's own ``rag:``

A programme is finished only when its data says so (``finished:``), never
because its dated items are past. The reason always says which number drove
the status, so a steering group can check it; the status is never shown by
colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from planner.analysis import progress, schedule
from planner.plan import model

RED_GAP_DAYS = 90
Rag = model.RagStatus
_RANK = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}
SYMBOL: dict[Rag | None, str] = {Rag.RED: "●", Rag.AMBER: "▲", Rag.GREEN: "✓", None: "○"}


class Stage(StrEnum):
    """Where a programme is: no dates in its plan, under way (or ahead), or finished as its data says."""

    NO_DATES = "no-dates"
    PLANNED = "planned"
    FINISHED = "finished"


class Why(StrEnum):
    """What drove a computed status."""

    TARGET_MISSED = "target-missed"  # past its due date, not reached
    TARGET_BEHIND = "target-behind"  # needs more than its current pace
    VENDORS_LATE = "vendors-late"  # vendors ready after their wave's go-live, or late
    NO_EVIDENCE = "no-evidence"  # no status given and no deviation found


@dataclass(frozen=True, kw_only=True)
class StatusReason:
    """One reason for a status, with the numbers that drove it."""

    why: Why
    target: str = ""  # the metric's name
    need: float | None = None  # per month
    pace: float | None = None  # per month
    pace_basis: progress.Pace | None = None  # over which observations
    vendors: int = 0
    days: int = 0  # the worst gap
    estimated: bool = False  # the numbers rest on estimates (an assumed date, a derived state)


@dataclass(frozen=True, kw_only=True)
class Status:
    """A programme's RAG with its reasons: the plan's own text when set by hand, else the computed ones.

    ``rag`` is None when the plan gives no status and nothing deviates: "no status", never green.
    """

    rag: Rag | None
    manual: bool
    manual_reason: str = ""
    reasons: tuple[StatusReason, ...] = ()
    stage: Stage = Stage.PLANNED

    @property
    def estimated(self) -> bool:
        """True when a computed status rests on an estimate."""
        return any(r.estimated for r in self.reasons)


def _worst(items: Sequence[tuple[Rag, StatusReason]]) -> tuple[Rag | None, list[StatusReason]]:
    if not items:
        return None, []
    worst = max(items, key=lambda x: _RANK[x[0]])[0]
    return worst, [reason for rag, reason in items if rag is worst]


def _target_items(prog: model.Programme, as_of: dt.date) -> list[tuple[Rag, StatusReason]]:
    items = []
    for tp in progress.progress(prog, as_of):
        name = tp.metric.name if tp.metric else tp.target.metric
        if tp.overdue:
            items.append((Rag.RED, StatusReason(why=Why.TARGET_MISSED, target=name)))
            continue
        need, pace = tp.needed, tp.pace
        if need is None or pace is None or need <= pace:
            continue
        rag = Rag.RED if need > 2 * pace else Rag.AMBER
        basis = tp.pace_basis
        reason = StatusReason(
            why=Why.TARGET_BEHIND,
            target=name,
            need=need,
            pace=pace,
            pace_basis=basis,
            estimated=tp.forecast_estimated,
        )
        items.append((rag, reason))
    return items


def _vendor_items(
    prog: model.Programme, vendors: Sequence[model.Vendor], as_of: dt.date, scenario: model.Scenario | None = None
) -> list[tuple[Rag, StatusReason]]:
    fits = schedule.fits_for(prog, list(schedule.known_on(vendors, as_of)), scenario)
    late = [f for f in fits if f.state is model.ReadinessState.LATE]
    if not late:
        return []
    worst_gap = max((f.gap_days or 0) for f in late)
    said_late = any(f.readiness.state is model.ReadinessState.LATE for f in late)
    rag = Rag.RED if worst_gap > RED_GAP_DAYS or said_late else Rag.AMBER
    reason = StatusReason(
        why=Why.VENDORS_LATE, vendors=len(late), days=worst_gap, estimated=any(f.estimated for f in late)
    )
    return [(rag, reason)]


def stage(prog: model.Programme, as_of: dt.date, scenario: model.Scenario | None = None) -> Stage:
    """Finished when the data says so by ``as_of``; no dated item in the plan (of record): no dates."""
    if prog.finished is not None and prog.finished.last <= as_of:
        return Stage.FINISHED
    dated = bool(prog.milestones) or any(w.phases or w.milestones for w in (scenario or prog.plan_of_record).waves)
    return Stage.PLANNED if dated else Stage.NO_DATES


def programme_status(
    prog: model.Programme, vendors: Sequence[model.Vendor], as_of: dt.date, scenario: model.Scenario | None = None
) -> Status:
    """The manual RAG if the plan gives one, else the computed one, for ``scenario`` (default: the plan of record)."""
    where = stage(prog, as_of, scenario)
    if prog.rag is not None:
        return Status(rag=prog.rag.status, manual=True, manual_reason=prog.rag.reason, stage=where)
    rag, reasons = _worst(_target_items(prog, as_of) + _vendor_items(prog, vendors, as_of, scenario))
    return Status(rag=rag, manual=False, reasons=tuple(reasons) or (StatusReason(why=Why.NO_EVIDENCE),), stage=where)
