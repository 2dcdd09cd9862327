"""Where a Gantt's texts go: worked out in pixels, so no date or phase name lies on another text or a mark.

A figure's pixels are known before the browser draws it: its height is set,
and its width is at least the narrowest screen the style is laid out for
(:attr:`Style.width`). Each go-live's date tries the places round its diamond
in turn (above, right, left, ...) and takes the first that is clear of every
bar, diamond, dependency arrow, the status line and the labels placed before
it; a phase's name is written inside its bar only where it fits and nothing
lies on it. A date that finds no clear place is left to the hover and the
chart's table, never printed over something else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from planner.presentation import text_width
from planner.presentation.charts.theme import Style

LINE_EM = 1.3  # plotly's line height
GO_LIVE_PX = 24  # the marker sizes gantt_parts draws
MILESTONE_PX = 15
GAP_PX = 3  # clear space kept round every text
# plotly offsets a marker's text from its centre by radius / 0.8 + 1 (plotly.js Drawing.textPointPosition)
POSITIONS = ("top center", "middle right", "middle left", "top right", "top left", "bottom center")


@dataclass(frozen=True)
class Box:
    """A rectangle in the plot's pixels: x to the right, y down from the plot's top."""

    left: float
    top: float
    right: float
    bottom: float

    def hits(self, other: Box) -> bool:
        return (
            self.left < other.right and other.left < self.right and self.top < other.bottom and other.top < self.bottom
        )

    def crosses(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether the segment from (x0, y0) to (x1, y1) passes through the box (sampled finely enough for text)."""
        steps = max(2, int(max(abs(x1 - x0), abs(y1 - y0)) / 2))
        return any(
            self.left < x0 + (x1 - x0) * k / steps < self.right and self.top < y0 + (y1 - y0) * k / steps < self.bottom
            for k in range(steps + 1)
        )


@dataclass(frozen=True)
class Frame:
    """How the chart's dates and rows map to pixels."""

    start: dt.date
    px_per_day: float
    top_row: float  # the row value at the plot's top edge
    px_per_row: float
    width: float
    height: float

    def x(self, day: dt.date) -> float:
        return (day - self.start).days * self.px_per_day

    def y(self, row: float) -> float:
        return (row - self.top_row) * self.px_per_row


def frame_for(
    style: Style, left: int, right: int, x_range: tuple[dt.date, dt.date], rows: tuple[float, float], plot_h: int
) -> Frame:
    """The pixel frame of a plot ``left`` and ``right`` px in from the style's narrowest width; ``rows``: (top, bottom)."""
    width = max(100.0, style.width - left - right)
    days = max(1, (x_range[1] - x_range[0]).days)
    return Frame(x_range[0], width / days, rows[0], plot_h / max(0.5, rows[1] - rows[0]), width, float(plot_h))


def text_size(text: str, font_px: int) -> tuple[float, float]:
    """A one-line text's width and height in pixels."""
    return text_width.width(text, font_px) + 2, font_px * LINE_EM


def label_box(x: float, y: float, marker_px: int, position: str, size: tuple[float, float]) -> Box:
    """The box plotly gives a marker's text at ``position`` (its 'top center', 'middle right', ...)."""
    w, h = size
    off = marker_px / 2 / 0.8 + 1
    vertical, horizontal = position.split()
    left = x - w / 2 if horizontal == "center" else x + off if horizontal == "right" else x - off - w
    top = y - off - h if vertical == "top" else y - h / 2 if vertical == "middle" else y + off
    return Box(left, top, left + w, top + h)


class Obstacles:
    """What a text must keep clear of: boxes (bars, markers, texts) and segments (arrows, the status line)."""

    def __init__(self, frame: Frame) -> None:
        self.frame = frame
        self.boxes: list[Box] = []
        self.segments: list[tuple[float, float, float, float]] = []

    def free(self, box: Box, ignore: Box | None = None) -> bool:
        """Whether ``box`` (grown by the gap) lies inside the plot and clear of everything but ``ignore``."""
        f = self.frame
        if box.left < 0 or box.right > f.width or box.top < 0 or box.bottom > f.height:
            return False
        grown = Box(box.left - GAP_PX, box.top - GAP_PX, box.right + GAP_PX, box.bottom + GAP_PX)
        return not any(b.hits(grown) for b in self.boxes if b is not ignore) and not any(
            grown.crosses(*s) for s in self.segments
        )


