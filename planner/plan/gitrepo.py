"""Running git on a data folder: one way for the whole package (baselines read revisions, saves commit and sync).

Always a list of arguments, never a shell. A git command here cannot wait for anyone: stdin is closed,
prompts, editors and credential helpers' questions are off, and at the timeout the whole process group
goes (ssh and remote helpers with it). Messages are in English (callers sort them into reasons). A
command is retried for a moment while another git process holds the index lock.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
from pathlib import Path

TIMEOUT_S = 60
RETRIES = 5
QUIET_ENV = {
    "GIT_TERMINAL_PROMPT": "0",
    "GCM_INTERACTIVE": "never",
    "GIT_EDITOR": ":",
    "GIT_SEQUENCE_EDITOR": ":",
    "GIT_MERGE_AUTOEDIT": "no",
    "LC_ALL": "C",
    "LANGUAGE": "C",
}


def run(
    folder: str | Path, *args: str, timeout: float = TIMEOUT_S, remote: bool = False
) -> subprocess.CompletedProcess[bytes]:
    """``git -C folder args``; raises OSError (git missing) and subprocess.TimeoutExpired.

    ``remote``: the command talks to a remote, so ssh is put in batch mode (no password prompt) unless
    ssh is configured for it.
    """
    env = {**os.environ, **QUIET_ENV}
    if (
        remote
        and not env.get("GIT_SSH_COMMAND")
        and not env.get("GIT_SSH")
        and run(folder, "config", "core.sshCommand", timeout=timeout).returncode
    ):
        env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes"
    for attempt in range(RETRIES):
        done = _once(["git", "-C", str(folder), *args], env, timeout)
        if done.returncode == 0 or b"index.lock" not in done.stderr or attempt == RETRIES - 1:
            return done
        threading.Event().wait(0.2 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


def _once(argv: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    with subprocess.Popen(
        argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill(proc)
            proc.communicate()
            raise
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """The process and its children (its own session on POSIX)."""
    killpg = getattr(os, "killpg", None)
    with contextlib.suppress(OSError):
        if killpg is not None:
            killpg(proc.pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            proc.kill()


def as_text(done: subprocess.CompletedProcess[bytes]) -> subprocess.CompletedProcess[str]:
    """A finished command with its output as text (undecodable bytes replaced)."""
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    )


def output(done: subprocess.CompletedProcess[bytes] | None) -> str | None:
    """What a successful git command printed, as text; None if it failed or did not run."""
    if done is None or done.returncode != 0:
        return None
    return done.stdout.decode("utf-8", "surrogateescape").strip()
