"""Schedule computations: go-lives, conversion windows, vendor fit, comparisons.

Pure functions over the typed records; dates are resolved by role (a start
is the first day of what was written, an end the last day).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from planner.plan import model
from planner.plan.dates import FuzzyDate, Precision

GO_LIVE = model.MilestoneKind.GO_LIVE


def go_live(wave: model.Wave) -> model.Milestone | None:
    """The wave's go-live milestone, if it has one."""
    return next((m for m in wave.milestones if m.kind is GO_LIVE), None)


def go_live_date(wave: model.Wave) -> dt.date | None:
    milestone = go_live(wave)
    return milestone.date.first if milestone else None


def wave_span(wave: model.Wave) -> tuple[dt.date, dt.date] | None:
    """First and last day covered by the wave's phases and milestones."""
    starts = [p.start.first for p in wave.phases] + [m.date.first for m in wave.milestones]
    ends = [p.end.last for p in wave.phases] + [m.date.first for m in wave.milestones]
    return (min(starts), max(ends)) if starts else None


def wave_for_party(scenario: model.Scenario, party: str) -> model.Wave | None:
    """The first wave of the scenario whose parties include ``party`` (any case)."""
    key = party.casefold()
    return next((w for w in scenario.waves if key in {p.casefold() for p in w.parties}), None)


def party_groups(scenario: model.Scenario) -> list[str]:
    """Parties of all waves, in the order they first appear."""
    seen: dict[str, None] = {}
    for wave in scenario.waves:
        for party in wave.parties:
            seen.setdefault(party, None)
    return list(seen)


@dataclass(frozen=True)
class ConversionWindow:
    """The time between the first and a later go-live, when the late must convert."""

    first_go_live: dt.date
    wave: model.Wave  # the later wave
    go_live: dt.date
    parties: tuple[str, ...]
    first_mark: model.Milestone | None = None  # the first go-live as written: its precision, its estimate mark
    mark: model.Milestone | None = None  # the later go-live as written

    @property
    def days(self) -> int:
        return (self.go_live - self.first_go_live).days


def conversion_windows(scenario: model.Scenario) -> list[ConversionWindow]:
    """For each wave going live after the first go-live: who must convert, how long."""
    marks = [(m, w) for w in scenario.waves if (m := go_live(w)) is not None]
    if len(marks) < 2:
        return []
    first = min((m for m, _ in marks), key=lambda m: m.date.first)
    return [
        ConversionWindow(
            first_go_live=first.date.first,
            wave=w,
            go_live=m.date.first,
            parties=tuple(w.parties),
            first_mark=first,
            mark=m,
        )
        for m, w in sorted(marks, key=lambda x: x[0].date.first)
        if m.date.first > first.date.first
    ]


class Promise(StrEnum):
    """What a vendor's date means: a commitment, an earliest date, or no date."""

    READY_BY = "ready-by"  # ready on or before the date
    NOT_BEFORE = "not-before"  # cannot be ready before the date
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Fit:
    """A vendor's readiness against the go-live of the wave that holds it.

    The state is the one the source gives; where it gives none, it is derived
    from the dates (:attr:`derived`): ready by the go-live is on track, ready
    after it or not before a date after it is late, anything else unknown.
    """

    vendor: model.Vendor
    readiness: model.Readiness
    scenario: model.Scenario
    wave: model.Wave | None
    go_live: dt.date | None

    @property
    def promise(self) -> Promise:
        if self.readiness.ready_by is not None:
            return Promise.READY_BY
        return Promise.NOT_BEFORE if self.readiness.not_before is not None else Promise.UNKNOWN

    @property
    def ready_by(self) -> FuzzyDate | None:
        """The date the fit rests on: the committed date, else the earliest."""
        return self.readiness.ready_by or self.readiness.not_before

    @property
    def gap_days(self) -> int | None:
        """Days the vendor is ready after go-live (positive = late); an earliest date counts only when after it."""
        date = self.ready_by
        if self.go_live is None or date is None:
            return None
        gap = (date.first - self.go_live).days
        if self.promise is Promise.NOT_BEFORE and gap <= 0:
            return None  # may be ready in time, but nobody has said so
        return gap

    @property
    def derived(self) -> bool:
        """True when the source gives no state and :attr:`state` is worked out from the dates."""
        return self.readiness.state is None

    @property
    def state(self) -> model.ReadinessState:
        if self.readiness.state is not None:
            return self.readiness.state
        gap = self.gap_days
        if gap is None:
            return model.ReadinessState.UNKNOWN
        return model.ReadinessState.LATE if gap > 0 else model.ReadinessState.ON_TRACK

    @property
    def estimated(self) -> bool:
        """True when what the fit shows rests on an estimate (the state, or the date it is derived from)."""
        r = self.readiness
        date_field = "ready_by" if r.ready_by is not None else "not_before"
        return r.inferred("state") or ((self.derived or self.gap_days is not None) and r.inferred(date_field))

    @property
    def fits(self) -> bool | None:
        gap = self.gap_days
        if gap is None:
            return None if self.state is not model.ReadinessState.LATE else False
        return gap <= 0


