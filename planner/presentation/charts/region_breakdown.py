"""The latest observation's breakdown per region: a bar per region for each metric, its total in the title."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from planner.plan import model
from planner.presentation import i18n
from planner.presentation.charts import theme

BAR_HEADROOM = 1.3  # room right of the longest bar for its value label


def _metric_title(metric: model.Metric, observation: model.Observation, values: Sequence[float], lang: str) -> str:
    """'Kommuner, i alt 37', noting when the regions do not add up to the stated total."""
    total = observation.values.get(metric.id)
    shown = sum(values) if total is None else total
    unit = metric.unit_in(lang)
    text = f"{unit[:1].upper()}{unit[1:]}, {i18n.t('w.total', lang).lower()} {i18n.number(shown, lang)}"
    if total is not None and abs(sum(values) - total) > 1e-9:
        text += f" ({i18n.t('tg.regions_sum', lang, value=i18n.number(sum(values), lang))})"
    return text


def region_breakdown(
    programme: model.Programme,
    observation: model.Observation,
    metric_ids: Sequence[str],
    lang: str,
    style: theme.Style = theme.SCREEN,
) -> go.Figure:
    """One panel of horizontal bars per metric, regions down the side, values on the bars.

    Panels, not one shared axis: the metrics differ a hundredfold (37
    municipalities, 1,733 consultations), so each gets its own scale.
    """
    metrics = [m for mid in metric_ids for m in programme.metrics if m.id == mid]
    regions = list(observation.breakdown)
    title = i18n.t("tg.breakdown", lang, date=i18n.fuzzy(observation.date, lang))
    values = [[observation.breakdown[r].get(m.id, 0.0) for r in regions] for m in metrics]
    per_panel = max(18, 90 // max(1, len(metrics)))  # characters a panel's title has room for on one line
    titles = [
        "<br>".join(textwrap.wrap(_metric_title(m, observation, v, lang), per_panel))
        for m, v in zip(metrics, values, strict=True)
    ]
    fig = make_subplots(
        rows=1, cols=max(1, len(metrics)), shared_yaxes=True, subplot_titles=titles, horizontal_spacing=0.04
    )
    for i, (metric, row) in enumerate(zip(metrics, values, strict=True)):
        fig.add_trace(
            go.Bar(
                x=row,
                y=regions,
                orientation="h",
                name=metric.name,
                showlegend=False,
                marker={"color": theme.programme_colour(programme)},
                text=[i18n.number(v, lang) for v in row],
                textposition="outside",
                cliponaxis=False,
                constraintext="none",
                textfont={"size": style.px(style.font), "color": theme.TEXT},
                hovertemplate=f"{metric.name}<br>%{{y}}: %{{text}}<extra></extra>",
            ),
            row=1,
            col=i + 1,
        )
        fig.update_xaxes(
            range=[0, max([*row, 1]) * BAR_HEADROOM], showticklabels=False, gridcolor=theme.BAND, row=1, col=i + 1
        )
    font = style.px(style.font)
    theme.base_layout(fig, style, title, height=int(160 + 2 * font + 2.6 * font * max(1, len(regions))))
    fig.update_annotations(font={"size": font, "color": theme.TEXT})
    fig.update_layout(margin={"t": int(80 + 2 * font)})
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig
