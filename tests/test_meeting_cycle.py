"""The meeting cycle: close a meeting (baseline and pack), edit, and the next pack opens with exactly those edits."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planner import editing
from planner.analysis import meetings
from planner.plan import loader
from planner.presentation import pack_slides

ROOT = Path(__file__).resolve().parent.parent


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planner", *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, timeout=600, check=False)  # fmt: skip


@pytest.fixture(scope="module")
def closed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("cycle") / "data"
    shutil.copytree(ROOT / "data", data)
    done = cli("meeting", data, "--close", "kkr-2022-11", "--who", "Sekretariatet")
    assert done.returncode == 0, done.stderr
    assert "baseline 'meeting-kkr-2022-11' frozen" in done.stdout
    return data


def test_closing_freezes_the_plan_writes_the_pack_and_records_the_meeting(closed: Path) -> None:
    packs = sorted(p.name for p in (closed / "meetings" / "kkr-2022-11").iterdir())
    assert packs == [
        "udrulningsplan-kkr-2022-11-da.html",
        "udrulningsplan-kkr-2022-11-da.pptx",
        "udrulningsplan-kkr-2022-11-da.xlsx",
    ]
    plan = loader.load(str(closed))
    assert plan.ok
    (meeting,) = [m for m in plan.portfolio.meetings if m.id == "kkr-2022-11"]
    assert meeting.baseline == "meeting-kkr-2022-11" and (closed / "baselines" / "meeting-kkr-2022-11").is_dir()
    (entry,) = [e for e in editing.changelog(str(closed)) if e["file"] == "portfolio.yaml"]
    assert entry["who"] == "Sekretariatet" and entry["new"] == "meeting-kkr-2022-11"
    again = cli("meeting", closed, "--close", "kkr-2022-11")
    assert again.returncode != 0 and "closed already" in again.stderr
    wrong = cli("meeting", closed, "--close", "kkr-2022-1")
    assert wrong.returncode != 0 and "did you mean 'kkr-2022-11'" in wrong.stderr


@pytest.mark.parametrize("fmt", ["html", "pptx", "xlsx"])
def test_a_closed_meetings_pack_is_rebuilt_byte_for_byte(closed: Path, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"again.{fmt}"
    done = cli("meeting", closed, "--rebuild", "kkr-2022-11", "--format", fmt, "--out", out)
    assert done.returncode == 0, done.stderr
    written = closed / "meetings" / "kkr-2022-11" / f"udrulningsplan-kkr-2022-11-da.{fmt}"
    assert out.read_bytes() == written.read_bytes()


def test_the_next_pack_opens_with_exactly_what_changed_since_the_meeting(closed: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(closed, data)
    # between the meetings: a decision is taken and a count comes in
    kl = "programmes/kontaktlaege.yaml"
    editing.save_changes(data, editing.read(data, kl), [editing.Append(kl, ("observations",), {"date": "2022-11-30", "values": {"municipalities": 41}}, ("date",))], "PM")  # fmt: skip
    fhir = "programmes/fhir-km.yaml"
    decided = [editing.Edit(fhir, ("decisions", 0, "chosen"), "trinvis"), editing.Edit(fhir, ("decisions", 0, "decided_on"), "2022-12-14")]  # fmt: skip
    editing.save_changes(data, editing.read(data, fhir), decided, "PM")
    plan = loader.load(str(data))
    day = plan.portfolio.status_date.first.replace(year=2023, month=3, day=1)
    since = meetings.since(plan, day)
    assert since is not None and since[0] == "KKR-digitaliseringsnetværk, november 2022 (dette møde)"
    first = pack_slides.slides(plan, "da", day, since=since)[0]
    assert first.title == "Ændringer siden KKR-digitaliseringsnetværk, november 2022 (dette møde)"
    assert [row["Ændring"] for row in first.table or []] == [
        "FHIR-KM / Trinvis eller fælles idriftsættelse af FHIR-KM?: besluttet: Trinvis idriftsættelse (14. dec. 2022)",
        "KontaktLæge: måling tilføjet (30. nov. 2022)",
    ]
    # a pack as of the meeting day itself has nothing to compare with yet
    assert meetings.since(plan, plan.portfolio.meetings[-1].date.first) is None


def test_an_editor_closes_a_meeting_on_the_edit_page(app_data: Path) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.test_edit_page import PASSWORD, sign_in

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=240)
    at.secrets["editing"] = {"enabled": True, "password": PASSWORD}
    at.run()
    at.switch_page("views/edit.py").run()
    sign_in(at, PASSWORD)
    assert any("KKR-digitaliseringsnetværk, november 2022" in m.value and "ikke lukket" in m.value for m in at.markdown)
    at.button(key="close-kkr-2022-11").click().run()
    assert not at.exception
    assert any("Mødet er lukket: grundlinjen meeting-kkr-2022-11 er frosset" in s.value for s in at.success)
    plan = loader.load(str(app_data))
    assert next(m for m in plan.portfolio.meetings if m.id == "kkr-2022-11").baseline == "meeting-kkr-2022-11"
    assert (app_data / "meetings" / "kkr-2022-11" / "udrulningsplan-kkr-2022-11-da.pptx").is_file()
