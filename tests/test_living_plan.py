"""The living plan: new information shows at once, and the status date follows it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner import editing
from planner.analysis import statements
from planner.editing import status_date
from planner.plan import loader
from tests.test_edit_page import PASSWORD, edit_page, sign_in

ROOT = Path(__file__).resolve().parent.parent
MEETING = dt.date(2022, 11, 3)


def test_the_default_view_is_as_of_the_newest_information(app_data: Path) -> None:
    plan = loader.load(str(app_data))
    assert statements.latest(plan) == dt.date(2022, 11, 1)  # the FK-ORG pilots onboarding from Nov 2022
    assert statements.view_date(plan) == MEETING and statements.newer_than_status(plan) is None
    seen = editing.read(app_data, "vendors.yaml")
    editing.save_changes(
        app_data, seen, [editing.Edit("vendors.yaml", ("vendors", 1, "readiness", 0, "as_of"), "2022-12")], "PM"
    )
    plan = loader.load(str(app_data))
    assert statements.view_date(plan) == dt.date(2022, 12, 1) == statements.newer_than_status(plan)
    assert status_date.follow(app_data, "PM") == (MEETING, dt.date(2022, 12, 1))
    plan = loader.load(str(app_data))
    assert plan.status_date == dt.date(2022, 12, 1) and statements.newer_than_status(plan) is None
    assert status_date.follow(app_data, "PM") is None  # nothing newer: nothing moves
    (entry,) = [e for e in editing.changelog(str(app_data)) if e["file"] == "portfolio.yaml"]
    assert (entry["path"], entry["old"], entry["new"]) == ("status_date", "2022-11-03", "2022-12-01")


def test_a_statement_saved_after_the_status_date_shows_at_once_and_moves_the_status_date(app_data: Path) -> None:
    at = sign_in(edit_page(True), PASSWORD)
    at.selectbox(key="ed-readiness").set_value(1).run()  # KMD (Nexus) · FHIR-KM
    next(t for t in at.text_input if t.label == "Oplyst").input("2022-12-05")
    next(b for b in at.button if b.label == "Gem").click().run()
    assert not at.exception
    assert any("Statusdatoen er flyttet fra 3. nov. 2022 til 5. dec. 2022" in i.value for i in at.info)
    assert loader.load(str(app_data)).status_date == dt.date(2022, 12, 5)
    assert at.session_state["as_of"] == dt.date(2022, 12, 5)  # this view follows the data
    # the vendor is still in the form's list, and a new visit sees the statement without choosing a date
    assert len(at.selectbox(key="ed-readiness").options) == 8
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    fresh.switch_page("views/vendors.py").run()
    assert fresh.session_state["as_of"] == dt.date(2022, 12, 5)
    assert "Status pr. 5. dec. 2022" in "\n".join(c.value for c in fresh.caption)
    # a view as of the meeting stays available, and hides the newer statement
    past = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    past.query_params["date"] = "2022-11-03"
    past.run()
    assert past.session_state["as_of"] == MEETING


def test_the_editor_sets_the_status_date_on_the_edit_page(app_data: Path) -> None:
    at = sign_in(edit_page(True), PASSWORD)
    assert any(
        "Data har status pr. 3. nov. 2022; den nyeste oplysning er fra 1. nov. 2022" in c.value for c in at.caption
    )
    box = next(t for t in at.text_input if t.label == "Status pr." and t.key and t.key.startswith("status-date"))
    box.input("2023-01-15")
    form_buttons = [b for b in at.button if b.label == "Gem"]
    form_buttons[-1].click().run()  # the status date's form is the last one with a save button
    assert not at.exception
    assert loader.load(str(app_data)).status_date == dt.date(2023, 1, 15)
    assert any("Gemt i portfolio.yaml" in s.value for s in at.success)


@pytest.mark.usefixtures("app_data")
def test_a_save_is_confirmed_in_words_and_the_change_log_reads_as_sentences() -> None:
    at = sign_in(edit_page(True), PASSWORD)
    state = next(s for s in at.selectbox if s.label == "Status")
    state.select(next(o for o in state.options if "Forsinket" in str(o)))
    next(b for b in at.button if b.label == "Gem").click().run()
    (done,) = [s.value for s in at.success if "Gemt i vendors.yaml" in s.value]
    assert done == "Gemt i vendors.yaml: Systematic (Cura) · FHIR-KM · Status: Risiko for forsinkelse → Forsinket"
    assert not any("gemt af andre" in i.value.lower() or "ovenpå" in i.value for i in at.info)
    log = next(d.value for d in at.dataframe if "Felt" in d.value.columns or "Hvad" in d.value.columns)
    first = log.iloc[0].to_dict()
    shown = " ".join(str(v) for v in first.values())
    assert "Systematic (Cura) · FHIR-KM · Status" in shown and "Forsinket" in shown
    assert "vendors[" not in shown and "late" not in shown.split() and "at-risk" not in shown
    from planner.editing import vcs

    assert vcs.author("MedCom projektleder", "pm@medcom.dk") == "MedCom projektleder <pm@medcom.dk>"
