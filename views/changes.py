"""Ændringer: what moved since a baseline (a saved one, or a git commit or tag)."""

from __future__ import annotations

import streamlit as st

from planner.analysis import baseline_slips, baselines, diff
from planner.presentation import diff_text, i18n, tables
from planner.presentation.charts import gantt
from planner.presentation.markdown import inert
from ui import context, draw

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
draw.header(ctx, ctx.t("page.changes"))

saved = baselines.list_baselines(plan.data_dir)
left, right = st.columns(2)
choice = left.selectbox(
    ctx.t("ch.baseline"),
    ["", *saved],
    key="baseline",
    format_func=lambda name: name or ctx.t("ch.pick"),
    placeholder=ctx.t("ctl.choose"),
)
revision = right.text_input(
    ctx.t("ch.revision"), key="baseline-rev", max_chars=100, help=inert(ctx.t("ch.revision_help"))
)
ref = revision.strip() or choice
if not ref:
    st.info(inert(ctx.t("ch.none_yet")))
    st.code(f"python -m planner baseline {plan.data_dir} --name {ctx.as_of.isoformat()}", language="bash")
    st.stop()

try:
    old = baselines.load_baseline(plan.data_dir, ref)
except baselines.UnknownBaseline as exc:  # said in the user's language, with the baselines there are
    st.error(inert(ctx.t("ch.unknown_ref", ref=ref, known=", ".join(exc.known) or "–")))
    st.stop()
except baselines.BaselineError as exc:  # the reason in the words of validate, after a sentence in the language
    st.error(inert(ctx.t("ch.cannot_read", ref=ref, detail=str(exc))))
    st.stop()

found = diff.changes(old, plan)
st.subheader(inert(ctx.tn("ch.title", len(found), ref=ref)))
if not found:
    st.success(inert(diff_text.format_report([], lang)))
else:
    draw.sentences(tables.changes(found, lang, (*old.programmes, *plan.programmes)))  # every sentence in full

moved_programmes = [p for p in plan.programmes if any(c.programme == p.id for c in found)]
for prog in moved_programmes:
    slips = baseline_slips.slips(old, plan, prog.id)
    base = {key: (s.old_start, s.old_end) for key, s in slips.items() if s.days}
    if not base:
        continue
    moved = {key: s.days for key, s in slips.items() if s.days}
    highlights = gantt.Highlights(baseline=base, moved={k: v for k, v in moved.items() if v is not None})
    draw.plot(
        ctx,
        gantt.programme_gantt(prog, prog.plan_of_record, ctx.as_of, lang, ctx.style, highlights),
        key=f"changes-{prog.id}",
    )
st.caption(inert(ctx.t("ch.legend", date=i18n.day(ctx.as_of, lang))))
