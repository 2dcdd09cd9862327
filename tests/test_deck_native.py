"""The deck's charts as PowerPoint's own objects (planner/presentation/deck_native.py), read back with python-pptx.

Every chart slide of the shipped plan holds its chart as shapes, a table or a native chart, never a picture,
so no browser is needed to build the deck; the texts are the plan's (row labels, phase names, go-live dates,
vendor states, municipality names, measured values); and a label edited in the file changes only that label.
"""

from __future__ import annotations

import io
from typing import Any

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from planner.analysis import progress, schedule, status
from planner.plan import loader, model
from planner.presentation import i18n, pack_pptx, pack_slides, report
from planner.presentation.charts import gantt, gantt_rows, theme
from planner.presentation.charts import vendors as vendor_charts


@pytest.fixture(scope="module")
def plan() -> loader.Plan:
    return loader.load("data")


@pytest.fixture(scope="module")
def deck(plan: loader.Plan) -> Any:
    def no_browser(figures: Any, _folder: Any) -> Any:
        assert not figures, "a picture was rendered: the deck needs no browser"
        return []

    saved, pack_pptx.render_images = pack_pptx.render_images, no_browser  # type: ignore[assignment]
    try:
        raw = report.build(plan, "pptx", "da", plan.status_date, plan.reference.boundaries())
    finally:
        pack_pptx.render_images = saved
    return Presentation(io.BytesIO(raw))


def _slide(deck: Any, title: str) -> Any:
    return next(s for s in deck.slides if s.shapes.title is not None and s.shapes.title.text == title)


def _chart(slide: Any) -> Any:
    """The slide's chart: the shape between its lines and its footer that has alternative text."""
    found = [s for s in slide.shapes if s._element.xpath("./*[1]/p:cNvPr/@descr")]
    assert len(found) == 1, [s.name for s in slide.shapes]
    return found[0]


def _texts(shape: Any) -> list[str]:
    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        return [t for s in shape.shapes for t in _texts(s)]
    return [shape.text_frame.text] if shape.has_text_frame and shape.text_frame.text else []


def test_no_chart_slide_holds_a_picture(deck: Any) -> None:
    pictures = [
        (s.shapes.title.text, p.name) for s in deck.slides for p in s.shapes if p.shape_type == MSO_SHAPE_TYPE.PICTURE
    ]
    assert pictures == []
    described = [s for s in deck.slides if any(x._element.xpath("./*[1]/p:cNvPr/@descr") for x in s.shapes)]
    assert len(described) >= 12  # overview, 8 programme Gantts, vendors, a map, two burn-ups


def test_the_overview_gantt_has_the_plans_rows_go_lives_and_status_date(plan: loader.Plan, deck: Any) -> None:
    chart = _chart(_slide(deck, i18n.t("page.overview", "da")))
    assert chart.shape_type == MSO_SHAPE_TYPE.GROUP
    texts = _texts(chart)
    statuses = {p.id: status.programme_status(p, plan.vendors, plan.status_date) for p in plan.programmes}
    layout, _ = gantt.portfolio_layout(plan.programmes, statuses, "da", plan.status_date)
    for label in layout.rows:
        assert label in texts, label  # each row as written in the app
    assert "1. jan. 2023" in texts  # FK-ORG/SOR's go-live beside its diamond
    assert i18n.t("w.status_line", "da", date="3. nov. 2022") in texts


def test_a_programme_gantt_has_a_shape_for_every_phase_and_milestone(plan: loader.Plan, deck: Any) -> None:
    prog = plan.programme("fk-org-sor")
    assert prog is not None
    chart = _chart(_slide(deck, prog.name))
    names = [s.name for s in chart.shapes]
    scenario = prog.plan_of_record
    for wave in scenario.waves:
        for phase in wave.phases:
            assert phase.name in names, phase.name
    layout = gantt.programme_layout(prog, scenario, "da")
    diamonds = [
        s for s in chart.shapes if s.shape_type == MSO_SHAPE_TYPE.AUTO_SHAPE and "DIAMOND" in str(s.auto_shape_type)
    ]
    assert len(diamonds) == len(gantt_rows.merged(layout.marks))


def test_the_readiness_matrix_is_a_table_of_the_vendors_states(plan: loader.Plan, deck: Any) -> None:
    table = _chart(_slide(deck, i18n.t("page.vendors", "da")))
    assert table.has_table
    header, rows = vendor_charts.matrix_table(plan, "da")
    cells = table.table
    assert [cells.cell(0, c).text for c in range(1, len(header) + 1)] == header
    for r, (label, found) in enumerate(rows, start=1):
        assert cells.cell(r, 0).text == label
        assert [cells.cell(r, c).text for c in range(1, len(header) + 1)] == [f[0] if f else "" for f in found]


