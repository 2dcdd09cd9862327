"""One colour per programme: the same on every page and slide, kept when others come and go, never a status colour."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.analysis import progress, status
from planner.plan import loader
from planner.presentation import i18n, pack_slides
from planner.presentation.charts import gantt, targets, theme

DATA = Path(__file__).resolve().parent.parent / "data"
STATUS_COLOURS = {
    *theme.RAG_COLOUR.values(),
    *theme.READINESS_COLOUR.values(),
    *theme.ONBOARDING_COLOUR.values(),
}


@pytest.fixture(scope="module")
def plan() -> loader.Plan:
    return loader.load(str(DATA))


def _bar_colours(fig) -> dict[str, set[str]]:
    """Legend name -> the outline colours of its bars (an estimate's fill is lighter, its outline the same)."""
    found: dict[str, set[str]] = {}
    for trace in fig.data:
        if trace.type == "bar" and trace.orientation == "h" and trace.legendgroup:
            found.setdefault(trace.legendgroup, set()).add(trace.marker.line.color)
    return found


def _overview(programmes, plan):
    statuses = {p.id: status.programme_status(p, plan.vendors, plan.status_date) for p in programmes}
    return _bar_colours(gantt.portfolio_gantt(programmes, statuses, plan.status_date, "da"))


def test_each_programme_has_one_colour_on_the_overview_its_page_and_its_targets(plan: loader.Plan) -> None:
    overview = _overview(plan.programmes, plan)
    for prog in plan.programmes:
        colour = theme.programme_colour(prog)
        label = gantt.programme_label(prog)
        if label in overview:
            assert overview[label] == {colour}, prog.id
        own = _bar_colours(gantt.programme_gantt(prog, prog.plan_of_record, plan.status_date, "da"))
        assert set().union(*own.values()) <= {colour}, prog.id
        for tp in progress.progress(prog, plan.status_date):
            fig = targets.burnup(tp, "da", status_date=plan.status_date, colour=colour)
            observed = next(t for t in fig.data if t.name == i18n.t("tg.observed", "da"))
            assert observed.line.color == colour, prog.id


def test_the_slides_draw_each_programme_in_its_colour(plan: loader.Plan) -> None:
    deck = pack_slides.slides(plan, "da")
    colours = {gantt.programme_label(p): theme.programme_colour(p) for p in plan.programmes}
    checked = 0
    for slide in deck:
        if slide.figure is None:
            continue
        for legend, found in _bar_colours(slide.figure).items():
            if legend in colours:
                assert found == {colours[legend]}, (slide.title, legend)
                checked += 1
    assert checked >= len([p for p in plan.programmes if any(w.phases for s in p.scenarios for w in s.waves)])


def test_a_programme_keeps_its_colour_when_another_is_removed(plan: loader.Plan) -> None:
    everyone = _overview(plan.programmes, plan)
    for gone in plan.programmes:
        rest = [p for p in plan.programmes if p is not gone]
        without = _overview(rest, plan)
        assert {k: v for k, v in everyone.items() if k in without} == without, gone.id


def test_a_programme_without_a_chosen_colour_gets_one_from_its_id_alone(plan: loader.Plan) -> None:
    prog = plan.programmes[0].model_copy(update={"colour": None})
    renamed = prog.model_copy(update={"name": "Et andet navn", "short_name": None})
    assert theme.programme_colour(prog) == theme.programme_colour(renamed)
    assert theme.programme_colour(prog) in theme.PROGRAMME_COLOUR.values()


def test_programme_colours_are_distinct_and_never_a_status_colour(plan: loader.Plan) -> None:
    shipped = [theme.programme_colour(p) for p in plan.programmes]
    assert len(set(shipped)) == len(shipped)
    assert not set(theme.PROGRAMME_COLOUR.values()) & STATUS_COLOURS
    assert not set(theme.WAVE_COLOURS) & (STATUS_COLOURS | set(theme.PROGRAMME_COLOUR.values()))


def test_an_unknown_colour_name_is_a_located_error_with_the_names_to_use(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("changelog.jsonl"))
    path = tmp_path / "data" / "programmes" / "fhir-km.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("colour: indigo", "colour: indgo"), encoding="utf-8")
    found = [p for p in loader.load(str(tmp_path / "data")).problems if p.field == "colour"]
    assert len(found) == 1 and found[0].line > 1
    assert "indigo" in found[0].message


def test_an_estimated_bar_is_a_light_fill_in_its_colour_with_a_full_outline(plan: loader.Plan) -> None:
    assert theme.tint("#332288") == "#B8B2D5"  # 65 % of the way to white
    prog = next(p for p in plan.programmes if any(ph.estimate for w in p.plan_of_record.waves for ph in w.phases))
    colour = theme.programme_colour(prog)
    fig = gantt.programme_gantt(prog, prog.plan_of_record, plan.status_date, "da")
    estimated = [t for t in fig.data if t.type == "bar" and t.meta and t.meta.get("estimate")]
    assert estimated
    for trace in estimated:
        assert (trace.marker.color, trace.marker.line.color) == (theme.tint(colour), colour)
        assert trace.marker.opacity in (None, 1)


def test_every_mark_line_and_hatch_stands_3_to_1_and_every_coloured_symbol_4_5_to_1(plan: loader.Plan) -> None:
    """WCAG 1.4.11 and 1.4.3 over the chart colour system, and in the charts drawn from it."""
    white = "#FFFFFF"
    for colour in theme.PROGRAMME_COLOUR.values():  # a bar's outline, a burn-up's line
        assert theme.contrast(colour, white) >= theme.MARK_CONTRAST, colour
        assert theme.contrast(theme.hatch(colour), theme.tint(colour)) >= theme.MARK_CONTRAST, colour
    for colour in (theme.STATUS_LINE, targets.TARGET_COLOUR, targets.NEEDED_COLOUR, targets.DUE_COLOUR):
        assert theme.contrast(colour, white) >= theme.MARK_CONTRAST, colour
    for colour in theme.RAG_COLOUR.values():
        assert theme.contrast(theme.text_colour(colour), white) >= theme.TEXT_CONTRAST, colour
    statuses = {p.id: status.programme_status(p, plan.vendors, plan.status_date) for p in plan.programmes}
    overview = gantt.portfolio_gantt(plan.programmes, statuses, plan.status_date, "da")
    for trace in overview.data:
        if trace.type == "bar":
            assert theme.contrast(trace.marker.line.color, white) >= theme.MARK_CONTRAST, trace.name
            if trace.marker.pattern.shape:
                assert theme.contrast(trace.marker.pattern.fgcolor, trace.marker.color) >= theme.MARK_CONTRAST
    coloured = [re.search(r"color:(#[0-9A-Fa-f]{6})", label) for label in overview.layout.yaxis.ticktext]
    assert any(coloured)
    assert all(theme.contrast(m.group(1), white) >= theme.TEXT_CONTRAST for m in coloured if m)
