"""Municipality charts: the onboarding map of Denmark and counts per region.

The map is a ``Choroplethmap`` on the ``white-bg`` style over the shipped
boundaries, so it draws without fetching anything from the internet. Every
one of the 98 municipalities is in exactly one trace: one trace per wave or
state, so the legend names each category; a municipality the plan does not
place is shown as "Ikke placeret", never put in a wave it is not in.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import plotly.graph_objects as go

from planner.analysis import onboarding
from planner.plan import loader, model, reference
from planner.presentation import i18n, text_width
from planner.presentation.charts import theme

State = model.OnboardingState


class ColourBy(StrEnum):
    """What the onboarding map colours municipalities by."""

    WAVE = "wave"
    STATE = "state"


STATE_ORDER = (State.LIVE, State.ONBOARDING, State.PLANNED, State.UNASSIGNED)
UNASSIGNED_COLOUR = theme.ONBOARDING_COLOUR[State.UNASSIGNED]
BORDER_COLOUR = "white"
BORDER_WIDTH = 0.8
FILL_OPACITY = 0.9
# At zoom 5.75 Denmark, Skagen to Gedser, fills about 2/3 of a 700 px high map, and Blåvand to
# Bornholm needs about 580 px of width; the centre sits a little east of 11.0 so that Bornholm
# stays in view on a narrow map. The zoom grows with the height (one step per doubling).
MAP_CENTER = {"lat": 56.1, "lon": 11.4}
MAP_ZOOM = 5.75
MAP_ZOOM_HEIGHT = 700
MAP_HEIGHT = 700
PROJECTOR_MAP_HEIGHT = 820
# The capital area's 29 municipalities are specks on the map of Denmark: an inset shows them.
CAPITAL_CENTER = {"lat": 55.74, "lon": 12.38}
CAPITAL_ZOOM = 9.2  # at MAP_ZOOM_HEIGHT pixels (8.6 at the inset's height: the capital area fills it)
INSET_HEIGHT = 460
LEGEND_BG = "rgba(255,255,255,0.85)"
TOTAL_PAD = 0.12  # room right of the longest bar for its total


# ------------------------------------------------------------ categories


@dataclass(frozen=True)
class Category:
    """Municipalities coloured alike on the map: a wave's, a state's, or the unassigned."""

    key: str
    label: str
    colour: str
    rows: tuple[onboarding.Row, ...]


def _rows(plan: loader.Plan, programme: model.Programme, as_of: dt.date) -> list[onboarding.Row]:
    return onboarding.rows(programme.onboarding or model.Onboarding(), plan.reference, as_of)


def wave_categories(plan: loader.Plan, programme: model.Programme, as_of: dt.date, lang: str) -> list[Category]:
    """The programme's municipalities by onboarding wave as of a day (the rest unassigned), as the map colours them."""
    return _wave_categories(programme, _rows(plan, programme, as_of), lang)


def _wave_categories(programme: model.Programme, rows: Sequence[onboarding.Row], lang: str) -> list[Category]:
    waves = programme.onboarding.waves if programme.onboarding else []
    found = []
    for i, wave in enumerate(waves):
        members = tuple(r for r in rows if r.wave is not None and r.wave.id == wave.id)
        if members:
            found.append(Category(wave.id, wave.name, theme.wave_colour(i), members))
    rest = tuple(r for r in rows if r.wave is None)
    if rest:
        found.append(Category(State.UNASSIGNED.value, i18n.t("mu.unassigned", lang), UNASSIGNED_COLOUR, rest))
    return found


def _state_categories(rows: Sequence[onboarding.Row], lang: str) -> list[Category]:
    found = []
    for state in STATE_ORDER:
        members = tuple(r for r in rows if r.state is state)
        if members:
            found.append(
                Category(state.value, i18n.enum_label(state, "onb", lang), theme.ONBOARDING_COLOUR[state], members)
            )
    return found


# ------------------------------------------------------------ map


def _state_text(row: onboarding.Row, lang: str) -> str:
    text = i18n.enum_label(row.state, "onb", lang)
    if row.date is not None:
        text += f" ({i18n.fuzzy(row.date, lang)})"
    return text + (f" ({i18n.t('w.estimate', lang)})" if row.estimate else "")


def hover_data(row: onboarding.Row, lang: str) -> list[str]:
    wave = row.wave.name if row.wave else i18n.t("mu.unassigned", lang)
    return [row.municipality.name, row.municipality.region, wave, _state_text(row, lang)]


def _hover_template(lang: str) -> str:
    return (
        f"<b>%{{customdata[0]}}</b><br>{i18n.t('w.region', lang)}: %{{customdata[1]}}"
        f"<br>{i18n.t('w.wave', lang)}: %{{customdata[2]}}"
        f"<br>{i18n.t('w.state', lang)}: %{{customdata[3]}}<extra></extra>"
    )


def _subset(boundaries: dict[str, Any], codes: set[str]) -> dict[str, Any]:
    """Only the features a trace draws, so the figure carries each outline once."""
    return {"type": "FeatureCollection", "features": [f for f in boundaries["features"] if f.get("id") in codes]}


