"""Each fact of the source document (shared/seed/FACTS.md) is in the export.

The export is what Excel and Power BI users see, so the facts are asserted
on it, not on internal records.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def export() -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "planner", "export", "data", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def programme(export: dict[str, Any], pid: str) -> dict[str, Any]:
    return next(p for p in export["programmes"] if p["id"] == pid)


def scenario(prog: dict[str, Any], sid: str) -> dict[str, Any]:
    return next(s for s in prog["scenarios"] if s["id"] == sid)


def go_lives(scen: dict[str, Any]) -> dict[str, str]:
    return {w["id"]: w["go_live"]["date"] for w in scen["waves"] if w["go_live"]}


def test_status_date_is_the_meeting(export: dict[str, Any]) -> None:
    assert export["status_date"] == {"text": "2022-11-03", "precision": "day", "date": "2022-11-03"}
    assert [m["date"]["text"][:7] for m in export["meetings"]] == ["2022-03", "2022-06", "2022-11"]


def test_fhir_km_both_plans_and_the_alternative(export: dict[str, Any]) -> None:
    fhir = programme(export, "fhir-km")
    assert fhir["owner"] == "MedCom"
    stepwise = scenario(fhir, "trinvis")
    assert stepwise["plan_of_record"] is True
    assert go_lives(stepwise) == {"wave-1": "2024-09-01", "wave-2": "2025-12-01"}
    assert go_lives(scenario(fhir, "trinvis-nov"))["wave-1"] == "2024-11-01"
    assert list(go_lives(scenario(fhir, "faelles")).values()) == ["2025-12-01"]
    assert "XMEDBIN" in stepwise["conversion_note"] and "VANS" in stepwise["conversion_note"]
    # the source does not say that wave 2 waits for wave 1
    assert all(w["after"] == [] for s in fhir["scenarios"] for w in s["waves"])
    # "Flere regioner og Danske Regioner" asked for a central conversion service, in both stepwise plans
    for sid in ("trinvis", "trinvis-nov"):
        assert "Flere regioner og Danske Regioner" in scenario(fhir, sid)["conversion_note"]
    assert fhir["source"] == {
        "doc": "kkr-2022-11-03",
        "slide": "Ny korrespondancemeddelelse - proces og status",
        "quote": "Det er besluttet, at FHIR-KM skal implementeres nationalt",
    }


@pytest.mark.parametrize(
    ("scen", "wave", "phase", "start", "end"),
    [
        ("trinvis", "wave-1", "dev", "2023-01-01", "2024-03-31"),
        ("trinvis", "wave-1", "test", "2023-07-01", "2024-06-30"),
        ("trinvis", "wave-2", "dev", "2024-01-01", "2025-03-31"),
        ("trinvis", "wave-2", "test", "2024-10-01", "2025-09-30"),
        ("faelles", "joint", "dev", "2023-01-01", "2025-03-31"),
        ("faelles", "joint", "test", "2023-07-01", "2025-06-30"),
    ],
)
def test_fhir_km_phases_resolve_quarters(
    export: dict[str, Any], scen: str, wave: str, phase: str, start: str, end: str
) -> None:
    w = next(w for w in scenario(programme(export, "fhir-km"), scen)["waves"] if w["id"] == wave)
    p = next(p for p in w["phases"] if p["id"] == phase)
    assert (p["start"]["date"], p["end"]["date"]) == (start, end)
    assert p["estimate"] is False
    assert p["end"]["precision"] in ("quarter", "year")


def test_rollout_phases_are_estimates(export: dict[str, Any]) -> None:
    for scen in programme(export, "fhir-km")["scenarios"]:
        rollouts = [p for w in scen["waves"] for p in w["phases"] if p["id"] == "rollout"]
        assert rollouts and all(p["estimate"] for p in rollouts)


def test_fhir_km_decision_and_pl_forum(export: dict[str, Any]) -> None:
    ms = {m["date"]["date"]: m["kind"] for m in programme(export, "fhir-km")["milestones"]}
    assert ms["2022-11-22"] == "meeting"
    assert ms["2022-12-14"] == "decision"


def test_vendor_readiness_october_2022(export: dict[str, Any]) -> None:
    vendors = {v["id"]: v for v in export["vendors"]}
    eoj = [v for v in vendors.values() if v["kind"] == "EOJ"]
    assert sorted(v["name"] for v in eoj) == ["Dedalus", "EG", "KMD", "Netcompany", "Systematic"]
    for v in eoj:
        (r,) = v["readiness"]
        # they support the stepwise plan and *propose* 1 Nov 2024 for wave 1: a position, not a ready date,
        # so nobody is late; the deck gives them no ready date and no state
        assert (r["ready_by"], r["preferred_scenario"], r["wave_go_live"], r["gap_days"]) == (
            None,
            "",
            "2024-09-01",
            None,
        )
        assert (r["state"], r["state_derived"]) == ("unknown", True)
        # the quote is the deck's own bullet, word for word (validate --strict checks it against the deck)
        assert r["source"]["slide"] == "EOJ- og EPJ-tilbagemeldinger"
        assert r["source"]["quote"].endswith("bakker op om trinvis idriftsættelse")
    epj = [v for v in vendors.values() if v["kind"] == "EPJ"]
    # the deck names no EPJ product: no "EPJ-system" presented as one
    assert sorted(v["name"] for v in epj) == ["Epic", "Systematic (EPJ)"] and all(not v["system"] for v in epj)
    for v in epj:
        (r,) = v["readiness"]
        # "cannot be ready before 1 Dec 2025": an earliest date, not a commitment, and no state in the source
        assert (r["ready_by"], r["not_before"], r["preferred_scenario"], r["gap_days"]) == (
            None,
            "2025-12-01",
            "faelles",
            None,
        )
        assert (r["state"], r["state_derived"]) == ("unknown", True)
    (lps,) = [v for v in vendors.values() if v["kind"] == "LPS"]
    (r,) = lps["readiness"]
    assert (r["state"], r["state_derived"], r["ready_by"], r["not_before"]) == ("unknown", True, None, None)
    # "LPS kan se sig selv indgå i begge tidsplaner": no preferred plan, and a quote of that bullet alone
    assert not r["preferred_scenario"] and r["source"]["quote"] == "LPS kan se sig selv indgå i begge tidsplaner."


def test_fk_org_sor(export: dict[str, Any]) -> None:
    sor = programme(export, "fk-org-sor")
    assert sor["owner"] == "KOMBIT"
    ms = [m for w in scenario(sor, "plan")["waves"] for m in w["milestones"]]
    assert {"2023-01-01": "go-live", "2022-11-24": "pilot"}.items() <= {
        m["date"]["date"]: m["kind"] for m in ms if not m["estimate"]
    }.items()
    onb = sor["onboarding"]
    assert onb["duration_months"] == 3
    pilot = onb["waves"][0]
    assert sorted(pilot["members"]) == ["Aalborg", "Faxe", "København", "Næstved"]
    sizes = [w["size"] for w in onb["waves"][1:]]
    # "lille bølge m. ca 10 kommuner": about ten, not exactly ten
    assert sizes == [{"min": 10, "max": 10, "approximate": True}] + [{"min": 25, "max": 30, "approximate": False}] * 3
    assert all(w["estimate"] for w in onb["waves"][1:])
    states = Counter(m["state"] for m in onb["municipalities"])
    assert len(onb["municipalities"]) == 98
    assert states["unassigned"] == 94
    # the source names the pilot municipalities, not that they are onboarding nor since when
    assert all(m["estimate"] for m in onb["municipalities"] if m["wave"] == "pilot")
    assert "Capgemini holder onlinemøder" in sor["summary"] and "Udvikles af" not in sor["summary"]
    assert {m["name"] for m in onb["municipalities"] if m["wave"] == "pilot"} == {
        "Aalborg",
        "Faxe",
        "København",
        "Næstved",
    }


def test_kontaktlaege_targets_and_uptake(export: dict[str, Any]) -> None:
    kl = programme(export, "kontaktlaege")
    targets = {t["metric"]: (t["target"], t["due"]["date"]) for t in kl["targets"]}
    assert targets == {"municipalities": (60, "2022-12-31"), "gp_practices": (700, "2022-12-31")}
    # the source gives the period's end, not its start: the start 2020-12-01 and the zero values are assumptions
    assert all(t["estimated"] == ["start"] for t in kl["targets"])
    assert next(o for o in kl["observations"] if o["date"]["date"] == "2020-12-01")["estimate"] is True
    phases = {p["id"]: (p["start"]["date"], p["end"]["date"]) for w in kl["scenarios"][0]["waves"] for p in w["phases"]}
    assert ("2021-01-01", "2022-12-31") in phases.values()
    assert ("2022-03-01", "2022-06-30") in phases.values()
    assert ("2022-06-07", "2022-12-15") in phases.values()
    obs = next(o for o in kl["observations"] if o["date"]["date"] == "2022-10-31")
    assert obs["values"] == {"municipalities": 37, "gp_practices": 214, "video_consultations": 1733}
    assert obs["breakdown"] == {
        "Hovedstaden": {"municipalities": 7, "gp_practices": 27, "video_consultations": 98},
        "Syddanmark": {"municipalities": 10, "gp_practices": 55, "video_consultations": 622},
        "Midtjylland": {"municipalities": 13, "gp_practices": 94, "video_consultations": 627},
        "Sjælland": {"municipalities": 4, "gp_practices": 13, "video_consultations": 266},
        "Nordjylland": {"municipalities": 3, "gp_practices": 25, "video_consultations": 120},
    }
    for metric, total in obs["values"].items():
        assert sum(region[metric] for region in obs["breakdown"].values()) == total
    # the table counts practices using KontaktLæge, not the virtual waiting room
    names = {m["id"]: m["name"] for m in kl["metrics"]}
    assert (
        names["gp_practices"] == "Lægepraksisser, der anvender KontaktLæge"
        and "venteværelse" not in names["gp_practices"]
    )


def test_no_number_is_cited_to_the_deck_that_the_deck_does_not_give(export: dict[str, Any]) -> None:
    deck = (ROOT / "data" / "sources" / "kkr-2022-11-03.txt").read_text(encoding="utf-8")
    assert "98 kommuner" not in deck  # the 98 is the reference list's, not the deck's
    fk = programme(export, "fk-org-sor")
    assert "98" not in fk["summary"]
    assert "98 ifølge referencelisten" in fk["onboarding"]["note"]
    kl = programme(export, "kontaktlaege")
    (muni,) = [t for t in kl["targets"] if t["metric"] == "municipalities"]
    assert "referencelisten" in muni["note"]
    # Ny ældrelov: the government's work, which KL presented; not a KL programme
    law = programme(export, "aeldrelov")
    assert (law["owner"], law["presented_by"]) == ("Regeringen", "KL (Mia Francis Ferneborg)")
    assert "Mia Francis Ferneborg, KL" in deck and "regeringen" in deck


def test_fut_telma_dates(export: dict[str, Any]) -> None:
    fut = programme(export, "fut-telma")
    scen = fut["scenarios"][0]
    dates = {m["date"]["date"] for w in scen["waves"] for m in w["milestones"]}
    assert {"2022-12-01", "2022-12-08", "2022-12-12", "2023-02-02"} <= dates
    waves = {w["id"]: w for w in scen["waves"]}
    nord_training = waves["nord"]["phases"][0]
    assert (nord_training["start"]["date"], nord_training["start"]["precision"]) == ("2023-01-16", "week")
    pilots = {
        wid: next(m for m in w["milestones"] if m["kind"] == "pilot") for wid, w in waves.items() if wid != "common"
    }
    assert pilots["nord"]["date"]["text"] == "2023-W04"
    assert pilots["sjaelland"]["estimate"] is True and pilots["sjaelland"]["date"]["date"] == "2023-04-01"
    access = next(m for w in scen["waves"] for m in w["milestones"] if m["date"]["date"] == "2022-12-12")
    assert access["kind"] == "other"  # access to KAM and Telma is not a go-live
    qa = [p for p in waves["common"]["phases"] if p["start"]["date"] == "2022-12-15"]
    assert qa and qa[0]["end"]["date"] == "2023-03-23"


def test_other_dated_items(export: dict[str, Any]) -> None:
    ids = {p["id"] for p in export["programmes"]}
    assert {"fsiii", "aeldrelov", "sor-vejledning", "digitaliseringsstrategi", "ecpr"} <= ids
    strategy = programme(export, "digitaliseringsstrategi")["scenarios"][0]["waves"][0]["phases"][0]
    assert (strategy["start"]["date"], strategy["end"]["date"]) == ("2022-01-01", "2025-12-31")
    guidance = programme(export, "sor-vejledning")["scenarios"][0]["waves"][0]["milestones"]
    assert next(m for m in guidance if m["date"]["text"] == "2022-09")["kind"] == "other"  # a first version, no go-live
    ecpr = programme(export, "ecpr")
    assert all(not w["phases"] and not w["milestones"] for s in ecpr["scenarios"] for w in s["waves"])


def test_reference_98_municipalities_in_5_regions(export: dict[str, Any]) -> None:
    munis = export["municipalities"]
    assert len(munis) == 98 and len({m["code"] for m in munis}) == 98
    assert Counter(m["region"] for m in munis) == {
        "Hovedstaden": 29,
        "Sjælland": 17,
        "Syddanmark": 22,
        "Midtjylland": 19,
        "Nordjylland": 11,
    }


def test_no_personal_contact_data_in_shipped_files() -> None:
    import re

    for path in (ROOT / "data").rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\w.]+@[\w.]+\.\w+", text), path
        assert not re.search(r"\b\d{8}\b|\+45", text), path


def test_every_shipped_file_points_at_its_schema() -> None:
    for path in (ROOT / "data").rglob("*.yaml"):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target.exists(), f"{path}: schema {target} missing"


def test_checked_in_schema_is_current() -> None:
    from planner.plan import schema

    for name, text in schema.generate().items():
        assert (ROOT / "data" / "schema" / name).read_text(encoding="utf-8") == text, (
            f"run `python -m planner schema` ({name})"
        )


def test_every_programme_quotes_its_own_slide(export: dict[str, Any]) -> None:
    deck = " ".join((ROOT / "data" / "sources" / "kkr-2022-11-03.txt").read_text(encoding="utf-8").split())
    for prog in export["programmes"]:
        source = prog["source"]
        assert source["quote"], prog["id"]
        assert " ".join(source["quote"].split()) in deck, prog["id"]
        # the slide is named as the deck names it (case aside), so a reader can find it
        assert " ".join(source["slide"].split(";")[0].split()).casefold() in deck.casefold(), prog["id"]
