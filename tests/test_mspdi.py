"""MS Project XML (planner/presentation/mspdi.py), read back by MPXJ, the library behind most tools that open .mpp.

Every programme's plan of record (and FHIR-KM's other scenarios) exported with ``python -m planner export
--format mspdi`` and read by MPXJ (Java, on Debian's default-jre-headless): its tasks, counted from the plan
itself, have the plan's names, dates, outline (waves as summaries holding their phases and milestones),
finish-to-start links from ``after:``, percent complete, and "anslået" in the custom field where an
estimate is.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from planner.plan import loader, model
from planner.presentation import i18n, record_sources

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def _export(out: Path, programme: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "planner", "export", str(DATA), "--format", "mspdi", "--programme", programme,
         "--out", str(out), *extra],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(programme, scenario) -> the tasks MPXJ reads from the exported file, for every programme and scenario."""
    assert shutil.which("java"), "MPXJ needs Java: Debian's default-jre-headless (scripts/test.sh installs it)"
    folder = tmp_path_factory.mktemp("mspdi")
    plan = loader.load(str(DATA))
    files = {}
    for prog in plan.programmes:
        for scenario in prog.scenarios:
            out = folder / f"{prog.id}.{scenario.id}.xml"
            done = _export(out, prog.id, "--scenario", scenario.id)
            assert done.returncode == 0, done.stderr
            files[str(out)] = (prog.id, scenario.id)
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "mpxj_read.py"), *files], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    read = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    return {files[r["file"]]: r["tasks"] for r in read}


def _expected(prog: model.Programme, scenario: model.Scenario) -> list[tuple[Any, ...]]:
    """The plan's own outline: (level, name, start, finish, milestone, summary, percent), in MS Project's order."""
    rows: list[tuple[Any, ...]] = [(1, m.name, m.date.first, m.date.first, True, False, 0.0) for m in prog.milestones]
    for wave in scenario.waves:
        days = [d for p in wave.phases for d in (p.start.first, p.end.last)] + [m.date.first for m in wave.milestones]
        if not days:
            continue
        rows.append((1, wave.name, min(days), max(days), False, True, None))
        rows += [(2, p.name, p.start.first, p.end.last, False, False, float(round(p.percent_complete or 0)))
                 for p in wave.phases]  # fmt: skip
        rows += [(2, m.name, m.date.first, m.date.first, True, False, 0.0) for m in wave.milestones]
    return rows


def test_mpxj_reads_every_plan_with_its_tasks_names_dates_outline_and_percent_complete(
    read: dict[tuple[str, str], list[dict[str, Any]]],
) -> None:
    plan = loader.load(str(DATA))
    assert len(read) == sum(len(p.scenarios) for p in plan.programmes)
    for prog in plan.programmes:
        for scenario in prog.scenarios:
            tasks = read[(prog.id, scenario.id)]
            expected = _expected(prog, scenario)
            assert len(tasks) == len(expected), (prog.id, scenario.id)
            for task, (level, name, start, finish, milestone, summary, percent) in zip(tasks, expected, strict=True):
                assert (task["level"], task["name"], task["milestone"], task["summary"]) == (
                    level,
                    name,
                    milestone,
                    summary,
                )
                assert task["start"][:10] == start.isoformat() and task["finish"][:10] == finish.isoformat(), task
                if percent is not None:
                    assert task["percent"] == percent, task


def _wave_tasks(tasks: list[dict[str, Any]], wave: model.Wave) -> dict[str, dict[str, Any]]:
    """The tasks under the wave's summary, by name (names repeat from wave to wave, not inside one)."""
    holder = next(t for t in tasks if t["summary"] and t["name"] == wave.name)
    inside = tasks[tasks.index(holder) + 1 :]
    inside = inside[: next((i for i, t in enumerate(inside) if t["level"] == 1), len(inside))]
    return {t["name"]: t for t in inside}


def test_after_links_are_finish_to_start_predecessors_and_estimates_are_marked(
    read: dict[tuple[str, str], list[dict[str, Any]]],
) -> None:
    plan = loader.load(str(DATA))
    links = 0
    estimate = i18n.t("cal.estimate", "da")
    for prog in plan.programmes:
        sources = record_sources.Sources(plan, prog)
        for scenario in prog.scenarios:
            tasks = read[(prog.id, scenario.id)]
            for wave in scenario.waves:
                if not wave.phases and not wave.milestones:
                    continue
                mine = _wave_tasks(tasks, wave)
                summary = next(t for t in tasks if t["summary"] and t["name"] == wave.name)
                followed = {next(t for t in tasks if t["summary"] and t["name"] == w.name)["uid"]
                            for w in scenario.waves if w.id in wave.after and (w.phases or w.milestones)}  # fmt: skip
                assert set(summary["after"]) == followed  # a wave's after: links its summary
                links += len(followed)
                for phase in wave.phases:
                    task = mine[phase.name]
                    want = set()
                    for after in phase.after:
                        waited = scenario.waited_for(wave, after)
                        assert waited is not None
                        want.add(_wave_tasks(tasks, waited[0])[waited[1].name]["uid"])
                    assert set(task["after"]) == want, (prog.id, phase.id)
                    links += len(want)
                    estimated = sources.of(phase, "da").estimate
                    assert (task["text1"] == i18n.t("mp.estimate_flag", "da")) == estimated, (prog.id, phase.id)
                    assert (estimate in task["notes"]) == estimated
    assert links >= 8  # FHIR-KM's and FK-ORG/SOR's chains


def test_the_command_refuses_what_it_cannot_export_with_a_suggestion(tmp_path: Path) -> None:
    done = _export(tmp_path / "x.xml", "fk-org")
    assert done.returncode == 2 and "no programme 'fk-org'; did you mean 'fk-org-sor'?" in done.stderr
    done = _export(tmp_path / "x.xml", "fhir-km", "--scenario", "trinvs")
    assert done.returncode == 2 and "did you mean 'trinvis'?" in done.stderr
    done = subprocess.run([sys.executable, "-m", "planner", "export", str(DATA), "--format", "mspdi"],
                          cwd=ROOT, capture_output=True, text=True)  # fmt: skip
    assert done.returncode == 2 and "needs --programme" in done.stderr
    done = _export(tmp_path / "x.txt", "fhir-km")
    assert done.returncode == 2 and not (tmp_path / "x.txt").exists()  # only an .xml is written
    assert not (tmp_path / "x.xml").exists()
