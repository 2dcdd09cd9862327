"""Running git on a data folder: one way for the whole package (baselines read revisions, saves commit).

Always a list of arguments, never a shell; retried for a moment while
another git process holds the index lock.
"""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

TIMEOUT_S = 60
RETRIES = 5


def run(folder: str | Path, *args: str, timeout: float = TIMEOUT_S) -> subprocess.CompletedProcess[bytes]:
    """``git -C folder args``; raises OSError (git missing) and subprocess.TimeoutExpired."""
    for attempt in range(RETRIES):
        done = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, timeout=timeout, check=False)
        if done.returncode == 0 or b"index.lock" not in done.stderr or attempt == RETRIES - 1:
            return done
        threading.Event().wait(0.2 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


def output(done: subprocess.CompletedProcess[bytes] | None) -> str | None:
    """What a successful git command printed, as text; None if it failed or did not run."""
    if done is None or done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "surrogateescape").strip()
