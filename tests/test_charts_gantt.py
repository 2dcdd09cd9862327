"""The Gantt builders, asserted on their figure data."""

from __future__ import annotations

import datetime as dt

import pytest

from planner.analysis import status, whatif
from planner.plan import loader
from planner.presentation.charts import gantt, theme
from planner.presentation.charts.gantt_parts import DAY_MS


@pytest.fixture(scope="module")
def plan() -> loader.Plan:
    return loader.load("data")


def bars(fig) -> list:
    return [
        t
        for t in fig.data
        if t.type == "bar" and not (t.meta or {}).get("critical") and not (t.meta or {}).get("baseline")
    ]


def test_status_line_is_at_the_status_date_and_labelled(plan: loader.Plan) -> None:
    fig = gantt.portfolio_gantt(plan.programmes, {}, plan.status_date, "da")
    (line,) = [s for s in fig.layout.shapes if s.name == "status-date"]
    assert line.x0 == line.x1 == "2022-11-03"
    (label,) = [a for a in fig.layout.annotations if a.name == "status-date"]
    assert "Status 3. nov. 2022" in label.text


def test_portfolio_has_one_row_per_wave_of_each_plan_of_record(plan: loader.Plan) -> None:
    statuses = {p.id: status.programme_status(p, plan.vendors, plan.status_date) for p in plan.programmes}
    fig = gantt.portfolio_gantt(plan.programmes, statuses, plan.status_date, "da")
    rows = list(fig.layout.yaxis.ticktext)
    # the meeting came before the decision: the plan drawn is a proposal, and says so
    assert any("FHIR-KM (forslag) · 1. bølge" in r for r in rows) and any(
        "FHIR-KM (forslag) · 2. bølge" in r for r in rows
    )
    assert sum("FUT 2.0 Telma" in r for r in rows) == 6
    assert not any("eCPR" in r for r in rows)  # no dates in the source: no row pretending otherwise
    assert any("<b>○</b></span> FHIR-KM" in r for r in rows)  # no status given: a symbol, not colour alone
    assert any("<b>●</b></span> KontaktLæge" in r for r in rows)


def points(fig) -> list[tuple]:
    """(legend, estimate, label, base, length, hover) for every bar drawn."""
    return [
        (t.name, t.meta["estimate"], label, base, x, hover)
        for t in bars(fig)
        for label, base, x, hover in zip(t.text, t.base, t.x, t.hovertext, strict=True)
    ]


def test_programme_bars_per_wave_with_quarters_resolved(plan: loader.Plan) -> None:
    prog = plan.programme("fhir-km")
    assert prog is not None
    fig = gantt.programme_gantt(prog, prog.plan_of_record, plan.status_date, "da")
    labels = dict(zip(fig.layout.yaxis.tickvals, fig.layout.yaxis.ticktext, strict=True))
    by_wave: dict[str, list] = {}
    for t in bars(fig):  # one colour, the programme's; each row names its wave
        for row, label, base, x in zip(t.meta["rows"], t.text, t.base, t.x, strict=True):
            by_wave.setdefault(labels[row].split(" · ")[0], []).append((t.name, t.meta["estimate"], label, base, x))
    assert {t.name for t in bars(fig)} == {"FHIR-KM"}
    assert sorted(by_wave) == ["1. bølge", "2. bølge"]
    assert len(by_wave["1. bølge"]) == 3 and len(by_wave["2. bølge"]) == 3
    dev = next(p for p in by_wave["1. bølge"] if p[2] == "Udvikling")
    assert dev[3] == "2023-01-01"
    assert dev[4] == ((dt.date(2024, 3, 31) - dt.date(2023, 1, 1)).days + 1) * DAY_MS


def test_estimates_are_styled_apart(plan: loader.Plan) -> None:
    prog = plan.programme("fhir-km")
    assert prog is not None
    fig = gantt.programme_gantt(prog, prog.plan_of_record, plan.status_date, "da")
    estimated = [t for t in bars(fig) if t.meta["estimate"]]
    firm = [t for t in bars(fig) if not t.meta["estimate"]]
    assert estimated and firm
    assert sorted(p[2] for p in points(fig) if p[1]) == ["Klargøring og udrulning"] * 2
    for t in estimated:
        assert t.marker.color == theme.tint(t.marker.line.color) and t.marker.pattern.shape == theme.ESTIMATE_PATTERN
        assert all("(anslået)" in h for h in t.hovertext)
    for t in firm:
        assert t.marker.color == t.marker.line.color and not t.marker.pattern.shape
        assert not any("(anslået)" in h for h in t.hovertext)
    assert any("anslået" in a.text for a in fig.layout.annotations)


def test_go_lives_are_large_diamonds_with_their_date(plan: loader.Plan) -> None:
    prog = plan.programme("fhir-km")
    assert prog is not None
    fig = gantt.programme_gantt(prog, prog.plan_of_record, plan.status_date, "da")
    (lives,) = [t for t in fig.data if t.type == "scatter" and t.name == "Idriftsættelse"]
    assert list(lives.x) == ["2024-09-01", "2025-12-01"]
    assert list(lives.text) == ["1. sep. 2024", "1. dec. 2025"]
    assert lives.marker.size == 24


def test_dependencies_and_conversion_window(plan: loader.Plan) -> None:
    prog = plan.programme("fhir-km")
    assert prog is not None
    fig = gantt.programme_gantt(prog, prog.plan_of_record, plan.status_date, "da")
    arrows = [a for a in fig.layout.annotations if a.name == "dependency"]
    assert len(arrows) == 2  # test -> rollout in each wave (the source does not make wave 2 wait for wave 1)
    (window,) = [s for s in fig.layout.shapes if s.name == "conversion-window"]
    assert (window.x0, window.x1) == ("2024-09-01", "2025-12-01")


def test_quarter_ticks(plan: loader.Plan) -> None:
    fig = gantt.portfolio_gantt(
        plan.programmes, {}, plan.status_date, "da", window=(dt.date(2022, 1, 1), dt.date(2025, 12, 31))
    )
    assert list(fig.layout.xaxis.ticktext)[:5] == ["Q1", "Q2", "Q3", "Q4", "Q1"]  # short: never turned on its side
    assert fig.layout.xaxis.tickangle == 0
    years = [a for a in fig.layout.annotations if a.name == "year"]
    assert [(a.text, a.x) for a in years] == [(f"<b>{y}</b>", f"{y}-07-01") for y in range(2022, 2026)]


def test_critical_path_outlined(plan: loader.Plan) -> None:
    prog = plan.programme("fhir-km")
    assert prog is not None
    scenario = prog.plan_of_record
    hl = gantt.Highlights(critical=frozenset(whatif.critical_path(scenario)))
    fig = gantt.programme_gantt(prog, scenario, plan.status_date, "da", highlights=hl)
    (outline,) = [t for t in fig.data if t.type == "bar" and (t.meta or {}).get("critical")]
    assert list(outline.base) == ["2024-10-01", "2025-10-01"]  # wave 2 test and rollout


def test_projector_style_raises_every_font(plan: loader.Plan) -> None:
    fig = gantt.portfolio_gantt(plan.programmes, {}, plan.status_date, "da", theme.PROJECTOR)
    assert min(theme.font_sizes(fig)) >= theme.PROJECTOR_MIN_FONT