def _trace(category: Category, boundaries: dict[str, Any] | str, lang: str) -> go.Choroplethmap:
    codes = [r.municipality.code for r in category.rows]
    return go.Choroplethmap(
        # a URL is fetched once by the browser; a GeoJSON travels in the figure (offline HTML, images)
        geojson=boundaries if isinstance(boundaries, str) else _subset(boundaries, set(codes)),
        locations=codes,
        featureidkey="id",
        z=[1] * len(codes),
        colorscale=[[0, category.colour], [1, category.colour]],
        showscale=False,
        marker={"line": {"color": BORDER_COLOUR, "width": BORDER_WIDTH}, "opacity": FILL_OPACITY},
        name=f"{category.label} ({len(codes)})",
        legendgroup=category.key,
        showlegend=True,
        customdata=[hover_data(r, lang) for r in category.rows],
        hovertemplate=_hover_template(lang),
    )


def _programme(plan: loader.Plan, programme: model.Programme | str) -> model.Programme:
    if isinstance(programme, model.Programme):
        return programme
    found = plan.programme(programme)
    if found is None:
        raise KeyError(f"unknown programme '{programme}'")
    return found


def onboarding_map(
    plan: loader.Plan,
    programme: model.Programme | str,
    colour_by: ColourBy | str,
    lang: str,
    style: theme.Style = theme.SCREEN,
    as_of: dt.date | None = None,
    boundaries: dict[str, Any] | str | None = None,
    inset: bool = False,
) -> go.Figure:
    """Denmark's 98 municipalities coloured by onboarding wave or state, as of a date.

    ``inset`` draws the same map zoomed on the capital area (Hovedstaden's
    municipalities), smaller and without the legend, to sit beside the whole map.

    ``boundaries`` is the GeoJSON from ``plan.reference.boundaries()`` (pass it
    when the caller caches it), or the URL of that GeoJSON as a file the
    browser fetches (features keyed by ``id`` = municipality code). ``as_of`` defaults to the plan's status date.
    """
    if colour_by not in tuple(ColourBy):
        raise ValueError(f"colour_by must be one of {', '.join(ColourBy)}, not '{colour_by}'")
    colour_by = ColourBy(colour_by)
    prog = _programme(plan, programme)
    height = style.fit(PROJECTOR_MAP_HEIGHT if style.projector else MAP_HEIGHT)
    if inset:
        height = round(INSET_HEIGHT * style.scale)
    if boundaries is None and plan.reference.boundaries_path is None:  # missing or broken: say so, draw the rest
        fig = go.Figure()
        theme.base_layout(fig, style, prog.name, height=height)
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)
        fig.add_annotation(text=i18n.t("mu.no_map", lang), showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper",
                           font={"size": style.px(style.font), "color": theme.TEXT})  # fmt: skip
        return fig
    geo = boundaries if boundaries is not None else plan.reference.boundaries()
    rows = _rows(plan, prog, as_of or plan.status_date)
    categories = _wave_categories(prog, rows, lang) if colour_by is ColourBy.WAVE else _state_categories(rows, lang)
    fig = go.Figure([_trace(c, geo, lang) for c in categories])
    by = i18n.t("mu.by_" + colour_by.value, lang)
    title = i18n.t("mu.capital_title", lang) if inset else i18n.t("mu.map_title", lang, programme=prog.name, by=by)
    theme.base_layout(fig, style, title, height=height)
    center, zoom = (CAPITAL_CENTER, CAPITAL_ZOOM) if inset else (MAP_CENTER, MAP_ZOOM)
    fig.update_layout(
        map={"style": "white-bg", "center": center, "zoom": zoom + math.log2(height / MAP_ZOOM_HEIGHT)},
        margin={"l": 0, "r": 0, "b": 0},
        # top right is open sea (Kattegat; Sweden is not drawn), clear of Jutland and Bornholm
        legend={
            "orientation": "v",
            "x": 0.99,
            "y": 0.98,
            "xanchor": "right",
            "yanchor": "top",
            "bgcolor": LEGEND_BG,
            "title": {"text": by.capitalize(), "font": {"size": style.px(style.small)}},
        },
    )
    if inset:  # the whole map beside it has the legend and the attribution
        fig.update_layout(showlegend=False)
        return fig
    fig.add_annotation(
        text=theme.wrapped(
            reference.ATTRIBUTION if lang == "da" else reference.ATTRIBUTION_EN, style.width - 10, style.px(style.small)
        ),
        x=1,
        y=0,
        xref="paper",
        yref="paper",
        xanchor="right",
        yanchor="bottom",
        showarrow=False,
        bgcolor=LEGEND_BG,
        font={"size": style.px(style.small), "color": theme.TEXT},
    )
    return fig


# ------------------------------------------------------------ counts

Table = list[dict[str, str | int]]


def _empty_counts() -> dict[State, int]:
    return dict.fromkeys(STATE_ORDER, 0)


