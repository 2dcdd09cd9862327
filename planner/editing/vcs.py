"""Committing a save to git (only the files it wrote, the editor as author); never raises.

The data folder may be a git repository (or inside one). A failed commit
never undoes or hides the save: it is reported as a :class:`GitOutcome`,
and git's own output goes to the log, not to the user. Pushing to and
pulling from a remote: :mod:`planner.editing.git_remote`.
"""

from __future__ import annotations

import contextlib
import logging
import re
import subprocess
from collections.abc import Sequence
from pathlib import Path

from planner.editing.records import GitOutcome
from planner.plan import gitrepo

TIMEOUT = 60
_SHOWN_MAX = 60  # longer old/new values are shortened in commit subjects
_FALLBACK = (("user.name", "Udrulningsplan"), ("user.email", "udrulningsplan@localhost"))
log = logging.getLogger(__name__)


def run(folder: Path, *args: str, remote: bool = False) -> subprocess.CompletedProcess[str]:
    """``git -C folder args`` (:func:`planner.plan.gitrepo.run`: no prompts, killed at the timeout), as text."""
    return gitrepo.as_text(gitrepo.run(folder, *args, timeout=TIMEOUT, remote=remote))


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
        identity = committer_identity(folder)
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
                f"--author={author(who, _address(folder))}",
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


def committer_identity(folder: Path) -> list[str]:
    """``-c user.name=... -c user.email=...`` for what git has no identity for (a fresh server)."""
    return [
        arg
        for key, value in _FALLBACK
        if run(folder, "config", key).returncode != 0
        for arg in ("-c", f"{key}={value}")
    ]


_NAMED_ADDRESS = re.compile(r"(?P<name>.*\S)\s+\((?P<email>[^\s()]+@[^\s()]+)\)")


def author(who: str, address: str = _FALLBACK[1][1]) -> str:
    """``Name <e-mail>`` for git: 'Mette Jensen (mette@medcom.dk)' gives both, an e-mail address alone is
    used as both, a name alone gets ``address`` (the folder's configured ``user.email``, else the app's)."""
    name = "".join(c for c in who if c not in "<>\n") or "?"
    named = _NAMED_ADDRESS.fullmatch(name)
    if named:
        return f"{named['name']} <{named['email']}>"
    return f"{name} <{name}>" if "@" in name and " " not in name else f"{name} <{address}>"


def _address(folder: Path) -> str:
    """The e-mail address commits of a person known by name only carry: git's ``user.email`` there, else the app's."""
    found = run(folder, "config", "user.email")
    return found.stdout.strip() if found.returncode == 0 and found.stdout.strip() else _FALLBACK[1][1]


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


def committed(folder: Path, file: str) -> bytes | None:
    """``file``'s bytes as committed at HEAD (None: not a repository, not committed, no git)."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        done = gitrepo.run(folder, "show", f"HEAD:./{file}", timeout=TIMEOUT)
        if done.returncode == 0:
            return done.stdout
    return None
