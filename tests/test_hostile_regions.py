"""Regions: one canonical name each, a region twice is an error, a breakdown above its total is a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.analysis import progress
from planner.plan import loader, problems
from planner.plan.problems import Code, Severity

VALID = Path(__file__).resolve().parent / "data" / "valid_minimal"
ROOT = Path(__file__).resolve().parent.parent
COVERS = (Code.BREAKDOWN_EXCEEDS_TOTAL,)  # the problem codes these tests show (test_loader counts them)
BREAKDOWN = "    breakdown:\n      Nordjylland:\n        users: 3\n"


@pytest.fixture
def data(minimal_data: Path) -> Path:
    return minimal_data


def with_breakdown(data: Path, breakdown: str) -> loader.Plan:
    path = data / "programmes" / "alpha.yaml"
    text = path.read_text(encoding="utf-8")
    assert BREAKDOWN in text
    path.write_text(text.replace(BREAKDOWN, breakdown, 1), encoding="utf-8")
    return loader.load(str(data))


def test_an_alias_is_accepted_and_shown_by_its_canonical_name(data: Path) -> None:
    plan = with_breakdown(
        data, "    breakdown:\n      Region Nordjylland:\n        users: 3\n      hovedstaden:\n        users: 4\n"
    )
    assert not plan.problems, [problems.format(p) for p in plan.problems]
    prog = plan.programme("alpha")
    assert prog is not None
    latest = progress.latest_breakdown(prog, plan.status_date)
    assert latest is not None and list(latest.breakdown) == ["Nordjylland", "Hovedstaden"]


def test_the_same_region_twice_is_an_error_located_at_the_second(data: Path) -> None:
    plan = with_breakdown(
        data, "    breakdown:\n      Nordjylland:\n        users: 3\n      Region Nordjylland:\n        users: 4\n"
    )
    (found,) = plan.problems
    assert found.code is Code.DUPLICATE_ID and found.field == "observations[0].breakdown.Region Nordjylland"
    assert "is Nordjylland, already given as 'Nordjylland'; give each region once" in found.message
    assert plan.programme("alpha") is None  # the rest of the dashboard stands without it
    assert plan.programme("beta") is not None


def test_a_breakdown_above_its_total_is_a_warning(data: Path) -> None:
    plan = with_breakdown(
        data, "    breakdown:\n      Nordjylland:\n        users: 10\n      Hovedstaden:\n        users: 5\n"
    )
    (found,) = plan.problems
    assert found.code is Code.BREAKDOWN_EXCEEDS_TOTAL and found.severity is Severity.WARNING
    assert found.message == "the regions add up to 15 users, more than the total 12; check the figures"
    assert plan.programme("alpha") is not None


def test_a_breakdown_above_its_total_reads_in_danish(data: Path) -> None:
    from planner.presentation import problem_text

    plan = with_breakdown(
        data, "    breakdown:\n      Nordjylland:\n        users: 10\n      Hovedstaden:\n        users: 5\n"
    )
    (found,) = plan.problems
    assert problem_text.line(found, "en") == problems.format(found)
    assert problem_text.line(found, "da").endswith(
        "advarsel: regionerne giver tilsammen 15 users, mere end totalen 12; tjek tallene [breakdown-exceeds-total]"
    )
