"""Every chart as a screen reader meets it: its name, its description and its data, read from the accessibility tree.

On each page with charts, in Danish and English, the page's accessibility
tree (what Chromium gives a screen reader, through Playwright's ARIA
snapshot) holds, for every chart drawn, a paragraph "Diagram: <name>. ..."
before it and a disclosure "Diagrammets data som tabel: <name>" after it;
opened, the disclosure holds a table whose header and rows are in the tree,
as many rows as the chart's own words say it has points.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from planner.presentation import i18n
from tests import browser

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")
CHART_PAGES = {"overview": "", "programme": "program", "vendors": "leverandoerer", "municipalities": "kommuner",
               "targets": "maal", "waves": "boelgeplan"}  # fmt: skip
# every chart described on the page is drawn (a chart further down may still be on its way when the first is)
DRAWN = """(described) => {
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  const words = [...document.querySelectorAll('[data-testid="stMain"] p')]
    .filter(p => p.textContent.trim().startsWith(described));
  return !document.querySelector('[data-testid="stStatusWidget"]') && plots.length > 0
    && plots.length === words.length && plots.every(p => p.querySelector('.main-svg'));
}"""


@pytest.fixture(scope="module")
def url(chromium: Any) -> Iterator[str]:
    with browser.streamlit_server() as address:
        browser.warm_up(address, chromium)
        yield address


def _words(lang: str) -> tuple[str, str]:
    """The start of a chart's description and of its table's disclosure, in ``lang``."""
    described = i18n.tn("ct.description", 2, lang, name="@", first="").split("@")[0]
    table = i18n.t("ct.data", lang, name="@").split("@")[0]
    return described, table


def _count(description: str, lang: str) -> int:
    """How many points a chart's description says it has ('15 punkter', '1 point')."""
    one = i18n.tn("ct.description", 1, lang, name="x", first="y").split(". ")[1].split(":")[0]
    found = re.search(r"\. (\d[\d.,]*) ", description)
    if found:
        return int(found.group(1).replace(".", "").replace(",", ""))
    assert one in description, description
    return 1


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("view", list(CHART_PAGES))
def test_every_chart_has_its_name_description_and_data_table_in_the_accessibility_tree(
    url: str, chromium: Any, view: str, lang: str
) -> None:
    page = chromium.new_page(viewport={"width": 1920, "height": 1080})
    page.set_default_timeout(90_000)
    try:
        page.goto(f"{url}/{CHART_PAGES[view]}?lang={lang}")
        described, table = _words(lang)
        page.wait_for_function(DRAWN, arg=described)
        browser.quiet(page)  # the page is still for a moment: no further chart is on its way
        page.wait_for_function(DRAWN, arg=described)
        charts = page.locator(".js-plotly-plot").count()
        main = page.locator("[data-testid='stMain']")
        tree = main.aria_snapshot()
        descriptions = re.findall(rf'^\s*- paragraph: "?({re.escape(described)}.+?)"?$', tree, re.M)
        names = re.findall(rf'^\s*- paragraph: "?{re.escape(table)}(.+?)"?$', tree, re.M)
        assert len(descriptions) == charts, (charts, descriptions)  # one description for every chart drawn
        assert len(names) == charts, (charts, names)  # and its data as a table, under its name
        for name, description in zip(names, descriptions, strict=True):
            assert description.startswith(f"{described}{name}. "), (name, description)  # the same chart, in order
            # the description comes before its chart's picture, the table's disclosure after it
            assert tree.index(description) < tree.index("- img", tree.index(description)) < tree.index(table + name)
            disclosure = main.locator("[data-testid='stExpander']", has=page.get_by_text(table + name, exact=True))
            disclosure.first.locator("summary").click()
            disclosure.first.locator("[data-testid='stTable']").wait_for()
            points = _count(description, lang)
            rows = disclosure.first.locator("[data-testid='stTable'] tbody tr")
            page.wait_for_function(
                "([el, n]) => el.querySelectorAll('tbody tr').length >= n",
                arg=[disclosure.first.locator("[data-testid='stTable']").element_handle(), points],
            )
            assert rows.count() == points, (name, rows.count(), description)  # a row for every point
            opened = disclosure.first.aria_snapshot()
            assert re.search(r"^\s*- columnheader", opened, re.M), opened[:400]  # its headers marked as such
            assert re.search(r"^\s*- (?:row|cell)", opened, re.M), opened[:400]
    finally:
        page.close()