def _region_counts(rows: Sequence[onboarding.Row]) -> dict[str, dict[State, int]]:
    """Region name -> state -> number of municipalities, regions in their usual order."""
    counts: dict[str, dict[State, int]] = {}
    for row in sorted(rows, key=lambda r: r.municipality.region_code):
        counts.setdefault(row.municipality.region, _empty_counts())[row.state] += 1
    return counts


def _table_row(first: dict[str, str | int], counts: dict[State, int], lang: str) -> dict[str, str | int]:
    row = dict(first)
    row.update({i18n.enum_label(s, "onb", lang): counts[s] for s in STATE_ORDER})
    row[i18n.t("w.total", lang)] = sum(counts.values())
    return row


def _size_text(wave: model.OnboardingWave, lang: str) -> str:
    if wave.size is None:
        return i18n.number(len(wave.members), lang)
    low, high = wave.size
    exact = i18n.number(low, lang) if low == high else f"{i18n.number(low, lang)}-{i18n.number(high, lang)}"
    return i18n.t("mu.about", lang, size=exact) if wave.size.approx else exact


def counts_per_wave(
    rows: Sequence[onboarding.Row],
    waves: model.Onboarding | Sequence[model.OnboardingWave] | None,
    lang: str,
) -> Table:
    """One table row per wave (in plan order, unassigned last): name, a count per state, total.

    Pass the programme's onboarding (or its waves) to list waves with no named
    members too, with their planned size ("25-30") as a column.
    """
    plan_waves = list(waves.waves if isinstance(waves, model.Onboarding) else waves or [])
    counts: dict[str, dict[State, int]] = {w.id: _empty_counts() for w in plan_waves}
    names = {w.id: w for w in plan_waves}
    unassigned = _empty_counts()
    for row in rows:
        if row.wave is None:
            unassigned[row.state] += 1
            continue
        names.setdefault(row.wave.id, row.wave)
        counts.setdefault(row.wave.id, _empty_counts())[row.state] += 1
    wave_key, size_key = i18n.t("w.wave", lang), i18n.t("mu.planned_size", lang)

    def first(name: str, size: str) -> dict[str, str | int]:
        return {wave_key: name, size_key: size} if plan_waves else {wave_key: name}

    table = [_table_row(first(names[k].name, _size_text(names[k], lang)), c, lang) for k, c in counts.items()]
    if sum(unassigned.values()):
        table.append(_table_row(first(i18n.t("mu.unassigned", lang), "–"), unassigned, lang))
    return table


def region_bars(rows: Sequence[onboarding.Row], lang: str, style: theme.Style = theme.SCREEN) -> go.Figure:
    """Municipalities per region, stacked by onboarding state, with counts on the bars."""
    counts = _region_counts(rows)
    regions = list(counts)
    totals = [sum(counts[r].values()) for r in regions]
    total_px = text_width.width(i18n.t("w.total", lang) + " " * 5, style.px(style.font))
    top = max(totals, default=1) * (1 + max(TOTAL_PAD, total_px / max(1.0, style.width - 140 - total_px))) + 2
    px_per_unit = max(1.0, style.width - 140) / top  # at the narrowest this chart is drawn

    def fits(value: int) -> bool:
        """Whether a segment is wide enough for its number (else the number is in its hover and the table)."""
        return value * px_per_unit >= text_width.width(i18n.number(value, lang), style.px(style.font)) + 6

    fig = go.Figure()
    for state in STATE_ORDER:
        values = [counts[r][state] for r in regions]
        if not any(values):
            continue
        fig.add_trace(
            go.Bar(
                x=values,
                y=regions,
                orientation="h",
                name=i18n.enum_label(state, "onb", lang),
                marker={"color": theme.ONBOARDING_COLOUR[state], "line": {"color": "white", "width": 1}},
                text=[i18n.number(v, lang) if v and fits(v) else "" for v in values],
                textposition="inside",
                insidetextanchor="middle",
                constraintext="none",
                textfont={"size": style.px(style.font), "color": theme.TEXT},
                hovertemplate=f"%{{y}}<br>{i18n.enum_label(state, 'onb', lang)}: %{{x}}<extra></extra>",
            )
        )
    for region, total in zip(regions, totals, strict=True):
        fig.add_annotation(
            x=total,
            y=region,
            text=f"{i18n.t('w.total', lang)} {i18n.number(total, lang)}",
            xanchor="left",
            xshift=6,
            showarrow=False,
            font={"size": style.px(style.font), "color": theme.TEXT},
        )
    theme.base_layout(fig, style, i18n.t("mu.region_title", lang))
    fig.update_layout(
        barmode="stack",
        uniformtext={"minsize": style.px(style.small), "mode": "show"},
        # the legend below the axis title: above the bars it ran into the chart's title
        legend={"traceorder": "normal", "orientation": "h", "x": 0, "y": -0.12, "yanchor": "top"},
        margin={"b": int(60 + 3 * style.px(style.small))},
    )
    fig.update_xaxes(
        title_text=i18n.t("w.count", lang),
        title_standoff=style.px(style.small),
        # room right of the longest bar for its total, at the narrowest this chart is drawn
        range=[0, top],
        gridcolor=theme.BAND,
    )
    fig.update_yaxes(autorange="reversed", automargin=True)
    return fig
