"""WCAG 2.1 AA by axe-core on a generated national portfolio (30 programmes, all 98 municipalities): every page,
normal and projector mode, Danish and English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import axe_pages, browser
from tools import synthetic

pytestmark = pytest.mark.browser
pytest.importorskip("axe_playwright_python")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data = tmp_path_factory.mktemp("national")
    synthetic.generate(Path(data), 1)
    with browser.streamlit_server(str(data)) as url:
        browser.warm_up(url)
        yield url


@pytest.mark.parametrize(("mode", "lang"), axe_pages.VARIANTS)
def test_every_page_meets_wcag_21_aa_at_national_scale(server: str, chromium: Any, mode: str, lang: str) -> None:
    assert axe_pages.violations(chromium, server, mode, lang) == []
