"""The forms of the edit page: readiness, phases, milestones, municipalities, observations, uploads, the log.

Each form shows the values of its record in the version of the file it was
first shown on (:mod:`ui.edit_session`), sends back only what the person
changed (:func:`planner.editing.edits`), and draws the outcome below it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from planner import editing
from planner.plan import dates, model
from planner.presentation import i18n
from ui import access, context, git_sync
from ui import edit_session as session
from ui.context import Context

VENDORS = "vendors.yaml"


def programme_file(ctx: Context, pid: str) -> str:
    return f"programmes/{Path(ctx.plan.programme_files[pid]).name}"


def programme_name(ctx: Context, pid: str) -> str:
    prog = ctx.plan.programme(pid)
    return (prog.short_name or prog.name) if prog else pid


def _text(value: object) -> str:
    return "" if value is None else str(value)


def bad_dates(ctx: Context, values: dict[str, str]) -> bool:
    """Say which typed dates cannot be read; True if any."""
    bad = False
    for label, text in values.items():
        if text.strip():
            try:
                dates.parse(editing.date_value(text))
            except dates.DateError:
                st.error(ctx.t("ed.bad_date", field=label, value=text.strip()))
                bad = True
    return bad


def _gone(ctx: Context, form: str) -> None:
    st.warning(ctx.t("ed.gone"))
    session.show_version(form, editing.Snapshot(file="", text="", sha256=""))  # read again on the next run


def readiness(ctx: Context, who: str) -> None:
    pairs = [(v, r) for v in ctx.plan.vendors for r in v.readiness if access.may_edit(r.programme)]
    if not pairs:
        return
    i = st.selectbox(
        ctx.t("w.vendor"),
        range(len(pairs)),
        key="ed-readiness",
        format_func=lambda n: (
            f"{pairs[n][0].name} ({pairs[n][0].system or pairs[n][0].kind.value}) · {programme_name(ctx, pairs[n][1].programme)}"
            + (f" · {pairs[n][1].wave}" if pairs[n][1].wave else "")
        ),
        placeholder=ctx.t("ctl.choose"),
    )
    vendor, ready = pairs[i]
    form = f"readiness-{vendor.id}-{ready.programme}-{ready.wave or ''}"
    snap = session.seen(ctx, form, VENDORS)
    data = editing.parse(snap)
    vi = editing.index_where(editing.value_at(data, ("vendors",)), id=vendor.id)
    ri = (
        None
        if vi is None
        else editing.index_where(
            editing.value_at(data, ("vendors", vi, "readiness")), programme=ready.programme, wave=ready.wave
        )
    )
    if vi is None or ri is None:
        return _gone(ctx, form)
    path = ("vendors", vi, "readiness", ri)
    now = editing.value_at(data, path)
    k = lambda name: session.key(form, snap, name)  # noqa: E731
    states: list[model.ReadinessState | None] = [None, *model.ReadinessState]
    cited = now.get("source") if isinstance(now.get("source"), dict) else None  # a structured source stays as it is
    with st.form(f"form-{form}"):
        state = st.selectbox(
            ctx.t("w.state"),
            states,
            key=k("state"),
            format_func=lambda s: ctx.t("ed.state_derived") if s is None else ctx.t("ready." + s.value),
            index=states.index(model.ReadinessState(now["state"])) if now.get("state") in states[1:] else 0,
            placeholder=ctx.t("ctl.choose"),
        )
        c1, c2, c3, c4 = st.columns(4)
        ready_by = c1.text_input(
            ctx.t("vd.ready_by"), _text(now.get("ready_by")), key=k("ready_by"), help=ctx.t("ed.date_help")
        )
        not_before = c2.text_input(
            ctx.t("vd.not_before"), _text(now.get("not_before")), key=k("not_before"), help=ctx.t("ed.date_help")
        )
        kinds = [False, True]
        estimate = c3.radio(
            ctx.t("ed.value_kind"),
            kinds,
            index=1 if now.get("estimate") else 0,
            key=k("estimate"),
            format_func=lambda e: ctx.t("ed.estimated" if e else "ed.confirmed"),
            horizontal=True,
        )
        as_of = c4.text_input(ctx.t("ed.as_of"), _text(now.get("as_of")), key=k("as_of"), help=ctx.t("ed.date_help"))
        if cited is None:
            source = st.text_input(ctx.t("ed.source"), _text(now.get("source")), key=k("source"), max_chars=300)
        else:
            st.caption(ctx.t("w.source", source=", ".join(f"{v}" for v in cited.values())))
        note = st.text_area(ctx.t("w.note"), _text(now.get("note")), key=k("note"), max_chars=2000)
        submitted = st.form_submit_button(ctx.t("ed.save"))
    dates = {ctx.t("vd.ready_by"): ready_by, ctx.t("vd.not_before"): not_before, ctx.t("ed.as_of"): as_of}
    if submitted and not bad_dates(ctx, dates):
        values = {
            "state": state.value if state else None,
            "ready_by": editing.date_value(ready_by),
            "not_before": editing.date_value(not_before),
            "estimate": estimate,
            "as_of": editing.date_value(as_of),
            **({"source": source} if cited is None else {}),
            "note": note,
        }
        session.submit(ctx, form, snap, editing.edits(snap, path, values), who)
    session.outcome(ctx, form, who)
    session.stale_notice(ctx, form, snap)


def _editable(ctx: Context) -> list[model.Programme]:
    """The programmes this session may change: no form offers another."""
    return [p for p in ctx.plan.programmes if access.may_edit(p.id)]


def _phases(ctx: Context) -> list[tuple[model.Programme, tuple[str | int, ...], str, str]]:
    return [
        (
            p,
            ("scenarios", si, "waves", wi, "phases", pi),
            f"{s.id}/{w.id}/{ph.id}",
            f"{p.short_name or p.name} · {s.name} · {w.name} · {ph.name}",
        )
        for p in _editable(ctx)
        for si, s in enumerate(p.scenarios)
        for wi, w in enumerate(s.waves)
        for pi, ph in enumerate(w.phases)
    ]


def _address(data: Any, ids: str) -> tuple[str | int, ...] | None:
    """The file path of scenario/wave/phase ids, found by id in the version shown."""
    sid, wid, pid = ids.split("/")
    si = editing.index_where(editing.value_at(data, ("scenarios",)), id=sid)
    if si is None:
        return None
    wi = editing.index_where(editing.value_at(data, ("scenarios", si, "waves")), id=wid)
    if wi is None:
        return None
    pi = editing.index_where(editing.value_at(data, ("scenarios", si, "waves", wi, "phases")), id=pid)
    return None if pi is None else ("scenarios", si, "waves", wi, "phases", pi)


def phase(ctx: Context, who: str) -> None:
    rows = _phases(ctx)
    if not rows:
        return
    i = st.selectbox(
        ctx.t("w.phase"),
        range(len(rows)),
        key="ed-phase",
        format_func=lambda n: rows[n][3],
        placeholder=ctx.t("ctl.choose"),
    )
    prog, _, ids, _ = rows[i]
    file = programme_file(ctx, prog.id)
    form = f"phase-{prog.id}-{ids}"
    snap = session.seen(ctx, form, file)
    path = _address(editing.parse(snap), ids)
    if path is None:
        return _gone(ctx, form)
    now = editing.value_at(editing.parse(snap), path)
    k = lambda name: session.key(form, snap, name)  # noqa: E731
    with st.form(f"form-{form}"):
        c1, c2, c3, c4 = st.columns(4)
        start = c1.text_input(ctx.t("w.start"), _text(now.get("start")), key=k("start"), help=ctx.t("ed.date_help"))
        end = c2.text_input(ctx.t("w.end"), _text(now.get("end")), key=k("end"), help=ctx.t("ed.date_help"))
        pct = now.get("percent_complete")
        percent = c3.number_input(
            ctx.t("ed.percent"),
            0.0,
            100.0,
            float(pct) if isinstance(pct, (int, float)) else None,
            step=5.0,
            key=k("percent"),
        )
        estimate = c4.checkbox(ctx.t("ed.estimated"), bool(now.get("estimate")), key=k("estimate"))
        submitted = st.form_submit_button(ctx.t("ed.save"))
    if submitted and not bad_dates(ctx, {ctx.t("w.start"): start, ctx.t("w.end"): end}):
        values = {
            "start": editing.date_value(start),
            "end": editing.date_value(end),
            "percent_complete": percent,
            "estimate": estimate,
        }
        session.submit(ctx, form, snap, editing.edits(snap, path, values), who)
    session.outcome(ctx, form, who)
    session.stale_notice(ctx, form, snap)


def _milestones(ctx: Context) -> list[tuple[model.Programme, tuple[str | int, ...], model.Milestone, str]]:
    out: list[tuple[model.Programme, tuple[str | int, ...], model.Milestone, str]] = []
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
    file = programme_file(ctx, prog.id)
    form = f"milestone-{prog.id}-{'-'.join(map(str, model_path))}-{mark.id or mark.name}"
    snap = session.seen(ctx, form, file)
    data = editing.parse(snap)
    holder = editing.value_at(data, model_path[:-1])
    mi = editing.index_where(holder, id=mark.id) if mark.id else editing.index_where(holder, name=mark.name)
    if mi is None:
        return _gone(ctx, form)
    path = (*model_path[:-1], mi)
    now = editing.value_at(data, path)
    k = lambda name: session.key(form, snap, name)  # noqa: E731
    with st.form(f"form-{form}"):
        c1, c2 = st.columns(2)
        when = c1.text_input(ctx.t("w.date"), _text(now.get("date")), key=k("date"), help=ctx.t("ed.date_help"))
        estimate = c2.checkbox(ctx.t("ed.estimated"), bool(now.get("estimate")), key=k("estimate"))
        note = st.text_area(ctx.t("w.note"), _text(now.get("note")), key=k("note"), max_chars=2000)
        submitted = st.form_submit_button(ctx.t("ed.save"))
    if submitted and not bad_dates(ctx, {ctx.t("w.date"): when}):
        values = {"date": editing.date_value(when), "estimate": estimate, "note": note}
        session.submit(ctx, form, snap, editing.edits(snap, path, values), who)
    session.outcome(ctx, form, who)
    session.stale_notice(ctx, form, snap)


def onboarding(ctx: Context, who: str) -> None:
    progs = [p for p in _editable(ctx) if p.onboarding]
    if not progs:
        return
    c1, c2 = st.columns(2)
    pid = context.pick_programme(ctx, progs, "ed-onb-programme", where=c1).id
    name = c2.selectbox(
        ctx.t("w.municipality"),
        [m.name for m in ctx.plan.reference.municipalities],
        key="ed-onb-mun",
        placeholder=ctx.t("ctl.choose"),
    )
    file = programme_file(ctx, pid)
    form = f"onboarding-{pid}-{name}"
    snap = session.seen(ctx, form, file)
    data = editing.parse(snap)
    ref = ctx.plan.reference
    same = lambda a, b: isinstance(a, str) and ref.municipality(a) == ref.municipality(b)  # noqa: E731
    rows = editing.value_at(data, ("onboarding", "status")) or []
    si = next((n for n, r in enumerate(rows) if isinstance(r, dict) and same(r.get("municipality"), name)), None)
    row = rows[si] if si is not None else {}
    waves = [w for w in editing.value_at(data, ("onboarding", "waves")) or [] if isinstance(w, dict)]
    member = [(wi, editing.index_of_value(w.get("members"), name, same)) for wi, w in enumerate(waves)]
    in_wave = next((wi for wi, mj in member if mj is not None), None)
    k = lambda n: session.key(form, snap, n)  # noqa: E731
    states = list(model.OnboardingState)
    choices = [None, *range(len(waves))]
    with st.form(f"form-{form}"):
        c1, c2, c3 = st.columns(3)
        state = c1.selectbox(
            ctx.t("w.state"),
            states,
            key=k("state"),
            format_func=lambda s: ctx.t("onb." + s.value),
            index=states.index(row["state"]) if row.get("state") in states else 0,
            placeholder=ctx.t("ctl.choose"),
        )
        when = c2.text_input(ctx.t("w.date"), _text(row.get("date")), key=k("date"), help=ctx.t("ed.date_help"))
        wave = c3.selectbox(
            ctx.t("ed.wave"),
            choices,
            index=choices.index(in_wave),
            key=k("wave"),
            format_func=lambda w: ctx.t("ed.no_wave") if w is None else str(waves[w].get("name", w)),
            placeholder=ctx.t("ctl.choose"),
        )
        submitted = st.form_submit_button(ctx.t("ed.save"))
    if submitted and not bad_dates(ctx, {ctx.t("w.date"): when}):
        changes: list[editing.Change] = []
        values = {"state": state.value, "date": editing.date_value(when)}
        if si is not None:
            changes += editing.edits(snap, ("onboarding", "status", si), values)
        elif state is not model.OnboardingState.UNASSIGNED or when.strip():
            item = {"municipality": name, **{f: v for f, v in values.items() if v is not None}}
            changes.append(editing.Append(file, ("onboarding", "status"), item, key=("municipality",)))
        if wave != in_wave:
            changes += [
                editing.Delete(file, ("onboarding", "waves", wi, "members", mj)) for wi, mj in member if mj is not None
            ]
            if wave is not None:
                changes.append(editing.Append(file, ("onboarding", "waves", wave, "members"), name))
        session.submit(ctx, form, snap, changes, who)
    if si is not None and st.button(ctx.t("ed.delete_row"), key=k("delete")):
        session.submit(ctx, form, snap, [editing.Delete(file, ("onboarding", "status", si))], who)
    session.outcome(ctx, form, who)
    session.stale_notice(ctx, form, snap)


def observation(ctx: Context, who: str) -> None:
    measured = [p for p in _editable(ctx) if p.metrics]
    if not measured:
        return
    prog = context.pick_programme(ctx, measured, "ed-obs-programme")
    pid = prog.id
    file = programme_file(ctx, pid)
    form = f"observation-{pid}"
    snap = session.seen(ctx, form, file)
    k = lambda n: session.key(form, snap, n)  # noqa: E731
    when = st.date_input(ctx.t("w.date"), value=ctx.as_of, format="DD.MM.YYYY", key=k("date"))
    regions = list(ctx.plan.reference.regions)
    labels = {m.name: m.id for m in prog.metrics}
    st.markdown(f"**{ctx.t('ed.national')}**")
    columns = st.columns(len(labels))
    totals = {
        m: col.number_input(name, min_value=0.0, value=None, step=1.0, format="%g", key=k("total-" + m))
        for col, (name, m) in zip(columns, labels.items(), strict=True)
    }
    st.markdown(f"**{ctx.t('ed.by_region')}**")
    blank = pd.DataFrame({name: [""] * len(regions) for name in labels}, index=regions, dtype="object")
    config = {name: st.column_config.TextColumn(name, max_chars=20) for name in labels}
    table = st.data_editor(blank, key=k("table"), width="stretch", column_config=config)
    cell = lambda r, c: i18n.parse_number(str(table.loc[r, c] or ""), ctx.lang)  # noqa: E731
    found = editing.draft(
        when=when,
        totals=totals,
        regions=[(r, {labels[c]: cell(r, c) for c in labels}) for r in regions],
        region_name=ctx.plan.reference.region,
        previous=editing.known(editing.value_at(editing.parse(snap), ("observations",))),
        note=st.text_input(ctx.t("w.note"), key=k("note"), max_chars=500),
    )
    names = {m.id: m.name for m in prog.metrics}
    if found.region_sums:
        st.caption(
            ctx.t(
                "ed.region_sums",
                sums="; ".join(f"{names.get(m, m)}: {ctx.number(v)}" for m, v in sorted(found.region_sums.items())),
            )
        )
    for issue in found.issues:
        if issue.finding is editing.Finding.NO_VALUES:
            continue  # the disabled button says it; nothing is wrong before anything is typed
        (st.error if issue.is_error else st.warning)(finding_text(ctx, issue, names))
    if st.button(ctx.t("ed.save"), key=k("save"), disabled=found.item is None):
        assert found.item is not None
        session.submit(ctx, form, snap, [editing.Append(file, ("observations",), found.item, key=("date",))], who)
    _observation_list(ctx, form, snap, file, who)
    session.outcome(ctx, form, who)
    session.stale_notice(ctx, form, snap)


def finding_text(ctx: Context, issue: editing.Issue, names: dict[str, str]) -> str:
    return ctx.t(
        "obs." + issue.finding.value,
        metric=names.get(issue.metric, issue.metric),
        region=issue.region,
        value=ctx.number(issue.value),
        other=ctx.number(issue.other),
        date=ctx.day(issue.other_date) if issue.other_date else "",
    )


def _observation_list(ctx: Context, form: str, snap: editing.Snapshot, file: str, who: str) -> None:
    """The observations in the file, with a way to delete one."""
    items = editing.value_at(editing.parse(snap), ("observations",)) or []
    if not items:
        return
    with st.expander(ctx.t("ed.existing_observations", n=len(items))):
        shown = [
            f"{_text(o.get('date'))}: " + ", ".join(f"{m} = {v}" for m, v in (o.get("values") or {}).items())
            for o in items
            if isinstance(o, dict)
        ]
        pick = st.selectbox(
            ctx.t("ed.observation"),
            range(len(shown)),
            format_func=lambda n: shown[n],
            key=session.key(form, snap, "pick"),
            placeholder=ctx.t("ctl.choose"),
        )
        if st.button(ctx.t("ed.delete_observation"), key=session.key(form, snap, "delete")):
            session.submit(ctx, form, snap, [editing.Delete(file, ("observations", pick))], who)


def upload(ctx: Context, who: str, files: Sequence[str]) -> None:
    target = st.selectbox(ctx.t("ed.upload_target"), files, key="ed-upload-target", placeholder=ctx.t("ctl.choose"))
    uploaded = st.file_uploader(ctx.t("ed.upload"), type=["yaml", "yml"], key="ed-upload")
    if uploaded is None:
        return
    raw = uploaded.getvalue()
    form = f"upload-{target}-{editing.files.sha(raw)[:16]}"
    preview = st.session_state.get("_preview:" + form)
    if preview is None:  # the preview, and the version it compares with, are kept from the moment it is shown
        try:
            preview = editing.preview_upload(ctx.plan.data_dir, target, raw)
        except editing.EditError as exc:
            st.error(session.reason(ctx, exc))
            return
        st.session_state["_preview:" + form] = preview
    if preview.problems:
        st.code("\n".join(session.problem_line(ctx, p) for p in preview.problems), language=None, wrap_lines=True)
    st.code(preview.diff or ctx.t("diff.none"), language="diff")
    if preview.ok and st.button(ctx.t("ed.accept_upload"), key=f"{form}:accept"):
        try:
            result = editing.accept_upload(ctx.plan.data_dir, preview, who, sync=git_sync.sync())
        except editing.ConflictError as exc:
            st.error(ctx.t("ed.upload_conflict", others=session.others(ctx, exc.others)))
            st.code(exc.diff, language="diff")
            st.session_state.pop("_preview:" + form, None)
            return
        except editing.EditError as exc:
            st.error(session.reason(ctx, exc))
            return
        session.saved(ctx, result)


def log(ctx: Context) -> None:
    entries = editing.changelog(ctx.plan.data_dir, limit=200)
    if entries:
        st.dataframe(session.log_table(ctx, entries), hide_index=True, width="stretch")
    else:
        st.info(ctx.t("ed.no_log"))
