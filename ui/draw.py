"""Drawing on a page: charts and tables built through the cache, the problem panel, headers and captions.

A chart or table is asked for as the function that builds it and its
arguments (``draw.chart(ctx, "gantt", gantt.portfolio_gantt, programmes,
...)``): :mod:`ui.cache` keys it on them, so what is drawn is what those
arguments give, for every session.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from planner.plan import fields, problems
from planner.presentation import chart_text, i18n, problem_text, readiness_text
from planner.presentation.charts import theme
from planner.presentation.markdown import inert
from ui import cache
from ui.context import Context


class SharedFigure(go.Figure):  # type: ignore[misc]  # plotly has no type information
    """A finished figure shared by every session: its dictionary is made once.

    ``st.plotly_chart`` asks a figure for ``to_dict()``, which plotly answers
    with a deep copy of every trace (and base64 of every array) on each call:
    most of a chart's cost per view. A shared figure is never changed after it
    is built (see :func:`ui.cache.value`), so one dictionary serves every view.
    """

    def __init__(self, fig: go.Figure) -> None:
        spec = fig.to_dict()  # before the copy below, which would leave out a default template
        super().__init__(fig)
        self._spec: dict[str, Any] = spec

    def to_dict(self) -> dict[str, Any]:
        return self._spec

    words: chart_text.ChartText | None = None  # the chart in words (set once, when it is built)


def _shared_figure(
    lang: str, build: Callable[..., go.Figure], args: tuple[Any, ...], kwargs: dict[str, Any]
) -> SharedFigure:
    fig = SharedFigure(theme.localise(build(*args, **kwargs), lang))
    fig.words = chart_text.alternative(fig, lang)  # shared too: worked out once per figure
    return fig


def figure(ctx: Context, build: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> SharedFigure:
    """``build(*args, **kwargs)``, localised for the session's language, built once per content of its arguments."""
    return cache.value(_shared_figure, ctx.lang, build, args, kwargs)


@functools.cache
def _separators(lang: str) -> str:
    return str(theme.localise(go.Figure(), lang).layout.separators)


def _plot_config(lang: str) -> dict[str, Any]:
    """Plotly's settings: its toolbar in the user's language (a locale of our own catalogue's words)."""
    config: dict[str, Any] = {"displaylogo": False, "locale": lang}
    if words := i18n.foreign_words("pl.", lang):
        config["locales"] = {lang: {"dictionary": words}}
    return config


def plot(ctx: Context, fig: go.Figure, key: str | None = None) -> None:
    """Draw a figure styled by planner/ (Streamlit's theme would override it)."""
    if not isinstance(fig, SharedFigure) and fig.layout.separators != _separators(ctx.lang):
        theme.localise(fig, ctx.lang)  # a shared figure is localised already
    words = getattr(fig, "words", None) or chart_text.alternative(fig, ctx.lang)
    # a screen reader reads the chart's name and description where the chart is; everyone can open its data
    st.html(f"<p class='chart-words'>{html.escape(words.description)}</p>")
    st.plotly_chart(fig, theme=None, key=key, config=_plot_config(ctx.lang))
    if words.rows and not ctx.projector:
        with st.expander(inert(ctx.t("ct.data", name=words.name))):
            _static_table(words.rows)


