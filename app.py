"""Udrulningsplan: the Streamlit entry point (wiring only).

Run with ``streamlit run app.py``; the data folder is ``data/`` or
``$PLANNER_DATA``. ``?mode=projector`` opens any page in projector mode.
"""

from __future__ import annotations

import streamlit as st

from planner.presentation import i18n
from planner.presentation.markdown import inert
from ui import access, context, data, draw, navigation, pack, projector, settings

st.set_page_config(page_title="Udrulningsplan", page_icon="📅", layout="wide")

if settings.closed_page(context.language()):  # an unreadable or access-widening setting: nothing else is shown
    st.stop()
preparing = st.empty()  # said while a first view after a start or a data change loads and draws the plan
version = data.version()  # the data folder's fingerprint, once per run
if not data.prepared(version):
    preparing.info(inert(i18n.t("app.preparing", context.language())), icon=":material/hourglass_top:")
ctx = context.build(version)
draw.page_css(ctx)
draw.page_language(ctx)
nav = navigation.build(ctx)
if not access.may_view():  # [roles] viewers = "signed-in": nothing of the plan before signing in
    st.title(inert("Udrulningsplan"))
    st.info(inert(ctx.t("ed.sign_in_to_view")))
    access.sign_in_form(ctx)
    preparing.empty()
    st.stop()
if ctx.projector:
    projector.header(ctx, {**nav.pages, "accessibility": nav.statement}, nav.shown)
else:
    context.sidebar(ctx)
    pack.downloads(ctx)
    st.sidebar.page_link(nav.statement, label=ctx.t("page.accessibility"), icon=":material/accessibility:")
    projector.enter_if_requested()
warnings_only = not any(p.severity == "error" for p in ctx.plan.problems)
if not (ctx.projector and warnings_only):  # errors first, always; on the projector warnings go below the view
    draw.problem_panel(ctx)
nav.page.run()
if ctx.projector and warnings_only:
    draw.problem_panel(ctx)
data.mark_prepared(ctx.on_disk)
preparing.empty()
