"""The parts every Gantt is drawn from: bars, marks and lanes; the quarter time axis, the status line, the drawing.

Rows run top to bottom; phases that overlap in one row are put in sub-lanes
so none hides another; the time axis has quarter ticks ("Q1 2023") over
alternating year bands; the status date is a labelled vertical line;
estimated phases are lighter and hatched, and say so in their hover and in
the legend; go-lives are large diamonds with their date.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

import plotly.graph_objects as go

from planner.plan import model
from planner.presentation import i18n
from planner.presentation.charts import theme
from planner.presentation.charts.theme import Style

DAY_MS = 86_400_000
ROW_PX = 44
MAX_QUARTER_TICKS = 18


@dataclass
class Bar:
    """One bar to draw: a phase in a row."""

    row: int
    start: dt.date
    end: dt.date
    label: str
    hover: str
    colour: str
    estimate: bool
    legend: str
    lane: int = 0
    lanes: int = 1
    key: str = ""


def phase_bar(
    row: int, phase: model.Phase, lang: str, *, colour: str, legend: str, prefix: str = "", key: str = ""
) -> Bar:
    """A phase's bar: its dates, its name, estimates marked; ``prefix`` goes before the hover text."""
    return Bar(row=row, start=phase.start.first, end=phase.end.last, label=phase.name,
               hover=prefix + phase_hover(phase, lang), colour=colour, estimate=phase.inferred_any("start", "end"), legend=legend, key=key)  # fmt: skip


@dataclass
class Mark:
    """One milestone to draw."""

    row: int
    date: dt.date
    label: str
    hover: str
    go_live: bool
    estimate: bool
    key: str = ""


@dataclass(frozen=True)
class Highlights:
    """Extras on a programme Gantt: the critical path, what-if moves, baseline positions."""

    critical: frozenset[str] = frozenset()
    moved: dict[str, int] = field(default_factory=dict)  # key -> days moved
    baseline: dict[str, tuple[dt.date, dt.date]] = field(default_factory=dict)  # key -> (old start, old end)


@dataclass
class Layout:
    """Rows, bars and marks before they become a figure."""

    rows: list[str] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    arrows: list[tuple[dt.date, int, dt.date, int]] = field(default_factory=list)

    def add_row(self, label: str) -> int:
        self.rows.append(label)
        return len(self.rows) - 1

    def span(self) -> tuple[dt.date, dt.date] | None:
        days = [b.start for b in self.bars] + [b.end for b in self.bars] + [m.date for m in self.marks]
        return (min(days), max(days)) if days else None


MAX_ROWS = 60  # more rows than a screen (or a projector) can show: the rest is summarised in the last row


CHROME_PX = 260  # title, axis, legend (two lines at 1280x720) and margins of a Gantt in projector mode (at 1920x1080)
ROW_PER_FONT = 1.4  # a row's height against its label's font size: the label's box and a little room


