"""Vendor charts: readiness per vendor and wave, and ready-by against go-live.

State is never shown by colour alone: every matrix cell carries the state's
symbol and word, and every gap bar carries its sentence ("61 dage for sent").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from planner.analysis import schedule
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
SLOT_LINES = 3.2  # a gap-chart slot holds one sentence and one bar
BAR_WIDTH = 0.4
BAR_OFFSET = 0.2  # bar sits in the lower part of its slot, the sentence above it
SENTENCE_TOP = -0.47
NOTE_WIDTH = 60  # characters per hover line
LATE_COLOUR = theme.VERMILION
ON_TIME_COLOUR = theme.GREEN
ZERO_LINE_COLOUR = theme.TEXT
SENTENCE_BG = "rgba(255,255,255,0.85)"


# ------------------------------------------------------------ labels


def _state_label(state: State, lang: str) -> str:
    return f"{theme.READINESS_SYMBOL[state]} {i18n.enum_label(state, 'ready', lang)}"


def _wrap(text: str) -> str:
    return "<br>".join(textwrap.wrap(text, NOTE_WIDTH))


def _signed_days(days: int, lang: str) -> str:
    sign = "+" if days > 0 else "−" if days < 0 else ""
    return i18n.t("w.days", lang, n=sign + i18n.number(abs(days), lang))


def _message_figure(text: str, style: theme.Style, title: str) -> go.Figure:
    fig = go.Figure()
    fig.add_annotation(
        text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": style.px(style.font)}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return theme.base_layout(fig, style, title, height=style.height // 2)


# ------------------------------------------------------------ matrix parts


def matrix_parts(plan: loader.Plan, columns: int) -> list[loader.Plan]:
    """The plan in parts of at most ``columns`` programme waves with the vendors of each, one matrix apiece.

    Only programmes that vendors have said something about count: the others
    have no column. A programme is never split; one with more waves than
    ``columns`` is a part of its own. The browser's cost grows with the
    matrix's cells, and a column narrower than its label is unreadable, so a
    part is bounded by its columns rather than its programmes.
    """
    groups = _column_groups(plan, columns)
    if len(groups) <= 1:
        return [plan]
    parts = []
    for group in groups:
        ids = {p.id for p in group}
        vendors = tuple(v for v in plan.vendors if any(r.programme in ids for r in v.readiness))
        parts.append(dataclasses.replace(plan, programmes=tuple(group), vendors=vendors))
    return parts


def part_label(first: int, last: int, total: int, lang: str) -> str:
    """'Programmer 3–4 af 30', or 'Program 3 af 30' for a part of one programme."""
    if first == last:
        return i18n.t("vd.matrix_part_one", lang, first=first, total=total)
    return i18n.t("vd.matrix_part", lang, first=first, last=last, total=total)


def part_ranges(plan: loader.Plan, columns: int) -> list[tuple[int, int, int]]:
    """The first and last programme number (from 1) of each part of :func:`matrix_parts`, and of how many."""
    groups = _column_groups(plan, columns)
    total, ranges, first = sum(map(len, groups)), [], 1
    for group in groups:
        ranges.append((first, first + len(group) - 1, total))
        first += len(group)
    return ranges


def _column_groups(plan: loader.Plan, columns: int) -> list[list[model.Programme]]:
    """Programmes in plan order, grouped so that each group's matrix has at most ``columns`` columns."""
    width: dict[str, int] = {}
    for key in {(f.readiness.programme, f.wave.id if f.wave else None) for f in _plan_fits(plan, plan.vendors)}:
        width[key[0]] = width.get(key[0], 0) + 1
    groups: list[list[model.Programme]] = []
    used = columns  # the first programme opens a group
    for prog in plan.programmes:
        if prog.id not in width:
            continue
        if used + width[prog.id] > columns:
            groups.append([])
            used = 0
        groups[-1].append(prog)
        used += width[prog.id]
    return groups


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


def _plan_fits(plan: loader.Plan, vendors: Sequence[model.Vendor]) -> list[schedule.Fit]:
    programmes = {p.id: p for p in plan.programmes}
    return [
        schedule.vendor_fit(v, r, programmes[r.programme].plan_of_record)
        for v in vendors
        for r in v.readiness
        if r.programme in programmes
    ]


