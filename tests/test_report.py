"""The meeting pack: the deck, the offline HTML file and the workbook."""

from __future__ import annotations

import base64
import gzip
import io
import re
from pathlib import Path
from typing import Any

import pytest

from planner.plan import loader
from planner.presentation import i18n, pack_pptx, pack_slides, report, text_width

EMU_PER_INCH = 914_400


@pytest.fixture(scope="module")
def plan() -> loader.Plan:
    return loader.load("data")


@pytest.fixture(scope="module")
def deck(plan: loader.Plan) -> bytes:
    return report.build(plan, "pptx", "da")


def test_deck_is_16_9_with_title_slide_and_one_slide_per_view(plan: loader.Plan, deck: bytes) -> None:
    from pptx import Presentation

    prs = Presentation(io.BytesIO(deck))
    assert prs.slide_width / prs.slide_height == pytest.approx(16 / 9, rel=0.01)
    slides = list(prs.slides)
    texts = ["\n".join(sh.text_frame.text for sh in s.shapes if sh.has_text_frame) for s in slides]
    assert plan.portfolio.title in texts[0] and "Status pr. 3. nov. 2022" in texts[0]
    expected = pack_slides.slides(plan, "da")
    assert len(slides) == 1 + len(expected)
    titles = [t.split("\n")[0] for t in texts[1:]]
    assert titles == [s.title for s in expected]
    assert titles[0] == "Overblik"
    assert any(t.startswith("FHIR-KM: sammenligning") for t in titles)
    assert "Leverandører" in titles
    assert any("kommuner" in t for t in titles)
    for slide, text in zip(slides[1:], texts[1:], strict=True):
        kinds = {sh.shape_type for sh in slide.shapes}
        # a chart as the deck's own shapes (a group: planner/presentation/deck_native.py), a picture or a table
        has_visual = any(sh.shape_type in (6, 13) for sh in slide.shapes) or any(
            sh.has_table for sh in slide.shapes if hasattr(sh, "has_table")
        )
        assert has_visual, f"no chart, picture or table on '{text.splitlines()[0]}' ({kinds})"
        assert "Status pr. 3. nov. 2022" in text


def test_a_chart_without_a_native_form_is_a_sharp_picture(plan: loader.Plan) -> None:
    """The deck draws its charts as shapes (tests/test_deck_native.py); one it cannot is a picture, sharp."""
    from pptx import Presentation

    shown = pack_slides.slides(plan, "da")
    for s in shown:
        if s.key.startswith("map-"):
            s.native = None  # as if the map had no native form
    prs = Presentation(io.BytesIO(pack_pptx.to_pptx(plan, shown, "da", plan.status_date)))
    pictures = [sh for s in prs.slides for sh in s.shapes if sh.shape_type == 13]
    assert len(pictures) == sum(s.key.startswith("map-") for s in shown) > 0
    for pic in pictures:
        width_px, _ = pic.image.size
        assert width_px >= pack_pptx.IMAGE_WIDTH
        assert pic.width / EMU_PER_INCH >= 12


def test_html_report_is_offline_and_has_every_chart(plan: loader.Plan) -> None:
    page = report.build(plan, "html", "da").decode("utf-8")
    # plotly.js itself is inlined once in <head>, gzip-compressed; its code mentions URLs (logos, map
    # styles it is not asked to use). Everything outside it (markup, figure data) names none.
    head_script = re.search(r"<head>.*?<script id='plotlyjs-gzip'[^>]*>(.*?)</script>", page, re.S)
    assert head_script and "Plotly" in gzip.decompress(base64.b64decode(head_script.group(1))).decode("utf-8")
    assert len(page) < 4_000_000  # small enough to mail: plotly.js alone is 4.8 MB as text
    rest = page.replace(head_script.group(1), "")
    assert not re.findall(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", rest)
    assert not re.findall(r"<(?:script|img|link|iframe)[^>]+(?:src|href)=", rest)
    assert "@import" not in rest
    for s in pack_slides.slides(plan, "da"):
        if s.figure is not None:
            assert f'id="fig-{s.key}"' in page
    assert page.count("<section") == len(pack_slides.slides(plan, "da"))
    assert "Status pr. 3. nov. 2022" in page


def test_xlsx_has_one_sheet_per_table(plan: loader.Plan) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(report.build(plan, "xlsx", "da")))
    assert [ws.title for ws in book.worksheets if ws.sheet_state == "visible"] == [
        i18n.t(k, "da")
        for k in (
            "rp.sheet_items",
            "rp.sheet_readiness",
            "rp.sheet_onboarding",
            "rp.sheet_targets",
            "rp.sheet_observations",
        )
    ]
    onboarding = book[i18n.t("rp.sheet_onboarding", "da")]
    assert onboarding.max_row == 1 + 98


