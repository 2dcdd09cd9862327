"""Projector mode: no sidebar, full width, large high-contrast text, and
Next/Previous buttons that step through the views in meeting order.

Opened with ``?mode=projector`` on any page's URL or the sidebar toggle. It
never shows edit controls.
"""

from __future__ import annotations

import html

import streamlit as st

from planner.analysis import meetings
from planner.presentation import i18n
from planner.presentation.markdown import inert
from ui import cache
from ui.context import Context


def css(scale: float = 1.0) -> str:
    """The projector's styles, laid out for 1920x1080 and scaled for a smaller projector."""

    def px(n: float) -> str:
        return f"{round(n * scale)}px"

    return f"""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"] {{ display: none !important; }}
.block-container {{ padding-top: {px(16)} !important; padding-left: {px(32)} !important;
  padding-right: {px(32)} !important; max-width: 100% !important; }}
html, body, [data-testid="stAppViewContainer"] {{ color: #000 !important; background: #fff !important; }}
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li, [data-testid="stCaptionContainer"],
[data-testid="stAlertContainer"] p, label, [data-testid="stMetricLabel"] p {{ font-size: {px(22)} !important; }}
[data-testid="stMetric"] [data-testid="stMetricValue"] p {{ font-size: {px(44)} !important; line-height: 1.2 !important; }}
[data-testid="stTable"] td, [data-testid="stTable"] th {{ font-size: {px(22)} !important; padding: {px(4)} {px(10)} !important; }}
h1 {{ font-size: {px(44)} !important; padding: 0 !important; }} h2 {{ font-size: {px(34)} !important; }}
h3 {{ font-size: {px(28)} !important; }}
button p {{ font-size: {px(22)} !important; font-weight: 700; white-space: nowrap; }}
.projector-sub {{ font-size: {px(20)}; color: #333; margin-top: -0.4rem; }}
[data-testid="stElementContainer"]:has(> .stCustomComponentV1), .st-key-projector-screen {{ display: none; }}
</style>
"""


SCREEN_PX = 1080  # the height a projector page is laid out for (smaller screens scale it, see CSS)
HEADER_PX = 110  # the header row: page title, status date, buttons


def enter_if_requested() -> None:
    """Keep the URL in step with the toggle, so a projector link can be shared."""
    if st.session_state.get("projector") and st.query_params.get("mode") != "projector":
        st.query_params["mode"] = "projector"


def header(ctx: Context, pages: dict[str, st.Page], view: str) -> None:
    """The page's title and the portfolio's, the status date, and the Previous/Next buttons: once, in one row.

    Previous and Next walk the meeting's agenda (see :func:`meetings.steps`):
    each programme on it in its order, its open decision after it.
    """
    st.markdown(css(ctx.scale), unsafe_allow_html=True)
    st.query_params["mode"] = "projector"
    walk = cache.value(meetings.steps, ctx.plan, ctx.as_of)
    index = meetings.step_index(walk, view, st.query_params.get("programme"))
    left, mid, prev_col, next_col, exit_col = st.columns([5, 3, 1.3, 1.3, 1.3], vertical_alignment="center")
    left.markdown(inert(f"# {html.escape(pages[view].title)}"))
    sub = f"{ctx.plan.portfolio.title} · {ctx.t('w.step', n=index + 1, of=len(walk))}"  # where the walk stands
    left.markdown(f"<div class='projector-sub'>{html.escape(sub)}</div>", unsafe_allow_html=True)
    mid.markdown(inert(f"### {ctx.t('w.status_header', date=i18n.day(ctx.as_of, ctx.lang))}"))
    if prev_col.button("◀ " + ctx.t("w.previous"), disabled=index == 0, key="projector-prev", width="stretch"):
        go(pages, walk[index - 1])
    if next_col.button(ctx.t("w.next") + " ▶", disabled=index == len(walk) - 1, key="projector-next", width="stretch"):
        go(pages, walk[index + 1])
    if exit_col.button(
        "✕ " + ctx.t("w.exit"), key="projector-exit", width="stretch", help=inert(ctx.t("ctl.projector"))
    ):
        st.session_state["projector"] = False
        st.session_state["_projector"] = False
        st.query_params.pop("mode", None)
        st.rerun()


def go(pages: dict[str, st.Page], step: meetings.Step) -> None:
    """Open ``step``'s screen; the link keeps the projector's settings (mode, screen, language): one to share."""
    kept = {k: st.query_params[k] for k in ("mode", "screen", "lang", "date") if k in st.query_params}
    if step.programme:  # the programme page's chooser shows the step's programme (set, so the browser's shows it too)
        st.session_state["programme"] = step.programme
    st.session_state.pop("decision", None)  # the decision page picks the step's programme's decision
    st.switch_page(pages[step.view], query_params=kept | ({"programme": step.programme} if step.programme else {}))
