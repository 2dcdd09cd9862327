"""Saving plan files: one writer at a time, compare-and-swap on the version seen, atomic, logged.

Two ways in:

* :func:`save` writes a whole new text if the file is still the version the
  person saw (uploads);
* :func:`save_changes` makes a person's changes, made on the version they
  saw, on the file as it is now: directly when nobody saved meanwhile, on top
  of the newer version when only other values changed (outcome ``merged``),
  and refuses with a :class:`ConflictError` when the same values changed.

Both hold a lock that spans threads (app sessions) and processes (two app
servers on one folder: ``flock`` on the folder), validate with the rules of
``python -m planner validate``, replace the file atomically, append to the
change log and commit to git when the folder is a repository; with a
:class:`~planner.editing.git_remote.Sync` that pushes, the commit is then pushed
(after the lock is released: a slow remote holds up no one's save).
:func:`pull` brings in what others pushed, under the same lock.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import errno
import logging
import os
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from planner.editing import files, git_remote, log, merge, patch, vcs
from planner.editing.errors import Conflict, ConflictError, EditError, InvalidEdit, Reason
from planner.editing.records import Change, Outcome, PullOutcome, PushOutcome, SaveResult, Snapshot
from planner.editing.validate import validate_text
from planner.plan import folder_layout, safefile
from planner.plan.problems import Problem, Severity

try:  # POSIX only; elsewhere the in-process lock still serialises app sessions
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

_WHO_MAX = 100
_LOCK = threading.Lock()  # Streamlit sessions are threads of one process
_PUSH_LOCK = threading.Lock()  # one push at a time: each pushes HEAD as it is then, so none pushes an older one
_log = logging.getLogger(__name__)


@contextlib.contextmanager
def locked(data_dir: str | os.PathLike[str]) -> Iterator[None]:
    """Serialise saves: across sessions (thread lock) and processes (flock on the folder).

    Without the cross-process lock two servers could write at once, so a
    folder that cannot be locked refuses the save (:class:`EditError`,
    ``lock-failed``) rather than going on with the thread lock alone.
    """
    with _LOCK:
        fd = None
        if fcntl is not None:
            try:
                fd = os.open(data_dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError as exc:
                if fd is not None:
                    os.close(fd)
                _log.error("cannot lock the data folder %s for a save: %s", data_dir, exc.strerror or exc)
                raise EditError(
                    f"the data folder cannot be locked ({exc.strerror or exc}); nothing was saved",
                    reason=Reason.LOCK_FAILED,
                    detail=exc.strerror or type(exc).__name__,
                ) from exc
        try:
            yield
        finally:
            if fd is not None:
                os.close(fd)  # closing releases the flock


def save(
    data_dir: str | os.PathLike[str],
    snapshot: Snapshot,
    new_text: str,
    who: str,
    summary: Sequence[tuple[str, str, str]],
    *,
    sync: git_remote.Sync | None = None,
) -> SaveResult:
    """Write ``new_text`` to the snapshot's file if it is still that version and the text is valid.

    Raises :class:`ConflictError` (the diff of what changed on disk and the
    saves the change log knows of), :class:`InvalidEdit` or :class:`EditError`.
    With ``sync`` (pushing), a commit is pushed: see :attr:`SaveResult.push`.
    """
    who = _who(who)
    with locked(data_dir):
        now = files.snapshot_of(data_dir, snapshot.file, missing_ok=True)
        if now.sha256 != snapshot.sha256:
            _log_refused(data_dir, who, snapshot, now, summary)
            raise _conflict(data_dir, snapshot, now, [], [])
        result = _write(data_dir, now, new_text, who, summary, Outcome.SAVED, ())
    return _pushed(data_dir, result, sync)


def save_changes(
    data_dir: str | os.PathLike[str],
    seen: Snapshot,
    changes: Sequence[Change],
    who: str,
    *,
    sync: git_remote.Sync | None = None,
) -> SaveResult:
    """Make ``changes`` (addressed to the version ``seen``) on the file as it is now.

    Values this person did not change are never written back; values someone
    else changed meanwhile are kept; when both changed the same value (or the
    item is gone), nothing is saved and :class:`ConflictError` says what.
    With ``sync`` (pushing), a commit is pushed: see :attr:`SaveResult.push`.
    """
    who = _who(who)
    with locked(data_dir):
        now = files.snapshot_of(data_dir, seen.file, missing_ok=True)
        over: tuple[dict[str, object], ...] = ()
        if now.sha256 == seen.sha256:
            todo, outcome = list(changes), Outcome.SAVED
        else:
            todo, conflicts, retry = merge.rebase(seen, now, changes)
            if conflicts:
                summary = [(c.path, c.before, c.yours) for c in conflicts]
                _log_refused(data_dir, who, seen, now, summary)
                raise _conflict(data_dir, seen, now, conflicts, retry)
            outcome, over = Outcome.MERGED, tuple(log.saved_since(data_dir, seen.file, seen.sha256))
        new_text = patch.apply(now, todo)
        result = _write(data_dir, now, new_text, who, patch.describe(now, todo), outcome, over)
    return _pushed(data_dir, result, sync)


def push(data_dir: str | os.PathLike[str], sync: git_remote.Sync | None) -> tuple[PushOutcome, str]:
    """Push the folder's commits (:func:`planner.editing.git_remote.push`), one push at a time in this process."""
    with _PUSH_LOCK:
        return git_remote.push(Path(data_dir), sync)


