"""Made for the room: every page as clean as a good slide; the meeting's pages in projector mode on one screen.

On the shipped data and on a generated portfolio of 30 programmes, at
1920x1080 and 1280x720, in Danish and English:
- walked through as the room does (projector mode, then the header's Next
  button): each page's main chart (the first) lies inside the first screen;
- and on every page in normal mode (every programme of the shipped data):
- no text of a chart lies on another text or on a mark (bar, diamond, arrow,
  line), none runs out of its chart, and no value or key figure is cut
  short with "…" (:data:`tests.browser.CHART_FAULTS_JS`);
- the Danish page shows no hedged plural, raw id, ``None`` or English widget
  text. Screenshots of each go to artifacts/screenshots/.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from planner.analysis import meetings, statements
from planner.plan import loader
from planner.presentation import i18n
from tests import browser
from tools import synthetic

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
SIZES = [(1920, 1080), (1280, 720)]
NOT_IN_DANISH = {
    "a hedged plural": r"\w\((?:er|r|e|s|ne)\)",
    "a value that is not there": r"\b(?:None|nan|NaN)\b",
    "an enum value": r"\b(?:at-risk|on-track|unassigned|go-live)\b",
    "a field name": r"\b[a-z]+_[a-z_]+\b",
    "an English widget text": r"\b(?:Choose an option|Choose options|No results|Select all)\b",
}
SETTLED = """() => !document.querySelector('[data-testid="stStatusWidget"]')
  && document.querySelectorAll('.js-plotly-plot .main-svg').length >= 1"""
RAN = """() => !document.querySelector('[data-testid="stStatusWidget"]')"""  # a page without a chart (the decision)
MAIN = ".js-plotly-plot"
# the page's words, without its code blocks (a plan's YAML keeps its field names)
PROSE = """() => { const m = document.querySelector('[data-testid="stMain"]').cloneNode(true);
  m.querySelectorAll('[data-testid="stCode"]').forEach(c => c.remove()); document.body.appendChild(m);
  const text = m.innerText; m.remove(); return text; }"""
ICONS = re.compile(r"\b(?:keyboard_arrow_(?:right|down|up|left)|expand_(?:more|less))\b")  # an icon's ligature
# the page is whole: no placeholder waits for its element, the app's styles apply (a chart's words are hidden), and
# every chart on it has drawn its texts (a chart below the fold draws too: plotly does not wait to be seen)
CHARTS_DRAWN = """() => !document.querySelector('[data-testid="stSkeleton"]')
  && [...document.querySelectorAll('.chart-words')].every(
       w => getComputedStyle(w.closest('[data-testid="stElementContainer"]')).position === 'absolute')
  && [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))"""


@pytest.fixture(scope="module", params=["shipped", "30-programmes"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, chromium: Any
) -> Iterator[tuple[str, str, tuple[meetings.Step, ...], dict[str, str]]]:
    data = None
    if request.param != "shipped":
        data = tmp_path_factory.mktemp("national")
        synthetic.generate(Path(data), 1)  # 30 programmes, 60 vendors, all 98 municipalities
    with browser.streamlit_server(str(data) if data else None) as url:
        page = chromium.new_page()  # the plan loaded once before the pages are timed by their waits
        page.goto(url + "/")
        page.wait_for_function(SETTLED, timeout=120_000)
        page.close()
        plan = loader.load(str(data) if data else str(loader.DEFAULT_DATA_DIR))
        yield request.param, url, walk(plan), {p.id: p.name for p in plan.programmes}


def walk(plan: loader.Plan) -> tuple[meetings.Step, ...]:
    """The screens the room steps through: the meeting's agenda as the data gives it, else the meeting order."""
    return meetings.steps(plan, statements.view_date(plan))


SCREEN = """([n, of]) => document.body.innerText.includes(`${n} ${'af'} ${of}`)
  || document.body.innerText.includes(`${n} of ${of}`)"""  # the header's "Skærm 3 af 14"
HEADING = """(title) => { const h = document.querySelector('h1'); return !!h && h.textContent.trim() === title; }"""


