"""How a Gantt is drawn from its rows (gantt_rows): the quarter time axis, the status line, bars and marks.

The time axis has quarter ticks ("Q1") under the years, over alternating year
bands; the status date is a labelled vertical line; estimated phases are
lighter and hatched, and say so in their hover and in the legend; go-lives are
large diamonds with their date.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from planner.presentation import i18n, text_width
from planner.presentation.charts import gantt_labels, theme
from planner.presentation.charts.gantt_rows import Bar, Layout, Mark, assign_lanes, merged
from planner.presentation.charts.theme import Style

DAY_MS = 86_400_000
ROW_PX = 44
MAX_QUARTER_TICKS = 18


# ------------------------------------------------------------- figure parts


def _quarter_starts(start: dt.date, end: dt.date) -> list[dt.date]:
    q = dt.date(start.year, 3 * ((start.month - 1) // 3) + 1, 1)
    out = []
    while q <= end:
        out.append(q)
        q = dt.date(q.year + (q.month + 2) // 12, (q.month + 2) % 12 + 1, 1)
    return out


Items = tuple[list[dict[str, Any]], list[dict[str, Any]]]  # shapes and annotations to add to a layout


def time_axis(fig: go.Figure, start: dt.date, end: dt.date, style: Style) -> Items:
    """Quarter ticks ('Q1', thinned when many) on the axis; returns the quarter lines, alternating year
    bands and the years over their quarters, for the caller to add with the rest.

    Short labels never need turning on their side, even on the narrowest screen.
    """
    quarters = _quarter_starts(start, end)
    limit = MAX_QUARTER_TICKS * 2 // 3 if style.projector else MAX_QUARTER_TICKS
    step = 1 if len(quarters) <= limit else (2 if len(quarters) <= 2 * limit else 4)
    ticks = [q for i, q in enumerate(quarters) if i % step == 0]
    # Label each quarter at its middle, so "Q3" sits over the quarter it names.
    fig.update_xaxes(
        type="date",
        range=[start.isoformat(), end.isoformat()],
        tickvals=[(q + dt.timedelta(days=45)).isoformat() for q in ticks],
        ticktext=[f"Q{(q.month - 1) // 3 + 1}" for q in ticks],
        tickangle=0,
        ticks="",
        showgrid=False,
        tickfont={"size": style.px(style.small)},
        side="top",
    )
    years = [
        {
            "x": dt.date(year, 7, 1).isoformat(),
            "y": 1,
            "xref": "x",
            "yref": "paper",
            "yanchor": "bottom",
            "yshift": round(style.px(style.small) * 1.5) + 4,
            "showarrow": False,
            "text": f"<b>{year}</b>",
            "font": {"size": style.px(style.small)},
            "name": "year",
        }
        for year in range(start.year, end.year + 1)
    ]
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
    return [*lines, *bands], years


def status_line(as_of: dt.date, lang: str, style: Style) -> Items:
    """The labelled status-date line: its shape and its label."""
    line = {
        "type": "line",
        "x0": as_of.isoformat(),
        "x1": as_of.isoformat(),
        "y0": 0,
        "y1": 1,
        "xref": "x",
        "yref": "paper",
        "line": {"color": theme.STATUS_LINE, "width": 3, "dash": "dash"},
        "name": "status-date",
    }
    label = {
        "x": as_of.isoformat(),
        "y": 0,
        "xref": "x",
        "yref": "paper",
        "yanchor": "top",
        "showarrow": False,
        "text": f"<b>{i18n.t('w.status_line', lang, date=i18n.day(as_of, lang))}</b>",
        "font": {"size": style.px(style.small), "color": theme.STATUS_LINE},
        "bgcolor": "rgba(255,255,255,0.9)",
        "name": "status-date",
    }
    return [line], [label]


OUTLINE_PX = 34  # the critical path's outline round a marker (gantt._highlight)
RIGHT_PX = 20  # the plot's right margin (theme.base_layout)
BOTTOM_PX = 70


@dataclass(frozen=True)
class _Geometry:
    """Where a Gantt's parts go: its time span, row range, margins (px) and wrapped row labels."""

    start: dt.date  # the first year's first day
    end: dt.date  # the last year's last day
    x_end: dt.date  # the axis runs past ``end`` by the room a late go-live's date needs
    top_row: float  # the row range's top: room above the first row for a go-live there
    height: int
    left: int
    top: int
    bottom: int
    plot_px: int
    rows: list[str]  # the row labels, a long one on two lines
    note: list[str]  # the estimate note's lines, under the row labels


