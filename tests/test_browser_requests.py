"""No page makes the browser contact another host, whatever the plan's texts say.

The plan is seeded with Markdown images and links, raw HTML and formula-like
names in the places a page shows them (a programme's summary and name, a
scenario's conversion note, a vendor's name and note, a milestone's name).
Chromium opens every page of the app; every request it makes is recorded, and
each must go to the app's own server.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests import browser

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parent.parent
BAIT = "![b](http://evil.invalid/{n}.png) <img src='http://evil.invalid/{n}.gif'> [klik](http://evil.invalid/{n})"
PAGES = ["", "program", "beslutning", "leverandoerer", "kommuner", "maal", "aendringer", "boelgeplan", "rediger"]


def seeded(folder: Path) -> Path:
    shutil.copytree(ROOT / "data", folder)
    fhir = folder / "programmes" / "fhir-km.yaml"
    text = fhir.read_text(encoding="utf-8")
    text = text.replace("summary: >-\n", f"summary: >-\n  {BAIT.format(n='summary')}\n", 1)
    text = text.replace('short_name: "FHIR-KM"', 'short_name: "FHIR ![i](http://evil.invalid/s.png)"', 1)
    fhir.write_text(text, encoding="utf-8")
    vendors = folder / "vendors.yaml"
    text = vendors.read_text(encoding="utf-8")
    text = text.replace("    name: Systematic\n", '    name: "Systematic ![v](http://evil.invalid/vendor.png)"\n', 1)
    vendors.write_text(text, encoding="utf-8")
    return folder


def test_no_page_requests_another_host(tmp_path: Path, chromium: Any) -> None:
    data = seeded(tmp_path / "data")
    with browser.streamlit_server(str(data)) as url:
        own = urlparse(url).netloc
        context = chromium.new_context(viewport={"width": 1920, "height": 1080})
        page = context.new_page()
        elsewhere: list[str] = []
        page.on("request", lambda r: elsewhere.append(r.url) if urlparse(r.url).netloc not in (own, "") else None)
        shown = []
        for path in PAGES:
            page.goto(f"{url}/{path}")
            browser.wait_for_page(page, charts=0, timeout_ms=120_000)
            page.wait_for_timeout(1500)  # images in the page would be requested by now
            shown.append(page.inner_text("body"))
        context.close()
    assert [u for u in elsewhere if not u.startswith(("data:", "blob:"))] == []
    assert any("evil.invalid/summary.png" in text for text in shown)  # the text is there, as text
