"""Udrulningsplan: the Streamlit entry point (wiring only).

Run with ``streamlit run app.py``; the data folder is ``data/`` or
``$PLANNER_DATA``. ``?mode=projector`` opens any page in projector mode.
"""

from __future__ import annotations

import streamlit as st

from planner.presentation import i18n
from planner.presentation.markdown import inert
from ui import access, context, draw, pack, projector, settings

st.set_page_config(page_title="Udrulningsplan", page_icon="📅", layout="wide")

if settings.closed_page(context.language()):  # an unreadable or access-widening setting: nothing else is shown
    st.stop()
ctx = context.build()
# The page scripts live in views/, not pages/: with a pages/ folder Streamlit runs its older
# folder-based navigation on a server's first run, and a first visit to a deep link
# (/program) would show "Page not found" (tests/test_deep_links.py).
PAGES = [  # meeting order
    ("views/overview.py", "page.overview", "overblik"),
    ("views/programme.py", "page.programme", "program"),
    ("views/decision.py", "page.decision", "beslutning"),
    ("views/vendors.py", "page.vendors", "leverandoerer"),
    ("views/municipalities.py", "page.municipalities", "kommuner"),
    ("views/targets.py", "page.targets", "maal"),
]
PLANNING = [  # not part of the meeting: planning tools
    ("views/changes.py", "page.changes", "aendringer"),
    ("views/waves.py", "page.waves", "boelgeplan"),
    ("views/edit.py", "page.edit", "rediger"),
]
pages = [
    st.Page(path, title=i18n.t(key, ctx.lang), url_path=url, default=(i == 0))
    for i, (path, key, url) in enumerate(PAGES)
]
planning = [st.Page(path, title=i18n.t(key, ctx.lang), url_path=url) for path, key, url in PLANNING]
nav = st.navigation(pages + planning, position="hidden" if ctx.projector else "sidebar")
if not access.may_view():  # [roles] viewers = "signed-in": nothing of the plan before signing in
    st.title(inert("Udrulningsplan"))
    st.info(inert(ctx.t("ed.sign_in_to_view")))
    access.sign_in_form(ctx)
    st.stop()
if ctx.projector:
    projector.header(ctx, pages, nav)
else:
    context.sidebar(ctx)
    pack.downloads(ctx)
    projector.enter_if_requested()
warnings_only = not any(p.severity == "error" for p in ctx.plan.problems)
if not (ctx.projector and warnings_only):  # errors first, always; on the projector warnings go below the view
    draw.problem_panel(ctx)
nav.run()
if ctx.projector and warnings_only:
    draw.problem_panel(ctx)
