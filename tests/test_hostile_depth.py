"""Depth: a valid plan whose `after:` links form one long chain is checked, scheduled and drawn without recursion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.analysis import whatif
from planner.plan import checks, loader
from planner.plan.problems import Code
from tests.conftest import minimal_copy

ROOT = Path(__file__).resolve().parent.parent
VALID = Path(__file__).resolve().parent / "data" / "valid_minimal"
CHAIN = 10_000


def chain_programme(n: int, *, cycle: bool = False) -> str:
    """One wave of ``n`` phases, each after the one before (and the first after the last when ``cycle``)."""
    lines = ["id: chain", 'name: "Chain"', "owner: MedCom", "scenarios:", "  - id: main", '    name: "Main"',
             "    plan_of_record: true", "    waves:", "      - id: w", '        name: "W"', "        phases:"]  # fmt: skip
    for i in range(n):
        after = f"p{i - 1}" if i else (f"p{n - 1}" if cycle else "")
        lines += [f"          - id: p{i}", f'            name: "P{i}"', "            start: 2023-01-01",
                  "            end: 2023-01-02"] + ([f"            after: [{after}]"] if after else [])  # fmt: skip
    lines += ["        milestones:", "          - id: live", '            name: "Go-live"', "            date: 2024-01-01",
              "            kind: go-live"]  # fmt: skip
    return "\n".join(lines) + "\n"


@pytest.fixture
def chain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = minimal_copy(tmp_path / "data")
    (folder / "programmes" / "chain.yaml").write_text(chain_programme(CHAIN), encoding="utf-8")
    text = (folder / "portfolio.yaml").read_text(encoding="utf-8")
    if "programmes:" in text:
        (folder / "portfolio.yaml").write_text(
            text.replace("programmes: [", "programmes: [chain, ", 1), encoding="utf-8"
        )
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    return folder


def test_a_cycle_at_the_end_of_a_long_chain_is_found_without_recursion() -> None:
    edges = {f"p{i}": [f"p{i + 1}"] for i in range(CHAIN)}
    edges[f"p{CHAIN}"] = ["p0"]
    cycle = checks.find_cycle(edges)
    assert cycle[0] == cycle[-1] and len(cycle) == CHAIN + 2


def test_a_10000_link_chain_validates_and_its_critical_path_and_what_if_run(chain: Path) -> None:
    plan = loader.load(str(chain))
    assert [p for p in plan.problems if p.code is Code.DEPENDENCY_CYCLE] == []
    prog = plan.programme("chain")
    assert prog is not None
    scenario = prog.plan_of_record
    assert len(whatif.critical_path(scenario)) >= CHAIN
    moved = whatif.move_go_live(scenario, "w", 0)
    assert moved.moved == {}
    pushed = whatif.push(scenario, "w.p0", 30)
    assert pushed["w.p0"] == 30 and len(pushed) > 1


def test_the_same_chain_closed_into_a_cycle_is_one_located_problem(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(VALID, folder)
    (folder / "programmes" / "chain.yaml").write_text(chain_programme(2_000, cycle=True), encoding="utf-8")
    found = [p for p in loader.load(str(folder)).problems if p.code is Code.DEPENDENCY_CYCLE]
    assert len(found) == 1 and found[0].file.endswith("chain.yaml") and "p0" in found[0].message


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/programme.py"])
def test_every_page_renders_with_the_chain(chain: Path, page: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
