"""Gantt charts: the portfolio overview and one programme's waves x phases.

Layout rules: rows run top to bottom; phases that overlap in one row are put
in sub-lanes so none hides another; the time axis has quarter ticks
("Q1") under the years, over alternating year bands; the status date is a labelled
vertical line; estimated phases are lighter and hatched, and say so in their
hover and in the legend; go-lives are large diamonds with their date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go

from planner.analysis import decisions, schedule
from planner.analysis.status import SYMBOL, Status
from planner.plan import model
from planner.presentation import i18n
from planner.presentation.charts import theme
from planner.presentation.charts.gantt_parts import DAY_MS, draw
from planner.presentation.charts.gantt_rows import (
    Bar,
    Highlights,
    Layout,
    Mark,
    milestone_mark,
    phase_bar,
    rows_that_fit,
    truncated,
)
from planner.presentation.charts.theme import Style

__all__ = ["Highlights", "default_window", "portfolio_gantt", "programme_gantt", "programme_label", "waves_gantt"]


# ------------------------------------------------------------- portfolio


def programme_label(prog: model.Programme) -> str:
    return prog.short_name or prog.name


def portfolio_layout(
    programmes: Sequence[model.Programme], statuses: dict[str, Status], lang: str, as_of: dt.date | None = None
) -> tuple[Layout, dict[int, str]]:
    """One row per wave of each programme's plan of record."""
    layout, colours = Layout(), {}
    for prog in programmes:
        colour = theme.programme_colour(prog)
        status = statuses.get(prog.id)
        symbol = f"{SYMBOL[status.rag]} " if status else ""
        scenario = prog.plan_of_record
        proposed = as_of is not None and decisions.status(prog, scenario, as_of) is not model.ScenarioStatus.ADOPTED
        name = programme_label(prog) + (f" ({i18n.t('sc.proposed', lang)})" if proposed else "")
        waves = [w for w in scenario.waves if w.phases or w.milestones]
        first_row = len(layout.rows)
        for wave in waves:
            label = name + (f" · {wave.name}" if len(waves) > 1 else "")
            row = layout.add_row(symbol + label)
            if status:
                colours[row] = theme.RAG_COLOUR[status.rag] if status.rag else theme.GREY
            for p in wave.phases:
                layout.bars.append(
                    phase_bar(row, p, lang, colour=colour, legend=programme_label(prog), prefix=f"{prog.name}<br>")
                )
            layout.marks += [milestone_mark(row, m, lang) for m in wave.milestones]
        if prog.milestones:
            row = first_row if len(layout.rows) > first_row else layout.add_row(symbol + name)
            layout.marks += [milestone_mark(row, m, lang) for m in prog.milestones]
    return layout, colours


def portfolio_gantt(
    programmes: Sequence[model.Programme],
    statuses: dict[str, Status],
    as_of: dt.date,
    lang: str,
    style: Style = theme.SCREEN,
    window: tuple[dt.date, dt.date] | None = None,
) -> go.Figure:
    """All programmes' plans of record on one time axis."""
    layout, colours = portfolio_layout(programmes, statuses, lang, as_of)
    layout = truncated(layout, lang, rows_that_fit(style))
    return draw(layout, as_of, lang, style, i18n.t("ov.gantt_title", lang), window, colours)


def default_window(programmes: Sequence[model.Programme], as_of: dt.date) -> tuple[dt.date, dt.date]:
    """From the start of the status year to the end of the last dated item."""
    ends = [as_of]
    for prog in programmes:
        for wave in prog.plan_of_record.waves:
            span = schedule.wave_span(wave)
            if span:
                ends.append(span[1])
        ends += [m.date.first for m in prog.milestones]
    return dt.date(as_of.year, 1, 1), dt.date(max(ends).year, 12, 31)


# ------------------------------------------------------------- one programme


