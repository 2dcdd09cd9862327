"""What every page needs: the loaded plan, language, status date, display style.

Parsed data is cached keyed on the bytes of the data files, so an edited YAML
file shows on the next rerun without a restart, and an unchanged one is never
parsed twice. Figures and other derived values are cached the same way
(:func:`memo`), shared by every session: a rerun with unchanged data and
settings only draws.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
import threading
import time
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import plotly.graph_objects as go
import streamlit as st

from planner.analysis import schedule
from planner.editing import store
from planner.plan import loader, model, problems
from planner.presentation import i18n, problem_text, readiness_text
from planner.presentation.charts import theme
from ui import git_sync

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
    scale: float = 1.0  # in projector mode: the projector's size against 1920x1080 (see ui/projector.py)

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


@st.cache_resource(max_entries=4, show_spinner=False)
def _load(data_dir: str, key: str) -> loader.Plan:
    del key  # part of the cache key only
    return loader.load(data_dir)


def _plan_and_key() -> tuple[loader.Plan, str]:
    data_dir = loader.data_dir()
    git_sync.pull_if_due(data_dir)  # [git] pull = true: what others pushed, before reading
    key = fingerprint(data_dir)
    return _load(data_dir, key), f"{data_dir}\0{key}"


def plan() -> loader.Plan:
    return _plan_and_key()[0]


class Derived:
    """What the pages derive from one version of the data: figures, tables, outcomes.

    At most ``limit`` values, the least recently used dropped first. Shared by
    every session; a value is built outside the lock (two sessions may build
    the same value at once; the first one stored is kept).
    """

    def __init__(self, limit: int = 4096) -> None:
        self.limit = limit
        self._values: collections.OrderedDict[Hashable, Any] = collections.OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                found: T = self._values[key]
                return found
        value = build()
        with self._lock:
            kept: T = self._values.setdefault(key, value)
            while len(self._values) > self.limit:
                self._values.popitem(last=False)
        return kept

    def __len__(self) -> int:
        return len(self._values)


# One store per version of the data, the last few kept: when the files change, what was derived
# from the old version goes with it (memory stays flat however often the plan is edited).
@st.cache_resource(max_entries=3, show_spinner=False)
def _derived(data_key: str) -> Derived:
    del data_key  # the cache key only
    return Derived()


def memo(ctx: Context, kind: str, build: Callable[[], T], *parts: Hashable) -> T:
    """``build()`` once per plan content, language, status date, display style and ``parts``.

    ``kind`` names what is built; ``parts`` must be everything else the result
    depends on. The result is shared by every session, so it is never changed
    after it is built.
    """
    if not ctx.data_key:  # a context made by hand: its plan has no fingerprint to key on
        return build()
    return _derived(ctx.data_key).get((kind, ctx.lang, ctx.as_of, ctx.projector, ctx.scale, *parts), build)


class SharedFigure(go.Figure):
    """A finished figure shared by every session: its dictionary is made once.

    ``st.plotly_chart`` asks a figure for ``to_dict()``, which plotly answers
    with a deep copy of every trace (and base64 of every array) on each call:
    most of a chart's cost per view. A shared figure is never changed after it
    is built (see :func:`memo`), so one dictionary serves every view.
    """

    def __init__(self, fig: go.Figure) -> None:
        spec = fig.to_dict()  # before the copy below, which would leave out a default template
        super().__init__(fig)
        self._spec = spec

    def to_dict(self) -> dict[str, Any]:
        return self._spec


def figure(ctx: Context, kind: str, build: Callable[[], go.Figure], *parts: Hashable) -> go.Figure:
    """A figure built once (see :func:`memo`), localised before it is shared."""
    return memo(ctx, "figure:" + kind, lambda: SharedFigure(theme.localise(build(), ctx.lang)), *parts)


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


# Streamlit serves this folder at app/static/ (server.enableStaticServing in .streamlit/config.toml).
STATIC = Path(__file__).resolve().parent.parent / "static"


@st.cache_resource(max_entries=4, show_spinner=False)
def _boundaries_file(path: str, mtime: float, size: int) -> tuple[str, bytes]:
    """The name (new contents, new name: never a stale copy in a browser) and bytes of the static file."""
    raw = json.dumps(_boundaries(path, mtime, size), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return f"boundaries-{hashlib.sha256(raw).hexdigest()[:16]}.json", raw


def _boundaries_url(path: str, mtime: float, size: int) -> str | None:
    name, raw = _boundaries_file(path, mtime, size)
    try:
        if not (STATIC / name).exists():  # first use, or removed while the server ran
            STATIC.mkdir(exist_ok=True)
            store.write_atomic(STATIC / name, raw)
    except OSError:  # a read-only install: the figure carries the boundaries itself
        return None
    return f"app/static/{name}"


def map_boundaries(p: loader.Plan) -> dict[str, Any] | str | None:
    """The boundaries for a map in the browser: the URL of a static file the browser fetches once.

    The map then carries only its colours and hover texts (a few kB, not half a
    megabyte per view). Falls back to the GeoJSON itself where the file cannot be written.
    """
    path = p.reference.boundaries_path
    if path is None or not path.exists():
        return None
    stat = path.stat()
    return _boundaries_url(str(path), stat.st_mtime, stat.st_size) or boundaries(p)


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
    scale = 1.0
    if projector:  # the size the browser reports; ?screen=1280x720 in the URL says it for a link or a test
        from ui import projector as projector_mode

        # the URL's ?screen= (a link, a test), else what the browser reports, else what this session was
        # told before: a page switch drops the URL's parameters and the report needs one run to arrive
        reported = projector_mode.screen_size()
        screen = st.query_params.get("screen") or reported or st.session_state.get("_screen")
        st.session_state["_screen"] = screen
        scale = screen_scale(screen)
    ctx = Context(plan=p, lang=lang, as_of=as_of, projector=projector, data_key=data_key, scale=scale)
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
        placeholder=ctx.t("ctl.choose"),
    )
    return next(p for p in programmes if p.id == chosen)


def get() -> Context:
    """The context built by app.py for this run."""
    ctx = st.session_state.get(_KEY)
    if ctx is None:
        ctx = build()
    return ctx


def not_a_list(text: str) -> str:
    """Markdown text that starts with '1. dec. 2020' as text, not as a numbered list ('1\\. dec. 2020')."""
    return re.sub(r"^(\s*\d+)\.(\s)", r"\1\\.\2", text)


def in_data(ctx: Context, file: str) -> str:
    """A data file as its path inside the data folder ('programmes/x.yaml'): the server's own paths stay on it."""
    try:
        return Path(file).resolve().relative_to(Path(ctx.plan.data_dir).resolve()).as_posix()
    except ValueError:
        return Path(file).name


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
        listing = memo(
            ctx,
            "problem-listing",
            lambda: "\n".join(
                problem_text.line(dataclasses.replace(p, file=in_data(ctx, p.file)), ctx.lang) for p in found
            ),
        )
        st.code(listing, language=None, wrap_lines=True)


