"""Beslutning: a decision's options side by side, by outcome, with every stakeholder's position and its source."""

from __future__ import annotations

import streamlit as st

from planner.analysis import decisions
from planner.presentation import decision_table, decision_text
from planner.presentation.charts import gantt
from planner.presentation.markdown import inert
from ui import cache, context, data, draw

CHART_PX = 420  # one option's plan, under the table

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
draw.header(ctx, ctx.t("page.decision"))
found = decisions.open_decisions(plan.programmes, ctx.as_of) + decisions.taken(plan.programmes, ctx.as_of)
if not found:
    st.info(inert(ctx.t("dec.none")))
    st.stop()
labels = [f"{o.programme.short_name or o.programme.name}: {o.decision.question}" for o in found]
asked = st.query_params.get("programme")  # the projector's walk of an agenda opens one programme's decision
index = next((i for i, o in enumerate(found) if o.programme.id == asked), 0)
if len(found) > 1:  # the open ones first, soonest first; then the taken ones
    index = st.selectbox(
        ctx.t("dec.pick"), range(len(found)), index=index, format_func=labels.__getitem__, key="decision"
    )
chosen = found[index]
prog, decision = chosen.programme, chosen.decision
context.in_link("programme", prog.id)  # a reload or a shared link shows the same decision
st.info(inert(decision_text.sentence(chosen, ctx.as_of, lang)), icon="⚖️")
vendors = data.vendors_for(plan, prog.id)
compared = cache.value(decision_table.side_by_side, prog, decision, vendors, plan.portfolio, ctx.as_of, lang)
draw.sentences(compared.rows)
for note in compared.notes:  # what is said of every plan alike, or of a change to one
    st.caption(inert(note))
draw.source_caption(ctx, decision.source or prog.source)
for option in compared.options if not ctx.projector else ():  # each option's plan, one under the other
    st.subheader(inert(decision_text.scenario_label(prog, option, ctx.as_of, lang)))
    draw.chart(
        ctx, f"decision-{option.id}", gantt.programme_gantt, prog, option, ctx.as_of, lang, ctx.style.within(CHART_PX)
    )
