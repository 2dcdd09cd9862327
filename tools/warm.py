"""Warm from the start: the server's caches filled before the first visitor, and again after each data change.

    python -m tools.warm [--once] [-- STREAMLIT_ARGS ...]

``scripts/run.sh`` starts it beside ``streamlit run app.py`` with the same arguments (so it finds the
same port, address and base path, also from ``.streamlit/config.toml`` and ``STREAMLIT_*`` variables).
It waits for the server's ``/_stcore/health``, then opens one websocket session, as a browser tab would
(:class:`tools.loadtest_protocol.Viewer`), and runs every meeting page once, in Danish and in English: the
plan is loaded, checked and drawn into the server's own caches (the cache is shared by every session).
Until then a visitor's page says that the plan is being prepared (``ui.data.prepared``).

It then looks at the data folder's fingerprint (the hash ``ui.data`` keys the plan by) every
:data:`POLL_S` seconds and views the pages again when it changed: a plan saved from the edit page or
pulled from git is prepared in the background. ``--once`` stops after the first round. It never exits
with an error for a page that fails: that page's problem is printed and the next one is viewed.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import urllib.request
from collections.abc import Sequence

from tools.loadtest import PAGES
from tools.loadtest_protocol import Viewer

POLL_S = 5.0
START_TIMEOUT_S = 120.0
LANGUAGES = ("", "lang=en")  # the query strings: Danish (the default) and English


def server_url(streamlit_args: Sequence[str]) -> str:
    """The loopback URL the server listens on, from the same arguments, config file and variables it read."""
    from streamlit import config

    args = list(streamlit_args)
    for i, arg in enumerate(args):
        if arg.startswith("--server.") or arg.startswith("--browser."):
            name, _, value = arg[2:].partition("=")
            if not value and i + 1 < len(args):
                value = args[i + 1]
            config.set_option(name, value, "command-line")
    port = config.get_option("server.port")
    base = (config.get_option("server.baseUrlPath") or "").strip("/")
    return f"http://127.0.0.1:{port}" + (f"/{base}" if base else "")


def wait_until_up(url: str, timeout: float = START_TIMEOUT_S) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


async def view_every_page(url: str) -> list[str]:
    """Every meeting page in each language, once; the problems seen."""
    from websockets.asyncio.client import connect

    problems: list[str] = []
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    for query in LANGUAGES:  # a session keeps the language of its first view: one session per language
        async with connect(ws_url, subprotocols=["streamlit"], origin=url, max_size=None) as socket:  # type: ignore[arg-type,list-item]
            viewer = Viewer(socket)
            for path, _ in PAGES.values():
                try:
                    problems += (await viewer.view(path, query))[1]
                except Exception as exc:  # a timeout or a closed connection: said, and the next page viewed
                    problems.append(f"{path or '/'}?{query}: {type(exc).__name__}: {exc}")
    return problems


def warm(url: str) -> None:
    began = time.perf_counter()
    problems = asyncio.run(view_every_page(url))
    for problem in problems:
        print(f"warm: {problem}", file=sys.stderr)
    print(f"warm: every meeting page drawn in {time.perf_counter() - began:.1f} s", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.warm", description=__doc__.split("\n\n")[0])
    parser.add_argument("--once", action="store_true", help="view the pages once, then stop")
    parser.add_argument("streamlit_args", nargs=argparse.REMAINDER, help="the server's own arguments, after --")
    args = parser.parse_args(argv)
    from planner.plan import loader
    from ui import data

    url = server_url([a for a in args.streamlit_args if a != "--"])
    if not wait_until_up(url):
        print(f"warm: no server answered at {url}", file=sys.stderr)
        return 1
    seen = data.fingerprint(loader.data_dir())
    warm(url)
    while not args.once:
        time.sleep(POLL_S)
        now = data.fingerprint(loader.data_dir())
        if now != seen:
            seen = now
            warm(url)
        if not wait_until_up(url, timeout=POLL_S):
            return 0  # the server has stopped: so does its warmer
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