CSS = """<style>
/* an element that only holds styles takes no room (its styles apply all the same) */
[data-testid="stElementContainer"]:has(style), [data-testid="stElementContainer"]:has(script) { display: none !important; }
/* a chart's words: read by a screen reader, not drawn, and no room taken in the page's flow */
[data-testid="stElementContainer"]:has(.chart-words) { position: absolute !important; width: 1px; height: 1px;
  overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
/* WCAG AA contrast: captions and code at 4.5:1 or more (Streamlit's own greys and code colours are lighter) */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * { color: #55555e !important; opacity: 1 !important; }
[data-testid="stCode"] .token { color: #262730 !important; }
[data-testid="stCode"] .token.key, [data-testid="stCode"] .token.property, [data-testid="stCode"] .token.parameter,
[data-testid="stCode"] .token.variable, [data-testid="stCode"] .token.table { color: #0b4f8a !important; }
[data-testid="stCode"] .token.number, [data-testid="stCode"] .token.boolean { color: #7a3e00 !important; }
/* a visible focus on everything a keyboard reaches (WCAG 2.4.7); the sidebar's links had none */
a:focus-visible, button:focus-visible, summary:focus-visible, input:focus-visible, textarea:focus-visible,
select:focus-visible, [tabindex]:focus-visible {
  outline: 3px solid #1d4f91 !important; outline-offset: 2px; }
/* a static table wraps its cells and shows in full: no scrolling region a keyboard cannot reach */
[data-testid="stTable"] div { overflow: visible !important; }
[data-testid="stTable"] td, [data-testid="stTable"] th { overflow-wrap: anywhere; }
/* a code block wraps its lines: no scrolling region a keyboard cannot reach */
[data-testid="stCode"] pre, [data-testid="stCode"] code { white-space: pre-wrap !important; overflow: visible !important; }
/* a key figure and its name wrap onto a second line rather than end in "…": the room needs the value */
[data-testid="stMetricValue"] *, [data-testid="stMetricLabel"] * { white-space: normal !important;
  overflow: visible !important; text-overflow: clip !important; overflow-wrap: break-word; }
</style>"""


