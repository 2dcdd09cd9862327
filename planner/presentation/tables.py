"""The tables the pages show, as rows with headers in the user's language (the pages only draw them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from planner.analysis import diff, onboarding, progress, schedule, status, waveplan
from planner.plan import model
from planner.plan.dates import FuzzyDate
from planner.presentation import diff_text, i18n, readiness_text, status_text
from planner.presentation.charts import gantt

Row = dict[str, object]


def dated(value: FuzzyDate | None, estimate: bool, lang: str) -> str:
    """'nov. 2024 (skøn)': a date with its estimate mark."""
    return i18n.fuzzy(value, lang) + (f" ({i18n.t('w.estimate', lang)})" if estimate else "")


def conversion(window: schedule.ConversionWindow, lang: str) -> str:
    """'EPJ skal konvertere fra 1. sep. 2024 til 1. dec. 2025 …': the go-lives as written, estimates marked."""

    def when(mark: model.Milestone | None, day: dt.date) -> str:
        return dated(mark.date, mark.inferred("date"), lang) if mark else i18n.day(day, lang)

    return i18n.t(
        "pg.conversion_text",
        lang,
        parties=", ".join(window.parties),
        start=when(window.first_mark, window.first_go_live),
        end=when(window.mark, window.go_live),
        months=schedule.month_difference(window.first_go_live, window.go_live),
        days=i18n.number(window.days, lang),
    )


def period(target: model.Target, lang: str) -> str:
    """'1. dec. 2020 (anslået) – 31. dec. 2022': a target's period as written, an assumed start or due marked."""
    return f"{dated(target.start, target.inferred('start'), lang)} – {dated(target.due, target.inferred('due'), lang)}"


def owner(prog: model.Programme, lang: str) -> str:
    """'Regeringen · præsenteret af KL': the owner, and who presented it when someone else did."""
    if not prog.presented_by:
        return prog.owner
    return f"{prog.owner} · {i18n.t('w.presented_by', lang, who=prog.presented_by)}"


def statuses(programmes: Iterable[model.Programme], found: Mapping[str, status.Status], lang: str) -> list[Row]:
    t = i18n.t
    return [
        {
            t("w.programme", lang): p.name,
            t("w.state", lang): status_text.label(found[p.id], lang),
            t("w.reason", lang): status_text.reason(found[p.id], lang),
            t("w.owner", lang): owner(p, lang),
        }
        for p in programmes
    ]


def milestones(items: Iterable[tuple[model.Programme, object, model.Milestone]], lang: str) -> list[Row]:
    t = i18n.t
    return [
        {
            t("w.date", lang): dated(m.date, m.inferred("date"), lang),
            t("w.programme", lang): gantt.programme_label(p),
            t("w.milestone", lang): m.name,
            t("w.kind", lang): t("ms." + m.kind.value, lang),
        }
        for p, _, m in items
    ]


def kind(value: model.SystemKind, lang: str) -> str:
    """'EOJ', 'EPJ', 'LPS' as they are; 'other' in words."""
    return i18n.t("w.kind_other", lang) if value is model.SystemKind.OTHER else value.value


def fits(
    found: Iterable[schedule.Fit], lang: str, programmes: Mapping[str, model.Programme] | None = None
) -> list[Row]:
    """One row per readiness: programmes and scenarios by name, the gap as a signed whole number of days."""
    t = i18n.t
    programmes = programmes or {}

    def programme(pid: str) -> str:
        prog = programmes.get(pid)
        return prog.short_name or prog.name if prog else pid

    def scenario(f: schedule.Fit) -> str:
        pid, sid = f.readiness.programme, f.readiness.preferred_scenario
        found = programmes[pid].scenario(sid) if sid and pid in programmes else None
        return found.name if found else (sid or "")

    return [
        {
            t("w.vendor", lang): f.vendor.name,
            t("w.system", lang): f.vendor.system or "",
            t("w.kind", lang): kind(f.vendor.kind, lang),
            t("w.programme", lang): programme(f.readiness.programme),
            t("w.state", lang): readiness_text.state(f, lang),
            t("vd.date", lang): readiness_text.when(f, lang),
            t("vd.gap_days", lang): "–" if f.gap_days is None else i18n.number(f.gap_days, lang),
            t("vd.preferred", lang): scenario(f),
            t("vd.as_of", lang): i18n.fuzzy(f.readiness.as_of, lang),
            t("w.note", lang): f.readiness.note,
        }
        for f in found
    ]


