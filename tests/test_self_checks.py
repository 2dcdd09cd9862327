"""The plan checks itself: located warnings where its own dates contradict each other.

Each warning is a case built from the small valid fixture with one date
moved, and the exact line ``validate`` prints for it. Warnings never hide
the record: the plan still loads and every view shows it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from planner.plan import loader, problems
from planner.plan.problems import Code
from tests.conftest import eoj_said_1_nov_folder, minimal_copy

COVERS = (
    Code.GO_LIVE_BEFORE_WORK_ENDS,
    Code.STARTS_BEFORE_PREDECESSOR_ENDS,
    Code.MILESTONE_BEFORE_WAVE,
    Code.NOT_READY_BY_GO_LIVE,
)
ROOT = Path(__file__).resolve().parent.parent

CASES = [
    (
        "programmes/alpha.yaml",
        "            date: 2024-01-01\n            kind: go-live",
        "            date: 2023-10-01\n            kind: go-live",
        "programmes/alpha.yaml:30:19: scenarios[0].waves[0].milestones[0].date: warning: go-live 2023-10-01 is before "
        "'Test' ends (2023-12-31); move the go-live or the phase [go-live-before-work-ends]",
    ),
    (
        "programmes/alpha.yaml",
        "            start: 2023-W27",
        "            start: 2023-05",
        "programmes/alpha.yaml:26:21: scenarios[0].waves[0].phases[1].after[0]: warning: 'Test' starts 2023-05, before "
        "'Development' ends (2023-06), which it waits for; move the start or remove the 'after' "
        "[starts-before-predecessor-ends]",
    ),
    (
        "programmes/alpha.yaml",
        "            date: 2024-01-01\n            kind: go-live",
        "            date: 2022-12\n            kind: go-live",
        "programmes/alpha.yaml:30:19: scenarios[0].waves[0].milestones[0].date: warning: 'Go-live' (2022-12) is before "
        "the wave's first phase starts (2023-01-01); check the date or the wave [milestone-before-wave]",
    ),
    (
        "vendors.yaml",
        "        ready_by: 2023-Q4",
        "        ready_by: 2024-03",
        "vendors.yaml:10:19: vendors[0].readiness[0].ready_by: warning: ready 2024-03, 60 days after Wave 1's go-live "
        "2024-01-01 in plan 'main'; the wave goes live without this vendor unless one of the dates moves "
        "[not-ready-by-go-live]",
    ),
]


def changed(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, loader.Plan]:
    """The small valid fixture with ``old`` replaced by ``new`` in ``file``, loaded."""
    data = minimal_copy(tmp_path / "data")
    path = data / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data, loader.load(str(data))


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES, ids=[c[3].rsplit("[", 1)[1][:-1] for c in CASES])
def test_a_contradiction_is_a_located_warning_and_the_record_stays(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    data, plan = changed(tmp_path, file, old, new)
    found = [problems.format(p) for p in plan.problems]
    assert f"{data}/{expected}" in found, found
    assert not problems.has_errors(plan.problems)
    assert [p.id for p in plan.programmes] == ["alpha", "beta"] and len(plan.vendors) == 2


def test_the_shipped_plan_has_no_warning_a_proposal_is_not_lateness(tmp_path: Path) -> None:
    plan = loader.load(str(ROOT / "data"))
    assert plan.problems == () and len(plan.vendors) == 8
    # had the EOJ vendors said they could be ready 1 Nov 2024, each would be a located warning
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    said = loader.load(str(eoj_said_1_nov_folder(folder)))
    assert {p.code for p in said.problems} == {Code.NOT_READY_BY_GO_LIVE} and len(said.problems) == 5
    assert all(
        "ready (an estimate) 2024-11-01, 61 days after 1. bølge's go-live 2024-09-01" in p.message
        for p in said.problems
    )


DANISH = {
    "go-live-before-work-ends": "advarsel: idriftsættelsen 2023-10-01 ligger før 'Test' slutter (2023-12-31); "
    "flyt idriftsættelsen eller fasen [go-live-before-work-ends]",
    "starts-before-predecessor-ends": "advarsel: 'Test' starter 2023-05, før 'Development' slutter (2023-06), som den "
    "venter på; flyt starten, eller fjern 'after' [starts-before-predecessor-ends]",
    "milestone-before-wave": "advarsel: 'Go-live' (2022-12) ligger før bølgens første fase starter (2023-01-01); "
    "tjek datoen eller bølgen [milestone-before-wave]",
    "not-ready-by-go-live": "advarsel: klar 2024-03, 60 dage efter idriftsættelsen af Wave 1 2024-01-01 i planen "
    "'main'; bølgen går i drift uden denne leverandør, medmindre en af datoerne flyttes "
    "[not-ready-by-go-live]",
}


@pytest.mark.parametrize(("file", "old", "new", "expected"), CASES, ids=[c[3].rsplit("[", 1)[1][:-1] for c in CASES])
def test_the_plan_s_warnings_read_in_danish_at_the_same_place_and_in_english_as_validate_prints_them(
    tmp_path: Path, file: str, old: str, new: str, expected: str
) -> None:
    from planner.presentation import problem_text

    data, plan = changed(tmp_path, file, old, new)
    code = expected.rsplit("[", 1)[1][:-1]
    found = next(p for p in plan.problems if p.code.value == code)
    assert problem_text.line(found, "en") == problems.format(found)  # the catalogue's English is the core's
    place = expected.split(" warning: ", 1)[0]
    assert problem_text.line(found, "da") == f"{data}/{place} {DANISH[code]}"


def test_the_warnings_in_danish_name_the_estimate(tmp_path: Path) -> None:
    from planner.presentation import problem_text

    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    plan = loader.load(str(eoj_said_1_nov_folder(folder)))
    first = problem_text.line(plan.problems[0], "da")
    assert first.endswith(
        "vendors[0].readiness[0].ready_by: advarsel: klar (anslået) 2024-11-01, 61 dage efter idriftsættelsen af "
        "1. bølge 2024-09-01 i planen 'trinvis'; bølgen går i drift uden denne leverandør, medmindre en "
        "af datoerne flyttes [not-ready-by-go-live]"
    )
    assert [problem_text.line(p, "en") for p in plan.problems] == [problems.format(p) for p in plan.problems]
