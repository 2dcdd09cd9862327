"""Leverandører: readiness per vendor and wave, and what a late vendor holds back."""

from __future__ import annotations

import dataclasses

import pandas as pd
import streamlit as st

from planner.analysis import schedule
from planner.plan import model
from planner.presentation import i18n
from planner.presentation.charts import vendors as vendor_charts
from ui import context

# At national scale (thousands of readiness statements) the gap chart shows the largest gaps and
# the list the latest vendors; the table below has them all. More bars are unreadable, and plotly
# adds each bar's sentence in time that grows with the sentences before it.
GAP_CHART_ROWS = 40
LATE_LINES = 25
MATRIX_PROGRAMMES = 30

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
context.header(ctx, ctx.t("page.vendors"))

all_kinds = [k.value for k in model.SystemKind if any(v.kind is k for v in plan.vendors)]
chosen = st.multiselect(ctx.t("ctl.kind"), all_kinds, default=all_kinds, key="vendor-kinds")
kinds = set(chosen) if chosen else set(all_kinds)
kind_key = tuple(sorted(kinds))

# One matrix of every vendor by every programme wave grows with the product of the two; past
# MATRIX_PROGRAMMES programmes there is one matrix per group of programmes and their vendors.
groups = [plan.programmes[i:i + MATRIX_PROGRAMMES] for i in range(0, len(plan.programmes), MATRIX_PROGRAMMES)]
for gi, group in enumerate(groups or [plan.programmes]):
    ids = {p.id for p in group}
    part = plan if len(groups) <= 1 else dataclasses.replace(
        plan, programmes=group, vendors=tuple(v for v in plan.vendors if any(r.programme in ids for r in v.readiness)))
    context.chart(context.figure(ctx, "readiness-matrix", lambda part=part: vendor_charts.readiness_matrix(
        part, lang, ctx.style, kinds), kind_key, gi), key="readiness-matrix" if gi == 0 else f"readiness-matrix-{gi + 1}")

fits = context.memo(ctx, "fits", lambda: [f for p in plan.programmes for f in schedule.fits_for(p, context.vendors_for(ctx, p.id))
                                          if f.vendor.kind.value in kinds], kind_key)
if fits:
    largest = sorted(sorted(range(len(fits)), key=lambda i: -abs(fits[i].gap_days or 0))[:GAP_CHART_ROWS])
    charted = [fits[i] for i in largest]
    context.chart(context.figure(ctx, "gap-chart", lambda: vendor_charts.gap_chart(charted, lang, ctx.style), kind_key),
                  key="gap-chart")
    if len(charted) < len(fits):
        n, total = i18n.number(len(charted), lang), i18n.number(len(fits), lang)
        st.caption(ctx.t("vd.capped_chart", n=n, total=total))

st.subheader(ctx.t("vd.holds_back"))
late = [f for f in fits if (f.gap_days or 0) > 0]
if late:
    for f in sorted(late, key=lambda f: -(f.gap_days or 0))[:LATE_LINES]:
        st.error(vendor_charts.gap_sentence(f, lang) + f" · **{f.vendor.name}** → {f.wave.name if f.wave else '–'} "
                 f"({', '.join(f.wave.parties) if f.wave else ''})")
    if len(late) > LATE_LINES:
        more = i18n.number(len(late) - LATE_LINES, lang)
        st.caption(ctx.t("vd.more_late", n=more))
else:
    st.success(ctx.t("vd.none_late"))

st.dataframe(
    context.memo(ctx, "fits-table", lambda: pd.DataFrame([
        {ctx.t("w.vendor"): f.vendor.name, ctx.t("w.system"): f.vendor.system or "", ctx.t("w.kind"): f.vendor.kind.value,
         ctx.t("w.programme"): f.readiness.programme, ctx.t("w.state"): ctx.t("ready." + f.readiness.state.value),
         ctx.t("vd.ready_by"): i18n.fuzzy(f.readiness.ready_by, lang) + (f" ({ctx.t('w.estimate')})" if f.readiness.estimate else ""),
         ctx.t("vd.gap_days"): f.gap_days, ctx.t("vd.preferred"): f.readiness.preferred_scenario or "",
         ctx.t("vd.as_of"): i18n.fuzzy(f.readiness.as_of, lang), ctx.t("w.note"): f.readiness.note}
        for f in fits
    ]), kind_key),
    hide_index=True,
)
