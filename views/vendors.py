"""Leverandører: readiness per vendor and wave, and what a late vendor holds back."""

from __future__ import annotations

import streamlit as st

from planner.analysis import schedule
from planner.plan import model
from planner.presentation import i18n, tables, vendor_text
from planner.presentation.charts import vendor_gaps
from planner.presentation.charts import vendors as vendor_charts
from planner.presentation.markdown import inert
from ui import cache, context, derived, draw, matrix_parts

# At national scale (thousands of readiness statements) the gap chart shows the largest gaps and
# the list the latest vendors; the table below has them all. More bars are unreadable, and plotly
# adds each bar's sentence in time that grows with the sentences before it.
GAP_CHART_ROWS = 40
LATE_LINES = 25
CHART_PX = 740  # on the projector: the screen less the header row, the kind filter and the heading

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
draw.header(ctx, ctx.t("page.vendors"))

all_kinds = [k.value for k in model.SystemKind if any(v.kind is k for v in plan.vendors)]
kind_col, part_col = st.columns(2)  # the two choices in one row: the matrix starts high on the screen
chosen = kind_col.multiselect(
    ctx.t("ctl.kind"),
    all_kinds,
    default=all_kinds,
    key="vendor-kinds",
    placeholder=ctx.t("ctl.choose"),
    format_func=lambda k: tables.kind(model.SystemKind(k), lang),
)
kinds = frozenset(chosen) if chosen else frozenset(all_kinds)

part = matrix_parts.chosen(ctx, part_col)
if ctx.projector:
    st.subheader(inert(ctx.t("vd.matrix")))
draw.chart(
    ctx,
    "readiness-matrix",
    vendor_charts.readiness_matrix,
    part,
    lang,
    ctx.style.within(CHART_PX),
    kinds,
    ctx.as_of,
)

fits = cache.value(derived.fits, plan, kinds)
if fits and not any(f.gap_days is not None for f in fits):  # nothing to set against a go-live: no empty chart
    st.subheader(inert(ctx.t("vd.gap_title")))
    st.info(inert(ctx.t("vd.no_gaps")))
elif fits:
    largest = sorted(sorted(range(len(fits)), key=lambda i: -abs(fits[i].gap_days or 0))[:GAP_CHART_ROWS])
    charted = tuple(fits[i] for i in largest)
    draw.chart(ctx, "gap-chart", vendor_gaps.gap_chart, charted, lang, ctx.style)
    if len(charted) < len(fits):
        n, total = i18n.number(len(charted), lang), i18n.number(len(fits), lang)
        st.caption(inert(ctx.t("vd.capped_chart", n=n, total=total)))

st.subheader(inert(ctx.t("vd.holds_back")))
held = cache.value(schedule.holds_back, fits)
for h in held[:LATE_LINES]:
    st.error(inert(vendor_text.holds_back_sentence(h, lang)))
if len(held) > LATE_LINES:
    st.caption(inert(ctx.t("vd.more_late", n=ctx.number(len(held) - LATE_LINES))))
if not held:
    st.success(inert(ctx.t("vd.none_late")))

draw.cached_table(ctx, tables.fits, fits, lang, {p.id: p for p in plan.programmes})
st.subheader(inert(ctx.t("pos.title")))
draw.cached_table(ctx, tables.positions, plan.vendors, {p.id: p for p in plan.programmes}, plan.portfolio, lang)
