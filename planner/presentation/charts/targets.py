"""Target charts: a burn-up per target (the breakdown per region is in region_breakdown.py).

The burn-up shows, on one time axis: the target (solid), what was measured
(estimated points hollow and marked), the straight-line forecast at the
current pace (dashed), the pace still needed to reach the target by its due
date (dotted), the status date and the due date. Date ticks are written by
:mod:`planner.presentation.i18n`, so they read "jan. 2022" in Danish, not plotly's English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import plotly.graph_objects as go

from planner.analysis import progress
from planner.presentation import i18n, text_width
from planner.presentation.charts import theme

OBSERVED_COLOUR = theme.BLUE  # a target without its programme; the pages pass the programme's colour
NEEDED_COLOUR = theme.VERMILION
TARGET_COLOUR = theme.BLACK
STATUS_COLOUR = theme.GREY
DUE_COLOUR = theme.BLACK
LINE_WIDTH = 3
MARKER_SIZE = 13
PAD_SHARE = 0.06  # room on the time axis after the last date shown
LEFT_PAD_SHARE = 0.14  # and before the start, for the first point's label (left of it, clear of its line)
MIN_PAD_DAYS = 20
Y_HEADROOM = 1.25  # room above the target for the status and due labels
OFF_CHART_LABEL_Y = 0.02
ROOM_SHARE = 0.3  # a date label goes right of its line when this share of the axis is free there
LABEL_BG = "rgba(255,255,255,0.85)"


# ------------------------------------------------------------ time axis


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _month_ticks(start: dt.date, end: dt.date, lang: str) -> tuple[list[str], list[str]]:
    """Ticks on the first of every 3rd, 6th or 12th month, labelled in ``lang``."""
    months = (end.year - start.year) * 12 + end.month - start.month
    step = 3 if months <= 24 else 6 if months <= 60 else 12
    day = dt.date(start.year, 1, 1)
    values, labels = [], []
    while day <= end:
        if day >= start:
            values.append(_iso(day))
            labels.append(str(day.year) if step == 12 else i18n.month(day, lang))
        month = day.month - 1 + step
        day = dt.date(day.year + month // 12, month % 12 + 1, 1)
    return values, labels


def _x_range(tp: progress.TargetProgress, status_date: dt.date) -> tuple[dt.date, dt.date]:
    """From the target start to a little after the due date (or the forecast date, if within 2 years)."""
    last = max(tp.due, status_date)  # the forecast stops at the due date
    span = (last - tp.start).days

    def pad(share: float) -> dt.timedelta:
        return dt.timedelta(days=max(MIN_PAD_DAYS, round(share * span)))

    return tp.start - pad(LEFT_PAD_SHARE), last + pad(PAD_SHARE)


# ------------------------------------------------------------ burn-up pieces


def _per_month(value: float, lang: str) -> str:
    return i18n.t("tg.per_month", lang, value=i18n.number(value, lang, 1))


def _unit(tp: progress.TargetProgress, lang: str) -> str:
    return tp.metric.unit_in(lang) if tp.metric else i18n.t("w.count", lang)


Y_TITLE_CHARS = 28  # an axis title runs along the axis: longer, it reaches into the chart's title


def _y_title(tp: progress.TargetProgress, lang: str) -> str:
    """'kommuner (af 98 kommuner)'; a denominator that starts with the unit stands alone; long ones the unit only.

    The denominator is always in the headline figure above the chart.
    """
    unit, denominator = _unit(tp, lang), tp.target.denominator
    if not denominator:
        return unit
    text = denominator if denominator.casefold().startswith(unit.casefold()) else f"{unit} ({denominator})"
    return text if len(text) <= Y_TITLE_CHARS else unit


MAX_VALUE_LABELS = 10  # values written on the line; the others are in the hover


def _labelled(tp: progress.TargetProgress, style: theme.Style, lang: str) -> set[int]:
    """Which points get their value written: the last, then earlier ones where their labels stay apart.

    At most :data:`MAX_VALUE_LABELS`, each a label's width from the next at the narrowest the chart is drawn
    (the others are in the hover and the chart's table).
    """
    points = tp.points
    if not points:
        return set()
    start, end = _x_range(tp, tp.as_of)
    px_per_day = max(100, style.width - 120) / max(1, (end - start).days)
    estimate = f" ({i18n.t('w.estimate', lang)})"

    def width(i: int) -> float:  # labels sit to the left of their points
        label = i18n.number(points[i].value, lang) + (estimate if points[i].estimate else "")
        return text_width.width(label + "  ", style.px(style.font))

    chosen = [len(points) - 1]
    for i in range(len(points) - 2, -1, -1):
        gap_px = (points[chosen[-1]].date - points[i].date).days * px_per_day
        if gap_px >= width(chosen[-1]) and len(chosen) < MAX_VALUE_LABELS:
            chosen.append(i)
    return set(chosen)


def _observed(tp: progress.TargetProgress, lang: str, style: theme.Style, colour: str) -> go.Scatter:
    estimate = f" ({i18n.t('w.estimate', lang)})"
    labelled = _labelled(tp, style, lang)
    return go.Scatter(
        x=[_iso(p.date) for p in tp.points],
        y=[p.value for p in tp.points],
        mode="lines+markers+text",
        name=i18n.t("tg.observed", lang),
        line={"color": colour, "width": LINE_WIDTH},
        marker={
            "size": MARKER_SIZE,
            "color": colour,
            "line": {"width": 2, "color": colour},
            "symbol": ["circle-open" if p.estimate else "circle" for p in tp.points],
        },
        text=[
            i18n.number(p.value, lang) + (estimate if p.estimate else "") if i in labelled else ""
            for i, p in enumerate(tp.points)
        ],
        # each value above and to the left of its point: clear of the line, which rises to the right
        textposition=[
            "bottom right" if i == 0 and len(tp.points) > 1 and tp.points[1].value < p.value else "top left"
            for i, p in enumerate(tp.points)
        ],
        cliponaxis=False,
        textfont={"size": style.px(style.font), "color": theme.TEXT},
        customdata=[i18n.day(p.date, lang) + (estimate if p.estimate else "") for p in tp.points],
        hovertemplate="%{customdata}: %{y}<extra></extra>",
    )


def _line(x: Sequence[dt.date], y: Sequence[float], name: str, colour: str, dash: str) -> go.Scatter:
    return go.Scatter(
        x=[_iso(d) for d in x],
        y=list(y),
        mode="lines",
        name=name,
        hoverinfo="skip",
        line={"color": colour, "width": LINE_WIDTH, "dash": dash},
    )


def _label(
    fig: go.Figure,
    text: str,
    x: dt.date | str,
    y: float,
    style: theme.Style,
    *,
    xanchor: str,
    yanchor: str,
    yref: str = "y",
    colour: str = theme.TEXT,
    xref: str = "x",
    yshift: int = 0,
) -> None:
    x_value: str | float = _iso(x) if isinstance(x, dt.date) else float(x)
    fig.add_annotation(
        text=text,
        x=x_value,
        xref=xref,
        y=y,
        yref=yref,
        yshift=yshift,
        xanchor=xanchor,
        yanchor=yanchor,
        showarrow=False,
        bgcolor=LABEL_BG,
        font={"size": style.px(style.font), "color": colour},
    )


def _vline(fig: go.Figure, day: dt.date, colour: str, dash: str) -> None:
    fig.add_shape(
        type="line",
        x0=_iso(day),
        x1=_iso(day),
        y0=0,
        y1=1,
        yref="paper",
        line={"color": colour, "width": 2, "dash": dash},
    )


def _assumed(tp: progress.TargetProgress, lang: str) -> str:
    """' (anslået)' when the forecast rests on an assumed value."""
    return f" ({i18n.t('w.estimate', lang)})" if tp.forecast_estimated else ""


def _add_forecast(
    fig: go.Figure, tp: progress.TargetProgress, end: dt.date, lang: str, style: theme.Style, colour: str
) -> None:
    latest, pace, forecast = tp.latest, tp.pace, tp.forecast_date
    if latest is None or pace is None or tp.reached:
        return
    end = min(end, max(tp.due, latest.date))  # never past the due date: the target says nothing after it
    value_at_end: float
    if forecast is not None and forecast <= end:
        line_end, value_at_end = forecast, tp.target.target  # the forecast date is rounded to a day
    else:
        line_end = end
        value_at_end = latest.value + pace * (end - latest.date).days / progress.DAYS_PER_MONTH
    fig.add_trace(
        _line(
            [latest.date, line_end],
            [latest.value, value_at_end],
            f"{i18n.t('tg.forecast', lang)}{_assumed(tp, lang)}: {_per_month(pace, lang)}",
            colour,
            "dash",
        )
    )
    if forecast is not None and forecast <= end:
        # below the target line, ending where the forecast meets it
        _label(
            fig,
            i18n.t("tg.forecast_reach", lang, date=i18n.month(forecast, lang)) + _assumed(tp, lang),
            forecast,
            tp.target.target,
            style,
            xanchor="right",
            yanchor="top",
            colour=colour,
            yshift=-round(style.px(style.font) * 0.5),  # clear of the date labels' rows above it
        )
        return
    at_due = tp.at_due
    text = (
        i18n.t("tg.forecast_at_due", lang, value=i18n.number(round(at_due), lang), date=i18n.fuzzy(tp.target.due, lang))
        + _assumed(tp, lang)
        if at_due is not None
        else i18n.t("tg.forecast_never", lang)
    )
    # off the chart: bottom right, which a rising burn-up leaves empty
    _label(
        fig,
        text,
        "1",
        OFF_CHART_LABEL_Y,
        style,
        xanchor="right",
        yanchor="bottom",
        yref="paper",
        colour=colour,
        xref="paper",
    )


def _add_needed(fig: go.Figure, tp: progress.TargetProgress, lang: str) -> None:
    latest, needed = tp.latest, tp.needed
    if latest is None or needed is None or latest.date >= tp.due:
        return
    fig.add_trace(
        _line(
            [latest.date, tp.due],
            [latest.value, tp.target.target],
            f"{i18n.t('tg.needed_line', lang)}: {_per_month(needed, lang)}",
            NEEDED_COLOUR,
            "dot",
        )
    )


def _add_dates(
    fig: go.Figure,
    tp: progress.TargetProgress,
    status_date: dt.date,
    span: tuple[dt.date, dt.date],
    lang: str,
    style: theme.Style,
) -> None:
    """Status and due lines, labelled on two rows at the top, each label on the side with room."""
    start, end = span

    def side(day: dt.date) -> str:
        return "left" if (end - day) > ROOM_SHARE * (end - start) else "right"

    _vline(fig, status_date, STATUS_COLOUR, "dash")
    _label(
        fig,
        i18n.t("w.status_line", lang, date=i18n.day(status_date, lang)),
        status_date,
        1,
        style,
        xanchor="right" if (status_date - start) > ROOM_SHARE * (end - start) else "left",
        yanchor="top",
        yref="paper",
    )
    _vline(fig, tp.due, DUE_COLOUR, "dashdot")
    _label(
        fig,
        i18n.t("tg.due", lang, date=i18n.fuzzy(tp.target.due, lang)),
        tp.due,
        1,
        style,
        xanchor=side(tp.due),
        yanchor="top",
        yref="paper",
        yshift=-round(style.px(style.font) * 1.7),  # the row below the status label, whatever the chart's height
    )


def burnup(
    tp: progress.TargetProgress,
    lang: str,
    style: theme.Style = theme.SCREEN,
    status_date: dt.date | None = None,
    colour: str = OBSERVED_COLOUR,
) -> go.Figure:
    """Measured values against the target over time, with forecast and the pace needed.

    ``colour`` draws what was measured and its forecast: the programme's colour.
    """
    status = status_date or tp.as_of
    start, end = _x_range(tp, status)
    target, unit = tp.target.target, _unit(tp, lang)
    target_text = f"{i18n.t('tg.target_line', lang)}: {i18n.number(target, lang)} {unit}"
    fig = go.Figure()
    fig.add_trace(_line([start, end], [target, target], target_text, TARGET_COLOUR, "solid"))
    _label(fig, target_text, start, target, style, xanchor="left", yanchor="bottom")
    _add_needed(fig, tp, lang)
    _add_forecast(fig, tp, end, lang, style, colour)
    if tp.points:
        fig.add_trace(_observed(tp, lang, style, colour))
    else:
        _label(fig, i18n.t("tg.no_observations", lang), start, target / 2, style, xanchor="left", yanchor="middle")
    if tp.reached:
        _label(fig, i18n.t("tg.reached", lang), end, target, style, xanchor="right", yanchor="bottom")
    _add_dates(fig, tp, status, (start, end), lang, style)
    title = tp.metric.name if tp.metric else tp.target.metric
    theme.base_layout(fig, style, title)
    # room above the highest value for the status and due labels' two rows, at this chart's height
    plot_px = fig.layout.height - fig.layout.margin.t - 60
    labels_px = style.px(style.font) * 3 + 10
    top = max([target, *(p.value for p in tp.points)]) * max(Y_HEADROOM, plot_px / max(1, plot_px - labels_px))
    ticks, labels = _month_ticks(start, end, lang)
    pad = dt.timedelta(days=max(1, (end - start).days // 30))  # the first month's label clear of the value axis
    fig.update_xaxes(
        type="date", range=[_iso(start - pad), _iso(end)], tickvals=ticks, ticktext=labels, gridcolor=theme.BAND
    )
    fig.update_yaxes(
        title_text=_y_title(tp, lang),
        range=[0, top],
        gridcolor=theme.BAND,
        rangemode="tozero",
        ticklabelstandoff=10,  # the value axis' 0 clear of the first month's label
        title_standoff=12,
        automargin=False,
    )
    # Explicit room for the tick numbers and the axis title: the browser does not always re-run automargin.
    digits = len(i18n.number(top, lang))
    fig.update_layout(
        margin={"b": 60, "l": 40 + int(style.px(style.small) * 0.65 * digits) + style.px(style.font) + 12}
    )
    return fig
