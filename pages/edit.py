"""Rediger: update statuses between meetings, safely.

Read-only unless editing is switched on and the user has signed in; never in
projector mode. Every change is validated with the same rules as
``python -m planner validate``, written atomically, refused if the file
changed on disk since it was read (the difference is shown), and logged.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

from planner import editing, i18n, model, problems
from ui import access, context

ctx = context.get()
plan, lang = ctx.plan, ctx.lang
context.header(ctx, ctx.t("page.edit"))

if ctx.projector:
    st.info(ctx.t("ed.projector"))
    st.stop()
if not access.enabled():
    st.info(ctx.t("ed.disabled"))
    st.code('[editing]\nenabled = true\npassword = "…"', language="toml")
    st.stop()
if access.who() is None:
    access.sign_in_form(ctx)
    st.stop()

editor = access.who() or ""
st.caption(ctx.t("ed.signed_in", who=editor))
access.sign_out(ctx)


def snapshot(file: str) -> editing.Snapshot:
    """The file as it was when this session started editing it."""
    key = f"_snapshot:{file}"
    if key not in st.session_state:
        st.session_state[key] = editing.read(plan.data_dir, file)
    return st.session_state[key]  # type: ignore[no-any-return]


def save(file: str, changes: list[editing.Change]) -> None:
    """Apply, validate and write; tell the user exactly what happened."""
    snap = snapshot(file)
    try:
        new_text = editing.apply(snap, changes)
        result = editing.save(plan.data_dir, snap, new_text, editor, editing.describe(snap, changes))
    except editing.ConflictError as exc:
        st.error(ctx.t("ed.conflict"))
        st.code(exc.diff or str(exc), language="diff")
        if st.button(ctx.t("ed.reload"), key=f"reload-{file}"):
            st.session_state.pop(f"_snapshot:{file}", None)
            st.rerun()
        return
    except editing.InvalidEdit as exc:
        st.error(ctx.t("ed.invalid"))
        st.code("\n".join(problems.format(p) for p in exc.problems), language=None)
        return
    except editing.EditError as exc:
        st.error(str(exc))
        return
    st.session_state.pop(f"_snapshot:{file}", None)
    st.success(ctx.t("ed.saved", file=file, git=result.git))
    for note in result.notes:
        st.warning(note)


def programme_file(pid: str) -> str:
    return f"programmes/{Path(plan.programme_files[pid]).name}"


def date_text(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


tabs = st.tabs([ctx.t(k) for k in ("ed.tab_readiness", "ed.tab_phase", "ed.tab_milestone", "ed.tab_onboarding",
                                   "ed.tab_observation", "ed.tab_upload", "ed.tab_log")])

with tabs[0]:
    pairs = [(vi, ri, v, r) for vi, v in enumerate(plan.vendors) for ri, r in enumerate(v.readiness)]
    if pairs:
        index = st.selectbox(ctx.t("w.vendor"), range(len(pairs)), key="ed-readiness",
                             format_func=lambda i: f"{pairs[i][2].name} ({pairs[i][2].system or pairs[i][2].kind.value}) · {pairs[i][3].programme}")
        vi, ri, vendor, ready = pairs[index]
        with st.form(f"form-readiness-{vendor.id}-{ri}"):
            states = list(model.ReadinessState)
            state = st.selectbox(ctx.t("w.state"), states, index=states.index(ready.state),
                                 format_func=lambda s: ctx.t("ready." + s.value))
            ready_by = st.date_input(ctx.t("vd.ready_by"), value=ready.ready_by.first if ready.ready_by else None, format="DD.MM.YYYY")
            note = st.text_area(ctx.t("w.note"), value=ready.note, max_chars=2000)
            if st.form_submit_button(ctx.t("ed.save")):
                file_index = editing.index_of(snapshot("vendors.yaml"), ("vendors",), "id", vendor.id)
                path = ("vendors", vi if file_index is None else file_index, "readiness", ri)
                save("vendors.yaml", [
                    editing.Edit("vendors.yaml", (*path, "state"), state.value),
                    editing.Edit("vendors.yaml", (*path, "ready_by"), date_text(ready_by)),
                    editing.Edit("vendors.yaml", (*path, "note"), note or None),
                ])

with tabs[1]:
    rows = [(p, si, wi, pi, ph) for p in plan.programmes for si, s in enumerate(p.scenarios)
            for wi, w in enumerate(s.waves) for pi, ph in enumerate(w.phases)]
    if rows:
        index = st.selectbox(ctx.t("w.phase"), range(len(rows)), key="ed-phase",
                             format_func=lambda i: f"{rows[i][0].short_name or rows[i][0].name} · {rows[i][0].scenarios[rows[i][1]].name} · "
                                                   f"{rows[i][0].scenarios[rows[i][1]].waves[rows[i][2]].name} · {rows[i][4].name}")
        prog, si, wi, pi, phase = rows[index]
        with st.form(f"form-phase-{prog.id}-{si}-{wi}-{pi}"):
            c1, c2, c3 = st.columns(3)
            start = c1.text_input(ctx.t("w.start"), value=phase.start.text, help=ctx.t("ed.date_help"))
            end = c2.text_input(ctx.t("w.end"), value=phase.end.text, help=ctx.t("ed.date_help"))
            percent = c3.number_input(ctx.t("ed.percent"), min_value=0.0, max_value=100.0, step=5.0,
                                      value=float(phase.percent_complete) if phase.percent_complete is not None else None)
            if st.form_submit_button(ctx.t("ed.save")):
                file = programme_file(prog.id)
                path = ("scenarios", si, "waves", wi, "phases", pi)
                save(file, [editing.Edit(file, (*path, "start"), start.strip()),
                            editing.Edit(file, (*path, "end"), end.strip()),
                            editing.Edit(file, (*path, "percent_complete"), percent)])

with tabs[2]:
    marks: list[tuple[model.Programme, tuple[str | int, ...], model.Milestone, str]] = []
    for p in plan.programmes:
        for mi, m in enumerate(p.milestones):
            marks.append((p, ("milestones", mi), m, m.name))
        for si, s in enumerate(p.scenarios):
            for wi, w in enumerate(s.waves):
                for mi, m in enumerate(w.milestones):
                    marks.append((p, ("scenarios", si, "waves", wi, "milestones", mi), m, f"{s.name} · {w.name} · {m.name}"))
    if marks:
        index = st.selectbox(ctx.t("w.milestone"), range(len(marks)), key="ed-milestone",
                             format_func=lambda i: f"{marks[i][0].short_name or marks[i][0].name} · {marks[i][3]} ({marks[i][2].date.text})")
        prog, path, milestone, _ = marks[index]
        with st.form(f"form-milestone-{prog.id}-{'-'.join(map(str, path))}"):
            when = st.text_input(ctx.t("w.date"), value=milestone.date.text, help=ctx.t("ed.date_help"))
            estimate = st.checkbox(ctx.t("w.estimate"), value=milestone.estimate)
            if st.form_submit_button(ctx.t("ed.save")):
                file = programme_file(prog.id)
                save(file, [editing.Edit(file, (*path, "date"), when.strip()),
                            editing.Edit(file, (*path, "estimate"), True if estimate else None)])

with tabs[3]:
    onboarding_programmes = [p for p in plan.programmes if p.onboarding]
    if onboarding_programmes:
        c1, c2 = st.columns(2)
        pid = c1.selectbox(ctx.t("ctl.programme"), [p.id for p in onboarding_programmes], key="ed-onb-programme")
        prog = plan.programme(pid)
        assert prog is not None and prog.onboarding is not None
        names = [m.name for m in plan.reference.municipalities]
        name = c2.selectbox(ctx.t("w.municipality"), names, key="ed-onb-municipality")
        existing = next(((i, s) for i, s in enumerate(prog.onboarding.status)
                         if plan.reference.municipality(s.municipality) == plan.reference.municipality(name)), None)
        with st.form(f"form-onboarding-{pid}-{name}"):
            states = list(model.OnboardingState)
            current = existing[1].state if existing else model.OnboardingState.UNASSIGNED
            state = st.selectbox(ctx.t("w.state"), states, index=states.index(current), format_func=lambda s: ctx.t("onb." + s.value))
            when = st.date_input(ctx.t("w.date"), value=existing[1].date.first if existing and existing[1].date else None, format="DD.MM.YYYY")
            if st.form_submit_button(ctx.t("ed.save")):
                file = programme_file(pid)
                if existing:
                    path = ("onboarding", "status", existing[0])
                    save(file, [editing.Edit(file, (*path, "state"), state.value),
                                editing.Edit(file, (*path, "date"), date_text(when))])
                else:
                    item = {"municipality": name, "state": state.value, **({"date": date_text(when)} if when else {})}
                    save(file, [editing.Append(file, ("onboarding", "status"), item)])

with tabs[4]:
    measured = [p for p in plan.programmes if p.metrics]
    if measured:
        pid = st.selectbox(ctx.t("ctl.programme"), [p.id for p in measured], key="ed-obs-programme")
        prog = plan.programme(pid)
        assert prog is not None
        regions = list(plan.reference.regions)
        with st.form(f"form-observation-{pid}"):
            when = st.date_input(ctx.t("w.date"), value=ctx.as_of, format="DD.MM.YYYY")
            blank = pd.DataFrame({m.id: [None] * (len(regions) + 1) for m in prog.metrics},
                                 index=[*regions, ctx.t("w.total")], dtype="Float64")
            table = st.data_editor(blank, key=f"obs-table-{pid}", width="stretch")
            if st.form_submit_button(ctx.t("ed.save")):
                totals = {m: float(v) for m, v in table.loc[ctx.t("w.total")].items() if pd.notna(v)}
                breakdown = {r: {m: float(v) for m, v in table.loc[r].items() if pd.notna(v)} for r in regions}
                breakdown = {r: vals for r, vals in breakdown.items() if vals}
                for metric in {m for vals in breakdown.values() for m in vals} - set(totals):
                    totals[metric] = sum(vals.get(metric, 0.0) for vals in breakdown.values())
                if not totals:
                    st.error(ctx.t("ed.no_values"))
                else:
                    item = {"date": when.isoformat(), "values": totals, **({"breakdown": breakdown} if breakdown else {})}
                    file = programme_file(pid)
                    save(file, [editing.Append(file, ("observations",), item)])

with tabs[5]:
    files = ["portfolio.yaml", "vendors.yaml", *(programme_file(p.id) for p in plan.programmes)]
    target = st.selectbox(ctx.t("ed.upload_target"), files, key="ed-upload-target")
    uploaded = st.file_uploader(ctx.t("ed.upload"), type=["yaml", "yml"], key="ed-upload")
    if uploaded is not None:
        try:
            preview = editing.preview_upload(plan.data_dir, target, uploaded.getvalue())
        except editing.EditError as exc:
            st.error(str(exc))
        else:
            if preview.problems:
                st.code("\n".join(problems.format(p) for p in preview.problems), language=None)
            st.code(preview.diff or ctx.t("diff.none"), language="diff")
            if preview.ok and st.button(ctx.t("ed.accept_upload"), key="ed-accept"):
                try:
                    result = editing.accept_upload(plan.data_dir, preview, editor)
                    st.success(ctx.t("ed.saved", file=target, git=result.git))
                except editing.EditError as exc:
                    st.error(str(exc))

with tabs[6]:
    log = editing.changelog(plan.data_dir, limit=200)
    if log:
        st.dataframe(pd.DataFrame(log), hide_index=True)
    else:
        st.info(ctx.t("ed.no_log"))
st.caption(ctx.t("ed.footer", date=i18n.day(ctx.as_of, lang)))
