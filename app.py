"""Udrulningsplan: the Streamlit entry point (wiring only).

Run with ``streamlit run app.py``; the data folder is ``data/`` or
``$PLANNER_DATA``.
"""

from __future__ import annotations

import streamlit as st

from planner import i18n
from ui import context

st.set_page_config(page_title="Udrulningsplan", page_icon="📅", layout="wide")

ctx = context.build()
PAGES = [
    ("pages/overview.py", "page.overview", "overblik"),
    ("pages/programme.py", "page.programme", "program"),
    ("pages/vendors.py", "page.vendors", "leverandoerer"),
    ("pages/municipalities.py", "page.municipalities", "kommuner"),
    ("pages/targets.py", "page.targets", "maal"),
]
nav = st.navigation(
    [st.Page(path, title=i18n.t(key, ctx.lang), url_path=url, default=(i == 0)) for i, (path, key, url) in enumerate(PAGES)],
    position="sidebar",
)
context.sidebar(ctx)
context.problem_panel(ctx)
nav.run()
