"""The gap chart: for each vendor, the days its ready-by date falls after or before its wave's go-live.

Every bar carries its sentence ("61 dage for sent"), not only its colour.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from planner.analysis import schedule
from planner.presentation import i18n, readiness_text, text_width
from planner.presentation.charts import theme
from planner.presentation.vendor_text import gap_sentence, vendor_label

SLOT_LINES = 3.2  # a gap-chart slot holds one sentence and one bar
BAR_WIDTH = 0.4
BAR_OFFSET = 0.2  # bar sits in the lower part of its slot, the sentence above it
SENTENCE_TOP = -0.47
LATE_COLOUR = theme.VERMILION
ON_TIME_COLOUR = theme.GREEN
ZERO_LINE_COLOUR = theme.TEXT
SENTENCE_BG = "rgba(255,255,255,0.85)"


def _signed_days(days: int, lang: str) -> str:
    sign = "+" if days > 0 else "−" if days < 0 else ""
    return i18n.t("w.days", lang, n=sign + i18n.number(abs(days), lang))


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
        lines.append(theme.hover_wrapped(fit.readiness.note))
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
        return theme.message_figure(i18n.t("vd.no_vendors", lang), style, title)
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
