"""WCAG 2.1 AA by axe-core on the shipped data: every page, normal and projector mode, Danish and English; the
offline HTML pack too; and a page with a known violation is caught (the check can fail)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from planner.plan import loader
from planner.presentation import report
from tests import axe_pages, browser

pytestmark = pytest.mark.browser
pytest.importorskip("axe_playwright_python")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with browser.streamlit_server() as url:
        browser.warm_up(url)
        yield url


@pytest.mark.parametrize(("mode", "lang"), axe_pages.VARIANTS)
def test_every_page_meets_wcag_21_aa(server: str, chromium: Any, mode: str, lang: str) -> None:
    assert axe_pages.violations(chromium, server, mode, lang) == []


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_offline_html_pack_meets_wcag_21_aa(chromium: Any, tmp_path: Any, lang: str) -> None:
    pack = tmp_path / "pakke.html"
    pack.write_bytes(report.build(loader.load(str(loader.DEFAULT_DATA_DIR)), "html", lang))
    page = chromium.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(pack.as_uri())
    page.wait_for_load_state("load")
    assert browser.axe_violations(page) == []
    page.close()


def test_a_known_violation_is_caught(chromium: Any) -> None:
    page = chromium.new_page()
    page.set_content(
        "<html lang='da'><title>t</title><main><p style='color:#bbb;background:#fff'>Status pr. 3. nov. 2022</p>"
        "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw='></main></html>"
    )
    found = browser.axe_violations(page)
    assert any(v.startswith("color-contrast:") for v in found) and any(v.startswith("image-alt:") for v in found)
    page.close()