def _geometry(
    layout: Layout, marks: Sequence[Mark], as_of: dt.date, lang: str, style: Style, title: str,
    window: tuple[dt.date, dt.date] | None,
) -> _Geometry:  # fmt: skip
    span = window or layout.span() or (as_of, as_of + dt.timedelta(days=365))
    start, end = dt.date(span[0].year, 1, 1), dt.date(span[1].year, 12, 31)
    height = style.fit(max(320, 150 + len(layout.rows) * (ROW_PX + (14 if style.projector else 0))))
    # Explicit left margin: the row labels must never be cut, whatever the browser's font timing; a long
    # label takes two lines rather than more than a share of the chart's width.
    char_px = text_width.char(style.px(style.font))
    rows = [_wrapped(label, int(style.width * LABEL_SHARE / char_px)) for label in layout.rows]
    longest = max((len(line) for label in rows for line in label.split("<br>")), default=10)
    left = min(620, 30 + int(longest * char_px))
    # the estimate note goes under the row labels, in their width (on lines of at least NOTE_CHARS)
    note_px = text_width.char(style.px(style.small))
    note = textwrap.wrap(i18n.t("w.estimate_legend", lang), max(NOTE_CHARS, int((left - 16) / note_px)))
    left = max(left, 24 + int(max(map(len, note)) * note_px))
    top = (130 if style.projector else 110) if title else 60
    bottom = max(BOTTOM_PX, round(len(note) * style.px(style.small) * 1.3) + 20)  # room for the note's lines
    plot_px = max(60, height - top - bottom)
    # room right of the last year for a late go-live's date written beside its diamond
    date_px = max((gantt_labels.text_size(m.label, style.px(style.small))[0] for m in marks if m.go_live), default=0)
    room = date_px + gantt_labels.GO_LIVE_PX
    plot_w = max(2 * room, style.width - left - RIGHT_PX)
    days = (end - start).days
    x_end = end + dt.timedelta(days=max(int(days * 0.04) + 20, int(days * room / (plot_w - room))))
    top_row = -1.8 if any(m.go_live and m.row == 0 for m in marks) else -0.5
    return _Geometry(start, end, x_end, top_row, height, left, top, bottom, plot_px, rows, note)


def _placed(
    layout: Layout, marks: Sequence[Mark], at: _Geometry, as_of: dt.date, style: Style,
    window: tuple[dt.date, dt.date] | None, outlined: frozenset[str],
) -> gantt_labels.Placement:  # fmt: skip
    """Every bar's label and go-live date placed clear of the rest (gantt_labels), in pixels."""
    frame = gantt_labels.frame_for(
        style, at.left, RIGHT_PX, (at.start, at.x_end), (at.top_row, len(layout.rows) - 0.5), at.plot_px
    )
    bars = [
        gantt_labels.BarSpot(
            _lane_centre(b), 0.8 / b.lanes * 0.92 / 2, b.start, b.end,
            "" if layout.rows[b.row].endswith(b.label) else b.label,
        )
        for b in layout.bars
    ]  # fmt: skip
    spots = [
        gantt_labels.MarkSpot(m.row, m.date, m.go_live, _in_window(m, window), OUTLINE_PX if m.key in outlined else 0)
        for m in marks
    ]
    return gantt_labels.place(frame, bars, spots, layout.arrows, as_of, style.px(style.small))


