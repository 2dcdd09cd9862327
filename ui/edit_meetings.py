"""The edit page's meetings: which are closed, and a button that closes a held one (baseline and pack)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from planner import editing
from planner.editing import meeting
from planner.presentation import i18n, meeting_pack
from planner.presentation.markdown import inert
from ui import access, git_sync
from ui.context import Context


def panel(ctx: Context, who: str) -> None:
    """Each meeting with its state; a held meeting that is not closed yet can be closed here."""
    st.subheader(inert(ctx.t("mt.title")))
    meetings = ctx.on_disk.portfolio.meetings
    if not meetings:
        st.info(inert(ctx.t("mt.none")))
        return
    for m in meetings:
        when = i18n.fuzzy(m.date, ctx.lang)
        state = ctx.t("mt.closed", baseline=m.baseline) if m.baseline else ctx.t("mt.open")
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.markdown(inert(f"**{m.name}** · {when} · {state}"))
        can_close = m.id and not m.baseline and m.date.first <= dt.date.today() and access.may_edit(None)
        if can_close and right.button(ctx.t("mt.close"), key=f"close-{m.id}"):
            _close(ctx, str(m.id), who)


def _close(ctx: Context, meeting_id: str, who: str) -> None:
    with st.spinner(ctx.t("mt.closing")):
        try:
            done = meeting.close(
                ctx.plan.data_dir,
                meeting_id,
                who,
                lambda m: meeting_pack.write(ctx.plan.data_dir, m, ctx.lang),
                sync=git_sync.sync(),
            )
        except editing.EditError as exc:
            st.error(inert(str(exc)))
            return
    st.success(inert(ctx.t("mt.done", baseline=done.baseline, files=", ".join(p.name for p in done.files))))
