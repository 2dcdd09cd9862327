"""The meeting pack's content: one list of slides, in meeting order, whatever format it is written in.

The same :func:`slides` feed the 16:9 deck (:mod:`pack_pptx`, each chart drawn as the deck's own shapes),
the offline HTML file (:mod:`pack_html`, the app's figures) and, as tables, the workbook. A slide holds its
title, key lines, table or chart; a chart's figure is built only when a format asks for it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go
from pydantic import BaseModel

from planner.analysis import decisions, matrix_paging, onboarding, progress, schedule, status
from planner.plan import fields, model, provenance
from planner.plan.loader import Plan
from planner.presentation import (
    chart_rows,
    chart_text,
    compare_table,
    decision_table,
    decision_text,
    deck_native,
    diff_text,
    i18n,
    readiness_text,
    status_text,
    tables,
    vendor_text,
)
from planner.presentation.charts import gantt, gantt_rows, geo, targets, theme
from planner.presentation.charts import vendors as vendor_charts


@dataclass
class Slide:
    """One view of the meeting pack.

    A chart is ``draw``: the app's figure, built the first time :attr:`figure` is asked for (the HTML
    pack, or a deck picture); and, where the deck draws it as its own shapes, ``native`` (shapes in a
    box, see :mod:`deck_native`) with ``words``, its alternative text from the same data (:mod:`chart_rows`),
    so the deck builds no figure.
    """

    title: str
    lines: list[str] = field(default_factory=list)
    draw: Callable[[], go.Figure] | None = None
    table: list[dict[str, str]] | None = None
    key: str = ""
    native: Callable[[Any, deck_native.Box], object] | None = None
    words: Callable[[], chart_text.ChartText] | None = None
    _figure: go.Figure | None = field(default=None, init=False, repr=False)

    @property
    def figure(self) -> go.Figure | None:
        if self._figure is None and self.draw is not None:
            self._figure = self.draw()
        return self._figure


def footer(plan: Plan, lang: str, as_of: dt.date) -> str:
    return i18n.t("rp.footer", lang, date=i18n.day(as_of, lang), source=plan.portfolio.source)


def slides(
    plan: Plan,
    lang: str,
    as_of: dt.date | None = None,
    boundaries: dict[str, Any] | None = None,
    style: theme.Style = theme.PROJECTOR,
    since: tuple[str, Plan] | None = None,
) -> list[Slide]:
    """Every view in meeting order: overview, changes since a baseline, programmes, vendors, onboarding, targets."""
    day = as_of or plan.status_date
    out = [_overview(plan, lang, day, style)]
    if since is not None:  # the pack opens with what changed since the last meeting
        out.insert(0, _changes(plan, since, lang))
    for prog in plan.programmes:
        out += _programme(plan, prog, lang, day, style)
    if any(v.readiness for v in plan.vendors):
        out += _vendors(plan, lang, style)
    for prog in plan.programmes:
        if prog.onboarding:
            out.append(_onboarding(plan, prog, prog.onboarding, lang, day, style, boundaries))
    for prog in plan.programmes:
        for tp in progress.progress(prog, day):
            out.append(_target(prog, tp, lang, day, style))
    out.append(_sources(plan, lang))
    for s in out:
        if s.draw is not None:
            s.draw = _localised(s.draw, lang)
    return out


def _localised(draw: Callable[[], go.Figure], lang: str) -> Callable[[], go.Figure]:
    return lambda: theme.localise(draw(), lang)


def _overview(plan: Plan, lang: str, day: dt.date, style: theme.Style) -> Slide:
    statuses = {p.id: status.programme_status(p, plan.vendors, day) for p in plan.programmes}
    window = gantt.default_window(plan.programmes, day)
    layout, colours = gantt.portfolio_layout(plan.programmes, statuses, lang, day)
    layout = gantt_rows.truncated(layout, lang, gantt_rows.rows_that_fit(style))
    upcoming = schedule.milestones_between(plan.programmes, day, day + dt.timedelta(days=90))
    lines = [status_text.counts(statuses.values(), lang)]
    if upcoming:
        lines.append(
            i18n.t("ov.next_90", lang)
            + ": "
            + "; ".join(
                f"{tables.dated(m.date, m.inferred('date'), lang)} {gantt.programme_label(p)}: {m.name}"
                for p, _, m in upcoming[:3]
            )
            + (f" {i18n.tn('rp.more_milestones', len(upcoming) - 3, lang)}" if len(upcoming) > 3 else "")
        )
    open_ones = decisions.open_decisions(plan.programmes, day)
    lines += [f"{gantt.programme_label(o.programme)}: {decision_text.sentence(o, day, lang)}" for o in open_ones]
    met = [m for m in plan.portfolio.meetings if m.date.first <= day]
    if met:  # the meetings the network has held: the cycle this pack belongs to
        lines.append(
            i18n.t("rp.meetings", lang, meetings="; ".join(f"{i18n.fuzzy(m.date, lang)} {m.name}" for m in met))
        )
    title = i18n.t("page.overview", lang)
    return Slide(
        title=title,
        lines=lines,
        draw=lambda: gantt.portfolio_gantt(plan.programmes, statuses, day, lang, style, window),
        key="overview",
        native=lambda shapes, box: deck_native.gantt(shapes, layout, day, lang, box, window, colours),
        words=lambda: chart_text.described(title, chart_rows.gantt(layout, lang), lang),
    )


def _changes(plan: Plan, since: tuple[str, Plan], lang: str) -> Slide:
    from planner.analysis import diff

    name, old = since
    found = diff.changes(old, plan)
    column = i18n.t("ch.what", lang)
    table = [{column: diff_text.describe(c, lang)} for c in found[:14]] or [{column: diff_text.format_report([], lang)}]
    lines = [i18n.tn("ch.title", len(found), lang, ref=name)]
    if len(found) > 14:
        lines.append(i18n.t("rp.more_changes", lang, n=len(found) - 14))
    return Slide(title=i18n.t("rp.changes_title", lang, ref=name), lines=lines, table=table, key="changes")


def _sources(plan: Plan, lang: str) -> Slide:
    """The last slide: where the values come from, and how many records are estimates, per file."""
    rows = []
    records: list[tuple[str, BaseModel, fields.Cite | None]] = [
        (p.short_name or p.name, p, p.source) for p in plan.programmes
    ]
    records += [(v.display_name, v, v.source) for v in plan.vendors]
    for name, record, source in records:
        found = list(provenance.walk(record))
        estimates = sum(1 for item in found if item.estimate or item.record.estimated)
        rows.append(
            {
                i18n.t("w.item", lang): name,
                i18n.t("w.source_label", lang): readiness_text.source(source, plan.portfolio, lang)
                or i18n.t("w.no_source", lang),
                i18n.t("rp.estimates", lang): i18n.number(estimates, lang),
            }
        )
    lines = [d.title + (f": {d.note}" if d.note else "") for d in plan.portfolio.sources]
    return Slide(title=i18n.t("rp.sources_title", lang), lines=lines, table=rows, key="sources")


def _programme(plan: Plan, prog: model.Programme, lang: str, day: dt.date, style: theme.Style) -> list[Slide]:
    scenario = prog.plan_of_record
    state = status.programme_status(prog, plan.vendors, day)
    if not any(w.phases or w.milestones for w in scenario.waves):  # no plan yet: said, with what is known
        facts = {
            i18n.t("w.owner", lang): tables.owner(prog, lang),
            i18n.t("w.state", lang): status_text.label(state, lang),
            i18n.t("w.source_label", lang): readiness_text.source(prog.source, plan.portfolio, lang)
            or i18n.t("w.no_source", lang),
        }
        table = [{i18n.t("w.item", lang): k, i18n.t("w.value", lang): v} for k, v in facts.items()]
        lines = [f"{status_text.label(state, lang)}: {status_text.reason(state, lang)}"]
        return [Slide(title=prog.name, lines=lines, table=table, key=f"programme-{prog.id}")]
    lines = [f"{status_text.label(state, lang)}: {status_text.reason(state, lang)}"]
    lines += decision_text.for_programme(prog, day, lang)  # options until decided, then what was decided
    lines += [prog.summary] if prog.summary else []
    lines += [tables.conversion(w, lang) for w in schedule.conversion_windows(scenario)]
    lines += [scenario.conversion_note] if scenario.conversion_note else []
    layout = gantt_rows.truncated(gantt.programme_layout(prog, scenario, lang), lang, gantt_rows.rows_that_fit(style))
    out = [
        Slide(
            title=f"{prog.name}",
            lines=lines,
            draw=lambda: gantt.programme_gantt(prog, scenario, day, lang, style),
            key=f"programme-{prog.id}",
            native=lambda shapes, box: deck_native.gantt(shapes, layout, day, lang, box),
            words=lambda: chart_text.described(prog.name, chart_rows.gantt(layout, lang), lang),
        )
    ]
    if len(prog.scenarios) > 1:
        out.append(
            Slide(
                title=f"{gantt.programme_label(prog)}: {i18n.t('pg.compare', lang).lower()}",
                lines=[i18n.t("pg.vs", lang, scenario=scenario.name)],
                table=compare_table.table(prog, plan.vendors, lang),
                key=f"compare-{prog.id}",
            )
        )
    found = decisions.open_decisions([prog], day) + decisions.taken([prog], day)
    out += [_decision(plan, d, lang, day) for d in found]
    return out


def _decision(plan: Plan, found: decisions.Open, lang: str, day: dt.date) -> Slide:
    """The options of a decision side by side, with who supports or prefers which and the sources."""
    prog, decision = found.programme, found.decision
    compared = decision_table.side_by_side(prog, decision, plan.vendors, plan.portfolio, day, lang)
    return Slide(
        title=f"{gantt.programme_label(prog)}: {i18n.t('page.decision', lang).lower()}",
        lines=[decision_text.sentence(found, day, lang), *compared.notes],
        table=list(compared.rows),
        key=f"decision-{prog.id}-{decision.id}",
    )


DECK_MATRIX_COLUMNS = 5  # programme waves on a slide (a programme is never split): each cell's words on two lines
DECK_MATRIX_ROWS = 8  # vendors on a slide: rows of two lines above the footer, under key lines


def _vendors(plan: Plan, lang: str, style: theme.Style) -> list[Slide]:
    """The readiness matrix, on as many slides as its columns need, each with the least ready vendors that fit."""
    fits = [f for p in plan.programmes for f in schedule.fits_for(p, plan.vendors)]
    late = sorted((f for f in fits if (f.gap_days or 0) > 0), key=lambda f: -(f.gap_days or 0))
    assumed = readiness_text.estimate_mark(any(f.estimated for f in late), lang)  # the count rests on estimates
    lines = [
        i18n.t("rp.vendors_late", lang, n=i18n.number(len(late), lang), total=i18n.number(len(fits), lang)) + assumed
    ]
    if late:
        lines.append(
            vendor_text.gap_sentence(late[0], lang)
            + readiness_text.estimate_mark(late[0].estimated, lang)
            + f" ({_names(sorted({f.vendor.name for f in late}), lang)})"
        )
    parts = matrix_paging.slide_parts(plan, DECK_MATRIX_COLUMNS, DECK_MATRIX_ROWS)
    ranges = matrix_paging.part_ranges([part for part, _ in parts]) if len(parts) > 1 else []
    slides = []
    for i, (part, more) in enumerate(parts):
        title = i18n.t("page.vendors", lang)
        if ranges:
            title += ": " + vendor_text.part_label(*ranges[i], lang).lower()
        said = [*(lines if i == 0 else []), *([i18n.tn("rp.more_vendors", more, lang)] if more else [])]
        slides.append(_matrix_slide(plan, part, title, said, f"vendors-{i + 1}" if i else "vendors", lang, style))
    return slides


NAMED = 5  # names a line lists before it counts the rest


def _names(names: list[str], lang: str) -> str:
    """'A, B, C, D, E og 55 flere': a list a slide's line can hold."""
    if len(names) <= NAMED:
        return ", ".join(names)
    return ", ".join(names[:NAMED]) + " " + i18n.t("rp.more_names", lang, n=i18n.number(len(names) - NAMED, lang))