def _row_ticks(rows: Sequence[str], row_colours: dict[int, str] | None) -> list[str]:
    """The row labels, each RAG symbol coloured (the name stays black for contrast)."""
    ticks = []
    for i, label in enumerate(rows):
        rag_colour = (row_colours or {}).get(i)
        symbol, _, rest = label.partition(" ")
        shade = theme.text_colour(rag_colour) if rag_colour else ""  # a symbol is text: 4.5:1
        ticks.append(f"<span style='color:{shade}'><b>{symbol}</b></span> {rest}" if rag_colour else label)
    return ticks


def _estimate_note(fig: go.Figure, note: Sequence[str], style: Style) -> None:
    """What an estimate looks like, under the row labels, clear of the status date's label below the bars."""
    fig.add_annotation(
        text="<br>".join(note),
        xref="paper",
        yref="paper",
        x=0,
        y=-0.02,
        xanchor="right",
        yanchor="top",
        xshift=-8,
        showarrow=False,
        font={"size": style.px(style.small), "color": theme.MUTED_TEXT},
    )


def draw(
    layout: Layout,
    as_of: dt.date,
    lang: str,
    style: Style,
    title: str,
    window: tuple[dt.date, dt.date] | None,
    row_colours: dict[int, str] | None = None,
    outlined: frozenset[str] = frozenset(),
) -> go.Figure:
    """The Gantt of ``layout``: bars, marks and arrows on a quarter axis, every text placed clear of the rest.

    In steps: where everything goes (:func:`_geometry`), where each text goes (:func:`_placed`), then the
    bars, marks, axis, status line and arrows, the row labels and the margins, and the estimate note.
    ``outlined``: the keys of marks the caller outlines afterwards (the critical path), kept clear as well.
    """
    assign_lanes(layout.bars)
    marks = merged(layout.marks)
    at = _geometry(layout, marks, as_of, lang, style, title, window)
    shown = _placed(layout, marks, at, as_of, style, window, outlined)
    bar_text = {id(b): text for b, text in zip(layout.bars, shown.bar_labels, strict=True)}
    _draw_bars(fig := go.Figure(), layout.bars, bar_text, style)
    draw_marks(fig, marks, lang, style, dict(zip(map(id, marks), shown.mark_positions, strict=True)))
    axis_shapes, years = time_axis(fig, at.start, at.end, style)
    fig.update_xaxes(range=[at.start.isoformat(), at.x_end.isoformat()])
    status_shapes, status_label = status_line(as_of, lang, style)
    # every shape and annotation in one update: adding them one by one re-validates every earlier one
    theme.add_to_layout(
        fig, [*axis_shapes, *status_shapes], [*(_arrow(*a) for a in layout.arrows), *years, *status_label]
    )
    fig.update_yaxes(
        tickvals=list(range(len(layout.rows))),
        ticktext=_row_ticks(at.rows, row_colours),
        autorange=False,  # the range below, top to bottom (plotly ignores a range with autorange on)
        range=[len(layout.rows) - 0.5, at.top_row],
        showgrid=False,
        zeroline=False,
    )
    fig.update_layout(barmode="overlay", bargap=0)
    theme.base_layout(fig, style, title, height=at.height)
    fig.update_layout(margin={"t": at.top, "b": at.bottom, "l": at.left, "r": RIGHT_PX})
    # the legend under the status date's label, however few rows the chart has (its offset is a share of them)
    fig.update_layout(legend={"y": -min(0.6, (style.px(style.small) * 1.5 + 8) / at.plot_px)})
    fig.update_yaxes(automargin=False)
    if any(b.estimate for b in layout.bars) or any(m.estimate for m in marks):  # else no note to explain them
        _estimate_note(fig, at.note, style)
    return fig


NOTE_CHARS = 18
LABEL_SHARE = 0.4  # the most of the chart's width the row labels take


