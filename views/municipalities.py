"""Kommuner: onboarding of the 98 municipalities on a map, per region and wave."""

from __future__ import annotations

import streamlit as st

from planner.analysis import onboarding
from planner.presentation import tables
from planner.presentation.charts import geo
from planner.presentation.markdown import inert
from ui import cache, context, data, draw

CHART_PX = 790  # on the projector: the screen less the header row and the choices

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
draw.header(ctx, ctx.t("page.municipalities"))

with_onboarding = [p for p in plan.programmes if p.onboarding]
if not with_onboarding:
    st.info(inert(ctx.t("mu.no_onboarding")))
    st.stop()

left, right = st.columns(2)
prog = context.pick_programme(ctx, with_onboarding, "onb-programme", where=left)
colour_by = right.segmented_control(
    ctx.t("ctl.colour_by"),
    list(geo.ColourBy),
    default=geo.ColourBy.WAVE,
    required=True,
    key="onb-colour",
    format_func=lambda k: ctx.t("mu.by_" + k.value),
)
assert prog.onboarding is not None
rows = cache.value(onboarding.rows, prog.onboarding, plan.reference, ctx.as_of)
colour = colour_by or geo.ColourBy.WAVE
outlines = data.map_boundaries(plan)

map_col, stats_col = st.columns([3, 2])
with map_col:
    draw.chart(
        ctx,
        "onboarding-map",
        geo.onboarding_map,
        plan,
        prog,
        colour,
        lang,
        ctx.style.within(CHART_PX).share(0.6),
        ctx.as_of,
        boundaries=outlines,
    )
with stats_col:
    draw.chart(ctx, "region-bars", geo.region_bars, rows, lang, ctx.style.share(0.4))
    # Hovedstaden's 29 municipalities, which are specks on the whole map
    draw.chart(
        ctx, "capital-inset", geo.onboarding_map, plan, prog, colour, lang, ctx.style.share(0.4), ctx.as_of,
        boundaries=outlines, inset=True,
    )  # fmt: skip
    st.subheader(inert(ctx.t("mu.per_wave")))
    draw.cached_table(ctx, geo.counts_per_wave, rows, prog.onboarding, lang)

st.subheader(inert(ctx.t("mu.table")))
query = st.text_input(ctx.t("ctl.search"), key="onb-search")
draw.cached_table(ctx, tables.municipalities, rows, lang, query)
if prog.onboarding.note:
    st.caption(inert(prog.onboarding.note))
