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


def _load_with(tmp_path: Path, old: str, new: str) -> tuple[loader.Plan, int]:
    data = tmp_path / "data"
    shutil.copytree(VALID, data)
    path = data / "programmes" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if old in row)
    return loader.load(str(data)), line


@pytest.mark.parametrize(("old", "new", "field", "message"), [
    # YAML 1.1 reads 12:30 as the number 750 (base 60); a plan reads it as the text written
    ('name: "Development"', "name: 12:30", None, None),
    ("target: 98", "target: 1:00", "targets[0].target", "expected a whole number, got '1:00'"),
    ("users: 12", "users: 12:30", "observations[0].values.users", "expected a whole number, got '12:30'"),
    # a number in a text field is quoted as written, not as Python reads it
    ('name: "Development"', "name: 1.50", "scenarios[0].waves[0].phases[0].name", "expected text, got 1.50;"),
    ('name: "Development"', "name: 1e3", "scenarios[0].waves[0].phases[0].name", "expected text, got 1e3;"),
    # counts are whole numbers, and not below zero
    ("users: 12", "users: 12.5", "observations[0].values.users", "expected a whole number (a count), got 12.5"),
    ("target: 98", "target: 97.5", "targets[0].target", "expected a whole number (a count), got 97.5"),
    ("users: 12", "users: -3", "observations[0].values.users", "-3 is out of range; it must be at least 0"),
])  # fmt: skip
def test_a_value_is_read_and_quoted_as_written(
    tmp_path: Path, old: str, new: str, field: str | None, message: str | None
) -> None:
    plan, line = _load_with(tmp_path, old, new)
    shown = [problems.format(p) for p in plan.problems]
    if field is None:
        assert not shown and plan.programmes[0].scenarios[0].waves[0].phases[0].name == "12:30"
        return
    found = [p for p in plan.problems if p.field == field]
    assert len(found) == 1 and found[0].line == line, shown
    assert message is not None and message in found[0].message
    assert "750" not in found[0].message and "1000" not in found[0].message


@pytest.mark.parametrize(("written", "value"), [("010", 10), ("12.0", 12), ("+7", 7)])
def test_whole_numbers_are_read_as_decimal_counts(tmp_path: Path, written: str, value: int) -> None:
    plan, _ = _load_with(tmp_path, "users: 12", f"users: {written}")
    assert not plan.problems, [problems.format(p) for p in plan.problems]
    (observed,) = [o.values["users"] for o in plan.programmes[0].observations][:1]
    assert observed == value and isinstance(observed, int)
