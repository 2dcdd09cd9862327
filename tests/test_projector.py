"""Projector mode: big text in every chart, no sidebar, meeting-order stepping."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.analysis import meetings
from planner.plan import loader
from planner.presentation.charts import theme
from tests.conftest import MEETING_PAGES

ROOT = Path(__file__).resolve().parent.parent
PAGES = MEETING_PAGES


def projector_app(page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["mode"] = "projector"
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def all_font_sizes(spec: dict) -> list[int]:
    import plotly.graph_objects as go

    return theme.font_sizes(go.Figure(spec))


@pytest.mark.parametrize(
    "page", [p for p in PAGES if p != "views/decision.py"]
)  # on the projector a decision is its table
def test_every_chart_font_is_at_least_20px(page: str) -> None:
    at = projector_app(page)
    specs = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    assert specs
    for spec in specs:
        layout = spec["layout"]
        assert layout["font"]["size"] >= theme.PROJECTOR_MIN_FONT
        small = [s for s in all_font_sizes(spec) if s < theme.PROJECTOR_MIN_FONT]
        assert not small, f"{page}: font sizes {small} below {theme.PROJECTOR_MIN_FONT}px"


def test_header_shows_title_and_status_date() -> None:
    at = projector_app()
    body = "\n".join(m.value for m in at.markdown)
    assert "KKR-digitaliseringsnetværket" in body
    assert "Status pr. 3. nov. 2022" in body


def test_no_sidebar_controls_and_no_edit_controls() -> None:
    at = projector_app()
    assert len(at.sidebar.date_input) == 0 and len(at.sidebar.toggle) == 0
    assert len(at.text_area) == 0 and len(at.number_input) == 0


def test_next_and_previous_walk_the_meetings_agenda() -> None:
    """The shipped meeting of 3 Nov 2022 has the deck's agenda: each programme in its order, FHIR-KM's open
    decision after it, then the portfolio-wide views; Previous steps back."""
    plan = loader.load(str(ROOT / "data"))
    agenda = meetings.shown_at(plan.portfolio, plan.portfolio.status_date.first)
    assert agenda is not None and agenda.agenda[:3] == ["fhir-km", "digitaliseringsstrategi", "fut-telma"]
    at = projector_app()
    assert at.button(key="projector-prev").disabled
    walked = [("Overblik", None)]
    while not at.button(key="projector-next").disabled and len(walked) < 40:
        at.button(key="projector-next").click().run()
        assert not at.exception, [e.message for e in at.exception]
        title = next(m.value[2:] for m in at.markdown if m.value.startswith("# "))
        walked.append((title, at.query_params.get("programme")))
    expected: list[tuple[str, str | None]] = [("Overblik", None)]
    for pid in agenda.agenda:
        expected.append(("Program", pid))
        if pid == "fhir-km":  # the one decision still open on 3 Nov 2022
            expected.append(("Beslutning", pid))
    expected += [("Leverandører", None), ("Kommuner", None), ("Mål og fremdrift", None)]
    assert walked == expected
    assert f"Skærm {len(expected)} af {len(expected)}" in "\n".join(m.value for m in at.markdown)
    at.button(key="projector-prev").click().run()
    assert "# Kommuner" in [m.value for m in at.markdown]


def test_without_an_agenda_the_walk_is_the_meeting_order() -> None:
    plan = loader.load(str(ROOT / "data"))
    portfolio = plan.portfolio.model_copy(update={"meetings": []})
    walk = meetings.steps(dataclasses.replace(plan, portfolio=portfolio), plan.portfolio.status_date.first)
    assert [s.view for s in walk] == list(meetings.MEETING_VIEWS) and not any(s.programme for s in walk)
    assert meetings.step_index(walk, "vendors", "fhir-km") == 3  # a programme the walk does not name: its view
