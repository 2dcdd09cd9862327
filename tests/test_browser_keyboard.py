"""Keyboard only: a viewer's and an editor's tasks reached with Tab and done with Enter, Space or typing.

Each step presses Tab until the control it needs has the focus (it must be
reachable, within a bound), checks that the focus shows (an outline or a
ring), and operates it with the keyboard alone: change page, language,
programme, open a chart's data table, enter projector mode's Next; sign in,
save an edit, and save on top of a colleague's change after a conflict.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.plan import loader
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


def tab_to(page: Any, matches: str, arg: Any = None, limit: int = MAX_TABS) -> None:
    """Press Tab until the focused element satisfies ``matches`` (a JS function of the element and ``arg``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(arg) => {{ const e = document.activeElement; return !!e && ({matches})(e, arg); }}", arg):
            assert page.evaluate(FOCUS_SHOWS), (
                f"no visible focus on {page.evaluate('document.activeElement.outerHTML')[:200]}"
            )
            return
    raise AssertionError(f"never reached by Tab: {matches} {arg!r}")


def settled(page: Any) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=60_000)
    browser.quiet(page)


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


EDITOR_PASSWORD = "korrekt hest batteri"
EDITOR_TABS = 200  # the edit page has many fields before the one a task needs


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory, chromium: Any) -> Iterator[tuple[str, Path]]:
    tmp = tmp_path_factory.mktemp("keyboard-edit")
    data, secrets = browser.editable_copy(tmp, EDITOR_PASSWORD)
    with browser.streamlit_server(data_dir=str(data), secrets=str(secrets)) as url:
        browser.warm_up(url, chromium)
        yield url, data


def _sign_in_by_keyboard(page: Any, name: str) -> None:
    tab_to(page, LABEL_IS, "Dit navn eller din organisation")
    page.keyboard.type(name)
    tab_to(page, LABEL_IS, "Adgangskode")
    page.keyboard.type(EDITOR_PASSWORD)
    tab_to(page, TEXT_IS, "Log ind")
    page.keyboard.press("Enter")
    page.get_by_role("tab", name="Parathed").wait_for(timeout=60_000)
    settled(page)


def _note_by_keyboard(page: Any, text: str) -> None:
    """The readiness form's first note: reached by Tab, its text replaced by typing."""
    tab_to(page, LABEL_IS, "Bemærkning", limit=EDITOR_TABS)
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type(text)


def _press_by_keyboard(page: Any, button: str) -> None:
    tab_to(page, "(e, text) => e.tagName === 'BUTTON' && e.innerText.trim() === text", button, limit=EDITOR_TABS)
    page.keyboard.press("Enter")


def test_an_editor_signs_in_saves_and_resolves_a_conflict_with_the_keyboard_alone(
    editor: tuple[str, Path], chromium: Any
) -> None:
    url, data = editor
    bo = chromium.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    bo.set_default_timeout(60_000)
    bo.goto(f"{url}/rediger")
    settled(bo)
    _sign_in_by_keyboard(bo, "Bo")
    _note_by_keyboard(bo, "Bos første note")
    _press_by_keyboard(bo, "Gem")
    bo.get_by_text(re.compile("Gemt i vendors.yaml")).first.wait_for(timeout=60_000)
    assert loader.load(str(data)).vendors[0].readiness[0].note == "Bos første note"
    settled(bo)
    # a colleague saves the same note meanwhile (with a mouse, in her own session)
    anna = chromium.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    anna.set_default_timeout(60_000)
    anna.goto(f"{url}/rediger")
    anna.get_by_label("Dit navn eller din organisation").fill("Anna")
    anna.get_by_label("Adgangskode").fill(EDITOR_PASSWORD)
    anna.get_by_role("button", name="Log ind").click()
    anna.get_by_role("tabpanel").get_by_label("Bemærkning", exact=True).first.fill("Annas note")
    anna.get_by_role("tabpanel").get_by_role("button", name="Gem", exact=True).click()
    anna.get_by_text(re.compile("Gemt i vendors.yaml")).first.wait_for(timeout=60_000)
    # Bo, on the version before it, changes the same note: refused, then saved on top by the keyboard
    bo.evaluate("() => document.activeElement && document.activeElement.blur()")  # Tab from the page's start again
    _note_by_keyboard(bo, "Bos anden note")
    _press_by_keyboard(bo, "Gem")
    bo.get_by_text(re.compile("Ikke gemt: de samme værdier er ændret")).first.wait_for(timeout=60_000)
    assert loader.load(str(data)).vendors[0].readiness[0].note == "Annas note"
    settled(bo)
    bo.evaluate("() => document.activeElement && document.activeElement.blur()")
    _press_by_keyboard(bo, "Gem mine ændringer oven på den nye version")
    bo.get_by_text(re.compile("Gemt i vendors.yaml")).first.wait_for(timeout=60_000)
    assert loader.load(str(data)).vendors[0].readiness[0].note == "Bos anden note"
    # the upload box speaks the page's language (Streamlit's own words are English), to a screen reader too
    bo.get_by_role("tab", name="Upload").click()
    zone = bo.locator("[data-testid='stFileUploaderDropzone']").first
    zone.wait_for()
    tree = zone.aria_snapshot()
    assert 'button "Vælg fil"' in tree and "Højst 2 MB pr. fil" in tree, tree
    assert "per file" not in tree and 'button "Upload"' not in tree, tree
    bo.close()
    anna.close()
