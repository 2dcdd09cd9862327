"""The edit page: read-only by default, sign-in, safe saves, no edit controls on the projector."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner import editing
from planner.plan import loader, model
from tests.conftest import eoj_said_1_nov_folder

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "korrekt hest batteri"


@pytest.fixture
def data(app_data: Path) -> Path:
    return app_data


def edit_page(enabled: bool | None, *, projector: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if enabled is not None:
        at.secrets["editing"] = {"enabled": enabled, "password": PASSWORD}
    if projector:
        at.query_params["mode"] = "projector"
    at.run()
    at.switch_page("views/edit.py").run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def sign_in(at: AppTest, password: str) -> AppTest:
    at.text_input[0].input("MedCom projektleder")
    at.text_input[1].input(password)
    at.button[0].click().run()  # the form's submit button
    assert not at.exception
    return at


def edit_controls(at: AppTest) -> int:
    return sum(1 for b in at.button if b.label == "Gem")


@pytest.mark.usefixtures("data")
def test_read_only_without_configuration() -> None:
    at = edit_page(None)
    assert "skrivebeskyttet" in at.info[0].value
    assert edit_controls(at) == 0 and len(at.text_input) == 0


@pytest.mark.usefixtures("data")
def test_wrong_password_gets_no_edit_controls() -> None:
    at = sign_in(edit_page(True), "forkert")
    assert "Forkert navn eller adgangskode" in at.error[0].value
    assert edit_controls(at) == 0


@pytest.mark.usefixtures("data")
def test_right_password_gets_edit_controls() -> None:
    at = sign_in(edit_page(True), PASSWORD)
    assert edit_controls(at) >= 5


@pytest.mark.usefixtures("data")
def test_disabled_even_with_password_set() -> None:
    at = edit_page(False)
    assert edit_controls(at) == 0 and len(at.text_input) == 0


@pytest.mark.usefixtures("data")
def test_projector_mode_never_shows_edit_controls() -> None:
    at = edit_page(True, projector=True)
    assert edit_controls(at) == 0 and len(at.text_input) == 0


def test_saving_a_readiness_state_changes_one_line_and_logs_it(data: Path) -> None:
    before = (data / "vendors.yaml").read_text(encoding="utf-8")
    at = sign_in(edit_page(True), PASSWORD)
    at.selectbox(key="ed-readiness").set_value(0).run()
    form_state = next(s for s in at.selectbox if s.label == "Status")
    # choose 'late' for the first vendor (Systematic Cura)
    late = [o for o in form_state.options if "Forsinket" in str(o)]
    assert late
    form_state.select(late[0])
    next(b for b in at.button if b.label == "Gem").click().run()
    assert not at.exception
    assert any("Gemt i vendors.yaml" in s.value for s in at.success)
    after = (data / "vendors.yaml").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [("        state: at-risk", "        state: late")]
    plan = loader.load(str(data))
    assert plan.ok and plan.vendors[0].readiness[0].state is model.ReadinessState.LATE
    (entry,) = editing.changelog(str(data))
    assert (entry["old"], entry["new"], entry["who"]) == ("at-risk", "late", "MedCom projektleder")


def test_a_partial_regional_breakdown_saved_from_the_form_never_changes_the_national_figure(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only Hovedstaden filled in on the 'Ny måling' form: refused until the national figure is given."""
    from tests.test_app import run, texts

    at = sign_in(edit_page(True), PASSWORD)
    assert any(n.label == "Lægepraksisser, der anvender KontaktLæge" for n in at.number_input)
    file = data / "programmes" / "kontaktlaege.yaml"
    seen = editing.read(data, "programmes/kontaktlaege.yaml")
    plan = loader.load(str(data))
    prog = plan.programme("kontaktlaege")
    assert prog is not None
    found = editing.draft(
        when=plan.portfolio.status_date.first,
        totals={},
        regions=[("Hovedstaden", {"gp_practices": 30})],
        region_name=plan.reference.region,
        previous=editing.known(editing.value_at(editing.parse(seen), ("observations",))),
    )
    assert found.item is None  # what the form's button is disabled on
    found = editing.draft(
        when=plan.portfolio.status_date.first,
        totals={"gp_practices": 230.0},
        regions=[("Hovedstaden", {"gp_practices": 30.0})],
        region_name=plan.reference.region,
    )
    assert found.item is not None
    editing.save_changes(
        data, seen, [editing.Append(seen.file, ("observations",), found.item, key=("date",))], "MedCom"
    )
    assert "gp_practices: 230\n" in file.read_text(encoding="utf-8")
    body = texts(run("views/targets.py", data_dir=str(data), monkeypatch=monkeypatch))
    assert "230 af 700 lægepraksisser" in body and not re.search(r"(?<![\d.])30 af 700", body)