def _matrix_slide(
    plan: Plan, part: Plan, title: str, lines: list[str], key: str, lang: str, style: theme.Style
) -> Slide:
    table = functools.cache(lambda: vendor_charts.matrix_table(part, lang, plan.status_date))
    return Slide(
        title=title,
        lines=lines,
        draw=lambda: vendor_charts.readiness_matrix(part, lang, style, as_of=plan.status_date),
        key=key,
        native=lambda shapes, box: deck_native.matrix(shapes, *table(), lang, box),
        words=lambda: chart_text.described(title, chart_rows.matrix(*table(), lang), lang),
    )


def _onboarding(
    plan: Plan,
    prog: model.Programme,
    onb: model.Onboarding,
    lang: str,
    day: dt.date,
    style: theme.Style,
    boundaries: dict[str, Any] | None,
) -> Slide:
    rows = onboarding.rows(onb, plan.reference, day)
    counts = {state: sum(r.state is state for r in rows) for state in onboarding.State}
    assumed = {state for state in onboarding.State if any(r.state is state and r.estimate for r in rows)}
    mark = f" ({i18n.t('w.estimate', lang)})"
    lines = [
        " · ".join(
            f"{i18n.t('onb.' + s.value, lang)}: {i18n.number(n, lang)}{mark if s in assumed else ''}"
            for s, n in counts.items()
            if n
        )
    ]
    title = f"{gantt.programme_label(prog)}: {i18n.t('page.municipalities', lang).lower()}"
    slide = Slide(
        title=title,
        lines=lines,
        draw=lambda: geo.onboarding_map(plan, prog, "wave", lang, style, day, boundaries=boundaries),
        key=f"map-{prog.id}",
    )
    if boundaries is not None:  # the municipalities as the deck's own shapes; without boundaries, a picture
        shown = boundaries
        categories = functools.cache(lambda: geo.wave_categories(plan, prog, day, lang))
        slide.native = lambda shapes, box: deck_native.onboarding_map(shapes, categories(), lang, box, shown)
        slide.words = lambda: chart_text.described(title, chart_rows.onboarding(categories(), lang), lang)
    return slide


