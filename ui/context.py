"""Page state: what this session chose (language, status date, projector) and the plan it sees.

:func:`build` reads the session's choices once per run into a frozen
:class:`Context`; pages read it with :func:`get` and never load or compute on
their own. Everything a page shows is a function of the context and the
page's own widgets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import streamlit as st

from planner.analysis import statements
from planner.plan import loader, model
from planner.presentation import decision_text, i18n
from planner.presentation.charts import theme
from planner.presentation.markdown import inert
from ui import cache, data, screen

_KEY = "_context"


@dataclass(frozen=True)
class Context:
    """The state a page reads; pages never load or compute on their own."""

    plan: loader.Plan  # as of the status date: what vendors had said by then
    lang: str
    as_of: dt.date
    projector: bool
    scale: float = 1.0  # in projector mode: the projector's size against 1920x1080 (see ui/screen.py)
    disk: loader.Plan | None = None  # the plan as its files are now, every statement included (edit forms)

    @property
    def on_disk(self) -> loader.Plan:
        return self.disk or self.plan

    @property
    def style(self) -> theme.Style:
        return theme.style_for(self.projector, self.scale)

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.lang, **values)

    def tn(self, key: str, n: int, **values: object) -> str:
        """The text for a count: '1 problem', '3 problemer'."""
        return i18n.tn(key, n, self.lang, **values)

    def number(self, value: float | None) -> str:
        """'1.733', '11,5'; empty for no value."""
        if value is None:
            return ""
        return i18n.number(value, self.lang, decimals=0 if float(value).is_integer() else 1)

    def day(self, value: dt.date) -> str:
        return i18n.day(value, self.lang)


def query_flag(name: str, value: str) -> bool:
    return st.query_params.get(name, "") == value


def language() -> str:
    """This session's language: its choice, else the link's ``?lang=``, else Danish."""
    if "lang" not in st.session_state:
        asked = st.query_params.get("lang", i18n.DEFAULT_LANG)
        st.session_state["lang"] = asked if asked in i18n.LANGS else i18n.DEFAULT_LANG
    return st.session_state["lang"] or i18n.DEFAULT_LANG


_CHOSEN = "_as_of_chosen"  # the date this session chose (the sidebar, a link's ?date=); else the data's own
_SHOWN = "_as_of_shown"  # the date the sidebar's control was last given: a different one there is a choice


def view_date(disk: loader.Plan) -> dt.date:
    """The date this session views: its choice, else a link's ``?date=``, else the newest information's.

    With no choice the view follows the data: a statement saved after the
    status date shows at once, and the next run still shows it.
    """
    picked = st.session_state.get("as_of")
    if isinstance(picked, dt.date) and picked != st.session_state.get(_SHOWN):
        st.session_state[_CHOSEN] = picked  # the sidebar's control (or a test) chose it
    elif _CHOSEN not in st.session_state:
        asked = st.query_params.get("date", "")
        try:
            st.session_state[_CHOSEN] = dt.date.fromisoformat(asked) if asked else None
        except ValueError:
            st.session_state[_CHOSEN] = None
    chosen = st.session_state[_CHOSEN]
    day = chosen or cache.value(statements.view_date, disk)
    st.session_state["as_of"] = st.session_state[_SHOWN] = day  # the sidebar's control shows it
    in_link("date", chosen.isoformat() if chosen else None)  # a reload or a shared link shows the same day
    return day


def follow_the_data() -> None:
    """Drop this session's chosen date: the view goes back to following the data (after a save moved it)."""
    st.session_state.pop(_CHOSEN, None)
    st.query_params.pop("date", None)


def build(version: str) -> Context:
    """Read this session's choices (language, status date, projector) and the plan at ``version`` (its data
    folder's fingerprint); remember the context."""
    disk = data.on_disk(version)
    if query_flag("mode", "projector"):
        st.session_state["_projector"] = True  # survives st.switch_page, which drops query parameters
    projector = bool(st.session_state.get("_projector")) or bool(st.session_state.get("projector", False))
    lang = language()
    as_of = view_date(disk)
    scale = 1.0
    if projector:
        # the URL's ?screen= (a link, a test), else what the browser reports, else what this session was
        # told before: a page switch drops the URL's parameters and the report needs one run to arrive
        size = st.query_params.get("screen") or screen.reported() or st.session_state.get("_screen")
        st.session_state["_screen"] = size
        scale = screen.scale(size)
    ctx = Context(plan=data.known_on(disk, as_of), lang=lang, as_of=as_of, projector=projector, scale=scale, disk=disk)
    st.session_state[_KEY] = ctx
    in_link("lang", lang if lang != i18n.DEFAULT_LANG else None)  # a reload or a shared link keeps the language
    return ctx


def in_link(name: str, value: str | None) -> None:
    """Keep a choice in the page's address (``?lang=en``), or take it out when it is the default (None)."""
    if value is None:
        st.query_params.pop(name, None)
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def get() -> Context:
    """The context built by app.py for this run."""
    ctx = st.session_state.get(_KEY)
    if ctx is None:
        ctx = build(data.version())
    return ctx


def sidebar(ctx: Context) -> None:
    """Language switch, status-date control and projector toggle."""
    with st.sidebar:
        st.segmented_control(
            i18n.t("ctl.language", ctx.lang),
            options=list(i18n.LANGS),
            key="lang",
            format_func=lambda code: {"da": "Dansk", "en": "English"}[code],
            required=True,
        )
        st.date_input(
            i18n.t("ctl.status_date", ctx.lang),
            key="as_of",
            format="DD.MM.YYYY",
            help=inert(ctx.plan.portfolio.source),
        )
        st.toggle(i18n.t("ctl.projector", ctx.lang), key="projector")


def pick_programme(
    ctx: Context, programmes: Sequence[model.Programme], key: str, *, default: str | None = None, where: Any = st
) -> model.Programme:
    """A programme chosen by name from ``programmes`` (not empty); ``default`` is the id chosen first."""
    ids = [p.id for p in programmes]
    names = {p.id: p.name for p in programmes}
    chosen = where.selectbox(
        ctx.t("ctl.programme"),
        ids,
        index=ids.index(default) if default in ids else 0,
        format_func=names.__getitem__,
        key=key,
        placeholder=ctx.t("ctl.choose"),
    )
    return next(p for p in programmes if p.id == chosen)


def pick_scenario(ctx: Context, prog: model.Programme, where: Any) -> model.Scenario:
    """The scenario of ``prog`` to show: the plan of record unless another is chosen (or linked to)."""
    por = prog.plan_of_record
    names = {s.id: decision_text.scenario_label(prog, s, ctx.as_of, ctx.lang) for s in prog.scenarios}
    linked = st.query_params.get("scenario")
    chosen = where.radio(
        ctx.t("ctl.scenario"),
        list(names),
        index=list(names).index(linked if linked in names else por.id),
        horizontal=True,
        key=f"scenario-{prog.id}",
        format_func=names.__getitem__,
    )
    return prog.scenario(chosen) or por
