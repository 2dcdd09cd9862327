"""The estimate mark travels: wherever a value that is an estimate (or a figure resting on one) goes, it is marked.

One test per output: the app, the projector, the pack's sentences, the workbook's columns, CSV and JSON.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from planner.plan import loader
from planner.presentation import flat_tables, pack_slides, report
from planner.presentation.charts import theme, vendors
from tests.conftest import eoj_said_1_nov

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def plan() -> loader.Plan:
    return loader.load(str(ROOT / "data"))


def cli(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "planner", *args], cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)  # fmt: skip
    return done.stdout


def test_the_app_marks_a_forecast_resting_on_an_assumed_start_and_stops_it_at_the_due_date() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("views/targets.py").run()
    forecasts = [m.value for m in at.metric if m.label == "Prognose ved fristen 31. dec. 2022"]
    # KontaktLæge: 37 municipalities on 31 Oct 2022, an assumed 0 on an assumed start of 1 Dec 2020
    assert forecasts == ["40 kommuner (anslået)", "233 lægepraksisser (anslået)"]
    assert "mar. 2027" not in " ".join(str(m.value) for m in at.metric)  # no forecast past the due date
    assert any("Når ikke målet ved fristen" in c.value for c in at.caption)


def test_the_projector_matrix_marks_an_estimated_cell_and_its_legend_says_so(plan: loader.Plan) -> None:
    said = eoj_said_1_nov(plan)  # EOJ ready-by dates marked as estimates
    fig = vendors.readiness_matrix(said, "da", theme.style_for(True, 1.0), as_of=said.status_date)
    assert "* = anslået" in [t.name for t in fig.data]
    # cells squeezed to their symbols keep the mark
    cells = [["● Forsinket (beregnet, anslået)", "–"], ["→ Følger planen", "–"]]
    assert vendors._fitted(cells, 60, 12, 20, [[True, False], [False, False]]) == [["●*", ""], ["→", ""]]
    clean = vendors.readiness_matrix(plan, "da", theme.style_for(True, 1.0), as_of=plan.status_date)
    assert "* = anslået" not in [t.name for t in clean.data]  # nothing estimated: no legend entry for it


def test_the_packs_sentences_mark_what_rests_on_estimates(plan: loader.Plan) -> None:
    deck = {s.key: s for s in pack_slides.slides(plan, "da")}
    assert deck["map-fk-org-sor"].lines == ["Ikke placeret: 94 · I gang: 4 (anslået)"]
    (target,) = [s for k, s in deck.items() if k == "target-kontaktlaege-municipalities-2022"]
    assert target.lines[0] == "37 af 60 kommuner (62 %) · 92 % af perioden er gået (anslået)"
    assert "gennemsnit siden 1. dec. 2020 (anslået)" in target.lines[1]


def test_the_workbook_marks_each_estimated_value_in_its_own_column(plan: loader.Plan) -> None:
    book = load_workbook(io.BytesIO(report.build(plan, "xlsx", "da")))
    sheets = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    header, *rows = sheets["Parathed"]
    lps = next(r for r in rows if r[0] == "LPS-leverandører")
    assert lps[header.index("Anslåede værdier")] == "Oplyst"  # the date of its statement is assumed
    header, *rows = sheets["Mål"]
    assert {r[header.index("Anslåede værdier")] for r in rows} == {"Start"}  # KontaktLæge's assumed start
    header, *rows = sheets["Onboarding"]
    pilot = next(r for r in rows if r[header.index("Kommune")] == "Faxe")
    assert (pilot[header.index("Anslået")], pilot[header.index("Dato anslået")]) == ("Ja", "Ja")


def test_csv_and_json_carry_a_flag_per_estimated_field() -> None:
    targets = list(csv.DictReader(io.StringIO(cli("export", "data", "--format", "csv", "--table", "targets"))))
    assert {t["estimated"] for t in targets} == {"start"}
    onboarding = list(csv.DictReader(io.StringIO(cli("export", "data", "--format", "csv", "--table", "onboarding"))))
    faxe = next(r for r in onboarding if r["municipality"] == "Faxe")
    assert (faxe["estimate"], faxe["date_estimate"]) == ("True", "True")
    readiness = list(csv.DictReader(io.StringIO(cli("export", "data", "--format", "csv", "--table", "readiness"))))
    assert next(r for r in readiness if r["vendor_id"] == "lps-vendors")["estimated"] == "as_of"
    exported = json.loads(cli("export", "data", "--format", "json"))
    fk = next(p for p in exported["programmes"] if p["id"] == "fk-org-sor")
    waves = {w["id"]: w for w in fk["onboarding"]["waves"]}
    assert waves["wave-1"]["estimate"] is True and waves["wave-1"]["size"]["approximate"] is True
    assert next(m for m in fk["onboarding"]["municipalities"] if m["name"] == "Faxe")["date_estimate"] is True


def test_a_go_live_keeps_its_written_precision_in_the_comparison() -> None:
    from planner.plan import model
    from planner.presentation import compare_table

    prog = model.Programme.model_validate(
        {
            "id": "p",
            "name": "P",
            "owner": "MedCom",
            "scenarios": [
                {
                    "id": "a",
                    "name": "A",
                    "plan_of_record": True,
                    "waves": [
                        {
                            "id": "w",
                            "name": "W",
                            "parties": ["EOJ"],
                            "milestones": [{"name": "Go", "date": "2023-W40", "kind": "go-live"}],
                        }
                    ],
                },
                {
                    "id": "b",
                    "name": "B",
                    "waves": [
                        {
                            "id": "w",
                            "name": "W",
                            "parties": ["EOJ"],
                            "milestones": [{"name": "Go", "date": "2024-Q3", "kind": "go-live"}],
                        }
                    ],
                },
            ],
        }
    )
    (eoj, *_) = compare_table.table(prog, [], "da")
    assert (eoj["A"], eoj["B"]) == ("uge 40 2023", "Q3 2024 (9 mdr. senere)")


# ----------------------------------------------------------- gaps closed later: every field, every output


def with_date_estimated(plan: loader.Plan, programme_id: str, milestone_id: str) -> loader.Plan:
    """The plan with one milestone's date marked `estimated: [date]`, as the edit page writes it (no `estimate`)."""
    import dataclasses

    from planner.plan import model

    data = next(p for p in plan.programmes if p.id == programme_id).model_dump(mode="json", exclude_defaults=True)
    for scenario in data["scenarios"]:
        for wave in scenario["waves"]:
            for mark in wave.get("milestones", []):
                if mark.get("id") == milestone_id:
                    mark["estimated"] = ["date"]
    changed = model.Programme.model_validate(data)
    return dataclasses.replace(plan, programmes=tuple(changed if p.id == programme_id else p for p in plan.programmes))


