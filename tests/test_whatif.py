"""What-if moves: dependencies pushed, conversion window and vendor lateness recomputed."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.analysis import schedule, whatif
from planner.plan import loader
from tests.conftest import eoj_said_1_nov_folder

ROOT = Path(__file__).resolve().parent.parent
WAVE_3 = """
      - id: wave-3
        name: "3. bølge"
        parties: [EPJ]
        after: [wave-2]
        phases:
          - {id: prep, name: "Forberedelse", start: 2025-12-02, end: 2026-01-31, after: [wave-2.rollout]}
        milestones:
          - {id: go-live, name: "Idriftsættelse 3. bølge", date: 2025-12-02, kind: go-live}
"""


@pytest.fixture
def stepwise() -> loader.Plan:
    return loader.load(str(ROOT / "data"))


@pytest.mark.parametrize(
    ("wave", "days", "expected"),
    [
        ("wave-2", 60, {"wave-2.go-live": 60}),
        ("wave-1", 60, {"wave-1.go-live": 60}),  # wave 2 goes live 15 months later: slack absorbs it
        ("wave-1", 500, {"wave-1.go-live": 500}),  # the source does not make wave 2 wait for wave 1
        ("wave-1", -30, {"wave-1.go-live": -30}),  # earlier pulls nothing along
        ("wave-1", 0, {}),
    ],
)
def test_push_table(stepwise: loader.Plan, wave: str, days: int, expected: dict[str, int]) -> None:
    scenario = stepwise.programme("fhir-km").plan_of_record  # type: ignore[union-attr]
    assert whatif.move_go_live(scenario, wave, days).moved == expected


def test_a_wave_that_waits_is_pushed_past_the_slack(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "programmes" / "fhir-km.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("        parties: [EPJ]\n", "        parties: [EPJ]\n        after: [wave-1]\n", 1))
    scenario = loader.load(str(data)).programme("fhir-km").plan_of_record  # type: ignore[union-attr]
    assert whatif.move_go_live(scenario, "wave-1", 60).moved == {"wave-1.go-live": 60}  # 15 months of slack
    assert whatif.move_go_live(scenario, "wave-1", 500).moved == {"wave-1.go-live": 500, "wave-2.go-live": 45}


def test_conversion_window_lengthens_by_the_move(stepwise: loader.Plan) -> None:
    scenario = stepwise.programme("fhir-km").plan_of_record  # type: ignore[union-attr]
    (before,) = schedule.conversion_windows(scenario)
    (after,) = schedule.conversion_windows(whatif.move_go_live(scenario, "wave-2", 60).scenario)
    assert after.days - before.days == 60
    assert after.go_live == dt.date(2026, 1, 30)


def test_critical_path_ends_at_the_last_go_live(stepwise: loader.Plan) -> None:
    scenario = stepwise.programme("fhir-km").plan_of_record  # type: ignore[union-attr]
    assert whatif.critical_path(scenario) == ["wave-2.test", "wave-2.rollout", "wave-2.go-live"]


def test_moving_a_vendor_ready_by_changes_who_is_late(stepwise: loader.Plan) -> None:
    prog = stepwise.programme("fhir-km")
    assert prog is not None
    vendors = whatif.move_ready_by(stepwise.vendors, "epic", "fhir-km", 30)
    epic = next(f for f in schedule.fits_for(prog, list(vendors)) if f.vendor.id == "epic")
    assert epic.gap_days == 30


@pytest.fixture
def with_wave_3(tmp_path: Path) -> str:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    path = data / "programmes" / "fhir-km.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "  - id: trinvis-nov"
    assert marker in text
    path.write_text(text.replace(marker, WAVE_3.strip("\n") + "\n" + marker, 1), encoding="utf-8")
    eoj_said_1_nov_folder(data)  # with vendors late for wave 1, to show the what-if keeps them late
    assert loader.load(str(data)).ok
    return str(data)


def test_what_if_in_the_app_moves_dependents_and_the_window(with_wave_3: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_DATA", with_wave_3)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("views/programme.py").run()
    assert not at.exception
    at.selectbox(key="wi-wave-fhir-km-trinvis").set_value("wave-2").run()
    at.number_input(key="wi-days-fhir-km-trinvis").set_value(60).run()
    assert not at.exception
    body = "\n".join(m.value for m in at.markdown)
    # the wave-2 go-live and what depends on it (wave 3 goes live the day after) moved 60 days
    assert (
        "2 punkter flyttet: 2. bølge · Idriftsættelse 2. bølge (+60), 3. bølge · Idriftsættelse 3. bølge (+60)" in body
    )
    # conversion windows: wave 2's and wave 3's both lengthen by 60 days
    assert re.search(r"Konverteringsvindue for EPJ: 516 dage \(\+60 dage\)", body)
    assert "dage for sent" in body  # EOJ vendors still late for wave 1
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    moved = [a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "moved"]
    assert moved.count("<b>+60 d.</b>") == 2
    assert any(t.get("meta", {}).get("critical") for t in fig["data"])
    # nothing was written
    assert "2025-12-01" in (Path(with_wave_3) / "programmes" / "fhir-km.yaml").read_text(encoding="utf-8")
