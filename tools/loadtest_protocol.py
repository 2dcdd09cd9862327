"""Many viewers at once, measured at the server: Streamlit's websocket protocol, no browser.

    python -m tools.loadtest_protocol [--sessions 1 5 20 50] [--data DIR | --scale N] [--rounds 3]
    python -m tools.loadtest_protocol --memory 1000 [--edit-every 10] [--data DIR | --scale N]

Starts ``streamlit run app.py`` on a free port of 127.0.0.1 (loopback only)
and opens N websocket sessions at ``/_stcore/stream``, as N browser tabs
would. Each session first views every meeting page once (a new viewer: its
first views are not counted), then goes through every meeting page in order
``--rounds`` times: it sends ``rerun_script`` for the page, as the browser
does on navigation, and reads the server's messages until
``script_finished``. A session tells the server which large messages it has
already received (``cached_message_hashes``), as a browser does.

Printed per number of sessions: p50 and p95 view time (request sent to
``script_finished`` received), server CPU per view (the server process's own
user and system time over the measured phase, divided by the views), views
per second, bytes received per view, errors (an exception on the page,
"page not found", a timeout or a closed connection) and the server's peak
memory. The server is the only thing that works: the clients are a few
coroutines that parse protobuf.

``--memory N`` instead runs one session through the meeting pages for N
views on a copy of the data, changing a data file every ``--edit-every``
views (a comment line with a counter: a new version of the plan to parse,
check and draw), and prints the server's resident memory after the first
100 views, every 100 views after that, and its growth from the first reading
to the last.

It stops by itself: at most 50 sessions, a time limit per view and for the
whole run, after which the server is stopped. Exit status 0 when every view
finished without error, 1 otherwise. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from tools import serve
from tools.loadtest import PAGES, cpu_seconds, peak_rss_mb, status_mb

MAX_SESSIONS = 50
VIEW_TIMEOUT_S = 120.0
SERVER_START_S = 60


@dataclass
class Session:
    """What one protocol session saw in its measured rounds."""

    times: list[float] = field(default_factory=list)
    received: int = 0  # bytes of the measured views
    errors: list[str] = field(default_factory=list)


class Viewer:
    """One websocket session: a browser tab, as far as the server can tell."""

    def __init__(self, socket: object) -> None:
        self.socket = socket
        self.cached: set[str] = set()
        self.headings: list[str] = []  # the headings of the last view, in order
        self.alerts: list[str] = []  # the notes (st.info, st.warning, ...) of the last view, in order

    async def view(self, path: str, query: str = "") -> tuple[int, list[str]]:
        """Run one page's script (``query``: its link's query string, ``lang=en``); return the bytes received
        and the problems seen."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        msg.rerun_script.page_name = path
        msg.rerun_script.query_string = query
        msg.rerun_script.cached_message_hashes.extend(sorted(self.cached))
        await self.socket.send(msg.SerializeToString())  # type: ignore[attr-defined]
        received, problems = 0, []
        self.headings, self.alerts = [], []
        while True:
            raw = await asyncio.wait_for(self.socket.recv(), VIEW_TIMEOUT_S)  # type: ignore[attr-defined]
            received += len(raw)
            reply = ForwardMsg()
            reply.ParseFromString(raw)
            kind = reply.WhichOneof("type")
            if reply.hash and kind != "ref_hash" and reply.metadata.cacheable:
                self.cached.add(reply.hash)
            if kind == "page_not_found":
                problems.append(f"{path or '/'}: page not found")
            elif kind == "delta" and reply.delta.new_element.WhichOneof("type") == "heading":
                self.headings.append(reply.delta.new_element.heading.body)
            elif kind == "delta" and reply.delta.new_element.WhichOneof("type") == "alert":
                self.alerts.append(reply.delta.new_element.alert.body)
            elif kind == "delta" and reply.delta.new_element.WhichOneof("type") == "exception":
                problems.append(f"{path or '/'}: exception {reply.delta.new_element.exception.message[:120]}")
            elif kind == "script_finished":
                if reply.script_finished not in (
                    ForwardMsg.FINISHED_SUCCESSFULLY,
                    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
                ):
                    problems.append(f"{path or '/'}: script finished with status {reply.script_finished}")
                return received, problems


