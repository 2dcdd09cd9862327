"""A target's four figures in a row: uptake against the target, time gone, the pace needed, the forecast."""

from __future__ import annotations

import streamlit as st

from planner.analysis import progress
from planner.presentation import i18n, status_text, tables
from planner.presentation.markdown import inert
from ui import draw as drawing
from ui.context import Context


def draw(ctx: Context, tp: progress.TargetProgress) -> None:
    """The figures above a target's burn-up, each with a caption that says how it was reached."""
    lang = ctx.lang
    unit = tp.metric.unit_in(lang) if tp.metric else ""
    cols = st.columns(4)
    cols[0].metric(
        inert(ctx.t("ctl.target")),
        ctx.t("tg.progress", value=i18n.number(tp.value, lang), target=i18n.number(tp.target.target, lang), unit=unit),
        help=inert(tp.target.denominator) if tp.target.denominator else None,
    )
    cols[0].caption(inert(tables.share_of_target(tp, lang)))
    period_mark = f" ({ctx.t('w.estimate')})" if tp.period_estimated else ""  # an assumed start or due date
    cols[1].metric(inert(ctx.t("tg.period_gone_label")), i18n.percent(tp.period_gone, lang) + period_mark)
    cols[1].caption(inert(drawing.not_a_list(tables.period(tp.target, lang))))
    if tp.reached:
        cols[2].success(inert(ctx.t("tg.reached")))
    elif tp.needed is not None:
        cols[2].metric(inert(ctx.t("tg.needed_line")), ctx.t("tg.per_month", value=i18n.number(tp.needed, lang, 1)))
        cols[2].caption(
            inert(
                ctx.t(
                    "tg.needed",
                    need=i18n.number(tp.needed, lang, 1),
                    pace=status_text.pace(tp.pace_basis, lang),
                )
            )
        )
    forecast, at_due = tp.forecast_date, tp.at_due  # the forecast stops at the due date
    assumed = f" ({ctx.t('w.estimate')})" if tp.forecast_estimated else ""
    by_due = f"{i18n.number(round(at_due), lang)} {unit}{assumed}" if at_due is not None else "–"
    cols[3].metric(inert(ctx.t("tg.forecast_due", date=i18n.fuzzy(tp.target.due, lang))), by_due)
    in_time = forecast is not None and forecast <= tp.due
    reach = (
        ctx.t("tg.forecast_reach", date=i18n.day(forecast, lang)) + assumed
        if in_time and forecast
        else ctx.t("tg.forecast_not_by_due")
    )
    cols[3].caption(inert(f"{reach} · {status_text.pace(tp.pace_basis, lang)}"))  # says which pace the line uses
