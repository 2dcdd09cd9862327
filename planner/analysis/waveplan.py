"""The wave planner: propose which municipalities onboard in which wave, and when.

A programme's onboarding names some members (the pilot municipalities) and
plans the rest only by size ("a wave of about 10, then three of 25-30").
:func:`propose` places every reference municipality exactly once:

1. Named members stay in their waves.
2. Sizes: every wave first gets its planned minimum (at least its named
   members), then the rest are dealt out one by one, wave after wave in plan
   order, up to each wave's planned maximum. A wave without a size holds just
   its named members; a wave with neither is open (any size). If the planned
   maxima cannot hold everyone, extra waves of the last wave's size are added
   (and a note says so); if the minima ask for more than there are, the last
   waves get fewer than planned (noted too).
3. Regions: a wave's free places are shared among the five regions in
   proportion to each region's share of the municipalities still unplaced
   (largest-remainder apportionment, so a region gets the floor or the ceiling
   of its exact share; equal remainders go to the region holding the lowest
   municipality code). Inside a region the lowest municipality codes go first.
4. Dates: a wave lasts ``duration_months``; its last day is the day before
   start + duration. With a capacity (municipalities onboarding at once) a
   wave starts as early as the capacity allows, never before the wave before
   it; without one, each wave starts the day after the previous one ends.
   A wave bigger than the capacity is a :class:`WavePlanError`.

:func:`to_yaml` writes the proposal in the ``onboarding:`` format of the plan
files, ready to paste and review.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from planner.analysis import apportion, wave_dates
from planner.plan import dates, fields, model
from planner.plan.reference import Municipality, Reference

DEFAULT_DURATION_MONTHS = 3.0
EXTRA_ID = "wave-{n}"
EXTRA_NAME = "Bølge {n}"  # plan files are written in Danish

NoteValues = tuple[tuple[str, str], ...]


class WavePlanError(Exception):
    """The waves cannot be planned as asked (unknown members, sizes, capacity).

    Its text is English (the CLI's); ``key`` and ``values`` say it in the user's language (i18n.say).
    """

    def __init__(self, message: str, key: str, values: NoteValues = ()) -> None:
        super().__init__(message)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class ProposedWave:
    """One wave of the proposal: who onboards together, from when to when."""

    id: str
    name: str
    municipalities: tuple[Municipality, ...]  # named members first, then the chosen ones by code
    fixed: tuple[str, ...]  # names of the members the plan named
    start: dt.date
    end: dt.date  # last day of onboarding
    planned_size: tuple[int, int] | None = None
    extra: bool = False  # added by the planner to make room for everyone

    @property
    def members(self) -> tuple[str, ...]:
        """Municipality names, as in the reference list."""
        return tuple(m.name for m in self.municipalities)

    @property
    def size(self) -> int:
        return len(self.municipalities)

    def region_counts(self) -> dict[str, int]:
        """Members per region."""
        return dict(Counter(m.region for m in self.municipalities))

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Proposal:
    """A proposed onboarding: every municipality in one wave, with dates."""

    waves: tuple[ProposedWave, ...]
    duration_months: float
    capacity: int | None
    start: dt.date
    status: tuple[model.MunicipalityStatus, ...] = ()  # carried over, so pasting loses nothing
    note: str = ""
    note_keys: tuple[tuple[str, NoteValues], ...] = field(default=())

    @property
    def members(self) -> tuple[str, ...]:
        return tuple(name for w in self.waves for name in w.members)

    @property
    def end(self) -> dt.date:
        return max(w.end for w in self.waves)

    def wave(self, wave_id: str) -> ProposedWave | None:
        return next((w for w in self.waves if w.id == wave_id), None)

    def wave_of(self, name: str) -> ProposedWave | None:
        """The wave a municipality is in (name in any case, 'Kommune' suffix allowed)."""
        key = name.strip().casefold().removesuffix(" kommune")
        return next((w for w in self.waves if key in {m.casefold() for m in w.members}), None)

    def as_onboarding(self) -> model.Onboarding:
        """The proposal as plan records, e.g. to show it with :func:`planner.onboarding.rows` or on the map."""
        waves = [
            model.OnboardingWave(
                id=w.id,
                name=w.name,
                members=list(w.members),
                size=fields.WaveSize(w.size, w.size),
                start=dates.exact(w.start),
                end=dates.exact(w.end),
                estimate=True,
            )
            for w in self.waves
        ]
        return model.Onboarding(
            duration_months=self.duration_months,
            capacity=self.capacity,
            waves=waves,
            status=list(self.status),
            note=self.note,
        )

    def load_on(self, day: dt.date) -> int:
        """Municipalities onboarding on a day."""
        return sum(w.size for w in self.waves if w.active_on(day))

    def peak(self) -> int:
        """Most municipalities onboarding at once (the load is highest when a wave starts)."""
        return max((self.load_on(w.start) for w in self.waves), default=0)


@dataclass
class _Slot:
    """A wave being planned."""

    id: str
    name: str
    fixed: list[Municipality]
    low: int
    high: int
    planned: tuple[int, int] | None
    extra: bool = False
    size: int = 0


# ------------------------------------------------------------- members and sizes


def _fixed_members(onb: model.Onboarding, ref: Reference) -> list[list[Municipality]]:
    placed: dict[str, str] = {}
    names = {w.id: w.name for w in onb.waves}
    out = []
    for wave in onb.waves:
        found = []
        for name in wave.members:
            m = ref.municipality(name)
            if m is None:
                raise WavePlanError(
                    f"wave '{wave.id}': '{name}' is not one of the {len(ref.municipalities)} municipalities",
                    "wp.err_unknown",
                    (("wave", wave.name), ("name", name), ("n", str(len(ref.municipalities)))),
                )
            if m.code in placed:
                raise WavePlanError(
                    f"wave '{wave.id}': {m.name} is already in wave '{placed[m.code]}'; place it once",
                    "wp.err_twice",
                    (("municipality", m.name), ("other", names[placed[m.code]]), ("wave", wave.name)),
                )
            placed[m.code] = wave.id
            found.append(m)
        out.append(found)
    return out


def _slot(
    wave: model.OnboardingWave,
    fixed: list[Municipality],
    capacity: int | None,
    total: int,
    notes: list[tuple[str, NoteValues]],
) -> _Slot:
    if wave.size is not None:
        low, high = wave.size
        if len(fixed) > high:
            raise WavePlanError(
                f"wave '{wave.id}' names {len(fixed)} municipalities but its planned size is at most {high};"
                " raise 'size' or move members",
                "wp.err_too_many",
                (("wave", wave.name), ("n", str(len(fixed))), ("high", str(high))),
            )
        low = max(low, len(fixed))
    elif fixed:
        low = high = len(fixed)
    else:
        low, high = 0, total  # open: no size planned
    if capacity is not None and low > capacity:
        raise WavePlanError(
            f"wave '{wave.id}' needs at least {low} municipalities onboarding at once, more than the"
            f" capacity of {capacity}; raise the capacity or make the wave smaller",
            "wp.err_capacity_wave",
            (("wave", wave.name), ("low", str(low)), ("capacity", str(capacity))),
        )
    if capacity is not None and high > capacity:
        if wave.size is not None:
            notes.append(
                ("wp.capped", (("wave", wave.id), ("size", _size_text(wave.size)), ("capacity", str(capacity))))
            )
        high = capacity
    return _Slot(id=wave.id, name=wave.name, fixed=fixed, low=low, high=high, planned=wave.size)


def _size_text(size: tuple[int, int]) -> str:
    return str(size) if isinstance(size, fields.WaveSize) else str(fields.WaveSize(*size))


def _extra_slots(
    slots: list[_Slot], total: int, capacity: int | None, notes: list[tuple[str, NoteValues]]
) -> list[_Slot]:
    """Waves of the last wave's size until the maxima hold everyone."""
    room = sum(s.high for s in slots)
    if room >= total:
        return []
    last = slots[-1]
    low, high = last.planned or (last.low, last.high)  # unsized: its named members, or open up to the capacity
    if capacity is not None:
        low, high = min(low, capacity), min(high, capacity)
    if high == 0:
        raise WavePlanError(
            f"the planned waves hold at most {room} of the {total} municipalities and the last wave"
            f" ('{last.id}') has no size to repeat; add waves or give the last one a size",
            "wp.err_no_room",
            (("room", str(room)), ("total", str(total)), ("wave", last.name)),
        )
    taken = {s.id for s in slots}
    numbers = [int(m[1]) for s in slots if (m := re.fullmatch(r"wave-(\d+)", s.id))]
    n = max(numbers, default=len(slots))
    extra = []
    for _ in range(math.ceil((total - room) / high)):
        n += 1
        while EXTRA_ID.format(n=n) in taken:
            n += 1
        extra.append(
            _Slot(
                id=EXTRA_ID.format(n=n),
                name=EXTRA_NAME.format(n=n),
                fixed=[],
                low=low,
                high=high,
                planned=(low, high),
                extra=True,
            )
        )
    notes.append(
        (
            "wp.extra_waves",
            (
                ("room", str(room)),
                ("total", str(total)),
                ("n", str(len(extra))),
                ("size", _size_text((low, high))),
                ("ids", ", ".join(s.id for s in extra)),
            ),
        )
    )
    return extra


def _deal_sizes(slots: list[_Slot], total: int) -> None:
    """Named members first, then each wave's minimum in order, then one by one up to the maxima."""
    left = total - sum(len(s.fixed) for s in slots)
    for s in slots:
        s.size = len(s.fixed)
    for s in slots:
        take = min(s.low - s.size, left)
        s.size += take
        left -= take
    while left > 0:
        for s in slots:
            if left and s.size < s.high:
                s.size += 1
                left -= 1


# ------------------------------------------------------------- the proposal


def default_start(onb: model.Onboarding, status_date: dt.date) -> dt.date:
    """Where a proposal starts unless told: the first onboarding wave's written start, else the status date."""
    starts = [w.start.first for w in onb.waves if w.start is not None]
    return min(starts) if starts else status_date


def propose(onboarding: model.Onboarding, ref: Reference, start: dt.date, capacity: int | None = None) -> Proposal:
    """Place every reference municipality in a wave and date the waves (see the module doc)."""
    cap = capacity if capacity is not None else onboarding.capacity
    if cap is not None and cap < 1:
        raise WavePlanError(
            f"capacity {cap} is not possible; at least 1 municipality must be able to onboard",
            "wp.err_capacity",
            (("capacity", str(cap)),),
        )
    total = len(ref.municipalities)
    if total == 0:
        raise WavePlanError(
            "the reference list of municipalities is empty; check data/reference/municipalities.csv",
            "wp.err_no_reference",
        )
    if not onboarding.waves:
        raise WavePlanError(
            "the onboarding has no waves; add at least one, e.g. {id: wave-1, name: Bølge 1, size: 25-30}",
            "wp.err_no_waves",
        )
    notes: list[tuple[str, NoteValues]] = []
    months = onboarding.duration_months
    if months is None:
        months = DEFAULT_DURATION_MONTHS
        notes.append(("wp.no_duration", (("n", f"{months:g}"),)))
    fixed = _fixed_members(onboarding, ref)
    slots = [_slot(w, f, cap, total, notes) for w, f in zip(onboarding.waves, fixed, strict=True)]
    slots += _extra_slots(slots, total, cap, notes)
    _deal_sizes(slots, total)
    slots = _drop_empty(slots, notes)
    chosen = _fill(slots, ref)
    if cap is None and len(slots) > 1:
        notes.append(("wp.sequential", ()))
    spans = wave_dates.schedule([s.size for s in slots], start, months, cap)
    last = max((end for _, end in spans), default=start)
    if last.year > dates.MAX_YEAR:  # the plan could not hold it: the loader refuses such a date
        raise WavePlanError(
            f"the waves would end on {last.isoformat()}, after {dates.MAX_YEAR}; start earlier or onboard more at once",
            "wp.err_too_late",
            (("year", str(dates.MAX_YEAR)),),
        )
    waves = tuple(
        ProposedWave(
            id=s.id,
            name=s.name,
            municipalities=(*s.fixed, *picked),
            fixed=tuple(m.name for m in s.fixed),
            start=b,
            end=e,
            planned_size=s.planned,
            extra=s.extra,
        )
        for s, picked, (b, e) in zip(slots, chosen, spans, strict=True)
    )
    return Proposal(
        waves=waves,
        duration_months=months,
        capacity=cap,
        start=start,
        status=tuple(onboarding.status),
        note=onboarding.note,
        note_keys=tuple(notes),
    )


def _drop_empty(slots: list[_Slot], notes: list[tuple[str, NoteValues]]) -> list[_Slot]:
    for s in slots:
        if s.size == 0:
            notes.append(("wp.dropped", (("wave", s.id),)))
        elif s.size < s.low:
            notes.append(("wp.below_min", (("wave", s.id), ("n", str(s.size)), ("low", str(s.low)))))
    return [s for s in slots if s.size > 0]


def _fill(slots: list[_Slot], ref: Reference) -> list[list[Municipality]]:
    """The free places of each wave, in order, regions mixed (see :func:`apportion`)."""
    named = {m.code for s in slots for m in s.fixed}
    pool = [m for m in ref.municipalities if m.code not in named]
    chosen = []
    for s in slots:
        picked = apportion.apportion(pool, s.size - len(s.fixed))
        taken = {m.code for m in picked}
        pool = [m for m in pool if m.code not in taken]
        chosen.append(picked)
    return chosen
