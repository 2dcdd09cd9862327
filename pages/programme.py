"""Program: one programme's waves and phases, and its scenarios compared."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner import compare, i18n, schedule, status
from planner.charts import gantt
from ui import context

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
context.header(ctx, ctx.t("page.programme"))
if not plan.programmes:
    st.stop()

ids = [p.id for p in plan.programmes]
requested = st.query_params.get("programme")
prog_id = st.selectbox(ctx.t("ctl.programme"), ids, index=ids.index(requested) if requested in ids else 0,
                       format_func=lambda pid: plan.programme(pid).name, key="programme")  # type: ignore[union-attr]
prog = plan.programme(prog_id)
assert prog is not None
scenario_ids = [s.id for s in prog.scenarios]
por = prog.plan_of_record.id
scenario_id = st.radio(
    ctx.t("ctl.scenario"), scenario_ids, index=scenario_ids.index(por), horizontal=True, key=f"scenario-{prog.id}",
    format_func=lambda sid: prog.scenario(sid).name + (f" ({ctx.t('w.plan_of_record')})" if sid == por else ""),  # type: ignore[union-attr]
)
scenario = prog.scenario(scenario_id) or prog.plan_of_record

state = status.programme_status(prog, plan.vendors, ctx.as_of, lang)
st.markdown(f"**{state.label(lang)}**: {state.reason}  \n{ctx.t('w.owner')}: {prog.owner}")
if prog.summary:
    st.caption(prog.summary)

context.chart(gantt.programme_gantt(prog, scenario, ctx.as_of, lang, ctx.style), key="programme-gantt")
st.caption(ctx.t("pg.dependencies"))

st.subheader(ctx.t("pg.conversion"))
windows = schedule.conversion_windows(scenario)
for w in windows:
    st.warning(ctx.t("pg.conversion_text", parties=", ".join(w.parties), start=i18n.day(w.first_go_live, lang),
                     end=i18n.day(w.go_live, lang), months=schedule.month_difference(w.first_go_live, w.go_live),
                     days=i18n.number(w.days, lang)))
if not windows:
    st.info(ctx.t("pg.no_conversion"))
if scenario.conversion_note:
    st.caption(scenario.conversion_note)

if len(prog.scenarios) > 1:
    st.subheader(ctx.t("pg.compare"))
    st.dataframe(pd.DataFrame(compare.table(prog, plan.vendors, lang)), hide_index=True)
    st.caption(ctx.t("pg.vs", scenario=prog.plan_of_record.name))
