"""A scenario's dates against each other: timing warnings and dependency cycles.

The loader's checks report them for the plan as written; the what-if reports
:func:`timing` again for the plan as moved.
"""

from __future__ import annotations

import graphlib
from collections.abc import Iterator

from planner.plan import model
from planner.plan.findings import CheckFinding, Loc
from planner.plan.problems import Code


def go_live(wave: model.Wave) -> model.Milestone | None:
    """The wave's go-live milestone, if it has one."""
    return next((m for m in wave.milestones if m.kind is model.MilestoneKind.GO_LIVE), None)


def timing(scenario: model.Scenario, loc: Loc) -> Iterator[CheckFinding]:
    """Warnings where a scenario's dates contradict each other (the plan checks itself).

    A go-live before a phase of its wave that began earlier has ended; a phase
    that starts before a phase it waits for ends; a go-live before the wave's
    first phase starts. Dates are compared by the periods they name, so
    "2024-06" and "2024-06-30" do not contradict each other.
    """
    waves = {w.id: w for w in scenario.waves}
    for wi, wave in enumerate(scenario.waves):
        wloc = (*loc, "waves", wi)
        live = go_live(wave)
        for ai, after in enumerate(wave.after):
            before = go_live(waves[after]) if after in waves else None
            if live is not None and before is not None and live.date.last < before.date.first:
                yield CheckFinding(
                    (*wloc, "after", ai),
                    Code.GO_LIVE_BEFORE_PREDECESSOR,
                    f"'{wave.name}' goes live {live.date.text}, before '{waves[after].name}' ({before.date.text}), "
                    "which it follows; move the go-live or remove the 'after'",
                    (
                        ("wave", wave.name),
                        ("golive", live.date.text),
                        ("pred", waves[after].name),
                        ("date", before.date.text),
                    ),
                )
        for pi, phase in enumerate(wave.phases):
            for ai, after in enumerate(phase.after):
                found = scenario.waited_for(wave, after)
                if found is None:
                    continue
                pred = found[1]
                ends = pred.end if isinstance(pred, model.Phase) else pred.date
                if phase.start.first < ends.first:
                    yield CheckFinding(
                        (*wloc, "phases", pi, "after", ai),
                        Code.STARTS_BEFORE_PREDECESSOR_ENDS,
                        f"'{phase.name}' starts {phase.start.text}, before '{pred.name}' ends ({ends.text}), "
                        "which it waits for; move the start or remove the 'after'",
                        (
                            ("phase", phase.name),
                            ("start", phase.start.text),
                            ("pred", pred.name),
                            ("end", ends.text),
                        ),
                    )
            if live is not None and phase.start.first < live.date.first < phase.end.first:
                mi = wave.milestones.index(live)
                yield CheckFinding(
                    (*wloc, "milestones", mi, "date"),
                    Code.GO_LIVE_BEFORE_WORK_ENDS,
                    f"go-live {live.date.text} is before '{phase.name}' ends ({phase.end.text}); "
                    "move the go-live or the phase",
                    (("golive", live.date.text), ("phase", phase.name), ("end", phase.end.text)),
                )
        starts = [p.start.first for p in wave.phases]
        for mi, m in enumerate(wave.milestones):
            if m.kind is model.MilestoneKind.GO_LIVE and starts and m.date.last < min(starts):
                yield CheckFinding(
                    (*wloc, "milestones", mi, "date"),
                    Code.MILESTONE_BEFORE_WAVE,
                    f"'{m.name}' ({m.date.text}) is before the wave's first phase starts "
                    f"({min(starts).isoformat()}); check the date or the wave",
                    (("milestone", m.name), ("date", m.date.text), ("first", min(starts).isoformat())),
                )


def find_cycle(edges: dict[str, list[str]]) -> list[str]:
    """One dependency cycle as a closed path of nodes (each waits for the next: ``edges[a]`` is what ``a``
    comes after), or [] if there is none.

    The standard library's :class:`graphlib.TopologicalSorter` finds it (no recursion: a chain of any
    length is fine).
    """
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for source in sorted(edges):
        sorter.add(source)
        for target in edges[source]:
            sorter.add(target, source)
    try:
        sorter.prepare()
    except graphlib.CycleError as cycle:
        return list(cycle.args[1])
    return []
