"""Depth: a valid plan whose `after:` links form one long chain is checked, scheduled and drawn without recursion."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.analysis import whatif
from planner.plan import date_checks, loader
from planner.plan.problems import Code
from tests.conftest import minimal_copy
from tools.bench_hostile import chain_programme

ROOT = Path(__file__).resolve().parent.parent
VALID = Path(__file__).resolve().parent / "data" / "valid_minimal"
CHAIN = 10_000


@pytest.fixture
def chain(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = minimal_copy(tmp_path / "data")
    (folder / "programmes" / "chain.yaml").write_text(chain_programme(CHAIN), encoding="utf-8")
    text = (folder / "portfolio.yaml").read_text(encoding="utf-8")
    assert "programmes:\n  - alpha" in text
    (folder / "portfolio.yaml").write_text(
        text.replace("programmes:\n", "programmes:\n  - chain\n", 1), encoding="utf-8"
    )
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    return folder


def test_a_cycle_at_the_end_of_a_long_chain_is_found_without_recursion() -> None:
    edges = {f"p{i}": [f"p{i + 1}"] for i in range(CHAIN)}
    edges[f"p{CHAIN}"] = ["p0"]
    cycle = date_checks.find_cycle(edges)
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


PAGES = ["views/overview.py", "views/programme.py", "views/decision.py", "views/vendors.py", "views/municipalities.py",
         "views/targets.py", "views/changes.py", "views/waves.py", "views/edit.py"]  # fmt: skip


def test_every_page_renders_with_the_chain(chain: Path) -> None:
    plan = loader.load(str(chain))
    assert plan.programmes[0].id == "chain"  # first: the programme page shows it
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.message for e in at.exception])
    # 10,001 rows (the phases and the go-live) are too many to draw: 59 are drawn, the last row says the rest
    (gantt,) = [json.loads(c.proto.spec) for c in at.switch_page("views/programme.py").run().get("plotly_chart")][:1]
    labels = gantt["layout"]["yaxis"]["ticktext"]
    # (a label longer than the chart's share for labels takes two lines)
    assert (
        len(labels) == 60 and labels[-1].replace("<br>", " ") == "… og 9.942 rækker mere (se tabellen eller eksporten)"
    )
    assert "P58" in labels[58] and not any("P59" in label for label in labels)
