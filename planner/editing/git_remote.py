"""The data folder's remote: pushing after a save, pulling before a read; never raises.

With a remote (:class:`Sync`, off by default) the commits are pushed after
a save, never forced: a refused push keeps the local commit and the next
push carries it. A pull fetches and replays local unpushed commits on the
remote's in a throwaway worktree, so the data folder is never left half-way
through a rebase: on a conflict nothing here changes. Both run git with no
prompts (stdin closed, ``GIT_TERMINAL_PROMPT=0``, ssh in batch mode), no
hooks and a timeout; the person saving gets one safe line, the log gets git's
output.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from planner.editing import vcs
from planner.editing.records import PullOutcome, PushOutcome

_REASON_MAX = 200  # characters of a remote's own message shown to the person saving
_NO_HOOKS = os.devnull  # core.hooksPath: neither the repository's nor the user's global hooks run
_QUIET = (  # -c options of every push and pull: no hooks, signing, auto-stash, submodules or auto-gc
    *("-c", f"core.hooksPath={_NO_HOOKS}"),
    *("-c", "commit.gpgSign=false"),
    *("-c", "rebase.autoStash=false"),
    *("-c", "rebase.autoSquash=false"),
    *("-c", "rebase.updateRefs=false"),
    *("-c", "submodule.recurse=false"),
    *("-c", "fetch.recurseSubmodules=false"),
    *("-c", "push.recurseSubmodules=no"),
    *("-c", "gc.auto=0"),
    *("-c", "maintenance.auto=false"),
    *("-c", "core.quotePath=false"),
)
_BRANCH = re.compile(r"(?!.*\.\.)(?!.*//)(?!.*/\.)(?!.*\.lock$)(?!.*[./]$)[A-Za-z0-9_][A-Za-z0-9_./-]*")
_USERINFO = re.compile(r"(?<=://)[^/@\s]*@")
_FAILURES = (  # what git says (lower case, LC_ALL=C) -> what the person saving is told
    (("could not resolve host", "name or service not known", "nodename nor servname"), "its host name is unknown"),
    (
        (
            "authentication failed",
            "permission denied",
            "could not read username",
            "could not read password",
            "terminal prompts disabled",
            "returned error: 401",
            "returned error: 403",
            "host key verification failed",
        ),
        "access was denied (credentials)",
    ),
    (("does not appear to be a git repository", "repository not found", "not found"), "no such repository"),
    (
        (
            "failed to connect",
            "couldn't connect",
            "could not connect",
            "connection refused",
            "timed out",
            "unreachable",
        ),
        "could not be reached",
    ),
)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sync:
    """The data folder's remote: its name (``origin``) or URL, the branch there (None: the current one), pull/push."""

    remote: str
    branch: str | None = None
    pull: bool = False
    push: bool = False

    @classmethod
    def from_config(cls, config: object) -> Sync | None:
        """From a plain mapping (the app's ``[git]`` secrets): None when missing, disabled or odd.

        ``{"remote": "origin", "branch": "main", "pull": true, "push": true}``;
        ``pull`` and ``push`` are off unless ``true``, ``enabled = false``
        turns it all off, and a remote or branch git could read as an option
        (a leading ``-``) or that is not a plain name or URL gives None.
        """
        if not isinstance(config, Mapping) or config.get("enabled", True) is not True:
            return None
        remote, branch = config.get("remote"), config.get("branch")
        if not isinstance(remote, str) or not _plain_remote(remote.strip()):
            return None
        if isinstance(branch, str) and branch.strip():
            branch = branch.strip().removeprefix("refs/heads/")
            if not _BRANCH.fullmatch(branch):
                return None
        elif branch is not None and branch != "":
            return None
        pull, push = config.get("pull") is True, config.get("push") is True
        if not (pull or push):
            return None
        return cls(remote.strip(), branch or None, pull=pull, push=push)


def _plain_remote(remote: str) -> bool:
    """A remote's name, a URL or a path: never empty, an option (``-...``) or with control characters."""
    return 0 < len(remote) <= 1000 and not remote.startswith("-") and all(c.isprintable() for c in remote)


