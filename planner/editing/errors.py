"""What can go wrong with an edit: a stable code for the user's language, an English message for logs.

Every refusal carries a :class:`Reason` code and the values the message
needs, so the app can say it in Danish or English (``edit.<code>`` in the
message catalogue) while the command line and the logs keep the English
text given here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from planner.plan.problems import Problem

if TYPE_CHECKING:
    from planner.editing.records import Change, Snapshot


class Reason(StrEnum):
    """Why an edit was refused (stable; each has a text in the message catalogue)."""

    NOT_PLAN_FILE = "not-plan-file"
    OUTSIDE_FOLDER = "outside-folder"
    FILE_MISSING = "file-missing"
    UNREADABLE = "unreadable"
    NOT_UTF8 = "not-utf8"
    BROKEN_FILE = "broken-file"
    CANNOT_WRITE_HERE = "cannot-write-here"
    TOO_LARGE = "too-large"  # the file would pass the size limit
    BAD_VALUE = "bad-value"
    LONE_SURROGATE = "lone-surrogate"
    NO_SUCH_PLACE = "no-such-place"
    WHO_REQUIRED = "who-required"
    WRITE_FAILED = "write-failed"
    LOCK_FAILED = "lock-failed"  # the folder's cross-process lock cannot be taken: saving could race another server
    CONFLICT = "conflict"
    INVALID = "invalid"
    PROGRAMMING = "programming"  # a wrong call from code, not something a user typed


class EditError(Exception):
    """The edit cannot be made; ``reason`` and ``params`` say why, ``str()`` says it in English."""

    def __init__(self, message: str, *, reason: Reason = Reason.PROGRAMMING, **params: Any) -> None:
        super().__init__(message)
        self.reason = reason
        self.params: Mapping[str, Any] = params


@dataclass(frozen=True, kw_only=True)
class Conflict:
    """One value both people changed: as it was when this person's form was shown, on disk now, and theirs."""

    path: str
    before: str
    theirs: str
    yours: str


class ConflictError(EditError):
    """The same values changed on disk since the form was shown; nothing was saved.

    ``conflicts`` are the values both changed, ``others`` the change-log
    entries of what was saved meanwhile (empty when the file was changed
    outside the app), ``current`` the file as it is now, ``retry`` this
    person's own changes re-addressed to ``current`` (to apply them on top),
    and ``diff`` the text difference between the version shown and now.
    """

    def __init__(
        self,
        message: str,
        *,
        diff: str,
        conflicts: Sequence[Conflict] = (),
        others: Sequence[Mapping[str, Any]] = (),
        current: Snapshot | None = None,
        retry: Sequence[Change] = (),
    ) -> None:
        super().__init__(message, reason=Reason.CONFLICT)
        self.diff = diff
        self.conflicts = tuple(conflicts)
        self.others = tuple(others)
        self.current = current
        self.retry = tuple(retry)


class InvalidEdit(EditError):
    """The new text breaks the plan rules; ``problems`` lists them."""

    def __init__(self, message: str, problems: Sequence[Problem]) -> None:
        super().__init__(message, reason=Reason.INVALID)
        self.problems = tuple(problems)
