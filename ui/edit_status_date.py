"""The edit page's status date: when the data was last brought up to date, moved by hand or by newer information."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from planner import editing
from planner.analysis import statements
from planner.plan import folder_layout
from planner.presentation.markdown import inert
from ui import cache
from ui import edit_form as scaffold
from ui.context import Context

PORTFOLIO = folder_layout.PORTFOLIO_FILE


def form(ctx: Context, who: str) -> None:
    """The status date as the data has it, the newest statement's date, and a form to move it."""
    newest = cache.value(statements.latest, ctx.on_disk)
    st.caption(
        inert(
            ctx.t(
                "ed.status_date_now", date=ctx.day(ctx.on_disk.status_date), newest=ctx.day(newest) if newest else "–"
            )
        )
    )
    shown = scaffold.show(ctx, "status-date", PORTFOLIO)
    scaffold.record_form(ctx, who, shown, (), lambda s, now: _fields(ctx, s, now))


def _fields(ctx: Context, shown: scaffold.Shown, now: Mapping[str, Any]) -> scaffold.Filled:
    label = ctx.t("ctl.status_date")
    typed = st.text_input(
        label, scaffold.text(now.get("status_date")), key=shown.key("status_date"), help=inert(ctx.t("ed.date_help"))
    )
    return scaffold.Filled({"status_date": editing.date_value(typed)}, {label: typed})
