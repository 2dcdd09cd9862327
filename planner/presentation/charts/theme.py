"""One palette and one set of sizes for every chart, screen and projector.

The palette is Okabe-Ito (safe for the common colour-vision deficiencies);
status is never shown by colour alone: every status colour has a word or a
symbol beside it. Projector mode raises every piece of chart text to at least
:data:`PROJECTOR_MIN_FONT` px at 1920x1080.
"""

from __future__ import annotations

import dataclasses
import hashlib
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

from planner.plan import model
from planner.presentation import text_width

# Okabe-Ito
BLACK = "#000000"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#8C8C8C"
LIGHT_GREY = "#D9D9D9"
BAND = "rgba(0,0,0,0.045)"
TEXT = "#1A1A1A"
MUTED_TEXT = "#55555E"  # a note's text: quieter than TEXT, still 7:1 on white (GREY is for marks only)

SERIES = (BLUE, ORANGE, GREEN, VERMILION, PURPLE, SKY, YELLOW, GREY)  # a chart's own series, never programmes

# One colour per programme, the same on every page, slide and export. Paul Tol's muted scheme and
# a few dark companions (told apart with the common colour-vision deficiencies, and by lightness in
# grey): no red, amber or green, which mean status. Chosen in the programme file (``colour:``) or,
# by default, from a hash of its id, so a programme keeps its colour when others come and go.
PROGRAMME_COLOUR = {
    model.ProgrammeColour.INDIGO: "#332288",
    model.ProgrammeColour.STEEL: "#4477AA",
    model.ProgrammeColour.TEAL: "#3A9384",  # Tol's teal, olive and sand darkened to 3:1 against white
    model.ProgrammeColour.OLIVE: "#8F8F30",
    model.ProgrammeColour.SAND: "#988C52",
    model.ProgrammeColour.WINE: "#882255",
    model.ProgrammeColour.PURPLE: "#AA4499",
    model.ProgrammeColour.BROWN: "#8C564B",
    model.ProgrammeColour.SLATE: "#5E6A71",
    model.ProgrammeColour.PLUM: "#6A3D9A",
}
# Onboarding waves are ordered: cividis steps, dark to light (no status hue among them).
WAVE_COLOURS = ("#00204D", "#414D6B", "#7C7B78", "#BCAF6F", "#FFEA46", "#2F3F66", "#A59C74")
STATUS_LINE = BLACK  # the status date ("i dag") is a date, not a status
FONT_FAMILY = "DejaVu Sans, Arial, sans-serif"
PROJECTOR_MIN_FONT = 20
ESTIMATE_PATTERN = "/"

RAG_COLOUR = {model.RagStatus.RED: VERMILION, model.RagStatus.AMBER: ORANGE, model.RagStatus.GREEN: GREEN}
READINESS_COLOUR = {
    model.ReadinessState.READY: GREEN,
    model.ReadinessState.ON_TRACK: SKY,
    model.ReadinessState.AT_RISK: ORANGE,
    model.ReadinessState.LATE: VERMILION,
    model.ReadinessState.UNKNOWN: LIGHT_GREY,
}
READINESS_SYMBOL = {
    model.ReadinessState.READY: "✓",
    model.ReadinessState.ON_TRACK: "→",
    model.ReadinessState.AT_RISK: "▲",
    model.ReadinessState.LATE: "●",
    model.ReadinessState.UNKNOWN: "?",
}
ONBOARDING_COLOUR = {
    model.OnboardingState.UNASSIGNED: LIGHT_GREY,
    model.OnboardingState.PLANNED: SKY,
    model.OnboardingState.ONBOARDING: ORANGE,
    model.OnboardingState.LIVE: GREEN,
}