def _cell_text(fit: schedule.Fit, lang: str, day: dt.date) -> str:
    old = readiness_text.stale(fit, day, lang)
    return f"{readiness_text.state(fit, lang)}<br>{readiness_text.when(fit, lang)}" + (f"<br>{old}" if old else "")


MatrixRow = tuple[str, list[tuple[str, str] | None]]  # a vendor's label and each cell's (text, colour), or None


def matrix_table(plan: loader.Plan, lang: str, as_of: dt.date | None = None) -> tuple[list[str], list[MatrixRow]]:
    """The readiness matrix as a table: column names, and per vendor its label and each cell's (text, colour).

    The same cells as :func:`readiness_matrix` (the first statement per vendor and wave), for a native table.
    """
    fits = _plan_fits(plan, list(plan.vendors))
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
    return least_ready(
        vendors, fits, int((style.max_height - MATRIX_CHROME_PX * style.scale) // (style.px(style.font) * 1.4))
    )


def slide_parts(plan: loader.Plan, columns: int, rows: int) -> list[tuple[loader.Plan, int]]:
    """The matrix cut for slides: :func:`matrix_parts` of at most ``columns`` programme waves, each with only
    the vendors that fit ``rows`` (the least ready first), and how many vendors each leaves out."""
    out = []
    for part in matrix_parts(plan, columns):
        kept, more = least_ready(list(part.vendors), _plan_fits(part, list(part.vendors)), rows)
        out.append((dataclasses.replace(part, vendors=tuple(kept)), more))
    return out


def least_ready(vendors: list[model.Vendor], fits: Sequence[schedule.Fit], room: int) -> tuple[list[model.Vendor], int]:
    """The vendors that fit ``room`` rows (one kept for the note of the rest), the least ready first, in plan
    order; and how many are left out."""
    if len(vendors) <= room:
        return vendors, 0
    severity = (State.LATE, State.AT_RISK, State.UNKNOWN, State.ON_TRACK, State.READY)
    worst = {v.id: len(severity) for v in vendors}
    for f in fits:
        worst[f.vendor.id] = min(worst[f.vendor.id], severity.index(f.state))
    keep = {v.id for v in sorted(vendors, key=lambda v: worst[v.id])[: max(1, room - 1)]}
    return [v for v in vendors if v.id in keep], len(vendors) - len(keep)


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
    lines.append(f"{i18n.t('w.source_label', lang)}: {_wrap(cited) if cited else i18n.t('w.no_source', lang)}")
    if r.preferred_scenario:
        scenario = column.programme.scenario(r.preferred_scenario)
        lines.append(f"{i18n.t('vd.preferred', lang)}: {scenario.name if scenario else r.preferred_scenario}")
    if r.as_of:
        lines.append(f"{i18n.t('vd.as_of', lang)}: {i18n.fuzzy(r.as_of, lang)}")
    if r.note:
        lines.append(_wrap(r.note))
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
    fits = _plan_fits(plan, vendors)
    vendors, more = _rows_that_fit(vendors, fits, style)
    fits = [f for f in fits if f.vendor in vendors]
    columns = _columns(plan, fits)
    if not vendors or not columns:
        return _message_figure(i18n.t("vd.no_vendors", lang), style, title)
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


# ------------------------------------------------------------ gap chart


def _row_labels(fits: Sequence[schedule.Fit], lang: str) -> list[str]:
    """Vendor labels, with the wave added where one vendor appears more than once."""
    labels = [vendor_label(f.vendor, lang) for f in fits]
    return [
        f"{label} · {f.wave.name}" if labels.count(label) > 1 and f.wave else label
        for label, f in zip(labels, fits, strict=True)
    ]


def _gap_hover(fit: schedule.Fit, label: str, lang: str) -> str:
    lines = [
        f"<b>{label}</b>",
        gap_sentence(fit, lang) + readiness_text.estimate_mark(fit.estimated, lang),
        f"{i18n.t('w.state', lang)}: {readiness_text.state(fit, lang)}",
    ]
    if fit.readiness.note:
        lines.append(_wrap(fit.readiness.note))
    return "<br>".join(lines)


def _gap_bars(
    fits: Sequence[schedule.Fit], labels: Sequence[str], late: bool, lang: str, style: theme.Style
) -> go.Bar | None:
    chosen = [(i, f) for i, f in enumerate(fits) if f.gap_days is not None and (f.gap_days > 0) == late]
    if not chosen:
        return None
    gaps = [f.gap_days or 0 for _, f in chosen]
    return go.Bar(
        x=gaps,
        y=[i + BAR_OFFSET for i, _ in chosen],
        orientation="h",
        width=BAR_WIDTH,
        name=i18n.t("vd.late" if late else "vd.on_time", lang),
        marker={
            "color": LATE_COLOUR if late else ON_TIME_COLOUR,
            "pattern": {
                "shape": [theme.ESTIMATE_PATTERN if f.estimated else "" for _, f in chosen],
                "fgcolor": "white",
                "fgopacity": 0.5,
            },
        },
        text=[_signed_days(g, lang) for g in gaps],
        textposition="outside",
        cliponaxis=False,
        constraintext="none",
        textfont={"size": style.px(style.font), "color": theme.TEXT},
        customdata=[_gap_hover(f, labels[i], lang) for i, f in chosen],
        hovertemplate="%{customdata}<extra></extra>",
    )


def _gap_range(fits: Sequence[schedule.Fit]) -> list[float]:
    gaps = [f.gap_days for f in fits if f.gap_days is not None] + [0]
    low, high = min(gaps), max(gaps)
    pad = max(30.0, 0.25 * (high - low))
    return [low - pad, high + pad]


def gap_chart(fits: Sequence[schedule.Fit], lang: str, style: theme.Style = theme.SCREEN) -> go.Figure:
    """One bar per vendor: days its ready-by date falls after (right) or before (left) its wave's go-live."""
    title = i18n.t("vd.gap_title", lang)
    if not fits:
        return _message_figure(i18n.t("vd.no_vendors", lang), style, title)
    labels = _row_labels(fits, lang)
    fig = go.Figure()
    for late in (True, False):
        bars = _gap_bars(fits, labels, late, lang, style)
        if bars is not None:
            fig.add_trace(bars)
    font = style.px(style.font)
    # each sentence on as many lines as the plot's width at the narrowest the chart is drawn asks; a slot is as
    # tall as its longest sentence and its bar need
    room = style.width - 40 - text_width.char(font) * max(map(len, labels), default=10)
    sentences = [
        theme.wrapped(
            gap_sentence(fit, lang) + readiness_text.estimate_mark(fit.estimated and fit.ready_by is not None, lang),
            room,
            font,
        )
        for fit in fits
    ]
    lines = max((t.count("<br>") + 1 for t in sentences), default=1)
    slot_lines = max(SLOT_LINES, lines * 1.3 / (BAR_OFFSET - SENTENCE_TOP - 0.25))
    for i, sentence in enumerate(sentences):
        fig.add_annotation(
            text=sentence,
            x=0,
            xref="paper",
            xanchor="left",
            y=i + SENTENCE_TOP,
            yref="y",
            yanchor="top",
            showarrow=False,
            font={"size": font, "color": theme.TEXT},
            bgcolor=SENTENCE_BG,
            align="left",
        )
    fig.add_shape(
        type="line", x0=0, x1=0, xref="x", y0=0, y1=1, yref="paper", line={"color": ZERO_LINE_COLOUR, "width": 2}
    )
    fig.add_annotation(
        text=i18n.t("vd.zero_line", lang),
        x=0,
        xref="x",
        y=1,
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        font={"size": style.px(style.small), "color": theme.TEXT},
    )
    height = int(150 + 3 * font + slot_lines * font * len(fits))
    theme.base_layout(fig, style, title, height=height)
    fig.update_layout(margin={"t": int(80 + 2 * font)}, barmode="overlay")
    fig.update_xaxes(
        title_text=i18n.t("vd.gap_days", lang),
        title_standoff=style.px(style.small),
        automargin=True,  # the standoff needs it: the title below the tick labels, not on them
        range=_gap_range(fits),
        zeroline=False,
        gridcolor=theme.BAND,
    )
    fig.update_yaxes(
        tickvals=[i + BAR_OFFSET for i in range(len(fits))],
        ticktext=labels,
        range=[len(fits) - 0.5, -0.5],
        showgrid=False,
        zeroline=False,
        automargin=True,
    )
    return fig
