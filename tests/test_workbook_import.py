"""The meeting pack's workbook edited and given back (planner/editing/workbook_import.py, `python -m planner import`).

The workbook is exported, changed the way people change it, saved by a real spreadsheet program
(LibreOffice Calc, headless), and imported: the preview lists exactly the changed values, ``--apply`` saves
them through the editing core and no other byte of the plan files changes. A workbook from another plan,
a sheet renamed, a text in a date cell, a row deleted, a column added, a cell that may not change, and a
value someone changed on disk meanwhile each get a message located at its cell and change nothing.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner import editing
from planner.editing import workbook_import
from planner.plan import loader
from planner.presentation import workbook
from tests.conftest import minimal_copy

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".git", "baselines"))
    return data


def _export(folder: Path) -> bytes:
    plan = loader.load(str(folder))
    return workbook.to_xlsx(plan, "da", plan.status_date)


def _edited(raw: bytes, edit: Callable[[Any], object]) -> bytes:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(raw))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _by_calc(raw: bytes, tmp_path: Path) -> bytes:
    """The workbook opened and saved again by LibreOffice Calc (headless): what a real spreadsheet program writes."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed: scripts/test.sh installs libreoffice-calc"
    source, out = tmp_path / "edited.xlsx", tmp_path / "calc"
    tmp_path.mkdir(parents=True, exist_ok=True)
    source.write_bytes(raw)
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    saved = out / "edited.xlsx"
    assert done.returncode == 0 and saved.exists(), done.stderr[-2000:]
    return saved.read_bytes()


def _texts(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.yaml"))}


def _row(book: Any, sheet: str, column: str, text: str) -> int:
    """The row of the sheet whose cell in ``column`` says ``text`` (the first)."""
    ws = book[sheet]
    return next(n for n in range(2, ws.max_row + 1) if ws[f"{column}{n}"].value == text)


def _changes(book: Any) -> None:
    """What a project manager updates between meetings: one value of each kind."""
    book["Parathed"]["G2"] = dt.datetime(2025, 2, 1)  # Systematic Cura: ready by 1 Feb 2025
    book["Parathed"]["E3"] = "Forsinket"  # KMD Nexus: late
    items = book["Faser og milepæle"]
    items[f"N{_row(book, 'Faser og milepæle', 'F', 'Sprint 0 (4 uger)')}"] = 100  # a phase done
    items[f"H{_row(book, 'Faser og milepæle', 'F', 'Pilottestdag for SOR-administratorer')}"] = dt.datetime(
        2022, 11, 29
    )
    onboarding = book["Onboarding"]
    onboarding[f"F{_row(book, 'Onboarding', 'C', 'Aarhus')}"] = "I gang"  # a municipality with no status row yet


def test_a_workbook_edited_and_saved_by_libreoffice_imports_exactly_its_changes(folder: Path, tmp_path: Path) -> None:
    before = _texts(folder)
    untouched = _by_calc(_export(folder), tmp_path / "a")
    assert workbook_import.preview(folder, untouched).edits == []  # Calc's own rewrite changes nothing

    raw = _by_calc(_edited(_export(folder), _changes), tmp_path / "b")
    found = workbook_import.preview(folder, raw)
    assert found.ok, found.lines()
    cells = {e.cell: (e.file, e.path[-1], e.new) for e in found.edits}
    assert cells == {
        "Parathed!G2": ("vendors.yaml", "ready_by", "2025-02-01"),
        "Parathed!E3": ("vendors.yaml", "state", "late"),
        f"Faser og milepæle!N{_row_of(raw, 'Sprint 0 (4 uger)')}": ("programmes/fk-org-sor.yaml", "percent_complete", 100),
        f"Faser og milepæle!H{_row_of(raw, 'Pilottestdag for SOR-administratorer')}": (
            "programmes/fk-org-sor.yaml", "date", "2022-11-29"),
        f"Onboarding!F{_row_of(raw, 'Aarhus', 'Onboarding', 'C')}": ("programmes/fk-org-sor.yaml", "+", "onboarding"),
    }, found.lines()  # fmt: skip
    assert _texts(folder) == before  # a preview saves nothing

    workbook_import.apply(folder, found, "Mette Jensen")
    after = _texts(folder)
    changed = {f for f in after if after[f] != before[f]}
    assert changed == {"vendors.yaml", "programmes/fk-org-sor.yaml"}
    # only the changed values' lines differ: comments and layout kept, nothing else written
    gone = {f: [line for line in before[f].splitlines() if line not in after[f].splitlines()] for f in changed}
    assert gone["vendors.yaml"] == []  # two values added
    assert [line.strip() for line in gone["programmes/fk-org-sor.yaml"]] == ["date: 2022-11-24"]  # the date changed
    plan = loader.load(str(folder))
    assert plan.ok
    systematic = next(v for v in plan.vendors if v.name == "Systematic")
    assert str(systematic.readiness[0].ready_by) == "2025-02-01"
    sor = plan.programme("fk-org-sor")
    assert sor is not None and sor.onboarding is not None
    assert any(s.municipality == "Aarhus" and s.state.value == "onboarding" for s in sor.onboarding.status)
    assert {e["who"] for e in editing.changelog(str(folder))} == {"Mette Jensen"}
    # the same workbook again: the files already say so, nothing more to do
    assert workbook_import.preview(folder, raw).edits == []


def _row_of(raw: bytes, text: str, sheet: str = "Faser og milepæle", column: str = "F") -> int:
    from openpyxl import load_workbook

    return _row(load_workbook(io.BytesIO(raw)), sheet, column, text)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda b: b["Parathed"].__setitem__("G2", "1. feb"), "Parathed!G2: '1. feb' is not a date; "),
        (lambda b: b["Parathed"].__setitem__("E2", "Snart"), "Parathed!E2: 'Snart' is not one of Klar, "),
        (lambda b: b["Faser og milepæle"].__setitem__("N4", 140), "Faser og milepæle!N4: 140 is not a number from 0 to 100"),
        (lambda b: setattr(b["Parathed"], "title", "Leverandører"), "'Leverandører': a sheet the export did not have"),
        (lambda b: b["Parathed"].delete_rows(3), "Parathed!A3: the row is not the one exported"),
        (lambda b: b["Parathed"].__setitem__("O1", "Min kolonne"), "Parathed!O1: a column the export did not have"),
        (lambda b: b["Parathed"].__setitem__("B2", "Cura 2"), "Parathed!B2: 'Cura 2' was 'Cura': only Klar senest, Status, Tidligst can be changed here"),
        (lambda b: b["Parathed"].__setitem__("A10", "Ny leverandør"), "Parathed!A10: a row the export did not have"),
        (lambda b: b["Parathed"].__setitem__("D1", "Programmet"), "Parathed!D1: the column 'Program' is not here"),
    ],
    ids=["text-in-date", "unknown-state", "percent-over-100", "sheet-renamed", "row-deleted", "column-added",
         "fixed-cell-changed", "row-added", "column-renamed"],
)  # fmt: skip
def test_bad_input_gets_a_located_message_and_changes_nothing(
    folder: Path, edit: Callable[[Any], None], message: str
) -> None:
    before = _texts(folder)
    found = workbook_import.preview(folder, _edited(_export(folder), lambda b: (_changes(b), edit(b))))
    assert not found.ok and any(p.startswith(message) for p in found.problems), found.lines()
    with pytest.raises(ValueError):
        workbook_import.apply(folder, found, "Mette")
    assert _texts(folder) == before


