"""Hostile text typed into the edit page is stored and shown as text, never run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from planner.plan import loader
from tests import browser

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
PASSWORD = "korrekt hest batteri"


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    tmp = tmp_path_factory.mktemp("edit")
    data, secrets = browser.editable_copy(tmp, PASSWORD)
    with browser.streamlit_server(data_dir=str(data), secrets=str(secrets)) as url:
        browser.warm_up(url)
        yield url, data


def test_markup_in_a_note_is_stored_and_shown_as_text(setup: tuple[str, Path]) -> None:
    url, data = setup
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS, headless=True)
        page = b.new_page(viewport={"width": 1920, "height": 1080})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{url}/rediger")
        page.get_by_label("Dit navn eller din organisation").fill("MedCom")
        page.get_by_label("Adgangskode").fill(PASSWORD)
        page.get_by_role("button", name="Log ind").click()
        note = page.get_by_role("tabpanel").get_by_label("Bemærkning", exact=True)
        note.wait_for(timeout=30_000)
        note.fill(PAYLOAD)
        page.get_by_role("button", name="Gem").first.click()
        page.get_by_text("Gemt i vendors.yaml").wait_for(timeout=30_000)
        assert loader.load(str(data)).vendors[0].readiness[0].note == PAYLOAD
        page.close()  # a new visit: a new session, which reads the note from the file
        page = b.new_page(viewport={"width": 1920, "height": 1080})
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(f"{url}/rediger")
        page.get_by_label("Dit navn eller din organisation").fill("MedCom")
        page.get_by_label("Adgangskode").fill(PASSWORD)
        page.get_by_role("button", name="Log ind").click()
        shown = page.get_by_role("tabpanel").get_by_label("Bemærkning", exact=True)
        shown.wait_for(timeout=30_000)
        assert shown.input_value() == PAYLOAD
        assert page.evaluate("() => window.__xss") is None
        assert page.locator("img[src='x']").count() == 0
        assert not dialogs
        page.screenshot(path=str(browser.SCREENSHOTS / "edit.png"))
        b.close()


def test_an_edited_workbook_is_previewed_and_saved_from_the_edit_page(setup: tuple[str, Path], tmp_path: Path) -> None:
    """The meeting pack's workbook, a date changed in it, uploaded on the edit page: the one change listed, then saved."""
    import datetime as dt
    import io

    from openpyxl import load_workbook

    from planner.presentation import workbook

    url, data = setup
    plan = loader.load(str(data))
    book = load_workbook(io.BytesIO(workbook.to_xlsx(plan, "da", plan.status_date)))
    book["Parathed"]["G2"] = dt.datetime(2025, 2, 1)
    path = tmp_path / "mødepakke.xlsx"
    book.save(path)
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS, headless=True)
        page = b.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(f"{url}/rediger")
        page.get_by_label("Dit navn eller din organisation").fill("MedCom")
        page.get_by_label("Adgangskode").fill(PASSWORD)
        page.get_by_role("button", name="Log ind").click()
        page.get_by_role("tab", name="Upload").click(timeout=30_000)
        page.locator(".st-key-ed-workbook input[type='file']").set_input_files(str(path))
        page.get_by_text("Parathed!G2").wait_for(timeout=30_000)  # the one changed cell, in the preview
        assert loader.load(str(data)).vendors[0].readiness[0].ready_by is None  # nothing saved yet
        page.get_by_role("button", name="Gem 1 ændring").click()
        page.get_by_text("Gemt i vendors.yaml").wait_for(timeout=30_000)
        assert str(loader.load(str(data)).vendors[0].readiness[0].ready_by) == "2025-02-01"
        page.screenshot(path=str(browser.SCREENSHOTS / "edit-workbook.png"), full_page=True)
        b.close()
