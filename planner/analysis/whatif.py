"""What-if: move a go-live or a ready-by date and see what follows.

Nothing here writes: it returns changed copies of the immutable records.

Dependencies (``X -> Y`` means Y comes after X and moves with it):

    phase Q -> phase P            P lists Q in ``after:``
    last phases of a wave -> go-live   the go-live comes after the wave's work
    go-live of A -> go-live of B   wave B lists A in ``after:``

Moving a node later by N days pushes what depends on it, but only as far as
needed: slack between the two is used up first (a successor that starts the
day after its predecessor ends moves the full N days; a go-live 15 months
after the one it follows does not move for a 60-day slip). Moving earlier
pulls nothing along. The critical path is the chain of driving predecessors
(the one that ends latest) back from the last go-live.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import graphlib
from collections.abc import Sequence
from dataclasses import dataclass

from planner.analysis import schedule
from planner.plan import date_checks, findings, model
from planner.plan.dates import FuzzyDate, exact


def phase_key(wave: model.Wave, phase: model.Phase) -> str:
    return f"{wave.id}.{phase.id}"


def milestone_key(wave: model.Wave, milestone: model.Milestone) -> str:
    """Same keys as :func:`planner.analysis.baseline_slips.slips` uses, so charts can match them."""
    return f"{wave.id}.{milestone.id or milestone.name}"


def go_live_key(wave: model.Wave) -> str:
    live = schedule.go_live(wave)
    return milestone_key(wave, live) if live else f"{wave.id}.@go-live"


def names(scenario: model.Scenario) -> dict[str, str]:
    """Key -> 'wave name · item name', for telling people what moved."""
    out = {}
    for wave in scenario.waves:
        for p in wave.phases:
            out[phase_key(wave, p)] = f"{wave.name} · {p.name}"
        for m in wave.milestones:
            out[milestone_key(wave, m)] = f"{wave.name} · {m.name}"
    return out


def graph(scenario: model.Scenario) -> dict[str, list[str]]:
    """Successors of every node (phases and go-lives) of a scenario."""
    succ: dict[str, list[str]] = {}
    waves = {w.id: w for w in scenario.waves}
    for wave in scenario.waves:
        preceding: set[str] = set()
        for phase in wave.phases:
            succ.setdefault(phase_key(wave, phase), [])
            for after in phase.after:
                source = _node(scenario, wave, after)
                if source is None:
                    continue
                succ.setdefault(source, []).append(phase_key(wave, phase))
                preceding.add(source)
        if schedule.go_live(wave) is not None:
            live = go_live_key(wave)
            succ.setdefault(live, [])
            for phase in wave.phases:
                if phase_key(wave, phase) not in preceding:
                    succ[phase_key(wave, phase)].append(live)
            for after in wave.after:
                if after in waves and schedule.go_live(waves[after]) is not None:
                    succ.setdefault(go_live_key(waves[after]), []).append(live)
    return succ


def _node(scenario: model.Scenario, wave: model.Wave, after: str) -> str | None:
    """The what-if node a phase waits for: a phase, or a wave's go-live; None for another milestone (it never moves)."""
    found = scenario.waited_for(wave, after)
    if found is None:
        return None
    holder, item = found
    if isinstance(item, model.Phase):
        return phase_key(holder, item)
    return go_live_key(holder) if item is schedule.go_live(holder) else None


def downstream(succ: dict[str, list[str]], start: str) -> list[str]:
    """Every node reachable from ``start`` (itself included), in visit order."""
    seen: dict[str, None] = {}  # insertion-ordered set
    stack = [start]
    while stack:
        node = stack.pop()
        if node in seen:
            continue
        seen[node] = None
        stack.extend(reversed(succ.get(node, [])))
    return list(seen)


def _shift(value: FuzzyDate, days: int, first: bool) -> FuzzyDate:
    day = (value.first if first else value.last) + dt.timedelta(days=days)
    return exact(day)


@dataclass(frozen=True)
class Moved:
    """The outcome of one what-if move."""

    scenario: model.Scenario
    moved: dict[str, int]  # node key -> days it moved
    days: int


