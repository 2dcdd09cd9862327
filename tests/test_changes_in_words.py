"""Ændringer in words people use: every kind of change since a baseline, in Danish and English, nothing raw."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner import editing
from planner.analysis import baselines, diff
from planner.presentation import diff_text, tables

ROOT = Path(__file__).resolve().parent.parent
KL = "programmes/kontaktlaege.yaml"
FK = "programmes/fk-org-sor.yaml"
FHIR = "programmes/fhir-km.yaml"


def edit(data: Path, file: str, *changes: editing.Change) -> None:
    editing.save_changes(data, editing.read(data, file), list(changes), "PM")


@pytest.fixture
def moved(tmp_path: Path) -> Path:
    """The shipped data frozen as 'kkr-2022-11', then one change of every kind made after it."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    baselines.freeze(str(data), "kkr-2022-11")
    E = editing.Edit
    edit(data, "vendors.yaml", E("vendors.yaml", ("vendors", 0, "readiness", 0, "as_of"), "2022-12-05"))
    edit(data, "vendors.yaml", E("vendors.yaml", ("vendors", 5, "readiness", 0, "state"), "at-risk"))
    edit(
        data,
        KL,
        editing.Append(KL, ("observations",), {"date": "2022-11-30", "values": {"municipalities": 40}}, ("date",)),
    )
    edit(data, KL, E(KL, ("scenarios", 0, "waves", 0, "phases", 1, "percent_complete"), 100))
    edit(data, FK, E(FK, ("onboarding", "status", 0, "state"), "live"))
    edit(data, FK, E(FK, ("scenarios", 0, "waves", 0, "milestones", 4, "date"), "2023-02-01"))
    edit(
        data,
        FHIR,
        E(FHIR, ("decisions", 0, "chosen"), "trinvis"),
        E(FHIR, ("decisions", 0, "decided_on"), "2022-12-14"),
    )
    edit(data, "portfolio.yaml", E("portfolio.yaml", ("status_date",), "2022-12-15"))
    return data


def lines(data: Path, lang: str) -> list[str]:
    from planner.plan import loader

    old, new = baselines.load_baseline(str(data), "kkr-2022-11"), loader.load(str(data))
    return [diff_text.describe(c, lang) for c in diff.changes(old, new)]


def test_every_kind_of_change_in_danish(moved: Path) -> None:
    assert lines(moved, "da") == [
        "Statusdato flyttet fra 3. nov. 2022 til 15. dec. 2022 (42 dage senere)",
        "FHIR-KM / Trinvis eller fælles idriftsættelse af FHIR-KM?: besluttet: Trinvis idriftsættelse (14. dec. 2022)",
        "FK-ORG/SOR / Projektplan / Projekt / Go-live: flyttet fra 1. jan. 2023 til 1. feb. 2023 (31 dage senere)",
        "FK-ORG/SOR / København: onboarding ændret fra I gang til I drift",
        "KontaktLæge / Projektplan / Projekt / Delprojekt: Fyrtårnskommuner: færdig ændret fra – til 100 %",
        "KontaktLæge: måling tilføjet (30. nov. 2022)",
        "Systematic (Cura) / FHIR-KM: oplyst-dato flyttet fra okt. 2022 til 5. dec. 2022 (65 dage senere)",
        "Epic / FHIR-KM: parathed ændret fra ingen (beregnes af datoerne) til Risiko for forsinkelse",
    ]


def test_every_kind_of_change_in_english(moved: Path) -> None:
    assert lines(moved, "en") == [
        "Status date moved from 3 Nov 2022 to 15 Dec 2022 (42 days later)",
        "FHIR-KM / Trinvis eller fælles idriftsættelse af FHIR-KM?: decided: Trinvis idriftsættelse (14 Dec 2022)",
        "FK-ORG/SOR / Projektplan / Projekt / Go-live: moved from 1 Jan 2023 to 1 Feb 2023 (31 days later)",
        "FK-ORG/SOR / København: onboarding changed from Onboarding to Live",
        "KontaktLæge / Projektplan / Projekt / Delprojekt: Fyrtårnskommuner: complete changed from – to 100 %",
        "KontaktLæge: count added (30 Nov 2022)",
        "Systematic (Cura) / FHIR-KM: date stated moved from Oct 2022 to 5 Dec 2022 (65 days later)",
        "Epic / FHIR-KM: readiness changed from none (derived from the dates) to At risk",
    ]


def test_the_changes_page_shows_names_and_no_raw_values(moved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANNER_DATA", str(moved))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("views/changes.py").run()
    at.selectbox(key="baseline").set_value("kkr-2022-11").run()
    assert not at.exception
    table = at.table[0]  # the page's own; the charts' data tables follow under each chart
    records = [{k: re.sub(r"\\(.)", r"\1", str(v)) for k, v in r.items()} for r in table.value.to_dict("records")]
    shown = "\n".join(v for r in records for v in r.values())
    assert "FHIR-KM" in shown and "Statusdato flyttet" in shown
    for raw in ("None", "nan", "fhir-km", "fk-org-sor", "kontaktlaege", "at-risk", "[", "readiness["):
        assert raw not in shown, raw
    rows = {r["Ændring"]: r for r in records}
    assert rows["Statusdato flyttet fra 3. nov. 2022 til 15. dec. 2022 (42 dage senere)"]["Forskydning (dage)"] == "+42"
    unknown = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    unknown.switch_page("views/changes.py").run()
    unknown.text_input(key="baseline-rev").input("findes-ikke").run()
    assert unknown.error and "findes-ikke" in unknown.error[0].value
    assert (
        unknown.error[0].value
        == "«findes-ikke» er hverken en gemt grundlinje eller en git-revision. Gemte grundlinjer: kkr-2022-11"
    )


def test_the_table_names_programmes_not_ids(moved: Path) -> None:
    from planner.plan import loader

    old, new = baselines.load_baseline(str(moved), "kkr-2022-11"), loader.load(str(moved))
    rows = tables.changes(diff.changes(old, new), "da", new.programmes)
    assert {r["Program"] for r in rows} == {"", "FHIR-KM", "FK-ORG/SOR", "KontaktLæge"}