def _css_text(text: str) -> str:
    """``text`` as a CSS string (quotes and backslashes escaped; our own catalogue's words)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


UPLOADS = {"ed-upload": "YAML", "ed-workbook": "Excel (.xlsx)"}  # each upload box's key and the files it takes


def page_css(ctx: Context) -> None:
    """The app's own styles, on every page: an element that stays through reruns (st.html's styles may not).

    Streamlit's upload box writes "Upload" and "2MB per file" in English whatever the page's language: its
    words are replaced, in the user's language, by text a screen reader reads as well (CSS generated content).
    """
    mb = i18n.number(st.get_option("server.maxUploadSize"), ctx.lang)
    limits = "\n".join(
        f".st-key-{key} [data-testid='stFileUploaderDropzoneInstructions'] > div::after {{ "
        f"content: {_css_text(ctx.t('ed.upload_limit', mb=mb, kinds=kinds))}; font-size: 0.875rem; }}"
        for key, kinds in UPLOADS.items()
    )
    upload = f"""<style>
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p,
[data-testid="stFileUploaderDropzoneInstructions"] span {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"]::after {{
  content: {_css_text(ctx.t("ed.upload_button"))}; }}
{limits}
</style>"""
    # two elements: the app's styles never change, so no rerun (a new language) replaces them for a moment
    st.markdown(CSS, unsafe_allow_html=True)
    st.markdown(upload, unsafe_allow_html=True)


LANGUAGE_JS = (Path(__file__).parent / "page_language.js").read_text(encoding="utf-8")
LOCALES = {"da": "da-DK", "en": "en-GB"}  # English as written in Denmark: the week starts on Monday


def page_language(ctx: Context) -> None:
    """Declare the page's language to the browser and put Streamlit's own English words in it (page_language.js).

    One element that takes no room; it changes only with the language.
    """
    st.html(_language_script(ctx.lang), unsafe_allow_javascript=True)


@functools.cache
def _language_script(lang: str) -> str:
    """page_language.js filled in for a language: the same on every run in that language."""
    filled = {"LANG": lang, "LOCALE": LOCALES[lang], "WORDS": i18n.foreign_words("sw.", lang)}
    script = re.sub(r"__(LANG|LOCALE|WORDS)__", lambda m: json.dumps(filled[m.group(1)]), LANGUAGE_JS)
    return f"<script>{script}</script>"


def chart(ctx: Context, key: str, build: Callable[..., go.Figure], *args: Any, **kwargs: Any) -> None:
    """Draw ``build(*args, **kwargs)`` (see :func:`figure`) as the chart ``key``."""
    plot(ctx, figure(ctx, build, *args, **kwargs), key=key)


def _arrow(rows: Sequence[Mapping[str, Any]]) -> Any:
    """The rows as an Arrow table (what st.dataframe sends), or as they are if their columns mix types."""
    import pyarrow as pa  # type: ignore[import-untyped]

    try:
        return pa.Table.from_pylist(list(rows))
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return rows


def _static_table(rows: Any) -> None:
    import pandas as pd

    frame = rows.to_pandas() if hasattr(rows, "to_pandas") else pd.DataFrame(list(rows))
    cells = frame.fillna("").astype(str).map(lambda cell: not_a_list(inert(cell)))  # st.table renders Markdown
    st.table(cells.rename(columns=lambda name: inert(str(name))), hide_index=True)


def _show(ctx: Context, rows: Any, **options: Any) -> None:
    """On the projector a static table in large type (the data frame's canvas keeps its small font); else interactive."""
    if ctx.projector:
        _static_table(rows)
    else:
        st.dataframe(rows, hide_index=True, **options)


def table(ctx: Context, rows: Sequence[Mapping[str, Any]], **options: Any) -> None:
    """A table of rows (column name -> value), without the index, sent as an Arrow table."""
    _show(ctx, _arrow(rows) if rows else rows, **options)


def sentences(rows: Sequence[Mapping[str, Any]]) -> None:
    """A table whose cells are sentences: static, so every cell wraps and is read in full (a data frame cuts them)."""
    _static_table(rows)


def _arrow_rows(build: Callable[..., Sequence[Mapping[str, Any]]], args: tuple[Any, ...]) -> Any:
    rows = build(*args)
    return _arrow(rows) if rows else rows


def cached_table(ctx: Context, build: Callable[..., Sequence[Mapping[str, Any]]], *args: Any) -> None:
    """The table ``build(*args)``, built and converted to Arrow once per content of its arguments."""
    _show(ctx, cache.value(_arrow_rows, build, args))


def header(ctx: Context, title: str) -> None:
    """The page's title and the status date; in projector mode the projector's header row says them."""
    if ctx.projector:
        return
    st.title(inert(title))
    st.caption(inert(ctx.plan.portfolio.title + " · " + ctx.t("w.status_header", date=i18n.day(ctx.as_of, ctx.lang))))


def source_caption(ctx: Context, cited: fields.Cite | None) -> None:
    """'Kilde: KKR-digitaliseringsnetværksmøde 3. nov. 2022, dias «…»' under a view, or that it has none."""
    text = readiness_text.source(cited, ctx.plan.portfolio, ctx.lang) or ctx.t("w.no_source")
    st.caption(inert(f"{ctx.t('w.source_label')}: {text} · {ctx.t('w.estimate_note')}"))


def not_a_list(text: str) -> str:
    """Markdown text that starts with '1. dec. 2020' as text, not as a numbered list ('1\\. dec. 2020')."""
    return re.sub(r"^(\s*\d+)\.(\s)", r"\1\\.\2", text)


def in_data(data_dir: str, file: str) -> str:
    """A data file as its path inside the data folder ('programmes/x.yaml'): the server's own paths stay on it."""
    try:
        return Path(file).resolve().relative_to(Path(data_dir).resolve()).as_posix()
    except ValueError:
        return Path(file).name


def _problem_listing(found: tuple[problems.Problem, ...], data_dir: str, lang: str) -> str:
    return "\n".join(problem_text.line(dataclasses.replace(p, file=in_data(data_dir, p.file)), lang) for p in found)


def problem_panel(ctx: Context) -> None:
    """List every data problem with file and line; the rest of the page still renders."""
    found = ctx.plan.problems
    if not found:
        return
    errors = [p for p in found if p.severity is problems.Severity.ERROR]
    title = ctx.tn("pr.title", len(found)) if errors else ctx.tn("pr.title_warnings", len(found))
    with st.expander(title, expanded=False, icon="⚠️"):
        if errors:
            st.error(inert(ctx.t("pr.hint")))
        else:  # warnings only: nothing is left out of the views
            st.warning(inert(ctx.t("pr.hint_warnings")))
        listing = cache.value(_problem_listing, found, ctx.plan.data_dir, ctx.lang)
        st.code(listing, language=None, wrap_lines=True)
