"""What every page needs: the loaded plan, language, status date, display style.

Parsed data is cached keyed on the bytes of the data files, so an edited YAML
file shows on the next rerun without a restart, and an unchanged one is never
parsed twice. Figures and other derived values are cached the same way
(:func:`memo`), shared by every session: a rerun with unchanged data and
settings only draws.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import plotly.graph_objects as go
import streamlit as st

from planner.analysis import schedule
from planner.plan import loader, model, problems
from planner.presentation import i18n, readiness_text
from planner.presentation.charts import theme

_KEY = "_context"
DATA_GLOBS = (
    "*.yaml",
    "*.yml",
    "programmes/*.yaml",
    "programmes/*.yml",
    "reference/municipalities.csv",
    "reference/municipalities.geojson",
)
# A file's hash is reused while its size, inode and modification time are unchanged, except in the
# first seconds after a change: a second write within the clock's resolution would keep all three
# (git calls such entries "racily clean" and hashes them again, as this does).
RACY_NS = 2_000_000_000
T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """The state a page reads; pages never load or compute on their own."""

    plan: loader.Plan
    lang: str
    as_of: dt.date
    projector: bool
    data_key: str = ""  # the plan's fingerprint: the cache key of everything derived from it

    @property
    def style(self) -> theme.Style:
        return theme.style_for(self.projector)

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


_hashes: dict[str, tuple[tuple[int, int, int], str]] = {}  # path -> (size, inode, mtime), sha256 of the bytes
_hashes_lock = threading.Lock()


def _file_hash(path: Path) -> str:
    """sha256 of the file's bytes; read again only when the file may have changed."""
    try:
        stat = path.stat()
    except OSError:
        return "<unreadable>"
    signature = (stat.st_size, stat.st_ino, stat.st_mtime_ns)
    key = str(path)
    with _hashes_lock:
        known = _hashes.get(key)
    if known is not None and known[0] == signature and time.time_ns() - stat.st_mtime_ns > RACY_NS:
        return known[1]
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "<unreadable>"
    with _hashes_lock:
        _hashes[key] = (signature, digest)
    return digest


def fingerprint(data_dir: str) -> str:
    """A hash of every data file's name and bytes."""
    digest = hashlib.sha256()
    base = Path(data_dir)
    for pattern in DATA_GLOBS:
        for path in sorted(base.glob(pattern)):
            digest.update(str(path.relative_to(base)).encode())
            digest.update(_file_hash(path).encode())
    return digest.hexdigest()


@st.cache_resource(max_entries=16, show_spinner=False)
def _load(data_dir: str, key: str) -> loader.Plan:
    del key  # part of the cache key only
    return loader.load(data_dir)


def _plan_and_key() -> tuple[loader.Plan, str]:
    data_dir = loader.data_dir()
    key = fingerprint(data_dir)
    return _load(data_dir, key), f"{data_dir}\0{key}"


def plan() -> loader.Plan:
    return _plan_and_key()[0]


@st.cache_resource(max_entries=4096, show_spinner=False)
def _memo(kind: str, data_key: str, parts: tuple[Hashable, ...], _build: Callable[[], Any]) -> Any:
    del kind, data_key, parts  # the cache key only
    return _build()


def memo(ctx: Context, kind: str, build: Callable[[], T], *parts: Hashable) -> T:
    """``build()`` once per plan content, language, status date, display style and ``parts``.

    ``kind`` names what is built; ``parts`` must be everything else the result
    depends on. The result is shared by every session, so it is never changed
    after it is built.
    """
    if not ctx.data_key:  # a context made by hand: its plan has no fingerprint to key on
        return build()
    result: T = _memo(kind, ctx.data_key, (ctx.lang, ctx.as_of, ctx.projector, *parts), build)
    return result


def figure(ctx: Context, kind: str, build: Callable[[], go.Figure], *parts: Hashable) -> go.Figure:
    """A figure built once (see :func:`memo`), localised before it is shared."""
    return memo(ctx, "figure:" + kind, lambda: theme.localise(build(), ctx.lang), *parts)


def vendors_for(ctx: Context, programme_id: str) -> tuple[model.Vendor, ...]:
    """The vendors with a readiness for the programme, in plan order.

    Schedule and status functions take the vendor list and pick the
    programme's readiness from it; handing them only these vendors gives the
    same result without going through every vendor for every programme.
    """
    index: dict[str, tuple[model.Vendor, ...]] = memo(
        ctx, "vendors-by-programme", lambda: _vendors_by_programme(ctx.plan)
    )
    return index.get(programme_id, ())


