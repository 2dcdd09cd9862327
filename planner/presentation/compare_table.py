"""Scenarios compared by outcome, as the table people read: a row per party group, then conversion and vendor fit."""

from __future__ import annotations

from collections.abc import Sequence

from planner.analysis import compare, schedule
from planner.plan import model
from planner.presentation import i18n, readiness_text, tables


def table(prog: model.Programme, vendors: Sequence[model.Vendor], lang: str) -> list[dict[str, str]]:
    """The comparison as rows of text: one per party group, then conversion and vendor fit."""
    comparison = compare.compare(prog, vendors)
    names = {s.id: s.name for s in prog.scenarios}
    party_col = i18n.t("pg.party", lang)

    def cell(row: compare.PartyRow, sid: str) -> str:
        day = row.go_lives.get(sid)
        if day is None:
            return "–"
        mark = row.marks.get(sid)  # as written, an estimate marked
        shown = tables.dated(mark.date, mark.inferred("date"), lang) if mark is not None else i18n.day(day, lang)
        diff = row.months_vs_reference.get(sid)
        if sid == comparison.reference.id or diff is None:
            return shown
        if diff == 0:
            rel = i18n.t("pg.same", lang)
        else:
            rel = i18n.t("pg.later" if diff > 0 else "pg.earlier", lang, n=abs(diff))
        return f"{shown} ({rel})"

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
        fit[name] = _fit_cell(summary.fits, lang)
    return [*rows, convert, fit]


def _fit_cell(fits: Sequence[schedule.Fit], lang: str) -> str:
    """'For sent (anslået): Systematic (Cura), KMD (Nexus) · Uden lovet dato: Epic': by name, never a bare count."""
    late = [f for f in fits if f.fits is False]
    in_time = [f for f in fits if f.fits]
    unknown = [f for f in fits if f.fits is None]
    parts = []
    if late:
        parts.append(i18n.t("pg.fit_late", lang, estimate=_estimated(late, lang), names=_names(late)))
    if in_time:
        parts.append(i18n.t("pg.fit_in_time", lang, estimate=_estimated(in_time, lang), names=_names(in_time)))
    if unknown:
        parts.append(i18n.t("pg.fit_unknown", lang, names=_names(unknown)))
    return " · ".join(parts) or i18n.t("w.none", lang)


def _names(fits: Sequence[schedule.Fit]) -> str:
    return ", ".join(dict.fromkeys(f.vendor.display_name for f in fits))


def _estimated(fits: Sequence[schedule.Fit], lang: str) -> str:
    return readiness_text.estimate_mark(any(f.estimated for f in fits), lang)
