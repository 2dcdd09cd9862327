"""The map of Denmark as a drawing: outlines as plain paths (thinned), for a slide or an offline page."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

from planner.presentation.charts import geo

LAT_SCALE = 1 / math.cos(math.radians(56))  # Denmark's latitude: a degree of latitude against one of longitude


def rings(geometry: dict[str, Any]) -> list[list[list[float]]]:
    """The outer rings of a Polygon or MultiPolygon."""
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"][0]]
    if geometry.get("type") == "MultiPolygon":
        return [polygon[0] for polygon in geometry["coordinates"]]
    return []


OUTLINE_POINTS = 80  # at most about this many points per outline drawn: finer than a slide or a page shows
OUTLINE_DECIMALS = 4  # degrees to 1/10,000 (about 10 m): the drawing's numbers no longer than they need be


def thinned(ring: Sequence[Sequence[float]], most: int = OUTLINE_POINTS) -> list[Sequence[float]]:
    """Every n-th point of an outline, at most about ``most`` of them, closed where it was."""
    kept = list(ring[:: max(1, len(ring) // most)])
    if ring and kept[-1] != ring[-1]:
        kept.append(ring[-1])
    return kept


def as_drawing(fig: go.Figure) -> go.Figure:
    """A map figure drawn as plain SVG shapes (filled outlines on hidden axes), the same colours, legend and hovers.

    For a file opened from disk: a browser draws a MapLibre map (WebGL, a worker) only for a page served over
    HTTP, so the offline HTML pack's map was blank. Figures without a map are returned as they are.
    """
    maps = [t for t in fig.data if t.type == "choroplethmap" and isinstance(t.geojson, dict)]
    if not maps:
        return fig
    traces: list[go.Scatter] = []
    for trace in maps:
        xs: list[float | None] = []
        ys: list[float | None] = []
        centres_x, centres_y = [], []
        for feature in trace.geojson["features"]:
            outlines = [thinned(ring) for ring in rings(feature.get("geometry") or {})]
            for ring in outlines:
                xs += [round(p[0], OUTLINE_DECIMALS) for p in ring] + [None]
                ys += [round(p[1], OUTLINE_DECIMALS) for p in ring] + [None]
            biggest = max(outlines, key=len, default=[])
            centres_x.append(sum(p[0] for p in biggest) / max(1, len(biggest)))
            centres_y.append(sum(p[1] for p in biggest) / max(1, len(biggest)))
        colour = trace.colorscale[0][1]
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=colour,
                name=trace.name,
                legendgroup=trace.legendgroup,
                showlegend=trace.showlegend,
                hoverinfo="skip",
                line={"color": geo.BORDER_COLOUR, "width": geo.BORDER_WIDTH},
            )
        )
        order = {f.get("id"): i for i, f in enumerate(trace.geojson["features"])}
        at = [order.get(code) for code in trace.locations]
        traces.append(
            go.Scatter(
                x=[centres_x[i] if i is not None else None for i in at],
                y=[centres_y[i] if i is not None else None for i in at],
                mode="markers",
                marker={"size": 10, "opacity": 0},
                customdata=trace.customdata,
                hovertemplate=trace.hovertemplate,
                legendgroup=trace.legendgroup,
                showlegend=False,
            )
        )
    layout = fig.layout.to_plotly_json()
    layout.pop("map", None)
    layout["xaxis"] = {**layout.get("xaxis", {}), "visible": False, "fixedrange": True}
    layout["yaxis"] = {**layout.get("yaxis", {}), "visible": False, "fixedrange": True, "scaleanchor": "x",
                       "scaleratio": LAT_SCALE}  # fmt: skip
    layout["plot_bgcolor"] = "white"
    return go.Figure(data=traces, layout=layout)  # built at once: an update re-validates the whole template
