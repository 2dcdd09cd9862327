"""The overview's key figures: how many programmes, the next go-live, vendors late, municipalities onboarded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from planner.analysis import onboarding, schedule
from planner.plan import loader, model

HORIZON_DAYS = 3650  # how far ahead the next go-live is looked for


@dataclass(frozen=True, kw_only=True)
class Onboarded:
    """One programme's municipalities onboarding or live, of all municipalities."""

    programme: model.Programme
    count: int
    total: int
    estimated: bool = False  # some of the count rests on an estimated state


@dataclass(frozen=True, kw_only=True)
class Reach:
    """Municipalities onboarding or live in at least one programme, each counted once."""

    count: int
    total: int
    estimated: bool = False  # some of them are onboarding only by an estimated state


@dataclass(frozen=True, kw_only=True)
class KeyFigures:
    programmes: int
    next_go_live: tuple[model.Programme, model.Milestone] | None
    late: tuple[schedule.Fit, ...]  # vendors ready after their wave's go-live
    onboarded: tuple[Onboarded, ...]  # every programme with onboarding, in plan order
    anywhere: Reach | None = None  # across the portfolio; None when no programme onboards municipalities

    @property
    def late_estimated(self) -> bool:
        """The count of late vendors rests on an estimate (an inferred date or state)."""
        return any(f.estimated for f in self.late)


def key_figures(plan: loader.Plan, as_of: dt.date, vendors_for: Callable[[str], Sequence[model.Vendor]]) -> KeyFigures:
    """The figures as of a date; ``vendors_for(programme id)`` gives the vendors that programme depends on."""
    upcoming = schedule.milestones_between(plan.programmes, as_of, as_of + dt.timedelta(days=HORIZON_DAYS))
    next_live = next(((p, m) for p, _, m in upcoming if m.kind is model.MilestoneKind.GO_LIVE), None)
    late = tuple(
        f
        for p in plan.programmes
        for f in schedule.fits_for(p, list(schedule.known_on(vendors_for(p.id), as_of)))
        if f.state is model.ReadinessState.LATE
    )
    started = (model.OnboardingState.ONBOARDING, model.OnboardingState.LIVE)
    onboarded: list[Onboarded] = []
    codes: set[str] = set()
    stated: set[str] = set()
    for p in plan.programmes:
        if p.onboarding:
            going = [r for r in onboarding.rows(p.onboarding, plan.reference, as_of) if r.state in started]
            codes |= {r.municipality.code for r in going}
            stated |= {r.municipality.code for r in going if not r.estimate}
            onboarded.append(
                Onboarded(
                    programme=p,
                    total=len(plan.reference.municipalities),
                    count=len(going),
                    estimated=any(r.estimate for r in going),
                )
            )
    anywhere = None
    if onboarded:  # a municipality counts once; estimated only where no programme states it
        anywhere = Reach(count=len(codes), total=len(plan.reference.municipalities), estimated=bool(codes - stated))
    return KeyFigures(
        programmes=len(plan.programmes),
        next_go_live=next_live,
        late=late,
        onboarded=tuple(onboarded),
        anywhere=anywhere,
    )


def coming(
    plan: loader.Plan, as_of: dt.date, days: int = 90
) -> list[tuple[model.Programme, model.Wave | None, model.Milestone]]:
    """Milestones in the next ``days`` days, in date order."""
    return schedule.milestones_between(plan.programmes, as_of, as_of + dt.timedelta(days=days))
