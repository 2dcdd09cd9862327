"""Program: one programme's waves and phases, its scenarios compared, and what-if."""

from __future__ import annotations

import streamlit as st

from planner.analysis import status
from planner.presentation import decision_text, status_text, tables
from planner.presentation.charts import gantt
from planner.presentation.markdown import inert
from ui import cache, context, derived, draw, what_if

CHART_PX = 730  # on the projector: the screen less the header row, the choices and the status line
DECISION_PX = 75  # on the projector: a decision (one or two lines) under the status line

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
draw.header(ctx, ctx.t("page.programme"))
if not plan.programmes:
    st.stop()

# on the projector the two choices share a row, and the chart fits under them
pick_col, scenario_col = st.columns([2, 3]) if ctx.projector else (st.container(), st.container())
prog = context.pick_programme(
    ctx, plan.programmes, "programme", default=st.query_params.get("programme"), where=pick_col
)
context.in_link("programme", prog.id)  # a reload or a shared link shows the same programme and plan
por = prog.plan_of_record
scenario = context.pick_scenario(ctx, prog, scenario_col)
context.in_link("scenario", scenario.id if scenario is not por else None)

status_slot = st.empty()  # the status of the scenario shown, as moved by the what-if below
pending = decision_text.for_programme(prog, ctx.as_of, lang)  # options stay options until decided
for said in pending if not ctx.projector else ():  # on the projector: one line each in the status line
    st.info(inert(said), icon="⚖️")
if prog.summary and not ctx.projector:  # on the projector the chart comes first
    st.caption(inert(prog.summary))
if scenario.description and not ctx.projector:  # what this alternative is, in the planner's words
    st.caption(inert(f"**{scenario.name}:** {scenario.description}"))

chart_slot = st.container()
outcome = what_if.panel(ctx, prog, scenario) if not ctx.projector else what_if.outcome(ctx, prog, scenario)
state = cache.value(status.programme_status, prog, outcome.vendors, ctx.as_of, outcome.moved.scenario)
status_slot.markdown(
    inert(
        f"**{status_text.label(state, lang)}**: {status_text.reason(state, lang)}  \n{ctx.t('w.owner')}: {tables.owner(prog, lang)}"
        + "".join(f"  \n⚖️ {said}" for said in (pending if ctx.projector else ()))
    )
)
highlights = gantt.Highlights(critical=outcome.critical, moved=outcome.moved.moved, baseline=outcome.baseline)
with chart_slot:
    draw.chart(
        ctx,
        "programme-gantt",
        gantt.programme_gantt,
        prog,
        outcome.moved.scenario,
        ctx.as_of,
        lang,
        ctx.style.within(CHART_PX - (DECISION_PX * len(pending) if ctx.projector else 0)),
        highlights,
    )
    st.caption(inert(ctx.t("pg.dependencies") + " · " + ctx.t("pg.critical_path_caption")))
    draw.source_caption(ctx, scenario.source or prog.source)

what_if.conversion(ctx, scenario, outcome)

if len(prog.scenarios) > 1:
    st.subheader(inert(ctx.t("pg.compare")))
    draw.cached_table(ctx, derived.comparison, prog, outcome, lang)
    st.caption(inert(ctx.t("pg.vs", scenario=prog.plan_of_record.name)))
    positions = cache.value(tables.positions, plan.vendors, {prog.id: prog}, plan.portfolio, lang, prog.id)
    if positions:  # who supports, prefers or proposes which plan: their words, not their readiness
        st.subheader(inert(ctx.t("pos.title")))
        draw.table(ctx, positions)
