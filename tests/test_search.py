"""Finding a municipality as people type it: old spellings, either case, by region or by code."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.analysis import onboarding
from planner.plan import loader
from planner.presentation import i18n, tables

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def rows() -> list[onboarding.Row]:
    plan = loader.load(str(DATA))
    prog = next(p for p in plan.programmes if p.onboarding)
    assert prog.onboarding is not None
    return onboarding.rows(prog.onboarding, plan.reference, plan.status_date)


def _names(rows: list[onboarding.Row], query: str) -> list[str]:
    return [str(r[i18n.t("w.municipality", "da")]) for r in tables.municipalities(rows, "da", query)]


@pytest.mark.parametrize(
    ("query", "found"),
    [("Århus", ["Aarhus"]), ("aarhus", ["Aarhus"]), ("ålborg", ["Aalborg"]), ("Åbenrå", ["Aabenraa"]),
     ("751", ["Aarhus"]), ("KØGE", ["Køge"]), ("koege", ["Køge"])],
)  # fmt: skip
def test_a_municipality_is_found_by_any_common_spelling_or_its_code(rows, query: str, found: list[str]) -> None:
    assert _names(rows, query) == found


@pytest.mark.parametrize(("query", "count"), [("Hovedstaden", 29), ("Region Sjælland", 17), ("sjaelland", 17)])
def test_a_region_finds_all_its_municipalities(rows, query: str, count: int) -> None:
    assert len(_names(rows, query)) == count


def test_an_empty_search_shows_all_98_and_nonsense_none(rows) -> None:
    assert len(_names(rows, "")) == 98
    assert _names(rows, "xyzzy") == []