def _wrapped(label: str, width: int) -> str:
    """``label`` on two lines (the second shortened with '…' if need be) where it is longer than ``width``."""
    if len(label) <= width:
        return label
    lines = textwrap.wrap(label, width, break_long_words=True)
    return lines[0] + "<br>" + textwrap.shorten(" ".join(lines[1:]), width, placeholder=" …")


def _lane_centre(b: Bar) -> float:
    return b.row - 0.4 + (b.lane + 0.5) * 0.8 / b.lanes


def _in_window(m: Mark, window: tuple[dt.date, dt.date] | None) -> str:
    """A mark's label where the chart shows its marker."""
    return m.label if window is None or window[0] <= m.date <= window[1] else ""


def _arrow(x0: dt.date, r0: int, x1: dt.date, r1: int) -> dict[str, object]:
    """A dependency arrow from the end of one bar to the start of the next."""
    return {"x": x1.isoformat(), "y": r1, "ax": x0.isoformat(), "ay": r0, "xref": "x", "yref": "y", "axref": "x",
            "ayref": "y", "showarrow": True, "arrowhead": 3, "arrowsize": 1.3, "arrowwidth": 2,
            "arrowcolor": theme.GREY, "text": "", "name": "dependency"}  # fmt: skip


def _draw_bars(fig: go.Figure, bars: Sequence[Bar], text: dict[int, str], style: Style) -> None:
    """One trace per legend entry and estimate flag (not per bar): fast to build and to draw."""
    groups: dict[tuple[str, bool], list[Bar]] = {}
    for bar in bars:
        groups.setdefault((bar.legend, bar.estimate), []).append(bar)
    legend_seen: set[str] = set()
    for (legend, estimate), members in groups.items():
        colour = members[0].colour
        fig.add_trace(
            go.Bar(
                orientation="h",
                base=[b.start.isoformat() for b in members],
                x=[((b.end - b.start).days + 1) * DAY_MS for b in members],
                y=[_lane_centre(b) for b in members],
                width=[0.8 / b.lanes * 0.92 for b in members],
                # an estimate: a light fill in the same colour, outlined and lightly hatched (visible on
                # any background, in print and in grey); a sourced date: the full colour
                marker={
                    "color": theme.tint(colour) if estimate else colour,
                    "pattern": {
                        "shape": theme.ESTIMATE_PATTERN if estimate else "",
                        "fgcolor": theme.hatch(colour),
                        "solidity": 0.12,
                        "fillmode": "overlay",
                    },
                    "line": {"color": colour, "width": 2.5 if estimate else 1.5},
                },
                text=[b.label for b in members],
                # the name is written only where gantt_labels found it room clear of everything else
                texttemplate=["%{text}" if text[id(b)] else "" for b in members],
                textposition="inside",
                insidetextanchor="start",
                constraintext="none",
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


def draw_marks(
    fig: go.Figure, marks: Sequence[Mark], lang: str, style: Style, positions: dict[int, str | None]
) -> None:
    """Milestones and go-lives; each label where ``positions`` put it (gantt_labels), none where it found no room."""
    for go_live in (False, True):
        chosen = [m for m in marks if m.go_live is go_live]
        if not chosen:
            continue
        fig.add_trace(
            go.Scatter(
                x=[m.date.isoformat() for m in chosen],
                y=[m.row for m in chosen],
                mode="markers+text",
                marker={
                    "symbol": ["diamond-open" if m.estimate else "diamond" for m in chosen],
                    "size": gantt_labels.GO_LIVE_PX if go_live else gantt_labels.MILESTONE_PX,
                    "color": theme.BLACK,
                    "line": {"width": 2, "color": theme.BLACK},
                },
                text=[m.label for m in chosen],
                texttemplate=["%{text}" if positions.get(id(m)) else "" for m in chosen],
                textposition=[positions.get(id(m)) or "top center" for m in chosen],
                textfont={"size": style.px(style.small), "color": theme.TEXT},
                hovertext=[m.hover for m in chosen],
                hoverinfo="text",
                name=i18n.t("w.go_live" if go_live else "w.milestone", lang),
            )
        )
