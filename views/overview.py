"""Overblik: every programme's plan of record, its status and what is next."""

from __future__ import annotations

import streamlit as st

from planner.analysis import decisions, figures
from planner.presentation import decision_text, i18n, tables
from planner.presentation.charts import gantt
from planner.presentation.markdown import inert
from ui import cache, context, derived, draw

KPI_PROGRAMMES = 3  # programmes named under a key figure
CHART_PX = 700  # on the projector: the screen less the header row and the key figures
DECISION_PX = 75  # on the projector: a pending decision (one or two lines) above the chart

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
draw.header(ctx, ctx.t("page.overview"))

statuses = cache.value(derived.statuses, plan, ctx.as_of)
kpi = cache.value(derived.key_figures, plan, ctx.as_of)

cols = st.columns(4)
cols[0].metric(inert(ctx.t("kpi.programmes")), ctx.number(kpi.programmes))
if kpi.next_go_live:
    prog, mark = kpi.next_go_live
    cols[1].metric(
        inert(ctx.t("kpi.next_go_live")), i18n.fuzzy(mark.date, lang), help=inert(f"{prog.name}: {mark.name}")
    )
    cols[1].caption(inert(gantt.programme_label(prog)))
estimate = f" ({ctx.t('w.estimate')})"
cols[2].metric(inert(ctx.t("kpi.late_vendors")), ctx.number(len(kpi.late)) + (estimate if kpi.late_estimated else ""))
if kpi.anywhere is not None:  # the portfolio's reach; each programme's count below it
    value = f"{ctx.number(kpi.anywhere.count)} {ctx.t('w.of')} {ctx.number(kpi.anywhere.total)}"
    cols[3].metric(inert(ctx.t("kpi.onboarded")), value + (estimate if kpi.anywhere.estimated else ""))
    listed = kpi.onboarded[:KPI_PROGRAMMES]  # each programme's count; past a few, how many more
    more = len(kpi.onboarded) - len(listed)
    parts = [f"{gantt.programme_label(o.programme)}: {ctx.number(o.count)}" for o in listed]
    cols[3].caption(inert(" · ".join(parts + ([ctx.tn("ov.more_programmes", more)] if more else []))))

pending = cache.value(decisions.open_decisions, plan.programmes, ctx.as_of)
for found in pending:  # options, not plans in force: said before the chart, so the room reads it first
    said = decision_text.sentence(found, ctx.as_of, lang)
    st.info(inert(f"**{gantt.programme_label(found.programme)}** · {said}"), icon="⚖️")
draw.chart(
    ctx,
    "overview-gantt",
    gantt.portfolio_gantt,
    plan.programmes,
    statuses,
    ctx.as_of,
    lang,
    ctx.style.within(CHART_PX - (DECISION_PX * len(pending) if ctx.projector else 0)),
    gantt.default_window(plan.programmes, ctx.as_of),
)

left, right = st.columns([3, 2])
with left:
    st.subheader(inert(ctx.t("ov.status")))
    draw.cached_table(ctx, tables.statuses, plan.programmes, statuses, lang)
with right:
    st.subheader(inert(ctx.t("ov.next_90")))
    soon = cache.value(figures.coming, plan, ctx.as_of, days=90)
    if soon:
        draw.cached_table(ctx, tables.milestones, soon, lang)
    else:
        st.info(inert(ctx.t("ov.no_next")))
st.caption(inert(ctx.t("w.source", source=plan.portfolio.source)))