def test_english_deck_titles(plan: loader.Plan) -> None:
    titles = [s.title for s in pack_slides.slides(plan, "en")]
    assert titles[0] == "Overview" and "Vendors" in titles


def test_every_slide_title_fits_its_box(deck: bytes) -> None:
    """At its font size a title fits the 12.5-inch box on one line, or (the longest) on two at 18 pt."""
    from pptx import Presentation

    width, height = pack_pptx.TITLE_BOX_PT
    for slide in list(Presentation(io.BytesIO(deck)).slides)[1:]:
        title = next(s for s in slide.shapes if s.name == "title")
        text = title.text_frame.text
        size = title.text_frame.paragraphs[0].font.size.pt
        lines = -(-text_width.width(text, size, bold=True) // width)  # ceiling
        assert lines * size * 1.2 <= height, (text, size)
    assert pack_pptx.title_size("Overblik") == pack_pptx.TITLE_PT
    assert pack_pptx.MIN_TITLE_PT <= pack_pptx.title_size("FK-ORG/SOR-synkroniseringskomponent: " + "x" * 60) < 30


def test_a_real_presentation_program_opens_the_deck(deck: bytes, tmp_path: Path) -> None:
    """LibreOffice Impress (Debian's libreoffice-impress, headless) reads the deck and prints every slide to PDF."""
    import shutil
    import subprocess

    from pptx import Presentation

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed: scripts/test.sh installs libreoffice-impress"
    source = tmp_path / "pack.pptx"
    source.write_bytes(deck)
    profile = tmp_path / "profile"  # its own settings: no first-start dialogs, nothing shared
    done = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    pdf = tmp_path / "pack.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))
    assert pages == len(Presentation(io.BytesIO(deck)).slides)


def test_every_slide_has_a_real_title_pictures_have_alternative_text_and_shapes_read_top_down(
    plan: loader.Plan, deck: bytes
) -> None:
    """What a screen reader (and PowerPoint's outline and accessibility checker) needs from the deck."""
    from pptx import Presentation

    prs = Presentation(io.BytesIO(deck))
    slides = list(prs.slides)
    assert slides[0].shapes.title.text_frame.text == plan.portfolio.title
    for slide, expected in zip(slides[1:], pack_slides.slides(plan, "da"), strict=True):
        title = slide.shapes.title  # the title placeholder, not a text box that looks like one
        assert title is not None and title.is_placeholder and title.text_frame.text == expected.title
        for picture in (sh for sh in slide.shapes if sh.shape_type == 13):
            descr = picture._element.nvPicPr.cNvPr.get("descr") or ""
            assert descr.startswith("Diagram: ") and len(descr) > 40, (expected.title, descr)
        tops = [sh.top for sh in slide.shapes]
        assert tops == sorted(tops), (expected.title, [sh.name for sh in slide.shapes])  # reading order = the eye's
    assert prs.core_properties.title == plan.portfolio.title


def test_html_pack_charts_have_a_caption_and_their_data_as_a_table(plan: loader.Plan) -> None:
    page = report.build(plan, "html", "da")
    text = page.decode("utf-8") if isinstance(page, bytes) else page
    figures = re.findall(r"<figure><figcaption>(Diagram: [^<]+)</figcaption>", text)
    assert len(figures) == text.count("Plotly.newPlot(") and figures
    assert text.count("<summary>Diagrammets data som tabel: ") == len(figures)
    assert "<th scope='col'>" in text


@pytest.mark.browser
def test_the_html_packs_map_draws_when_the_file_is_opened_from_disk(
    plan: loader.Plan, tmp_path: Path, chromium: Any
) -> None:
    """No server, no network: the map is filled outlines (SVG), which a browser draws from file:// too."""
    pytest.importorskip("playwright.sync_api")
    page_file = tmp_path / "pakke.html"
    built = report.build(plan, "html", "da")
    page_file.write_bytes(built if isinstance(built, bytes) else built.encode("utf-8"))
    page = chromium.new_page(viewport={"width": 1600, "height": 1000})
    try:
        page.goto(page_file.as_uri())
        maps = page.locator("[id^='fig-map-']")
        maps.first.wait_for(timeout=60_000)
        page.wait_for_function("() => document.querySelectorAll(\"[id^='fig-map-'] .main-svg\").length > 0")
        for i in range(maps.count()):
            shapes = maps.nth(i).locator("path.js-fill")
            assert shapes.count() >= 2, i  # the programme's municipalities and the rest, each a filled outline
            box = shapes.first.bounding_box()
            assert box is not None and box["width"] > 100 and box["height"] > 100  # Denmark, not a speck
    finally:
        page.close()


def test_an_unknown_format_is_an_error_not_an_html_file(plan: loader.Plan) -> None:
    with pytest.raises(ValueError, match="unknown meeting-pack format 'pdf'; one of pptx, html, xlsx"):
        report.build(plan, "pdf", "da")
