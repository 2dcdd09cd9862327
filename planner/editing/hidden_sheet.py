"""An edited workbook's hidden sheet read back and checked (its layout: planner/plan/workbook_format.py).

Every row is validated before the import reads it: a hidden sheet changed by
hand (a cell address, a kind, a record's address, a column) is refused as
damaged here, with what is wrong, instead of failing somewhere later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Json, StringConstraints, ValidationError, model_validator

from planner.plan import workbook_format

Step = tuple[str] | tuple[str, dict[str, str | None]]  # a list's name, and which item of it (by its fields)
Coordinate = Annotated[str, StringConstraints(pattern=r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")]
_STRICT = ConfigDict(extra="forbid", frozen=True)


class _Meta(BaseModel):
    """The hidden sheet's head: the plan's title, the state words its cells use, the sheets and their rows."""

    model_config = ConfigDict(extra="ignore", frozen=True)
    title: str
    labels: Json[dict[str, dict[str, str]]]  # "ready." and "onb.": the words of each state
    sheets: Json[list[str]]
    rows: Json[dict[str, Annotated[int, Field(ge=0)]]]

    @model_validator(mode="after")
    def _both_labels(self) -> _Meta:
        if set(self.labels) != {"ready.", "onb."}:
            raise ValueError("the state words are incomplete")
        return self


class _RowCell(BaseModel):
    """A row as exported: every value it showed (what is not editable must stay as it was)."""

    model_config = _STRICT
    cell: Annotated[str, StringConstraints(pattern=r"^A[1-9][0-9]{0,6}$")]
    sheet: str
    kind: Literal["row"]
    shown: Json[Annotated[list[Any], Field(min_length=1)]]

    @property
    def row(self) -> int:
        return int(self.cell[1:])


class _ValueCell(BaseModel):
    """A cell people may change: where its value lives in which plan file, what it was and what it showed."""

    model_config = _STRICT
    cell: Coordinate
    sheet: str
    header: str
    kind: Literal["date", "percent", "count", "ready.", "onb."]
    file: str
    find: Json[Annotated[list[Step], Field(min_length=1)]]
    field: Json[Annotated[list[str | int], Field(min_length=1)]]
    raw: Json[Any]
    shown: Json[Any]
    key_cell: Coordinate
    key_text: Any


@dataclass(frozen=True)
class Carried:
    """What the hidden sheet says, checked: a hidden sheet changed by hand is refused here, not met later."""

    meta: _Meta
    rows: list[_RowCell]
    cells: list[_ValueCell]


def carried_by(book: Any) -> Carried | str:
    """What the workbook's hidden sheet says, checked; or why it cannot be read (a sentence)."""
    if workbook_format.SHEET not in book.sheetnames:
        return (f"the workbook has no '{workbook_format.SHEET}' sheet: only a workbook exported by Udrulningsplan "
                "(the meeting pack's Excel, or python -m planner report --format xlsx) can be imported")  # fmt: skip
    rows = list(book[workbook_format.SHEET].iter_rows(values_only=True))
    head = {str(r[0]): r[1] for r in rows[: len(workbook_format.META)] if r}
    if head.get("format") != workbook_format.FORMAT:
        return f"the workbook's format is '{head.get('format')}', not '{workbook_format.FORMAT}': export it again"
    try:
        meta = _Meta.model_validate(head)
        header = rows[len(workbook_format.META)] if len(rows) > len(workbook_format.META) else ()
        if tuple(header) != workbook_format.CELL_COLUMNS:
            raise ValueError("its columns are not the exported ones")
        cells = [dict(zip(header, r, strict=True)) for r in rows[len(workbook_format.META) + 1 :] if r and r[0]]
        kept = [_RowCell.model_validate(_row_fields(c)) for c in cells if c["kind"] == workbook_format.ROW]
        values = [_ValueCell.model_validate(c) for c in cells if c["kind"] != workbook_format.ROW]
    except (ValidationError, ValueError) as exc:
        return f"the workbook's hidden sheet '{workbook_format.SHEET}' is damaged ({_first_error(exc)}); export the workbook again"
    return Carried(meta, kept, values)


def _row_fields(cell: dict[str, Any]) -> dict[str, Any]:
    """A row cell's own fields (its other columns are empty)."""
    return {k: cell[k] for k in ("cell", "sheet", "kind", "shown")}


def _first_error(exc: Exception) -> str:
    """What is wrong with the hidden sheet, in a few words."""
    if isinstance(exc, ValidationError):
        first = exc.errors()[0]
        return f"{'.'.join(map(str, first['loc']))}: {first['msg']}"[:120]
    return str(exc)[:120]
