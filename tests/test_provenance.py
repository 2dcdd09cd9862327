"""Nothing false: where values come from, estimates marked wherever they show, views as of a date, stages.

The shipped data cites the KKR meeting deck of 3 Nov 2022 on every programme
and vendor; what the deck does not give is marked as an estimate (a whole
record, or the fields named in ``estimated``). ``validate --strict`` lists
what has neither.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.analysis import figures, schedule, status
from planner.plan import dates, loader, model, problems, provenance
from planner.plan.dates import Precision
from planner.plan.problems import Code
from planner.presentation import pack_slides, status_text
from tests.conftest import eoj_said_1_nov, minimal_copy

ROOT = Path(__file__).resolve().parent.parent
COVERS = (Code.NO_SOURCE, Code.MISQUOTED)  # for test_loader's every-code check


def validate(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planner", "validate", *args], cwd=cwd, capture_output=True, text=True)


def test_the_shipped_data_has_a_source_or_an_estimate_flag_for_every_value() -> None:
    done = validate("data", "--strict")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "[no-source]" not in done.stdout and "0 errors" in done.stdout


def test_every_shipped_quote_is_word_for_word_in_the_deck() -> None:
    done = validate("data", "--strict")
    assert "[misquoted]" not in done.stdout and (ROOT / "data" / "sources" / "kkr-2022-11-03.txt").is_file()


def test_strict_fails_on_an_altered_quote_with_its_place(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    vendors = data / "vendors.yaml"
    text = vendors.read_text(encoding="utf-8")
    assert "LPS kan se sig selv indgå i begge tidsplaner." in text
    vendors.write_text(text.replace("LPS kan se sig selv indgå i begge tidsplaner.", "LPS foretrækker trinvis."))
    assert validate(str(data)).returncode == 0  # a quote is checked by --strict, as sources are
    done = validate(str(data), "--strict")
    assert done.returncode == 1
    line = next(row for row in done.stdout.splitlines() if row.endswith("[misquoted]"))
    assert line.startswith(f"{data}/vendors.yaml:") and "vendors[7].source.quote: warning: this quote is not in" in line
    # line breaks and spaces are not words: the deck's own line break inside a quote is fine
    vendors.write_text(text.replace("og NetCompany) bakker", "og\n        NetCompany)   bakker"))
    assert "[misquoted]" not in validate(str(data), "--strict").stdout


def test_strict_locates_a_vendor_at_its_place_in_the_file_when_a_vendor_before_it_is_refused(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    vendors = data / "vendors.yaml"
    text = vendors.read_text(encoding="utf-8")
    text = text.replace("  - id: systematic-cura\n    name: Systematic\n    system: Cura\n    kind: EOJ\n",
                        "  - id: systematic-cura\n    name: Systematic\n    system: Cura\n    kind: NOPE\n", 1)  # fmt: skip
    vendors.write_text(text.replace("LPS kan se sig selv indgå i begge tidsplaner.", "LPS foretrækker trinvis."))
    done = validate(str(data), "--strict")
    assert any(row.endswith("[wrong-value]") or "vendors[0].kind" in row for row in done.stdout.splitlines()), (
        done.stdout
    )
    line = next(row for row in done.stdout.splitlines() if row.endswith("[misquoted]"))
    # the first vendor is not loaded, yet the misquoted one is named and placed as the file has it
    assert "vendors[7].source.quote: warning: this quote is not in" in line, line
    number = int(line.split(":")[1])  # the quote's value starts there (a folded quote: on the lines after)
    rows = vendors.read_text(encoding="utf-8").splitlines()
    assert any("LPS foretrækker trinvis." in row for row in rows[number - 1 : number + 2]), rows[number - 1]


def test_strict_lists_each_record_without_either_and_fails(tmp_path: Path) -> None:
    data = minimal_copy(tmp_path / "data")  # the fixture cites nothing
    plain = validate(str(data))
    assert plain.returncode == 0  # without --strict a missing source is not a problem
    done = validate(str(data), "--strict")
    assert done.returncode == 1
    lines = [line for line in done.stdout.splitlines() if line.endswith("[no-source]")]
    # the programme (line 1, its id) and the vendors: one line per outermost record, inner ones too
    assert (
        f"{data}/programmes/alpha.yaml:1:1: warning: this programme has no source and is not marked as an estimate; "
        in ("\n".join(lines))
    )
    assert any(line.startswith(f"{data}/vendors.yaml:2:5: vendors[0]: warning: this vendor") for line in lines)


def cited_copy(dest: Path, *, listed: str, cited: str) -> Path:
    """The minimal fixture with one document ``listed`` in the portfolio and programme alpha citing ``cited``."""
    data = minimal_copy(dest)
    portfolio = data / "portfolio.yaml"
    portfolio.write_text(
        portfolio.read_text(encoding="utf-8") + f"sources:\n  - {{id: {listed}, title: Deck}}\n", encoding="utf-8"
    )
    alpha = data / "programmes" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    alpha.write_text(text.replace("owner: MedCom\n", f"owner: MedCom\nsource: {{doc: {cited}}}\n"), encoding="utf-8")
    return data


def test_a_source_on_the_programme_covers_what_is_inside_it(tmp_path: Path) -> None:
    data = cited_copy(tmp_path / "data", listed="deck", cited="deck")
    plan = loader.load(str(data))
    assert plan.ok, [problems.format(p) for p in plan.problems]
    prog = plan.programme("alpha")
    assert prog is not None
    assert list(provenance.unsourced(prog)) == []
    beta_left = [i.loc for i in provenance.unsourced(plan.programme("beta"))]  # type: ignore[arg-type]
    assert () in beta_left


def test_a_source_naming_an_unknown_document_is_a_located_error(tmp_path: Path) -> None:
    data = cited_copy(tmp_path / "data", listed="kkr-2022-11-03", cited="kkr-2022-11-30")
    found = [problems.format(p) for p in loader.load(str(data)).problems]
    assert found == [
        f"{data}/programmes/alpha.yaml:4:15: source.doc: unknown source document 'kkr-2022-11-30'; "
        "did you mean 'kkr-2022-11-03'? If it is another document, add it under 'sources' in portfolio.yaml "
        "(id: kkr-2022-11-30, title, date) [unknown-reference]"
    ]
    far = cited_copy(tmp_path / "far", listed="kkr-2022-11-03", cited="telefon-kmd")
    (message,) = [p.message for p in loader.load(str(far)).problems]
    assert message.endswith("; add it under 'sources' in portfolio.yaml (id: telefon-kmd, title, date)")


def test_estimated_names_fields_of_its_record() -> None:
    with pytest.raises(ValueError, match="'readyby' is not a field of this record; did you mean 'ready_by'"):
        model.Readiness.model_validate({"programme": "x", "estimated": ["readyby"]})
    r = model.Readiness.model_validate({"programme": "x", "ready_by": "2024-11-01", "estimated": ["ready_by"]})
    assert r.inferred("ready_by") and not r.inferred("preferred_scenario")


@pytest.fixture(scope="module")
def plan() -> loader.Plan:
    return loader.load(str(ROOT / "data"))


def test_not_before_is_an_earliest_date_and_not_a_commitment(plan: loader.Plan) -> None:
    prog = plan.programme("fhir-km")
    assert prog is not None
    fits = {f.vendor.id: f for f in schedule.fits_for(prog, list(plan.vendors))}
    epic = fits["epic"]
    assert epic.promise is schedule.Promise.NOT_BEFORE and epic.gap_days is None and epic.fits is None
    assert epic.state is model.ReadinessState.UNKNOWN and epic.derived
    # a week later than its wave's go-live, an earliest date is a certain delay of at least that long
    later = schedule.vendor_fit(
        epic.vendor, epic.readiness.model_copy(update={"not_before": dates.parse("2025-12-08")}), epic.scenario
    )
    assert (later.gap_days, later.fits, later.state) == (7, False, model.ReadinessState.LATE)
    # had the EOJ vendors said 1 Nov 2024 (an estimated ready-by), it would be a commitment 61 days late
    said = eoj_said_1_nov(plan)
    cura = next(f for f in schedule.fits_for(prog, list(said.vendors)) if f.vendor.id == "systematic-cura")
    assert (cura.promise, cura.gap_days, cura.state, cura.derived, cura.estimated) == (
        schedule.Promise.READY_BY,
        61,
        model.ReadinessState.LATE,
        True,
        True,
    )


def test_a_view_as_of_a_date_uses_only_what_was_said_by_then(plan: loader.Plan) -> None:
    before = dt.date(2021, 6, 1)
    assert all(not v.readiness for v in schedule.known_on(plan.vendors, before))
    assert figures.key_figures(plan, before, lambda _: schedule.known_on(plan.vendors, before)).late == ()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["as_of"] = before
    at.run()
    at.switch_page("views/vendors.py").run()
    assert not at.exception
    shown = "\n".join(str(c.proto.spec) for c in at.get("plotly_chart"))
    assert "nov. 2024" not in shown and "tidligst 1. dec. 2025" not in shown  # the October 2022 statements


def test_a_status_comes_from_evidence_only(plan: loader.Plan) -> None:
    ecpr, fhir, law = plan.programme("ecpr"), plan.programme("fhir-km"), plan.programme("aeldrelov")
    assert ecpr is not None and fhir is not None and law is not None
    none = status.programme_status(ecpr, plan.vendors, plan.status_date)
    assert none.stage is status.Stage.NO_DATES and none.rag is None
    assert status_text.label(none, "da") == "– Ingen datoer i kilden"
    assert status_text.reason(none, "da") == "kilden giver ingen datoer for programmet"
    # every dated item of Ny ældrelov is long past, yet the source presents an ongoing process: not finished
    later = status.programme_status(law, [], dt.date(2030, 1, 1))
    assert later.stage is status.Stage.PLANNED and status_text.label(later, "da") == "○ Ingen status i kilden"
    ended = law.model_copy(update={"finished": dates.parse("2023-06")})
    assert status.programme_status(ended, [], dt.date(2023, 5, 31)).stage is status.Stage.PLANNED
    done = status.programme_status(ended, [], dt.date(2023, 7, 1))
    assert done.stage is status.Stage.FINISHED and status_text.label(done, "en") == "■ Finished"
    assert status_text.reason(done, "en") == "the source says the programme has ended"
    # a plan with nothing wrong and no status given is grey, never a green nobody gave
    grey = status.programme_status(fhir, plan.vendors, plan.status_date)
    assert grey.stage is status.Stage.PLANNED and grey.rag is None
    assert status_text.label(grey, "en") == "○ No status in the source"
    given = fhir.model_copy(update={"rag": model.Rag(status=model.RagStatus.GREEN, reason="Styregruppen: på plan")})
    assert (
        status_text.label(status.programme_status(given, plan.vendors, plan.status_date), "da") == "✓ Grøn (vurderet)"
    )
    counts = status_text.counts(
        [status.programme_status(p, plan.vendors, plan.status_date) for p in plan.programmes], "da"
    )
    # FHIR-KM is not amber: the EOJ vendors proposed a date, they did not say they would be late
    assert counts == "9 programmer: 1 rødt, 7 uden status, 1 uden datoer", counts


def test_the_next_90_days_list_only_items_dated_to_a_day_week_or_month(plan: loader.Plan) -> None:
    # FSIII's implementation "starts 2023" and falls within 90 days of 3 Nov 2022 only if read as 1 Jan 2023
    soon = figures.coming(plan, plan.status_date, days=90)
    assert soon and all(m.date.precision in (Precision.DAY, Precision.WEEK, Precision.MONTH) for _, _, m in soon)
    assert not any(m.date.text == "2023" for _, _, m in soon)


def test_the_meeting_pack_ends_with_its_sources_and_shows_a_programme_without_a_plan(plan: loader.Plan) -> None:

    deck = pack_slides.slides(plan, "da")
    last = deck[-1]
    assert last.title == "Kilder" and last.lines[0].startswith("KKR-digitaliseringsnetværksmøde 3. nov. 2022: ")
    rows = {row["Hvad"]: row for row in last.table or []}
    assert rows["FHIR-KM"]["Kilde"] == (
        "KKR-digitaliseringsnetværksmøde 3. nov. 2022, dias «Ny korrespondancemeddelelse - proces og status»: "
        '"Det er besluttet, at FHIR-KM skal implementeres nationalt"'
    )
    assert rows["Epic"]["Anslåede poster"] == "0" and rows["Systematic (Cura)"]["Anslåede poster"] == "0"
    assert rows["LPS-leverandører"]["Anslåede poster"] == "1"  # the date of its statement is assumed
    (ecpr,) = [s for s in deck if s.title == "Erstatnings-CPR (eCPR)"]
    assert ecpr.lines[0] == "– Ingen datoer i kilden: kilden giver ingen datoer for programmet" and ecpr.figure is None


def test_current_pace_is_over_recent_observations_and_says_over_which() -> None:
    from planner.analysis import progress
    from planner.presentation import status_text

    target = model.Target.model_validate(
        {"id": "t", "metric": "m", "target": 100, "start": "2022-01", "due": "2023-12"}
    )
    points = (
        progress.Point(date=dt.date(2022, 1, 1), value=0, estimate=True),
        progress.Point(date=dt.date(2022, 6, 1), value=50, estimate=False),
        progress.Point(date=dt.date(2022, 9, 1), value=53, estimate=False),
    )
    recent = progress.TargetProgress(target, None, dt.date(2022, 10, 1), points)
    basis = recent.pace_basis
    assert basis is not None and basis.recent and not basis.estimated and basis.since == dt.date(2022, 6, 1)
    assert status_text.pace(basis, "da") == "tempo de seneste 6 mdr.: 1,0 pr. md."
    since = progress.TargetProgress(target, None, dt.date(2022, 10, 1), points[:1] + points[2:])
    assert status_text.pace(since.pace_basis, "en") == "average since 1 Jan 2022 (estimate): 6.6 a month"
    assert status_text.pace(
        progress.TargetProgress(target, None, dt.date(2022, 2, 1), points[:1]).pace_basis, "da"
    ) == ("intet tempo endnu (under to målinger)")


def test_the_status_follows_the_scenario_shown_and_the_what_if(plan: loader.Plan) -> None:
    from planner.analysis import whatif

    fhir = plan.programme("fhir-km")
    assert fhir is not None
    assert status.programme_status(fhir, plan.vendors, plan.status_date).rag is None  # no one said late
    plan = eoj_said_1_nov(plan)  # had the EOJ vendors said they could be ready 1 Nov 2024
    stepwise = status.programme_status(fhir, plan.vendors, plan.status_date)
    assert stepwise.rag is status.Rag.AMBER  # the EOJ vendors, 61 days after wave 1's 1 Sep 2024
    november = status.programme_status(fhir, plan.vendors, plan.status_date, fhir.scenario("trinvis-nov"))
    assert november.rag is None  # the plan they proposed: nothing deviates
    out = whatif.outcome(fhir, fhir.plan_of_record, plan.vendors, wave_id="wave-1", days=61)
    moved = status.programme_status(fhir, out.vendors, plan.status_date, out.moved.scenario)
    assert moved.rag is None
    assert out.programme(fhir).scenario("trinvis") == out.moved.scenario
    # moving wave 1's go-live before its test ends is a contradiction the what-if shows
    early = whatif.outcome(fhir, fhir.plan_of_record, plan.vendors, wave_id="wave-1", days=-200)
    assert any("is before 'Test og certificering' ends (2024-Q2)" in w for w in early.warnings)
    assert out.warnings == ()


def test_a_statement_older_than_half_a_year_on_the_day_viewed_shows_its_date(plan: loader.Plan) -> None:
    from planner.presentation.charts import vendors as vendor_charts

    now = vendor_charts.readiness_matrix(plan, "da", as_of=plan.status_date).data[0].text
    later = vendor_charts.readiness_matrix(plan, "da", as_of=dt.date(2023, 6, 1)).data[0].text
    assert not any("gammelt" in cell for row in now for cell in row)
    assert later[0][0].endswith("<br>oplyst okt. 2022 – over et halvt år gammelt")
