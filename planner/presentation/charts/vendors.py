"""Vendor charts: readiness per vendor and wave, and ready-by against go-live.

State is never shown by colour alone: every matrix cell carries the state's
symbol and word, and every gap bar carries its sentence ("61 dage for sent").
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from planner.analysis import matrix_paging, schedule
from planner.plan import loader, model
from planner.presentation import i18n, readiness_text, text_width
from planner.presentation.charts import theme
from planner.presentation.vendor_text import gap_sentence, vendor_label

State = model.ReadinessState
STATE_ORDER = (State.READY, State.ON_TRACK, State.AT_RISK, State.LATE, State.UNKNOWN)
EMPTY_CELL = "–"
CELL_GAP_PX = 3
ROW_LINES = 3.2  # a matrix row holds two lines of text plus padding
COMPACT_ROW_LINES = 1.8  # a row of symbols, where the columns are too narrow for sentences


# ------------------------------------------------------------ labels


def _state_label(state: State, lang: str) -> str:
    return f"{theme.READINESS_SYMBOL[state]} {i18n.enum_label(state, 'ready', lang)}"


# ------------------------------------------------------------ readiness matrix


@dataclass(frozen=True)
class _Column:
    programme: model.Programme
    wave: model.Wave | None

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.programme.id, self.wave.id if self.wave else None)

    def label(self, lang: str) -> str:
        wave = self.wave.name if self.wave else i18n.t("vd.no_wave", lang)
        # the programme's short name: a column is narrow (the cells' hovers give its full name)
        return f"{self.programme.short_name or self.programme.name}<br>{wave}"


def _columns(plan: loader.Plan, fits: Sequence[schedule.Fit]) -> list[_Column]:
    """Programme/wave columns in plan order, then wave order; only those any vendor sits in."""
    used = {(f.readiness.programme, f.wave.id if f.wave else None) for f in fits}
    columns = []
    for prog in plan.programmes:
        waves: list[model.Wave | None] = [*prog.plan_of_record.waves, None]
        columns += [_Column(prog, w) for w in waves if (prog.id, w.id if w else None) in used]
    return columns


def _cell_text(fit: schedule.Fit, lang: str, day: dt.date) -> str:
    old = readiness_text.stale(fit, day, lang)
    return f"{readiness_text.state(fit, lang)}<br>{readiness_text.when(fit, lang)}" + (f"<br>{old}" if old else "")


MatrixRow = tuple[str, list[tuple[str, str] | None]]  # a vendor's label and each cell's (text, colour), or None


def matrix_table(plan: loader.Plan, lang: str, as_of: dt.date | None = None) -> tuple[list[str], list[MatrixRow]]:
    """The readiness matrix as a table: column names, and per vendor its label and each cell's (text, colour).

    The same cells as :func:`readiness_matrix` (the first statement per vendor and wave), for a native table.
    """
    fits = matrix_paging.plan_fits(plan, list(plan.vendors))
    columns = _columns(plan, fits)
    index = {c.key: i for i, c in enumerate(columns)}
    rows: dict[str, MatrixRow] = {}
    for fit in fits:
        _, cells = rows.setdefault(fit.vendor.id, (vendor_label(fit.vendor, lang), [None] * len(columns)))
        col = index[(fit.readiness.programme, fit.wave.id if fit.wave else None)]
        if cells[col] is None:
            mark = f" {ESTIMATE_SIGN}" if fit.estimated or fit.readiness.inferred("state") else ""
            text = _cell_text(fit, lang, as_of or plan.status_date).replace("<br>", "\n") + mark
            cells[col] = (text, theme.READINESS_COLOUR[fit.state])
    return [c.label(lang).replace("<br>", "\n") for c in columns], list(rows.values())


MATRIX_CHROME_PX = 260  # title, column labels and legend of a matrix in projector mode (at 1920x1080)


def _rows_that_fit(
    vendors: list[model.Vendor], fits: Sequence[schedule.Fit], style: theme.Style
) -> tuple[list[model.Vendor], int]:
    """On a projector screen, the vendors that fit it, the least ready first; and how many are left out."""
    if style.max_height is None:
        return vendors, 0
    return matrix_paging.least_ready(
        vendors, fits, int((style.max_height - MATRIX_CHROME_PX * style.scale) // (style.px(style.font) * 1.4))
    )


FULL_TEXT_COLUMNS = 8  # more columns than this and a cell's sentence does not fit its width


ESTIMATE_SIGN = "*"  # after a cell's symbol when it rests on an estimate; the legend says what it means


def _fitted(
    text: list[list[str]], plot_px: int, columns: int, font: int, estimated: list[list[bool]] | None = None
) -> list[list[str]]:
    """Cell texts that fit their cells: the sentence, else the state's symbol, else nothing (hover has it all).

    A symbol keeps the estimate mark: '●*' for a cell that rests on an estimate.

    A matrix squeezed onto one projector screen (or with many columns) would
    otherwise print its sentences over each other. Once cells show symbols, a
    cell where the vendor has said nothing is left blank (its empty square
    says so): the browser draws one text per cell that has one, and most
    cells of a large matrix are empty.
    """
    lines = plot_px / max(1, len(text)) / (font * 1.25)
    if lines >= ROW_LINES - 0.5 and columns <= FULL_TEXT_COLUMNS:
        return text
    if lines < 1:
        return [["" for _ in row] for row in text]
    marks = estimated or [[False] * len(row) for row in text]
    # a cell starts with its state's symbol
    return [
        [
            "" if cell == EMPTY_CELL else cell.split(" ", 1)[0] + (ESTIMATE_SIGN if mark else "")
            for cell, mark in zip(row, m, strict=True)
        ]
        for row, m in zip(text, marks, strict=True)
    ]


def _cell_hover(fit: schedule.Fit, column: _Column, lang: str, portfolio: model.Portfolio) -> str:
    r = fit.readiness
    lines = [
        f"<b>{vendor_label(fit.vendor, lang)}</b>",
        f"{i18n.t('w.programme', lang)}: {column.programme.name}",
        f"{i18n.t('w.wave', lang)}: {column.wave.name if column.wave else i18n.t('vd.no_wave', lang)}",
        f"{i18n.t('w.state', lang)}: {readiness_text.state(fit, lang)}",
        f"{i18n.t('vd.date', lang)}: {readiness_text.when(fit, lang)}",
        gap_sentence(fit, lang),
    ]
    cited = readiness_text.source(r.source or fit.vendor.source, portfolio, lang)
    lines.append(
        f"{i18n.t('w.source_label', lang)}: {theme.hover_wrapped(cited) if cited else i18n.t('w.no_source', lang)}"
    )
    if r.preferred_scenario:
        scenario = column.programme.scenario(r.preferred_scenario)
        lines.append(f"{i18n.t('vd.preferred', lang)}: {scenario.name if scenario else r.preferred_scenario}")
    if r.as_of:
        lines.append(f"{i18n.t('vd.as_of', lang)}: {i18n.fuzzy(r.as_of, lang)}")
    if r.note:
        lines.append(theme.hover_wrapped(r.note))
    return "<br>".join(lines)


def _stepped_colourscale() -> list[list[float | str]]:
    """One flat colour band per readiness state (z = index in STATE_ORDER)."""
    n = len(STATE_ORDER)
    scale: list[list[float | str]] = []
    for i, state in enumerate(STATE_ORDER):
        colour = theme.READINESS_COLOUR[state]
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    return scale


def _state_legend(fig: go.Figure, lang: str, style: theme.Style) -> None:
    """Legend entries for the states (the matrix has no colourbar)."""
    for state in STATE_ORDER:
        fig.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=_state_label(state, lang),
                hoverinfo="skip",
                marker={
                    "symbol": "square",
                    "size": style.px(style.font),
                    "color": theme.READINESS_COLOUR[state],
                    "line": {"color": theme.GREY, "width": 1},
                },
            )
        )


def readiness_matrix(
    plan: loader.Plan,
    lang: str,
    style: theme.Style = theme.SCREEN,
    kinds: set[str] | None = None,
    as_of: dt.date | None = None,
) -> go.Figure:
    """Vendors (rows) by programme wave of the plan of record (columns), one cell per readiness.

    ``kinds`` keeps only vendors of those system kinds ("EOJ", "EPJ", ...);
    None keeps all. Cells where a vendor has said nothing show a dash.
    """
    title = i18n.t("vd.matrix", lang)
    vendors = [v for v in plan.vendors if kinds is None or v.kind.value in kinds]
    fits = matrix_paging.plan_fits(plan, vendors)
    vendors, more = _rows_that_fit(vendors, fits, style)
    fits = [f for f in fits if f.vendor in vendors]
    columns = _columns(plan, fits)
    if not vendors or not columns:
        return theme.message_figure(i18n.t("vd.no_vendors", lang), style, title)
    col_index = {c.key: i for i, c in enumerate(columns)}
    row_index = {v.id: i for i, v in enumerate(vendors)}
    z: list[list[float | None]] = [[None] * len(columns) for _ in vendors]
    text = [[EMPTY_CELL] * len(columns) for _ in vendors]
    hover = [[i18n.t("w.none", lang)] * len(columns) for _ in vendors]
    estimated = [[False] * len(columns) for _ in vendors]
    for fit in fits:
        row = row_index[fit.vendor.id]
        col = col_index[(fit.readiness.programme, fit.wave.id if fit.wave else None)]
        if z[row][col] is not None:
            continue  # first statement per vendor and wave wins
        z[row][col] = STATE_ORDER.index(fit.state)
        text[row][col] = _cell_text(fit, lang, as_of or plan.status_date)
        estimated[row][col] = fit.estimated or fit.readiness.inferred("state")
        hover[row][col] = _cell_hover(fit, columns[col], lang, plan.portfolio)
    font = style.px(style.font)
    row_lines = COMPACT_ROW_LINES if len(columns) > FULL_TEXT_COLUMNS else ROW_LINES
    height = int(180 + 2.5 * font + row_lines * font * len(vendors))
    text = _fitted(text, style.fit(height) - int(130 + 2.5 * font), len(columns), font, estimated)
    # what a mark means, beside the states' legend
    fig_note = i18n.t("vd.estimate_sign", lang, sign=ESTIMATE_SIGN) if any(map(any, estimated)) else ""
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=list(range(len(columns))),
            y=list(range(len(vendors))),
            text=text,
            customdata=hover,
            texttemplate="%{text}",
            textfont={"size": style.px(style.font), "color": theme.TEXT},
            hovertemplate="%{customdata}<extra></extra>",
            hoverongaps=False,
            colorscale=_stepped_colourscale(),
            zmin=-0.5,
            zmax=len(STATE_ORDER) - 0.5,
            showscale=False,
            xgap=CELL_GAP_PX,
            ygap=CELL_GAP_PX,
            showlegend=False,
        )
    )
    _state_legend(fig, lang, style)
    if fig_note:
        fig.add_trace(
            go.Scatter(x=[None], y=[None], mode="markers", name=fig_note, hoverinfo="skip", marker={"opacity": 0})
        )
    # on the projector the page's heading names the matrix: a title here would meet its column labels
    shown_title = "" if style.projector else title
    theme.base_layout(fig, style, shown_title, height=height)
    rows, left = _row_labels_fitted([vendor_label(v, lang) for v in vendors], style)
    labels, angle, extent = _column_labels([c.label(lang) for c in columns], left, style)
    title_px = (
        style.px(style.title) * 1.6 * len(theme.wrapped(shown_title, style.width, style.px(style.title)).split("<br>"))
    )
    fig.update_layout(margin={"t": int(30 + (title_px if shown_title else 0) + extent), "l": int(left)})
    if shown_title:  # the title at the top, the column labels under it, in the margin worked out above
        fig.update_layout(title={"y": 1, "yref": "container", "yanchor": "top", "pad": {"t": 10}})
    fig.update_xaxes(
        tickvals=list(range(len(columns))),
        ticktext=labels,
        tickangle=angle,
        side="top",
        range=[-0.5, len(columns) - 0.5],
        showgrid=False,
        zeroline=False,
        tickfont={"size": style.px(style.font)},
        automargin=False,  # the margin above holds the labels under the title (automargin pushed them onto it)
    )
    if more:
        fig.add_annotation(
            text=i18n.tn("vd.more_vendors", more, lang), xref="paper", yref="paper", x=0, y=0, yanchor="top",
            yshift=-8, showarrow=False, xanchor="left", font={"size": style.px(style.small), "color": theme.TEXT},
        )  # fmt: skip
    fig.update_yaxes(
        tickvals=list(range(len(vendors))),
        ticktext=rows,
        range=[len(vendors) - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        # the margin above holds the labels: plotly measuring them (automargin) lays the matrix out twice
        automargin=False,
    )
    return fig


LABEL_LINES = 4  # a column label wraps onto at most this many lines; narrower columns turn it on its side


LABEL_SHARE = 0.4  # the most of the matrix's width its row labels take


def _row_labels_fitted(rows: Sequence[str], style: theme.Style) -> tuple[list[str], float]:
    """The row labels, each shortened with '…' where longer than the label column, and that column's width."""
    font = style.px(style.font)
    longest = max((text_width.width(r, font) for r in rows), default=text_width.width("x" * 10, font))
    left = min(style.width * LABEL_SHARE, 30 + longest)
    most = text_width.per_line(left - 30, font)
    fitted = [r if text_width.width(r, font) <= left - 30 else r[: max(1, most - 1)].rstrip() + "…" for r in rows]
    return fitted, left


def _column_labels(labels: Sequence[str], left: float, style: theme.Style) -> tuple[list[str], int, float]:
    """The column labels, wrapped to their column's width (or turned upright where a column is too narrow),
    the angle to draw them at and the height they take, at the narrowest the chart is drawn."""
    char_px = text_width.char(style.px(style.font))
    per_line = int((style.width - left - 20) / max(1, len(labels)) / char_px) - 1
    wrapped = [
        [line for part in label.split("<br>") for line in textwrap.wrap(part, per_line)] if per_line >= 8 else [label]
        for label in labels
    ]
    if per_line >= 8 and all(len(lines) <= LABEL_LINES for lines in wrapped):
        return ["<br>".join(lines) for lines in wrapped], 0, max(map(len, wrapped)) * style.px(style.font) * 1.3
    upright = [label.replace("<br>", " ") for label in labels]
    return upright, -90, max(map(len, upright)) * char_px + 10
