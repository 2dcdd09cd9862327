"""The meeting pack as a 16:9 PowerPoint deck (python-pptx): a title slide, then one slide per view.

Each slide has a real title (the layout's placeholder), its key lines sized to leave the chart its room,
its chart drawn as the deck's own shapes (:mod:`deck_native`, grouped and described for a screen
reader) or its table, and the footer. A chart with no native form becomes a picture made by kaleido on
the machine's chromium, one browser session for the whole deck.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import plotly.graph_objects as go

from planner.plan.loader import Plan
from planner.presentation import chart_text, deck_native, i18n, text_width
from planner.presentation.pack_slides import Slide, footer

IMAGE_WIDTH, IMAGE_HEIGHT = 1920, 820


def render_images(figures: Sequence[go.Figure], folder: Path) -> list[Path]:
    """PNG files for the figures, made in one kaleido browser session."""
    import plotly.io as pio

    paths = [folder / f"figure-{i:02d}.png" for i in range(len(figures))]
    if figures:
        pio.write_images(list(figures), [str(p) for p in paths], width=IMAGE_WIDTH, height=IMAGE_HEIGHT, scale=1)
    return paths


def to_pptx(plan: Plan, deck: Sequence[Slide], lang: str, as_of: dt.date) -> bytes:
    """A 16:9 deck: title slide, then one slide per view with title, picture, key lines, footer."""
    from pptx import Presentation
    from pptx.util import Inches, Pt

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    title_only = prs.slide_layouts[TITLE_ONLY_LAYOUT]  # a title placeholder: a real title for outlines and readers
    foot = footer(plan, lang, as_of)
    prs.core_properties.title = plan.portfolio.title
    prs.core_properties.language = "da-DK" if lang == "da" else "en-GB"

    first = prs.slides.add_slide(title_only)
    _title(first, plan.portfolio.title, Inches(0.7), Inches(2.3), Inches(12), Inches(1.4), Pt(40))
    _text(
        first,
        i18n.t("w.status_header", lang, date=i18n.day(as_of, lang)),
        Inches(0.7),
        Inches(3.8),
        Inches(12),
        Inches(0.8),
        Pt(28),
    )
    _text(first, foot, Inches(0.7), Inches(6.7), Inches(12), Inches(0.5), Pt(12))

    with tempfile.TemporaryDirectory() as tmp:
        # a picture only where a chart has no native form (a map without its boundaries): no browser otherwise
        with_fig = [s for s in deck if s.draw is not None and s.native is None]
        images = dict(
            zip((id(s) for s in with_fig), render_images([s.figure for s in with_fig], Path(tmp)), strict=True)
        )
        for s in deck:
            slide = prs.slides.add_slide(title_only)
            _title(slide, s.title, Inches(0.4), Inches(0.25), Inches(12.5), Inches(0.75), Pt(title_size(s.title)))
            size, below = _lines_fit(s.lines)
            _text(slide, "\n".join(s.lines), Inches(0.4), Inches(0.95), Inches(12.5), Inches(below - 0.95), Pt(size))
            if s.native is not None:
                _native(slide, s, below)
            elif id(s) in images and s.figure is not None:
                picture = slide.shapes.add_picture(str(images[id(s)]), Inches(0.4), Inches(1.75), width=Inches(12.5))
                words = chart_text.alternative(s.figure, lang)  # what a screen reader says for the picture
                picture.name = words.name[:100]
                picture._element.nvPicPr.cNvPr.set("descr", words.description)
            elif s.table:
                _table(slide, s.table, Inches(0.4), Inches(1.9), Inches(12.5))
            _text(slide, foot, Inches(0.4), Inches(7.05), Inches(12.5), Inches(0.35), Pt(11), name="footer")
    buffer = io.BytesIO()
    prs.save(buffer)
    return buffer.getvalue()


CHART_LEFT, CHART_WIDTH, CHART_BOTTOM = 0.4, 12.5, 6.95  # inches: a chart's room above the footer
LINES_TOP, LINES_PT, MIN_LINES_PT, MAX_LINES_IN = 0.95, 15, 11, 1.9


def _lines_fit(lines: Sequence[str]) -> tuple[int, float]:
    """The key lines' font size and where they end (inches): smaller type before they take the chart's room."""
    for size in range(LINES_PT, MIN_LINES_PT - 1, -1):
        per_line = text_width.per_line(CHART_WIDTH * 72, size)
        count = sum(max(1, -(-len(line) // per_line)) for line in lines) if lines else 0
        height = count * size * 1.25 / 72
        if height <= MAX_LINES_IN or size == MIN_LINES_PT:
            return size, LINES_TOP + max(0.5, height) + 0.1
    raise AssertionError("unreachable")


def _native(slide: Any, s: Slide, top_in: float) -> None:
    """The slide's chart as the deck's own shapes, in a group named and described (:attr:`Slide.words`)."""
    from pptx.util import Inches

    assert s.native is not None and s.words is not None, s.key
    top = min(top_in, CHART_BOTTOM - 3.5)
    box = deck_native.Box(
        int(Inches(CHART_LEFT)), int(Inches(top)), int(Inches(CHART_WIDTH)), int(Inches(CHART_BOTTOM - top))
    )
    words = s.words()  # what a screen reader says for the chart
    before = len(slide.shapes)
    drawn = s.native(slide.shapes, box)
    if s.key == "vendors":  # a table is its own frame, named and described
        frame, element = drawn, drawn._element.nvGraphicFramePr.cNvPr  # type: ignore[attr-defined]
    else:  # the chart's shapes moved into one group at once (a group measures itself on every shape added)
        frame = slide.shapes.add_group_shape(list(slide.shapes)[before:])
        element = frame._element.nvGrpSpPr.cNvPr
    frame.name = words.name[:100]  # type: ignore[attr-defined]
    element.set("descr", words.description)


TITLE_PT, MIN_TITLE_PT = 30, 18
TITLE_BOX_PT = (900, 54)  # the title box: 12.5 x 0.75 inches


def title_size(title: str) -> int:
    """The largest font size (pt) at which the title fits its box: on one line, else on two at the smallest.

    A long title ("FK-ORG/SOR-synkroniseringskomponent: kommuner i gang ...")
    would otherwise wrap into the lines below it.
    """
    width, height = TITLE_BOX_PT
    for size in range(TITLE_PT, MIN_TITLE_PT - 1, -1):
        if text_width.width(title, size, bold=True) <= width:
            return size
    lines_fit = int(height // (MIN_TITLE_PT * 1.2))
    per_line = text_width.per_line(width, MIN_TITLE_PT, bold=True)
    if len(title) <= lines_fit * per_line:
        return MIN_TITLE_PT
    return max(12, int(width * lines_fit / text_width.width(title, 1, bold=True)))


TITLE_ONLY_LAYOUT = 5  # the default template's "Title Only" layout


def _title(slide: Any, text: str, left: int, top: int, width: int, height: int, size: int) -> None:
    """The slide's title placeholder in the given box: left-aligned, bold, never grown over the lines below."""
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN

    title = slide.shapes.title
    title.left, title.top, title.width, title.height = left, top, width, height
    title.name = "title"
    frame = title.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    frame.text = text
    para = frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    para.font.size = size
    para.font.bold = True


def _text(
    slide: Any, text: str, left: int, top: int, width: int, height: int, size: int, bold: bool = False, name: str = ""
) -> None:
    box = slide.shapes.add_textbox(left, top, width, height)
    if name:
        box.name = name
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.text = line
        para.font.size = size
        para.font.bold = bold


def _table(slide: Any, rows: list[dict[str, str]], left: int, top: int, width: int) -> None:
    from pptx.util import Inches, Pt

    columns = list(rows[0])
    shape = slide.shapes.add_table(len(rows) + 1, len(columns), left, top, width, Inches(0.5) * (len(rows) + 1))
    table = shape.table
    for c, name in enumerate(columns):
        table.cell(0, c).text = name
    for r, row in enumerate(rows, start=1):
        for c, name in enumerate(columns):
            table.cell(r, c).text = row.get(name, "")
    for row_cells in table.rows:
        for cell in row_cells.cells:
            for para in cell.text_frame.paragraphs:
                para.font.size = Pt(16)
