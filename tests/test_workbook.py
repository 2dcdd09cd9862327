"""The workbook a person opens: headers and values in the language, typed cells, widths, a frozen filtered header, print set-up."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner.plan import loader
from planner.presentation import i18n, report
from tests.conftest import eoj_said_1_nov

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def plan() -> loader.Plan:
    return eoj_said_1_nov(loader.load(str(DATA)))  # with a late vendor, to show a gap in days


@pytest.fixture(scope="module", params=["da", "en"])
def book(request: pytest.FixtureRequest, plan: loader.Plan):
    return request.param, load_workbook(io.BytesIO(report.build(plan, "xlsx", request.param)))


def _column(ws, header: str) -> list:
    headers = [c.value for c in ws[1]]
    i = headers.index(header)
    return [row[i].value for row in ws.iter_rows(min_row=2)]


def _shown(wb):
    """The sheets people read: all but the hidden one that lets the workbook be imported again."""
    hidden = [ws for ws in wb.worksheets if ws.sheet_state != "visible"]
    assert [ws.title for ws in hidden] == ["_udrulningsplan"]
    return [ws for ws in wb.worksheets if ws.sheet_state == "visible"]


def test_headers_are_words_in_the_language_not_field_names(book) -> None:
    lang, wb = book
    for ws in _shown(wb):
        headers = [c.value for c in ws[1]]
        assert all(h and "_" not in h for h in headers), (ws.title, headers)
    readiness = wb[i18n.t("rp.sheet_readiness", lang)]
    assert [c.value for c in readiness[1]][:4] == [
        i18n.t(k, lang) for k in ("xl.vendor", "xl.system", "xl.kind", "xl.programme")
    ]


def test_values_are_names_and_words_in_the_language(book) -> None:
    lang, wb = book
    readiness = wb[i18n.t("rp.sheet_readiness", lang)]
    assert set(_column(readiness, i18n.t("xl.programme", lang))) == {"FHIR-KM"}
    states = set(_column(readiness, i18n.t("xl.state", lang)))
    assert states <= {i18n.t("ready." + s, lang) for s in ("ready", "on-track", "at-risk", "late", "unknown")}
    assert set(_column(readiness, i18n.t("xl.estimate", lang))) <= {i18n.t("xl.yes", lang), i18n.t("xl.no", lang)}
    onboarding = wb[i18n.t("rp.sheet_onboarding", lang)]
    assert i18n.t("onb.onboarding", lang) in set(_column(onboarding, i18n.t("xl.state", lang)))


def test_dates_and_numbers_are_typed_cells(book) -> None:
    lang, wb = book
    items = wb[i18n.t("rp.sheet_items", lang)]
    starts = _column(items, i18n.t("xl.start", lang))
    assert starts and all(isinstance(v, dt.datetime) for v in starts)
    start_col = [c.value for c in items[1]].index(i18n.t("xl.start", lang))
    assert "yy" in items.cell(row=2, column=start_col + 1).number_format
    readiness = wb[i18n.t("rp.sheet_readiness", lang)]
    gaps = [v for v in _column(readiness, i18n.t("xl.gap_days", lang)) if v is not None]
    assert gaps and all(isinstance(v, int) for v in gaps) and 61 in gaps
    onboarding = wb[i18n.t("rp.sheet_onboarding", lang)]
    assert onboarding.max_row == 1 + 98


def test_every_sheet_is_readable_on_screen_and_on_paper(book) -> None:
    _, wb = book
    for ws in _shown(wb):
        assert ws.freeze_panes == "A2"
        assert all(c.font.b for c in ws[1])
        whole = f"A1:{ws.cell(row=1, column=ws.max_column).column_letter}{ws.max_row}"
        # the rows as an Excel table: its header row marked as headers (and a filter on each), or, on a sheet
        # without rows, a filter on the header
        (table,) = ws.tables.values() if ws.max_row > 1 else (None,)
        assert (table.ref if table else ws.auto_filter.ref) == whole
        if table:
            assert table.headerRowCount == 1 and [c.name for c in table.tableColumns] == [c.value for c in ws[1]]
        widths = [ws.column_dimensions[c.column_letter].width for c in ws[1]]
        assert all(8 <= w <= 60 for w in widths), (ws.title, widths)
        assert ws.page_setup.orientation == "landscape"
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$1:$1"
