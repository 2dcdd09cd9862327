"""A real Streamlit server on loopback and Debian's chromium, for the browser tests and the load tests."""

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
HOST = "127.0.0.1"  # never any other address
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


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def wait_until_up(url: str, proc: subprocess.Popen[bytes], timeout: float, what: str) -> None:
    """Poll ``url`` until it answers; RuntimeError when ``proc`` exits first or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(f"{what} did not start") from None
            time.sleep(0.2)


@contextlib.contextmanager
def streamlit(
    data_dir: str | None = None,
    *,
    timeout: float = 60,
    secrets: str | None = None,
    port: int | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``streamlit run app.py`` on a loopback port (a free one unless given) until /_stcore/health answers.

    Yields its URL and process; ``env`` is added to the server's environment.
    """
    port = port or free_port()
    env = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **(env or {})}
    if data_dir:
        env["PLANNER_DATA"] = data_dir
    args = ["run", "app.py", "--server.port", str(port), "--server.address", HOST, "--server.headless", "true"]
    args += ["--secrets.files", secrets] if secrets else []
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", *args], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://{HOST}:{port}"
    try:
        wait_until_up(url + "/_stcore/health", proc, timeout, "streamlit")
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