def test_a_date_named_in_estimated_is_marked_like_a_record_marked_as_a_whole(plan: loader.Plan) -> None:
    from planner.analysis import schedule
    from planner.presentation import export, tables
    from planner.presentation.charts import gantt_rows

    said = with_date_estimated(plan, "fk-org-sor", "pilot-test-day")
    deck = {s.key: s for s in pack_slides.slides(said, "da")}
    assert "24. nov. 2022 (anslået) FK-ORG/SOR: Pilottestdag" in deck["overview"].lines[1]  # the pack's next 90 days
    (mark,) = [m for _, _, m in schedule.milestones_between(said.programmes, said.status_date, said.status_date.replace(month=12)) if m.id == "pilot-test-day"]  # fmt: skip
    assert "(anslået)" in gantt_rows.milestone_mark(0, mark, "da").hover  # the Gantt
    assert tables.milestones([(said.programmes[1], None, mark)], "da")[0]["Dato"] == "24. nov. 2022 (anslået)"
    (row,) = [r for r in flat_tables.item_rows(said) if r["id"] == "pilot-test-day"]
    assert (row["estimate"], row["estimated"]) == (True, ["start", "end"])  # CSV and the workbook
    fk = next(p for p in export.to_dict(said)["programmes"] if p["id"] == "fk-org-sor")
    (json_mark,) = [
        m for s in fk["scenarios"] for w in s["waves"] for m in w["milestones"] if m["id"] == "pilot-test-day"
    ]
    assert json_mark["estimate"] is True


