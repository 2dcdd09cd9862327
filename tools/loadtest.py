"""Many viewers at once: one Streamlit server, N browser sessions opening every page.

    python -m tools.loadtest [--sessions 20] [--data DIR | --scale N] [--rounds 1] [--time-limit 300]

Starts ``streamlit run app.py`` on a free port of 127.0.0.1 (loopback only),
then one headless chromium (Debian's, /usr/bin/chromium) with one context and
page per session. All sessions start together; each opens the app and goes
through every page in meeting order by the sidebar, as a viewer clicks
(``--reload``: each page by its URL, a full page load), waits until the
page's script has finished and every chart is drawn, and checks that there
is no exception box, no "Page not found" and no JavaScript error. Prints the
p50 and p95 page times per page and overall, and the server's peak memory. With
``--rounds N`` each session goes round the pages N times: the first round is
a cold browser (and, for the first session, a cold server); the later rounds
are a warm browser, reported apart.

It stops by itself: at most 50 sessions, a time limit per page and a hard
limit for the whole run, after which the browser and the server are closed.
Exit status 0 when every page loaded without error, 1 otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tools import serve

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM, CHROMIUM_ARGS = serve.CHROMIUM, serve.CHROMIUM_ARGS
HOST = "127.0.0.1"  # never any other address
# url path and Danish title of each page, in meeting order
PAGES = {
    "overview": ("", "Overblik"),
    "programme": ("program", "Program"),
    "vendors": ("leverandoerer", "Leverandører"),
    "municipalities": ("kommuner", "Kommuner"),
    "targets": ("maal", "Mål og fremdrift"),
}
MAX_SESSIONS = 50
PAGE_TIMEOUT_MS = 120_000
SERVER_START_S = 60
# The page's script has run (its title shown, nothing stale from the page before) and every chart is drawn.
READY = """(title) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  const h1 = document.querySelector('h1');
  if (!h1 || !h1.textContent.trim().startsWith(title)) return false;
  const charts = document.querySelectorAll('[data-testid="stPlotlyChart"]');
  return charts.length > 0 && [...charts].every(c => c.querySelector('.main-svg'));
}"""


@dataclass
class Session:
    """What one viewer saw."""

    times: dict[str, float] = field(default_factory=dict)  # page -> seconds, first round
    warm: dict[str, list[float]] = field(default_factory=dict)  # page -> seconds, later rounds
    errors: list[str] = field(default_factory=list)


def server(data_dir: str) -> contextlib.AbstractContextManager[tuple[str, subprocess.Popen[bytes]]]:
    """``streamlit run app.py`` on a free loopback port; yields its URL and process."""
    return serve.streamlit(data_dir, timeout=SERVER_START_S)


def cpu_seconds(pid: int) -> float | None:
    """User and system CPU time the process has used so far, Linux only."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def status_mb(pid: int, field: str) -> float | None:
    """A memory figure of the process from /proc/PID/status (VmHWM: peak, VmRSS: now), Linux only."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident memory (VmHWM)."""
    return status_mb(pid, "VmHWM")


async def view_all(
    browser: Any, url: str, session: Session, start: asyncio.Event, reload: bool, rounds: int = 1
) -> None:
    """One viewer: a fresh context, every page in turn (by the sidebar, or each by its URL), ``rounds`` times."""
    context = await browser.new_context(viewport={"width": 1920, "height": 1080})
    page = await context.new_page()
    page.on("pageerror", lambda exc: session.errors.append(f"javascript: {exc}"))
    await start.wait()
    visits = [(r, i, name, path, title) for r in range(rounds) for i, (name, (path, title)) in enumerate(PAGES.items())]
    try:
        for r, i, name, path, title in visits:
            began = time.perf_counter()
            try:
                if (r == 0 and i == 0) or reload:
                    await page.goto(f"{url}/{path}", timeout=PAGE_TIMEOUT_MS)
                else:
                    await page.locator(f"[data-testid='stSidebarNavLink'][href$='/{path}']").click(
                        timeout=PAGE_TIMEOUT_MS
                    )
                await page.wait_for_function(READY, arg=title, timeout=PAGE_TIMEOUT_MS, polling=50)
            except Exception as exc:  # a timeout or a closed browser: record it, go on
                session.errors.append(f"{name}: {type(exc).__name__}: {str(exc).splitlines()[0]}")
                continue
            took = time.perf_counter() - began
            if r == 0:
                session.times[name] = took
            else:
                session.warm.setdefault(name, []).append(took)
            if await page.locator("[data-testid='stException']").count():
                session.errors.append(f"{name}: the page shows an exception")
            if await page.get_by_text("Page not found").count():
                session.errors.append(f"{name}: page not found")
    finally:
        await context.close()


