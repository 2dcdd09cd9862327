"""The deck's charts drawn as PowerPoint's own objects: every bar, date and label editable, no browser needed.

A slide's chart area is a box in EMU (python-pptx's unit); ``shapes`` is the slide's shapes or a group's. In it:

* :func:`gantt`: a Gantt from the same :class:`~planner.presentation.charts.gantt_rows.Layout` the app
  draws (rows, phase bars, milestones, go-lives), as rectangles, diamonds and text boxes on a year and
  quarter axis, with the status date as a dashed line; an estimated bar is a light fill with a dashed edge;
* :func:`burnup`: a target's burn-up as a native XY chart (target line and measured values), so its data
  opens in PowerPoint's own chart editor;
* :func:`matrix`: the readiness matrix as a native table, each cell's state in words on its colour;
* :func:`onboarding_map`: the municipalities as freeform shapes from the shipped boundaries, filled by wave,
  with a legend; each shape named after its municipality.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import cachetools
from pptx.chart.data import XyChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_CONNECTOR, MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.shapes.freeform import FreeformBuilder
from pptx.util import Pt

from planner.analysis import progress
from planner.presentation import i18n, text_width
from planner.presentation.charts import gantt_rows, geo, map_drawing, theme
from planner.presentation.charts import vendors as vendor_charts

EMU_PER_INCH = 914400
EMU_PER_PT = 12700
LABEL_SHARE = 0.26  # the row labels' share of a Gantt's width
AXIS_IN = 0.55  # years and quarters above the rows


@dataclass(frozen=True)
class Box:
    """Where a chart goes on its slide (EMU)."""

    left: int
    top: int
    width: int
    height: int


def _inches(value: float) -> int:
    return int(value * EMU_PER_INCH)


def _rgb(colour: str) -> Any:
    """A plotly colour ('#0072B2' or 'rgba(213,94,0,0.1)') as python-pptx's RGBColor (the alpha dropped)."""

    if colour.startswith("rgb"):
        parts = colour[colour.index("(") + 1 : colour.index(")")].split(",")
        return RGBColor(*(int(float(p)) for p in parts[:3]))
    return RGBColor.from_string(colour.lstrip("#")[:6].upper())


def _text(shapes: Any, text: str, box: Box, size: float, *, bold: bool = False, colour: str = theme.TEXT,
          align: str = "left", name: str = "") -> Any:  # fmt: skip
    """A text box with one paragraph of ``text``, no margins, not grown."""

    shape = shapes.add_textbox(box.left, box.top, box.width, box.height)
    shape.name = (name or text)[:100]
    frame = shape.text_frame
    frame.word_wrap, frame.auto_size, frame.vertical_anchor = True, MSO_AUTO_SIZE.NONE, MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    para = frame.paragraphs[0]
    para.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[align]
    run = para.add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, _rgb(colour)
    return shape


def _shape(shapes: Any, kind: Any, box: Box, fill: str | None, line: str | None, *, dashed: bool = False,
           name: str = "", width_pt: float = 0.75) -> Any:  # fmt: skip

    shape = shapes.add_shape(kind, box.left, box.top, max(1, box.width), max(1, box.height))
    shape.name = name[:100] or shape.name
    shape.shadow.inherit = False
    if fill is None:
        shape.fill.background()
    else:
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(fill)
    if line is None:
        shape.line.fill.background()
    else:
        shape.line.color.rgb, shape.line.width = _rgb(line), Pt(width_pt)
        if dashed:
            shape.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    return shape


def _line(shapes: Any, x1: int, y1: int, x2: int, y2: int, colour: str, width_pt: float, *, dashed: bool = False,
          name: str = "") -> Any:  # fmt: skip

    line = shapes.add_connector(MSO_CONNECTOR.STRAIGHT, x1, y1, x2, y2)
    line.name = name or line.name
    line.line.color.rgb, line.line.width = _rgb(colour), Pt(width_pt)
    if dashed:
        line.line.dash_style = MSO_LINE_DASH_STYLE.DASH
    return line


def _fits(text: str, width: int, size: float) -> bool:
    return text_width.width(text, size) * EMU_PER_PT <= width


# ------------------------------------------------------------------ Gantt