def test_the_edit_page_speaks_english_when_switched(data: Path) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["editing"] = {"enabled": True, "password": PASSWORD}
    at.session_state["lang"] = "en"
    at.run()
    at.switch_page("views/edit.py").run()
    at.text_input[0].input("MedCom")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    labels = {b.label for b in at.button} | {t.label for t in at.text_input} | {c.label for c in at.checkbox}
    assert {"Save", "Sign out", "Source (short)", "Reported", "Ready by is an estimate"} <= labels
    assert not {"Gem", "Log ud", "Kilde (kort)", "Oplyst"} & labels
    seen = editing.read(data, "vendors.yaml")
    editing.save_changes(data, seen, editing.edits(seen, ("vendors", 0, "readiness", 0), {"note": "other"}), "Anna")
    note = next(t for t in at.text_area if t.label == "Note")
    note.input("mine")
    next(b for b in at.button if b.label == "Save").click().run()
    assert any("Not saved: the same values were changed since you opened the form (Anna (" in e.value for e in at.error)


# ------------------------------------------------------------ forms that tell the truth


def ticks(at: AppTest, form: str = "readiness-") -> dict[str, bool]:
    """The estimate ticks of one form (other tabs have ticks with the same labels)."""
    return {c.label: c.value for c in at.checkbox if c.key and c.key.startswith(form)}


def test_a_value_named_under_estimated_shows_as_an_estimate_and_keeps_its_mark(data: Path) -> None:
    eoj_said_1_nov_folder(data)  # a ready-by date marked with estimated: [ready_by]
    at = sign_in(edit_page(True), PASSWORD)
    assert at.selectbox(key="ed-readiness").options[0] == "Systematic (Cura) · FHIR-KM"  # the first, shown
    shown = ticks(at)
    assert shown["Klar senest er anslået"] is True  # estimated: [ready_by]
    assert shown["Oplyst er anslået"] is False and shown["Status er anslået"] is False
    before = (data / "vendors.yaml").read_text(encoding="utf-8")
    next(b for b in at.button if b.label == "Gem").click().run()
    assert (data / "vendors.yaml").read_text(encoding="utf-8") == before  # nothing changed, nothing written
    assert any("Intet er ændret" in i.value or "ingen ændringer" in i.value.lower() for i in at.info)

    tick = {c.label: c for c in at.checkbox if c.key and c.key.startswith("readiness-")}
    tick["Klar senest er anslået"].uncheck()
    tick["Oplyst er anslået"].check()
    next(b for b in at.button if b.label == "Gem").click().run()
    first = editing.value_at(editing.parse(editing.read(data, "vendors.yaml")), ("vendors", 0, "readiness", 0))
    assert first["estimated"] == ["as_of"] and str(first["ready_by"]) == "2024-11-01"


@pytest.mark.usefixtures("data")
def test_the_forms_edit_every_statement_whatever_the_status_date() -> None:
    import datetime as dt

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["editing"] = {"enabled": True, "password": PASSWORD}
    at.session_state["as_of"] = dt.date(2022, 1, 1)  # before every vendor's statement (as of Oct 2022)
    at.run()
    at.switch_page("views/edit.py").run()
    sign_in(at, PASSWORD)
    listed = at.selectbox(key="ed-readiness").options
    assert len(listed) == 8, listed  # the vendors' statements are there to edit, though the views hide them