def _target(prog: model.Programme, tp: progress.TargetProgress, lang: str, day: dt.date, style: theme.Style) -> Slide:
    unit = tp.metric.unit_in(lang) if tp.metric else ""
    name = tp.metric.name if tp.metric else tp.target.metric
    lines = [
        i18n.t(
            "tg.progress",
            lang,
            value=i18n.number(tp.value, lang),
            target=i18n.number(tp.target.target, lang),
            unit=unit,
        )
        + f" ({i18n.percent(tp.share, lang)}) · "
        + i18n.t("tg.period_gone", lang, share=i18n.percent(tp.period_gone, lang))
        + readiness_text.estimate_mark(tp.period_estimated, lang)  # from an assumed start or due date
    ]
    if tp.needed is not None:
        lines.append(
            i18n.t(
                "tg.needed",
                lang,
                need=i18n.number(tp.needed, lang, 1),
                pace=status_text.pace(tp.pace_basis, lang),
            )
        )
    title = f"{gantt.programme_label(prog)}: {name}"
    return Slide(
        title=title,
        lines=lines,
        draw=lambda: targets.burnup(tp, lang, style, day, theme.programme_colour(prog)),
        key=f"target-{prog.id}-{tp.target.id}",
        native=lambda shapes, box: deck_native.burnup(shapes, tp, lang, box, theme.programme_colour(prog)),
        words=lambda: chart_text.described(title, chart_rows.burnup(tp, lang), lang),
    )
