"""Mål og fremdrift: uptake against each target, the pace still needed."""

from __future__ import annotations

import streamlit as st

from planner.analysis import progress
from planner.presentation import i18n, tables
from planner.presentation.charts import region_breakdown, theme
from planner.presentation.charts import targets as target_charts
from planner.presentation.markdown import inert
from ui import cache, context, derived, draw, target_figures

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
        name = tp.metric.name if tp.metric else tp.target.metric
        st.subheader(inert(name))
        target_figures.draw(ctx, tp)
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
        draw.chart(
            ctx, f"regions-{prog.id}", region_breakdown.region_breakdown, prog, latest, metric_ids, lang, ctx.style
        )
        st.markdown(inert(f"**{ctx.t('w.total')}:** {tables.national_figures(prog, latest, lang)}"))
