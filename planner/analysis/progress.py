"""Uptake against targets: where a metric stands, its pace, and the pace needed.

Rules (as of a date ``as_of``; observations after it are not yet known):

    value        the latest observed value on or before as_of
    share        value / target
    period gone  (as_of - start) / (due - start), clipped to 0..1
    pace         straight-line slope through the observations, per month
    needed       (target - value) / months from the latest observation to due
    forecast     the straight line extended until it reaches the target
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from planner.plan import model
from planner.plan.dates import months_between

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Point:
    """One observed value of a metric."""

    date: dt.date
    value: float
    estimate: bool


RECENT_MONTHS = 6  # "current pace" is the pace over the observations of the last this many months


@dataclass(frozen=True)
class Pace:
    """How fast a metric moves, and over which observations: say which when showing it."""

    per_month: float
    since: dt.date  # the first observation it is computed from
    recent: bool  # over the last RECENT_MONTHS months; else the average since ``since``
    estimated: bool  # an observation it rests on is an estimate (an assumed start value)


def _slope(points: Sequence[Point]) -> float | None:
    """Least-squares slope through the points, in units per month."""
    xs = [(p.date - points[0].date).days / DAYS_PER_MONTH for p in points]
    ys = [p.value for p in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mean_x) ** 2 for x in xs)
    if var == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var


@dataclass(frozen=True)
class TargetProgress:
    """One target's state as of a date."""

    target: model.Target
    metric: model.Metric | None
    as_of: dt.date
    points: tuple[Point, ...]

    @property
    def start(self) -> dt.date:
        return self.target.start.first

    @property
    def due(self) -> dt.date:
        return self.target.due.last

    @property
    def latest(self) -> Point | None:
        return self.points[-1] if self.points else None

    @property
    def value(self) -> float:
        return self.latest.value if self.latest else 0.0

    @property
    def share(self) -> float:
        return self.value / self.target.target

    @property
    def reached(self) -> bool:
        return self.value >= self.target.target

    @property
    def period_gone(self) -> float:
        total = (self.due - self.start).days
        if total <= 0:
            return 1.0
        return min(1.0, max(0.0, (self.as_of - self.start).days / total))

    @property
    def pace_basis(self) -> Pace | None:
        """The current pace: over the last :data:`RECENT_MONTHS` months' observations when there are two,
        else the average since the first observation."""
        if len(self.points) < 2:
            return None
        latest = self.points[-1].date
        recent = [p for p in self.points if (latest - p.date).days <= RECENT_MONTHS * DAYS_PER_MONTH]
        chosen = recent if len(recent) >= 2 else list(self.points)
        slope = _slope(chosen)
        if slope is None:
            return None
        return Pace(slope, chosen[0].date, len(recent) >= 2, any(p.estimate for p in chosen))

    @property
    def pace(self) -> float | None:
        """Units per month at the current pace (see :attr:`pace_basis` for over which observations)."""
        basis = self.pace_basis
        return basis.per_month if basis else None

    @property
    def needed(self) -> float | None:
        """Units per month still needed from the latest observation to reach the target by due."""
        if self.reached or self.latest is None:
            return None
        months = months_between(self.latest.date, self.due)
        if months <= 0:
            return None
        return (self.target.target - self.value) / months

    @property
    def overdue(self) -> bool:
        return self.as_of > self.due and not self.reached

    @property
    def forecast_date(self) -> dt.date | None:
        """When the straight line at the current pace reaches the target (None: never)."""
        if self.reached and self.latest:
            return self.latest.date
        pace = self.pace
        if pace is None or pace <= 0 or self.latest is None:
            return None
        months = (self.target.target - self.value) / pace
        if months > 12 * 100:
            return None
        return self.latest.date + dt.timedelta(days=round(months * DAYS_PER_MONTH))

    @property
    def at_due(self) -> float | None:
        """Where the straight line at the current pace stands on the due date (at most the target): the
        forecast stops there, for after the due date the target says nothing."""
        if self.latest is None or self.pace is None:
            return None
        months = max(0, (self.due - self.latest.date).days) / DAYS_PER_MONTH
        return min(float(self.target.target), self.value + self.pace * months)

    @property
    def period_estimated(self) -> bool:
        """The period, and the share of it gone, rest on an assumed start or due date."""
        return self.target.inferred_any("start", "due")

    @property
    def forecast_estimated(self) -> bool:
        """The forecast rests on an assumed value: an estimated observation in its pace, or an assumed period."""
        return bool(self.pace_basis and self.pace_basis.estimated) or self.period_estimated


def series(
    programme: model.Programme, metric_id: str, as_of: dt.date | None = None, region: str | None = None
) -> tuple[Point, ...]:
    """Observed values of one metric (total, or one region's) in date order."""
    points = []
    for obs in sorted(programme.observations, key=lambda o: o.date.first):
        if as_of is not None and obs.date.first > as_of:
            continue
        values = obs.breakdown.get(region, {}) if region else obs.values
        if metric_id in values:
            estimate = obs.inferred_any("date", "breakdown" if region else "values")  # the count or its date
            points.append(Point(date=obs.date.first, value=values[metric_id], estimate=estimate))
    return tuple(points)


def progress(programme: model.Programme, as_of: dt.date) -> list[TargetProgress]:
    """Every target of the programme, as of a date."""
    metrics = {m.id: m for m in programme.metrics}
    return [
        TargetProgress(target=t, metric=metrics.get(t.metric), as_of=as_of, points=series(programme, t.metric, as_of))
        for t in programme.targets
    ]


def latest_breakdown(programme: model.Programme, as_of: dt.date) -> model.Observation | None:
    """The latest of the most complete per-region breakdowns on or before as_of.

    A breakdown naming only some regions (one region's figure sent in between
    meetings) never hides the regions an earlier full breakdown shows.
    """
    known = [o for o in programme.observations if o.breakdown and o.date.first <= as_of]
    return max(known, key=lambda o: (len(o.breakdown), o.date.first)) if known else None
