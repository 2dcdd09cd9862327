"""A chart's data in words, from what the chart is drawn from rather than from a plotly figure.

:func:`planner.presentation.chart_text.alternative` reads a figure. The deck draws its charts as its own
shapes (:mod:`planner.presentation.deck_native`) and builds no figure, so its alternative text comes from
the same layouts, rows and values its shapes are drawn from: one row per thing drawn, with the series it
belongs to, its row or column, and what its label says (estimates marked).
"""

from __future__ import annotations

from collections.abc import Sequence

from planner.analysis import progress
from planner.presentation import i18n, readiness_text
from planner.presentation.chart_text import plain
from planner.presentation.charts import gantt_rows, geo, vendors

Row = dict[str, str]


def _row(series: str, item: str, said: str, lang: str) -> Row:
    return {
        i18n.t("ct.series", lang): plain(series),
        i18n.t("ct.item", lang): plain(item),
        i18n.t("ct.said", lang): plain(said),
    }


def gantt(layout: gantt_rows.Layout, lang: str) -> tuple[Row, ...]:
    """Each phase bar and each milestone, in its row, with its hover text's words."""
    found = [_row(b.legend, layout.rows[b.row], b.hover, lang) for b in layout.bars]
    for mark in layout.marks:
        series = i18n.t("w.go_live" if mark.go_live else "w.milestone", lang)
        found.append(_row(series, layout.rows[mark.row], mark.hover, lang))
    return tuple(found)


def burnup(tp: progress.TargetProgress, lang: str) -> tuple[Row, ...]:
    """The target line's two ends and every measured value, dated."""
    goal = i18n.t("tg.target_line", lang)
    found = [
        _row(goal, i18n.day(tp.start, lang), i18n.number(0, lang), lang),
        _row(goal, i18n.day(tp.due, lang), i18n.number(tp.target.target, lang), lang),
    ]
    observed = i18n.t("tg.observed", lang)
    for point in tp.points:
        said = i18n.number(point.value, lang) + readiness_text.estimate_mark(point.estimate, lang)
        found.append(_row(observed, i18n.day(point.date, lang), said, lang))
    return tuple(found)


def matrix(header: Sequence[str], rows: Sequence[vendors.MatrixRow], lang: str) -> tuple[Row, ...]:
    """Each filled cell of the readiness matrix: its column as the series, the vendor, and the cell's words."""
    return tuple(
        _row(column, vendor, cell[0].replace("\n", " "), lang)
        for vendor, cells in rows
        for column, cell in zip(header, cells, strict=True)
        if cell is not None
    )


def onboarding(categories: Sequence[geo.Category], lang: str) -> tuple[Row, ...]:
    """Each municipality on the map, under the wave (or state) it is coloured by."""
    return tuple(
        _row(category.label, row.municipality.name, ", ".join(geo.hover_data(row, lang)[1:]), lang)
        for category in categories
        for row in category.rows
    )
