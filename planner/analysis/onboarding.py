"""Municipality onboarding: which wave each of the 98 is in, and its state.

A municipality named in a wave is *planned* for it unless a status entry says
more; one not named anywhere is *unassigned*: the planner never invents a
membership the plan does not give.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.plan import fields, model
from planner.plan.reference import Municipality, Reference

State = model.OnboardingState


@dataclass(frozen=True)
class Row:
    """One municipality in one programme's onboarding."""

    municipality: Municipality
    wave: model.OnboardingWave | None
    state: State
    date: fields.Date | None
    estimate: bool  # the state is an estimate
    date_estimate: bool = False  # the date is an estimate


def rows(onb: model.Onboarding, ref: Reference, as_of: dt.date | None = None) -> list[Row]:
    """Every reference municipality with its wave and state (as of a date, if given).

    A status dated after ``as_of`` is not yet known on that date, so it falls
    back to what the wave membership says.
    """
    wave_of: dict[str, model.OnboardingWave] = {}
    for onb_wave in onb.waves:
        for name in onb_wave.members:
            found = ref.municipality(name)
            if found is not None:
                wave_of.setdefault(found.code, onb_wave)
    status_of: dict[str, model.MunicipalityStatus] = {}
    for entry in onb.status:
        found = ref.municipality(entry.municipality)
        if found is not None and (as_of is None or entry.date is None or entry.date.first <= as_of):
            status_of[found.code] = entry
    out = []
    for m in ref.municipalities:
        wave: model.OnboardingWave | None = wave_of.get(m.code)
        status: model.MunicipalityStatus | None = status_of.get(m.code)
        if status is not None:
            state, date = status.state, status.date
        else:
            state = State.PLANNED if wave else State.UNASSIGNED
            date = wave.start if wave else None
        # the state is an estimate when the status says so, or when it comes from an estimated wave membership
        estimate = status.inferred("state") if status is not None else bool(wave and wave.inferred("members"))
        dated = status.inferred("date") if status is not None else bool(wave and wave.inferred("start"))
        out.append(Row(municipality=m, wave=wave, state=state, date=date, estimate=estimate, date_estimate=dated))
    return out
