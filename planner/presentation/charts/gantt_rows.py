"""What a Gantt shows before it is drawn: its rows, bars and marks, and how they fit.

Phases that overlap in one row are put in sub-lanes so none hides another;
marks on the same day in one row are one marker; a layout longer than the
screen (or a projector) is cut, its last row saying how many are not drawn.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from planner.plan import model
from planner.presentation import i18n
from planner.presentation.charts.theme import Style


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


def merged(marks: Sequence[Mark]) -> list[Mark]:
    """Marks on the same day in one row as one marker: its hover lists them all, its label counts them."""
    groups: dict[tuple[int, dt.date, bool], list[Mark]] = {}
    for m in marks:
        groups.setdefault((m.row, m.date, m.go_live), []).append(m)
    out = []
    for (row, day, go_live), same in groups.items():
        if len(same) == 1:
            out.append(same[0])
            continue
        count = f"×{len(same)}"
        out.append(
            Mark(
                row=row,
                date=day,
                label=f"{same[0].label} ({count})" if go_live else count,
                hover="<br>".join(m.hover for m in same),
                go_live=go_live,
                estimate=all(m.estimate for m in same),
                key=same[0].key,
            )
        )
    return out