def programme_colour(prog: model.Programme) -> str:
    """The programme's colour: its ``colour:`` if it has one, else one fixed by its id."""
    if prog.colour is not None:
        return PROGRAMME_COLOUR[prog.colour]
    palette = list(PROGRAMME_COLOUR.values())
    return palette[int(hashlib.sha256(prog.id.encode("utf-8")).hexdigest(), 16) % len(palette)]


def tint(colour: str, share: float = 0.65) -> str:
    """``colour`` (#RRGGBB) mixed with ``share`` white: the fill of an estimated bar, outlined in ``colour``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * share):02X}" for c in (r, g, b))


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #RRGGBB colours (1 to 21)."""

    def luminance(colour: str) -> float:
        def channel(c: float) -> float:
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def darkened(colour: str, ratio: float, against: str = "#FFFFFF") -> str:
    """``colour``, darkened (towards black, its hue kept) just enough to stand ``ratio``:1 against ``against``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(101):
        shade = "#" + "".join(f"{round(c * (1 - step / 100)):02X}" for c in (r, g, b))
        if contrast(shade, against) >= ratio:
            return shade
    return BLACK


MARK_CONTRAST = 3.0  # WCAG 1.4.11: a mark, line or hatch against what lies behind it
TEXT_CONTRAST = 4.5  # WCAG 1.4.3: text


def hatch(colour: str) -> str:
    """The hatch on an estimated bar: its colour, darkened to stand out against the bar's light fill."""
    return darkened(colour, MARK_CONTRAST, against=tint(colour))


def text_colour(colour: str) -> str:
    """A status colour for a coloured symbol in text (●, ▲): dark enough to read as text."""
    return darkened(colour, TEXT_CONTRAST)


def wave_colour(index: int) -> str:
    """The colour of the index-th onboarding wave (from 0)."""
    return WAVE_COLOURS[index % len(WAVE_COLOURS)]


@dataclass(frozen=True)
class Style:
    """Sizes for one display: the screen or the projector."""

    font: int = 14
    small: int = 12
    title: int = 20
    projector: bool = False
    height: int = 560
    max_height: int | None = None  # the room a page leaves for the chart on one projector screen
    scale: float = 1.0  # the projector's size against 1920x1080
    # the narrowest a full-width chart is drawn: the page's column at 1280x720 beside the sidebar, or the
    # projector's full width; texts are placed so they stay apart at this width and anything wider
    width: int = 820

    def px(self, size: int) -> int:
        """A font size, raised to the projector minimum (at the projector's scale) where needed."""
        return max(size, round(PROJECTOR_MIN_FONT * self.scale)) if self.projector else size

    def within(self, height: int | None) -> Style:
        """This style for a chart that must fit ``height`` pixels of a 1920x1080 screen (projector mode only)."""
        fits = round(height * self.scale) if height is not None and self.projector else None
        return dataclasses.replace(self, max_height=fits)

    def share(self, fraction: float) -> Style:
        """This style for a chart in a column ``fraction`` of the page's width."""
        return dataclasses.replace(self, width=round(self.width * fraction))

    def fit(self, height: int) -> int:
        """``height``, or less where the chart must fit the screen."""
        return min(height, self.max_height) if self.max_height else height


SCREEN = Style()
PROJECTOR = Style(font=22, small=20, title=28, projector=True, height=720, width=1860)
PROJECTOR_SCREEN = (1920, 1080)  # what projector mode is laid out for


def style_for(projector: bool, scale: float = 1.0) -> Style:
    """The screen style, or the projector's scaled to a smaller projector (``scale`` of 1920x1080).

    A 1280x720 projector shows the same page as a 1920x1080 one, two thirds
    the size: the same share of the screen for every text and chart.
    """
    if not projector:
        return SCREEN
    if scale >= 1:
        return PROJECTOR
    return Style(
        font=round(PROJECTOR.font * scale),
        small=round(PROJECTOR.small * scale),
        title=round(PROJECTOR.title * scale),
        projector=True,
        height=round(PROJECTOR.height * scale),
        width=round(PROJECTOR.width * scale),
        scale=scale,
    )