def _vendors_by_programme(p: loader.Plan) -> dict[str, tuple[model.Vendor, ...]]:
    found: dict[str, dict[str, model.Vendor]] = {}
    for vendor in p.vendors:
        for readiness in vendor.readiness:
            found.setdefault(readiness.programme, {}).setdefault(vendor.id, vendor)
    return {pid: tuple(vendors.values()) for pid, vendors in found.items()}


@st.cache_resource(max_entries=4, show_spinner=False)
def _boundaries(path: str, mtime: float, size: int) -> dict[str, Any]:
    del mtime, size
    from planner.plan import reference

    return reference.Reference(municipalities=(), boundaries_path=Path(path)).boundaries()


def boundaries(p: loader.Plan) -> dict[str, Any] | None:
    path = p.reference.boundaries_path
    if path is None or not path.exists():
        return None
    stat = path.stat()
    return _boundaries(str(path), stat.st_mtime, stat.st_size)


def source_caption(ctx: Context, cited: model.Cite | None) -> None:
    """'Kilde: KKR-digitaliseringsnetværksmøde 3. nov. 2022, dias «…»' under a view, or that it has none."""
    text = readiness_text.source(cited, ctx.plan.portfolio, ctx.lang) or ctx.t("w.no_source")
    st.caption(f"{ctx.t('w.source_label')}: {text} · {ctx.t('w.estimate_note')}")


def query_flag(name: str, value: str) -> bool:
    return st.query_params.get(name, "") == value


def build() -> Context:
    """Read the sidebar controls (language, status date) and remember the context."""
    p, data_key = _plan_and_key()
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
    known = schedule.known_on(p.vendors, as_of)  # a view as of a date uses only what vendors had said by then
    if any(a is not b for a, b in zip(known, p.vendors, strict=True)):
        p = dataclasses.replace(p, vendors=known)
    ctx = Context(plan=p, lang=lang, as_of=as_of, projector=projector, data_key=data_key)
    st.session_state[_KEY] = ctx
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
            value=ctx.plan.status_date,
            key="as_of",
            format="DD.MM.YYYY",
            help=ctx.plan.portfolio.source,
        )
        st.toggle(i18n.t("ctl.projector", ctx.lang), key="projector")
        meeting_pack(ctx)


def _pack_builder(ctx: Context, fmt: str) -> Callable[[], bytes]:
    """Builds the pack only when its button is clicked."""
    from planner.presentation import report

    def build() -> bytes:
        return report.build(ctx.plan, fmt, ctx.lang, ctx.as_of, boundaries(ctx.plan))

    return build


def meeting_pack(ctx: Context) -> None:
    """One-click downloads of the meeting pack; each is built only when clicked."""
    st.subheader(ctx.t("rp.download"))
    stamp = ctx.as_of.isoformat()
    formats = [
        ("pptx", "rp.download_pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("html", "rp.download_html", "text/html"),
        ("xlsx", "rp.download_xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ]
    for fmt, label, mime in formats:
        st.download_button(
            ctx.t(label),
            key=f"pack-{fmt}",
            mime=mime,
            file_name=f"udrulningsplan-{stamp}-{ctx.lang}.{fmt}",
            data=_pack_builder(ctx, fmt),
            on_click="ignore",
            width="stretch",
            icon=":material/download:",
        )


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
    )
    return next(p for p in programmes if p.id == chosen)


def get() -> Context:
    """The context built by app.py for this run."""
    ctx = st.session_state.get(_KEY)
    if ctx is None:
        ctx = build()
    return ctx


def problem_panel(ctx: Context) -> None:
    """List every data problem with file and line; the rest of the page still renders."""
    found = ctx.plan.problems
    if not found:
        return
    errors = [p for p in found if p.severity is problems.Severity.ERROR]
    title = ctx.tn("pr.title", len(found)) if errors else ctx.tn("pr.title_warnings", len(found))
    with st.expander(title, expanded=False, icon="⚠️"):
        if errors:
            st.error(ctx.t("pr.hint"))
        else:  # warnings only: nothing is left out of the views
            st.warning(ctx.t("pr.hint_warnings"))
        st.code("\n".join(problems.format(p) for p in found), language=None, wrap_lines=True)


@functools.cache
def _separators(lang: str) -> str:
    return str(theme.localise(go.Figure(), lang).layout.separators)


def chart(fig: Any, key: str | None = None) -> None:
    """Draw a figure styled by planner/ (Streamlit's theme would override it)."""
    lang = get().lang
    if fig.layout.separators != _separators(lang):  # a shared figure from figure() is localised already
        theme.localise(fig, lang)
    st.plotly_chart(fig, theme=None, key=key, config={"displaylogo": False})


def header(ctx: Context, title: str) -> None:
    st.title(title)
    st.caption(ctx.plan.portfolio.title + " · " + ctx.t("w.status_header", date=i18n.day(ctx.as_of, ctx.lang)))