def rows_that_fit(style: Style) -> int:
    """How many rows a Gantt may draw: :data:`MAX_ROWS`, or what fits the projector screen's room."""
    if style.max_height is None:
        return MAX_ROWS
    room = style.max_height - CHROME_PX * style.scale
    return max(3, min(MAX_ROWS, int(room // (style.px(style.font) * ROW_PER_FONT))))


def truncated(layout: Layout, lang: str, limit: int = MAX_ROWS) -> Layout:
    """``layout`` with at most ``limit`` rows, the last saying how many are not drawn.

    A plan may hold thousands of phases; drawing them all would take minutes and show nothing,
    and on the projector a chart ends inside the screen.
    """
    if len(layout.rows) <= limit:
        return layout
    keep = limit - 1
    return Layout(
        rows=[*layout.rows[:keep], i18n.tn("w.more_rows", len(layout.rows) - keep, lang)],
        bars=[b for b in layout.bars if b.row < keep],
        marks=[m for m in layout.marks if m.row < keep],
        arrows=[a for a in layout.arrows if a[1] < keep and a[3] < keep],
    )


def assign_lanes(bars: Sequence[Bar]) -> None:
    """Put overlapping bars of one row into sub-lanes (greedy, by start)."""
    by_row: dict[int, list[Bar]] = {}
    for bar in bars:
        by_row.setdefault(bar.row, []).append(bar)
    for row_bars in by_row.values():
        lane_ends: list[dt.date] = []
        for bar in sorted(row_bars, key=lambda b: (b.start, b.end)):
            lane = next((i for i, end in enumerate(lane_ends) if end < bar.start), None)
            if lane is None:
                lane_ends.append(bar.end)
                lane = len(lane_ends) - 1
            else:
                lane_ends[lane] = bar.end
            bar.lane = lane
        for bar in row_bars:
            bar.lanes = len(lane_ends)


def phase_hover(p: model.Phase, lang: str) -> str:
    est = f" ({i18n.t('w.estimate', lang)})" if p.inferred_any("start", "end") else ""
    pct = f"<br>{i18n.percent(p.percent_complete / 100, lang)}" if p.percent_complete is not None else ""
    note = f"<br><i>{p.note}</i>" if p.note else ""
    return f"<b>{p.name}</b>{est}<br>{i18n.fuzzy_range(p.start, p.end, lang)}{pct}{note}"


def milestone_mark(row: int, m: model.Milestone, lang: str) -> Mark:
    estimate = m.inferred("date")  # the record's mark, or its date's
    est = f" ({i18n.t('w.estimate', lang)})" if estimate else ""
    when = i18n.fuzzy(m.date, lang)
    hover = f"<b>{m.name}</b>{est}<br>{i18n.t('ms.' + m.kind.value, lang)}: {when}"
    go_live = m.kind is model.MilestoneKind.GO_LIVE
    return Mark(
        row=row,
        date=m.date.first,
        label=when + ("*" if estimate else "") if go_live else "",
        hover=hover,
        go_live=go_live,
        estimate=estimate,
    )


# ------------------------------------------------------------- figure parts


def _quarter_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    q = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    out = []
    while q <= end:
        out.append(q)
        q = dt.date(q.year + (q.month + 2) // 12, (q.month + 2) % 12 + 1, 1)
    return out


def time_axis(fig: go.Figure, start: dt.date, end: dt.date, style: Style) -> None:
    """Quarter ticks labelled 'Q1 2023' (thinned when many) and alternating year bands."""
    quarters = _quarter_starts(start, end)
    limit = MAX_QUARTER_TICKS * 2 // 3 if style.projector else MAX_QUARTER_TICKS
    step = 1 if len(quarters) <= limit else (2 if len(quarters) <= 2 * limit else 4)
    ticks = [q for i, q in enumerate(quarters) if i % step == 0]
    # Label each quarter at its middle, so "Q3 2023" sits over the quarter it names.
    fig.update_xaxes(
        type="date",
        range=[start.isoformat(), end.isoformat()],
        tickvals=[(q + dt.timedelta(days=45)).isoformat() for q in ticks],
        ticktext=[i18n.quarter(q) for q in ticks],
        ticks="",
        showgrid=False,
        tickfont={"size": style.px(style.small)},
        side="top",
    )
    # All shapes in one update: adding them one by one re-validates every earlier one.
    lines = [
        {
            "type": "line",
            "x0": q.isoformat(),
            "x1": q.isoformat(),
            "y0": 0,
            "y1": 1,
            "xref": "x",
            "yref": "paper",
            "line": {"color": theme.LIGHT_GREY, "width": 1},
            "layer": "below",
        }
        for q in quarters
    ]
    bands = [
        {
            "type": "rect",
            "x0": max(start, dt.date(year, 1, 1)).isoformat(),
            "x1": min(end, dt.date(year, 12, 31)).isoformat(),
            "y0": 0,
            "y1": 1,
            "xref": "x",
            "yref": "paper",
            "fillcolor": theme.BAND,
            "line": {"width": 0},
            "layer": "below",
        }
        for year in range(start.year, end.year + 1)
        if year % 2 == 0
    ]
    fig.update_layout(shapes=[*fig.layout.shapes, *lines, *bands])


def status_line(fig: go.Figure, as_of: dt.date, lang: str, style: Style) -> None:
    """The labelled status-date line."""
    fig.add_shape(
        type="line",
        x0=as_of.isoformat(),
        x1=as_of.isoformat(),
        y0=0,
        y1=1,
        yref="paper",
        line={"color": theme.STATUS_LINE, "width": 3, "dash": "dash"},
        name="status-date",
    )
    fig.add_annotation(
        x=as_of.isoformat(),
        y=0,
        yref="paper",
        yanchor="top",
        showarrow=False,
        text=f"<b>{i18n.t('w.status_line', lang, date=i18n.day(as_of, lang))}</b>",
        font={"size": style.px(style.small), "color": theme.STATUS_LINE},
        bgcolor="rgba(255,255,255,0.9)",
        name="status-date",
    )


def draw(
    layout: Layout,
    as_of: dt.date,
    lang: str,
    style: Style,
    title: str,
    window: tuple[dt.date, dt.date] | None,
    row_colours: dict[int, str] | None = None,
) -> go.Figure:
    assign_lanes(layout.bars)
    fig = go.Figure()
    # One trace per legend entry and estimate flag (not per bar): fast to build and to draw.
    groups: dict[tuple[str, bool], list[Bar]] = {}
    for bar in layout.bars:
        groups.setdefault((bar.legend, bar.estimate), []).append(bar)
    legend_seen: set[str] = set()
    for (legend, estimate), members in groups.items():
        colour = members[0].colour
        fig.add_trace(
            go.Bar(
                orientation="h",
                base=[b.start.isoformat() for b in members],
                x=[((b.end - b.start).days + 1) * DAY_MS for b in members],
                y=[b.row - 0.4 + (b.lane + 0.5) * 0.8 / b.lanes for b in members],
                width=[0.8 / b.lanes * 0.92 for b in members],
                # an estimate: a light fill in the same colour, outlined and lightly hatched (visible on
                # any background, in print and in grey); a sourced date: the full colour
                marker={
                    "color": theme.tint(colour) if estimate else colour,
                    "pattern": {
                        "shape": theme.ESTIMATE_PATTERN if estimate else "",
                        "fgcolor": colour,
                        "solidity": 0.12,
                        "fillmode": "overlay",
                    },
                    "line": {"color": colour, "width": 2.5 if estimate else 1.5},
                },
                text=[b.label for b in members],
                textposition="inside",
                insidetextanchor="start",
                textfont={"size": style.px(style.small), "color": "white" if not estimate else theme.TEXT},
                hovertext=[b.hover for b in members],
                hoverinfo="text",
                name=legend,
                legendgroup=legend,
                showlegend=legend not in legend_seen,
                meta={"estimate": estimate, "rows": [b.row for b in members]},
            )
        )
        legend_seen.add(legend)
    draw_marks(fig, layout.marks, lang, style, window)
    fig.update_layout(
        annotations=[
            {
                "x": x1.isoformat(),
                "y": r1,
                "ax": x0.isoformat(),
                "ay": r0,
                "xref": "x",
                "yref": "y",
                "axref": "x",
                "ayref": "y",
                "showarrow": True,
                "arrowhead": 3,
                "arrowsize": 1.3,
                "arrowwidth": 2,
                "arrowcolor": theme.GREY,
                "text": "",
                "name": "dependency",
            }
            for x0, r0, x1, r1 in layout.arrows
        ]
    )
    span = window or layout.span() or (as_of, as_of + dt.timedelta(days=365))
    start, end = dt.date(span[0].year, 1, 1), dt.date(span[1].year, 12, 31)
    time_axis(fig, start, end, style)
    # Room on the right for the label of a go-live late in the last year.
    fig.update_xaxes(
        range=[start.isoformat(), (end + dt.timedelta(days=int((end - start).days * 0.04) + 20)).isoformat()]
    )
    status_line(fig, as_of, lang, style)
    ticktext = []
    for i, label in enumerate(layout.rows):
        rag_colour = (row_colours or {}).get(i)
        symbol, _, rest = label.partition(" ")
        # Only the RAG symbol is coloured; the name stays black for contrast.
        ticktext.append(f"<span style='color:{rag_colour}'><b>{symbol}</b></span> {rest}" if rag_colour else label)
    fig.update_yaxes(
        tickvals=list(range(len(layout.rows))),
        ticktext=ticktext,
        autorange=False,  # the range below, top to bottom (plotly ignores a range with autorange on)
        # room above the first row for the date of a go-live in it
        range=[len(layout.rows) - 0.5, -1.8 if any(m.go_live and m.row == 0 for m in layout.marks) else -0.5],
        showgrid=False,
        zeroline=False,
    )
    fig.update_layout(barmode="overlay", bargap=0, uniformtext={"minsize": style.px(style.small), "mode": "hide"})
    height = style.fit(max(320, 150 + len(layout.rows) * (ROW_PX + (14 if style.projector else 0))))
    theme.base_layout(fig, style, title, height=height)
    # Explicit left margin: the row labels must never be cut, whatever the browser's font timing.
    longest = max((len(label) for label in layout.rows), default=10)
    left = min(620, 30 + int(longest * style.px(style.font) * 0.62))
    top = (130 if style.projector else 110) if title else 60
    fig.update_layout(margin={"t": top, "b": 70, "l": left})
    # the legend under the status date's label, however few rows the chart has (its offset is a share of them)
    plot_px = max(60, height - top - 70)
    fig.update_layout(legend={"y": -min(0.6, (style.px(style.small) * 1.5 + 8) / plot_px)})
    fig.update_yaxes(automargin=False)
    fig.add_annotation(
        text=i18n.t("w.estimate_legend", lang),
        xref="paper",
        yref="paper",
        x=0,  # under the row labels, clear of the status date's label below the bars
        y=-0.02,
        xanchor="right",
        yanchor="top",
        xshift=-8,
        showarrow=False,
        font={"size": style.px(style.small), "color": theme.GREY},
    )
    return fig


CLOSE_SHARE = 0.1  # two go-lives in a row this close (a share of the chart's span) write their dates apart
EDGE_SHARE = 0.08  # a go-live this close to either end of the chart has its date written inwards


def draw_marks(
    fig: go.Figure, marks: Sequence[Mark], lang: str, style: Style, window: tuple[dt.date, dt.date] | None = None
) -> None:
    """Milestones and go-lives; a go-live's date label only where the chart shows its diamond."""

    dates = [m.date for m in marks]
    first, last = window or (min(dates, default=dt.date.min), max(dates, default=dt.date.max))
    span = max(1, (last - first).days)

    def label(m: Mark) -> str:
        return m.label if window is None or window[0] <= m.date <= window[1] else ""

    def position(m: Mark) -> str:
        """Above the diamond; near an edge of the chart, towards its middle (not into the row labels)."""
        share = (m.date - first).days / span
        return "top right" if share < EDGE_SHARE else "top left" if share > 1 - EDGE_SHARE else "top center"

    placed: dict[int, str] = {}  # id(mark) -> its label's position, where a neighbour in its row moves it
    blanked: set[int] = set()
    for row in {m.row for m in marks if m.go_live}:
        in_row = sorted((m for m in marks if m.go_live and m.row == row and label(m)), key=lambda m: m.date)
        for before, after in itertools.pairwise(in_row):
            if id(before) in blanked or (after.date - before.date).days / span >= CLOSE_SHARE:
                continue
            if id(before) in placed:  # a third close one: its date stays in the hover and the chart's table
                blanked.add(id(after))
                continue
            placed[id(before)], placed[id(after)] = "top left", "top right"  # apart, each from its own diamond

    for go_live in (False, True):
        chosen = [m for m in marks if m.go_live is go_live]
        if not chosen:
            continue
        fig.add_trace(
            go.Scatter(
                x=[m.date.isoformat() for m in chosen],
                y=[m.row for m in chosen],
                mode="markers+text" if go_live else "markers",
                marker={
                    "symbol": ["diamond-open" if m.estimate else "diamond" for m in chosen],
                    "size": 24 if go_live else 15,
                    "color": theme.BLACK,
                    "line": {"width": 2, "color": theme.BLACK},
                },
                text=["" if id(m) in blanked else label(m) for m in chosen],
                textposition=[placed.get(id(m)) or position(m) for m in chosen],
                textfont={"size": style.px(style.small), "color": theme.TEXT},
                hovertext=[m.hover for m in chosen],
                hoverinfo="text",
                name=i18n.t("w.go_live" if go_live else "w.milestone", lang),
            )
        )