def wrapped(text: str, width_px: float, font_px: int) -> str:
    """``text`` as it is, or on as many lines (joined by <br>) as it needs to fit ``width_px``."""
    return "<br>".join(textwrap.wrap(text, max(12, text_width.per_line(width_px, font_px)))) if text else text


HOVER_LINE = 60  # characters per line of a note in a hover


def hover_wrapped(text: str) -> str:
    """A note on lines a hover can show (joined by <br>)."""
    return "<br>".join(textwrap.wrap(text, HOVER_LINE))


def base_layout(fig: go.Figure, style: Style, title: str = "", height: int | None = None) -> go.Figure:
    """Fonts, margins and background shared by every chart."""
    # a title longer than the chart is wide takes two lines (and the top margin one line more)
    lines = wrapped(title, style.width - 20, style.px(style.title)).split("<br>")
    fig.update_layout(
        title={"text": "<br>".join(lines), "font": {"size": style.px(style.title)}, "x": 0.0, "xanchor": "left"}
        if title
        else None,
        font={"family": FONT_FAMILY, "size": style.px(style.font), "color": TEXT},
        paper_bgcolor="white",
        plot_bgcolor="white",
        height=style.fit(height or style.height),
        margin={
            "l": 10,
            "r": 20,
            "t": 70 + round((len(lines) - 1) * style.px(style.title) * 1.2) if title else 30,
            "b": 40,
        },
        legend={"font": {"size": style.px(style.small)}, "orientation": "h", "y": -0.08, "x": 0, "yanchor": "top"},
        hoverlabel={"font": {"size": style.px(style.small)}},
    )
    fig.update_xaxes(tickfont={"size": style.px(style.small)}, title_font={"size": style.px(style.font)})
    fig.update_yaxes(tickfont={"size": style.px(style.font)}, title_font={"size": style.px(style.font)})
    return fig


def font_sizes(fig: go.Figure) -> list[int]:
    """Every explicit font size in a figure (for the projector test)."""
    sizes: list[int] = []

    def walk(obj: Any) -> None:
        if isinstance(obj, dict):
            for key, value in obj.items():
                if (
                    key in ("font", "tickfont", "title_font", "textfont", "insidetextfont", "outsidetextfont")
                    and isinstance(value, dict)
                    and value.get("size") is not None
                ):
                    sizes.append(int(value["size"]))
                walk(value)
        elif isinstance(obj, list):
            for item in obj:
                walk(item)

    walk(fig.to_plotly_json())
    return sizes


def localise(fig: go.Figure, lang: str) -> go.Figure:
    """Number separators as the language writes them: '1.733,5' in Danish."""
    fig.update_layout(separators=",." if lang == "da" else ".,")
    return fig


def add_to_layout(
    fig: go.Figure, shapes: Sequence[dict[str, Any]] = (), annotations: Sequence[dict[str, Any]] = ()
) -> None:
    """Shapes and annotations added to a figure's, assigned at once with the earlier ones as plain dicts.

    plotly re-validates every shape and annotation of a layout on each change, and ``update_layout``
    costs ~15 times an assignment; its own objects handed back cost it more than dicts (~150 ms for a
    Gantt's arrows and years at national scale, against ~5 ms).
    """
    if shapes:
        fig.layout.shapes = [*(s.to_plotly_json() for s in fig.layout.shapes), *shapes]
    if annotations:
        fig.layout.annotations = [*(a.to_plotly_json() for a in fig.layout.annotations), *annotations]


def message_figure(text: str, style: Style, title: str) -> go.Figure:
    """A chart that says, in its middle, why there is nothing to draw."""
    fig = go.Figure()
    fig.add_annotation(
        text=text, x=0.5, y=0.5, xref="paper", yref="paper", showarrow=False, font={"size": style.px(style.font)}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return base_layout(fig, style, title, height=style.height // 2)
