"""Compare a programme's alternative plans by their outcome.

For each scenario: when each party group goes live and how many months
earlier or later than in the plan of record; who must convert and for how
long; which vendors' stated readiness fits the scenario.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from planner import model, schedule


@dataclass(frozen=True)
class PartyRow:
    """One party group across the scenarios."""

    party: str
    go_lives: dict[str, dt.date | None]  # scenario id -> go-live
    months_vs_reference: dict[str, int | None]  # scenario id -> months later (+) / earlier (-)


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
    def longest_conversion_days(self) -> int:
        return max((w.days for w in self.conversion), default=0)

    @property
    def vendors_fitting(self) -> tuple[model.Vendor, ...]:
        return tuple(f.vendor for f in self.fits if f.fits)

    @property
    def vendors_not_fitting(self) -> tuple[model.Vendor, ...]:
        return tuple(f.vendor for f in self.fits if f.fits is False)

    @property
    def vendors_preferring(self) -> tuple[model.Vendor, ...]:
        return tuple(f.vendor for f in self.fits if f.readiness.preferred_scenario == self.scenario.id)


@dataclass(frozen=True)
class Comparison:
    """All scenarios of a programme side by side."""

    reference: model.Scenario
    parties: tuple[PartyRow, ...]
    summaries: tuple[ScenarioSummary, ...]


def compare(prog: model.Programme, vendors: Sequence[model.Vendor],
            reference: model.Scenario | None = None) -> Comparison:
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
        rows.append(PartyRow(party=party, go_lives=lives, months_vs_reference=diffs))
    summaries = tuple(
        ScenarioSummary(scenario=s, conversion=tuple(schedule.conversion_windows(s)),
                        fits=tuple(schedule.fits_for(prog, list(vendors), s)))
        for s in prog.scenarios
    )
    return Comparison(reference=ref, parties=tuple(rows), summaries=summaries)


def _go_live(scenario: model.Scenario, party: str) -> dt.date | None:
    wave = schedule.wave_for_party(scenario, party)
    return schedule.go_live_date(wave) if wave else None


def table(prog: model.Programme, vendors: Sequence[model.Vendor], lang: str) -> list[dict[str, str]]:
    """The comparison as rows of text: one per party group, then conversion and vendor fit."""
    from planner import i18n  # local: keep the computation above free of presentation

    comparison = compare(prog, vendors)
    names = {s.id: s.name for s in prog.scenarios}
    party_col = i18n.t("pg.party", lang)

    def cell(row: PartyRow, sid: str) -> str:
        day = row.go_lives.get(sid)
        if day is None:
            return "–"
        diff = row.months_vs_reference.get(sid)
        if sid == comparison.reference.id or diff is None:
            return i18n.day(day, lang)
        if diff == 0:
            rel = i18n.t("pg.same", lang)
        else:
            rel = i18n.t("pg.later" if diff > 0 else "pg.earlier", lang, n=abs(diff))
        return f"{i18n.day(day, lang)} ({rel})"

    rows = [{party_col: r.party, **{names[s.id]: cell(r, s.id) for s in prog.scenarios}} for r in comparison.parties]
    convert = {party_col: i18n.t("pg.must_convert", lang)}
    fit = {party_col: i18n.t("pg.vendor_fit", lang)}
    for summary in comparison.summaries:
        name = names[summary.scenario.id]
        if summary.conversion:
            months = max(schedule.month_difference(w.first_go_live, w.go_live) for w in summary.conversion)
            convert[name] = f"{', '.join(summary.parties_converting)}: {i18n.t('w.months', lang, n=months)}"
        else:
            convert[name] = i18n.t("w.none", lang)
        dated = [f for f in summary.fits if f.fits is not None]
        fit[name] = f"{len(summary.vendors_fitting)} {i18n.t('w.of', lang)} {len(dated)}"
        if summary.vendors_not_fitting:
            fit[name] += " (" + ", ".join(v.name for v in summary.vendors_not_fitting) + ")"
    return [*rows, convert, fit]
