"""Committing a save to git: only the files it wrote, with the editor as author; never raises.

The data folder may be a git repository (or inside one). A failed commit
never undoes or hides the save: it is reported as a :class:`GitOutcome`,
and git's own output goes to the log, not to the user.
"""

from __future__ import annotations

import logging
import subprocess
from collections.abc import Sequence
from pathlib import Path

from planner.editing.records import GitOutcome
from planner.plan import gitrepo

_TIMEOUT = 60
_SHOWN_MAX = 60  # longer old/new values are shortened in commit subjects
_FALLBACK = (("user.name", "Udrulningsplan"), ("user.email", "udrulningsplan@localhost"))
log = logging.getLogger(__name__)


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``git -C folder args`` (:func:`planner.plan.gitrepo.run`), its output as text."""
    done = gitrepo.run(folder, *args, timeout=_TIMEOUT)
    return subprocess.CompletedProcess(
        done.args, done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    )


def commit(folder: Path, files: Sequence[str], who: str, message: str) -> tuple[GitOutcome, str]:
    """Commit exactly ``files`` (relative to ``folder``) as ``who``: (outcome, commit id)."""
    try:
        inside = run(folder, "rev-parse", "--is-inside-work-tree")
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return GitOutcome.NOT_A_REPOSITORY, ""
        paths = [f for f in files if (folder / f).exists()]
        ignored = set(run(folder, "check-ignore", "--no-index", "--", *paths).stdout.splitlines())
        if not paths or paths[0] in ignored:  # the plan file itself is kept out of git
            return GitOutcome.IGNORED, ""
        paths = [f for f in paths if f not in ignored]
        identity = [
            arg
            for key, value in _FALLBACK
            if run(folder, "config", key).returncode != 0
            for arg in ("-c", f"{key}={value}")
        ]
        added = run(folder, "add", "--", *paths)
        done = (
            added
            if added.returncode != 0
            else run(
                folder,
                *identity,
                "commit",
                "--quiet",
                "--no-verify",
                f"--author={author(who)}",
                "-m",
                message,
                "--",
                *paths,
            )
        )
        if done.returncode != 0:
            log.warning("git commit of %s failed: %s", paths, (done.stderr or done.stdout).strip())
            return GitOutcome.FAILED, ""
        return GitOutcome.COMMITTED, run(folder, "rev-parse", "HEAD").stdout.strip()
    except FileNotFoundError:
        return GitOutcome.NO_GIT, ""
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("git failed: %s", exc)
        return GitOutcome.FAILED, ""


def author(who: str) -> str:
    """``Name <e-mail>`` for git: an e-mail address is used as both, a name gets an empty address."""
    name = "".join(c for c in who if c not in "<>\n") or "?"
    return f"{name} <{name}>" if "@" in name and " " not in name else f"{name} <>"


def _short(text: str) -> str:
    text = " ".join(text.split()) or "(empty)"
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 1] + "…"


def message(file: str, who: str, summary: Sequence[tuple[str, str, str]]) -> str:
    """'Edit vendors.yaml: vendors[2].readiness[0].state at-risk -> late (by Mette)'."""
    if len(summary) == 1:
        what, old, new = summary[0]
        return f"Edit {file}: {what} {_short(old)} -> {_short(new)} (by {who})"
    body = "\n".join(f"- {what}: {_short(old)} -> {_short(new)}" for what, old, new in summary)
    return f"Edit {file}: {len(summary)} values (by {who})" + (f"\n\n{body}" if body else "")
