"""Overblik: every programme's plan of record, its status and what is next."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from planner.analysis import onboarding, schedule, status
from planner.presentation import i18n, status_text
from planner.presentation.charts import gantt
from ui import context

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
context.header(ctx, ctx.t("page.overview"))

statuses = context.memo(ctx, "statuses", lambda: {
    p.id: status.programme_status(p, context.vendors_for(ctx, p.id), ctx.as_of) for p in plan.programmes})

# Key figures
upcoming = schedule.milestones_between(plan.programmes, ctx.as_of, ctx.as_of + dt.timedelta(days=3650))
next_live = next(((p, m) for p, _, m in upcoming if m.kind.value == "go-live"), None)
late = context.memo(ctx, "late-fits", lambda: [
    f for p in plan.programmes for f in schedule.fits_for(p, context.vendors_for(ctx, p.id)) if (f.gap_days or 0) > 0])
onboarded = context.memo(ctx, "onboarded", lambda: {
    p.id: sum(r.state.value in ("onboarding", "live") for r in onboarding.rows(p.onboarding, plan.reference, ctx.as_of))
    for p in plan.programmes if p.onboarding
})
cols = st.columns(4)
cols[0].metric(ctx.t("kpi.programmes"), i18n.number(len(plan.programmes), lang))
if next_live:
    cols[1].metric(ctx.t("kpi.next_go_live"), i18n.fuzzy(next_live[1].date, lang),
                   help=f"{next_live[0].name}: {next_live[1].name}")
    cols[1].caption(gantt.programme_label(next_live[0]))
cols[2].metric(ctx.t("kpi.late_vendors"), i18n.number(len(late), lang))
if onboarded:
    pid, count = next(iter(onboarded.items()))
    cols[3].metric(ctx.t("kpi.onboarded"), f"{i18n.number(count, lang)} {ctx.t('w.of')} {len(plan.reference.municipalities)}")
    cols[3].caption(gantt.programme_label(plan.programme(pid)))  # type: ignore[arg-type]

context.chart(context.figure(ctx, "portfolio-gantt", lambda: gantt.portfolio_gantt(
    plan.programmes, statuses, ctx.as_of, lang, ctx.style, gantt.default_window(plan.programmes, ctx.as_of))),
    key="overview-gantt")

left, right = st.columns([3, 2])
with left:
    st.subheader(ctx.t("ov.status"))
    st.dataframe(
        pd.DataFrame([
            {ctx.t("w.programme"): p.name, ctx.t("w.state"): status_text.label(statuses[p.id], lang),
             ctx.t("w.reason"): status_text.reason(statuses[p.id], lang), ctx.t("w.owner"): p.owner}
            for p in plan.programmes
        ]),
        hide_index=True,
    )
with right:
    st.subheader(ctx.t("ov.next_90"))
    soon = schedule.milestones_between(plan.programmes, ctx.as_of, ctx.as_of + dt.timedelta(days=90))
    if soon:
        st.dataframe(
            pd.DataFrame([
                {ctx.t("w.date"): i18n.fuzzy(m.date, lang) + (f" ({ctx.t('w.estimate')})" if m.estimate else ""),
                 ctx.t("w.programme"): gantt.programme_label(p), ctx.t("w.milestone"): m.name,
                 ctx.t("w.kind"): ctx.t("ms." + m.kind.value)}
                for p, _, m in soon
            ]),
            hide_index=True,
        )
    else:
        st.info(ctx.t("ov.no_next"))
st.caption(ctx.t("w.source", source=plan.portfolio.source))