def known_on(vendors: Iterable[model.Vendor], day: dt.date) -> tuple[model.Vendor, ...]:
    """The vendors with only what they had said by ``day`` (statements dated later are left out)."""
    out = []
    for vendor in vendors:
        said = [r for r in vendor.readiness if r.as_of is None or r.as_of.first <= day]
        out.append(vendor if len(said) == len(vendor.readiness) else vendor.model_copy(update={"readiness": said}))
    return tuple(out)


def vendor_fit(vendor: model.Vendor, readiness: model.Readiness, scenario: model.Scenario) -> Fit:
    """Where a vendor sits in a scenario (its named wave, else its kind's wave)."""
    wave = None
    if readiness.wave:
        wave = next((w for w in scenario.waves if w.id == readiness.wave), None)
    if wave is None:
        wave = wave_for_party(scenario, vendor.kind.value)
    return Fit(
        vendor=vendor, readiness=readiness, scenario=scenario, wave=wave, go_live=go_live_date(wave) if wave else None
    )


def fits_for(
    programme: model.Programme,
    vendors: tuple[model.Vendor, ...] | list[model.Vendor],
    scenario: model.Scenario | None = None,
) -> list[Fit]:
    """Every vendor readiness for the programme, against one scenario's waves."""
    chosen = scenario or programme.plan_of_record
    return [vendor_fit(v, r, chosen) for v in vendors for r in v.readiness if r.programme == programme.id]


def month_difference(a: dt.date, b: dt.date) -> int:
    """Whole calendar months from a to b (negative if b is earlier)."""
    return (b.year - a.year) * 12 + (b.month - a.month)


_DATED = (Precision.DAY, Precision.WEEK, Precision.MONTH)


def milestones_between(
    programmes: tuple[model.Programme, ...] | list[model.Programme], start: dt.date, end: dt.date
) -> list[tuple[model.Programme, model.Wave | None, model.Milestone]]:
    """Milestones of the plans of record dated from start to end, in date order.

    Only milestones dated to a day, a week or a month: "2023" or "Q1 2023" names
    no day, and listing it as 1 Jan 2023 would say more than the plan does.
    """
    found: list[tuple[model.Programme, model.Wave | None, model.Milestone]] = []
    for prog in programmes:
        for m in prog.milestones:
            found.append((prog, None, m))
        for wave in prog.plan_of_record.waves:
            for m in wave.milestones:
                found.append((prog, wave, m))
    hits = [x for x in found if start <= x[2].date.first <= end and x[2].date.precision in _DATED]
    return sorted(hits, key=lambda x: x[2].date.first)


# ------------------------------------------------------------- what late vendors hold back


@dataclass(frozen=True, kw_only=True)
class HeldBack:
    """Late vendors of one party group and the wave they hold back."""

    scenario: model.Scenario
    wave: model.Wave
    party: str
    go_live: dt.date
    fits: tuple[Fit, ...]

    @property
    def max_gap_days(self) -> int:
        return max(f.gap_days or 0 for f in self.fits)

    @property
    def vendors(self) -> tuple[model.Vendor, ...]:
        return tuple(f.vendor for f in self.fits)


def _party_of(fit: Fit, wave: model.Wave) -> str:
    """The wave's party group the vendor belongs to (its kind), else all the wave's parties."""
    kind = fit.vendor.kind.value.casefold()
    named = next((p for p in wave.parties if p.casefold() == kind), None)
    return named or ", ".join(wave.parties) or fit.vendor.kind.value


def holds_back(fits: Iterable[Fit]) -> list[HeldBack]:
    """Vendors ready after their wave's go-live, grouped by wave and party group, worst first.

    Only dated gaps count: a vendor that says 'late' without a date cannot be
    put in days, and is shown as such in the matrix instead.
    """
    groups: dict[tuple[str, str, str], list[Fit]] = {}
    for fit in fits:
        if fit.wave is None or fit.go_live is None or (fit.gap_days or 0) <= 0:
            continue
        groups.setdefault((fit.scenario.id, fit.wave.id, _party_of(fit, fit.wave)), []).append(fit)
    found = []
    for (_, _, party), members in groups.items():
        first = members[0]
        assert first.wave is not None and first.go_live is not None  # filtered above
        found.append(
            HeldBack(scenario=first.scenario, wave=first.wave, party=party, go_live=first.go_live, fits=tuple(members))
        )
    return sorted(found, key=lambda h: (-h.max_gap_days, h.go_live))
