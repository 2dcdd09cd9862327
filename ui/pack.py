"""The meeting pack's downloads in the sidebar: PowerPoint, HTML and Excel, each built only when clicked."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from planner.analysis import meetings
from planner.presentation.markdown import inert
from ui import data
from ui.context import Context

FORMATS = (
    ("pptx", "rp.download_pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    ("html", "rp.download_html", "text/html"),
    ("xlsx", "rp.download_xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)


def _builder(ctx: Context, fmt: str) -> Callable[[], bytes]:
    """Builds the pack only when its button is clicked."""
    from planner.presentation import report

    def build() -> bytes:  # opens with what changed since the last meeting closed before the day viewed
        since = meetings.since(ctx.on_disk, ctx.as_of)
        return report.build(ctx.plan, fmt, ctx.lang, ctx.as_of, data.boundaries(ctx.plan), since=since)

    return build


def downloads(ctx: Context) -> None:
    """One-click downloads of the meeting pack, as of this session's status date and in its language."""
    with st.sidebar:
        st.subheader(inert(ctx.t("rp.download")))
        stamp = ctx.as_of.isoformat()
        for fmt, label, mime in FORMATS:
            st.download_button(
                ctx.t(label),
                key=f"pack-{fmt}",
                mime=mime,
                file_name=f"udrulningsplan-{stamp}-{ctx.lang}.{fmt}",
                data=_builder(ctx, fmt),
                on_click="ignore",
                width="stretch",
                icon=":material/download:",
            )
        calendar(ctx)


def calendar(ctx: Context) -> None:
    """The plan's calendar: a feed to subscribe to (its stable address) and the same file to download."""
    st.subheader(inert(ctx.t("cal.sidebar")))
    url = data.calendar_feed_url(ctx.on_disk, ctx.lang)
    if url is not None:  # a link to copy into a calendar program (Outlook: "add calendar from the internet")
        st.link_button(ctx.t("cal.subscribe"), url, icon=":material/link:", width="stretch")
        st.caption(inert(ctx.t("cal.subscribe_help")))
    st.download_button(
        ctx.t("cal.download"),
        key="calendar-ics",
        mime="text/calendar",
        file_name=data.feed_name(ctx.on_disk, ctx.lang),
        data=lambda: data.calendar_feed(ctx.on_disk, ctx.lang),  # the feed's own bytes, from the cache
        on_click="ignore",
        width="stretch",
        icon=":material/event:",
    )