async def _session(url: str, session: Session, rounds: int, warm: asyncio.Barrier, go: asyncio.Event) -> None:
    from websockets.asyncio.client import connect

    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with connect(ws_url, subprotocols=["streamlit"], origin=url, max_size=None) as socket:  # type: ignore[arg-type,list-item]
        viewer = Viewer(socket)
        try:
            for path, _ in PAGES.values():  # a new viewer: not measured
                await viewer.view(path)
        except Exception as exc:
            session.errors.append(f"warm-up: {type(exc).__name__}: {exc}")
        await warm.wait()
        await go.wait()
        for _ in range(rounds):
            for path, _ in PAGES.values():
                began = time.perf_counter()
                try:
                    received, problems = await viewer.view(path)
                except Exception as exc:  # a timeout or a closed connection: record it, go on
                    session.errors.append(f"{path or '/'}: {type(exc).__name__}: {exc}")
                    continue
                session.times.append(time.perf_counter() - began)
                session.received += received
                session.errors += problems


@dataclass
class Figures:
    sessions: int
    views: int
    p50: float
    p95: float
    cpu_per_view_ms: float | None
    views_per_s: float
    kb_per_view: float
    errors: list[str]
    peak_mb: float | None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


async def _measure(url: str, pid: int, sessions: int, rounds: int) -> Figures:
    found = [Session() for _ in range(sessions)]
    warm, go = asyncio.Barrier(sessions + 1), asyncio.Event()
    tasks = [asyncio.create_task(_session(url, s, rounds, warm, go)) for s in found]
    await warm.wait()  # every session connected and warmed up
    cpu_before, began = cpu_seconds(pid), time.perf_counter()
    go.set()
    await asyncio.gather(*tasks)
    wall, cpu_after = time.perf_counter() - began, cpu_seconds(pid)
    times = [t for s in found for t in s.times]
    views = len(times)
    cpu = None if cpu_before is None or cpu_after is None or not views else (cpu_after - cpu_before) / views * 1000
    return Figures(
        sessions=sessions,
        views=views,
        p50=percentile(times, 0.5) if times else math.nan,
        p95=percentile(times, 0.95) if times else math.nan,
        cpu_per_view_ms=cpu,
        views_per_s=views / wall if wall else math.nan,
        kb_per_view=sum(s.received for s in found) / views / 1024 if views else math.nan,
        errors=[e for s in found for e in s.errors],
        peak_mb=peak_rss_mb(pid),
    )


def resident_mb(pid: int) -> float | None:
    """The process's resident memory now (VmRSS)."""
    return status_mb(pid, "VmRSS")


def _edit(data_dir: Path, n: int) -> None:
    """A new version of the data: portfolio.yaml with its last line a comment that counts."""
    path = data_dir / "portfolio.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    if lines and lines[-1].startswith("# loadtest edit "):
        lines.pop()
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join([*lines, f"# loadtest edit {n}"]) + "\n", encoding="utf-8")
    os.replace(tmp, path)


async def _memory(url: str, pid: int, data_dir: Path, views: int, edit_every: int) -> list[tuple[int, float]]:
    from websockets.asyncio.client import connect

    readings: list[tuple[int, float]] = []
    pages = [path for path, _ in PAGES.values()]
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with connect(ws_url, subprotocols=["streamlit"], origin=url, max_size=None) as socket:  # type: ignore[arg-type,list-item]
        viewer = Viewer(socket)
        for i in range(1, views + 1):
            if edit_every and i % edit_every == 0:
                _edit(data_dir, i)
            _, problems = await viewer.view(pages[i % len(pages)])
            if problems:
                raise RuntimeError(problems[0])
            if i % 100 == 0 and (rss := resident_mb(pid)) is not None:
                readings.append((i, rss))
    return readings