def test_a_burn_up_is_a_native_chart_of_the_measured_values(plan: loader.Plan, deck: Any) -> None:
    prog = plan.programme("kontaktlaege")
    assert prog is not None
    for tp in progress.progress(prog, plan.status_date):
        name = tp.metric.name if tp.metric else tp.target.metric
        frame = next(s for s in _chart(_slide(deck, f"{gantt.programme_label(prog)}: {name}")).shapes if s.has_chart)
        goal, measured = frame.chart.plots[0].series
        assert list(measured.values) == [p.value for p in tp.points]
        assert list(goal.values) == [0, tp.target.target]


def test_the_map_is_a_shape_per_municipality_in_its_waves_colour(plan: loader.Plan, deck: Any) -> None:
    chart = _chart(_slide(deck, f"FK-ORG/SOR: {i18n.t('page.municipalities', 'da').lower()}"))
    areas = {s.name: s for s in chart.shapes if s.shape_type == MSO_SHAPE_TYPE.FREEFORM}
    assert len(areas) == 98 and set(areas) == {m.name for m in plan.reference.municipalities}
    pilots = {str(s.fill.fore_color.rgb) for name, s in areas.items() if name in ("Aalborg", "Næstved")}
    assert pilots == {theme.wave_colour(0).lstrip("#").upper()}


def test_a_label_edited_in_the_file_changes_only_that_label(deck: Any) -> None:
    slide = _slide(deck, i18n.t("page.overview", "da"))
    chart = _chart(slide)
    label = next(s for s in chart.shapes if s.has_text_frame and s.text_frame.text == "1. jan. 2023")
    before = _texts(chart)
    label.text_frame.paragraphs[0].runs[0].text = "15. jan. 2023"
    out = io.BytesIO()
    deck.save(out)
    again = _chart(_slide(Presentation(io.BytesIO(out.getvalue())), i18n.t("page.overview", "da")))
    after = _texts(again)
    assert [a for a, b in zip(after, before, strict=True) if a != b] == ["15. jan. 2023"]


def test_each_charts_alternative_text_says_the_plans_data_without_building_a_figure(
    plan: loader.Plan, deck: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deck's words come from what its shapes are drawn from (chart_rows): no plotly figure is built."""
    from planner.presentation import chart_rows

    monkeypatch.setattr(pack_slides.Slide, "figure", property(lambda self: pytest.fail(f"figure built for {self.key}")))
    described = {s.key: s.words() for s in pack_slides.slides(plan, "da", None, plan.reference.boundaries()) if s.words}
    assert described and all(
        s.native for s in pack_slides.slides(plan, "da", None, plan.reference.boundaries()) if s.words
    )
    header, rows = vendor_charts.matrix_table(plan, "da")
    matrix = described["vendors"]
    assert matrix.rows == chart_rows.matrix(header, rows, "da")
    assert {v for v, cells in rows for c in cells if c} <= {r["Række"] for r in matrix.rows}  # every vendor said
    assert rows[0][0] in matrix.description  # the first vendor is read out, with its state
    onboarding = next(w for k, w in described.items() if k.startswith("map-"))
    assert len(onboarding.rows) == 98 and "98 punkter" in onboarding.description
    assert "København" in {r["Række"] for r in onboarding.rows}
    burnups = [w for k, w in described.items() if k.startswith("target-")]
    tp = next(tp for p in plan.programmes for tp in progress.progress(p, plan.status_date))
    assert any(i18n.number(tp.value, "da") in {r["Indhold"] for r in w.rows} for w in burnups)  # the latest value
    texts = [x._element.xpath("./*[1]/p:cNvPr/@descr") for s in deck.slides for x in s.shapes]
    assert described["overview"].description in [t[0] for t in texts if t]  # the deck carries exactly these words


def test_at_national_scale_the_matrix_takes_as_many_slides_as_its_columns_need_and_keeps_the_least_ready(
    tmp_path: Any,
) -> None:
    """60 vendors by 150 programme waves is no table for one slide: each slide holds at most a readable part."""
    from planner.presentation import pack_slides
    from tools import synthetic

    synthetic.generate(tmp_path, 1)
    plan = loader.load(str(tmp_path))
    shown = [s for s in pack_slides.slides(plan, "da") if s.key.startswith("vendors")]
    assert len(shown) > 1 and len({s.title for s in shown}) == len(shown)
    assert shown[0].title.startswith(i18n.t("page.vendors", "da") + ": ")
    late = {
        f.vendor.display_name
        for p in plan.programmes
        for f in schedule.fits_for(p, plan.vendors)
        if f.state is model.ReadinessState.LATE
    }
    seen: set[str] = set()
    for s in shown:
        assert s.words is not None
        words = s.words()
        rows = {r["Række"] for r in words.rows}
        assert len(rows) <= pack_slides.DECK_MATRIX_ROWS
        assert len({r["Serie"] for r in words.rows}) <= max(pack_slides.DECK_MATRIX_COLUMNS, 6)  # one programme's waves
        seen |= {name.split(" · ")[0] for name in rows}
        if any("leverandører mere" in line for line in s.lines):
            assert len(rows) == pack_slides.DECK_MATRIX_ROWS - 1  # full, and the rest counted
    assert late and late & seen  # the late ones are shown first
