"""A chart in words: its name, a short description and its data as rows, for a screen reader and a data table.

Plotly draws a chart as SVG without a name or a description. Every chart the
app draws gets its text alternative from the figure itself, so the words are
the ones its hover labels show (in the figure's language, estimates marked):
the name is the chart's title, each point of each trace is a row (the series,
the item, what its hover label says), and the description names the chart and
its first rows.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from planner.presentation import i18n

SHOWN_IN_DESCRIPTION = 4  # rows read out in the description; the table holds them all
_TAG = re.compile(r"<[^>]+>")
_BREAK_FIELD = re.compile(r"<[bB][rR]\s*/?>(?=\s*(?:<[^>]+>\s*)*[A-ZÆØÅ0-9])")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
SAID_IN_DESCRIPTION = 140  # characters of each row read out in the description
_FIELD = re.compile(r"%\{([a-z]+)(?:\[(\d+)\])?(?::[^}]*)?\}")


@dataclass(frozen=True)
class ChartText:
    name: str
    description: str
    rows: tuple[dict[str, str], ...]


def plain(text: object) -> str:
    """A label as words: tags gone (a line break is a comma), entities read."""
    # a break before a new field ("Bølge: …") is a comma; one that wraps a sentence is a space
    spaced = _BREAK_FIELD.sub(", ", str(text or ""))
    spaced = _BREAK.sub(" ", spaced)
    return " ".join(html.unescape(_TAG.sub("", spaced)).split())


def _at(values: Any, i: int) -> Any:
    if values is None or isinstance(values, str):
        return values
    try:
        return values[i]
    except (IndexError, KeyError, TypeError):
        return None


def _fill(template: str, trace: Any, i: int, cell: tuple[int, int] | None = None) -> str:
    """A hover template with point ``i``'s values put in (``%{customdata[1]}``, ``%{y}``); a heatmap's ``cell``."""

    def value(found: re.Match[str]) -> str:
        field, index = found.group(1), found.group(2)
        got = getattr(trace, field, None) if field in {"x", "y", "text", "customdata", "z"} else None
        if cell is not None and field in {"text", "customdata", "z"}:
            got = _at(_at(got, cell[0]), cell[1])
        elif cell is not None:
            got = _at(got, cell[1] if field == "x" else cell[0])
        else:
            got = _at(got, i)
        if index is not None:
            got = _at(got, int(index))
        return "" if got is None else str(got)

    return _FIELD.sub(value, template.split("<extra>")[0])


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _ticks(fig: go.Figure) -> dict[str, dict[Any, str]]:
    """Each axis's tick labels by position ('y': {0: 'FHIR-KM'}): a chart that draws its rows at numbers."""
    found: dict[str, dict[Any, str]] = {}
    for axis in ("x", "y"):
        layout_axis = getattr(fig.layout, f"{axis}axis")
        if layout_axis.tickvals is not None and layout_axis.ticktext is not None:
            found[axis] = {v: plain(t) for v, t in zip(layout_axis.tickvals, layout_axis.ticktext, strict=False)}
    return found


def _label(trace: Any, i: int, ticks: dict[str, dict[Any, str]], cell: tuple[int, int] | None = None) -> str:
    """The item a point belongs to: its category on the chart's row axis (a tick label), else its column's."""
    parts = []
    for axis in ("y", "x"):
        got = _at(getattr(trace, axis, None), (cell[0] if axis == "y" else cell[1]) if cell else i)
        if got is None:
            continue
        if axis in ticks:
            got = ticks[axis].get(got, "")
        if isinstance(got, (int, float)) or _ISO_DAY.match(str(got)):
            continue
        parts.append(plain(got))
        if cell is None:
            break
    return " · ".join(p for p in parts if p) or plain(_at(getattr(trace, "locations", None), i) or "")


def _said(trace: Any, i: int, cell: tuple[int, int] | None = None) -> str:
    template = getattr(trace, "hovertemplate", None)
    if isinstance(template, str) and template:
        return plain(_fill(template, trace, i, cell))
    for field in ("hovertext", "text"):
        got = getattr(trace, field, None)
        got = _at(_at(got, cell[0]), cell[1]) if cell else _at(got, i)
        if got:
            return plain(got)
    return "" if cell else plain(_at(getattr(trace, "x", None), i))


def _places(trace: Any) -> list[tuple[int, tuple[int, int] | None]]:
    """The points a trace draws: (index, None), or a heatmap's (0, (row, column)) cells that hold a value."""
    if getattr(trace, "type", "") == "heatmap":
        z = trace.z or ()
        return [(0, (r, c)) for r, line in enumerate(z) for c, v in enumerate(line) if v is not None]
    for field in ("x", "y", "locations"):
        values = getattr(trace, field, None)
        if values is not None and not isinstance(values, str):
            return [(i, None) for i in range(len(values))]
    return []


def rows(fig: go.Figure, lang: str) -> tuple[dict[str, str], ...]:
    """One row per point the chart draws with words to say: the series, the item and what its label says."""
    series, item, said = i18n.t("ct.series", lang), i18n.t("ct.item", lang), i18n.t("ct.said", lang)
    ticks = _ticks(fig)
    found: list[dict[str, str]] = []
    for trace in fig.data:
        if getattr(trace, "visible", True) is False or getattr(trace, "hoverinfo", None) == "skip":
            continue
        for i, cell in _places(trace):
            text = _said(trace, i, cell)
            if text:
                found.append({series: plain(trace.name or ""), item: _label(trace, i, ticks, cell), said: text})
    unique = {tuple(r.values()): r for r in found}  # a bar drawn as a fill and an outline is one row
    return tuple(unique.values())


def _short(text: str) -> str:
    if len(text) <= SAID_IN_DESCRIPTION:
        return text
    return text[:SAID_IN_DESCRIPTION].rsplit(" ", 1)[0].rstrip(",;:") + " …"


def alternative(fig: go.Figure, lang: str) -> ChartText:
    """The chart's name, a description of it in a sentence or two, and its data as rows."""
    title = fig.layout.title.text if fig.layout.title and fig.layout.title.text else ""
    return described(plain(title), rows(fig, lang), lang)


def described(name: str, data: tuple[dict[str, str], ...], lang: str) -> ChartText:
    """A chart's words from its name and its data rows (series, item, what its label says)."""
    name = name or i18n.t("ct.chart", lang)
    first = "; ".join(_short(": ".join(v for v in list(r.values())[1:] if v)) for r in data[:SHOWN_IN_DESCRIPTION])
    more = len(data) - SHOWN_IN_DESCRIPTION
    description = i18n.tn("ct.description", len(data), lang, name=name, first=first)
    if more > 0:
        description += " " + i18n.tn("ct.more", more, lang)
    return ChartText(name, description, data)
