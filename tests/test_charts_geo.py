"""The onboarding map and region counts on the shipped FK-ORG/SOR data."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go
import pytest

from planner.analysis import onboarding
from planner.plan import loader, model, reference
from planner.presentation.charts import geo, theme

PILOTS = {"København", "Aalborg", "Faxe", "Næstved"}


@pytest.fixture(scope="module")
def plan() -> loader.Plan:
    return loader.load("data")


@pytest.fixture(scope="module")
def programme(plan: loader.Plan) -> model.Programme:
    found = plan.programme("fk-org-sor")
    assert found is not None
    return found


@pytest.fixture(scope="module")
def boundaries(plan: loader.Plan) -> dict[str, Any]:
    return plan.reference.boundaries()


@pytest.fixture(scope="module")
def rows(plan: loader.Plan, programme: model.Programme) -> list[onboarding.Row]:
    assert programme.onboarding is not None
    return onboarding.rows(programme.onboarding, plan.reference, plan.status_date)


def _codes(plan: loader.Plan, names: set[str]) -> set[str]:
    return {m.code for m in plan.reference.municipalities if m.name in names}


def _map(
    plan: loader.Plan,
    programme: model.Programme,
    boundaries: dict[str, Any],
    colour_by: str,
    lang: str = "da",
    style: theme.Style = theme.SCREEN,
) -> go.Figure:
    return geo.onboarding_map(plan, programme, colour_by, lang, style, plan.status_date, boundaries)


@pytest.mark.parametrize("colour_by", ["wave", "state"])
def test_every_municipality_exactly_once(
    plan: loader.Plan, programme: model.Programme, boundaries: dict[str, Any], colour_by: str
) -> None:
    fig = _map(plan, programme, boundaries, colour_by)
    codes = [code for trace in fig.data for code in trace.locations]
    assert len(codes) == 98
    assert set(codes) == {m.code for m in plan.reference.municipalities}
    assert all(trace.type == "choroplethmap" for trace in fig.data)
    assert fig.layout.map.style == "white-bg"
    for trace in fig.data:
        drawn = {f["id"] for f in trace.geojson["features"]}
        assert drawn == set(trace.locations)  # each trace carries only its own outlines
        assert trace.showscale is False


def test_pilot_wave_and_unassigned(plan: loader.Plan, programme: model.Programme, boundaries: dict[str, Any]) -> None:
    fig = _map(plan, programme, boundaries, "wave")
    assert [t.name for t in fig.data] == ["Pilotkommuner (4)", "Ikke placeret (94)"]
    pilot, rest = fig.data
    assert set(pilot.locations) == _codes(plan, PILOTS)
    assert len(rest.locations) == 94
    assert rest.colorscale[0][1] == theme.LIGHT_GREY


def test_state_colours(plan: loader.Plan, programme: model.Programme, boundaries: dict[str, Any]) -> None:
    fig = _map(plan, programme, boundaries, "state", "en")
    assert [t.name for t in fig.data] == ["Onboarding (4)", "Unassigned (94)"]
    assert set(fig.data[0].locations) == _codes(plan, PILOTS)


def test_hover_names_region_wave_and_state(
    plan: loader.Plan, programme: model.Programme, boundaries: dict[str, Any]
) -> None:
    pilot = _map(plan, programme, boundaries, "wave").data[0]
    row = list(pilot.customdata[list(pilot.locations).index("101")])
    assert row == ["København", "Hovedstaden", "Pilotkommuner", "I gang (nov. 2022) (anslået)"]
    for label in ("Region", "Bølge", "Status"):
        assert label in pilot.hovertemplate


@pytest.mark.parametrize(("lang", "attribution"), [("da", reference.ATTRIBUTION), ("en", reference.ATTRIBUTION_EN)])
def test_attribution_is_shown(
    plan: loader.Plan, programme: model.Programme, boundaries: dict[str, Any], lang: str, attribution: str
) -> None:
    fig = _map(plan, programme, boundaries, "wave", lang)
    assert attribution in [a.text for a in fig.layout.annotations]


def test_map_loads_boundaries_itself_and_takes_an_id(plan: loader.Plan) -> None:
    fig = geo.onboarding_map(plan, "fk-org-sor", "wave", "da")
    assert sum(len(t.locations) for t in fig.data) == 98


def test_programme_without_onboarding_is_all_unassigned(plan: loader.Plan, boundaries: dict[str, Any]) -> None:
    fig = geo.onboarding_map(plan, "fhir-km", "state", "da", boundaries=boundaries)
    assert [t.name for t in fig.data] == ["Ikke placeret (98)"]


def test_bad_colour_by(plan: loader.Plan, programme: model.Programme) -> None:
    with pytest.raises(ValueError, match="colour_by must be one of wave, state"):
        geo.onboarding_map(plan, programme, "region", "da")


def test_counts_per_wave_with_the_plan(rows: list[onboarding.Row], programme: model.Programme) -> None:
    assert programme.onboarding is not None
    table = geo.counts_per_wave(rows, programme.onboarding, "da")
    assert [(r["Bølge"], r["Planlagt størrelse"], r["I alt"]) for r in table] == [
        ("Pilotkommuner", "4", 4),
        ("Lille bølge", "ca. 10", 0),
        ("Bølge 2", "25-30", 0),
        ("Bølge 3", "25-30", 0),
        ("Bølge 4", "25-30", 0),
        ("Ikke placeret", "–", 94),
    ]
    assert table[0]["I gang"] == 4
    assert geo.counts_per_wave(rows, programme.onboarding.waves, "da") == table


def test_counts_per_wave_from_rows_alone(rows: list[onboarding.Row]) -> None:
    table = geo.counts_per_wave(rows, None, "en")
    assert table == [
        {"Wave": "Pilotkommuner", "Live": 0, "Onboarding": 4, "Planned": 0, "Unassigned": 0, "Total": 4},
        {"Wave": "Unassigned", "Live": 0, "Onboarding": 0, "Planned": 0, "Unassigned": 94, "Total": 94},
    ]


def test_region_bars(rows: list[onboarding.Row]) -> None:
    fig = geo.region_bars(rows, "da", theme.SCREEN)
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["I gang", "Ikke placeret"]
    assert list(fig.data[0].y) == ["Nordjylland", "Midtjylland", "Syddanmark", "Hovedstaden", "Sjælland"]
    assert list(fig.data[0].text) == ["1", "", "", "1", "2"]
    assert [a.text for a in fig.layout.annotations] == ["I alt 11", "I alt 19", "I alt 22", "I alt 29", "I alt 17"]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_projector_fonts(
    plan: loader.Plan, programme: model.Programme, boundaries: dict[str, Any], rows: list[onboarding.Row], lang: str
) -> None:
    figures = [_map(plan, programme, boundaries, by, lang, theme.PROJECTOR) for by in ("wave", "state")]
    figures.append(geo.region_bars(rows, lang, theme.PROJECTOR))
    for fig in figures:
        assert fig.layout.font.size >= theme.PROJECTOR_MIN_FONT
        assert min(theme.font_sizes(fig)) >= theme.PROJECTOR_MIN_FONT


def test_an_inset_shows_the_capital_area_enlarged_with_the_same_colours(plan: loader.Plan) -> None:
    prog = next(p for p in plan.programmes if p.onboarding)
    whole = geo.onboarding_map(plan, prog, "wave", "da")
    inset = geo.onboarding_map(plan, prog, "wave", "da", inset=True)
    assert inset.layout.map.zoom > whole.layout.map.zoom + 2
    capital = [m for m in plan.reference.municipalities if m.region == "Hovedstaden"]
    lats = [55.6, 56.1]  # Copenhagen to Helsingør: the inset's centre lies among them
    assert lats[0] <= inset.layout.map.center.lat <= lats[1] and 12.0 <= inset.layout.map.center.lon <= 12.7
    assert len(capital) == 29
    assert [(t.name, list(t.locations)) for t in inset.data] == [(t.name, list(t.locations)) for t in whole.data]
    assert inset.layout.showlegend is False and inset.layout.height < whole.layout.height
