"""Projector mode: big text in every chart, no sidebar, meeting-order stepping."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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


def test_next_and_previous_step_in_meeting_order() -> None:
    at = projector_app()
    assert at.button(key="projector-prev").disabled
    at.button(key="projector-next").click().run()
    assert not at.exception
    assert "# Program" in [m.value for m in at.markdown]  # the projector's header row names the page
    at.button(key="projector-next").click().run()
    assert "# Beslutning" in [m.value for m in at.markdown]  # the decision follows its programme
    at.button(key="projector-next").click().run()
    assert "# Leverandører" in [m.value for m in at.markdown]  # the projector's header row names the page
    at.button(key="projector-prev").click().run()
    assert "# Beslutning" in [m.value for m in at.markdown]  # the projector's header row names the page