def push(scenario: model.Scenario, node: str, days: int) -> dict[str, int]:
    """Days each node moves when ``node`` moves by ``days`` (see the module rules)."""
    succ = graph(scenario)
    spans = _spans(scenario)
    reach = downstream(succ, node)
    inside = set(reach)
    pred: dict[str, list[str]] = {}
    for source in reach:
        for target in succ.get(source, []):
            if target in inside:
                pred.setdefault(target, []).append(source)
    delta = {node: days}
    # Nodes reachable from the moved one, in an order where predecessors come first.
    for target in _topological(succ, reach):
        if target == node:
            continue
        needed = 0
        for source in pred.get(target, []):
            if delta.get(source, 0) > 0:
                slack = max(0, (spans[target][0] - spans[source][1]).days - 1)
                needed = max(needed, delta[source] - slack)
        if needed > 0:
            delta[target] = needed
    return {k: v for k, v in delta.items() if v != 0}


def _topological(succ: dict[str, list[str]], nodes: list[str]) -> list[str]:
    """``nodes`` in an order where every node comes after those of them it follows (graphlib); nodes a
    cycle holds back are left out (the checks report the cycle)."""
    inside = set(nodes)
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter({n: [] for n in nodes})
    for source in nodes:
        for target in succ.get(source, []):
            if target in inside:
                sorter.add(target, source)
    with contextlib.suppress(graphlib.CycleError):  # what comes before a cycle is still ordered
        sorter.prepare()
    order: list[str] = []
    while ready := sorter.get_ready():
        order += ready
        sorter.done(*ready)
    return order


def _apply(scenario: model.Scenario, delta: dict[str, int]) -> model.Scenario:
    waves = []
    for wave in scenario.waves:
        live = schedule.go_live(wave)
        phases = [
            p.model_copy(
                update={
                    "start": _shift(p.start, delta[phase_key(wave, p)], True),
                    "end": _shift(p.end, delta[phase_key(wave, p)], False),
                }
            )
            if phase_key(wave, p) in delta
            else p
            for p in wave.phases
        ]
        milestones = [
            m.model_copy(update={"date": _shift(m.date, delta[go_live_key(wave)], True)})
            if m is live and go_live_key(wave) in delta
            else m
            for m in wave.milestones
        ]
        waves.append(wave.model_copy(update={"phases": phases, "milestones": milestones}))
    return scenario.model_copy(update={"waves": waves})


def move_go_live(scenario: model.Scenario, wave_id: str, days: int) -> Moved:
    """Move a wave's go-live by ``days``, pushing what depends on it."""
    wave = next((w for w in scenario.waves if w.id == wave_id), None)
    if wave is None or schedule.go_live(wave) is None or days == 0:
        return Moved(scenario=scenario, moved={}, days=0)
    delta = push(scenario, go_live_key(wave), days)
    return Moved(scenario=_apply(scenario, delta), moved=delta, days=days)


def move_ready_by(
    vendors: Sequence[model.Vendor], vendor_id: str, programme_id: str, days: int
) -> tuple[model.Vendor, ...]:
    """Vendors with one vendor's date for a programme (ready-by, else not-before) moved by ``days``."""
    out = []
    for v in vendors:
        if v.id == vendor_id:
            readiness = [
                r.model_copy(update={"ready_by": _shift(r.ready_by, days, True)})
                if r.programme == programme_id and r.ready_by is not None
                else r.model_copy(update={"not_before": _shift(r.not_before, days, True)})
                if r.programme == programme_id and r.not_before is not None
                else r
                for r in v.readiness
            ]
            v = v.model_copy(update={"readiness": readiness})
        out.append(v)
    return tuple(out)


def _spans(scenario: model.Scenario) -> dict[str, tuple[dt.date, dt.date]]:
    spans: dict[str, tuple[dt.date, dt.date]] = {}
    for wave in scenario.waves:
        for p in wave.phases:
            spans[phase_key(wave, p)] = (p.start.first, p.end.last)
        live = schedule.go_live_date(wave)
        if live:
            spans[go_live_key(wave)] = (live, live)
    return spans


