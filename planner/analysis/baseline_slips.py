"""Where a baseline's phases and milestones were and where they are now, for baseline bars in a Gantt."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from planner.analysis import pairing
from planner.analysis.diff import day_shift
from planner.plan.loader import Plan


@dataclass(frozen=True, kw_only=True)
class Slip:
    """Where an item was in the baseline and where it is now (a milestone: start == end)."""

    old_start: dt.date
    old_end: dt.date
    new_start: dt.date | None  # None: the item is no longer in the plan
    new_end: dt.date | None

    @property
    def days(self) -> int | None:
        """Slip of the end (positive = later); None if the item was removed."""
        return None if self.new_end is None else day_shift(self.old_end, self.new_end)


def slips(old: Plan, new: Plan, programme_id: str, scenario_id: str | None = None) -> dict[str, Slip]:
    """Baseline positions of a scenario's phases and milestones, for baseline bars in a Gantt.

    Keys are ``wave-id.phase-id`` and ``wave-id.milestone-id`` (a milestone
    without an id: ``wave-id.<name>``), named as in the new plan when the item
    is still there. Items added since the baseline have no entry. The scenario
    defaults to the new plan of record.
    """
    old_prog, new_prog = old.programme(programme_id), new.programme(programme_id)
    if old_prog is None or new_prog is None:
        return {}
    new_sc = new_prog.scenario(scenario_id) if scenario_id else new_prog.plan_of_record
    old_sc = old_prog.scenario(new_sc.id if new_sc else scenario_id or "")
    if old_sc is None:
        return {}
    out: dict[str, Slip] = {}
    new_waves = {w.id: w for w in new_sc.waves} if new_sc else {}
    for wave in old_sc.waves:
        current = new_waves.get(wave.id)
        for op, np in pairing.pair(wave.phases, current.phases if current else [], pairing.by_id):
            if op is not None:
                out[f"{wave.id}.{op.id}"] = Slip(
                    old_start=op.start.first,
                    old_end=op.end.last,
                    new_start=np.start.first if np else None,
                    new_end=np.end.last if np else None,
                )
        for om, nm in pairing.pair_milestones(wave.milestones, current.milestones if current else []):
            if om is not None:
                shown = nm or om
                day = nm.date.first if nm else None
                out[f"{wave.id}.{shown.id or shown.name}"] = Slip(
                    old_start=om.date.first, old_end=om.date.first, new_start=day, new_end=day
                )
    return out
