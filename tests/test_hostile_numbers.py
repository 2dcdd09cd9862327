"""Numbers that are not numbers: .nan, .inf and 1e400 are refused where they are written, and never exported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from planner.plan import loader, problems
from planner.plan.problems import Code
from planner.presentation import export

VALID = Path(__file__).resolve().parent / "data" / "valid_minimal"


@pytest.mark.parametrize("written", [".nan", ".inf", "-.inf", ".NaN", "1e400", "1.0e+400"])
@pytest.mark.parametrize(("old", "field"), [
    ("percent_complete: 50", "scenarios[0].waves[0].phases[0].percent_complete"),
    ("target: 98", "targets[0].target"),
    ("users: 12", "observations[0].values.users"),
])  # fmt: skip
def test_a_non_finite_number_is_refused_where_it_is_written(tmp_path: Path, written: str, old: str, field: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    path = data / "programmes" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    key = old.split(":")[0]
    path.write_text(text.replace(old, f"{key}: {written}", 1), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if old in row)
    plan = loader.load(str(data))
    found = [p for p in plan.problems if p.field == field]
    assert len(found) == 1, [problems.format(p) for p in plan.problems]
    assert found[0].code is Code.OUT_OF_RANGE and found[0].line == line
    assert "is not a number a plan can count with; write a finite number such as 42" in found[0].message
    json.loads(export.to_json(plan), parse_constant=lambda c: pytest.fail(f"the export wrote {c}"))
