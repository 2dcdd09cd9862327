"""Decisions, not assumptions: the FHIR-KM plans are options until MedCom's steering group decides (14 Dec 2022)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element

from planner import editing
from planner.analysis import decisions
from planner.plan import fields, loader, model
from planner.presentation import decision_text, pack_slides, report

ROOT = Path(__file__).resolve().parent.parent
MEETING = dt.date(2022, 11, 3)
Status = model.ScenarioStatus


@pytest.fixture(scope="module")
def plan() -> loader.Plan:
    return loader.load(str(ROOT / "data"))


def fhir(plan: loader.Plan) -> model.Programme:
    prog = plan.programme("fhir-km")
    assert prog is not None
    return prog


def decided(prog: model.Programme, chosen: str, day: str = "2022-12-14") -> model.Programme:
    decision = model.Decision.model_validate({**prog.decisions[0].model_dump(), "chosen": chosen, "decided_on": day})
    return prog.model_copy(update={"decisions": [decision]})


def test_the_shipped_decision_is_the_steering_groups_with_its_two_options(plan: loader.Plan) -> None:
    (decision,) = fhir(plan).decisions
    assert decision.body == "MedComs styregruppe" and decision.date.first == dt.date(2022, 12, 14)
    assert decision.options == ["trinvis", "faelles"] and decision.chosen is None
    assert isinstance(decision.source, fields.Source) and "14. december 2022" in (decision.source.quote or "")


def test_on_the_meeting_day_every_fhir_km_plan_is_a_proposal(plan: loader.Plan) -> None:
    prog = fhir(plan)
    assert {s.id: decisions.status(prog, s, MEETING) for s in prog.scenarios} == {
        "trinvis": Status.PROPOSED,
        "trinvis-nov": Status.PROPOSED,
        "faelles": Status.PROPOSED,
    }
    assert decisions.adopted(prog, MEETING) is None
    kontakt = plan.programme("kontaktlaege")
    assert kontakt is not None and decisions.adopted(kontakt, MEETING) is kontakt.plan_of_record  # never in question


def test_a_recorded_outcome_adopts_one_option_from_its_date(plan: loader.Plan) -> None:
    prog = decided(fhir(plan), "trinvis")
    before, after = dt.date(2022, 12, 13), dt.date(2022, 12, 15)
    assert decisions.status(prog, prog.scenarios[0], before) is Status.PROPOSED  # a view as of before the meeting
    assert decisions.adopted(prog, after) is prog.scenario("trinvis")
    assert decisions.status(prog, prog.scenario("faelles"), after) is Status.REJECTED  # type: ignore[arg-type]
    assert decision_text.for_programme(prog, after, "da") == [
        "Besluttet 14. dec. 2022 af MedComs styregruppe: Trinvis idriftsættelse."
    ]


def test_the_decision_in_words(plan: loader.Plan) -> None:
    assert decision_text.for_programme(fhir(plan), MEETING, "da") == [
        "Beslutning afventer: Trinvis eller fælles idriftsættelse af FHIR-KM? Valgmuligheder: "
        "Trinvis idriftsættelse / Fælles idriftsættelse. Besluttes af MedComs styregruppe, 14. dec. 2022."
    ]
    labels = [decision_text.scenario_label(fhir(plan), s, MEETING, "en") for s in fhir(plan).scenarios]
    assert labels[0] == "Trinvis idriftsættelse (proposal)"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("options: [trinvis, falles]", "decisions[0].options[1]: unknown scenario 'falles'; did you mean 'faelles'?"),
        ("options: [trinvis, trinvis]", "decisions[0].options[1]: option 'trinvis' is listed twice"),
        (
            "options: [trinvis, faelles]\n    chosen: trinvis-nov\n    decided_on: 2022-12-14",
            "decisions[0].chosen: unknown option 'trinvis-nov'",
        ),
        ("options: [trinvis, faelles]\n    chosen: trinvis", "decisions[0].decided_on: a decided decision needs both"),
    ],
)
def test_a_decision_names_the_programmes_own_plans(tmp_path: Path, change: str, message: str) -> None:
    import shutil

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    path = folder / "programmes" / "fhir-km.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("options: [trinvis, faelles]", change), encoding="utf-8")
    found = [f"{p.field}: {p.message}" for p in loader.load(str(folder)).problems]
    assert any(message in f for f in found), found


def texts(at: AppTest) -> str:
    parts = [
        e.value for kind in ("markdown", "caption", "info", "subheader") for e in at.get(kind) if isinstance(e, Element)
    ]
    parts += [str(o) for r in at.radio for o in r.options]
    parts += [
        json.dumps(json.loads(c.proto.spec)["layout"].get("yaxis", {}), ensure_ascii=False)
        for c in at.get("plotly_chart")
    ]
    return "\n".join(parts)


def test_the_overview_and_the_programme_page_show_options_not_a_plan_in_force() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    shown = texts(at)
    assert "Beslutning afventer" in shown and "Trinvis idriftsættelse / Fælles idriftsættelse" in shown
    assert "FHIR-KM (forslag)" in shown
    at.switch_page("views/programme.py").run()
    shown = texts(at)
    assert "Trinvis idriftsættelse (forslag)" in shown and "Fælles idriftsættelse (forslag)" in shown
    assert "gældende plan" not in shown and "MedComs styregruppe, 14. dec. 2022" in shown


def test_the_workbook_says_proposal_not_adopted(plan: loader.Plan) -> None:
    book = load_workbook(io.BytesIO(report.build(plan, "xlsx", "da", MEETING)))
    items = book.worksheets[0]
    header = [c.value for c in items[1]]
    assert "Vedtaget plan" not in header and "Planens status" in header
    col = header.index("Planens status")
    fhir_rows = [r for r in items.iter_rows(min_row=2, values_only=True) if r[0] == "FHIR-KM"]
    assert fhir_rows and {r[col] for r in fhir_rows} == {"forslag"}


def planner_cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planner", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, check=False)  # fmt: skip


def test_recording_the_decision_adopts_the_plan_freezes_a_baseline_and_logs_it(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    done = planner_cli("decide", data, "--decision", "implementeringsplan", "--option", "trinvis", "--date",
                       "2022-12-14", "--who", "Mette", "--note", "Central konvertering undersøges.")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "baseline 'beslutning-implementeringsplan-2022-12-14' frozen" in done.stdout
    after = dt.date(2022, 12, 15)
    plan = loader.load(str(data))
    prog = fhir(plan)
    assert decisions.adopted(prog, after) is prog.scenario("trinvis")
    assert decisions.adopted(prog, MEETING) is None  # the meeting of 3 Nov is still shown as it was
    frozen = loader.load(str(data / "baselines" / "beslutning-implementeringsplan-2022-12-14"))
    assert fhir(frozen).decisions[0].chosen == "trinvis"
    logged = {e["path"]: e["new"] for e in editing.changelog(data)}
    assert logged["decisions[0].chosen"] == "trinvis" and logged["decisions[0].decided_on"] == "2022-12-14"
    pack = report.build(plan, "html", "da", after).decode("utf-8")
    assert (
        "Besluttet 14. dec. 2022 af MedComs styregruppe: Trinvis idriftsættelse. Central konvertering undersøges."
        in pack
    )
    book = load_workbook(io.BytesIO(report.build(plan, "xlsx", "da", after)))
    header = [c.value for c in book.worksheets[0][1]]
    statuses = {
        (r[1], r[header.index("Planens status")])
        for r in book.worksheets[0].iter_rows(min_row=2, values_only=True)
        if r[0] == "FHIR-KM"
    }
    assert ("Trinvis idriftsættelse", "vedtaget") in statuses and ("Fælles idriftsættelse", "fravalgt") in statuses
    again = planner_cli("decide", data, "--decision", "implementeringsplan", "--option", "faelles")
    assert again.returncode == 1 and "was decided already" in again.stderr


def test_a_wrong_decision_or_option_is_a_message_with_a_did_you_mean() -> None:
    done = planner_cli("decide", ROOT / "data", "--decision", "implementeringsplaan", "--option", "trinvis")
    assert (
        done.returncode == 1 and "did you mean 'implementeringsplan'" in done.stderr and "Traceback" not in done.stderr
    )


def test_the_edit_page_records_a_decision(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    monkeypatch.setenv("PLANNER_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["editing"] = {"enabled": True, "password": "pw"}
    at.run()
    at.switch_page("views/edit.py").run()
    at.text_input[0].input("Mette")
    at.text_input[1].input("pw")
    at.button[0].click().run()
    assert any("Beslutning afventer" in c.value for c in at.caption)
    at.radio(key="ed-decision-option-implementeringsplan").set_value("faelles")
    next(b for b in at.button if "form-decision" in (b.key or "")).click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert any("grundlinjen «beslutning-implementeringsplan-2022-12-14»" in s.value for s in at.success)
    assert fhir(loader.load(str(data))).decisions[0].chosen == "faelles"
    assert (data / "baselines" / "beslutning-implementeringsplan-2022-12-14").is_dir()
    assert any("Ingen beslutninger afventer" in i.value for i in at.info)


def test_positions_are_shown_as_positions_with_their_source_and_never_as_lateness() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("views/programme.py").run()
    (table,) = [df.value for df in at.dataframe if "Holdning" in df.value.columns]
    proposals = table[table["Holdning"] == "foreslår"]
    assert len(proposals) == 5 and set(proposals["Plan"]) == {"Trinvis, 1. bølge 1. nov. 2024"}
    assert set(proposals["Dato"]) == {"1. nov. 2024"}
    assert all("dias «EOJ- og EPJ-tilbagemeldinger»" in s for s in proposals["Kilde"])
    epj = table[table["Holdning"] == "foretrækker"]
    assert set(epj["Plan"]) == {"Fælles idriftsættelse"} and len(epj) == 2
    assert "For sent" not in "\n".join(m.value for m in at.markdown)  # a proposal never makes anyone late


def test_the_packs_first_slide_names_the_pending_decision_and_how_many_milestones_it_leaves_out(
    plan: loader.Plan,
) -> None:
    (first, *_) = pack_slides.slides(plan, "da")
    assert any(line.startswith("FHIR-KM: Beslutning afventer:") for line in first.lines)
    upcoming = next(line for line in first.lines if line.startswith("Milepæle de næste 90 dage"))
    assert upcoming.endswith("(+5 flere)")  # among them the decision of 14 Dec and FK-ORG's go-live on 1 Jan 2023


def decision_page(as_of: dt.date | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if as_of is not None:
        at.session_state["as_of"] = as_of
    at.run()
    at.switch_page("views/decision.py").run()
    assert not at.exception
    return at


def rows_of(at: AppTest) -> dict[str, list[str]]:
    """The table as read on screen: its Markdown escapes ('1\\. sep.', so no list is drawn) taken out."""
    table = at.table[0]  # the page's own; the charts' data tables follow under each chart
    frame = table.value

    def read(cell: object) -> str:
        return re.sub(r"\\(.)", r"\1", str(cell))

    return {read(r[frame.columns[0]]): [read(r[c]) for c in frame.columns[1:]] for _, r in frame.iterrows()}


def test_the_decision_page_lays_the_options_side_by_side_with_positions_and_sources() -> None:
    at = decision_page()
    shown = texts(at)
    assert "Besluttes af MedComs styregruppe, 14. dec. 2022" in shown
    table = at.table[0]  # the page's own; the charts' data tables follow under each chart
    assert list(table.value.columns)[1:] == ["Trinvis idriftsættelse", "Fælles idriftsættelse"]
    rows = rows_of(at)
    assert rows["Status"] == ["forslag", "forslag"]  # nothing adopted on 3 Nov 2022
    assert rows["EOJ"] == ["1. sep. 2024", "1. dec. 2025 (15 mdr. senere)"]
    assert rows["Skal konvertere"] == ["EPJ: 15 mdr.", "ingen"]
    assert rows["Foretrækker"] == ["–", "Epic, Systematic (EPJ)"]
    assert "Netcompany" in rows["Støtter"][0] and rows["Støtter"][1] == "–"
    assert all(cell.startswith("KKR-digitaliseringsnetværksmøde 3. nov. 2022, dias") for cell in rows["Kilde"])
    # a proposal to change one option is said under the table, with its source, and makes no one late
    assert "Foreslår (Systematic (Cura), KMD (Nexus), EG (Sensum), Dedalus, Netcompany)" in shown
    assert "foreslår, at datoen for idriftsættelse i 1. bølge sættes til 1. november 2024" in shown
    assert "For sent" not in " ".join(rows["Leverandørernes parathed"])
    assert "Trinvis idriftsættelse (forslag)" in shown and "Fælles idriftsættelse (forslag)" in shown  # a plan each


def test_after_the_decision_the_page_and_the_pack_say_which_plan_was_adopted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    assert planner_cli("decide", data, "--decision", "implementeringsplan", "--option", "trinvis", "--date",
                       "2022-12-14").returncode == 0  # fmt: skip
    monkeypatch.setenv("PLANNER_DATA", str(data))
    at = decision_page(dt.date(2022, 12, 15))
    assert "Besluttet 14. dec. 2022 af MedComs styregruppe: Trinvis idriftsættelse." in texts(at)
    assert rows_of(at)["Status"] == ["vedtaget", "fravalgt"]
    before = decision_page(MEETING)  # the meeting of 3 Nov 2022 is still shown as it was
    assert rows_of(before)["Status"] == ["forslag", "forslag"]
    deck = pack_slides.slides(loader.load(str(data)), "da", dt.date(2022, 12, 15))
    (slide,) = [s for s in deck if s.key.startswith("decision-fhir-km")]
    assert slide.lines[0].startswith("Besluttet 14. dec. 2022") and slide.table is not None
    assert [r for r in slide.table if r["Hvad der vejes"] == "Status"] == [
        {"Hvad der vejes": "Status", "Trinvis idriftsættelse": "vedtaget", "Fælles idriftsættelse": "fravalgt"}
    ]


def test_the_pack_has_the_decision_slide_the_summaries_the_conversion_note_and_the_meetings(
    plan: loader.Plan,
) -> None:
    deck = pack_slides.slides(plan, "da", MEETING)
    keys = [s.key for s in deck]
    # the decision follows its programme's comparison, before the vendors
    assert keys.index("decision-fhir-km-implementeringsplan") == keys.index("compare-fhir-km") + 1
    (slide,) = [s for s in deck if s.key == "decision-fhir-km-implementeringsplan"]
    assert slide.lines[0].startswith("Beslutning afventer:") and "14. dec. 2022" in slide.lines[0]
    assert any(line.startswith("Bekymring (LPS-leverandører)") for line in slide.lines)
    (programme,) = [s for s in deck if s.key == "programme-fhir-km"]
    prog = fhir(plan)
    assert prog.summary in programme.lines and prog.plan_of_record.conversion_note in programme.lines
    overview = deck[0].lines
    assert any(
        line.startswith("Netværkets møder: mar. 2022 KKR-digitaliseringsnetværk, marts 2022; jun. 2022")
        for line in overview
    )
