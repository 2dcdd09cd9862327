"""Rediger: update statuses between meetings, safely.

Read-only unless editing is switched on and the user has signed in; never in
projector mode. Each form saves against the version of the file it showed:
a colleague's save meanwhile is kept (and said), a clash on the same value
is refused with both changes shown. Every save is validated, written
atomically, logged and committed.
"""

from __future__ import annotations

import streamlit as st

from planner.plan import folder_layout
from planner.presentation.markdown import inert
from ui import (
    access,
    context,
    draw,
    edit_decisions,
    edit_files,
    edit_form,
    edit_forms,
    edit_meetings,
    edit_observations,
    edit_session,
    edit_status_date,
    settings,
)

ctx = context.get()
draw.header(ctx, ctx.t("page.edit"))

if ctx.projector:
    st.info(inert(ctx.t("ed.projector")))
    st.stop()
if not access.enabled():
    st.info(inert(ctx.t("ed.disabled")))
    st.code('[editing]\nenabled = true\npassword = "…"', language="toml")
    st.stop()
if access.who() is None:
    access.sign_in_form(ctx)
    st.stop()

person = access.identity()
who = person.label if person else ""
st.caption(inert(ctx.t("ed.signed_in", who=who)))
access.sign_out(ctx)
if person is None or not access.policy().is_editor(person):  # signed in, but not an editor: no edit controls
    st.warning(inert(ctx.t("ed.not_editor", who=who)))
    st.stop()
edit_session.pull_notice(ctx)
narrowing = settings.notices([p.id for p in ctx.on_disk.programmes])  # settings that narrow who may edit
if narrowing:
    st.warning(
        "\n".join(
            inert(line)
            for line in [ctx.t("cfg.notice"), *(f"- {settings.mistake_text(m, ctx.lang)}" for m in narrowing)]
        )
    )
if access.policy().editable(person) is not None:
    st.info(inert(ctx.t("ed.only_programmes", names=access.editable_names(ctx))))

tabs = st.tabs(
    [
        ctx.t(k)
        for k in (
            "ed.tab_readiness",
            "ed.tab_phase",
            "ed.tab_milestone",
            "ed.tab_onboarding",
            "ed.tab_observation",
            "ed.tab_decision",
            "ed.tab_status_date",
            "ed.tab_upload",
            "ed.tab_log",
        )
    ]
)
with tabs[0]:
    edit_forms.readiness(ctx, who)
with tabs[1]:
    edit_forms.phase(ctx, who)
with tabs[2]:
    edit_forms.milestone(ctx, who)
with tabs[3]:
    edit_forms.onboarding(ctx, who)
with tabs[4]:
    edit_observations.observation(ctx, who)
with tabs[5]:
    edit_decisions.form(ctx, who)
with tabs[6]:
    edit_status_date.form(ctx, who)
    edit_meetings.panel(ctx, who)
with tabs[7]:
    shared = [folder_layout.PORTFOLIO_FILE, folder_layout.VENDORS_FILE] if access.may_edit(None) else []
    own = [edit_form.programme_file(ctx, p.id) for p in ctx.on_disk.programmes if access.may_edit(p.id)]
    edit_files.upload(ctx, who, [*shared, *own])
    edit_files.workbook(ctx, who)
with tabs[8]:
    edit_files.log(ctx)
st.caption(inert(ctx.t("ed.footer")))