def test_a_workbook_of_another_plan_or_not_ours_is_refused(folder: Path, tmp_path: Path) -> None:
    other = minimal_copy(tmp_path / "other")
    plan = loader.load(str(other))
    found = workbook_import.preview(folder, workbook.to_xlsx(plan, "da", plan.status_date))
    assert found.problems and found.problems[0].startswith("the workbook is from another plan")
    stripped = _edited(_export(folder), lambda b: b.remove(b["_udrulningsplan"]))
    assert (
        workbook_import.preview(folder, stripped).problems[0].startswith("the workbook has no '_udrulningsplan' sheet")
    )
    assert workbook_import.preview(folder, b"not a zip").problems[0].startswith("not an Excel workbook")

    def damage(book: Any) -> None:  # the changed readiness date's address made unreadable
        _changes(book)
        hidden = book["_udrulningsplan"]
        row = next(
            n
            for n in range(1, hidden.max_row + 1)
            if hidden[f"A{n}"].value == "G2" and hidden[f"B{n}"].value == "Parathed"
        )
        hidden[f"F{row}"] = "{not json"

    damaged = _edited(_export(folder), damage)
    assert (
        workbook_import.preview(folder, damaged)
        .problems[0]
        .startswith("the workbook's hidden sheet '_udrulningsplan' is damaged")
    )


def _hidden_cell(book: Any, cell: str, sheet: str, column: str) -> Any:
    """The hidden sheet's cell in ``column`` of the row that describes ``sheet``!``cell``."""
    hidden = book["_udrulningsplan"]
    row = next(
        n for n in range(1, hidden.max_row + 1) if hidden[f"A{n}"].value == cell and hidden[f"B{n}"].value == sheet
    )
    return hidden[f"{column}{row}"]