def pull(data_dir: str | os.PathLike[str], sync: git_remote.Sync | None) -> tuple[PullOutcome, str]:
    """Bring in what others pushed (:func:`planner.editing.git_remote.pull`) under the save lock: never half-way into a save.

    Both sides' change log lines are kept, and lines not committed yet
    (refused saves are logged, not committed) stay at the end of the log.
    """
    if sync is None or not sync.pull:
        return PullOutcome.NOT_CONFIGURED, ""
    with locked(data_dir), _log_set_aside(Path(data_dir)):
        return git_remote.pull(Path(data_dir), sync, union=(folder_layout.CHANGELOG_FILE,))


def _pushed(data_dir: str | os.PathLike[str], result: SaveResult, sync: git_remote.Sync | None) -> SaveResult:
    """``result`` with what became of pushing it, when it was committed and ``sync`` pushes."""
    if sync is None or not sync.push or not result.committed:
        return result
    outcome, detail = push(data_dir, sync)
    return dataclasses.replace(result, push=outcome, push_detail=detail)


@contextlib.contextmanager
def _log_set_aside(folder: Path) -> Iterator[None]:
    """The change log as committed while git moves it; its uncommitted lines appended again after.

    Only when the committed log is where the file starts (lines were only
    added); otherwise the file is left alone and git keeps it or refuses.
    """
    path = folder / folder_layout.CHANGELOG_FILE
    committed = vcs.committed(folder, folder_layout.CHANGELOG_FILE)
    try:
        now = safefile.read_tail(path, folder, log.MAX_BYTES)
    except (OSError, safefile.UnsafeFile):
        now = None
    pending = b""
    if committed is not None and now is not None and len(now) > len(committed) and now.startswith(committed):
        pending = now[len(committed) :]
        write_atomic(path, committed, folder)
    try:
        yield
    finally:
        if pending:
            try:
                text = safefile.read_tail(path, folder, log.MAX_BYTES) if path.exists() else b""
                glue = b"\n" if text != committed and text and not text.endswith(b"\n") else b""
                write_atomic(path, text + glue + pending, folder)
            except (OSError, safefile.UnsafeFile) as exc:  # the lines are kept in the log at least
                _log.error("could not add back to %s: %s; the lines: %r", path, exc, pending)


def _write(
    data_dir: str | os.PathLike[str],
    now: Snapshot,
    new_text: str,
    who: str,
    summary: Sequence[tuple[str, str, str]],
    outcome: Outcome,
    over: Sequence[dict[str, object]],
) -> SaveResult:
    """Validate and write (under the lock); log and commit."""
    if new_text == now.text:
        return SaveResult(file=now.file, sha256=now.sha256, entries=(), outcome=outcome)
    problems = validate_text(data_dir, now.file, new_text)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise InvalidEdit(f"not saved: {_count(errors)}; first: {errors[0]}", problems)
    raw = new_text.encode("utf-8")
    try:
        write_atomic(files.file_path(data_dir, now.file), raw, Path(data_dir))
    except OSError as exc:
        raise EditError(
            f"not saved: cannot write {now.file}: {exc.strerror or exc}",
            reason=Reason.WRITE_FAILED,
            file=now.file,
            detail=str(exc.strerror or exc),
        ) from None
    version = files.sha(raw)
    lines = log.entries(who, now.file, summary, outcome=outcome, before=now.sha256, after=version)
    log_failed = False
    try:
        log.append(Path(data_dir), lines)
    except (OSError, safefile.UnsafeFile) as exc:  # saved; the log could not say so (a link, a pipe, a full disk)
        _log.error("the change log of %s was not written: %s", data_dir, exc)
        log_failed = True
    git, commit = vcs.commit(
        Path(data_dir), [now.file, folder_layout.CHANGELOG_FILE], who, vcs.message(now.file, who, summary)
    )
    return SaveResult(
        file=now.file,
        sha256=version,
        entries=tuple(lines),
        outcome=outcome,
        merged_over=tuple(dict(e) for e in over),
        git=git,
        commit=commit,
        log_failed=log_failed,
    )


def _log_refused(
    data_dir: str | os.PathLike[str], who: str, seen: Snapshot, now: Snapshot, summary: Sequence[tuple[str, str, str]]
) -> None:
    lines = log.entries(
        who, seen.file, summary or [("(file)", "", "")], outcome=Outcome.CONFLICT, before=seen.sha256, after=now.sha256
    )
    with contextlib.suppress(OSError):
        log.append(Path(data_dir), lines)


def _conflict(
    data_dir: str | os.PathLike[str],
    seen: Snapshot,
    now: Snapshot,
    conflicts: Sequence[Conflict],
    retry: Sequence[Change],
) -> ConflictError:
    diff = unified_diff(seen.text, now.text, f"{seen.file} (as you saw it)", f"{seen.file} (on disk now)")
    return ConflictError(
        f"{seen.file} was changed by someone else after you opened it; nothing was saved. "
        "Reload the file and make your edit again.",
        diff=diff,
        conflicts=conflicts,
        others=log.saved_since(data_dir, seen.file, seen.sha256),
        current=now,
        retry=retry,
    )


def _count(errors: Sequence[Problem]) -> str:
    return "1 error" if len(errors) == 1 else f"{len(errors)} errors"


def _who(who: str) -> str:
    cleaned = " ".join("".join(c if c.isprintable() else " " for c in str(who)).split())[:_WHO_MAX]
    if not cleaned:
        raise EditError("say who is making the edit (a name or initials)", reason=Reason.WHO_REQUIRED)
    return cleaned


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff of two texts (empty when they are the same)."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), old_name, new_name)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def write_atomic(path: Path, raw: bytes, folder: Path | None = None) -> None:
    """All or nothing, never through a link or onto a special file (:func:`safefile.write_atomic`)."""
    try:
        safefile.write_atomic(path, raw, folder)
    except safefile.UnsafeFile as exc:
        raise OSError(errno.EPERM, str(exc)) from None