def critical_path(scenario: model.Scenario) -> list[str]:
    """The driving chain back from the last go-live (or the last-ending node)."""
    succ = graph(scenario)
    spans = _spans(scenario)
    if not spans:
        return []
    pred: dict[str, list[str]] = {}
    for source, targets in succ.items():
        for target in targets:
            pred.setdefault(target, []).append(source)
    lives = [go_live_key(w) for w in scenario.waves if schedule.go_live(w) is not None]
    node = max(lives or list(spans), key=lambda k: spans[k][1])
    path, on_path = [node], {node}
    while pred.get(node):
        candidates = [p for p in pred[node] if p in spans and p not in on_path]
        if not candidates:
            break
        node = max(candidates, key=lambda k: spans[k][1])
        path.append(node)
        on_path.add(node)
    return list(reversed(path))


# ------------------------------------------------------------- the what-if as the programme page shows it


@dataclass(frozen=True, kw_only=True)
class MoveOutcome:
    """A what-if seen whole: what moved, the vendors as moved, the conversion windows and late vendors after it."""

    moved: Moved
    vendors: tuple[model.Vendor, ...]
    windows: tuple[tuple[schedule.ConversionWindow, int], ...]  # each window after the move, and its change in days
    late: tuple[schedule.Fit, ...]
    critical: frozenset[str]
    baseline: dict[str, tuple[dt.date, dt.date]]  # moved items where they were before
    warnings: tuple[str, ...] = ()  # what the moved plan contradicts in itself (the checks' timing warnings)
    findings: tuple[findings.CheckFinding, ...] = ()  # the same, with their values (for another language)

    def programme(self, prog: model.Programme) -> model.Programme:
        """``prog`` with the moved scenario in place of the one it was moved from."""
        moved = self.moved.scenario
        return prog.model_copy(update={"scenarios": [moved if s.id == moved.id else s for s in prog.scenarios]})


def outcome(
    prog: model.Programme,
    scenario: model.Scenario,
    vendors: Sequence[model.Vendor],
    *,
    wave_id: str | None = None,
    days: int = 0,
    vendor_id: str = "",
    vendor_days: int = 0,
) -> MoveOutcome:
    """Move a wave's go-live and a vendor's ready-by date; nothing is saved."""
    moved = move_go_live(scenario, wave_id, days) if wave_id else Moved(scenario=scenario, moved={}, days=0)
    moved_vendors = (
        tuple(move_ready_by(vendors, vendor_id, prog.id, vendor_days)) if vendor_id and vendor_days else tuple(vendors)
    )
    before = {w.wave.id: w.days for w in schedule.conversion_windows(scenario)}
    windows = tuple((w, w.days - before.get(w.wave.id, 0)) for w in schedule.conversion_windows(moved.scenario))
    late = tuple(f for f in schedule.fits_for(prog, list(moved_vendors), moved.scenario) if (f.gap_days or 0) > 0)
    found = tuple(date_checks.timing(moved.scenario, ())) if moved.moved else ()
    return MoveOutcome(
        moved=moved,
        vendors=moved_vendors,
        windows=windows,
        late=late,
        critical=frozenset(critical_path(moved.scenario)),
        baseline=baseline_of(scenario, moved),
        warnings=tuple(f.message for f in found),
        findings=found,
    )


def baseline_of(scenario: model.Scenario, moved: Moved) -> dict[str, tuple[dt.date, dt.date]]:
    """Where each moved phase and go-live was before the move (the Gantt's baseline bars)."""
    out = {}
    for wave in scenario.waves:
        for p in wave.phases:
            if (key := phase_key(wave, p)) in moved.moved:
                out[key] = (p.start.first, p.end.last)
        live = schedule.go_live(wave)
        if live and go_live_key(wave) in moved.moved:
            out[go_live_key(wave)] = (live.date.first, live.date.first)
    return out
