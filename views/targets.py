"""Mål og fremdrift: uptake against each target, the pace still needed."""

from __future__ import annotations

import streamlit as st

from planner.analysis import progress
from planner.presentation import i18n, status_text, tables
from planner.presentation.charts import targets as target_charts
from planner.presentation.charts import theme
from planner.presentation.markdown import inert
from ui import cache, context, derived, draw

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
draw.header(ctx, ctx.t("page.targets"))
MAX_ALL = 4  # programmes with targets shown together; more get a picker
CHART_PX = 500  # on the projector: the screen less the header row, the programme, the target and its figures

with_targets = [p for p in plan.programmes if p.targets]
if not with_targets:
    st.info(inert(ctx.t("tg.no_targets")))
    st.stop()

# at national scale: one programme at a time
shown = [context.pick_programme(ctx, with_targets, "tg-programme")] if len(with_targets) > MAX_ALL else with_targets
targets = cache.value(derived.targets, tuple(shown), ctx.as_of)
for prog in shown:
    if len(shown) > 1 or not ctx.projector:  # on the projector the picker above names the one programme
        st.header(inert(prog.name))
    for tp in targets[prog.id]:
        unit = tp.metric.unit_in(lang) if tp.metric else ""
        name = tp.metric.name if tp.metric else tp.target.metric
        st.subheader(inert(name))
        cols = st.columns(4)
        cols[0].metric(
            inert(ctx.t("ctl.target")),
            ctx.t(
                "tg.progress", value=i18n.number(tp.value, lang), target=i18n.number(tp.target.target, lang), unit=unit
            ),
            help=inert(tp.target.denominator) if tp.target.denominator else None,
        )
        cols[0].caption(inert(tables.share_of_target(tp, lang)))
        period_mark = f" ({ctx.t('w.estimate')})" if tp.period_estimated else ""  # an assumed start or due date
        cols[1].metric(inert(ctx.t("tg.period_gone_label")), i18n.percent(tp.period_gone, lang) + period_mark)
        cols[1].caption(inert(draw.not_a_list(tables.period(tp.target, lang))))
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
        draw.chart(
            ctx,
            f"burnup-{prog.id}-{tp.target.id}",
            target_charts.burnup,
            tp,
            lang,
            ctx.style.within(CHART_PX),
            ctx.as_of,
            theme.programme_colour(prog),
        )
        draw.source_caption(ctx, tp.target.source or prog.source)
    latest = cache.value(progress.latest_breakdown, prog, ctx.as_of)
    if latest is not None:
        st.subheader(inert(ctx.t("tg.breakdown", date=i18n.fuzzy(latest.date, lang))))
        metric_ids = [m.id for m in prog.metrics]
        draw.chart(ctx, f"regions-{prog.id}", target_charts.region_breakdown, prog, latest, metric_ids, lang, ctx.style)
        st.markdown(inert(f"**{ctx.t('w.total')}:** {tables.national_figures(prog, latest, lang)}"))
