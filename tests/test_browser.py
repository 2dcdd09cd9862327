"""Every page opened in a real browser at projector resolution (1920x1080).

Drives Debian's chromium with playwright against a real Streamlit server on
loopback; saves a screenshot per page under artifacts/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests import browser

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with browser.streamlit_server() as url:
        browser.warm_up(url)
        yield url


@pytest.mark.parametrize("name", list(browser.PAGES))
def test_page_renders_without_error(server: str, chromium, name: str) -> None:  # type: ignore[no-untyped-def]
    page = chromium.new_page(viewport={"width": 1920, "height": 1080})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{server}/{browser.PAGES[name]}")
    browser.wait_for_page(page)
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.get_by_text("Page not found").count() == 0
    assert not errors
    browser.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(browser.SCREENSHOTS / f"{name}.png"), full_page=False)
    page.close()


def test_projector_next_button_steps_to_the_next_view(server: str, chromium) -> None:  # type: ignore[no-untyped-def]
    page = chromium.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{server}/?mode=projector")
    browser.wait_for_page(page)
    page.get_by_role("button", name="Næste ▶").click()
    # the programme page then keeps its programme in the link too (?programme=fhir-km)
    page.wait_for_url(lambda url: "/program?" in url and "mode=projector" in url, timeout=30_000)
    browser.wait_for_page(page)
    assert page.get_by_role("heading", name="Program").first.is_visible()
    page.close()


def test_the_map_fetches_its_boundaries_once_per_browser_tab(server: str, chromium) -> None:  # type: ignore[no-untyped-def]
    """The map's figure names a static file; the browser fetches it once, not with every view."""
    page = chromium.new_page(viewport={"width": 1920, "height": 1080})
    fetched: list[tuple[str, int]] = []
    page.on("response", lambda r: fetched.append((r.url, r.status)) if "/app/static/boundaries-" in r.url else None)
    page.goto(f"{server}/{browser.PAGES['municipalities']}")
    browser.wait_for_page(page, charts=2)
    page.wait_for_selector(".js-plotly-plot .maplibregl-canvas")
    geojson = page.evaluate("() => document.querySelector('.js-plotly-plot').data.map(t => t.geojson)")
    assert geojson and all(isinstance(g, str) and g.startswith("app/static/boundaries-") for g in geojson)
    for name in ("overview", "municipalities"):  # away and back in the same tab, as a viewer clicks
        page.locator(f"[data-testid='stSidebarNavLink'][href$='/{browser.PAGES[name]}']").click()
        browser.wait_for_page(page)
    page.wait_for_selector(".js-plotly-plot .maplibregl-canvas")
    assert [status for _, status in fetched] == [200]
    page.close()
