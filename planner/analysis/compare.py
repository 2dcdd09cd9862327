"""Compare a programme's alternative plans by their outcome.

For each scenario: when each party group goes live and how many months
earlier or later than in the plan of record; who must convert and for how
long; which vendors' stated readiness fits the scenario.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.analysis import schedule
from planner.plan import model


@dataclass(frozen=True)
class PartyRow:
    """One party group across the scenarios."""

    party: str
    go_lives: dict[str, dt.date | None]  # scenario id -> go-live
    months_vs_reference: dict[str, int | None]  # scenario id -> months later (+) / earlier (-)
    # scenario id -> the go-live milestone: its date as written ('uge 40 2023'), its estimate mark
    marks: dict[str, model.Milestone | None] = field(default_factory=dict)


@dataclass(frozen=True)
class ScenarioSummary:
    """Conversion burden and vendor fit of one scenario."""

    scenario: model.Scenario
    conversion: tuple[schedule.ConversionWindow, ...]
    fits: tuple[schedule.Fit, ...]

    @property
    def parties_converting(self) -> tuple[str, ...]:
        return tuple(p for w in self.conversion for p in w.parties)

    @property
    def vendors_fitting(self) -> tuple[model.Vendor, ...]:
        return tuple(f.vendor for f in self.fits if f.fits)

    @property
    def vendors_not_fitting(self) -> tuple[model.Vendor, ...]:
        return tuple(f.vendor for f in self.fits if f.fits is False)


@dataclass(frozen=True)
class Comparison:
    """All scenarios of a programme side by side."""

    reference: model.Scenario
    parties: tuple[PartyRow, ...]
    summaries: tuple[ScenarioSummary, ...]


def compare(
    prog: model.Programme, vendors: Sequence[model.Vendor], reference: model.Scenario | None = None
) -> Comparison:
    """Compare every scenario of ``prog`` against ``reference`` (default: plan of record)."""
    ref = reference or prog.plan_of_record
    parties: dict[str, None] = {}
    for scenario in prog.scenarios:
        for party in schedule.party_groups(scenario):
            parties.setdefault(party, None)
    rows = []
    for party in parties:
        lives = {s.id: _go_live(s, party) for s in prog.scenarios}
        base = lives.get(ref.id)
        diffs = {sid: (schedule.month_difference(base, d) if base and d else None) for sid, d in lives.items()}
        marks = {s.id: _mark(s, party) for s in prog.scenarios}  # 'uge 40 2023' stays a week
        rows.append(PartyRow(party=party, go_lives=lives, months_vs_reference=diffs, marks=marks))
    summaries = tuple(
        ScenarioSummary(
            scenario=s,
            conversion=tuple(schedule.conversion_windows(s)),
            fits=tuple(schedule.fits_for(prog, list(vendors), s)),
        )
        for s in prog.scenarios
    )
    return Comparison(reference=ref, parties=tuple(rows), summaries=summaries)


def _mark(scenario: model.Scenario, party: str) -> model.Milestone | None:
    wave = schedule.wave_for_party(scenario, party)
    return schedule.go_live(wave) if wave else None


def _go_live(scenario: model.Scenario, party: str) -> dt.date | None:
    wave = schedule.wave_for_party(scenario, party)
    return schedule.go_live_date(wave) if wave else None
