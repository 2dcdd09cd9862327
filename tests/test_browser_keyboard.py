"""Keyboard only: a viewer's tasks reached with Tab and done with Enter, Space or typing, with a visible focus.

Each step presses Tab until the control it needs has the focus (it must be
reachable, within a bound), checks that the focus shows (an outline or a
ring), and operates it with the keyboard alone: change page, language,
programme, open a chart's data table, enter projector mode's Next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from tests import browser

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")
MAX_TABS = 80
FOCUS_SHOWS = """() => { const e = document.activeElement; if (!e || e === document.body) return false;
  const seen = (el) => { const s = getComputedStyle(el);
    return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow && s.boxShadow !== 'none'); };
  return seen(e) || (e.parentElement && seen(e.parentElement)); }"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with browser.streamlit_server() as url:
        browser.warm_up(url)
        yield url


def tab_to(page: Any, matches: str, arg: Any = None) -> None:
    """Press Tab until the focused element satisfies ``matches`` (a JS function of the element and ``arg``)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate(f"(arg) => {{ const e = document.activeElement; return !!e && ({matches})(e, arg); }}", arg):
            assert page.evaluate(FOCUS_SHOWS), (
                f"no visible focus on {page.evaluate('document.activeElement.outerHTML')[:200]}"
            )
            return
    raise AssertionError(f"never reached by Tab: {matches} {arg!r}")


def settled(page: Any) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    page.wait_for_timeout(500)


TEXT_IS = "(e, text) => (e.innerText || e.value || e.getAttribute('aria-label') || '').trim() === text"
LABEL_IS = """(e, text) => e.getAttribute('aria-label') === text
  || (!!e.labels && [...e.labels].some(l => l.innerText.trim() === text))"""
HREF_ENDS = "(e, end) => e.tagName === 'A' && (e.getAttribute('href') || '').endsWith(end)"


def test_a_viewer_does_every_task_with_the_keyboard_alone(server: str, chromium: Any) -> None:
    page = chromium.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{server}/")
    browser.wait_for_page(page)
    # the language: Tab reaches the chosen one (a radio group), an arrow key moves to English, Enter chooses it
    tab_to(page, TEXT_IS, "Dansk")
    page.keyboard.press("ArrowRight")
    if "lang=en" not in page.url:
        page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "lang=en" in url, timeout=30_000)
    settled(page)
    assert page.get_by_role("heading", name="Overview").first.is_visible()
    # a page: the sidebar's link to the programme page
    tab_to(page, HREF_ENDS, "/program")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/program" in url, timeout=30_000)
    settled(page)
    # a programme: the chooser, typed into, Enter
    tab_to(page, LABEL_IS, "Programme")
    page.keyboard.type("KontaktL")
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "programme=kontaktlaege" in url, timeout=30_000)
    settled(page)
    # a chart's data: its table opens from the keyboard
    tab_to(page, "(e, text) => e.tagName === 'SUMMARY' && e.innerText.includes(text)", "The chart's data as a table")
    page.keyboard.press("Enter")
    page.locator("[data-testid='stExpander'] [data-testid='stTable']").first.wait_for(timeout=30_000)
    # the pack: a download button, Enter
    tab_to(page, "(e, text) => e.tagName === 'BUTTON' && e.innerText.includes(text)", "HTML (offline)")
    with page.expect_download(timeout=60_000) as download:
        page.keyboard.press("Enter")
    assert download.value.suggested_filename.endswith(".html")
    # the status date: its day typed into the date field, Enter
    tab_to(
        page, "(e) => e.getAttribute('role') === 'spinbutton' && (e.getAttribute('aria-label') || '').startsWith('day')"
    )
    page.keyboard.type("01")  # the day; the date is taken when the focus leaves the field, as it does next
    # projector mode: Tab on to the sidebar's toggle, Space; then Next with Enter
    tab_to(page, LABEL_IS, "Projector mode")
    page.wait_for_url(lambda url: "date=2022-11-01" in url, timeout=30_000)
    settled(page)
    assert page.get_by_text("Status as of 1 Nov 2022").first.is_visible()
    if not page.evaluate(f"(arg) => ({LABEL_IS})(document.activeElement, arg)", "Projector mode"):
        tab_to(page, LABEL_IS, "Projector mode")  # the rerun moved the focus
    page.keyboard.press("Space")
    page.wait_for_url(lambda url: "mode=projector" in url, timeout=30_000)
    settled(page)
    screen = int(re.search(r"Screen (\d+) of", page.locator("body").inner_text()).group(1))  # type: ignore[union-attr]
    tab_to(page, TEXT_IS, "Next ▶")
    page.keyboard.press("Enter")
    page.wait_for_function("(n) => document.body.innerText.includes(`Screen ${n} of`)", arg=screen + 1, timeout=60_000)
    page.close()
