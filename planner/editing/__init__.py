"""Safe editing of plan files: change values, keep every other byte, never lose anyone's save.

::

    seen = editing.read(data_dir, "vendors.yaml")            # when the form is shown
    changes = editing.edits(seen, ("vendors", 2, "readiness", 0), {"state": "late", "note": "..."})
    result = editing.save_changes(data_dir, seen, changes, who="Mette")

:func:`save_changes` makes the changes on the file as it is now: directly if
nobody saved since ``seen``, on top of a newer version when only other values
changed, and refuses with :class:`ConflictError` (what both changed, who saved
meanwhile, the file now) when the same values changed. Every save is
validated like ``python -m planner validate``, written atomically under a
lock that holds across processes, logged in ``changelog.jsonl`` and
committed to git when the folder is a repository. No module here imports
streamlit.

Modules: :mod:`.patch` (text surgery), :mod:`.merge` (changes on a newer
version), :mod:`.store` (lock, compare-and-swap, atomic write),
:mod:`.log` (the change log), :mod:`.vcs` (git), :mod:`.upload`, :mod:`.validate`,
:mod:`.delta` (form values to edits), :mod:`.observation` (a new
observation checked), :mod:`.locate`.
"""

from planner.editing.delta import date_value, edits, equivalent, estimate_changes, estimate_flags, shown_estimated
from planner.editing.errors import Conflict, ConflictError, EditError, InvalidEdit, Reason
from planner.editing.files import check_name, read
from planner.editing.git_remote import Sync
from planner.editing.locate import index_of_value, index_where, value_at
from planner.editing.log import read as changelog
from planner.editing.log import read_counted as changelog_counted
from planner.editing.log import saved_since
from planner.editing.merge import rebase
from planner.editing.observation import Finding, Issue, ObservationDraft, draft, known
from planner.editing.patch import apply, describe, parse
from planner.editing.records import (
    Append,
    Change,
    Delete,
    Edit,
    FieldPath,
    GitOutcome,
    Outcome,
    PullOutcome,
    PushOutcome,
    SaveResult,
    Snapshot,
)
from planner.editing.store import pull, push, save, save_changes, unified_diff
from planner.editing.upload import UploadPreview, accept_upload, preview_upload
from planner.editing.validate import validate_text

__all__ = [
    "Append",
    "Change",
    "Conflict",
    "ConflictError",
    "Delete",
    "Edit",
    "EditError",
    "FieldPath",
    "Finding",
    "GitOutcome",
    "InvalidEdit",
    "Issue",
    "ObservationDraft",
    "Outcome",
    "PullOutcome",
    "PushOutcome",
    "Reason",
    "SaveResult",
    "Snapshot",
    "Sync",
    "UploadPreview",
    "accept_upload",
    "apply",
    "changelog",
    "changelog_counted",
    "check_name",
    "date_value",
    "describe",
    "draft",
    "edits",
    "equivalent",
    "estimate_changes",
    "estimate_flags",
    "index_of_value",
    "index_where",
    "known",
    "parse",
    "preview_upload",
    "pull",
    "push",
    "read",
    "rebase",
    "save",
    "save_changes",
    "saved_since",
    "shown_estimated",
    "unified_diff",
    "validate_text",
    "value_at",
]
