"""Warm from the start (tools/warm.py): the first visitor after a start, or after a data change, gets a drawn plan.

A real server on a copy of the shipped data and real websocket sessions (tools.loadtest_protocol.Viewer, as a
browser tab): a view of a server nobody has viewed says that the plan is being prepared; once the warmer has
viewed every meeting page, a new visitor's views say nothing of the kind; after a data file changes, the
warmer running in the background prepares the new version before the next visitor comes.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planner.presentation import i18n
from tools import serve
from tools.loadtest import PAGES
from tools.loadtest_protocol import Viewer

ROOT = Path(__file__).resolve().parent.parent
PREPARING = i18n.t("app.preparing", "da")


async def _alerts(url: str) -> dict[str, list[str]]:
    """A new visitor's notes on every meeting page."""
    from websockets.asyncio.client import connect

    seen: dict[str, list[str]] = {}
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with connect(ws_url, subprotocols=["streamlit"], origin=url, max_size=None) as socket:  # type: ignore[arg-type,list-item]
        viewer = Viewer(socket)
        for path, _ in PAGES.values():
            _, problems = await viewer.view(path)
            assert problems == [], problems
            seen[path] = viewer.alerts
    return seen


def _warmer(url: str, data: Path, *args: str) -> subprocess.Popen[str]:
    port = url.rsplit(":", 1)[1]
    return subprocess.Popen(
        [sys.executable, "-m", "tools.warm", *args, "--", "--server.port", port],
        cwd=ROOT, env={**os.environ, "PLANNER_DATA": str(data)}, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _wait_for_line(proc: subprocess.Popen[str], text: str, timeout: float = 180) -> str:
    assert proc.stderr is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stderr.readline()
        if text in line:
            return line
        assert line or proc.poll() is None, "the warmer stopped"
    raise AssertionError(f"no {text!r} from the warmer in {timeout} s")


@pytest.mark.slow
def test_a_cold_server_says_it_prepares_and_a_warmed_one_does_not(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with serve.streamlit(str(data)) as (url, _):
        first = asyncio.run(_alerts(url))
        assert PREPARING in first[""]  # nobody had viewed it: the plan is loaded on this view, and it says so
    with serve.streamlit(str(data)) as (url, _):
        warmer = _warmer(url, data, "--once")
        assert warmer.wait(timeout=180) == 0, warmer.stderr.read() if warmer.stderr else ""
        assert all(PREPARING not in notes for notes in asyncio.run(_alerts(url)).values())


@pytest.mark.slow
def test_the_warmer_prepares_a_changed_plan_in_the_background(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    with serve.streamlit(str(data)) as (url, _):
        warmer = _warmer(url, data)
        try:
            _wait_for_line(warmer, "every meeting page drawn")
            plan_file = data / "programmes" / "fhir-km.yaml"
            plan_file.write_text(plan_file.read_text(encoding="utf-8") + "# a new version\n", encoding="utf-8")
            _wait_for_line(warmer, "every meeting page drawn")  # seen and drawn, with no visitor
            assert all(PREPARING not in notes for notes in asyncio.run(_alerts(url)).values())
        finally:
            warmer.terminate()
            warmer.wait(timeout=10)
