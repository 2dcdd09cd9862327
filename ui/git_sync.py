"""The data folder's git remote, from the ``[git]`` settings: pulled in the background, pushed after saving.

    [git]
    enabled = true
    remote = "origin"
    branch = "main"
    pull = true
    push = true

The rules and every safeguard are in :mod:`planner.editing.git_remote`. A pull never
runs while a page draws: a page asks for one when the last is a minute old,
and a background thread runs it (one at a time per data folder); the page
reads the folder as it is and shows what the pull brought on a later run
(the plan is keyed by its files' bytes). The edit page shows the last pull's
outcome.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from planner import editing
from ui import settings

PULL_EVERY_S = 60.0
_lock = threading.Lock()
_last: dict[str, tuple[float, editing.PullOutcome, str]] = {}  # data folder -> when, outcome, detail
_running: dict[str, threading.Thread] = {}


def sync() -> editing.Sync | None:
    return editing.Sync.from_config(settings.config().get("git"))


def _pull(key: str, chosen: editing.Sync) -> None:
    try:
        outcome, detail = editing.pull(key, chosen)
    except Exception as exc:  # never lost silently: the edit page says it
        outcome, detail = editing.PullOutcome.FAILED, type(exc).__name__
    with _lock:
        _last[key] = (time.monotonic(), outcome, detail)
        _running.pop(key, None)


def pull_in_background(data_dir: str | Path) -> threading.Thread | None:
    """Start a pull when configured, none is running and the last is a minute old; the thread, if one started."""
    chosen = sync()
    if chosen is None or not chosen.pull:
        return None
    key = str(data_dir)
    with _lock:
        seen = _last.get(key)
        if key in _running or (seen and time.monotonic() - seen[0] < PULL_EVERY_S):
            return None
        thread = threading.Thread(target=_pull, args=(key, chosen), name=f"git-pull {key}", daemon=True)
        _running[key] = thread
    thread.start()
    return thread


def wait(data_dir: str | Path, timeout: float) -> bool:
    """Wait for a running pull of ``data_dir`` to end (tools and tests); True if none is running after."""
    with _lock:
        thread = _running.get(str(data_dir))
    if thread is not None:
        thread.join(timeout)
    return thread is None or not thread.is_alive()


def last_pull(data_dir: str | Path) -> tuple[editing.PullOutcome, str] | None:
    with _lock:
        seen = _last.get(str(data_dir))
    return (seen[1], seen[2]) if seen else None
