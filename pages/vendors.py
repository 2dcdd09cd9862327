"""Leverandører: readiness per vendor and wave, and what a late vendor holds back."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner import i18n, model, schedule
from planner.charts import vendors as vendor_charts
from ui import context

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
context.header(ctx, ctx.t("page.vendors"))

all_kinds = [k.value for k in model.SystemKind if any(v.kind is k for v in plan.vendors)]
chosen = st.multiselect(ctx.t("ctl.kind"), all_kinds, default=all_kinds, key="vendor-kinds")
kinds = set(chosen) if chosen else set(all_kinds)

context.chart(vendor_charts.readiness_matrix(plan, lang, ctx.style, kinds), key="readiness-matrix")

fits = [f for p in plan.programmes for f in schedule.fits_for(p, plan.vendors) if f.vendor.kind.value in kinds]
if fits:
    context.chart(vendor_charts.gap_chart(fits, lang, ctx.style), key="gap-chart")

st.subheader(ctx.t("vd.holds_back"))
late = [f for f in fits if (f.gap_days or 0) > 0]
if late:
    for f in sorted(late, key=lambda f: -(f.gap_days or 0)):
        st.error(vendor_charts.gap_sentence(f, lang) + f" · **{f.vendor.name}** → {f.wave.name if f.wave else '–'} "
                 f"({', '.join(f.wave.parties) if f.wave else ''})")
else:
    st.success(ctx.t("vd.none_late"))

st.dataframe(
    pd.DataFrame([
        {ctx.t("w.vendor"): f.vendor.name, ctx.t("w.system"): f.vendor.system or "", ctx.t("w.kind"): f.vendor.kind.value,
         ctx.t("w.programme"): f.readiness.programme, ctx.t("w.state"): ctx.t("ready." + f.readiness.state.value),
         ctx.t("vd.ready_by"): i18n.fuzzy(f.readiness.ready_by, lang) + (f" ({ctx.t('w.estimate')})" if f.readiness.estimate else ""),
         ctx.t("vd.gap_days"): f.gap_days, ctx.t("vd.preferred"): f.readiness.preferred_scenario or "",
         ctx.t("vd.as_of"): i18n.fuzzy(f.readiness.as_of, lang), ctx.t("w.note"): f.readiness.note}
        for f in fits
    ]),
    hide_index=True,
)
