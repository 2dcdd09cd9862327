"""Udrulningsplan: the Streamlit entry point (wiring only).

Run with ``streamlit run app.py``; the data folder is ``data/`` or
``$PLANNER_DATA``. ``?mode=projector`` opens any page in projector mode.
"""

from __future__ import annotations

import streamlit as st

from planner.presentation import i18n
from ui import context, projector

st.set_page_config(page_title="Udrulningsplan", page_icon="📅", layout="wide")

ctx = context.build()
PAGES = [  # meeting order
    ("pages/overview.py", "page.overview", "overblik"),
    ("pages/programme.py", "page.programme", "program"),
    ("pages/vendors.py", "page.vendors", "leverandoerer"),
    ("pages/municipalities.py", "page.municipalities", "kommuner"),
    ("pages/targets.py", "page.targets", "maal"),
]
PLANNING = [  # not part of the meeting: planning tools
    ("pages/changes.py", "page.changes", "aendringer"),
    ("pages/waves.py", "page.waves", "boelgeplan"),
    ("pages/edit.py", "page.edit", "rediger"),
]
pages = [
    st.Page(path, title=i18n.t(key, ctx.lang), url_path=url, default=(i == 0))
    for i, (path, key, url) in enumerate(PAGES)
]
planning = [st.Page(path, title=i18n.t(key, ctx.lang), url_path=url) for path, key, url in PLANNING]
nav = st.navigation(pages + planning, position="hidden" if ctx.projector else "sidebar")
if ctx.projector:
    projector.header(ctx, pages, nav)
else:
    context.sidebar(ctx)
    projector.enter_if_requested(ctx)
context.problem_panel(ctx)
nav.run()
