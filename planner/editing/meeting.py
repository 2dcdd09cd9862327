"""Closing a meeting: freeze the plan as it was shown, write its pack, and record both in portfolio.yaml.

``python -m planner meeting DATA --close ID`` freezes the baseline
``meeting-<id>``, has the pack written from that baseline (by the caller:
:mod:`planner.presentation.meeting_pack`), then saves the meeting's
``baseline`` through the conflict-safe save.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planner.analysis import baselines, meetings
from planner.editing import files, store
from planner.editing.errors import EditError, Reason
from planner.editing.git_remote import Sync
from planner.editing.locate import index_where, value_at
from planner.editing.patch import parse
from planner.editing.records import Edit, SaveResult
from planner.plan import folder_layout, loader, model
from planner.plan.problems import did_you_mean

PORTFOLIO = folder_layout.PORTFOLIO_FILE


@dataclass(frozen=True)
class Closed:
    """What closing a meeting did: the baseline frozen, the pack's files, the save of portfolio.yaml."""

    meeting: str
    baseline: str
    files: tuple[Path, ...]
    save: SaveResult


def find(plan: loader.Plan, meeting_id: str) -> model.Meeting:
    """The meeting with that id, or an error with a did-you-mean."""
    found = meetings.find(plan.portfolio, meeting_id)
    if found is None:
        known = [m.id for m in plan.portfolio.meetings if m.id]
        hint = did_you_mean(meeting_id, known) or f"; known: {', '.join(known) or 'none (give each meeting an id)'}"
        raise EditError(f"no meeting with id '{meeting_id}'{hint}", reason=Reason.BAD_VALUE, value=meeting_id)
    return found


def close(
    data_dir: str | os.PathLike[str],
    meeting_id: str,
    who: str,
    write_pack: Callable[[model.Meeting], Sequence[Path]],
    *,
    sync: Sync | None = None,
) -> Closed:
    """Freeze the plan as shown at the meeting, have its pack written, and record the meeting as closed."""
    meeting = find(loader.load(str(data_dir)), meeting_id)
    if meeting.baseline:
        raise EditError(
            f"meeting '{meeting_id}' was closed already (baseline '{meeting.baseline}')",
            reason=Reason.BAD_VALUE,
            value=meeting_id,
        )
    name = f"meeting-{meeting_id}"
    baselines.freeze(str(data_dir), name)
    written = write_pack(meeting.model_copy(update={"baseline": name}))
    seen = files.read(data_dir, PORTFOLIO)
    index = index_where(value_at(parse(seen), ("meetings",)), id=meeting_id)
    if index is None:
        raise EditError(f"meeting '{meeting_id}' is not in {PORTFOLIO} any more", reason=Reason.NO_SUCH_PLACE)
    save = store.save_changes(data_dir, seen, [Edit(PORTFOLIO, ("meetings", index, "baseline"), name)], who, sync=sync)
    return Closed(meeting=meeting_id, baseline=name, files=tuple(written), save=save)
