"""Helpers for the browser tests: a real Streamlit server and Debian's chromium."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
PAGES = {
    "overview": "",
    "programme": "program",
    "vendors": "leverandoerer",
    "municipalities": "kommuner",
    "targets": "maal",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def streamlit_server(data_dir: str | None = None, timeout: float = 60, secrets: str | None = None) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free loopback port; yield its URL."""
    port = free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    if data_dir:
        env["PLANNER_DATA"] = data_dir
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            *(["--secrets.files", secrets] if secrets else []),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError("streamlit did not start")
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


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
