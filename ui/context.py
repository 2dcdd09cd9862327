"""What every page needs: the loaded plan, language, status date, display style.

Parsed data is cached keyed on the bytes of the data files, so an edited YAML
file shows on the next rerun without a restart, and an unchanged one is never
parsed twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from planner import i18n, loader, problems
from planner.charts import theme

_KEY = "_context"
DATA_GLOBS = ("*.yaml", "*.yml", "programmes/*.yaml", "programmes/*.yml", "reference/municipalities.csv")


@dataclass(frozen=True)
class Context:
    """The state a page reads; pages never load or compute on their own."""

    plan: loader.Plan
    lang: str
    as_of: dt.date
    projector: bool

    @property
    def style(self) -> theme.Style:
        return theme.style_for(self.projector)

    def t(self, key: str, **values: object) -> str:
        return i18n.t(key, self.lang, **values)


def fingerprint(data_dir: str) -> str:
    """A hash of every data file's name and bytes."""
    digest = hashlib.sha256()
    base = Path(data_dir)
    for pattern in DATA_GLOBS:
        for path in sorted(base.glob(pattern)):
            digest.update(str(path.relative_to(base)).encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"<unreadable>")
    return digest.hexdigest()


@st.cache_resource(max_entries=16, show_spinner=False)
def _load(data_dir: str, key: str) -> loader.Plan:
    del key  # part of the cache key only
    return loader.load(data_dir)


def plan() -> loader.Plan:
    data_dir = loader.data_dir()
    return _load(data_dir, fingerprint(data_dir))


@st.cache_resource(max_entries=4, show_spinner=False)
def _boundaries(path: str, mtime: float, size: int) -> dict[str, Any]:
    del mtime, size
    from planner import reference

    return reference.Reference(municipalities=(), boundaries_path=Path(path)).boundaries()


def boundaries(p: loader.Plan) -> dict[str, Any] | None:
    path = p.reference.boundaries_path
    if path is None or not path.exists():
        return None
    stat = path.stat()
    return _boundaries(str(path), stat.st_mtime, stat.st_size)


def query_flag(name: str, value: str) -> bool:
    return st.query_params.get(name, "") == value


def build() -> Context:
    """Read the sidebar controls (language, status date) and remember the context."""
    p = plan()
    if query_flag("mode", "projector"):
        st.session_state["_projector"] = True  # survives st.switch_page, which drops query parameters
    projector = bool(st.session_state.get("_projector")) or bool(st.session_state.get("projector", False))
    default_lang = st.query_params.get("lang", i18n.DEFAULT_LANG)
    if default_lang not in i18n.LANGS:
        default_lang = i18n.DEFAULT_LANG
    if "lang" not in st.session_state:
        st.session_state["lang"] = default_lang
    lang = st.session_state["lang"] or i18n.DEFAULT_LANG
    as_of = st.session_state.get("as_of") or p.status_date
    ctx = Context(plan=p, lang=lang, as_of=as_of, projector=projector)
    st.session_state[_KEY] = ctx
    return ctx


def sidebar(ctx: Context) -> None:
    """Language switch, status-date control and projector toggle."""
    with st.sidebar:
        st.segmented_control(i18n.t("ctl.language", ctx.lang), options=list(i18n.LANGS), key="lang",
                             format_func=lambda code: {"da": "Dansk", "en": "English"}[code], required=True)
        st.date_input(i18n.t("ctl.status_date", ctx.lang), value=ctx.plan.status_date, key="as_of",
                      format="DD.MM.YYYY", help=ctx.plan.portfolio.source)
        st.toggle(i18n.t("ctl.projector", ctx.lang), key="projector")
        meeting_pack(ctx)


def meeting_pack(ctx: Context) -> None:
    """One-click downloads of the meeting pack; each is built only when clicked."""
    from planner import report

    st.subheader(ctx.t("rp.download"))
    stamp = ctx.as_of.isoformat()
    formats = [("pptx", "rp.download_pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
               ("html", "rp.download_html", "text/html"),
               ("xlsx", "rp.download_xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    for fmt, label, mime in formats:
        st.download_button(
            ctx.t(label), key=f"pack-{fmt}", mime=mime, file_name=f"udrulningsplan-{stamp}-{ctx.lang}.{fmt}",
            data=lambda fmt=fmt: report.build(ctx.plan, fmt, ctx.lang, ctx.as_of, boundaries(ctx.plan)),
            on_click="ignore", width="stretch", icon=":material/download:",
        )


def get() -> Context:
    """The context built by app.py for this run."""
    ctx = st.session_state.get(_KEY)
    if ctx is None:
        ctx = build()
    return ctx  # type: ignore[no-any-return]


def problem_panel(ctx: Context) -> None:
    """List every data problem with file and line; the rest of the page still renders."""
    found = ctx.plan.problems
    if not found:
        return
    errors = [p for p in found if p.severity is problems.Severity.ERROR]
    box = st.error if errors else st.warning
    with st.expander(ctx.t("pr.title", n=len(found)), expanded=False, icon="⚠️"):
        box(ctx.t("pr.hint"))
        st.code("\n".join(problems.format(p) for p in found), language=None, wrap_lines=True)


def chart(fig: Any, key: str | None = None) -> None:
    """Draw a figure styled by planner/ (Streamlit's theme would override it)."""
    theme.localise(fig, get().lang)
    st.plotly_chart(fig, theme=None, key=key, config={"displaylogo": False})


def header(ctx: Context, title: str) -> None:
    st.title(title)
    st.caption(ctx.plan.portfolio.title + " · " + ctx.t("w.status_header", date=i18n.day(ctx.as_of, ctx.lang)))
