"""Helpers for the browser tests: a real Streamlit server and Debian's chromium."""

from __future__ import annotations

import contextlib
import urllib.request
from collections.abc import Iterator

from tools import serve

ROOT = serve.ROOT
CHROMIUM, CHROMIUM_ARGS = serve.CHROMIUM, serve.CHROMIUM_ARGS
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
PAGES = {
    "overview": "",
    "programme": "program",
    "vendors": "leverandoerer",
    "municipalities": "kommuner",
    "targets": "maal",
}


@contextlib.contextmanager
def streamlit_server(data_dir: str | None = None, timeout: float = 60, secrets: str | None = None) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free loopback port; yield its URL."""
    with serve.streamlit(data_dir, timeout=timeout, secrets=secrets) as (url, _):
        yield url


def wait_for_page(page, charts: int = 1, timeout_ms: int = 45_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the app has run: no spinner, charts drawn."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        f" && document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(800)


def warm_up(url: str) -> None:
    """Run the app once, so the first deep link finds its pages registered."""
    with urllib.request.urlopen(url + "/", timeout=10):
        pass
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = b.new_page()
        page.goto(url + "/")
        wait_for_page(page)
        b.close()
