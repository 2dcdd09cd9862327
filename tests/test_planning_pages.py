"""The planning pages: changes since a baseline, the wave planner; the changes slide."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from planner.analysis import baselines
from planner.plan import loader, model
from planner.presentation import pack_slides

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def moved_data(tmp_path: Path) -> str:
    """A copy of the shipped data with a baseline 'kkr-2022-11' and wave 1's go-live moved 61 days later."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    baselines.freeze(str(data), "kkr-2022-11")
    path = data / "programmes" / "fhir-km.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("date: 2024-09-01", "date: 2024-11-01", 1), encoding="utf-8")
    return str(data)


def app(monkeypatch: pytest.MonkeyPatch, data: str | None, page: str) -> AppTest:
    if data:
        monkeypatch.setenv("PLANNER_DATA", data)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_changes_page_lists_the_slip_and_draws_baseline_bars(moved_data: str, monkeypatch: pytest.MonkeyPatch) -> None:
    at = app(monkeypatch, moved_data, "views/changes.py")
    at.selectbox(key="baseline").set_value("kkr-2022-11").run()
    assert not at.exception
    table = at.table[0].value.to_string()  # a static table: each sentence in full
    assert "flyttet fra 1. sep. 2024 til 1. nov. 2024 (61 dage senere)" in table
    fig = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert any(t.get("meta", {}).get("baseline") for t in fig["data"])
    assert "+61 d." in [a["text"] for a in fig["layout"]["annotations"] if a.get("name") == "slip"]


def test_changes_page_unknown_revision_is_an_error_not_a_crash(
    moved_data: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = app(monkeypatch, moved_data, "views/changes.py")
    at.text_input(key="baseline-rev").set_value("no-such-tag").run()
    assert not at.exception
    assert "«no-such-tag» er hverken en gemt grundlinje eller en git-revision" in at.error[0].value


def test_wave_planner_page_places_all_98_and_shows_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    at = app(monkeypatch, None, "views/waves.py")
    figures = [json.loads(el.proto.spec) for el in at.get("plotly_chart")]
    map_codes = [loc for fig in figures for t in fig["data"] if t["type"] == "choroplethmap" for loc in t["locations"]]
    assert sorted(map_codes) == sorted({*map_codes}) and len(map_codes) == 98
    text = at.code[-1].value
    onboarding = model.Onboarding.model_validate(yaml.safe_load(text))
    members = [m for w in onboarding.waves for m in w.members]
    assert len(members) == 98 == len(set(members))
    assert set(onboarding.waves[0].members) == {"København", "Aalborg", "Faxe", "Næstved"}


def test_wave_planner_capacity_below_a_wave_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    at = app(monkeypatch, None, "views/waves.py")
    at.number_input(key="wp-capacity-fk-org-sor").set_value(20).run()
    assert not at.exception


def test_changes_slide_in_the_meeting_pack(moved_data: str) -> None:
    plan = loader.load(moved_data)
    since = ("kkr-2022-11", baselines.load_baseline(moved_data, "kkr-2022-11"))
    deck = pack_slides.slides(plan, "da", since=since)
    assert deck[0].title == "Ændringer siden kkr-2022-11"  # the pack opens with what changed
    assert deck[0].table and "61 dage senere" in deck[0].table[0]["Ændring"]


def test_cli_report_since(moved_data: str, tmp_path: Path) -> None:
    out = tmp_path / "pack.html"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "planner",
            "report",
            moved_data,
            "--format",
            "html",
            "--out",
            str(out),
            "--since",
            "kkr-2022-11",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "Ændringer siden kkr-2022-11" in out.read_text(encoding="utf-8")


def test_cli_baseline_and_diff(moved_data: str) -> None:
    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "planner", *args], cwd=ROOT, capture_output=True, text=True)

    again = cli("baseline", moved_data, "--name", "kkr-2022-11")
    assert again.returncode == 2 and "already exists" in again.stderr
    changed = cli("diff", moved_data, "--from", "kkr-2022-11")
    assert changed.returncode == 0
    assert changed.stdout.splitlines() == [
        "FHIR-KM / Trinvis idriftsættelse / 1. bølge / Idriftsættelse 1. bølge: moved from 1 Sept 2024 to 1 Nov 2024 (61 days later)"
    ]
    same = cli("diff", moved_data, "--from", "kkr-2022-11", "--to", "kkr-2022-11")
    assert same.stdout.strip() == "no changes"


def test_cli_plan_waves_writes_pasteable_yaml(tmp_path: Path) -> None:
    out = tmp_path / "waves.yaml"
    run = subprocess.run(
        [sys.executable, "-m", "planner", "plan-waves", "data", "--programme", "fk-org-sor", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    onboarding = model.Onboarding.model_validate(yaml.safe_load(out.read_text(encoding="utf-8")))
    assert sum(len(w.members) for w in onboarding.waves) == 98
