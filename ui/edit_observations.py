"""The edit page's observations form: a new count of a programme's metrics, nationally and by region.

The counts are checked as they are typed (:func:`planner.editing.draft`):
totals against the regions, a count that fell, a date already taken. The
observations already in the file are listed with a way to delete one.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from planner import editing
from planner.presentation import i18n
from planner.presentation.markdown import inert
from ui import access, context
from ui import edit_form as scaffold
from ui import edit_session as session
from ui.context import Context
from ui.edit_form import Shown, text


def observation(ctx: Context, who: str) -> None:
    measured = [p for p in ctx.on_disk.programmes if p.metrics and access.may_edit(p.id)]
    if not measured:
        return
    prog = context.pick_programme(ctx, measured, "ed-obs-programme")
    file = scaffold.programme_file(ctx, prog.id)
    shown = scaffold.show(ctx, f"observation-{prog.id}", file)
    form, snap, k = shown.form, shown.snap, shown.key
    when = st.date_input(ctx.t("w.date"), value=ctx.as_of, format="DD.MM.YYYY", key=k("date"))
    regions = list(ctx.on_disk.reference.regions)
    labels = {m.name: m.id for m in prog.metrics}
    st.markdown(inert(f"**{ctx.t('ed.national')}**"))
    columns = st.columns(len(labels))
    totals = {
        m: col.number_input(name, min_value=0.0, value=None, step=1.0, format="%g", key=k("total-" + m))
        for col, (name, m) in zip(columns, labels.items(), strict=True)
    }
    st.markdown(inert(f"**{ctx.t('ed.by_region')}**"))
    blank = pd.DataFrame({name: [""] * len(regions) for name in labels}, index=regions, dtype="object")
    config = {name: st.column_config.TextColumn(name, max_chars=20) for name in labels}
    table = st.data_editor(blank, key=k("table"), width="stretch", column_config=config)

    def cell(r: str, c: str) -> float | None:
        return i18n.parse_number(str(table.loc[r, c] or ""), ctx.lang)

    found = editing.draft(
        when=when,
        totals=totals,
        regions=[(r, {labels[c]: cell(r, c) for c in labels}) for r in regions],
        region_name=ctx.on_disk.reference.region,
        previous=editing.known(editing.value_at(shown.data, ("observations",))),
        note=st.text_input(ctx.t("w.note"), key=k("note"), max_chars=500),
    )
    names = {m.id: m.name for m in prog.metrics}
    if found.region_sums:
        st.caption(
            inert(
                ctx.t(
                    "ed.region_sums",
                    sums="; ".join(f"{names.get(m, m)}: {ctx.number(v)}" for m, v in sorted(found.region_sums.items())),
                )
            )
        )
    for issue in found.issues:
        if issue.finding is editing.Finding.NO_VALUES:
            continue  # the disabled button says it; nothing is wrong before anything is typed
        (st.error if issue.is_error else st.warning)(findingtext(ctx, issue, names))
    if st.button(ctx.t("ed.save"), key=k("save"), disabled=found.item is None):
        assert found.item is not None
        session.submit(ctx, form, snap, [editing.Append(file, ("observations",), found.item, key=("date",))], who)
    _observation_list(ctx, shown, file, who)
    scaffold.finish(ctx, shown, who)


def findingtext(ctx: Context, issue: editing.Issue, names: dict[str, str]) -> str:
    return ctx.t(
        "obs." + issue.finding.value,
        metric=names.get(issue.metric, issue.metric),
        region=issue.region,
        value=ctx.number(issue.value),
        other=ctx.number(issue.other),
        date=ctx.day(issue.other_date) if issue.other_date else "",
    )


def _observation_list(ctx: Context, shown: Shown, file: str, who: str) -> None:
    """The observations in the file, with a way to delete one."""
    form, snap = shown.form, shown.snap
    items = editing.value_at(shown.data, ("observations",)) or []
    if not items:
        return
    with st.expander(ctx.t("ed.existing_observations", n=len(items))):
        listed = {  # the observation's place in the file -> how it is listed
            n: f"{text(o.get('date'))}: " + ", ".join(f"{m} = {v}" for m, v in (o.get("values") or {}).items())
            for n, o in enumerate(items)
            if isinstance(o, dict)
        }
        pick = st.selectbox(
            ctx.t("ed.observation"),
            list(listed),
            format_func=listed.__getitem__,
            key=shown.key("pick"),
            placeholder=ctx.t("ctl.choose"),
        )
        if pick is not None and st.button(ctx.t("ed.delete_observation"), key=shown.key("delete")):
            session.submit(ctx, form, snap, [editing.Delete(file, ("observations", pick))], who)