def push(folder: Path, sync: Sync | None) -> tuple[PushOutcome, str]:
    """Push the current commit to ``sync``'s branch (never forced): (outcome, a line for the person saving)."""
    if sync is None or not sync.push:
        return PushOutcome.NOT_CONFIGURED, ""
    try:
        branch, why = _branch(folder, sync)
        if not branch:
            return PushOutcome.FAILED, why
        done = vcs.run(
            folder,
            *_QUIET,
            "push",
            "--porcelain",
            "--no-verify",
            "--",
            sync.remote,
            f"HEAD:refs/heads/{branch}",
            remote=True,
        )
        if done.returncode == 0:
            log.info("pushed %s to %s %s", folder, _safe(sync.remote), branch)
            return PushOutcome.PUSHED, ""
        log.warning("git push to %s failed: %s", _safe(sync.remote), _safe(done.stdout + done.stderr))
        refused = [row.split("\t") for row in done.stdout.splitlines() if row.startswith("!")]
        if refused:
            return PushOutcome.REFUSED, _refusal(refused[0][-1], done.stderr, sync.remote)
        return PushOutcome.FAILED, _failure(done.stderr, sync.remote, branch)
    except (OSError, subprocess.SubprocessError) as exc:
        return PushOutcome.FAILED, _raised("push to", sync, exc)


def pull(folder: Path, sync: Sync | None, *, union: Sequence[str] = ()) -> tuple[PullOutcome, str]:
    """Fetch ``sync``'s branch and move to it, local unpushed commits replayed on top (call under the save lock).

    ``union`` names files (relative to ``folder``) whose lines both sides
    added are all kept (the change log). On a conflict, or any failure,
    HEAD, the index and the files are as they were.
    """
    if sync is None or not sync.pull:
        return PullOutcome.NOT_CONFIGURED, ""
    try:
        branch, why = _branch(folder, sync)
        if not branch:
            return PullOutcome.FAILED, why
        fetched = vcs.run(
            folder, *_QUIET, "fetch", "--quiet", "--no-tags", "--", sync.remote, f"refs/heads/{branch}", remote=True
        )
        if fetched.returncode != 0:
            log.warning("git fetch from %s failed: %s", _safe(sync.remote), _safe(fetched.stderr))
            return PullOutcome.FAILED, _failure(fetched.stderr, sync.remote, branch)
        theirs, ours = _commit_of(folder, "FETCH_HEAD"), _commit_of(folder, "HEAD")
        if not theirs or not ours:
            return PullOutcome.FAILED, "nothing to pull onto: this folder has no commit yet"
        if _is_ancestor(folder, theirs, ours):
            return PullOutcome.UP_TO_DATE, ""
        target = theirs
        if not _is_ancestor(folder, ours, theirs):
            target, conflicted = _replayed(folder, ours, theirs, union)
            if not target:
                if conflicted is None:
                    return PullOutcome.FAILED, "the local commits could not be replayed on the remote's (see the log)"
                return PullOutcome.CONFLICT, (
                    f"unpushed saves here and the remote's both change {', '.join(conflicted) or 'the same files'}: "
                    "nothing was changed here; resolve it with git"
                )
        vcs.run(folder, "update-index", "-q", "--refresh")
        moved = vcs.run(folder, *_QUIET, "reset", "--quiet", "--keep", target)
        if moved.returncode != 0:
            log.warning("git reset --keep %s failed: %s", target, _safe(moved.stderr))
            return PullOutcome.FAILED, "changes here that are not committed would be overwritten: nothing was changed"
        count = vcs.run(folder, "rev-list", "--count", f"{ours}..{theirs}").stdout.strip() or "?"
        log.info("pulled %s commits from %s %s into %s", count, _safe(sync.remote), branch, folder)
        return PullOutcome.PULLED, f"{count} new commit{'' if count == '1' else 's'} from {_shown(sync.remote)}"
    except (OSError, subprocess.SubprocessError) as exc:
        return PullOutcome.FAILED, _raised("pull from", sync, exc)


def _raised(what: str, sync: Sync, exc: OSError | subprocess.SubprocessError) -> str:
    """The reason to show for a git push or pull that raised (no git, no answer, other); logged."""
    if isinstance(exc, FileNotFoundError):
        return "git is not installed"
    if isinstance(exc, subprocess.TimeoutExpired):
        log.warning("git %s %s took more than %s s", what, _safe(sync.remote), vcs.TIMEOUT)
        return f"{_shown(sync.remote)}: no answer within {vcs.TIMEOUT} s"
    log.warning("git %s failed: %s", what.split()[0], exc)
    return "git failed (see the log)"


