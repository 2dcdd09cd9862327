"""Two independent writer processes edit one file 200 times at random: nothing accepted is lost.

Each writer reads the file (the version its 'form' shows), sometimes waits so
the other saves in between, then saves a random change to one of a few
values. Accepted saves must all be on disk (or overwritten by a later
accepted save of the same value) and in the change log; refused ones must
have been told so; the file must validate after every step.
"""

from __future__ import annotations

import itertools
import json
import multiprocessing
import random
import shutil
import time
from pathlib import Path

import pytest

from planner import editing
from planner.plan import loader, yamlsafe
from planner.plan.problems import Severity
from tests.conftest import with_stated_readiness

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
VENDORS = "vendors.yaml"
STEPS = 100  # per writer: 200 in all
FIELDS = [(v, f) for v in range(4) for f in ("note", "state")]
STATES = ["ready", "on-track", "at-risk", "late"]


def writer(data_dir: str, who: str, seed: int, out: str) -> None:
    rng = random.Random(seed)
    results = []
    for step in range(STEPS):
        seen = editing.read(data_dir, VENDORS)
        if rng.random() < 0.5:
            time.sleep(rng.random() * 0.03)  # the other writer may save meanwhile
        vendor, field = rng.choice(FIELDS)
        value = f"{who} {step}" if field == "note" else rng.choice(STATES)
        path = ("vendors", vendor, "readiness", 0)
        try:
            result = editing.save_changes(data_dir, seen, editing.edits(seen, path, {field: value}), who)
            outcome = result.outcome.value if result.changed else "unchanged"
            version = result.sha256
        except editing.ConflictError:
            outcome, version = "refused", ""
        problems = [p for p in loader.load(data_dir).problems]
        results.append(
            {
                "step": step,
                "vendor": vendor,
                "field": field,
                "value": value,
                "outcome": outcome,
                "version": version,
                "valid": not any(p.severity is Severity.ERROR for p in problems),  # warnings: late vendors
                "time": time.monotonic(),
            }
        )
    Path(out).write_text(json.dumps(results), encoding="utf-8")


@pytest.mark.slow
def test_two_processes_editing_one_file_lose_nothing(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(REPO_DATA, data, ignore=shutil.ignore_patterns("changelog.jsonl"))
    with_stated_readiness(data)
    ctx = multiprocessing.get_context("spawn")
    outs = [tmp_path / f"w{i}.json" for i in range(2)]
    procs = [ctx.Process(target=writer, args=(str(data), f"w{i}", i, str(outs[i]))) for i in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=600)
        assert p.exitcode == 0
    results = [r | {"who": f"w{i}"} for i, out in enumerate(outs) for r in json.loads(out.read_text())]
    assert len(results) == 2 * STEPS and all(r["valid"] for r in results)
    outcomes = {r["outcome"] for r in results}
    assert "refused" in outcomes and "merged" in outcomes  # the race really happened
    log = list(reversed(editing.changelog(data)))
    saved = [e for e in log if e["outcome"] in ("saved", "merged")]
    accepted = [r for r in results if r["outcome"] in ("saved", "merged")]
    # every accepted change is in the log, exactly once, with the version it wrote
    assert sorted((e["who"], e["to"]) for e in saved) == sorted((r["who"], r["version"]) for r in accepted)
    # every refused one is logged as a conflict
    assert sum(e["outcome"] == "conflict" for e in log) == sum(r["outcome"] == "refused" for r in results)
    # the log's versions form one chain: each save starts where the previous one ended
    assert all(a["to"] == b["from"] for a, b in itertools.pairwise(saved) if a["to"] != b["to"])
    # the last accepted value of every field is what is on disk
    final = yamlsafe.parse((data / VENDORS).read_bytes()).data["vendors"]
    for vendor, field in FIELDS:
        last = [e for e in saved if e["path"] == f"vendors[{vendor}].readiness[0].{field}"]
        if last:
            assert final[vendor]["readiness"][0][field] == last[-1]["new"]
