"""Rediger: update statuses between meetings, safely.

Read-only unless editing is switched on and the user has signed in; never in
projector mode. Each form saves against the version of the file it showed:
a colleague's save meanwhile is kept (and said), a clash on the same value
is refused with both changes shown. Every save is validated, written
atomically, logged and committed.
"""

from __future__ import annotations

import streamlit as st

from planner.presentation.markdown import inert
from ui import (
    access,
    context,
    draw,
    edit_decisions,
    edit_files,
    edit_forms,
    edit_meetings,
    edit_observations,
    edit_session,
    edit_status_date,
)

ctx = context.get()
draw.header(ctx, ctx.t("page.edit"))
person = access.editor(ctx)
if person is None:
    st.stop()
who = person.label
edit_session.pull_notice(ctx)
access.scope_notices(ctx, person)

TABS = {
    "ed.tab_readiness": [edit_forms.readiness],
    "ed.tab_phase": [edit_forms.phase],
    "ed.tab_milestone": [edit_forms.milestone],
    "ed.tab_onboarding": [edit_forms.onboarding],
    "ed.tab_observation": [edit_observations.observation],
    "ed.tab_decision": [edit_decisions.form],
    "ed.tab_status_date": [edit_status_date.form, edit_meetings.panel],
    "ed.tab_upload": [edit_files.uploads],
    "ed.tab_log": [lambda ctx, _who: edit_files.log(ctx)],
}
for tab, forms in zip(st.tabs([ctx.t(k) for k in TABS]), TABS.values(), strict=True):
    with tab:
        for form in forms:
            form(ctx, who)
st.caption(inert(ctx.t("ed.footer")))