@dataclass(frozen=True)
class BarSpot:
    """A bar as the placer sees it: its row's centre, its lane's half height, its dates, its label."""

    row_centre: float
    half: float
    start: dt.date
    end: dt.date
    label: str


@dataclass(frozen=True)
class MarkSpot:
    """A marker as the placer sees it."""

    row: int
    date: dt.date
    go_live: bool
    label: str
    outline_px: int = 0  # an outline drawn round the marker (the critical path's), when larger than the marker


@dataclass(frozen=True)
class Placement:
    """Where each text goes: a bar's label or ''; a go-live's position, or None where no place is clear."""

    bar_labels: tuple[str, ...]
    mark_positions: tuple[str | None, ...]


def place(
    frame: Frame,
    bars: Sequence[BarSpot],
    marks: Sequence[MarkSpot],
    arrows: Sequence[tuple[dt.date, int, dt.date, int]],
    as_of: dt.date,
    font_px: int,
) -> Placement:
    """Each bar's label where it fits clear of all else, then each go-live's date in its first clear place."""
    obstacles = Obstacles(frame)
    bar_boxes = [
        Box(
            frame.x(b.start),
            frame.y(b.row_centre - b.half),
            frame.x(b.end + dt.timedelta(days=1)),
            frame.y(b.row_centre + b.half),
        )
        for b in bars
    ]
    mark_boxes = []
    for m in marks:
        r = max(m.outline_px, GO_LIVE_PX if m.go_live else MILESTONE_PX) / 2 + 1
        x, y = frame.x(m.date), frame.y(m.row)
        mark_boxes.append(Box(x - r, y - r, x + r, y + r))
    obstacles.boxes += bar_boxes + mark_boxes
    line_x = frame.x(as_of)
    obstacles.segments.append((line_x, 0.0, line_x, frame.height))
    obstacles.segments += [(frame.x(d0), frame.y(r0), frame.x(d1), frame.y(r1)) for d0, r0, d1, r1 in arrows]

    bar_labels = []
    for bar, box in zip(bars, bar_boxes, strict=True):
        w, h = text_size(bar.label, font_px)
        mid = (box.top + box.bottom) / 2
        text = Box(box.left + 2, mid - h / 2, box.left + 2 + w, mid + h / 2)
        fits = bar.label and text.right <= box.right - 2 and h <= box.bottom - box.top + 2
        if (
            fits
            and obstacles.free(Box(text.left, mid - 1, text.right, mid + 1), ignore=box)
            and _clear_of_marks(text, mark_boxes)
        ):
            obstacles.boxes.append(text)
            bar_labels.append(bar.label)
        else:
            bar_labels.append("")

    positions: list[str | None] = []
    for m in marks:
        if not m.label:
            positions.append(None)
            continue
        size = text_size(m.label, font_px)
        x, y = frame.x(m.date), frame.y(m.row)
        chosen = next(
            (
                p
                for p in POSITIONS
                if obstacles.free(label_box(x, y, GO_LIVE_PX if m.go_live else MILESTONE_PX, p, size))
            ),
            None,
        )
        if chosen is not None:
            obstacles.boxes.append(label_box(x, y, GO_LIVE_PX if m.go_live else MILESTONE_PX, chosen, size))
        positions.append(chosen)
    return Placement(tuple(bar_labels), tuple(positions))


def _clear_of_marks(text: Box, marks: Sequence[Box]) -> bool:
    grown = Box(text.left - GAP_PX, text.top, text.right + GAP_PX, text.bottom)
    return not any(m.hits(grown) for m in marks)
