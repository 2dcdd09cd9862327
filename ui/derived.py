"""What the pages derive from the plan, as module-level functions of their arguments only.

Each is called through :func:`ui.cache.value` (``cache.value(derived.statuses,
plan, as_of)``), so its arguments are its cache key: nothing here reads a
session, a widget or a global.
"""

from __future__ import annotations

import datetime as dt

from planner.analysis import figures, progress, schedule, status, whatif
from planner.plan import loader, model
from planner.presentation import compare_table
from ui import data


def _vendors_of(plan: loader.Plan) -> dict[str, tuple[model.Vendor, ...]]:
    return {p.id: data.vendors_for(plan, p.id) for p in plan.programmes}


def statuses(plan: loader.Plan, as_of: dt.date) -> dict[str, status.Status]:
    """Each programme's status (its plan of record) as of ``as_of``, by programme id."""
    return {p.id: status.programme_status(p, data.vendors_for(plan, p.id), as_of) for p in plan.programmes}


def key_figures(plan: loader.Plan, as_of: dt.date) -> figures.KeyFigures:
    vendors = _vendors_of(plan)
    return figures.key_figures(plan, as_of, lambda pid: vendors.get(pid, ()))


def fits(plan: loader.Plan, kinds: frozenset[str]) -> tuple[schedule.Fit, ...]:
    """Every vendor's fit to its programme's waves, for vendors of the given system kinds (their values)."""
    return tuple(
        f
        for p in plan.programmes
        for f in schedule.fits_for(p, data.vendors_for(plan, p.id))
        if f.vendor.kind.value in kinds
    )


def comparison(prog: model.Programme, outcome: whatif.MoveOutcome, lang: str) -> list[dict[str, str]]:
    """The programme's scenarios compared, with the what-if's move in the scenario it moved."""
    return compare_table.table(outcome.programme(prog), outcome.vendors, lang)


def targets(programmes: tuple[model.Programme, ...], as_of: dt.date) -> dict[str, list[progress.TargetProgress]]:
    """Each programme's progress against its targets as of ``as_of``, by programme id."""
    return {p.id: progress.progress(p, as_of) for p in programmes}
