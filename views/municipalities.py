"""Kommuner: onboarding of the 98 municipalities on a map, per region and wave."""

from __future__ import annotations

import streamlit as st

from planner.analysis import onboarding
from planner.presentation import tables
from planner.presentation.charts import geo
from ui import context

CHART_PX = 790  # on the projector: the screen less the header row and the choices

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
context.header(ctx, ctx.t("page.municipalities"))

with_onboarding = [p for p in plan.programmes if p.onboarding]
if not with_onboarding:
    st.info(ctx.t("mu.no_onboarding"))
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
rows = onboarding.rows(prog.onboarding, plan.reference, ctx.as_of)

map_col, stats_col = st.columns([3, 2])
with map_col:
    context.chart(
        context.figure(
            ctx,
            "onboarding-map",
            lambda: geo.onboarding_map(
                plan,
                prog,
                colour_by or geo.ColourBy.WAVE,
                lang,
                ctx.style.within(CHART_PX),
                ctx.as_of,
                boundaries=context.map_boundaries(plan),
            ),
            prog.id,
            colour_by,
        ),
        key="onboarding-map",
    )
with stats_col:
    context.chart(
        context.figure(ctx, "region-bars", lambda: geo.region_bars(rows, lang, ctx.style), prog.id), key="region-bars"
    )
    context.chart(  # Hovedstaden's 29 municipalities, which are specks on the whole map
        context.figure(
            ctx,
            "capital-inset",
            lambda: geo.onboarding_map(
                plan,
                prog,
                colour_by or geo.ColourBy.WAVE,
                lang,
                ctx.style,
                ctx.as_of,
                boundaries=context.map_boundaries(plan),
                inset=True,
            ),
            prog.id,
            colour_by,
        ),
        key="capital-inset",
    )
    st.subheader(ctx.t("mu.per_wave"))
    context.table(geo.counts_per_wave(rows, prog.onboarding, lang))

st.subheader(ctx.t("mu.table"))
query = st.text_input(ctx.t("ctl.search"), key="onb-search")
context.table(tables.municipalities(rows, lang, query))
if prog.onboarding.note:
    st.caption(prog.onboarding.note)