def programme_layout(prog: model.Programme, scenario: model.Scenario, lang: str) -> Layout:
    """Rows: programme milestones, then per wave its phases and a go-live row."""
    layout = Layout()
    if prog.milestones:
        row = layout.add_row(i18n.t("w.milestone", lang) + " · " + programme_label(prog))
        layout.marks += [milestone_mark(row, m, lang) for m in prog.milestones]
    phase_row: dict[str, int] = {}
    go_live_row: dict[str, tuple[int, dt.date]] = {}
    colour = theme.programme_colour(prog)  # its colour on every page; the rows name the waves
    named = len(scenario.waves) > 1  # one wave: its rows need not repeat its name
    for wave in scenario.waves:
        for p in wave.phases:
            row = layout.add_row(f"{wave.name} · {p.name}" if named else p.name)
            phase_row[f"{wave.id}.{p.id}"] = row
            layout.bars.append(
                phase_bar(
                    row,
                    p,
                    lang,
                    colour=colour,
                    legend=programme_label(prog),
                    key=f"{wave.id}.{p.id}",
                    prefix="" if named else f"{wave.name}<br>",
                )
            )
        if wave.milestones:
            row = layout.add_row(
                f"{wave.name} · {i18n.t('w.milestone', lang).lower()}" if named else i18n.t("w.milestones", lang)
            )
            for m in wave.milestones:
                mark = milestone_mark(row, m, lang)
                mark.key = f"{wave.id}.{m.id or m.name}"  # the keys of whatif and baseline_slips.slips
                if not named:
                    mark.hover = f"{wave.name}<br>{mark.hover}"  # the row does not name the wave
                layout.marks.append(mark)
            live = schedule.go_live_date(wave)
            if live:
                go_live_row[wave.id] = (row, live)
    _dependency_arrows(layout, scenario, phase_row, go_live_row)
    return layout


def _dependency_arrows(
    layout: Layout, scenario: model.Scenario, phase_row: dict[str, int], go_live_row: dict[str, tuple[int, dt.date]]
) -> None:
    bars = {b.row: b for b in layout.bars}
    for wave in scenario.waves:
        for p in wave.phases:
            succ = bars[phase_row[f"{wave.id}.{p.id}"]]
            for after in p.after:
                found = scenario.waited_for(wave, after)
                if found is None:
                    continue
                holder, item = found
                key = f"{holder.id}.{item.id}"
                if isinstance(item, model.Phase) and key in phase_row:
                    pred = bars[phase_row[key]]
                    layout.arrows.append((pred.end, pred.row, succ.start, succ.row))
                elif (
                    isinstance(item, model.Milestone) and holder.id in go_live_row and item is schedule.go_live(holder)
                ):
                    row, day = go_live_row[holder.id]  # from the go-live it waits for
                    layout.arrows.append((day, row, succ.start, succ.row))
        for after in wave.after:
            if after in go_live_row and wave.id in go_live_row:
                (r0, d0), (r1, d1) = go_live_row[after], go_live_row[wave.id]
                layout.arrows.append((d0, r0, d1, r1))


def programme_gantt(
    prog: model.Programme,
    scenario: model.Scenario,
    as_of: dt.date,
    lang: str,
    style: Style = theme.SCREEN,
    highlights: Highlights | None = None,
) -> go.Figure:
    """Waves x phases of one scenario, with dependencies and the conversion window.

    With ``highlights``: the critical path outlined, what-if moves labelled
    ("+60 d"), and baseline bars drawn thin and grey under the current ones.
    """
    layout = truncated(programme_layout(prog, scenario, lang), lang, rows_that_fit(style))
    title = i18n.t("pg.gantt_title", lang, programme=programme_label(prog), scenario=scenario.name)
    fig = draw(layout, as_of, lang, style, title, None, outlined=highlights.critical if highlights else frozenset())
    if highlights is not None:
        _highlight(fig, layout, highlights, lang, style)
    windows = schedule.conversion_windows(scenario)
    theme.add_to_layout(
        fig,
        [
            {
                "type": "rect",
                "xref": "x",
                "yref": "y domain",
                "x0": window.first_go_live.isoformat(),
                "x1": window.go_live.isoformat(),
                "y0": 0,
                "y1": 1,
                "fillcolor": "rgba(213,94,0,0.10)",
                "line": {"color": theme.VERMILION, "width": 1, "dash": "dot"},
                "layer": "below",
                "name": "conversion-window",
            }
            for window in windows
        ],
    )
    for window in windows:
        # named in the legend, beside the bars' and marks' keys (a label in the plot met a row's marks)
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=i18n.t("pg.conversion", lang) + ": " + ", ".join(window.parties),
                marker={"symbol": "square", "size": 14, "color": "rgba(213,94,0,0.25)",
                        "line": {"color": theme.VERMILION, "width": 1}},
                hoverinfo="skip",
            )
        )  # fmt: skip
    return fig


def _signed(days: int, lang: str) -> str:
    return i18n.t("pg.moved_days", lang, n=f"{days:+d}")


