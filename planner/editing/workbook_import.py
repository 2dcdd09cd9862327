"""An edited meeting-pack workbook back into the plan files: a preview of exactly what would change, then a save.

The workbook describes itself in a hidden sheet (planner/plan/workbook_format.py): the plan and file
versions it was made from, and for each cell people may change (a readiness state or date, a phase's
percent complete, a milestone's date, a counted value, an onboarding state) where that value lives and what
it was. :func:`preview` reads the workbook against the files as they are now:

* a cell that still shows what it showed is never written;
* a changed cell becomes an edit of its value, found in the file by its record's ids;
* a value changed on disk since the workbook was made is a conflict, shown as such and not saved;
* an unknown or missing sheet, a column moved or renamed, a row added, deleted or moved, a changed cell
  that cannot be changed here, a text in a date cell: each a message located at its cell
  (``Parathed!G7: '1. feb' is not a date; ...``).

Any problem or conflict means nothing is saved. :func:`apply` saves the edits through the conflict-safe
editing core (:func:`planner.editing.store.save_changes`): a lock, compare-and-swap, comments and layout
kept, the change log and git.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from planner.editing import files, git_remote, locate, patch, store
from planner.editing.errors import EditError
from planner.editing.hidden_sheet import Carried, Step, carried_by
from planner.editing.records import Append, Change, Edit, FieldPath, SaveResult, Snapshot
from planner.editing.validate import validate_text
from planner.plan import dates, loader, problems, workbook_format
from planner.plan.reference import Reference

MAX_PROBLEMS = 50  # a workbook with every row moved says so fifty times, not a thousand


@dataclass(frozen=True)
class CellEdit:
    """One changed cell and the plan value it changes."""

    cell: str  # 'Parathed!G7'
    header: str
    file: str
    path: FieldPath
    old: Any  # the file's value now
    new: Any
    change: Change


@dataclass
class Preview:
    """What importing the workbook would do: edits, or the problems and conflicts that stop it."""

    edits: list[CellEdit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # located: 'Parathed!G7: ...'
    conflicts: list[str] = field(default_factory=list)  # values changed on disk since the export
    seen: dict[str, Snapshot] = field(default_factory=dict)  # each file as the preview read it

    @property
    def ok(self) -> bool:
        return not self.problems and not self.conflicts

    def lines(self) -> list[str]:
        """The preview as a person reads it: each change, then each conflict and problem."""
        out = [
            f"{e.cell} ({e.header}): {e.file}: {_dotted(e.path)}: {_shown(e.old)} -> {_shown(e.new)}"
            for e in self.edits
        ]
        out += [f"conflict: {c}" for c in self.conflicts]
        out += [f"error: {p}" for p in self.problems]
        return out


def _dotted(path: FieldPath) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def _shown(value: Any) -> str:
    return "(nothing)" if value is None else repr(value) if isinstance(value, str) else str(value)


def _plain(value: Any) -> Any:
    """A cell's value compared as the export wrote it: dates as ISO days, '' as nothing, 40.0 as 40."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _same(a: Any, b: Any) -> bool:
    a, b = _plain(a), _plain(b)
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return float(a) == float(b)
    return bool(a == b)


# ------------------------------------------------------------------ reading a changed cell


class _Bad(ValueError):
    """A cell's value cannot be read as its kind; the message says what to write."""


def _date(value: Any) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return str(_plain(value))
    text = str(value).strip()
    try:
        dates.parse(text)
    except dates.DateError:
        raise _Bad(f"'{text}' is not a date; write a date (1. feb. 2025 as a date cell) or {dates.HINT[4:]}") from None
    return text


def _number(value: Any, low: float, high: float | None, whole: bool) -> int | float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        try:
            value = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise _Bad(f"'{value}' is not a number") from None
    if value < low or (high is not None and value > high) or (whole and not float(value).is_integer()):
        span = f"from {low:g} to {high:g}" if high is not None else f"{low:g} or more"
        raise _Bad(f"{value:g} is not {'a whole number ' if whole else 'a number '}{span}")
    return int(value) if float(value).is_integer() else value


