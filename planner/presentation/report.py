"""The meeting pack: one list of slides, written as PPTX, HTML or XLSX.

The same :func:`slides` feed the 16:9 deck (pictures made by kaleido on the
machine's chromium, one browser session for the whole deck), the offline HTML
file (plotly.js inlined once, no URL fetched) and, as tables, the workbook.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import gzip
import html
import io
import json
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from pydantic import BaseModel

from planner.analysis import decisions, onboarding, progress, schedule, status
from planner.plan import model, provenance
from planner.plan.loader import Plan
from planner.presentation import (
    chart_rows,
    chart_text,
    compare_table,
    decision_table,
    decision_text,
    deck_native,
    diff_text,
    i18n,
    readiness_text,
    reproducible,
    status_text,
    tables,
    text_width,
    workbook,
)
from planner.presentation.charts import gantt, gantt_parts, geo, targets, theme
from planner.presentation.charts import vendors as vendor_charts

IMAGE_WIDTH, IMAGE_HEIGHT = 1920, 820


@dataclass
class Slide:
    """One view of the meeting pack.

    A chart is ``draw``: the app's figure, built the first time :attr:`figure` is asked for (the HTML
    pack, or a deck picture); and, where the deck draws it as its own shapes, ``native`` (shapes in a
    box, see :mod:`deck_native`) with ``words``, its alternative text from the same data (:mod:`chart_rows`),
    so the deck builds no figure.
    """

    title: str
    lines: list[str] = field(default_factory=list)
    draw: Callable[[], go.Figure] | None = None
    table: list[dict[str, str]] | None = None
    key: str = ""
    native: Callable[[Any, deck_native.Box], object] | None = None
    words: Callable[[], chart_text.ChartText] | None = None
    _figure: go.Figure | None = field(default=None, init=False, repr=False)

    @property
    def figure(self) -> go.Figure | None:
        if self._figure is None and self.draw is not None:
            self._figure = self.draw()
        return self._figure


def footer(plan: Plan, lang: str, as_of: dt.date) -> str:
    return i18n.t("rp.footer", lang, date=i18n.day(as_of, lang), source=plan.portfolio.source)


def slides(
    plan: Plan,
    lang: str = i18n.DEFAULT_LANG,
    as_of: dt.date | None = None,
    boundaries: dict[str, Any] | None = None,
    style: theme.Style = theme.PROJECTOR,
    since: tuple[str, Plan] | None = None,
) -> list[Slide]:
    """Every view in meeting order: overview, changes since a baseline, programmes, vendors, onboarding, targets."""
    day = as_of or plan.status_date
    out = [_overview(plan, lang, day, style)]
    if since is not None:  # the pack opens with what changed since the last meeting
        out.insert(0, _changes(plan, since, lang))
    for prog in plan.programmes:
        out += _programme(plan, prog, lang, day, style)
    if any(v.readiness for v in plan.vendors):
        out.append(_vendors(plan, lang, style))
    for prog in plan.programmes:
        if prog.onboarding:
            out.append(_onboarding(plan, prog, prog.onboarding, lang, day, style, boundaries))
    for prog in plan.programmes:
        for tp in progress.progress(prog, day):
            out.append(_target(prog, tp, lang, day, style))
    out.append(_sources(plan, lang))
    for s in out:
        if s.draw is not None:
            s.draw = _localised(s.draw, lang)
    return out


def _localised(draw: Callable[[], go.Figure], lang: str) -> Callable[[], go.Figure]:
    return lambda: theme.localise(draw(), lang)


def _overview(plan: Plan, lang: str, day: dt.date, style: theme.Style) -> Slide:
    statuses = {p.id: status.programme_status(p, plan.vendors, day) for p in plan.programmes}
    window = gantt.default_window(plan.programmes, day)
    layout, colours = gantt.portfolio_layout(plan.programmes, statuses, lang, day)
    layout = gantt_parts.truncated(layout, lang, gantt_parts.rows_that_fit(style))
    upcoming = schedule.milestones_between(plan.programmes, day, day + dt.timedelta(days=90))
    lines = [status_text.counts(statuses.values(), lang)]
    if upcoming:
        lines.append(
            i18n.t("ov.next_90", lang)
            + ": "
            + "; ".join(
                f"{tables.dated(m.date, m.inferred('date'), lang)} {gantt.programme_label(p)}: {m.name}"
                for p, _, m in upcoming[:3]
            )
            + (f" {i18n.tn('rp.more_milestones', len(upcoming) - 3, lang)}" if len(upcoming) > 3 else "")
        )
    open_ones = decisions.open_decisions(plan.programmes, day)
    lines += [f"{gantt.programme_label(o.programme)}: {decision_text.sentence(o, day, lang)}" for o in open_ones]
    met = [m for m in plan.portfolio.meetings if m.date.first <= day]
    if met:  # the meetings the network has held: the cycle this pack belongs to
        lines.append(
            i18n.t("rp.meetings", lang, meetings="; ".join(f"{i18n.fuzzy(m.date, lang)} {m.name}" for m in met))
        )
    title = i18n.t("page.overview", lang)
    return Slide(
        title=title,
        lines=lines,
        draw=lambda: gantt.portfolio_gantt(plan.programmes, statuses, day, lang, style, window),
        key="overview",
        native=lambda shapes, box: deck_native.gantt(shapes, layout, day, lang, box, window, colours),
        words=lambda: chart_text.described(title, chart_rows.gantt(layout, lang), lang),
    )


def _changes(plan: Plan, since: tuple[str, Plan], lang: str) -> Slide:
    from planner.analysis import diff

    name, old = since
    found = diff.changes(old, plan)
    column = i18n.t("ch.what", lang)
    table = [{column: diff_text.describe(c, lang)} for c in found[:14]] or [{column: diff_text.format_report([], lang)}]
    lines = [i18n.tn("ch.title", len(found), lang, ref=name)]
    if len(found) > 14:
        lines.append(i18n.t("rp.more_changes", lang, n=len(found) - 14))
    return Slide(title=i18n.t("rp.changes_title", lang, ref=name), lines=lines, table=table, key="changes")


def _sources(plan: Plan, lang: str) -> Slide:
    """The last slide: where the values come from, and how many records are estimates, per file."""
    rows = []
    records: list[tuple[str, BaseModel, model.Cite | None]] = [
        (p.short_name or p.name, p, p.source) for p in plan.programmes
    ]
    records += [(v.display_name, v, v.source) for v in plan.vendors]
    for name, record, source in records:
        found = list(provenance.walk(record))
        estimates = sum(1 for item in found if item.estimate or item.record.estimated)
        rows.append(
            {
                i18n.t("w.item", lang): name,
                i18n.t("w.source_label", lang): readiness_text.source(source, plan.portfolio, lang)
                or i18n.t("w.no_source", lang),
                i18n.t("rp.estimates", lang): i18n.number(estimates, lang),
            }
        )
    lines = [d.title + (f": {d.note}" if d.note else "") for d in plan.portfolio.sources]
    return Slide(title=i18n.t("rp.sources_title", lang), lines=lines, table=rows, key="sources")


def _programme(plan: Plan, prog: model.Programme, lang: str, day: dt.date, style: theme.Style) -> list[Slide]:
    scenario = prog.plan_of_record
    state = status.programme_status(prog, plan.vendors, day)
    if not any(w.phases or w.milestones for w in scenario.waves):  # no plan yet: said, with what is known
        facts = {
            i18n.t("w.owner", lang): tables.owner(prog, lang),
            i18n.t("w.state", lang): status_text.label(state, lang),
            i18n.t("w.source_label", lang): readiness_text.source(prog.source, plan.portfolio, lang)
            or i18n.t("w.no_source", lang),
        }
        table = [{i18n.t("w.item", lang): k, i18n.t("w.value", lang): v} for k, v in facts.items()]
        lines = [f"{status_text.label(state, lang)}: {status_text.reason(state, lang)}"]
        return [Slide(title=prog.name, lines=lines, table=table, key=f"programme-{prog.id}")]
    lines = [f"{status_text.label(state, lang)}: {status_text.reason(state, lang)}"]
    lines += decision_text.for_programme(prog, day, lang)  # options until decided, then what was decided
    lines += [prog.summary] if prog.summary else []
    lines += [tables.conversion(w, lang) for w in schedule.conversion_windows(scenario)]
    lines += [scenario.conversion_note] if scenario.conversion_note else []
    layout = gantt_parts.truncated(gantt.programme_layout(prog, scenario, lang), lang, gantt_parts.rows_that_fit(style))
    out = [
        Slide(
            title=f"{prog.name}",
            lines=lines,
            draw=lambda: gantt.programme_gantt(prog, scenario, day, lang, style),
            key=f"programme-{prog.id}",
            native=lambda shapes, box: deck_native.gantt(shapes, layout, day, lang, box),
            words=lambda: chart_text.described(prog.name, chart_rows.gantt(layout, lang), lang),
        )
    ]
    if len(prog.scenarios) > 1:
        out.append(
            Slide(
                title=f"{gantt.programme_label(prog)}: {i18n.t('pg.compare', lang).lower()}",
                lines=[i18n.t("pg.vs", lang, scenario=scenario.name)],
                table=compare_table.table(prog, plan.vendors, lang),
                key=f"compare-{prog.id}",
            )
        )
    found = decisions.open_decisions([prog], day) + decisions.taken([prog], day)
    out += [_decision(plan, d, lang, day) for d in found]
    return out


def _decision(plan: Plan, found: decisions.Open, lang: str, day: dt.date) -> Slide:
    """The options of a decision side by side, with who supports or prefers which and the sources."""
    prog, decision = found.programme, found.decision
    compared = decision_table.side_by_side(prog, decision, plan.vendors, plan.portfolio, day, lang)
    return Slide(
        title=f"{gantt.programme_label(prog)}: {i18n.t('page.decision', lang).lower()}",
        lines=[decision_text.sentence(found, day, lang), *compared.notes],
        table=list(compared.rows),
        key=f"decision-{prog.id}-{decision.id}",
    )


def _vendors(plan: Plan, lang: str, style: theme.Style) -> Slide:
    fits = [f for p in plan.programmes for f in schedule.fits_for(p, plan.vendors)]
    late = sorted((f for f in fits if (f.gap_days or 0) > 0), key=lambda f: -(f.gap_days or 0))
    assumed = readiness_text.estimate_mark(any(f.estimated for f in late), lang)  # the count rests on estimates
    lines = [i18n.t("rp.vendors_late", lang, n=len(late), total=len(fits)) + assumed]
    if late:
        lines.append(
            vendor_charts.gap_sentence(late[0], lang)
            + readiness_text.estimate_mark(late[0].estimated, lang)
            + f" ({', '.join(sorted({f.vendor.name for f in late}))})"
        )
    table = functools.cache(lambda: vendor_charts.matrix_table(plan, lang))
    title = i18n.t("page.vendors", lang)
    return Slide(
        title=title,
        lines=lines,
        draw=lambda: vendor_charts.readiness_matrix(plan, lang, style),
        key="vendors",
        native=lambda shapes, box: deck_native.matrix(shapes, *table(), lang, box),
        words=lambda: chart_text.described(title, chart_rows.matrix(*table(), lang), lang),
    )


def _onboarding(
    plan: Plan,
    prog: model.Programme,
    onb: model.Onboarding,
    lang: str,
    day: dt.date,
    style: theme.Style,
    boundaries: dict[str, Any] | None,
) -> Slide:
    rows = onboarding.rows(onb, plan.reference, day)
    counts = {state: sum(r.state is state for r in rows) for state in onboarding.State}
    assumed = {state for state in onboarding.State if any(r.state is state and r.estimate for r in rows)}
    mark = f" ({i18n.t('w.estimate', lang)})"
    lines = [
        " · ".join(
            f"{i18n.t('onb.' + s.value, lang)}: {i18n.number(n, lang)}{mark if s in assumed else ''}"
            for s, n in counts.items()
            if n
        )
    ]
    title = f"{gantt.programme_label(prog)}: {i18n.t('page.municipalities', lang).lower()}"
    slide = Slide(
        title=title,
        lines=lines,
        draw=lambda: geo.onboarding_map(plan, prog, "wave", lang, style, day, boundaries=boundaries),
        key=f"map-{prog.id}",
    )
    if boundaries is not None:  # the municipalities as the deck's own shapes; without boundaries, a picture
        shown = boundaries
        categories = functools.cache(lambda: geo.wave_categories(plan, prog, day, lang))
        slide.native = lambda shapes, box: deck_native.onboarding_map(shapes, categories(), lang, box, shown)
        slide.words = lambda: chart_text.described(title, chart_rows.onboarding(categories(), lang), lang)
    return slide


def _target(prog: model.Programme, tp: progress.TargetProgress, lang: str, day: dt.date, style: theme.Style) -> Slide:
    unit = tp.metric.unit_in(lang) if tp.metric else ""
    name = tp.metric.name if tp.metric else tp.target.metric
    lines = [
        i18n.t(
            "tg.progress",
            lang,
            value=i18n.number(tp.value, lang),
            target=i18n.number(tp.target.target, lang),
            unit=unit,
        )
        + f" ({i18n.percent(tp.share, lang)}) · "
        + i18n.t("tg.period_gone", lang, share=i18n.percent(tp.period_gone, lang))
        + readiness_text.estimate_mark(tp.period_estimated, lang)  # from an assumed start or due date
    ]
    if tp.needed is not None:
        lines.append(
            i18n.t(
                "tg.needed",
                lang,
                need=i18n.number(tp.needed, lang, 1),
                pace=status_text.pace(tp.pace_basis, lang),
            )
        )
    title = f"{gantt.programme_label(prog)}: {name}"
    return Slide(
        title=title,
        lines=lines,
        draw=lambda: targets.burnup(tp, lang, style, day, theme.programme_colour(prog)),
        key=f"target-{prog.id}-{tp.target.id}",
        native=lambda shapes, box: deck_native.burnup(shapes, tp, lang, box, theme.programme_colour(prog)),
        words=lambda: chart_text.described(title, chart_rows.burnup(tp, lang), lang),
    )


# ------------------------------------------------------------------ PPTX


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


# ------------------------------------------------------------------ HTML


def _html_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """A table with its header cells marked as such (th scope=col)."""
    head = "".join(f"<th scope='col'>{html.escape(str(c))}</th>" for c in rows[0])
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in r.values()) + "</tr>" for r in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def to_html(plan: Plan, deck: Sequence[Slide], lang: str, as_of: dt.date) -> str:
    """One self-contained HTML file: plotly.js inlined once (compressed, see :func:`_plotly_loader`), nothing fetched."""
    parts = []
    for s in deck:
        body = ""
        if s.figure is not None:
            words = chart_text.alternative(s.figure, lang)
            data = (
                f"<details><summary>{html.escape(i18n.t('ct.data', lang, name=words.name))}</summary>"
                f"{_html_table(words.rows)}</details>"
                if words.rows
                else ""
            )
            chart = _chart(geo.as_drawing(s.figure), f"fig-{s.key}")
            body = f"<figure><figcaption>{html.escape(words.description)}</figcaption>{chart}{data}</figure>"
        elif s.table:
            body = _html_table(s.table)
        lines = "".join(f"<li>{html.escape(line)}</li>" for line in s.lines)
        parts.append(
            f"<section id='{html.escape(s.key)}'><h2>{html.escape(s.title)}</h2><ul>{lines}</ul>{body}</section>"
        )
    title = html.escape(plan.portfolio.title)
    status_text = html.escape(i18n.t("w.status_header", lang, date=i18n.day(as_of, lang)))
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
        "<style>body{font-family:'DejaVu Sans',Arial,sans-serif;margin:2rem;color:#1a1a1a}"
        "section{page-break-after:always;margin-bottom:3rem}h1{font-size:2rem}h2{font-size:1.6rem}"
        "li{font-size:1.1rem}table{border-collapse:collapse;font-size:1.1rem}"
        "td,th{border:1px solid #999;padding:.4rem .8rem;text-align:left}footer{color:#555}"
        "figure{margin:0}figcaption{font-size:1rem;margin:.5rem 0;color:#333}summary{cursor:pointer;margin:.5rem 0}</style>"
        f"{_plotly_loader()}</head><body>"
        f"<h1>{title}</h1><p><strong>{status_text}</strong></p>{''.join(parts)}"
        f"<footer>{html.escape(footer(plan, lang, as_of))}</footer></body></html>"
    )


PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": ""}
# a figure's JSON inside a script element: no "</script>", "<!--" or "&" the HTML parser would read
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _chart(fig: go.Figure, div_id: str) -> str:
    """A figure's box, and the script that draws it in it once plotly.js is ready."""
    spec = fig.to_json(validate=False).translate(_SCRIPT_SAFE)
    height = int(fig.layout.height) if fig.layout.height else 500
    config = json.dumps(PLOTLY_CONFIG)
    return (
        f'<div id="{div_id}" class="plotly-graph-div" style="height:{height}px; width:100%;"></div>'
        f'<script type="text/javascript">window.plotlyReady.then(() => {{ const f = {spec}; '
        f'Plotly.newPlot("{div_id}", f.data, f.layout, {config}); }});</script>'
    )


