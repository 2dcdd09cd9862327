"""Time every page's script run with Streamlit's AppTest (warm), as JSON.

    python tools/bench_pages.py DATA_DIR [--runs 5] [--pages overview,programme]

Called by ``python -m planner bench`` in a subprocess, because the planner
package never imports streamlit. For each page: one warm-up run (which also
fills the caches), then ``--runs`` timed runs of the whole script (app.py and
the page, as a browser rerun would), and the median; the warm-up run's time is reported as ``first_ms`` (the first view after
a data change, nothing derived cached yet). Prints one JSON object:
``{"pages": {"overview": {"median_ms": ..., "first_ms": ..., "runs_ms": [...]}, ...}, "maxrss_kb": ...}``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "overview": "views/overview.py",
    "programme": "views/programme.py",
    "vendors": "views/vendors.py",
    "municipalities": "views/municipalities.py",
    "targets": "views/targets.py",
}
DEFAULT_PAGE = PAGES["overview"]  # what app.py opens with
TIMEOUT_S = 600


def load_plan() -> float:
    """Load the plan into the app's cache, as the first visitor would (ms); the pages' "first" runs find it there."""
    from ui import data

    start = time.perf_counter()
    data.on_disk(data.version())
    return (time.perf_counter() - start) * 1000


def time_page(page: str, runs: int) -> tuple[float, list[float]]:
    """Milliseconds of the first run of ``page`` (the warm-up) and of each timed run after it."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT_S)
    start = time.perf_counter()
    at.run()  # the default page
    if page != DEFAULT_PAGE:
        start = time.perf_counter()
        at.switch_page(page).run()  # the warm-up: fills the caches
    first = (time.perf_counter() - start) * 1000
    _check(at, page)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append((time.perf_counter() - start) * 1000)
        _check(at, page)
    return first, times


def _check(at: AppTest, page: str) -> None:
    if at.exception:
        raise SystemExit(f"{page}: {[e.message for e in at.exception]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated: " + ", ".join(PAGES))
    args = parser.parse_args(argv)
    os.environ["PLANNER_DATA"] = str(Path(args.data_dir).resolve())
    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    load_ms = load_plan()
    result: dict[str, dict[str, object]] = {}
    for name in args.pages.split(","):
        first, runs = time_page(PAGES[name], args.runs)
        result[name] = {
            "median_ms": round(statistics.median(runs), 1),
            "first_ms": round(first, 1),
            "runs_ms": [round(r, 1) for r in runs],
        }
    print(
        json.dumps(
            {
                "load_ms": round(load_ms, 1),
                "pages": result,
                "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