def gantt(shapes: Any, layout: gantt_rows.Layout, as_of: dt.date, lang: str, box: Box,
          window: tuple[dt.date, dt.date] | None = None, row_colours: dict[int, str] | None = None) -> None:  # fmt: skip
    """The Gantt of ``layout`` in ``box``: labels left, a year and quarter axis, bars, marks, the status date."""

    gantt_rows.assign_lanes(layout.bars)
    marks = gantt_rows.merged(layout.marks)
    span = window or layout.span() or (as_of, as_of + dt.timedelta(days=365))
    start, end = dt.date(span[0].year, 1, 1), dt.date(span[1].year, 12, 31)
    rows = max(1, len(layout.rows))
    label_w = int(box.width * LABEL_SHARE)
    plot_left, plot_w = box.left + label_w, box.width - label_w
    top = box.top + _inches(AXIS_IN)
    row_h = min(_inches(0.5), (box.top + box.height - top - _inches(0.3)) // rows)  # room for the status date's words
    size = max(9.0, min(16.0, row_h / EMU_PER_PT * 0.5))
    days = (end - start).days + 1

    def x(day: dt.date) -> int:
        return plot_left + int(plot_w * (min(max(day, start), end) - start).days / days)

    # the axis: a band for every other year, the year's name and its quarters
    for year in range(start.year, end.year + 1):
        x0, x1 = x(dt.date(year, 1, 1)), x(dt.date(year, 12, 31))
        if (year - start.year) % 2:
            _shape(shapes, MSO_SHAPE.RECTANGLE, Box(x0, top, x1 - x0, row_h * rows), "#F4F4F4", None, name=f"{year}")
        _text(
            shapes,
            str(year),
            Box(x0, box.top, x1 - x0, _inches(0.28)),
            13,
            bold=True,
            align="center",
            name=f"year {year}",
        )
        for q in range(4):
            q0, q1 = (
                x(dt.date(year, 3 * q + 1, 1)),
                x(dt.date(year + (q == 3), (3 * q + 3) % 12 + 1, 1) - dt.timedelta(days=1)),
            )
            if q1 - q0 > _inches(0.3):
                _text(shapes, f"Q{q + 1}", Box(q0, box.top + _inches(0.28), q1 - q0, _inches(0.25)), 10,
                      colour=theme.MUTED_TEXT, align="center", name=f"Q{q + 1} {year}")  # fmt: skip
        _line(shapes, x0, top, x0, top + row_h * rows, theme.LIGHT_GREY, 0.5, name=f"{year} begins")
    colours = row_colours or {}
    for i, label in enumerate(layout.rows):
        y = top + i * row_h
        shape = _text(shapes, label, Box(box.left, y, label_w - _inches(0.1), row_h), size, name=f"row {label}")
        if i in colours and label[:1] in "●▲○–":  # the status symbol in its colour (the words say it too)
            run = shape.text_frame.paragraphs[0].runs[0]
            rest = run.text[1:]
            run.text = run.text[0]
            run.font.color.rgb = _rgb(colours[i])
            tail = shape.text_frame.paragraphs[0].add_run()
            tail.text, tail.font.size, tail.font.color.rgb = rest, run.font.size, _rgb(theme.TEXT)
        _line(shapes, box.left, y + row_h, box.left + box.width, y + row_h, "#E6E6E6", 0.5, name=f"row {i + 1} edge")
    for bar in layout.bars:
        lane_h = int(row_h * 0.7) // max(1, bar.lanes)
        y = top + bar.row * row_h + int(row_h * 0.15) + bar.lane * lane_h
        x0, x1 = x(bar.start), x(bar.end + dt.timedelta(days=1))
        fill = theme.tint(bar.colour, 0.6) if bar.estimate else bar.colour
        shape = _shape(shapes, MSO_SHAPE.RECTANGLE, Box(x0, y, x1 - x0, lane_h), fill, bar.colour, dashed=bar.estimate,
                       name=bar.label or "bar")  # fmt: skip
        if bar.label and _fits(bar.label, x1 - x0, size * 0.75):
            frame = shape.text_frame
            frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
            frame.text = bar.label
            run = frame.paragraphs[0].runs[0]

            run.font.size = Pt(size * 0.75)
            run.font.color.rgb = _rgb(theme.text_colour(fill))
    for mark in marks:
        if not start <= mark.date <= end:
            continue  # outside the time axis, as in the app's chart (its table lists it)
        side = int(row_h * (0.6 if mark.go_live else 0.42))
        cx, cy = x(mark.date), top + mark.row * row_h + row_h // 2
        colour = theme.BLACK if mark.go_live else theme.GREY
        name = mark.hover.split("<br>")[0].replace("<b>", "").replace("</b>", "")
        _shape(shapes, MSO_SHAPE.DIAMOND, Box(cx - side // 2, cy - side // 2, side, side),
               "#FFFFFF" if mark.estimate else colour, colour, name=name, width_pt=1.25)  # fmt: skip
        if mark.label:  # right of the diamond, or left of it where the axis ends
            wide = int(text_width.width(mark.label, size) * EMU_PER_PT) + _inches(0.1)
            right = cx + side // 2 + _inches(0.05)
            at, align = (
                (right, "left")
                if right + wide <= box.left + box.width
                else (cx - side // 2 - _inches(0.05) - wide, "right")
            )
            words = _text(shapes, mark.label, Box(at, cy - row_h // 2, wide, row_h), size * 0.85, align=align,
                          name=f"{name}: {mark.label}")  # fmt: skip
            words.fill.solid()  # readable where it lies on a bar
            words.fill.fore_color.rgb = _rgb("#FFFFFF")
    if start <= as_of <= end:  # the status date: every view is computed for it
        sx = x(as_of)
        _line(
            shapes,
            sx,
            top - _inches(0.05),
            sx,
            top + row_h * rows,
            theme.STATUS_LINE,
            1.5,
            dashed=True,
            name="status date",
        )
        words = i18n.t("w.status_line", lang, date=i18n.day(as_of, lang))
        _text(shapes, words, Box(sx + _inches(0.05), top + row_h * rows + _inches(0.02), _inches(2.6), _inches(0.25)),
              10, colour=theme.MUTED_TEXT, name="status date label")  # fmt: skip


# ------------------------------------------------------------------ burn-up


def _serial(day: dt.date) -> int:
    """A day as a spreadsheet's serial number (what a chart's date axis counts)."""
    return (day - dt.date(1899, 12, 30)).days


def burnup(shapes: Any, tp: progress.TargetProgress, lang: str, box: Box, colour: str) -> Any:
    """The target line and the measured values as a native XY chart, a date axis in months."""

    data = XyChartData()
    goal = data.add_series(i18n.t("tg.target_line", lang))
    goal.add_data_point(_serial(tp.start), 0)
    goal.add_data_point(_serial(tp.due), tp.target.target)
    measured = data.add_series(i18n.t("tg.observed", lang))
    for point in tp.points:
        measured.add_data_point(_serial(point.date), point.value)
    frame = shapes.add_chart(XL_CHART_TYPE.XY_SCATTER_LINES, box.left, box.top, box.width, box.height, data)
    frame.name = i18n.t("tg.target_line", lang)
    chart = frame.chart
    chart.has_legend, chart.legend.position, chart.legend.include_in_layout = True, XL_LEGEND_POSITION.BOTTOM, False
    chart.font.size = Pt(14)
    days = chart.category_axis
    days.tick_labels.number_format = "mmm yyyy" if lang == "en" else "[$-406]mmm yyyy"
    days.tick_labels.number_format_is_linked = False
    days.minimum_scale, days.maximum_scale = _serial(min(tp.start, tp.as_of)), _serial(max(tp.due, tp.as_of))
    days.major_unit = max(31, math.ceil(((tp.due - tp.start).days / 6) / 30) * 30)
    count = chart.value_axis
    count.minimum_scale, count.has_major_gridlines = 0, True
    target, seen = chart.plots[0].series
    target.format.line.color.rgb, target.format.line.dash_style = _rgb(theme.GREY), MSO_LINE_DASH_STYLE.DASH
    target.marker.style = XL_MARKER_STYLE.NONE
    seen.format.line.color.rgb, seen.format.line.width = _rgb(colour), Pt(3)
    seen.marker.format.fill.solid()
    seen.marker.format.fill.fore_color.rgb = _rgb(colour)
    return frame


# ------------------------------------------------------------------ readiness matrix


def matrix(shapes: Any, header: Sequence[str], rows: Sequence[vendor_charts.MatrixRow], lang: str, box: Box) -> Any:
    """Vendors x programmes (``vendors.matrix_table``) as a native table: each cell's state in words, on its colour."""

    shape = shapes.add_table(
        len(rows) + 1, len(header) + 1, box.left, box.top, box.width, _inches(0.42) * (len(rows) + 1)
    )
    shape.name = i18n.t("vd.matrix", lang)[:100]
    table = shape.table
    # the grid's widths set in its XML: python-pptx's column width re-measures the whole table on every change
    share = 0.28 if len(header) <= 4 else 0.22  # more room for the cells when there are many
    widths = [int(box.width * share)] + [int(box.width * (1 - share) / len(header))] * len(header)
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = width
    # a cell's words ("klar 1. nov. 2025") on at most two lines of its column, so the rows keep their height
    size = Pt(14 if len(header) <= 3 else 11 if len(header) <= 5 else 9)
    for c, name in enumerate([i18n.t("w.vendor", lang), *header]):
        table.cell(0, c).text = name
    for r, (label, cells) in enumerate(rows, start=1):
        table.cell(r, 0).text = label
        for c, found in enumerate(cells, start=1):
            cell = table.cell(r, c)
            if found is None:
                continue
            text, colour = found
            cell.text = text
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(theme.tint(colour, 0.55))
    for row in table.rows:
        for cell in row.cells:
            for para in cell.text_frame.paragraphs:
                for run in para.runs:
                    run.font.size = size
    return shape


# ------------------------------------------------------------------ map


class _Freeform(FreeformBuilder):
    """python-pptx's builder, its leftmost and topmost point found once per shape, not again for every point."""

    offsets: tuple[int, int] | None = None

    @property
    def shape_offset_x(self) -> Any:
        return self.offsets[0] if self.offsets else super().shape_offset_x

    @property
    def shape_offset_y(self) -> Any:
        return self.offsets[1] if self.offsets else super().shape_offset_y

    def shape(self) -> Any:
        self.offsets = (super().shape_offset_x, super().shape_offset_y)
        return self.convert_to_shape()


_OUTLINES: cachetools.LRUCache[tuple[tuple[tuple[int, int], ...], ...], Any] = cachetools.LRUCache(maxsize=1024)


def _outline(shapes: Any, outlines: tuple[tuple[tuple[int, int], ...], ...]) -> Any:
    """A freeform shape of these outlines (slide coordinates); an outline drawn before is copied, not built again."""
    made = _OUTLINES.get(outlines)
    if made is None:
        builder = _Freeform.new(shapes, *outlines[0][0], 1.0, 1.0)
        builder.add_line_segments(outlines[0][1:], close=True)
        for ring in outlines[1:]:
            builder.move_to(*ring[0])
            builder.add_line_segments(ring[1:], close=True)
        shape = builder.shape()
        _OUTLINES[outlines] = copy.deepcopy(shape._element)
        return shape
    element = copy.deepcopy(made)
    element.nvSpPr.cNvPr.id = shapes._next_shape_id  # every shape on a slide has its own id
    shapes._spTree.append(element)
    return shapes._shape_factory(element)


def onboarding_map(shapes: Any, categories: Sequence[geo.Category], lang: str, box: Box,
                   boundaries: dict[str, Any]) -> int:  # fmt: skip
    """Each municipality as a freeform shape in its category's colour (``geo.wave_categories``), with a legend;
    returns the shapes drawn."""

    colour = {r.municipality.code: c.colour for c in categories for r in c.rows}
    names = {r.municipality.code: r.municipality.name for c in categories for r in c.rows}
    features = [f for f in boundaries.get("features", []) if f.get("id") in colour]
    points = [p for f in features for ring in map_drawing.rings(f.get("geometry") or {}) for p in ring]
    if not points:
        return 0
    lon0, lon1 = min(p[0] for p in points), max(p[0] for p in points)
    lat0, lat1 = min(p[1] for p in points), max(p[1] for p in points)
    squeeze = math.cos(math.radians((lat0 + lat1) / 2))  # a degree east is shorter than a degree north
    map_w = int(box.width * 0.62)
    scale = min(map_w / ((lon1 - lon0) * squeeze), box.height / (lat1 - lat0))

    def at(p: Sequence[float]) -> tuple[int, int]:
        return int(box.left + (p[0] - lon0) * squeeze * scale), int(box.top + (lat1 - p[1]) * scale)

    drawn = 0
    for feature in features:
        outlines = tuple(
            tuple(at(p) for p in map_drawing.thinned(ring)) for ring in map_drawing.rings(feature["geometry"])
        )
        outlines = tuple(r for r in outlines if len(r) >= 3)
        if not outlines:
            continue
        shape = _outline(shapes, outlines)
        shape.name = names.get(feature["id"], str(feature["id"]))
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(colour[feature["id"]])
        shape.line.color.rgb = _rgb("#FFFFFF")
        shape.shadow.inherit = False
        drawn += 1
    legend_left, y = box.left + map_w + _inches(0.4), box.top
    for category in categories:
        _shape(shapes, MSO_SHAPE.RECTANGLE, Box(legend_left, y, _inches(0.3), _inches(0.3)), category.colour, None,
               name=f"{category.label} colour")  # fmt: skip
        _text(shapes, f"{category.label} ({i18n.number(len(category.rows), lang)})",
              Box(legend_left + _inches(0.4), y, box.width - map_w - _inches(0.8), _inches(0.3)), 14)  # fmt: skip
        y += _inches(0.42)
    return drawn
