"""Recording a decision: the option chosen, when, and what was said, saved like any edit, then frozen.

``python -m planner decide DATA --decision ID --option SCENARIO [--date D] [--note TEXT]``
writes ``chosen``, ``decided_on`` and ``outcome_note`` on the decision
through the conflict-safe save (validated, atomic, in the change log, committed
when the folder is a git repository), then freezes a baseline named after the
decision, so the plan as decided can be compared with later.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from planner.analysis import baselines
from planner.editing import files, store
from planner.editing.delta import edits
from planner.editing.errors import EditError, Reason
from planner.editing.git_remote import Sync
from planner.editing.locate import index_where, value_at
from planner.editing.patch import parse
from planner.editing.records import SaveResult
from planner.plan import dates, folder_layout, loader
from planner.plan.problems import did_you_mean


@dataclass(frozen=True)
class Decided:
    """What recording a decision did: the save, and the baseline of the plan as decided."""

    programme: str
    option: str
    save: SaveResult
    baseline: str


def decide(
    data_dir: str | os.PathLike[str],
    decision_id: str,
    option: str,
    day: str,
    who: str,
    note: str = "",
    *,
    sync: Sync | None = None,
) -> Decided:
    """Record that ``option`` was chosen in ``decision_id`` on ``day``; raises :class:`EditError` with the reason."""
    plan = loader.load(str(data_dir))
    found = [(p, d) for p in plan.programmes for d in p.decisions if d.id == decision_id]
    if not found:
        known = [d.id for p in plan.programmes for d in p.decisions]
        hint = did_you_mean(decision_id, known) or f"; known: {', '.join(known) or 'none'}"
        raise EditError(f"no decision '{decision_id}'{hint}", reason=Reason.NO_SUCH_PLACE, field=decision_id)
    prog, decision = found[0]
    if option not in decision.options:
        hint = did_you_mean(option, decision.options) or f"; the options are {', '.join(decision.options)}"
        raise EditError(
            f"'{option}' is not an option of '{decision_id}'{hint}", reason=Reason.BAD_VALUE, field="chosen"
        )
    if decision.chosen is not None:
        raise EditError(
            f"'{decision_id}' was decided already ({decision.chosen}); change the file by hand to correct it",
            reason=Reason.BAD_VALUE,
            field="chosen",
        )
    try:
        when = dates.parse(day)
    except dates.DateError as exc:
        raise EditError(f"--date: {exc}", reason=Reason.BAD_VALUE, field="decided_on") from None
    file = f"{folder_layout.PROGRAMMES_DIR}/{Path(plan.programme_files[prog.id]).name}"
    snap = files.read(data_dir, file)
    index = index_where(value_at(parse(snap), ("decisions",)), id=decision_id)
    if index is None:
        raise EditError(f"{file} has no decision '{decision_id}'", reason=Reason.NO_SUCH_PLACE, field=decision_id)
    values = {"chosen": option, "decided_on": when.text, "outcome_note": note or None}
    saved = store.save_changes(data_dir, snap, edits(snap, ("decisions", index), values), who, sync=sync)
    name = f"beslutning-{decision_id}-{when.first.isoformat()}"
    baselines.freeze(str(data_dir), name)
    return Decided(programme=prog.id, option=option, save=saved, baseline=name)