@functools.cache
def _plotly_loader() -> str:
    """plotly.js, gzip-compressed in the file, unpacked by the browser itself (DecompressionStream) when opened.

    plotly.js is 4.8 MB as text and 2.0 MB compressed and base64-encoded: the pack stays small enough to
    mail. ``window.plotlyReady`` resolves once it has run; each chart's script waits for it.
    """
    from plotly.offline import get_plotlyjs

    packed = base64.b64encode(gzip.compress(get_plotlyjs().encode("utf-8"), 9, mtime=0)).decode("ascii")
    return (
        f"<script id='plotlyjs-gzip' type='application/gzip;base64'>{packed}</script>"
        "<script type='text/javascript'>window.plotlyReady = (async () => {"
        "const packed = document.getElementById('plotlyjs-gzip').textContent;"
        "const bytes = Uint8Array.from(atob(packed), c => c.charCodeAt(0));"
        "const code = await new Response(new Blob([bytes]).stream()"
        ".pipeThrough(new DecompressionStream('gzip'))).text();"
        "const script = document.createElement('script'); script.textContent = code;"
        "document.head.appendChild(script);"
        "})();</script>"
    )


# ------------------------------------------------------------------ XLSX


def to_xlsx(plan: Plan, lang: str, as_of: dt.date) -> bytes:
    """The tables as a formatted workbook in the reader's language (see :mod:`workbook`)."""
    return workbook.to_xlsx(plan, lang, as_of)


FORMATS = ("pptx", "html", "xlsx")


def build(
    plan: Plan,
    fmt: str,
    lang: str = i18n.DEFAULT_LANG,
    as_of: dt.date | None = None,
    boundaries: dict[str, Any] | None = None,
    since: tuple[str, Plan] | None = None,
) -> bytes:
    """The meeting pack in one format, as bytes (``since``: a baseline's name and plan, for a changes slide)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown meeting-pack format {fmt!r}; one of {', '.join(FORMATS)}")
    day = as_of or plan.status_date
    if fmt == "xlsx":  # the same plan as of the same day: the same bytes (reproducible.stamped)
        return reproducible.stamped(to_xlsx(plan, lang, day), day)
    if boundaries is None and plan.reference.boundaries_path is not None:
        boundaries = plan.reference.boundaries()
    deck = slides(plan, lang, day, boundaries, since=since)
    if fmt == "pptx":
        return reproducible.stamped(to_pptx(plan, deck, lang, day), day)
    return to_html(plan, deck, lang, day).encode("utf-8")
