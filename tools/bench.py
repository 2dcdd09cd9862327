"""``python -m planner bench``: load, pages, figures and the meeting pack, timed by scale.

Scale 0 is the shipped ``data/``; scale N is :mod:`tools.synthetic`'s
national portfolio times N, generated into a temporary folder. Each scale is
measured in a fresh process (so "cold" is a first load and the peak memory is
that scale's own), and the pages in another one that runs Streamlit's AppTest
(``tools/bench_pages.py``; this package never imports streamlit):

    load+validate   cold: the first load in the process; warm: the same folder
                    again; "plain" is PyYAML's CSafeLoader and pydantic over the
                    same files (the floor), measured first in the process
                    again, unchanged files coming from the parsed-file cache
    pages           each page's whole script run (app.py and the page), warm:
                    the median of N runs after one warm-up run; "first" is
                    that warm-up run (plan loaded, nothing derived cached yet)
    figures         the overview Gantt and the onboarding map: build time and
                    the size of their JSON (what a browser receives)
    report          the meeting pack in each format (the deck's charts are its own
                    shapes: no browser) and the three together
    peak memory     the largest resident size of the measuring process
                    (resource.getrusage), and of the page process

Timings belong here only; tests assert no timings.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from planner.plan import folder_layout, loader
from tools import synthetic

ROOT = Path(__file__).resolve().parent.parent
PAGES_SCRIPT = ROOT / "tools" / "bench_pages.py"
PAGES = ("overview", "programme", "vendors", "municipalities", "targets")
DEFAULT_RUNS = 5
PAGES_TIMEOUT_S = 3600
MEASURE_TIMEOUT_S = 3600
T = TypeVar("T")

Result = dict[str, Any]


def _timed(fn: Callable[[], T]) -> tuple[T, float]:
    start = time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - start) * 1000


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def plain_load(data_dir: str) -> list[Any]:
    """The floor for a cold load: PyYAML's C loader and pydantic over the same files, nothing else.

    No located problems, no cross-file checks, no reference data: what any
    loader of these files must at least do. ``load+validate, cold`` is compared with it.
    """
    import yaml

    from planner.plan import model

    def read(path: Path) -> Any:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)  # the C safe loader

    base = Path(data_dir)
    found: list[Any] = [model.Portfolio.model_validate(read(base / "portfolio.yaml"))]
    found += [model.Programme.model_validate(read(path)) for path in sorted((base / "programmes").glob("*.yaml"))]
    found += [model.Vendor.model_validate(v) for v in read(base / "vendors.yaml").get("vendors", [])]
    return found


def _save(data_dir: str) -> tuple[float, float]:
    """One edit saved as the edit page saves it (a programme's summary, on a copy of the folder), and the
    load that follows it (one file changed: the others come from the parsed-file cache)."""
    import shutil

    from planner import editing

    with tempfile.TemporaryDirectory(prefix="planner-bench-save-") as tmp:
        copy = str(Path(tmp) / "data")
        shutil.copytree(data_dir, copy)
        loader.load(copy)
        file = sorted(
            p.relative_to(copy).as_posix() for p in Path(copy).glob(f"{folder_layout.PROGRAMMES_DIR}/*.yaml")
        )[0]
        seen = editing.read(copy, file)
        changes = editing.edits(seen, (), {"summary": "Målt af tools.bench."})
        _, saved = _timed(lambda: editing.save_changes(copy, seen, changes, "bench"))
        _, reloaded = _timed(lambda: loader.load(copy))
    return saved, reloaded


def measure(data_dir: str) -> Result:
    """Load, figures and report for one data folder, in this process (call it in a fresh one)."""
    from planner.analysis import schedule, status
    from planner.presentation import flat_tables, report
    from planner.presentation.charts import gantt, geo

    loader.clear_cache()
    _, plain = _timed(lambda: plain_load(data_dir))
    plan, cold = _timed(lambda: loader.load(data_dir))
    _, warm = _timed(lambda: loader.load(data_dir))
    by_programme: dict[str, list[Any]] = {}
    for vendor in plan.vendors:
        for pid in dict.fromkeys(r.programme for r in vendor.readiness):
            by_programme.setdefault(pid, []).append(vendor)
    statuses = {p.id: status.programme_status(p, by_programme.get(p.id, []), plan.status_date) for p in plan.programmes}
    fig, gantt_ms = _timed(
        lambda: gantt.portfolio_gantt(
            plan.programmes,
            statuses,
            plan.status_date,
            "da",
            window=gantt.default_window(plan.programmes, plan.status_date),
        )
    )
    result: Result = {
        "programmes": len(plan.programmes),
        "vendors": len(plan.vendors),
        "files": len(plan.files),
        "items": len(flat_tables.item_rows(plan)),
        "readiness": sum(len(schedule.fits_for(p, by_programme.get(p.id, []))) for p in plan.programmes),
        "errors": sum(1 for p in plan.problems if p.severity == "error"),
        "load_plain_ms": plain,
        "load_cold_ms": cold,
        "load_warm_ms": warm,
        "gantt_ms": gantt_ms,
        "gantt_kb": len(fig.to_json()) / 1024,
    }
    boundaries = plan.reference.boundaries() if plan.reference.boundaries_path else None
    onboarding = next((p for p in plan.programmes if p.onboarding), None)
    if onboarding is not None and boundaries is not None:
        fig, result["map_ms"] = _timed(
            lambda: geo.onboarding_map(plan, onboarding, "wave", "da", boundaries=boundaries)
        )
        result["map_kb"] = len(fig.to_json()) / 1024
    html, result["html_ms"] = _timed(lambda: report.build(plan, "html", "da", boundaries=boundaries))
    result["html_kb"] = len(html) / 1024
    deck, result["pptx_ms"] = _timed(lambda: report.build(plan, "pptx", "da", boundaries=boundaries))
    result["pptx_kb"] = len(deck) / 1024
    _, result["xlsx_ms"] = _timed(lambda: report.build(plan, "xlsx", "da"))
    result["pack_ms"] = result["html_ms"] + result["pptx_ms"] + result["xlsx_ms"]
    result["save_ms"], result["load_after_save_ms"] = _save(data_dir)
    result["peak_mb"] = _maxrss_mb()
    return result


def _json_from(out: str) -> Result:
    """The last line of a child's output that is a JSON object."""
    for line in reversed(out.splitlines()):
        if line.startswith("{"):
            parsed: Result = json.loads(line)
            return parsed
    raise ValueError("no JSON in the output")


def _child(args: Sequence[str], timeout: float) -> Result:
    """Run a measuring child process; its JSON result, or ``{"error": ...}``."""
    try:
        done = subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"error": f"took longer than {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"exit {done.returncode}: {last}"}
    try:
        return _json_from(done.stdout)
    except ValueError as exc:
        return {"error": str(exc)}


def page_times(data_dir: str, runs: int = DEFAULT_RUNS) -> Result:
    """Warm script-run times of every page, from tools/bench_pages.py in a subprocess."""
    if not PAGES_SCRIPT.exists():
        return {"error": f"{PAGES_SCRIPT} not found"}
    return _child([str(PAGES_SCRIPT), data_dir, "--runs", str(runs)], PAGES_TIMEOUT_S)


def bench_scale(
    scale: int,
    runs: int = DEFAULT_RUNS,
    seed: int = synthetic.DEFAULT_SEED,
    log: Callable[[str], None] = lambda _: None,
) -> Result:
    """Every figure for one scale (0 = the shipped data)."""
    with tempfile.TemporaryDirectory(prefix=f"planner-bench-{scale}x-") as tmp:
        data_dir = str(loader.DEFAULT_DATA_DIR)
        if scale:
            data_dir = tmp
            synthetic.generate(Path(tmp), scale, seed)
        log(f"scale {scale}: load, figures, report ...")
        args = ["-m", "tools.bench", "--measure", data_dir]
        row: Result = {"scale": scale, **_child(args, MEASURE_TIMEOUT_S)}
        log(f"scale {scale}: pages ...")
        row["pages"] = page_times(data_dir, runs)
    return row


# ------------------------------------------------------------------ the table


def _ms(value: Any) -> str:
    if not isinstance(value, (int, float)):
        return "–"
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def _count(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else "–"


def _size(kb: Any) -> str:
    if not isinstance(kb, (int, float)):
        return "–"
    return f"{kb / 1024:,.1f} MB" if kb >= 1024 else f"{kb:,.0f} kB"


def _page(row: Result, page: str, key: str) -> Any:
    return (row.get("pages", {}).get("pages", {}).get(page) or {}).get(key)


def _ratio(value: Any, base: Any) -> str:
    return f"{value / base:.2f}x" if value and base else "-"


GROWN = (  # the steps whose growth from one scale to the next is shown: (label, how to read it from a row)
    ("load+validate, cold", lambda r: r.get("load_cold_ms")),
    *((f"page {page}, warm", lambda r, page=page: _page(r, page, "median_ms")) for page in PAGES),
    ("report HTML", lambda r: r.get("html_ms")),
    ("report PPTX", lambda r: r.get("pptx_ms")),
    ("report XLSX", lambda r: r.get("xlsx_ms")),
    ("save one edit", lambda r: r.get("save_ms")),
)


def _growth(rows: Sequence[Result]) -> list[tuple[str, list[str]]]:
    """Each step's time against the scale before (the generated scales only): linear growth is the scale's ratio."""

    def step(i: int, read: Callable[[Result], Any]) -> str:
        if i == 0 or not rows[i - 1]["scale"]:
            return "-"
        return _ratio(read(rows[i]), read(rows[i - 1]))

    scale = [("-" if i == 0 or not rows[i - 1]["scale"] else f"{r['scale'] / rows[i - 1]['scale']:.2f}x")
             for i, r in enumerate(rows)]  # fmt: skip
    return [("growth from the scale before: the scale", scale)] + [
        (f"  {name}", [step(i, read) for i in range(len(rows))]) for name, read in GROWN
    ]


def table(rows: Sequence[Result]) -> str:
    """The results as an aligned plain-text table: one column per scale."""
    heads = ["data/" if r["scale"] == 0 else f"{r['scale']}x" for r in rows]
    lines: list[tuple[str, list[str]]] = [
        ("programmes", [_count(r.get("programmes")) for r in rows]),
        ("vendors", [_count(r.get("vendors")) for r in rows]),
        ("vendor readiness statements", [_count(r.get("readiness")) for r in rows]),
        ("items (phases and milestones)", [_count(r.get("items")) for r in rows]),
        ("data errors", [_count(r.get("errors")) for r in rows]),
        ("plain CSafeLoader + pydantic, cold (ms)", [_ms(r.get("load_plain_ms")) for r in rows]),
        ("load+validate, cold (ms)", [_ms(r.get("load_cold_ms")) for r in rows]),
        ("  cold load / plain", [_ratio(r.get("load_cold_ms"), r.get("load_plain_ms")) for r in rows]),
        ("load+validate, warm (ms)", [_ms(r.get("load_warm_ms")) for r in rows]),
    ]
    lines += [(f"page {page}, warm (ms)", [_ms(_page(r, page, "median_ms")) for r in rows]) for page in PAGES]
    lines += [(f"page {page}, first view (ms)", [_ms(_page(r, page, "first_ms")) for r in rows]) for page in PAGES]
    lines += [
        ("overview Gantt build (ms)", [_ms(r.get("gantt_ms")) for r in rows]),
        ("overview Gantt JSON", [_size(r.get("gantt_kb")) for r in rows]),
        ("onboarding map build (ms)", [_ms(r.get("map_ms")) for r in rows]),
        ("onboarding map JSON", [_size(r.get("map_kb")) for r in rows]),
        ("report HTML (ms)", [_ms(r.get("html_ms")) for r in rows]),
        ("report HTML size", [_size(r.get("html_kb")) for r in rows]),
        ("report PPTX (ms)", [_ms(r.get("pptx_ms")) for r in rows]),
        ("report XLSX (ms)", [_ms(r.get("xlsx_ms")) for r in rows]),
        ("pack, all three formats (ms)", [_ms(r.get("pack_ms")) for r in rows]),
        ("save one edit (ms)", [_ms(r.get("save_ms")) for r in rows]),
        ("load after the save (ms)", [_ms(r.get("load_after_save_ms")) for r in rows]),
        ("peak memory, load+figures+report (MB)", [_ms(r.get("peak_mb")) for r in rows]),
        (
            "peak memory, page process (MB)",
            [_ms((r.get("pages", {}).get("maxrss_kb") or 0) / 1024 or None) for r in rows],
        ),
    ]
    lines += _growth(rows)
    width = max(len(name) for name, _ in lines)
    cols = [max(len(h), *(len(values[i]) for _, values in lines)) for i, h in enumerate(heads)]
    out = [" " * width + "".join(f"  {h:>{w}}" for h, w in zip(heads, cols, strict=True))]
    out += [
        f"{name:<{width}}" + "".join(f"  {v:>{w}}" for v, w in zip(values, cols, strict=True)) for name, values in lines
    ]
    for head, r in zip(heads, rows, strict=True):
        if "error" in r:
            out.append(f"{head}: load, figures and report not measured: {r['error']}")
        if "error" in r.get("pages", {}):
            out.append(f"{head}: pages not measured: {r['pages']['error']}")
    return "\n".join(out)


def run(
    scales: Sequence[int],
    runs: int = DEFAULT_RUNS,
    seed: int = synthetic.DEFAULT_SEED,
    log: Callable[[str], None] = lambda _: None,
) -> list[Result]:
    """Measure every scale in turn."""
    return [bench_scale(scale, runs, seed, log) for scale in scales]


def parse_scales(text: str) -> list[int]:
    """'0,1,3,10' -> [0, 1, 3, 10]; each a whole number from 0 to 100."""
    scales = []
    for part in text.split(","):
        if not part.strip().isdigit() or int(part) > 100:
            raise ValueError(
                f"'{part.strip()}' is not a scale; write whole numbers 0..100 separated by commas, e.g. 0,1,3"
            )
        scales.append(int(part))
    return scales


def to_json(rows: Sequence[Result]) -> str:
    return json.dumps(list(rows), indent=2) + "\n"


def main(argv: Sequence[str]) -> int:
    """``python -m tools.bench [--scales 0,1,3,10] [--runs 5] [--out FILE]`` (or ``--measure DATA_DIR``, internal)."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench", description="time loading, pages, figures and the meeting pack at national scale"
    )
    parser.add_argument(
        "--scales", default="0,1,3,10", help="0 = the shipped data, N = the generated national portfolio x N"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per page (the median is shown)")
    parser.add_argument("--out", help="also write the results here (JSON if the name ends in .json, else the table)")
    parser.add_argument("--measure", metavar="DATA_DIR", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    try:
        scales = parse_scales(args.scales)
    except ValueError as exc:
        print(f"error: --scales: {exc}", file=sys.stderr)
        return 2
    rows = run(scales, args.runs, log=lambda line: print(line, file=sys.stderr, flush=True))
    text = table(rows)
    print(text)
    if args.out:
        Path(args.out).write_text(to_json(rows) if args.out.endswith(".json") else text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