def test_the_packs_vendor_sentence_says_when_the_lateness_rests_on_estimates(plan: loader.Plan) -> None:
    deck = {s.key: s for s in pack_slides.slides(eoj_said_1_nov(plan), "da")}
    first, second = deck["vendors"].lines
    assert first == "I 5 af 8 leverandørsvar bliver leverandøren først klar efter bølgens idriftsættelse (anslået)"
    assert "61 dage" in second and "(anslået)" in second
    clean = {s.key: s for s in pack_slides.slides(plan, "da")}
    assert "anslået" not in " ".join(clean["vendors"].lines)  # nothing late, nothing estimated to say


def test_a_conversion_window_keeps_the_go_lives_written_precision() -> None:
    from planner.analysis import schedule
    from planner.plan import model
    from planner.presentation import tables

    scenario = model.Scenario.model_validate(
        {
            "id": "a",
            "name": "A",
            "waves": [
                {
                    "id": "w1",
                    "name": "1",
                    "parties": ["EOJ"],
                    "milestones": [{"name": "Go", "date": "2023-W40", "kind": "go-live"}],
                },
                {
                    "id": "w2",
                    "name": "2",
                    "parties": ["EPJ"],
                    "milestones": [{"name": "Go", "date": "2024-Q3", "kind": "go-live", "estimate": True}],
                },
            ],
        }
    )
    (window,) = schedule.conversion_windows(scenario)
    text = tables.conversion(window, "da")  # the pack's and the programme page's sentence
    assert "uge 40 2023" in text and "Q3 2024 (anslået)" in text and "2. okt." not in text


def test_the_app_marks_the_period_gone_when_it_rests_on_an_assumed_start() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("views/targets.py").run()
    assert [m.value for m in at.metric if m.label == "Andel af perioden, der er gået"] == ["92 % (anslået)"] * 2
    assert any(c.value.endswith("dec. 2020 (anslået) – 31. dec. 2022") for c in at.caption)  # an assumed start


def test_the_workbook_keeps_written_precision_and_names_each_estimated_date(plan: loader.Plan) -> None:
    book = load_workbook(io.BytesIO(report.build(plan, "xlsx", "da")))
    ws = book["Onboarding"]
    header = [c.value for c in ws[1]]
    faxe = next(r for r in ws.iter_rows(min_row=2) if r[header.index("Kommune")].value == "Faxe")
    date = faxe[header.index("Dato")]
    assert date.is_date and date.number_format == '"nov. "yyyy'  # a date cell that shows 'nov. 2022', not 1 Nov
    header, *rows = [list(r) for r in book["Faser og milepæle"].iter_rows(values_only=True)]
    rollout = next(r for r in rows if r[header.index("Navn")] == "Klargøring og udrulning")
    assert (rollout[header.index("Anslået")], rollout[header.index("Anslåede værdier")]) == ("Ja", "Start, Slut")
    header, *rows = [list(r) for r in book["Parathed"].iter_rows(values_only=True)]
    lps = next(r for r in rows if r[0] == "LPS-leverandører")
    assert lps[header.index("Anslået")] == "Ja" and lps[header.index("Oplyst")] == "okt. 2022"


def test_exported_rows_never_say_no_estimate_on_an_estimated_value() -> None:
    readiness = list(csv.DictReader(io.StringIO(cli("export", "data", "--format", "csv", "--table", "readiness"))))
    lps = next(r for r in readiness if r["vendor_id"] == "lps-vendors")
    assert (lps["estimate"], lps["estimated"]) == ("True", "as_of")
    targets = list(csv.DictReader(io.StringIO(cli("export", "data", "--format", "csv", "--table", "targets"))))
    assert {(t["start_written"], t["estimated"]) for t in targets} == {("2020-12-01", "start")}
    observations = list(
        csv.DictReader(io.StringIO(cli("export", "data", "--format", "csv", "--table", "observations")))
    )
    assumed = [o for o in observations if o["date"] == "2020-12-01"]
    assert assumed and all((o["estimate"], o["estimated"]) == ("True", "date value") for o in assumed)
    exported = json.loads(cli("export", "data", "--format", "json"))
    lps_json = next(v for v in exported["vendors"] if v["id"] == "lps-vendors")["readiness"][0]
    assert (lps_json["estimate"], lps_json["estimated"]) == (True, ["as_of"])
    fk = next(p for p in exported["programmes"] if p["id"] == "fk-org-sor")
    wave = next(w for w in fk["onboarding"]["waves"] if w["id"] == "wave-1")
    assert wave["estimated"] == ["size", "start", "end"]  # 'ca. 10' and its dates