def _read(kind: str, value: Any, labels: Mapping[str, Mapping[str, str]]) -> Any:
    """A changed cell's value as the plan file writes it (None: the value is removed)."""
    if _plain(value) is None:
        if kind == "onb.":
            raise _Bad(f"an onboarding state is needed: one of {', '.join(labels[kind])}")
        return None
    match kind:
        case "date":
            return _date(value)
        case "percent":
            return _number(value, 0, 100, whole=False)
        case "count":
            return _number(value, 0, None, whole=True)
        case _:
            words = {w.casefold(): v for w, v in labels[kind].items()} | {v: v for v in labels[kind].values()}
            found = words.get(str(value).strip().casefold())
            if found is None:
                raise _Bad(f"'{value}' is not one of {', '.join(labels[kind])}")
            return found


# ------------------------------------------------------------------ finding a value in a file


def _matches(item: Any, wanted: dict[str, Any], ref: Reference) -> bool:
    if not isinstance(item, dict):
        return False
    for key, value in wanted.items():
        have = item.get(key)
        if key == "municipality" and isinstance(have, str):
            if ref.municipality(have) != ref.municipality(str(value)):
                return False
        elif (None if have is None else str(have)) != (None if value is None else str(value)):
            return False
    return True


def _find(data: Any, steps: Sequence[Step], ref: Reference) -> tuple[FieldPath | None, FieldPath]:
    """The path the steps lead to, or (None, the path of the list where an item was not found)."""
    path: FieldPath = ()
    for step in steps:
        path = (*path, step[0])
        if len(step) > 1:
            items = locate.value_at(data, path)
            index = (
                next((i for i, it in enumerate(items) if _matches(it, step[1], ref)), None)
                if isinstance(items, list)
                else None
            )
            if index is None:
                return None, path
            path = (*path, index)
    return path, path


# ------------------------------------------------------------------ the workbook


def _sheet_problems(book: Any, carried: Carried) -> list[str]:
    """Sheets, columns and rows as exported; every cell that may not change unchanged."""
    found: list[str] = []
    visible = [ws.title for ws in book.worksheets if ws.title != workbook_format.SHEET]
    expected = carried.meta.sheets
    found += [
        f"'{name}': a sheet the export did not have; only the exported sheets can be imported"
        for name in visible
        if name not in expected
    ]
    found += [
        f"'{name}': the sheet is missing (renamed or deleted?); export the workbook again"
        for name in expected
        if name not in visible
    ]
    editable = {(c.sheet, c.cell) for c in carried.cells}
    can_change: dict[str, set[str]] = {}
    for c in carried.cells:
        can_change.setdefault(c.sheet, set()).add(c.header)
    from openpyxl.utils import get_column_letter

    for row in carried.rows:
        if row.sheet not in visible:
            continue
        ws, n, shown = book[row.sheet], row.row, row.shown
        for i, was in enumerate(shown, start=1):
            coord = f"{get_column_letter(i)}{n}"
            now = ws[coord].value
            if (row.sheet, coord) in editable or _same(now, was):
                continue
            if n == 1:
                found.append(
                    f"{row.sheet}!{coord}: the column '{was}' is not here (now '{now}'); columns cannot be moved, renamed or removed"
                )
            elif i == 1 or not _same(ws[f"A{n}"].value, shown[0]):
                found.append(
                    f"{row.sheet}!A{n}: the row is not the one exported (it was '{shown[0]}' …); rows cannot be deleted, moved or sorted"
                )
                break
            else:
                allowed = ", ".join(sorted(can_change.get(row.sheet, ()))) or "nothing"
                found.append(
                    f"{row.sheet}!{coord}: '{_plain(now)}' was '{was}': only {allowed} can be changed here; change the rest in the plan"
                )
        if n == 1:
            extra = [i for i in range(len(shown) + 1, ws.max_column + 1) if _plain(ws.cell(1, i).value) is not None]
            found += [f"{row.sheet}!{get_column_letter(i)}1: a column the export did not have" for i in extra]
    for sheet, count in carried.meta.rows.items():
        if sheet not in visible:
            continue
        ws = book[sheet]
        for n in range(count + 2, ws.max_row + 1):
            if any(_plain(v) is not None for v in next(ws.iter_rows(min_row=n, max_row=n, values_only=True))):
                found.append(f"{sheet}!A{n}: a row the export did not have; rows cannot be added here")
                break
    return found


