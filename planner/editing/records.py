"""The records of editing: what to change, a file as read, what a save did."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

FieldPath = tuple[str | int, ...]
Scalar = str | int | float | bool | None


@dataclass(frozen=True)
class Edit:
    """Set the value at ``path`` in ``file``; ``None`` removes the key so the field takes its default."""

    file: str
    path: FieldPath
    value: object


@dataclass(frozen=True)
class Append:
    """Add ``item`` at the end of the list at ``path`` (the list is created if the key is absent).

    ``key`` names the fields that identify a mapping item (an observation by
    its ``date``): appending on top of a newer file is refused when someone
    else added an item with the same key meanwhile. A text item (a
    municipality in a wave) is its own key.
    """

    file: str
    path: FieldPath
    item: Any
    key: tuple[str, ...] = ()


@dataclass(frozen=True)
class Delete:
    """Remove the list item at ``path`` (an observation, a status row, a wave member)."""

    file: str
    path: FieldPath


Change = Edit | Append | Delete


@dataclass(frozen=True)
class Snapshot:
    """A plan file as read: its name in the data folder, its text and the sha256 of its bytes."""

    file: str
    text: str
    sha256: str  # "" when the file did not exist (a new programme file)


class Outcome(StrEnum):
    """What became of a save attempt, as the change log records it."""

    SAVED = "saved"  # written on the version the person saw
    MERGED = "merged"  # written on top of a newer version whose other values someone else changed
    CONFLICT = "conflict"  # refused: the same values changed meanwhile


class GitOutcome(StrEnum):
    """What happened with git after a save (the save itself has happened either way)."""

    COMMITTED = "committed"
    NOT_A_REPOSITORY = "not-a-repository"
    NO_GIT = "no-git"
    IGNORED = "ignored"  # the data files are in .gitignore
    FAILED = "failed"


class PushOutcome(StrEnum):
    """What became of pushing the commits to the remote (a refused or failed push keeps the local commit)."""

    PUSHED = "pushed"
    NOT_CONFIGURED = "not-configured"  # no remote to push to, or pushing is off
    REFUSED = "refused"  # the remote said no: it has newer commits, or a hook refused
    FAILED = "failed"  # no such remote, network, credentials, timeout


class PullOutcome(StrEnum):
    """What became of bringing in the remote's commits (anything but ``pulled`` changed nothing here)."""

    PULLED = "pulled"  # something new arrived (local unpushed commits replayed on top)
    UP_TO_DATE = "up-to-date"
    NOT_CONFIGURED = "not-configured"
    CONFLICT = "conflict"  # local unpushed commits change what the remote's changed: left as they were
    FAILED = "failed"


@dataclass(frozen=True, kw_only=True)
class SaveResult:
    """What a save did: the file's new version, the log entries, what happened with git and the remote."""

    file: str
    sha256: str
    entries: tuple[dict[str, str], ...]
    outcome: Outcome = Outcome.SAVED
    merged_over: tuple[dict[str, Any], ...] = ()  # others' saves this one was applied on top of
    git: GitOutcome = GitOutcome.NOT_A_REPOSITORY
    commit: str = ""
    log_failed: bool = False
    push: PushOutcome = PushOutcome.NOT_CONFIGURED
    push_detail: str = ""  # why a push was refused or failed, one line for the person saving

    @property
    def committed(self) -> bool:
        return self.git is GitOutcome.COMMITTED

    @property
    def pushed(self) -> bool:
        return self.push is PushOutcome.PUSHED

    @property
    def changed(self) -> bool:
        return bool(self.entries)
