"""Where a page's time goes in a warm browser: the server's messages or the browser's drawing.

    python -m tools.profile_page [--page vendors] [--after overview] [--data DIR | --scale N]

Starts ``streamlit run app.py`` on a free port of 127.0.0.1 (loopback only)
and one headless chromium (Debian's). It opens ``--page`` once (so the browser
and the server are warm), goes to ``--after`` by the sidebar, then clicks back
to ``--page`` with chromium's CPU profiler and websocket frame log switched
on, and prints:

- the seconds from the click to the page's new heading, to its script having
  finished and to every chart being drawn;
- when the last websocket frame from the server arrived, and how many bytes
  came: if it is early, the rest is the browser;
- each chart's height and number of SVG text nodes, and the page's element count;
- the JavaScript functions with the most time of their own during the click.

It stops by itself (a time limit per step) and closes the browser and the server.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from tools import loadtest, serve

TIMEOUT_MS = 120_000
CHARTS = """() => [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].map(c => ({
  height: Math.round(c.getBoundingClientRect().height), texts: c.querySelectorAll('text').length}))"""
HEADING_CHANGED = (
    """(title) => { const h = document.querySelector('h1'); return !!h && !h.textContent.trim().startsWith(title); }"""
)
SCRIPT_DONE = (
    """() => document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state') === 'notRunning'"""
)


def _link(path: str) -> str:
    return f"[data-testid='stSidebarNavLink'][href$='/{path}']"


def top_functions(profile: dict[str, Any], n: int) -> list[tuple[float, str]]:
    """The ``n`` call frames with the most self time (ms) in a chromium CPU profile."""
    nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    own: Counter[str] = Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=False):
        frame = nodes[sample]
        script = frame["url"].rsplit("/", 1)[-1][:32]
        own[f"{frame['functionName'] or '(anonymous)'} {script}:{frame['lineNumber']}"] += delta
    return [(us / 1000, name) for name, us in own.most_common(n)]


async def probe(url: str, page_name: str, after: str) -> list[str]:
    from playwright.async_api import async_playwright

    path, title = loadtest.PAGES[page_name]
    after_path, after_title = loadtest.PAGES[after]
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=serve.CHROMIUM, args=serve.CHROMIUM_ARGS, headless=True)
        try:
            context = await browser.new_context(viewport={"width": 1920, "height": 1080})
            page = await context.new_page()
            await page.goto(f"{url}/{path}", timeout=TIMEOUT_MS)
            await page.wait_for_function(loadtest.READY, arg=title, timeout=TIMEOUT_MS, polling=50)
            await page.locator(_link(after_path)).click(timeout=TIMEOUT_MS)
            await page.wait_for_function(loadtest.READY, arg=after_title, timeout=TIMEOUT_MS, polling=50)
            await asyncio.sleep(1)
            cdp = await context.new_cdp_session(page)
            frames: list[tuple[float, int]] = []  # the browser's own clock (s) and the frame's size
            sent: list[float] = []
            cdp.on("Network.webSocketFrameSent", lambda e: sent.append(e["timestamp"]))
            cdp.on(
                "Network.webSocketFrameReceived",
                lambda e: frames.append((e["timestamp"], len(e["response"]["payloadData"]))),
            )
            await cdp.send("Network.enable")
            await cdp.send("Profiler.enable")
            await cdp.send("Profiler.setSamplingInterval", {"interval": 500})
            await cdp.send("Profiler.start")
            began = time.perf_counter()
            await page.locator(_link(path)).click(timeout=TIMEOUT_MS)
            await page.wait_for_function(HEADING_CHANGED, arg=after_title, timeout=TIMEOUT_MS, polling=10)
            heading = time.perf_counter() - began
            await page.wait_for_function(SCRIPT_DONE, timeout=TIMEOUT_MS, polling=10)
            done = time.perf_counter() - began
            await page.wait_for_function(loadtest.READY, arg=title, timeout=TIMEOUT_MS, polling=10)
            drawn = time.perf_counter() - began
            profile = (await cdp.send("Profiler.stop"))["profile"]
            charts = await page.evaluate(CHARTS)
            elements = await page.evaluate("document.querySelectorAll('*').length")
        finally:
            await browser.close()
    # from the rerun request the click sent to the last frame of the page's script
    last = max((t for t, _ in frames), default=0.0) - min(sent, default=0.0) if sent and frames else float("nan")
    lines = [
        f"{page_name} after {after}: heading {heading:.2f} s, script finished {done:.2f} s, charts drawn {drawn:.2f} s",
        f"server: {len(frames)} websocket frames, {sum(n for _, n in frames) / 1000:,.0f} kB, the last {last:.2f} s after the click's request",
        f"page: {elements:,} elements; charts (height px, text nodes): "
        + ", ".join(f"{c['height']}/{c['texts']}" for c in charts),
        "JavaScript, most time of its own during the click:",
    ]
    lines += [f"  {ms:8.0f} ms  {name}" for ms, name in top_functions(profile, 15)]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", choices=list(loadtest.PAGES), default="vendors")
    parser.add_argument("--after", choices=list(loadtest.PAGES), default="overview", help="the page clicked from")
    parser.add_argument("--data", help="data folder (default: $PLANNER_DATA or data/)")
    parser.add_argument("--scale", type=int, default=1, help="the generated national portfolio x N (0: --data)")
    args = parser.parse_args(argv)
    if args.page == args.after:
        parser.error("--after must be another page")
    from planner.plan import loader
    from tools import synthetic

    with tempfile.TemporaryDirectory(prefix="planner-profile-") as tmp:
        data_dir = Path(loader.data_dir(args.data))
        if args.scale:
            synthetic.generate(Path(tmp), args.scale)
            data_dir = Path(tmp)
        with serve.streamlit(str(data_dir.resolve())) as (url, _proc):
            lines = asyncio.run(probe(url, args.page, args.after))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
