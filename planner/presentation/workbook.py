"""The meeting pack's workbook: the export's tables for people, in the reader's language.

The CSV and JSON exports keep their stable English column names and raw
values for programs. The workbook is for people: headers and values in the
language chosen (programme names, not ids; "Ja"/"Nej"; readiness and
onboarding states in words), dates as dates and numbers as numbers (so a
filter or a sum works), columns wide enough to read, a bold header that
stays in view with filters on it, and pages that print landscape, one page
wide, the header repeated.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from planner.plan import dates
from planner.plan.dates import Precision
from planner.plan.loader import Plan
from planner.presentation import flat_tables, i18n, workbook_roundtrip

MAX_WIDTH = 60  # characters; longer notes wrap
MIN_WIDTH = 8
DATE_FORMAT = {"da": "d. mmm yyyy", "en": "d mmm yyyy"}


@dataclass(frozen=True)
class Column:
    """One column of a sheet: the export row's key, its header, and how a value is shown."""

    key: str
    header: str  # the catalogue key after "xl."
    # text, date, written (a date as written), int, number, yes-no, fields (names of estimated fields),
    # or a catalogue prefix for enum values ("ready.")
    kind: str = "text"


def _sheets(plan: Plan, as_of: dt.date) -> list[tuple[str, Sequence[Column], list[dict[str, Any]]]]:
    return [
        ("items", ITEM_COLUMNS, flat_tables.item_rows(plan, as_of)),
        ("readiness", READINESS_COLUMNS, flat_tables.readiness_rows(plan)),
        ("onboarding", ONBOARDING_COLUMNS, flat_tables.onboarding_rows(plan, as_of)),
        ("targets", TARGET_COLUMNS, flat_tables.target_rows(plan)),
        ("observations", OBSERVATION_COLUMNS, flat_tables.observation_rows(plan)),
    ]


ITEM_COLUMNS = (
    Column("programme_id", "programme", "programme"),
    Column("scenario", "scenario"),
    Column("scenario_status", "scenario_status", "sc."),
    Column("wave", "wave"),
    Column("type", "type", "xl.type_"),
    Column("name", "name"),
    Column("milestone_kind", "kind", "ms."),
    Column("start", "start", "date"),
    Column("end", "end", "date"),
    Column("start_written", "start_written"),
    Column("end_written", "end_written"),
    Column("estimate", "estimate", "yes-no"),
    Column("estimated", "estimated", "fields"),  # 'Start', 'Slut': which dates are estimates
    Column("percent_complete", "percent_complete", "number"),
)
READINESS_COLUMNS = (
    Column("vendor", "vendor"),
    Column("system", "system"),
    Column("kind", "kind"),
    Column("programme_id", "programme", "programme"),
    Column("state", "state", "ready."),
    Column("state_derived", "state_derived", "yes-no"),
    Column("ready_by", "ready_by", "date"),
    Column("not_before", "not_before", "date"),
    Column("wave_go_live", "wave_go_live", "date"),
    Column("gap_days", "gap_days", "int"),
    Column("as_of", "as_of", "written"),
    Column("estimate", "estimate", "yes-no"),
    Column("estimated", "estimated", "fields"),  # which values are estimates: 'Oplyst', 'Klar senest'
    Column("note", "note"),
)
ONBOARDING_COLUMNS = (
    Column("programme_id", "programme", "programme"),
    Column("code", "code", "int"),
    Column("municipality", "municipality"),
    Column("region", "region"),
    Column("wave", "wave"),
    Column("state", "state", "onb."),
    Column("date", "date", "date"),
    Column("estimate", "estimate", "yes-no"),
    Column("date_estimate", "date_estimate", "yes-no"),
)
TARGET_COLUMNS = (
    Column("programme_id", "programme", "programme"),
    Column("metric_name", "metric"),
    Column("unit", "unit"),
    Column("target", "target", "int"),
    Column("start", "start", "date"),
    Column("due", "due", "date"),
    Column("denominator", "denominator"),
    Column("estimated", "estimated", "fields"),  # an assumed start, due date or target
)
OBSERVATION_COLUMNS = (
    Column("programme_id", "programme", "programme"),
    Column("date", "date", "date"),
    Column("region", "region"),
    Column("metric", "metric"),
    Column("value", "value", "int"),
    Column("estimate", "estimate", "yes-no"),
    Column("estimated", "estimated", "fields"),  # 'Dato', 'Værdi'
)