def preview(data_dir: str | os.PathLike[str], raw: bytes) -> Preview:
    """What importing the workbook ``raw`` into the plan in ``data_dir`` would change (see the module)."""
    return _preview(data_dir, raw, Preview())


def _preview(data_dir: str | os.PathLike[str], raw: bytes, out: Preview) -> Preview:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(raw), data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        out.problems.append(f"not an Excel workbook (.xlsx): {exc}")
        return out
    carried = carried_by(book)
    if isinstance(carried, str):
        out.problems.append(carried)
        return out
    plan = loader.load(str(data_dir))
    if carried.meta.title != plan.portfolio.title:
        out.problems.append(f"the workbook is from another plan ('{carried.meta.title}', not '{plan.portfolio.title}')")
        return out
    out.problems += _sheet_problems(book, carried)
    labels = carried.meta.labels
    data: dict[str, Any] = {}
    changes: dict[str, list[Change]] = {}
    for c in carried.cells:
        if c.sheet not in book.sheetnames:
            continue
        where = f"{c.sheet}!{c.cell}"
        now = book[c.sheet][c.cell].value
        if _same(now, c.shown):
            continue  # unchanged: never written
        if not _same(book[c.sheet][c.key_cell].value, c.key_text):
            continue  # the row moved: said once by the row check
        try:
            new = _read(c.kind, now, labels)
        except _Bad as exc:
            out.problems.append(f"{where}: {exc}")
            continue
        try:
            file = files.check_name(c.file)
        except EditError as exc:  # a hidden sheet made by hand: it names no plan file
            out.problems.append(f"{where}: {exc}")
            continue
        if file not in out.seen:
            out.seen[file] = files.read(data_dir, file)
            data[file] = patch.parse(out.seen[file])
        steps, tail, raw_value = c.find, c.field, c.raw
        found, holder = _find(data[file], steps, plan.reference)
        if found is None:
            last = steps[-1]
            if raw_value is None and len(last) == 2 and last[0] == "status":  # a municipality with no status row yet
                item: dict[str, Any] = {**last[1], str(tail[-1]): new}
                change: Change = Append(file, holder, item, key=("municipality",))
                out.edits.append(CellEdit(where, c.header, file, (*holder, "+"), None, new, change))
                changes.setdefault(file, []).append(change)
            else:
                out.conflicts.append(
                    f"{where}: {file}: the record is no longer in the file ({_dotted(holder)}); export the workbook again"
                )
            continue
        path = (*found, *tail)
        current = locate.value_at(data[file], path)
        if _same(current, new):
            continue  # the file already says so (this workbook imported before, or the same change made by hand)
        if not _same(current, raw_value):
            out.conflicts.append(
                f"{where}: {file}: {_dotted(path)} changed since the workbook was made: it was {_shown(raw_value)}, "
                f"it is now {_shown(current)}; your {_shown(new)} is not saved"
            )
            continue
        edit = Edit(file, path, new)
        out.edits.append(CellEdit(where, c.header, file, path, current, new, edit))
        changes.setdefault(file, []).append(edit)
    if len(out.problems) > MAX_PROBLEMS:
        out.problems = [*out.problems[:MAX_PROBLEMS], f"… and {len(out.problems) - MAX_PROBLEMS} more"]
    for file, todo in changes.items():  # the plan's own rules, before anything is saved
        found_problems = validate_text(data_dir, file, patch.apply(out.seen[file], todo))
        out.problems += [problems.format(p) for p in found_problems if p.severity is problems.Severity.ERROR]
    return out


def apply(
    data_dir: str | os.PathLike[str], previewed: Preview, who: str, *, sync: git_remote.Sync | None = None
) -> list[SaveResult]:
    """Save a preview's edits, file by file, through the editing core; a preview with problems saves nothing."""
    if not previewed.ok:
        raise ValueError("the preview has problems or conflicts: nothing is saved")
    by_file: dict[str, list[Change]] = {}
    for e in previewed.edits:
        by_file.setdefault(e.file, []).append(e.change)
    return [store.save_changes(data_dir, previewed.seen[f], todo, who, sync=sync) for f, todo in by_file.items()]


__all__: Sequence[str] = ("CellEdit", "Preview", "apply", "preview")
