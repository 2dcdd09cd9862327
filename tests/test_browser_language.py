"""The page's language as the browser and a screen reader meet it, whatever the browser's own language.

Chromium here runs in American English (the worst case for a Danish page). In Danish the page declares
``lang="da"`` (WCAG 3.1.1), the status date's calendar names its months in Danish and starts its weeks on
Monday, and Streamlit's and plotly's own English words (the labels a screen reader reads: "Choose date",
"Help for …", the chart toolbar) are in Danish; in English the page says ``lang="en"`` and keeps the Monday
week. Switching language in the sidebar changes all of it without a reload.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from babel.dates import get_day_names

from planner.presentation import i18n
from tests import browser

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def url(chromium: Any) -> Iterator[str]:
    with browser.streamlit_server() as address:
        browser.warm_up(address, chromium)
        yield address


def _calendar(page: Any) -> tuple[str, list[str]]:
    """Open the status date's calendar: its words (month names, instructions) and its weekday column headers."""
    date = page.locator('[data-testid="stSidebar"] [data-testid="stDateInput"]').first
    date.locator("button").last.click()
    grid = page.get_by_role("grid").first
    grid.wait_for()
    heading = page.get_by_role("dialog").last.inner_text()
    days = [h.get_attribute("aria-label") or h.inner_text() for h in grid.locator("th").all()]
    page.keyboard.press("Escape")
    return heading, days


def _week(locale: str) -> list[str]:
    """The locale's narrow weekday names, Monday first (Babel counts from Monday)."""
    names = get_day_names("narrow", locale=locale)
    return [names[day].upper() for day in range(7)]


def _names(page: Any) -> set[str]:
    """Every name in the page's accessibility tree (buttons, links, fields, images, regions ...)."""
    tree = page.locator("body").aria_snapshot()
    return set(re.findall(r'^\s*- [a-z]+ "([^"]+)"', tree, re.M))


def test_danish_page_on_an_english_browser_speaks_danish_to_the_browser_and_a_screen_reader(
    url: str, chromium: Any
) -> None:
    page = chromium.new_page(viewport={"width": 1280, "height": 720}, locale="en-US")
    page.set_default_timeout(60_000)
    try:
        page.goto(f"{url}/")
        browser.wait_for_page(page)
        assert page.evaluate("document.documentElement.lang") == "da"
        heading, days = _calendar(page)
        assert "januar" in heading and "January" not in heading, heading  # the months in Danish
        assert i18n.t("sw.calendar_keys", "da") in heading, heading  # and how to use it, said to a screen reader
        assert days == _week("da"), days  # Danish weekdays, Monday first
        names = _names(page)
        english = {w for w in i18n.foreign_words("sw.", "da") if "{label}" not in w}
        assert not english & names, english & names  # none of Streamlit's English words is left
        label = i18n.t("ctl.status_date", "da")
        assert i18n.t("sw.help_for", "da", label=label) in names  # the help icon, named in Danish
        assert i18n.t("sw.choose_date", "da") in names
        toolbar = {w for w, said in i18n.foreign_words("pl.", "da").items() if w != said}  # plotly's toolbar too
        assert not toolbar & names and i18n.t("pl.png", "da") in names, toolbar & names

        # English chosen in the sidebar: the same page, no reload, speaks English; the week still starts Monday
        page.get_by_role("radio", name="English").check(force=True)
        page.wait_for_function("document.documentElement.lang === 'en'")
        browser.wait_for_page(page)
        heading, days = _calendar(page)
        assert "January" in heading and "januar" not in heading, heading
        assert days == _week("en_GB"), days
        names = _names(page)
        assert f"Help for {i18n.t('ctl.status_date', 'en')}" in names and "Download plot as a PNG" in names
    finally:
        page.close()
