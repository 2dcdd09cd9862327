"""The data folder's git remote, from the ``[git]`` secrets: pull before reading (at most every minute), push after saving.

    [git]
    enabled = true
    remote = "origin"
    branch = "main"
    pull = true
    push = true

The rules and every safeguard are in :mod:`planner.editing.vcs`; this module
reads the configuration, keeps the last pull's outcome for the edit page and
never lets a slow or failing remote stop a page from drawing.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import streamlit as st

from planner import editing

PULL_EVERY_S = 60.0
_lock = threading.Lock()
_last: dict[str, tuple[float, editing.PullOutcome, str]] = {}  # data folder -> when, outcome, detail


def sync() -> editing.Sync | None:
    try:
        section = st.secrets.get("git")
    except Exception:  # no secrets file
        return None
    return editing.Sync.from_config(section)


def pull_if_due(data_dir: str | Path) -> None:
    """Pull from the remote when configured and the last pull is a minute old; one pull at a time per process."""
    chosen = sync()
    if chosen is None or not chosen.pull:
        return
    key = str(data_dir)
    with _lock:
        seen = _last.get(key)
        if seen and time.monotonic() - seen[0] < PULL_EVERY_S:
            return
        outcome, detail = editing.pull(data_dir, chosen)
        _last[key] = (time.monotonic(), outcome, detail)


def last_pull(data_dir: str | Path) -> tuple[editing.PullOutcome, str] | None:
    seen = _last.get(str(data_dir))
    return (seen[1], seen[2]) if seen else None