def _converter(column: Column, plan: Plan, lang: str) -> Callable[[Any], Any]:
    names = {p.id: p.short_name or p.name for p in plan.programmes}
    match column.kind:
        case "text":
            return lambda v: "" if v is None else str(v)
        case "date":
            return lambda v: dt.date.fromisoformat(v) if v else None
        case "int":
            return lambda v: None if v in (None, "") else int(v)
        case "number":
            return lambda v: None if v in (None, "") else float(v)
        case "written":  # a date as written, in the language: 'okt. 2022'
            return lambda v: i18n.fuzzy(dates.parse(v), lang) if v else ""
        case "yes-no":
            return lambda v: i18n.t("xl.yes" if v else "xl.no", lang)
        case "programme":
            return lambda v: names.get(v, v)
        case "fields":  # field names (['as_of', 'ready_by']) by their names in the language
            return lambda v: ", ".join(
                i18n.t("field." + f, lang) if i18n.has("field." + f, lang) else f for f in v or ()
            )
        case prefix:
            return lambda v: i18n.t(prefix + str(v), lang) if v else ""


def rows(plan: Plan, columns: Sequence[Column], raw: list[dict[str, Any]], lang: str) -> list[list[Any]]:
    """The sheet's values, typed and in the language, one list per row (the header not included)."""
    convert = [_converter(c, plan, lang) for c in columns]
    return [[f(r.get(c.key)) for c, f in zip(columns, convert, strict=True)] for r in raw]


def date_format(row: dict[str, Any], column: Column, lang: str) -> str:
    """How a date cell shows: a day as a day; a date written as less than a day as written ('nov. 2022',
    'uge 40 2023', 'Q3 2024'), the cell still a date that sorts. A day would say more than the plan does."""
    written = row.get(column.key + "_written")
    value = dates.parse(written) if written else None
    if value is None or value.precision is Precision.DAY:
        return DATE_FORMAT.get(lang, DATE_FORMAT["en"])
    shown_day = dt.date.fromisoformat(row[column.key])  # the period's first day, or its last for an end
    text, year = i18n.fuzzy(value, lang).replace('"', ""), str(shown_day.year)
    if text.endswith(year):  # 'Q3 2023' as '"Q3 "yyyy': still a date format, so the cell reads as a date
        return f'"{text.removesuffix(year)}"yyyy' if text != year else "yyyy"
    return f'"{text}"'  # a week across the new year, shown in the other year: the text alone


def _width(values: Sequence[Any], lang: str) -> float:
    def shown(v: Any) -> int:
        if isinstance(v, dt.date):
            return len(i18n.day(v, lang))
        return len(str(v)) if v is not None else 0

    return min(MAX_WIDTH, max(MIN_WIDTH, max((shown(v) for v in values), default=0) + 2))


def to_xlsx(plan: Plan, lang: str, as_of: dt.date) -> bytes:
    """The tables (items, readiness, onboarding, targets, observations), one formatted sheet each."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table, TableStyleInfo

    book = Workbook()
    book.remove(book.active)
    book.properties.title = plan.portfolio.title
    book.properties.language = "da-DK" if lang == "da" else "en-GB"
    built = []
    for sheet, columns, raw in _sheets(plan, as_of):
        ws = book.create_sheet(i18n.t("rp.sheet_" + sheet, lang)[:31])
        built.append((sheet, ws, columns, raw))
        headers = [i18n.t("xl." + c.header, lang) for c in columns]
        ws.append(headers)
        values = rows(plan, columns, raw, lang)
        for number, row in enumerate(values, start=2):  # text openpyxl would store as a formula stays text
            workbook_roundtrip.write_row(ws, number, row)
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
        for i, column in enumerate(columns, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = _width([headers[i - 1], *(r[i - 1] for r in values)], lang)
            if column.kind == "date":
                for cell, record in zip(ws[letter][1:], raw, strict=True):
                    cell.number_format = date_format(record, column, lang)
            if column.key == "note":
                for cell in ws[letter][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
        last = f"{get_column_letter(len(columns))}{max(1, len(values) + 1)}"
        if values:  # an Excel table: its header row marked as headers (screen readers read them), a filter on each
            table = Table(displayName=f"T_{sheet}".replace("-", "_"), ref=f"A1:{last}", headerRowCount=1)
            table.tableStyleInfo = TableStyleInfo(name="TableStyleLight1", showRowStripes=True)
            ws.add_table(table)
        else:  # a table needs a row: an empty sheet keeps its header and a filter
            ws.auto_filter.ref = f"A1:{last}"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    workbook_roundtrip.add_sheet(book, plan, lang, built)  # what it takes to import it again once edited
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
