"""What the meeting pack's workbook carries so people can edit it and give it back (planner/plan/workbook_format).

People update a few values between meetings: a vendor's readiness (state, ready by, not before), a phase's
percent complete, a milestone's date, a counted value, a municipality's onboarding state. For each such
cell the hidden sheet says where the value lives (the plan file, the record found by its ids, the field),
what the file said (``raw``) and what the cell showed (``shown``); it also holds the file versions the
workbook was made from and the words used for states. planner/editing/workbook_import.py reads it back.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from typing import Any

from planner.plan import folder_layout, model, workbook_format
from planner.plan.loader import Plan
from planner.presentation import i18n

Find = list[list[Any]]  # steps: [field] into a mapping, or [field, {key: value}] to a list item
# sheet -> (row key -> kind, the column whose text names the row)
EDITABLE: dict[str, tuple[dict[str, str], str]] = {
    "items": ({"start": "date", "percent_complete": "percent"}, "name"),
    "readiness": ({"state": "ready.", "ready_by": "date", "not_before": "date"}, "vendor"),
    "onboarding": ({"state": "onb."}, "municipality"),
    "observations": ({"value": "count"}, "metric"),
}


def _file(plan: Plan, programme: str) -> str:
    return os.path.relpath(plan.programme_files[programme], plan.data_dir)


def _item(plan: Plan, row: dict[str, Any]) -> dict[str, tuple[str, Find, list[Any], Any]]:
    """A phase's percent complete, a milestone's date: {row key: (file, find, field, raw)}."""
    named = {"id": row["id"]} if row["id"] else {"name": row["name"]}
    if row["scenario_id"]:
        find: Find = [["scenarios", {"id": row["scenario_id"]}], ["waves", {"id": row["wave_id"]}]]
    else:
        find = []
    file = _file(plan, row["programme_id"])
    if row["type"] == "phase":
        return {"percent_complete": (file, [*find, ["phases", named]], ["percent_complete"], row["percent_complete"])}
    return {"start": (file, [*find, ["milestones", named]], ["date"], row["start_written"])}


def _readiness(_plan: Plan, row: dict[str, Any]) -> dict[str, tuple[str, Find, list[Any], Any]]:
    find = [["vendors", {"id": row["vendor_id"]}], ["readiness", {"programme": row["programme_id"], "wave": row["statement_wave"] or None}]]  # fmt: skip
    state = None if row["state_derived"] else row["state"]
    return {
        "state": (folder_layout.VENDORS_FILE, find, ["state"], state),
        "ready_by": (folder_layout.VENDORS_FILE, find, ["ready_by"], row["ready_by_written"] or None),
        "not_before": (folder_layout.VENDORS_FILE, find, ["not_before"], row["not_before_written"] or None),
    }


def _onboarding(plan: Plan, row: dict[str, Any]) -> dict[str, tuple[str, Find, list[Any], Any]]:
    prog = plan.programme(row["programme_id"])
    assert prog is not None and prog.onboarding is not None
    wanted = plan.reference.municipality(row["municipality"])
    said = next((s for s in prog.onboarding.status if plan.reference.municipality(s.municipality) == wanted), None)
    find: Find = [["onboarding"], ["status", {"municipality": row["municipality"]}]]
    return {"state": (_file(plan, row["programme_id"]), find, ["state"], said.state.value if said else None)}


def _observation(plan: Plan, row: dict[str, Any]) -> dict[str, tuple[str, Find, list[Any], Any]]:
    field = ["breakdown", row["region"], row["metric"]] if row["region"] else ["values", row["metric"]]
    find = [["observations", {"date": row["date_written"]}]]
    return {"value": (_file(plan, row["programme_id"]), find, field, row["value"])}


ADDRESS = {"items": _item, "readiness": _readiness, "onboarding": _onboarding, "observations": _observation}


def _labels(lang: str) -> dict[str, dict[str, str]]:
    """The words the workbook uses for states, back to the values the files write."""
    return {
        "ready.": {i18n.t("ready." + s.value, lang): s.value for s in model.ReadinessState},
        "onb.": {i18n.t("onb." + s.value, lang): s.value for s in model.OnboardingState},
    }


def _plain(value: Any) -> Any:
    """A cell's value as JSON keeps it: a date as its ISO text."""
    return value.isoformat() if isinstance(value, dt.date) else value


def write_row(ws: Any, number: int, row: Sequence[Any]) -> None:
    """``row`` written as the worksheet's row ``number``, every text kept as text: one starting with '=' is no
    formula. (Its caller counts the rows: ``ws.max_row`` measures the whole sheet every time it is asked.)"""
    for column, value in enumerate(row, start=1):
        cell = ws.cell(row=number, column=column, value=value)
        if cell.data_type == "f":
            cell.data_type = "s"


def add_sheet(
    book: Any, plan: Plan, lang: str, built: Sequence[tuple[str, Any, Sequence[Any], list[dict[str, Any]]]]
) -> None:
    """Add the hidden sheet to ``book``: ``built`` is (sheet key, worksheet, columns, export rows) per sheet."""
    from openpyxl.utils import get_column_letter

    hidden = book.create_sheet(workbook_format.SHEET)
    hidden.sheet_state = "hidden"
    files = {os.path.relpath(f.path, plan.data_dir): f.sha256 for f in plan.files}
    rows = {ws.title: len(raw) for _, ws, _, raw in built}
    meta = {"format": workbook_format.FORMAT, "title": plan.portfolio.title, "lang": lang,
            "files": json.dumps(files, ensure_ascii=False), "labels": json.dumps(_labels(lang), ensure_ascii=False),
            "sheets": json.dumps([ws.title for _, ws, _, _ in built], ensure_ascii=False),
            "rows": json.dumps(rows, ensure_ascii=False)}  # fmt: skip

    written = 0

    def add(row: list[Any]) -> None:  # a note starting with '=' is no formula here either
        nonlocal written
        written += 1
        write_row(hidden, written, row)

    for name in workbook_format.META:
        add([name, meta[name]])
    add(list(workbook_format.CELL_COLUMNS))
    for _, ws, columns, _ in built:  # every row as shown: a change to any other cell is refused, not lost
        for n in range(1, ws.max_row + 1):  # the header row too
            shown = [_plain(ws.cell(n, i).value) for i in range(1, len(columns) + 1)]
            add(
                [
                    f"A{n}",
                    ws.title,
                    "",
                    workbook_format.ROW,
                    "",
                    "",
                    "",
                    "",
                    json.dumps(shown, ensure_ascii=False),
                    "",
                    "",
                ]
            )
    for key, ws, columns, raw in built:
        if key not in EDITABLE:
            continue
        kinds, naming = EDITABLE[key]
        letters = {c.key: get_column_letter(i) for i, c in enumerate(columns, start=1)}
        for n, record in enumerate(raw, start=2):
            for field, (file, find, path, said) in ADDRESS[key](plan, record).items():
                cell = ws[f"{letters[field]}{n}"]
                add([cell.coordinate, ws.title, ws[f"{letters[field]}1"].value, kinds[field], file,
                               json.dumps(find, ensure_ascii=False), json.dumps(path, ensure_ascii=False),
                               json.dumps(said, ensure_ascii=False), json.dumps(_plain(cell.value), ensure_ascii=False),
                               f"{letters[naming]}{n}", ws[f"{letters[naming]}{n}"].value])  # fmt: skip