async def load(url: str, sessions: int, reload: bool, rounds: int = 1) -> list[Session]:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            found = [Session() for _ in range(sessions)]
            start = asyncio.Event()
            tasks = [asyncio.create_task(view_all(browser, url, s, start, reload, rounds)) for s in found]
            await asyncio.sleep(0.5)  # contexts open; then everyone at once
            start.set()
            await asyncio.gather(*tasks)
            return found
        finally:
            await browser.close()


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (p50, p95) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _table(heading: str, per_page: dict[str, list[float]]) -> list[str]:
    """p50/p95/max per page and over all pages, under a heading."""
    lines = [heading, f"{'page':<16}{'loads':>7}{'p50 (s)':>10}{'p95 (s)':>10}{'max (s)':>10}"]
    every: list[float] = []
    for name in PAGES:
        times = per_page.get(name, [])
        every += times
        if times:
            lines.append(
                f"{name:<16}{len(times):>7}{percentile(times, 0.5):>10.2f}{percentile(times, 0.95):>10.2f}"
                f"{max(times):>10.2f}"
            )
    if every:
        lines.append(
            f"{'all pages':<16}{len(every):>7}{percentile(every, 0.5):>10.2f}{percentile(every, 0.95):>10.2f}"
            f"{max(every):>10.2f}"
        )
        lines.append(f"mean {statistics.mean(every):.2f} s")
    return lines


def report(found: list[Session], wall: float, rss: float | None, sessions: int, rounds: int = 1) -> str:
    lines = [f"{sessions} sessions at once, {len(PAGES)} pages each, {rounds} round(s), {wall:.1f} s in all", ""]
    first = {name: [s.times[name] for s in found if name in s.times] for name in PAGES}
    lines += _table("first round (a cold browser)" if rounds > 1 else "every page once", first)
    if rounds > 1:
        warm = {name: [t for s in found for t in s.warm.get(name, [])] for name in PAGES}
        lines += ["", f"rounds 2-{rounds} (a warm browser: its scripts and the map's boundaries cached)"]
        lines += _table("", warm)[1:]
    errors = [e for s in found for e in s.errors]
    lines.append(f"errors: {len(errors)}" + "".join(f"\n  {e}" for e in errors[:20]))
    if rss is not None:
        lines.append(f"server peak memory: {rss:,.0f} MB")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help=f"browser sessions at once (1..{MAX_SESSIONS})")
    parser.add_argument("--data", help="data folder (default: $PLANNER_DATA or data/)")
    parser.add_argument(
        "--scale", type=int, default=0, help="generate the national portfolio x N instead (planner/synthetic.py)"
    )
    parser.add_argument(
        "--reload",
        action="store_true",
        help="open each page by its URL (a full page load) instead of clicking the sidebar",
    )
    parser.add_argument("--rounds", type=int, default=1, help="times each session goes round every page (1..10)")
    parser.add_argument("--time-limit", type=float, default=300, help="seconds for the whole run, after which it stops")
    args = parser.parse_args(argv)
    if not 1 <= args.sessions <= MAX_SESSIONS:
        parser.error(f"--sessions must be 1..{MAX_SESSIONS}")
    if not 1 <= args.rounds <= 10:
        parser.error("--rounds must be 1..10")
    sys.path.insert(0, str(ROOT))
    from planner.plan import loader
    from tools import synthetic

    with tempfile.TemporaryDirectory(prefix="planner-loadtest-") as tmp:
        data_dir = loader.data_dir(args.data)
        if args.scale:
            synthetic.generate(Path(tmp), args.scale)
            data_dir = tmp
        with server(str(Path(data_dir).resolve())) as (url, proc):
            began, cpu_before = time.perf_counter(), cpu_seconds(proc.pid)
            try:
                found = asyncio.run(
                    asyncio.wait_for(load(url, args.sessions, args.reload, args.rounds), args.time_limit)
                )
            except TimeoutError:
                print(f"stopped: the run took longer than {args.time_limit:.0f} s", file=sys.stderr)
                return 1
            wall = time.perf_counter() - began
            rss, cpu_after = peak_rss_mb(proc.pid), cpu_seconds(proc.pid)
            cpu = cpu_after - cpu_before if cpu_after is not None and cpu_before is not None else None
    print(f"data: {data_dir if not args.scale else f'national portfolio x {args.scale}'}")
    print(report(found, wall, rss, args.sessions, args.rounds))
    if cpu is not None:
        print(f"server CPU time: {cpu:.1f} s of {wall:.1f} s ({os.cpu_count()} cores; the rest is the browser)")
    complete = all(
        len(s.times) == len(PAGES) and sum(map(len, s.warm.values())) == len(PAGES) * (args.rounds - 1) and not s.errors
        for s in found
    )
    return 0 if complete else 1


if __name__ == "__main__":
    raise SystemExit(main())
