"""Moving the portfolio's status date: by hand, or forward to newer information just saved.

Saved like any edit (``portfolio.yaml``'s ``status_date``, through the
conflict-safe save: validated, atomic, in the change log, committed), so the
status date says when the data was last brought up to date and an observation
saved after the old date is no longer a "future" one.
"""

from __future__ import annotations

import datetime as dt
import os

from planner.analysis import statements
from planner.editing import files, store
from planner.editing.git_remote import Sync
from planner.editing.records import Edit, SaveResult
from planner.plan import folder_layout, loader

PORTFOLIO = folder_layout.PORTFOLIO_FILE


def move(data_dir: str | os.PathLike[str], to: dt.date, who: str, *, sync: Sync | None = None) -> SaveResult:
    """Set the status date to ``to`` (a day), on the portfolio file as it is now."""
    seen = files.read(data_dir, PORTFOLIO)
    return store.save_changes(data_dir, seen, [Edit(PORTFOLIO, ("status_date",), to.isoformat())], who, sync=sync)


def follow(data_dir: str | os.PathLike[str], who: str, *, sync: Sync | None = None) -> tuple[dt.date, dt.date] | None:
    """Move the status date forward to the newest statement if that is later; (from, to) when it moved."""
    plan = loader.load(str(data_dir))
    newer = statements.newer_than_status(plan)
    if newer is None or not plan.ok:
        return None
    was = plan.status_date
    move(data_dir, newer, who, sync=sync)
    return was, newer