def folded(text: str) -> str:
    """Text as a search compares it: any case, 'å' as 'aa', 'æ' as 'ae', 'ø' as 'oe' ('Århus' finds Aarhus)."""
    key = text.strip().casefold()
    for letter, spelt in (("å", "aa"), ("æ", "ae"), ("ø", "oe"), ("é", "e")):
        key = key.replace(letter, spelt)
    return key.removeprefix("region ")


def municipalities(rows: Iterable[onboarding.Row], lang: str, query: str = "") -> list[Row]:
    """Every municipality's wave and state; ``query`` keeps those whose name, region or code contains it.

    Any case and either spelling of å, æ, ø ('århus' and 'Aarhus' find Aarhus; 'Region Sjælland' or
    'sjaelland' finds the region's municipalities).
    """
    t, key = i18n.t, folded(query)
    return [
        {
            t("w.municipality", lang): r.municipality.name,
            t("w.region", lang): r.municipality.region,
            t("w.wave", lang): r.wave.name if r.wave else t("mu.unassigned", lang),
            t("w.state", lang): t("onb." + r.state.value, lang) + readiness_text.estimate_mark(r.estimate, lang),
            t("w.date", lang): dated(r.date, r.date_estimate, lang),
        }
        for r in rows
        if key in folded(r.municipality.name) or key in folded(r.municipality.region) or key == r.municipality.code
    ]


def proposed_waves(proposal: waveplan.Proposal, regions: Sequence[str], lang: str) -> list[Row]:
    """One row per wave: its size and its members per region, every region a column (0 where it has none)."""
    t = i18n.t
    rows = []
    for w in proposal.waves:
        counts = w.region_counts()
        rows.append({t("w.wave", lang): w.name, t("w.count", lang): w.size, **{r: counts.get(r, 0) for r in regions}})
    return rows


def share_of_target(tp: progress.TargetProgress, lang: str) -> str:
    """'62 % af målet · mål: 60 af 98 kommuner': the share reached, and the target against what it counts."""
    share = i18n.t("tg.share_of_target", lang, share=i18n.percent(tp.share, lang))
    if not tp.target.denominator:
        return share
    target = i18n.t("tg.target_of", lang, target=i18n.number(tp.target.target, lang), of=tp.target.denominator)
    return f"{share} · {target}"


def changes(found: Sequence[diff.PlanChange], lang: str, programmes: Iterable[model.Programme] = ()) -> list[Row]:
    """One row per change: the programme by name, the change in words, the slip in days with its sign."""
    t = i18n.t
    names = {p.id: diff.label(p) for p in programmes}
    return [
        {
            t("w.programme", lang): names.get(c.programme, c.programme),
            t("ch.what", lang): diff_text.describe(c, lang),
            t("ch.slip", lang): "" if c.slip_days is None else f"{c.slip_days:+d}".replace("-", "−"),
        }
        for c in found
    ]


def national_figures(prog: model.Programme, observation: model.Observation, lang: str) -> str:
    """'37 kommuner · 214 lægepraksis · 1.733 konsultationer': an observation's national values with units."""
    return " · ".join(
        f"{i18n.number(observation.values[m.id], lang)} {m.unit_in(lang)}"
        for m in prog.metrics
        if m.id in observation.values
    )


def positions(
    vendors: Iterable[model.Vendor],
    programmes: Mapping[str, model.Programme],
    portfolio: model.Portfolio,
    lang: str,
    programme_id: str | None = None,
) -> list[Row]:
    """One row per stakeholder position (support, preference, proposal, concern), with its source; never lateness."""
    t = i18n.t
    rows: list[Row] = []
    for vendor in vendors:
        for p in vendor.positions:
            if programme_id is not None and p.programme != programme_id:
                continue
            prog = programmes.get(p.programme)
            chosen = prog.scenario(p.scenario) if prog and p.scenario else None
            rows.append(
                {
                    t("w.vendor", lang): vendor.display_name,
                    t("w.programme", lang): (prog.short_name or prog.name) if prog else p.programme,
                    t("pos.stance", lang): t("pos." + p.stance.value, lang),
                    t("pos.plan", lang): chosen.name if chosen else (p.scenario or t("pos.every_plan", lang)),
                    t("w.date", lang): i18n.fuzzy(p.date, lang) if p.date else "",
                    t("pos.what", lang): p.text,
                    t("w.source_label", lang): readiness_text.source(p.source or vendor.source, portfolio, lang) or "",
                }
            )
    return rows
