"""`after:` may name a milestone: "wave 2 tests after wave 1 has gone live", checked, drawn and moved by the what-if."""

from __future__ import annotations

from pathlib import Path

from planner.analysis import whatif
from planner.plan import loader, model
from planner.presentation.charts import gantt
from tests.conftest import lines

PROGRAMME = """\
id: gamma
name: "Gamma"
owner: MedCom
scenarios:
  - id: main
    name: "Main plan"
    plan_of_record: true
    waves:
      - id: wave-1
        name: "Wave 1"
        parties: [EOJ]
        phases:
          - {id: dev, name: "Development", start: 2023-01, end: 2024-06}
        milestones:
          - {id: go-live, name: "Go-live 1", date: 2024-09-01, kind: go-live}
      - id: wave-2
        name: "Wave 2"
        parties: [EPJ]
        phases:
          - {id: dev, name: "Development", start: 2024-01, end: 2024-07}
          - {id: test, name: "Test", start: TEST_START, end: 2025-09, after: [dev, wave-1.go-live]}
        milestones:
          - {id: go-live, name: "Go-live 2", date: 2025-12-01, kind: go-live}
"""


def load(data: Path, test_start: str) -> loader.Plan:
    (data / "programmes" / "gamma.yaml").write_text(PROGRAMME.replace("TEST_START", test_start), encoding="utf-8")
    return loader.load(str(data))


def gamma(plan: loader.Plan) -> model.Programme:
    prog = plan.programme("gamma")
    assert prog is not None
    return prog


def test_a_phase_may_wait_for_another_waves_go_live(data: Path) -> None:
    plan = load(data, "2024-10")
    assert [line for line in lines(plan) if "gamma" in line] == []
    prog = gamma(plan)
    fig = gantt.programme_gantt(prog, prog.plan_of_record, plan.status_date, "en")
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == 2  # from wave 2's development, and from wave 1's go-live on 1 Sep 2024
    assert sorted(str(a.ax)[:10] for a in arrows) == ["2024-07-31", "2024-09-01"]


def test_a_phase_before_the_go_live_it_waits_for_is_a_located_warning(data: Path) -> None:
    plan = load(data, "2024-08")
    assert [line for line in lines(plan) if "gamma" in line] == [
        "data/programmes/gamma.yaml:21:81: scenarios[0].waves[1].phases[1].after[1]: warning: 'Test' starts 2024-08, "
        "before 'Go-live 1' ends (2024-09-01), which it waits for; move the start or remove the 'after' "
        "[starts-before-predecessor-ends]"
    ]


def test_an_unknown_milestone_gets_a_did_you_mean(data: Path) -> None:
    (data / "programmes" / "gamma.yaml").write_text(
        PROGRAMME.replace("TEST_START", "2024-10").replace("wave-1.go-live", "wave-1.go-lve"), encoding="utf-8"
    )
    found = [line for line in lines(loader.load(str(data))) if "gamma" in line]
    assert len(found) == 1 and "unknown phase or milestone 'wave-1.go-lve'; did you mean 'wave-1.go-live'?" in found[0]


def test_moving_the_go_live_moves_the_phase_that_waits_for_it(data: Path) -> None:
    prog = gamma(load(data, "2024-10"))
    out = whatif.outcome(prog, prog.plan_of_record, [], wave_id="wave-1", days=30)
    test = next(p for p in out.moved.scenario.waves[1].phases if p.id == "test")
    # wave 1 now goes live 1 Oct 2024: the test it holds back starts the day after, not on 1 Oct
    assert test.start.first.isoformat() == "2024-10-02"


def test_every_option_is_checked_against_a_vendors_cannot_before(data: Path) -> None:
    """A vendor that cannot be ready before 1 Dec 2025 fits the main plan and not the faster alternative."""
    faster = (
        PROGRAMME.replace("TEST_START", "2024-10")
        + """\
  - id: faster
    name: "Faster"
    waves:
      - id: all
        name: "All at once"
        parties: [EOJ, EPJ]
        phases:
          - {id: dev, name: "Development", start: 2023-01, end: 2025-03}
        milestones:
          - {id: go-live, name: "Go-live", date: 2025-06-01, kind: go-live}
"""
    )
    (data / "programmes" / "gamma.yaml").write_text(faster, encoding="utf-8")
    vendors = (data / "vendors.yaml").read_text(encoding="utf-8")
    vendors += """\
  - id: epj-vendor
    name: "EPJ vendor"
    kind: EPJ
    readiness:
      - {programme: gamma, not_before: 2025-12-01}
"""
    (data / "vendors.yaml").write_text(vendors, encoding="utf-8")
    found = [line for line in lines(loader.load(str(data))) if "not-ready-by-go-live" in line]
    assert len(found) == 1 and "183 days after All at once's go-live 2025-06-01 in plan 'faster'" in found[0], found