def _check(page: Any, data: str, name: str, size: tuple[int, int], lang: str, projector: bool = True) -> list[str]:
    """What is wrong with the page on screen: [] when its charts are clean, the words Danish and (on the
    projector) the main chart fits the screen."""
    browser.SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    # a page of 30 programmes keeps a busy browser (two test workers on two cores) drawing for a while
    mode = "room" if projector else "page"
    page.screenshot(path=str(browser.SCREENSHOTS / f"{mode}-{data}-{size[0]}-{lang}-{name}.png"), timeout=120_000)
    wrong = []
    if page.locator("[data-testid='stException']").count():
        wrong.append("an exception")
    faults = page.evaluate(browser.CHART_FAULTS_JS)
    if faults:
        wrong.append(f"texts on texts or marks, or cut: {faults[:10]}")
    if lang == "da":
        text = ICONS.sub("", page.evaluate(PROSE))
        if "Status pr. " not in text:
            wrong.append("no status date in the header row")
        wrong += [f"{what}: {m.group(0)!r}" for what, rule in NOT_IN_DANISH.items() if (m := re.search(rule, text))]
    if not projector:
        return [f"{name}: {w}" for w in wrong]
    if page.locator("[data-testid='stSidebar']").is_visible():
        wrong.append("the sidebar shows")  # projector mode: the view alone
    main = (
        MAIN if not name.startswith("decision") else "[data-testid='stTable'], [data-testid='stAlert']"
    )  # its table, or that none
    top, bottom = page.evaluate(
        "(sel) => { const r = document.querySelector(sel).getBoundingClientRect(); return [r.top, r.bottom]; }", main
    )
    if not (top >= 0 and bottom <= size[1]):
        wrong.append(f"the main {'chart' if main == MAIN else 'table'} runs from {top:.0f} to {bottom:.0f} px")
    return [f"{name}: {w}" for w in wrong]


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_meeting_page_fits_one_projector_screen_with_no_text_on_text_or_marks(
    server, chromium, size: tuple[int, int], lang: str
) -> None:
    """The room's way through the meeting: the overview opened in projector mode, then Næste ▶ screen by screen
    (the meeting's agenda: each programme on it, its open decision after it, then the portfolio's views)."""
    data, url, steps, names = server
    width, height = size
    page = chromium.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(90_000)
    try:
        page.goto(f"{url}/?mode=projector&screen={width}x{height}&lang={lang}")
        wrong: list[str] = []
        for i, step in enumerate(steps):
            if i:
                page.get_by_role("button", name=re.compile("▶")).click()
            page.wait_for_function(HEADING, arg=i18n.t(f"page.{step.view}", lang), timeout=90_000)
            page.wait_for_function(SCREEN, arg=[i + 1, len(steps)], timeout=90_000)
            page.wait_for_function(SETTLED if step.view != "decision" else RAN, timeout=90_000)
            browser.quiet(page)
            wrong += _check(page, data, step.view + (f"-{step.programme}" if step.programme else ""), size, lang)
            if step.view == "programme" and step.programme:  # the chooser names the programme the screen shows
                shown = page.get_by_role("combobox").first.input_value()
                if shown != names[step.programme]:
                    wrong.append(f"{step.programme}: the chooser says {shown!r}")
        assert page.get_by_role("button", name=re.compile("▶")).is_disabled()  # the walk ends with the last screen
        assert not wrong, wrong
    finally:
        page.close()


# the pages with charts outside the meeting too; the editor's page has none
NORMAL_PAGES = {**browser.PAGES, "changes": "aendringer", "waves": "boelgeplan"}


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_page_in_normal_mode_has_no_text_on_text_or_marks_and_nothing_cut(
    server, chromium, size: tuple[int, int], lang: str
) -> None:
    """Every page beside the sidebar, each programme's page on the shipped data (the first three of 30)."""
    data, url, _, names = server
    page = chromium.new_page(viewport={"width": size[0], "height": size[1]})
    page.set_default_timeout(90_000)
    programmes = list(names)[: None if data == "shipped" else 3]
    screens = [(view, f"{slug}?") for view, slug in NORMAL_PAGES.items() if view != "programme"]
    screens += [(f"programme-{pid}", f"{NORMAL_PAGES['programme']}?programme={pid}&") for pid in programmes]
    try:
        wrong: list[str] = []
        for name, path in screens:
            page.goto(f"{url}/{path}lang={lang}")
            page.wait_for_function(HEADING, arg=i18n.t(f"page.{name.split('-')[0]}", lang), timeout=90_000)
            # the heading is drawn once the page's script runs; then its end, and every chart it drew (a page may
            # have none: the decision page without an open decision, the changes page without a baseline)
            page.wait_for_function(RAN, timeout=90_000)
            browser.quiet(page)
            page.wait_for_function(RAN, timeout=90_000)
            page.wait_for_function(CHARTS_DRAWN, timeout=90_000)
            wrong += _check(page, data, name, size, lang, projector=False)
        assert not wrong, wrong
    finally:
        page.close()
