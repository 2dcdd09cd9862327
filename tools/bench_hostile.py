"""Costs of hostile but valid input, printed as figures (not pass/fail): long chains, floods of unknown names.

Run ``python -m tools.bench_hostile``. It builds, in a temporary folder, the
shipped data plus (a) one programme whose phases form a 10,000-link ``after:``
chain and (b) one whose onboarding names 100,000 municipalities that do not
exist (each gets a did-you-mean), and prints how long validating and drawing
them takes.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from planner.analysis import whatif
from planner.plan import loader
from planner.presentation.charts import gantt

ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


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


def unknown_names_programme(n: int) -> str:
    """A programme whose one onboarding wave names ``n`` municipalities that do not exist."""
    head = ["id: flood", 'name: "Flood"', "owner: MedCom", "scenarios:", "  - id: main", '    name: "Main"',
            "    plan_of_record: true", "    waves:", "      - id: w", '        name: "W"', "onboarding:", "  waves:",
            "    - id: all", '      name: "All"', "      members:"]  # fmt: skip
    return "\n".join(head + [f"        - K{i:05d}" for i in range(n)]) + "\n"


def _timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("baselines", "changelog.jsonl"))
        (data / "programmes" / "chain.yaml").write_text(chain_programme(10_000), encoding="utf-8")
        plan, load_s = _timed(lambda: loader.load(str(data)))
        prog = plan.programme("chain")
        assert prog is not None
        _, path_s = _timed(lambda: whatif.critical_path(prog.plan_of_record))
        _, gantt_s = _timed(lambda: gantt.programme_gantt(prog, prog.plan_of_record, plan.status_date, "da"))
        (data / "programmes" / "chain.yaml").unlink()
        (data / "programmes" / "flood.yaml").write_text(unknown_names_programme(100_000), encoding="utf-8")
        flood, flood_s = _timed(lambda: loader.load(str(data)))
    print("hostile but valid input (the shipped data plus one such programme)")
    print(f"  10,000-link after: chain   load and validate {load_s * 1000:8.0f} ms")
    print(f"                             critical path     {path_s * 1000:8.0f} ms")
    print(f"                             programme Gantt   {gantt_s * 1000:8.0f} ms (first 60 rows drawn)")
    print(f"  100,000 unknown names      load and validate {flood_s * 1000:8.0f} ms ({len(flood.problems):,} problems)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