def _meta_cell(book: Any, name: str) -> Any:
    hidden = book["_udrulningsplan"]
    return next(hidden[f"B{n}"] for n in range(1, 10) if hidden[f"A{n}"].value == name)


def _set(cell: Any, value: object) -> None:
    cell.value = value


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: _set(_hidden_cell(b, "G2", "Parathed", "A"), "G"),  # not a cell address
        lambda b: _set(_hidden_cell(b, "G2", "Parathed", "D"), "formula"),  # a kind the import cannot read
        lambda b: _set(_hidden_cell(b, "G2", "Parathed", "F"), "[]"),  # no way to find the record
        lambda b: _set(_hidden_cell(b, "G2", "Parathed", "F"), '[[1, 2, 3]]'),  # a step that is not one
        lambda b: _set(_hidden_cell(b, "G2", "Parathed", "G"), "[]"),  # no field to change
        lambda b: _set(_hidden_cell(b, "G2", "Parathed", "J"), "A0"),  # the row's key cell is not a cell
        lambda b: _set(_hidden_cell(b, "A2", "Parathed", "I"), "[]"),  # a row that showed nothing
        lambda b: _set(_meta_cell(b, "labels"), '{"ready.": {}}'),  # the onboarding words gone
        lambda b: _set(_meta_cell(b, "rows"), '{"Parathed": -1}'),
        lambda b: _set(b["_udrulningsplan"]["D8"], "art"),  # a column renamed
        lambda b: _set(b["_udrulningsplan"]["L9"], "x"),  # a column added
    ],
    ids=["cell", "kind", "no-steps", "bad-step", "no-field", "key-cell", "empty-row", "labels", "rows",
         "column-renamed", "column-added"],
)  # fmt: skip
def test_a_hidden_sheet_changed_by_hand_is_refused_as_damaged_and_nothing_is_saved(
    folder: Path, damage: Callable[[Any], None]
) -> None:
    before = _texts(folder)
    found = workbook_import.preview(folder, _edited(_export(folder), lambda b: (_changes(b), damage(b))))
    assert found.problems[0].startswith("the workbook's hidden sheet '_udrulningsplan' is damaged"), found.lines()
    assert not found.edits
    with pytest.raises(ValueError):
        workbook_import.apply(folder, found, "Mette")
    assert _texts(folder) == before


def test_a_value_changed_on_disk_since_the_export_is_a_conflict_the_rest_waits(folder: Path) -> None:
    raw = _edited(_export(folder), _changes)
    seen = editing.read(str(folder), "vendors.yaml")
    # meanwhile someone sets Systematic's ready-by on the edit page
    editing.save_changes(str(folder), seen, [editing.Edit("vendors.yaml", ("vendors", 0, "readiness", 0, "ready_by"), "2024-12-01")], "Bo")  # fmt: skip
    before = _texts(folder)
    found = workbook_import.preview(folder, raw)
    assert found.conflicts == [
        "Parathed!G2: vendors.yaml: vendors[0].readiness[0].ready_by changed since the workbook was made: "
        "it was (nothing), it is now '2024-12-01'; your '2025-02-01' is not saved"
    ]
    assert not found.ok and len(found.edits) == 4  # the others are listed, and wait with the conflict
    with pytest.raises(ValueError):
        workbook_import.apply(folder, found, "Mette")
    assert _texts(folder) == before


def test_the_command_previews_then_applies(folder: Path, tmp_path: Path) -> None:
    path = tmp_path / "pakke.xlsx"
    path.write_bytes(_edited(_export(folder), _changes))
    run = [sys.executable, "-m", "planner", "import", str(folder), str(path)]
    done = subprocess.run(run, cwd=ROOT, capture_output=True, text=True)
    assert (
        done.returncode == 0
        and "Parathed!G2 (Klar senest): vendors.yaml: vendors[0].readiness[0].ready_by: (nothing) -> '2025-02-01'"
        in done.stdout
    )
    assert "5 changes; run again with --apply" in done.stdout
    done = subprocess.run([*run, "--apply", "--who", "Mette"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0 and "imported: 5 changes saved" in done.stdout, done.stderr
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_edited(_export(folder), lambda b: b["Parathed"].__setitem__("H2", "snart")))
    done = subprocess.run([*run[:-1], str(bad), "--apply"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1 and "error: Parathed!H2: 'snart' is not a date" in done.stdout
    assert "nothing was saved" in done.stderr
