"""The calendar feed the app serves: a stable address in the sidebar, rewritten when the plan's files change.

A subscriber (Outlook's "add calendar from the internet") fetches the address the sidebar links to; it
gets ``text/calendar`` with the plan's events; after the plan file changes on disk and the next view, the
same address gives the moved date under the same UIDs.
"""

from __future__ import annotations

import datetime as dt
import shutil
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest

from planner.plan import loader
from planner.presentation import calendar_feed, i18n
from tests import browser

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def served(chromium: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    folder = tmp_path_factory.mktemp("feed") / "data"
    shutil.copytree(browser.ROOT / "data", folder, ignore=shutil.ignore_patterns(".git", "baselines"))
    with browser.streamlit_server(str(folder)) as address:
        browser.warm_up(address, chromium)
        yield address, folder


def _fetch(url: str) -> tuple[str, dict[str, icalendar.Component]]:
    with urllib.request.urlopen(url, timeout=10) as response:
        kind, raw = response.headers.get("Content-Type", ""), response.read()
    return kind, {str(e["uid"]): e for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")}


def _feed_address(page: Any, url: str) -> str:
    page.goto(f"{url}/")
    browser.wait_for_page(page)
    link = page.get_by_role("link", name=i18n.t("cal.subscribe", "da"))
    href = link.get_attribute("href")
    assert href and href.endswith("-da.ics"), href
    return page.evaluate("(href) => new URL(href, document.baseURI).href", href)


def test_the_sidebar_links_a_feed_that_follows_the_plan_files(served: tuple[str, Path], chromium: Any) -> None:
    url, folder = served
    page = chromium.new_page(viewport={"width": 1280, "height": 720})
    page.set_default_timeout(60_000)
    try:
        address = _feed_address(page, url)
        kind, events = _fetch(address)
        assert kind.startswith("text/calendar"), kind
        expected = calendar_feed.entries(loader.load(str(folder)), "da")
        assert set(events) == {e.uid for e in expected if e.when.precision in calendar_feed.DAILY} and len(events) > 10
        go_live = next(uid for uid, e in events.items() if str(e["summary"]) == "FK-ORG/SOR: Go-live")
        assert events[go_live].decoded("dtstart") == dt.date(2023, 1, 1)

        # the plan file changes on disk; the next view rewrites the feed at the same address
        path = folder / "programmes" / "fk-org-sor.yaml"
        path.write_text(path.read_text(encoding="utf-8").replace("2023-01-01", "2023-02-01"), encoding="utf-8")
        assert _feed_address(page, url) == address  # a stable address: subscribed once
        _, after = _fetch(address)
        assert set(after) == set(events)  # the same events (UIDs): a calendar updates them
        assert after[go_live].decoded("dtstart") == dt.date(2023, 2, 1)
        # and the same file is a download beside it
        assert page.get_by_role("button", name=i18n.t("cal.download", "da")).count() == 1
    finally:
        page.close()
