"""Burn-up and region breakdown on the shipped KontaktLæge data."""

from __future__ import annotations

import datetime as dt

import plotly.graph_objects as go
import pytest

from planner.analysis import progress
from planner.plan import loader, model
from planner.presentation.charts import region_breakdown, targets, theme

STATUS = dt.date(2022, 11, 3)


@pytest.fixture(scope="module")
def programme() -> model.Programme:
    found = loader.load("data").programme("kontaktlaege")
    assert found is not None
    return found


def _progress(programme: model.Programme, target_id: str) -> progress.TargetProgress:
    return next(tp for tp in progress.progress(programme, STATUS) if tp.target.id == target_id)


def _trace(fig: go.Figure, name_start: str) -> go.Scatter:
    return next(t for t in fig.data if t.name.startswith(name_start))


@pytest.fixture(scope="module")
def burnup(programme: model.Programme) -> go.Figure:
    return targets.burnup(_progress(programme, "municipalities-2022"), "da", theme.SCREEN, STATUS)


def test_target_line_is_labelled_with_its_value(burnup: go.Figure) -> None:
    line = _trace(burnup, "Mål")
    assert line.name == "Mål: 60 kommuner"
    assert list(line.y) == [60, 60]
    assert "Mål: 60 kommuner" in [a.text for a in burnup.layout.annotations]


def test_observations_end_with_37_on_31_october(burnup: go.Figure) -> None:
    observed = _trace(burnup, "Målt")
    assert observed.x[-1] == "2022-10-31"
    assert observed.y[-1] == 37
    assert list(observed.marker.symbol) == ["circle-open", "circle"]  # the start value is an estimate
    assert list(observed.text) == ["0 (anslået)", "37"]


def test_status_and_due_lines(burnup: go.Figure) -> None:
    lines = {shape.x0 for shape in burnup.layout.shapes}
    assert lines == {"2022-11-03", "2022-12-31"}
    texts = [a.text for a in burnup.layout.annotations]
    assert "Status 3. nov. 2022" in texts
    assert "Frist 31. dec. 2022" in texts


def test_forecast_and_pace_needed(burnup: go.Figure) -> None:
    forecast = _trace(burnup, "Prognose")
    # the pace rests on an assumed 0 at an assumed start: the forecast says so, and it stops at the due date
    assert forecast.name == "Prognose (lineær) (anslået): 1,6/md."
    assert forecast.line.dash == "dash"
    assert (forecast.x[0], forecast.y[0]) == ("2022-10-31", 37)
    assert (forecast.x[-1], round(forecast.y[-1], 1)) == ("2022-12-31", 40.2)
    assert "Prognose ved fristen 31. dec. 2022: 40 (anslået)" in [a.text for a in burnup.layout.annotations]
    needed = _trace(burnup, "Nødvendigt tempo")
    assert needed.name == "Nødvendigt tempo: 11,5/md."
    assert needed.line.dash == "dot"
    assert list(zip(needed.x, needed.y, strict=True)) == [("2022-10-31", 37), ("2022-12-31", 60)]


def test_axes(burnup: go.Figure) -> None:
    assert burnup.layout.yaxis.title.text == "kommuner (af 98 kommuner)"
    start, end = burnup.layout.xaxis.range
    assert start < "2020-12-01" and "2022-12-31" < end < "2023-06-01"  # from before the start to just past the due date
    assert "jan. 2022" in burnup.layout.xaxis.ticktext  # Danish month names, not plotly's English


def test_forecast_far_beyond_due_stays_off_the_axis(programme: model.Programme) -> None:
    fig = targets.burnup(_progress(programme, "gp-2022"), "en", theme.SCREEN, STATUS)
    assert fig.layout.xaxis.range[1] < "2023-06-01"
    assert "Forecast at the due date 31 Dec 2022: 233 (estimate)" in [a.text for a in fig.layout.annotations]
    # a denominator too long for the axis leaves the unit alone there (the headline figure gives it)
    assert fig.layout.yaxis.title.text == "GP practices"  # the unit in English, as the plan gives it (unit_en)


@pytest.fixture(scope="module")
def breakdown(programme: model.Programme) -> go.Figure:
    latest = progress.latest_breakdown(programme, STATUS)
    assert latest is not None
    return region_breakdown.region_breakdown(
        programme, latest, ["municipalities", "gp_practices", "video_consultations"], "da", theme.SCREEN
    )


def test_region_breakdown_totals(breakdown: go.Figure) -> None:
    assert len(breakdown.data) == 3
    for trace in breakdown.data:
        assert list(trace.y) == ["Hovedstaden", "Syddanmark", "Midtjylland", "Sjælland", "Nordjylland"]
    assert [sum(t.x) for t in breakdown.data] == [37, 214, 1733]
    titles = [a.text for a in breakdown.layout.annotations]
    assert titles == ["Kommuner, i alt 37", "Lægepraksisser, i alt 214", "Konsultationer, i alt 1.733"]
    assert list(breakdown.data[2].text) == ["98", "622", "627", "266", "120"]
    assert breakdown.layout.title.text == "Fordeling pr. region (31. okt. 2022)"


def test_region_breakdown_flags_regions_that_do_not_add_up(programme: model.Programme) -> None:
    obs = model.Observation(
        date="2022-10-31",
        values={"municipalities": 40},
        breakdown={"Hovedstaden": {"municipalities": 7}, "Sjælland": {"municipalities": 4}},
    )
    fig = region_breakdown.region_breakdown(programme, obs, ["municipalities"], "en", theme.SCREEN)
    assert fig.layout.annotations[0].text == "Municipalities, total 40 (the regions add up to 11)"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_projector_fonts(programme: model.Programme, lang: str) -> None:
    figures = [targets.burnup(tp, lang, theme.PROJECTOR, STATUS) for tp in progress.progress(programme, STATUS)]
    latest = progress.latest_breakdown(programme, STATUS)
    assert latest is not None
    figures.append(
        region_breakdown.region_breakdown(programme, latest, [m.id for m in programme.metrics], lang, theme.PROJECTOR)
    )
    for fig in figures:
        assert fig.layout.font.size >= theme.PROJECTOR_MIN_FONT
        assert min(theme.font_sizes(fig)) >= theme.PROJECTOR_MIN_FONT


def test_the_share_reads_against_the_target_and_says_what_the_target_counts() -> None:
    """'62 % · af 98 kommuner' read as 62 % of 98; it is 37 of the target 60."""
    from planner.analysis import progress as prog_
    from planner.plan import loader
    from planner.presentation import tables

    plan = loader.load(str(loader.DEFAULT_DATA_DIR))
    kl = plan.programme("kontaktlaege")
    assert kl is not None
    found = {t.target.metric: t for t in prog_.progress(kl, plan.portfolio.status_date.first)}
    municipalities = found["municipalities"]
    assert tables.share_of_target(municipalities, "da") == "62 % af målet · mål: 60 af 98 kommuner"
    assert tables.share_of_target(municipalities, "en").startswith("62% of the target · target: 60 ")
