"""The edit page's record forms: a vendor's readiness, a phase, a milestone, a municipality's onboarding.

Each lists the records of the files as they are on disk (every statement,
whatever the status date), finds the chosen one in the version shown and
draws its form through :mod:`ui.edit_form`. Every value that can be an
estimate has its own tick, read from ``estimate:`` and ``estimated:`` and
saved as ticked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from planner import editing
from planner.plan import model
from planner.presentation.markdown import inert
from ui import access, context
from ui import edit_form as scaffold
from ui import edit_session as session
from ui.context import Context
from ui.edit_form import Filled, Shown, text

READINESS_ESTIMABLE = ("state", "ready_by", "not_before", "as_of")


def _readiness_label(ctx: Context, vendor: model.Vendor, ready: model.Readiness) -> str:
    name = f"{vendor.name} ({vendor.system or vendor.kind.value}) · {scaffold.programme_name(ctx, ready.programme)}"
    return name + (f" · {ready.wave}" if ready.wave else "")


def readiness(ctx: Context, who: str) -> None:
    pairs = [(v, r) for v in ctx.on_disk.vendors for r in v.readiness if access.may_edit(r.programme)]
    if not pairs:
        return
    i = st.selectbox(
        ctx.t("w.vendor"),
        range(len(pairs)),
        key="ed-readiness",
        format_func=lambda n: _readiness_label(ctx, *pairs[n]),
        placeholder=ctx.t("ctl.choose"),
    )
    vendor, ready = pairs[i]
    shown = scaffold.show(ctx, f"readiness-{vendor.id}-{ready.programme}-{ready.wave or ''}", scaffold.VENDORS)
    vi = editing.index_where(editing.value_at(shown.data, ("vendors",)), id=vendor.id)
    path: editing.FieldPath | None = None
    if vi is not None:
        statements = editing.value_at(shown.data, ("vendors", vi, "readiness"))
        ri = editing.index_where(statements, programme=ready.programme, wave=ready.wave)
        path = None if ri is None else ("vendors", vi, "readiness", ri)
    scaffold.record_form(ctx, who, shown, path, lambda s, now: _readiness_fields(ctx, s, now))


def _readiness_fields(ctx: Context, shown: Shown, now: Mapping[str, Any]) -> Filled:
    states: list[model.ReadinessState | None] = [None, *model.ReadinessState]
    state = st.selectbox(
        ctx.t("w.state"),
        states,
        key=shown.key("state"),
        format_func=lambda s: ctx.t("ed.state_derived") if s is None else ctx.t("ready." + s.value),
        index=states.index(model.ReadinessState(now["state"])) if now.get("state") in states[1:] else 0,
        placeholder=ctx.t("ctl.choose"),
    )
    c1, c2, c3 = st.columns(3)
    typed = {
        ctx.t("vd.ready_by"): c1.text_input(ctx.t("vd.ready_by"), text(now.get("ready_by")), key=shown.key("ready_by"), help=inert(ctx.t("ed.date_help"))),
        ctx.t("vd.not_before"): c2.text_input(ctx.t("vd.not_before"), text(now.get("not_before")), key=shown.key("not_before"), help=inert(ctx.t("ed.date_help"))),
        ctx.t("ed.as_of"): c3.text_input(ctx.t("ed.as_of"), text(now.get("as_of")), key=shown.key("as_of"), help=inert(ctx.t("ed.date_help"))),
    }  # fmt: skip
    labels = dict(zip((ctx.t("w.state"), *typed), READINESS_ESTIMABLE, strict=True))
    ticked = scaffold.estimate_ticks(ctx, shown, now, labels)
    cited = now.get("source") if isinstance(now.get("source"), dict) else None  # a structured source stays as it is
    if cited is None:
        source = st.text_input(ctx.t("ed.source"), text(now.get("source")), key=shown.key("source"), max_chars=300)
    else:
        st.caption(inert(ctx.t("w.source", source=", ".join(f"{v}" for v in cited.values()))))
    note = st.text_area(ctx.t("w.note"), text(now.get("note")), key=shown.key("note"), max_chars=2000)
    ready_by, not_before, as_of = typed.values()
    values = {
        "state": state.value if state else None,
        "ready_by": editing.date_value(ready_by),
        "not_before": editing.date_value(not_before),
        "as_of": editing.date_value(as_of),
        **({"source": source} if cited is None else {}),
        "note": note,
    }
    return Filled(values, typed, READINESS_ESTIMABLE, ticked)


def _editable(ctx: Context) -> list[model.Programme]:
    """The programmes this session may change: no form offers another."""
    return [p for p in ctx.on_disk.programmes if access.may_edit(p.id)]


def _phase_path(data: Any, ids: str) -> editing.FieldPath | None:
    """The file path of scenario/wave/phase ids, found by id in the version shown."""
    path: tuple[str | int, ...] = ()
    for field, wanted in zip(("scenarios", "waves", "phases"), ids.split("/"), strict=True):
        found = editing.index_where(editing.value_at(data, (*path, field)), id=wanted)
        if found is None:
            return None
        path = (*path, field, found)
    return path


def phase(ctx: Context, who: str) -> None:
    rows = [
        (p, f"{s.id}/{w.id}/{ph.id}", f"{p.short_name or p.name} · {s.name} · {w.name} · {ph.name}")
        for p in _editable(ctx)
        for s in p.scenarios
        for w in s.waves
        for ph in w.phases
    ]
    if not rows:
        return
    i = st.selectbox(
        ctx.t("w.phase"),
        range(len(rows)),
        key="ed-phase",
        format_func=lambda n: rows[n][2],
        placeholder=ctx.t("ctl.choose"),
    )
    prog, ids, _ = rows[i]
    shown = scaffold.show(ctx, f"phase-{prog.id}-{ids}", scaffold.programme_file(ctx, prog.id))
    scaffold.record_form(ctx, who, shown, _phase_path(shown.data, ids), lambda s, now: _phase_fields(ctx, s, now))


def _phase_fields(ctx: Context, shown: Shown, now: Mapping[str, Any]) -> Filled:
    c1, c2, c3 = st.columns(3)
    start = c1.text_input(
        ctx.t("w.start"), text(now.get("start")), key=shown.key("start"), help=inert(ctx.t("ed.date_help"))
    )
    end = c2.text_input(ctx.t("w.end"), text(now.get("end")), key=shown.key("end"), help=inert(ctx.t("ed.date_help")))
    pct = now.get("percent_complete")
    percent = c3.number_input(
        ctx.t("ed.percent"),
        0.0,
        100.0,
        float(pct) if isinstance(pct, int | float) else None,
        step=5.0,
        key=shown.key("percent"),
    )
    fields = ("start", "end", "percent_complete")
    ticked = scaffold.estimate_ticks(
        ctx, shown, now, dict(zip((ctx.t("w.start"), ctx.t("w.end"), ctx.t("ed.percent")), fields, strict=True))
    )
    values = {"start": editing.date_value(start), "end": editing.date_value(end), "percent_complete": percent}
    return Filled(values, {ctx.t("w.start"): start, ctx.t("w.end"): end}, fields, ticked)


def _milestones(ctx: Context) -> list[tuple[model.Programme, editing.FieldPath, model.Milestone, str]]:
    out: list[tuple[model.Programme, editing.FieldPath, model.Milestone, str]] = []
    for p in _editable(ctx):
        out += [(p, ("milestones", mi), m, m.name) for mi, m in enumerate(p.milestones)]
        out += [
            (p, ("scenarios", si, "waves", wi, "milestones", mi), m, f"{s.name} · {w.name} · {m.name}")
            for si, s in enumerate(p.scenarios)
            for wi, w in enumerate(s.waves)
            for mi, m in enumerate(w.milestones)
        ]
    return out


def milestone(ctx: Context, who: str) -> None:
    marks = _milestones(ctx)
    if not marks:
        return
    i = st.selectbox(
        ctx.t("w.milestone"),
        range(len(marks)),
        key="ed-milestone",
        format_func=lambda n: f"{marks[n][0].short_name or marks[n][0].name} · {marks[n][3]}",
        placeholder=ctx.t("ctl.choose"),
    )
    prog, model_path, mark, _ = marks[i]
    form = f"milestone-{prog.id}-{'-'.join(map(str, model_path))}-{mark.id or mark.name}"
    shown = scaffold.show(ctx, form, scaffold.programme_file(ctx, prog.id))
    holder = editing.value_at(shown.data, model_path[:-1])
    mi = editing.index_where(holder, id=mark.id) if mark.id else editing.index_where(holder, name=mark.name)
    path = None if mi is None else (*model_path[:-1], mi)
    scaffold.record_form(ctx, who, shown, path, lambda s, now: _milestone_fields(ctx, s, now))


def _milestone_fields(ctx: Context, shown: Shown, now: Mapping[str, Any]) -> Filled:
    when = st.text_input(
        ctx.t("w.date"), text(now.get("date")), key=shown.key("date"), help=inert(ctx.t("ed.date_help"))
    )
    ticked = scaffold.estimate_ticks(ctx, shown, now, {ctx.t("w.date"): "date"})
    note = st.text_area(ctx.t("w.note"), text(now.get("note")), key=shown.key("note"), max_chars=2000)
    values = {"date": editing.date_value(when), "note": note}
    return Filled(values, {ctx.t("w.date"): when}, ("date",), ticked)


def onboarding(ctx: Context, who: str) -> None:
    progs = [p for p in _editable(ctx) if p.onboarding]
    if not progs:
        return
    c1, c2 = st.columns(2)
    pid = context.pick_programme(ctx, progs, "ed-onb-programme", where=c1).id
    ref = ctx.on_disk.reference
    name = c2.selectbox(
        ctx.t("w.municipality"), [m.name for m in ref.municipalities], key="ed-onb-mun", placeholder=ctx.t("ctl.choose")
    )
    file = scaffold.programme_file(ctx, pid)
    shown = scaffold.show(ctx, f"onboarding-{pid}-{name}", file)

    def same(a: object, b: str) -> bool:
        return isinstance(a, str) and ref.municipality(a) == ref.municipality(b)

    rows = editing.value_at(shown.data, ("onboarding", "status")) or []
    si = next((n for n, r in enumerate(rows) if isinstance(r, dict) and same(r.get("municipality"), name)), None)
    row = rows[si] if si is not None else {}
    waves = [w for w in editing.value_at(shown.data, ("onboarding", "waves")) or [] if isinstance(w, dict)]
    member = [(wi, editing.index_of_value(w.get("members"), name, same)) for wi, w in enumerate(waves)]
    in_wave = next((wi for wi, mj in member if mj is not None), None)
    states = list(model.OnboardingState)
    choices = [None, *range(len(waves))]
    with st.form(f"form-{shown.form}"):
        c1, c2, c3 = st.columns(3)
        state = c1.selectbox(
            ctx.t("w.state"),
            states,
            key=shown.key("state"),
            format_func=lambda s: ctx.t("onb." + s.value),
            index=states.index(row["state"]) if row.get("state") in states else 0,
            placeholder=ctx.t("ctl.choose"),
        )
        when = c2.text_input(
            ctx.t("w.date"), text(row.get("date")), key=shown.key("date"), help=inert(ctx.t("ed.date_help"))
        )
        wave = c3.selectbox(
            ctx.t("ed.wave"),
            choices,
            index=choices.index(in_wave),
            key=shown.key("wave"),
            format_func=lambda w: ctx.t("ed.no_wave") if w is None else str(waves[w].get("name", w)),
            placeholder=ctx.t("ctl.choose"),
        )
        ticked = scaffold.estimate_ticks(ctx, shown, row, {ctx.t("w.state"): "state", ctx.t("w.date"): "date"})
        submitted = st.form_submit_button(ctx.t("ed.save"))
    if submitted and not scaffold.bad_dates(ctx, {ctx.t("w.date"): when}):
        changes: list[editing.Change] = []
        values = {
            "state": state.value,
            "date": editing.date_value(when),
            **editing.estimate_flags(row, ("state", "date"), ticked),
        }
        if si is not None:
            changes += editing.edits(shown.snap, ("onboarding", "status", si), values)
        elif state is not model.OnboardingState.UNASSIGNED or when.strip():
            item = {"municipality": name, **{f: v for f, v in values.items() if v is not None}}
            changes.append(editing.Append(file, ("onboarding", "status"), item, key=("municipality",)))
        if wave != in_wave:
            changes += [
                editing.Delete(file, ("onboarding", "waves", wi, "members", mj)) for wi, mj in member if mj is not None
            ]
            if wave is not None:
                changes.append(editing.Append(file, ("onboarding", "waves", wave, "members"), name))
        session.submit(ctx, shown.form, shown.snap, changes, who)
    if si is not None and st.button(ctx.t("ed.delete_row"), key=shown.key("delete")):
        session.submit(ctx, shown.form, shown.snap, [editing.Delete(file, ("onboarding", "status", si))], who)
    scaffold.finish(ctx, shown, who)
