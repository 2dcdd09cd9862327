"""The edit page's decision form: record which option a body chose, when, and what it said.

Saved through :func:`planner.editing.decide.decide` (the conflict-safe save,
the change log, git), which also freezes a baseline named after the decision.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from planner.analysis import decisions
from planner.editing import EditError, decide
from planner.presentation import decision_text
from planner.presentation.markdown import inert
from ui import access, git_sync
from ui import edit_session as session
from ui.context import Context

_DONE = "_decided"


def form(ctx: Context, who: str) -> None:
    pending = [
        o for o in decisions.open_decisions(ctx.on_disk.programmes, dt.date.max) if access.may_edit(o.programme.id)
    ]
    done = st.session_state.get(_DONE)
    if done:
        st.success(inert(ctx.t("ed.decided", baseline=done)))
    if not pending:
        st.info(inert(ctx.t("ed.no_open_decisions")))
        return
    i = st.selectbox(
        ctx.t("ed.decision"),
        range(len(pending)),
        key="ed-decision",
        format_func=lambda n: (
            f"{pending[n].programme.short_name or pending[n].programme.name} · {pending[n].decision.question}"
        ),
        placeholder=ctx.t("ctl.choose"),
    )
    chosen = pending[i]
    st.caption(inert(decision_text.sentence(chosen, ctx.as_of, ctx.lang)))
    with st.form(f"form-decision-{chosen.decision.id}"):
        option = st.radio(
            ctx.t("ed.option"),
            [s.id for s in chosen.options],
            format_func=lambda sid: next(s.name for s in chosen.options if s.id == sid),
            key=f"ed-decision-option-{chosen.decision.id}",
        )
        day = st.date_input(ctx.t("ed.decided_on"), value=chosen.decision.date.first, format="DD.MM.YYYY")
        note = st.text_area(ctx.t("w.note"), key=f"ed-decision-note-{chosen.decision.id}", max_chars=2000)
        submitted = st.form_submit_button(ctx.t("ed.save"))
    if submitted and option is not None:
        try:
            result = decide.decide(
                ctx.on_disk.data_dir, chosen.decision.id, option, day.isoformat(), who, note, sync=git_sync.sync()
            )
        except EditError as exc:
            st.error(inert(session.reason(ctx, exc)))
            return
        st.session_state[_DONE] = result.baseline
        st.rerun()