@functools.cache
def _separators(lang: str) -> str:
    return str(theme.localise(go.Figure(), lang).layout.separators)


def chart(fig: Any, key: str | None = None) -> None:
    """Draw a figure styled by planner/ (Streamlit's theme would override it)."""
    lang = get().lang
    if not isinstance(fig, SharedFigure) and fig.layout.separators != _separators(lang):
        theme.localise(fig, lang)  # a shared figure from figure() is localised already
    st.plotly_chart(fig, theme=None, key=key, config={"displaylogo": False})


def _arrow(rows: Sequence[Mapping[str, Any]]) -> Any:
    """The rows as an Arrow table (what st.dataframe sends), or as they are if their columns mix types."""
    import pyarrow as pa  # type: ignore[import-untyped]

    try:
        return pa.Table.from_pylist(list(rows))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return rows


def table(rows: Sequence[Mapping[str, Any]], **options: Any) -> None:
    """A table of rows (column name -> value), without the index.

    On the projector a static table in large type (the data frame's canvas
    keeps its small font); else an interactive one, given as an Arrow table
    (Streamlit would otherwise build a pandas frame from the rows and convert
    that to Arrow on every view).
    """
    if get().projector:
        _static_table(rows)
        return
    st.dataframe(_arrow(rows) if rows else rows, hide_index=True, **options)


def _static_table(rows: Any) -> None:
    import pandas as pd

    frame = rows.to_pandas() if hasattr(rows, "to_pandas") else pd.DataFrame(list(rows))
    st.table(frame.fillna("").astype(str), hide_index=True)


def shared_table(ctx: Context, kind: str, build: Callable[[], Sequence[Mapping[str, Any]]], *parts: Hashable) -> None:
    """A table built (and converted to Arrow) once per plan content and ``parts`` (see :func:`memo`)."""

    def arrow() -> Any:
        rows = build()
        return _arrow(rows) if rows else rows

    shared = memo(ctx, "table:" + kind, arrow)
    if ctx.projector:
        _static_table(shared)
        return
    st.dataframe(shared, hide_index=True)


def screen_scale(screen: str | None) -> float:
    """'1280x720' (the projector's size, as the browser reports it) -> 0.667; 1 for 1920x1080 or larger, or none."""
    try:
        width, height = (int(n) for n in (screen or "").lower().split("x"))
    except ValueError:
        return 1.0
    full_w, full_h = theme.PROJECTOR_SCREEN
    return round(max(0.5, min(1.0, width / full_w, height / full_h)), 3)


def header(ctx: Context, title: str) -> None:
    """The page's title and the status date; in projector mode the projector's header row says them."""
    if ctx.projector:
        return
    st.title(title)
    st.caption(ctx.plan.portfolio.title + " · " + ctx.t("w.status_header", date=i18n.day(ctx.as_of, ctx.lang)))