def _highlight(fig: go.Figure, layout: Layout, hl: Highlights, lang: str, style: Style) -> None:
    critical = [b for b in layout.bars if b.key in hl.critical]
    if critical:
        fig.add_trace(
            go.Bar(
                orientation="h",
                base=[b.start.isoformat() for b in critical],
                x=[((b.end - b.start).days + 1) * DAY_MS for b in critical],
                y=[b.row - 0.4 + (b.lane + 0.5) * 0.8 / b.lanes for b in critical],
                width=[0.8 / b.lanes * 0.92 for b in critical],
                marker={"color": "rgba(0,0,0,0)", "line": {"color": theme.BLACK, "width": 4}},
                hoverinfo="skip",
                name=i18n.t("pg.critical_path", lang),
                meta={"critical": True},
            )
        )
    marks = [m for m in layout.marks if m.key in hl.critical]
    if marks:
        fig.add_trace(
            go.Scatter(
                x=[m.date.isoformat() for m in marks],
                y=[m.row for m in marks],
                mode="markers",
                hoverinfo="skip",
                marker={"symbol": "diamond-open", "size": 34, "color": theme.BLACK, "line": {"width": 3}},
                name=i18n.t("pg.critical_path", lang),
                showlegend=not critical,
                meta={"critical": True},
            )
        )
    items: list[Bar | Mark] = [*layout.bars, *layout.marks]
    for item in items:
        days = hl.moved.get(item.key)
        if days:
            x = item.end if isinstance(item, Bar) else item.date
            fig.add_annotation(
                x=x.isoformat(),
                y=item.row,
                xanchor="left",
                showarrow=False,
                xshift=14,
                text=f"<b>{_signed(days, lang)}</b>",
                name="moved",
                font={"size": style.px(style.small), "color": theme.VERMILION},
            )
    _baseline_bars(fig, layout, hl, lang, style)


def _baseline_bars(fig: go.Figure, layout: Layout, hl: Highlights, lang: str, style: Style) -> None:
    bars = {b.key: b for b in layout.bars}
    marks = {m.key: m for m in layout.marks}
    old_marks = [(marks[k], span) for k, span in hl.baseline.items() if k in marks]
    if old_marks:
        fig.add_trace(
            go.Scatter(
                x=[span[0].isoformat() for _, span in old_marks],
                y=[item.row for item, _ in old_marks],
                mode="markers",
                marker={"symbol": "diamond-open", "size": 22, "color": theme.GREY, "line": {"width": 2}},
                name=i18n.t("pg.baseline", lang),
                meta={"baseline": True},
                hoverinfo="text",
                hovertext=[f"{i18n.t('pg.baseline', lang)}: {i18n.day(s[0], lang)}" for _, s in old_marks],
            )
        )
    old = [(bars[k], span) for k, span in hl.baseline.items() if k in bars]
    for mark, span in old_marks:
        slip = (mark.date - span[0]).days
        if slip:
            fig.add_annotation(
                x=max(mark.date, span[0]).isoformat(),
                y=mark.row,
                yshift=-22,
                xanchor="left",
                xshift=8,
                showarrow=False,
                text=_signed(slip, lang),
                name="slip",
                font={"size": style.px(style.small), "color": theme.MUTED_TEXT},
            )
    if not old:
        return
    fig.add_trace(
        go.Bar(
            orientation="h",
            base=[span[0].isoformat() for _, span in old],
            x=[max(1, (span[1] - span[0]).days + 1) * DAY_MS for _, span in old],
            y=[item.row + 0.36 for item, _ in old],
            width=[0.16] * len(old),
            marker={"color": theme.GREY},
            name=i18n.t("pg.baseline", lang),
            meta={"baseline": True},
            hovertext=[
                f"{i18n.t('pg.baseline', lang)}: {i18n.day(s[0], lang)} – {i18n.day(s[1], lang)}" for _, s in old
            ],
            hoverinfo="text",
        )
    )
    for bar, span in old:
        slip = (bar.end - span[1]).days
        if slip:
            fig.add_annotation(
                x=max(bar.end, span[1]).isoformat(),
                y=bar.row + 0.36,
                xanchor="left",
                xshift=8,
                showarrow=False,
                text=_signed(slip, lang),
                name="slip",
                font={"size": style.px(style.small), "color": theme.MUTED_TEXT},
            )


def waves_gantt(
    waves: Sequence[tuple[str, dt.date, dt.date, int]],
    as_of: dt.date,
    title: str,
    lang: str,
    style: Style = theme.SCREEN,
) -> go.Figure:
    """Onboarding waves as bars: (name, start, end, number of municipalities)."""
    layout = Layout()
    for index, (name, start, end, count) in enumerate(waves):
        row = layout.add_row(f"{name} ({count})")
        layout.bars.append(
            Bar(
                row=row,
                start=start,
                end=end,
                label=f"{count} {i18n.t('w.municipalities', lang)}",
                hover=f"<b>{name}</b><br>{i18n.day(start, lang)} – {i18n.day(end, lang)}<br>{count}",
                colour=theme.wave_colour(index),
                estimate=True,
                legend=name,
            )
        )
    fig = draw(truncated(layout, lang, rows_that_fit(style)), as_of, lang, style, title, None)
    fig.update_layout(showlegend=False)
    return fig