def memory(data_dir: str, views: int, edit_every: int, time_limit: float) -> int:
    with tempfile.TemporaryDirectory(prefix="planner-memory-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy, ignore=shutil.ignore_patterns(".git", "changelog.jsonl"))
        with serve.streamlit(str(copy), timeout=SERVER_START_S) as (url, proc):
            began = time.perf_counter()
            readings = asyncio.run(asyncio.wait_for(_memory(url, proc.pid, copy, views, edit_every), time_limit))
            wall = time.perf_counter() - began
    print(f"{views} views, the data changed every {edit_every} views, {wall:.0f} s")
    print(f"{'views':>7}{'resident MB':>13}")
    for i, rss in readings:
        print(f"{i:>7}{rss:>13.0f}")
    if len(readings) >= 2:
        first, last = readings[0][1], readings[-1][1]
        print(f"growth from view {readings[0][0]} to {readings[-1][0]}: {(last - first) / first:+.1%}")
    return 0


def table(rows: list[Figures]) -> str:
    head = f"{'sessions':>9}{'views':>7}{'p50 (s)':>9}{'p95 (s)':>9}{'CPU/view (ms)':>15}{'views/s':>9}"
    head += f"{'kB/view':>9}{'errors':>8}{'peak MB':>9}"
    lines = [head]
    for r in rows:
        cpu = f"{r.cpu_per_view_ms:.0f}" if r.cpu_per_view_ms is not None else "-"
        peak = f"{r.peak_mb:.0f}" if r.peak_mb is not None else "-"
        lines.append(
            f"{r.sessions:>9}{r.views:>7}{r.p50:>9.2f}{r.p95:>9.2f}{cpu:>15}{r.views_per_s:>9.1f}"
            f"{r.kb_per_view:>9.0f}{len(r.errors):>8}{peak:>9}"
        )
    for r in rows:
        for e in r.errors[:5]:
            lines.append(f"  {r.sessions} sessions: {e}")
    return "\n".join(lines)


def run(data_dir: str, counts: list[int], rounds: int, time_limit: float) -> list[Figures]:
    """One server for all counts (as in production: it stays up); the counts in turn."""
    rows: list[Figures] = []
    with serve.streamlit(data_dir, timeout=SERVER_START_S) as (url, proc):
        deadline = time.monotonic() + time_limit
        for n in counts:
            left = deadline - time.monotonic()
            if left <= 0:
                print(f"stopped before {n} sessions: the time limit of {time_limit:.0f} s is spent", file=sys.stderr)
                break
            try:
                rows.append(asyncio.run(asyncio.wait_for(_measure(url, proc.pid, n, rounds), left)))
            except TimeoutError:
                print(f"stopped during {n} sessions: the time limit of {time_limit:.0f} s is spent", file=sys.stderr)
                break
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1, 5, 20, 50], help=f"1..{MAX_SESSIONS}")
    parser.add_argument("--data", help="data folder (default: $PLANNER_DATA or data/)")
    parser.add_argument("--scale", type=int, default=0, help="the generated national portfolio x N instead")
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds of every meeting page per session")
    parser.add_argument("--time-limit", type=float, default=600, help="seconds for the whole run")
    parser.add_argument("--memory", type=int, default=0, help="measure memory over this many views with edits")
    parser.add_argument("--edit-every", type=int, default=10, help="with --memory: views between data edits")
    args = parser.parse_args(argv)
    if not all(1 <= n <= MAX_SESSIONS for n in args.sessions):
        parser.error(f"--sessions must be 1..{MAX_SESSIONS}")
    sys.path.insert(0, str(serve.ROOT))
    from planner.plan import loader
    from tools import synthetic

    with tempfile.TemporaryDirectory(prefix="planner-loadtest-") as tmp:
        data_dir = str(Path(loader.data_dir(args.data)).resolve())
        if args.scale:
            synthetic.generate(Path(tmp), args.scale)
            data_dir = tmp
        if args.memory:
            return memory(data_dir, args.memory, args.edit_every, args.time_limit)
        rows = run(data_dir, args.sessions, args.rounds, args.time_limit)
    label = f"national portfolio x {args.scale}" if args.scale else data_dir
    print(f"data: {label}; {len(PAGES)} meeting pages x {args.rounds} rounds per session; {os.cpu_count()} cores")
    print(table(rows))
    if rows:
        print(f"mean view time over all: {statistics.mean([r.p50 for r in rows]):.2f} s (mean of the p50s)")
    ok = len(rows) == len(args.sessions) and not any(r.errors for r in rows)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
