"""Program: one programme's waves and phases, its scenarios compared, and what-if."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner.analysis import schedule, status, whatif
from planner.presentation import compare_table, i18n, status_text
from planner.presentation.charts import gantt
from planner.presentation.charts import vendors as vendor_charts
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

state = status.programme_status(prog, context.vendors_for(ctx, prog.id), ctx.as_of)
st.markdown(f"**{status_text.label(state, lang)}**: {status_text.reason(state, lang)}  \n{ctx.t('w.owner')}: {prog.owner}")
if prog.summary and not ctx.projector:  # on the projector the chart comes first
    st.caption(prog.summary)

chart_slot = st.container()

# What-if: nothing is written; the chart above shows the moved plan.
moved = whatif.Moved(scenario=scenario, moved={}, days=0)
vendors = plan.vendors
live_waves = [w for w in scenario.waves if schedule.go_live(w) is not None]
if live_waves and not ctx.projector:
    with st.expander(ctx.t("wi.title"), expanded=False, icon="🔀"):
        left, right = st.columns(2)
        wave_id = left.selectbox(ctx.t("wi.wave"), [w.id for w in live_waves], key=f"wi-wave-{prog.id}-{scenario.id}",
                                 format_func=lambda wid: next(w.name for w in live_waves if w.id == wid))
        days = int(left.number_input(ctx.t("wi.days"), min_value=-730, max_value=1460, value=0, step=1,
                                     key=f"wi-days-{prog.id}-{scenario.id}"))
        moved = whatif.move_go_live(scenario, wave_id, days)
        with_dates = [v for v in plan.vendors if any(r.programme == prog.id and r.ready_by for r in v.readiness)]
        if with_dates:
            vendor_id = right.selectbox(ctx.t("wi.vendor"), ["", *(v.id for v in with_dates)], key=f"wi-vendor-{prog.id}",
                                        format_func=lambda vid: vendor_charts.vendor_label(next(v for v in with_dates if v.id == vid)) if vid else "–")
            vendor_days = int(right.number_input(ctx.t("wi.vendor_days"), min_value=-730, max_value=1460, value=0, step=1,
                                                 key=f"wi-vendor-days-{prog.id}"))
            if vendor_id and vendor_days:
                vendors = whatif.move_ready_by(plan.vendors, vendor_id, prog.id, vendor_days)
        if moved.moved:
            labels = whatif.names(scenario)
            st.markdown(ctx.tn("wi.moved", len(moved.moved)) + " " + ", ".join(
                f"{labels.get(key, key)} ({d:+d})" for key, d in moved.moved.items()))
        before = {w.wave.id: w.days for w in schedule.conversion_windows(scenario)}
        for w in schedule.conversion_windows(moved.scenario):
            change = w.days - before.get(w.wave.id, 0)
            st.markdown(ctx.t("wi.conversion", parties=", ".join(w.parties), days=i18n.number(w.days, lang),
                              change=f"{change:+d}"))
        late = [f for f in schedule.fits_for(prog, list(vendors), moved.scenario) if (f.gap_days or 0) > 0]
        st.markdown(f"**{ctx.tn('wi.late_now', len(late))}**")
        for f in late:
            st.markdown(f"- {vendor_charts.vendor_label(f.vendor)}: {vendor_charts.gap_sentence(f, lang)}")

critical = frozenset(whatif.critical_path(moved.scenario))
baseline = {}
for wave in scenario.waves:
    for p in wave.phases:
        key = whatif.phase_key(wave, p)
        if key in moved.moved:
            baseline[key] = (p.start.first, p.end.last)
    live = schedule.go_live(wave)
    if live and whatif.go_live_key(wave) in moved.moved:
        baseline[whatif.go_live_key(wave)] = (live.date.first, live.date.first)
highlights = gantt.Highlights(critical=critical, moved=moved.moved, baseline=baseline)
with chart_slot:
    context.chart(context.figure(ctx, "programme-gantt", lambda: gantt.programme_gantt(
        prog, moved.scenario, ctx.as_of, lang, ctx.style, highlights), prog.id, scenario.id, tuple(sorted(moved.moved.items()))),
        key="programme-gantt")
    st.caption(ctx.t("pg.dependencies") + " · " + ctx.t("pg.critical_path_caption"))

st.subheader(ctx.t("pg.conversion"))
windows = schedule.conversion_windows(moved.scenario)
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
    st.dataframe(pd.DataFrame(compare_table.table(prog, context.vendors_for(ctx, prog.id), lang)), hide_index=True)
    st.caption(ctx.t("pg.vs", scenario=prog.plan_of_record.name))
