"""Projector mode: no sidebar, full width, large high-contrast text, and
Next/Previous buttons that step through the views in meeting order.

Opened with ``?mode=projector`` on any page's URL or the sidebar toggle. It
never shows edit controls.
"""

from __future__ import annotations

import streamlit as st

from planner.presentation import i18n
from ui.context import Context

CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"] { display: none !important; }
.block-container { padding-top: 1rem !important; padding-left: 2rem !important; padding-right: 2rem !important;
  max-width: 100% !important; }
html, body, [data-testid="stAppViewContainer"] { color: #000 !important; background: #fff !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li, [data-testid="stCaptionContainer"],
[data-testid="stAlertContainer"] p, label, [data-testid="stMetricLabel"] p { font-size: 22px !important; }
[data-testid="stMetric"] [data-testid="stMetricValue"] p { font-size: 44px !important; line-height: 1.2 !important; }
[data-testid="stDataFrame"] * { font-size: 20px !important; }
h1 { font-size: 44px !important; } h2 { font-size: 34px !important; } h3 { font-size: 28px !important; }
button p { font-size: 22px !important; font-weight: 700; }
</style>
"""


def enter_if_requested(ctx: Context) -> None:
    """Keep the URL in step with the toggle, so a projector link can be shared."""
    if st.session_state.get("projector") and st.query_params.get("mode") != "projector":
        st.query_params["mode"] = "projector"


def header(ctx: Context, pages: list[st.Page], current: st.Page) -> None:
    """Title, status date and the Previous/Next buttons."""
    st.markdown(CSS, unsafe_allow_html=True)
    st.query_params["mode"] = "projector"
    index = next((i for i, p in enumerate(pages) if p.url_path == current.url_path), 0)
    left, mid, prev_col, next_col, exit_col = st.columns([5, 3, 1.2, 1.2, 1.2], vertical_alignment="center")
    left.markdown(f"### {ctx.plan.portfolio.title}")
    mid.markdown(f"### {ctx.t('w.status_header', date=i18n.day(ctx.as_of, ctx.lang))}")
    if prev_col.button("◀ " + ctx.t("w.previous"), disabled=index == 0, key="projector-prev", width="stretch"):
        st.switch_page(pages[index - 1])
    if next_col.button(ctx.t("w.next") + " ▶", disabled=index == len(pages) - 1, key="projector-next", width="stretch"):
        st.switch_page(pages[index + 1])
    if exit_col.button("✕ " + ctx.t("w.exit"), key="projector-exit", width="stretch", help=ctx.t("ctl.projector")):
        st.session_state["projector"] = False
        st.session_state["_projector"] = False
        st.query_params.pop("mode", None)
        st.rerun()
