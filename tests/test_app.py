"""Every page run headless with Streamlit's AppTest, and the numbers it shows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import MEETING_PAGES

ROOT = Path(__file__).resolve().parent.parent
PAGES = MEETING_PAGES


def run(
    page: str | None = None,
    lang: str = "da",
    data_dir: str | None = None,
    monkeypatch: pytest.MonkeyPatch | None = None,
) -> AppTest:
    if data_dir and monkeypatch:
        monkeypatch.setenv("PLANNER_DATA", data_dir)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [s.value for s in at.subheader]
    parts += (
        [e.value for e in at.error]
        + [w.value for w in at.warning]
        + [i.value for i in at.info]
        + [s.value for s in at.success]
    )
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    for df in at.dataframe:
        parts.append(df.value.to_string())
    return "\n".join(str(p) for p in parts)


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_page_runs(page: str, lang: str) -> None:
    at = run(page, lang)
    assert figures(at), f"{page} draws no chart"


def test_overview_key_figures() -> None:
    at = run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Programmer"] == "9"
    # access to KAM and Telma (12 Dec 2022) is not a go-live; FK-ORG/SOR's 1 Jan 2023 is
    assert metrics["Næste idriftsættelse"] == "1. jan. 2023"
    # the EOJ vendors proposed 1 Nov 2024; a proposal is not lateness, so no vendor is behind the plan
    assert metrics["Leverandører, der er bagud"] == "0"
    assert metrics["Kommuner i gang eller i drift i mindst ét program"] == "4 af 98 (anslået)"
    body = texts(at)
    assert "Gul" not in body and "61 dage" not in body
    assert "– Ingen datoer i kilden" in body  # eCPR: the source gives no dates
    # no programme is green: the source gives no status, and none is computed from nothing
    assert "Grøn" not in body and "○ Ingen status i kilden" in body
    assert "Pilottestdag" in body  # a milestone within 90 days of 3 Nov 2022


def test_overview_gantt_has_status_line_at_the_status_date() -> None:
    (fig,) = figures(run())
    shapes = [s for s in fig["layout"]["shapes"] if s.get("name") == "status-date"]
    assert shapes and shapes[0]["x0"] == "2022-11-03"


def test_programme_comparison_numbers() -> None:
    body = texts(run("views/programme.py"))
    assert "1. dec. 2025 (15 mdr. senere)" in body
    assert "EPJ: 15 mdr." in body  # the stepwise plan's conversion window
    assert "EPJ skal konvertere fra 1. sep. 2024 til 1. dec. 2025 (15 mdr., 456 dage)" in body
    assert (
        "Kilde: KKR-digitaliseringsnetværksmøde 3. nov. 2022, dias «Ny korrespondancemeddelelse - proces og status»"
        in body
    )
    # nobody promised a date (the EOJ vendors proposed one): no plan makes anyone late
    unknown = "Uden lovet dato: Systematic (Cura), KMD (Nexus), EG (Sensum), Dedalus, Netcompany, Epic, Systematic (EPJ), LPS-leverandører"
    assert unknown in body and "For sent" not in body


def test_vendor_gap_in_days() -> None:
    body = texts(run("views/vendors.py"))
    # a proposal holds nothing back: no vendor said it would be late
    assert "Ingen leverandør holder en bølge tilbage" in body and "tilbage med" not in body


def test_targets_numbers() -> None:
    body = texts(run("views/targets.py"))
    assert "37 af 60 kommuner" in body
    assert "214 af 700 lægepraksisser" in body
    assert "1.733 konsultationer" in body
    assert "Kilde: KKR-digitaliseringsnetværksmøde 3. nov. 2022, dias «KontaktLæge»" in body
    # two observations 23 months apart, the first assumed: the pace is the average since then, and says so
    assert "kræver 11,5 pr. måned; gennemsnit siden 1. dec. 2020 (anslået): 1,6 pr. md." in body


def test_targets_in_english() -> None:
    body = texts(run("views/targets.py", lang="en"))
    assert "37 of 60" in body and "1,733" in body


def test_status_date_control_recomputes() -> None:
    import datetime as dt

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["as_of"] = dt.date(2023, 6, 1)
    at.run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Næste idriftsættelse"] == "1. sep. 2024"


def test_broken_file_still_renders_the_rest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "programmes" / "fhir-km.yaml").write_text("id: fhir-km\nname: [unclosed\n", encoding="utf-8")
    at = run(data_dir=str(data), monkeypatch=monkeypatch)
    shown = "\n".join(c.value for c in at.code)
    assert "programmes/fhir-km.yaml:3:1: YAML syntax error" in shown
    assert {m.label: m.value for m in at.metric}["Programmer"] == "8"
    at.switch_page("views/programme.py").run()
    assert not at.exception
