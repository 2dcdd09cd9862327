"""Replacing a whole plan file by an uploaded one: previewed first, saved only on the version previewed."""

from __future__ import annotations

import os
from dataclasses import dataclass

from planner.editing import files, store
from planner.editing.errors import InvalidEdit
from planner.editing.git_remote import Sync
from planner.editing.records import SaveResult, Snapshot
from planner.editing.validate import validate_text
from planner.plan import yaml_text
from planner.plan.problems import Problem, Severity, has_errors


@dataclass(frozen=True)
class UploadPreview:
    """An uploaded replacement for a plan file, checked against the file as it was at the preview."""

    file: str
    snapshot: Snapshot
    new_text: str
    problems: tuple[Problem, ...]
    diff: str

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


def preview_upload(data_dir: str | os.PathLike[str], file_name: str, raw: bytes) -> UploadPreview:
    """Check an uploaded replacement for ``file_name``: its problems and a diff against the file now.

    ``file_name`` must be portfolio.yaml, vendors.yaml or programmes/<id>.yaml
    (a new programme file is allowed); anything else is an :class:`EditError`.
    """
    files.check_name(file_name)
    current = files.snapshot_of(data_dir, file_name, missing_ok=True)
    shown = os.path.join(str(data_dir), file_name)
    try:
        new_text = yaml_text.decode(raw)  # the size limit and encoding checks of the loader
    except yaml_text.YamlError as exc:
        problem = Problem(code=exc.code, file=shown, line=exc.line, column=exc.column, field="", message=exc.message)
        return UploadPreview(file=file_name, snapshot=current, new_text="", problems=(problem,), diff="")
    problems = validate_text(data_dir, file_name, new_text)
    diff = store.unified_diff(current.text, new_text, f"a/{file_name}", f"b/{file_name}")
    return UploadPreview(file=file_name, snapshot=current, new_text=new_text, problems=tuple(problems), diff=diff)


def accept_upload(
    data_dir: str | os.PathLike[str], preview: UploadPreview, who: str, *, sync: Sync | None = None
) -> SaveResult:
    """Save a previewed upload; refused if it has errors or anything was saved after the preview."""
    if not preview.ok:
        errors = [p for p in preview.problems if p.severity is Severity.ERROR]
        count = "1 error" if len(errors) == 1 else f"{len(errors)} errors"
        raise InvalidEdit(f"not saved: the upload has {count}; first: {errors[0]}", preview.problems)
    old, new = preview.snapshot, preview.new_text
    summary = [("whole file (upload)", _fingerprint(old.text, old.sha256), _fingerprint(new, files.sha(new.encode())))]
    return store.save(data_dir, preview.snapshot, new, who, summary, sync=sync)


def _fingerprint(text: str, sha: str) -> str:
    return f"{len(text.splitlines())} lines, sha256 {sha[:12]}" if sha else "(no file)"
