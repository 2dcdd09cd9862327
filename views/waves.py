"""Bølgeplan: propose which municipality goes in which wave, and show it before anything is saved."""

from __future__ import annotations

import streamlit as st

from planner.analysis import onboarding, waveplan
from planner.presentation import i18n, tables, waveplan_yaml
from planner.presentation.charts import gantt, geo
from planner.presentation.markdown import inert
from ui import context, data, draw

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
draw.header(ctx, ctx.t("page.waves"))

candidates = [p for p in plan.programmes if p.onboarding]
if not candidates:
    st.info(inert(ctx.t("mu.no_onboarding")))
    st.stop()

cols = st.columns(3)
prog = context.pick_programme(ctx, candidates, "wp-programme", where=cols[0])
assert prog.onboarding is not None
start = cols[1].date_input(
    ctx.t("wp.start"),
    value=waveplan.default_start(prog.onboarding, ctx.as_of),
    format="DD.MM.YYYY",
    key=f"wp-start-{prog.id}",
)
capacity = cols[2].number_input(
    ctx.t("wp.capacity"),
    min_value=0,
    max_value=98,
    step=1,
    value=prog.onboarding.capacity or 0,
    key=f"wp-capacity-{prog.id}",
    help=inert(ctx.t("wp.capacity_help")),
)

try:
    proposal = waveplan.propose(prog.onboarding, plan.reference, start, int(capacity) or None)
except waveplan.WavePlanError as exc:
    st.error(inert(i18n.say(exc.key, lang, dict(exc.values))))
    st.stop()

for note in waveplan_yaml.notes(proposal, lang):
    st.info(inert(note))
proposed = prog.model_copy(update={"onboarding": proposal.as_onboarding()})
map_col, plan_col = st.columns([3, 2])
with map_col:
    draw.plot(
        ctx,
        geo.onboarding_map(
            plan, proposed, "wave", lang, ctx.style.share(0.6), proposal.start, boundaries=data.boundaries(plan)
        ),
        key="wp-map",
    )
with plan_col:
    st.subheader(inert(ctx.t("mu.per_wave")))
    draw.table(ctx, tables.proposed_waves(proposal, plan.reference.regions, lang))
rows = [(w.name, w.start, w.end, w.size) for w in proposal.waves]
draw.plot(ctx, gantt.waves_gantt(rows, ctx.as_of, ctx.t("wp.gantt_title"), lang, ctx.style), key="wp-gantt")

st.subheader(inert(ctx.t("wp.yaml")))
st.caption(inert(ctx.t("wp.yaml_help", file=draw.in_data(plan.data_dir, plan.programme_files.get(prog.id, "")))))
text = waveplan_yaml.to_yaml(proposal, lang)
st.code(text, language="yaml")
st.download_button(
    ctx.t("wp.download"),
    text,
    file_name=f"{prog.id}-onboarding.yaml",
    mime="text/yaml",
    on_click="ignore",
    icon=":material/download:",
)
rows_now = onboarding.rows(proposal.as_onboarding(), plan.reference)
st.caption(inert(ctx.t("wp.check", n=len({r.municipality.code for r in rows_now if r.wave}))))