def _replayed(folder: Path, ours: str, theirs: str, union: Sequence[str]) -> tuple[str, list[str] | None]:
    """``ours``'s own commits rebased on ``theirs`` in a throwaway worktree: (new commit, []), ("", conflicted files).

    ("", None) when git failed for another reason. The data folder's
    worktree is never touched; the throwaway one is removed either way.
    """
    scratch = Path(tempfile.mkdtemp(prefix="planner-pull-"))
    tree, attributes = scratch / "tree", scratch / "attributes"
    prefix = vcs.run(folder, "rev-parse", "--show-prefix").stdout.strip()
    attributes.write_text("".join(f"/{prefix}{name} merge=union\n" for name in union), encoding="utf-8")
    try:
        added = vcs.run(folder, *_QUIET, "worktree", "add", "--quiet", "--detach", str(tree), ours)
        if added.returncode != 0:
            log.warning("git worktree add failed: %s", _safe(added.stderr))
            return "", None
        rebased = vcs.run(
            tree,
            *_QUIET,
            *vcs.committer_identity(folder),
            "-c",
            f"core.attributesFile={attributes}",
            "rebase",
            "--quiet",
            theirs,
        )
        if rebased.returncode == 0:
            return _commit_of(tree, "HEAD"), []
        log.warning("git rebase onto %s stopped: %s", theirs, _safe(rebased.stdout + rebased.stderr))
        unmerged = vcs.run(tree, "diff", "--name-only", "--diff-filter=U", "-z").stdout.split("\0")
        vcs.run(tree, *_QUIET, "rebase", "--abort")
        conflicted = [name.removeprefix(prefix) for name in unmerged if name]
        return "", conflicted or None
    finally:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            vcs.run(folder, "worktree", "remove", "--force", "--force", str(tree))
        shutil.rmtree(scratch, ignore_errors=True)
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            vcs.run(folder, "worktree", "prune")


def _branch(folder: Path, sync: Sync) -> tuple[str, str]:
    """(the branch to push to and pull from, "") or ("", why not)."""
    if not _plain_remote(sync.remote) or (sync.branch is not None and not _BRANCH.fullmatch(sync.branch)):
        return "", "the remote or branch in the settings is not a plain git name or URL"
    inside = vcs.run(folder, "rev-parse", "--is-inside-work-tree")
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        return "", "the data folder is not a git repository"
    if sync.branch:
        return sync.branch, ""
    current = vcs.run(folder, "symbolic-ref", "--quiet", "--short", "HEAD").stdout.strip()
    return (current, "") if current else ("", "the data folder is on no branch (a detached HEAD)")


def _commit_of(folder: Path, rev: str) -> str:
    return vcs.run(folder, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").stdout.strip()


def _is_ancestor(folder: Path, older: str, newer: str) -> bool:
    return vcs.run(folder, "merge-base", "--is-ancestor", older, newer).returncode == 0


def _refusal(summary: str, stderr: str, remote: str) -> str:
    """'the remote has newer commits: ...' or 'the remote refused it (pre-receive hook declined): <its message>'."""
    why = summary[summary.find("(") + 1 : summary.rfind(")")] if "(" in summary else summary.strip()
    if "[remote rejected]" not in summary:
        return f"{_shown(remote)} has commits this folder does not have ({why}): pull, then save again"
    said = next(
        (row[len("remote:") :] for row in stderr.splitlines() if row.startswith("remote:") and row[7:].strip()), ""
    )
    said = " ".join(_safe(said).replace(remote, _shown(remote)).split())
    said = said if len(said) <= _REASON_MAX else said[: _REASON_MAX - 1] + "…"
    return f"{_shown(remote)} refused the push ({why})" + (f": {said}" if said else "")


def _failure(stderr: str, remote: str, branch: str) -> str:
    """Why git could not push or fetch, in a fixed phrase: no paths, addresses or credentials from git's output."""
    text = stderr.lower()
    if "couldn't find remote ref" in text:
        return f"{_shown(remote)} has no branch {branch}"
    said = next(
        (phrase for needles, phrase in _FAILURES if any(n in text for n in needles)), "git failed (see the log)"
    )
    return f"{_shown(remote)}: {said}"


def _shown(remote: str) -> str:
    """How a remote is named to the person saving: its name, a URL's host, never a path or credentials."""
    if re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_.-]*", remote):
        return f"the remote '{remote}'"
    host: str | None = None
    if "://" in remote:
        with contextlib.suppress(ValueError):
            host = urlsplit(remote).hostname
    else:  # scp-like user@host:path; not a path, nor a Windows drive (C:)
        head, colon, _ = remote.partition(":")
        host = head.rpartition("@")[2] if colon and "/" not in head and len(head) > 1 else None
    return f"the remote at {host}" if host else "the remote"


def _safe(text: str) -> str:
    """Git's output for the log: credentials in URLs taken out."""
    return _USERINFO.sub("", text).strip()
