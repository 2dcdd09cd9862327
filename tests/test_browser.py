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
def test_page_renders_without_error(server: str, chromium, name: str) -> None:
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


def test_projector_next_button_steps_to_the_next_view(server: str, chromium) -> None:
    page = chromium.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{server}/?mode=projector")
    browser.wait_for_page(page)
    page.get_by_role("button", name="Næste ▶").click()
    # the programme page then keeps its programme in the link too (?programme=fhir-km)
    page.wait_for_url(lambda url: "/program?" in url and "mode=projector" in url, timeout=30_000)
    browser.wait_for_page(page)
    assert page.get_by_role("heading", name="Program").first.is_visible()
    page.close()


def test_the_map_fetches_its_boundaries_once_per_browser_tab(server: str, chromium) -> None:
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


FHIR_KM = "FHIR-KM – ny korrespondancemeddelelse"


def test_a_views_choices_live_in_its_link_and_survive_a_reload(server: str, chromium) -> None:
    """Language, view date, programme, scenario and projector mode chosen on the page are in the address;
    a reload (or the link opened elsewhere) shows the same view."""
    from urllib.parse import parse_qs, urlparse

    page = chromium.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{server}/programme?lang=en&date=2022-10-01")  # the English slug, in English, as of a past day
    browser.wait_for_page(page)
    page.get_by_role("combobox", name="Programme").click()
    page.get_by_role("option", name="KontaktLæge", exact=True).click()
    page.wait_for_url(lambda url: "programme=kontaktlaege" in url, timeout=30_000)
    browser.wait_for_page(page)
    page.get_by_role("combobox", name="Programme").click()  # and back to the one with two plans
    page.get_by_role("option", name=FHIR_KM, exact=True).click()
    page.wait_for_url(lambda url: "programme=fhir-km" in url, timeout=30_000)
    browser.wait_for_page(page)
    page.locator("[data-testid='stRadio'] [role='radiogroup'] label").nth(1).click()  # its second plan
    page.wait_for_url(lambda url: "scenario=" in url, timeout=30_000)
    browser.wait_for_page(page)
    page.locator("[data-testid='stSidebar']").get_by_text("Projector mode", exact=True).click()
    page.wait_for_url(lambda url: "mode=projector" in url, timeout=30_000)
    browser.wait_for_page(page)
    asked = parse_qs(urlparse(page.url).query)
    assert {k: v[0] for k, v in asked.items() if k != "screen"} == {
        "lang": "en",
        "date": "2022-10-01",
        "programme": "fhir-km",
        "scenario": asked["scenario"][0],
        "mode": "projector",
    }
    scenario = asked["scenario"][0]
    for _ in range(2):  # a reload, then the link opened in a new tab
        browser.wait_for_page(page)
        assert parse_qs(urlparse(page.url).query)["scenario"] == [scenario]
        assert page.get_by_role("heading", name="Status as of 1 Oct 2022").is_visible()
        assert page.locator("[data-testid='stSidebar']").is_hidden()  # projector mode
        assert page.get_by_role("combobox", name="Programme").input_value() == FHIR_KM
        checked = page.locator("[data-testid='stRadio'] input[type='radio']:checked")
        assert checked.count() == 1
        assert page.locator("[data-testid='stRadio'] input[type='radio']").nth(1).is_checked()
        link = page.url
        page.reload()
    fresh = chromium.new_page(viewport={"width": 1920, "height": 1080})
    fresh.goto(link)
    browser.wait_for_page(fresh)
    assert fresh.get_by_role("heading", name="Status as of 1 Oct 2022").is_visible()
    assert fresh.get_by_role("combobox", name="Programme").input_value() == FHIR_KM
    assert fresh.locator("[data-testid='stRadio'] input[type='radio']").nth(1).is_checked()
    fresh.close()
    page.close()
