"""A new observation from the form: the national figure stands, regions apart, checked, integers."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from planner import editing
from planner.analysis import progress
from planner.editing import Finding
from planner.plan import loader

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
KL = "programmes/kontaktlaege.yaml"
WHEN = dt.date(2022, 11, 30)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(REPO_DATA, tmp_path / "data", ignore=shutil.ignore_patterns("changelog.jsonl"))
    return tmp_path / "data"


def kl(data_dir: Path):
    plan = loader.load(str(data_dir))
    prog = plan.programme("kontaktlaege")
    assert prog is not None
    return plan, prog


def draft(
    data_dir: Path, totals: dict[str, object], regions: list[tuple[str, dict[str, object]]]
) -> editing.ObservationDraft:
    plan, prog = kl(data_dir)
    return editing.draft(
        when=WHEN,
        totals=totals,
        regions=regions,
        region_name=plan.reference.region,
        previous=[(o.date.first, o.values) for o in prog.observations],
    )


def findings(d: editing.ObservationDraft) -> list[tuple[Finding, str, str]]:
    return [(i.finding, i.metric, i.region) for i in d.issues]


def test_a_region_without_the_national_figure_is_refused_and_never_stands_in_for_it(data: Path) -> None:
    d = draft(data, {}, [("Hovedstaden", {"gp_practices": 30})])
    assert d.item is None and findings(d) == [(Finding.TOTAL_MISSING, "gp_practices", "")]


def test_a_partial_breakdown_never_changes_the_national_figure_on_the_targets_page(data: Path) -> None:
    d = draft(data, {"gp_practices": 230.0}, [("Hovedstaden", {"gp_practices": 30.0})])
    assert d.item == {
        "date": "2022-11-30",
        "values": {"gp_practices": 230},
        "breakdown": {"Hovedstaden": {"gp_practices": 30}},
    }
    seen = editing.read(data, KL)
    editing.save_changes(data, seen, [editing.Append(KL, ("observations",), d.item, key=("date",))], "Anna")
    text = (data / KL).read_text(encoding="utf-8")
    assert "gp_practices: 230\n" in text and "230.0" not in text and "30.0" not in text
    _, prog = kl(data)
    gp = next(t for t in progress.progress(prog, WHEN) if t.target.metric == "gp_practices")
    assert gp.value == 230
    # the other metrics keep their last national figures; the region chart keeps every region
    mun = next(t for t in progress.progress(prog, WHEN) if t.target.metric == "municipalities")
    assert mun.value == 37
    latest = progress.latest_breakdown(prog, WHEN)
    assert latest is not None and len(latest.breakdown) == 5


def test_a_region_named_twice_is_refused(data: Path) -> None:
    d = draft(
        data,
        {"gp_practices": 300},
        [("Hovedstaden", {"gp_practices": 30}), ("Region Hovedstaden", {"gp_practices": 31})],
    )
    assert findings(d) == [(Finding.REGION_TWICE, "", "Hovedstaden")] and d.item is None


def test_a_breakdown_larger_than_the_total_is_refused(data: Path) -> None:
    d = draft(data, {"gp_practices": 250}, [("Hovedstaden", {"gp_practices": 200}), ("Sjælland", {"gp_practices": 60})])
    assert findings(d) == [(Finding.BREAKDOWN_TOO_LARGE, "gp_practices", "")]
    assert d.region_sums == {"gp_practices": 260.0}


def test_a_falling_cumulative_count_is_a_warning_not_an_error(data: Path) -> None:
    d = draft(data, {"gp_practices": 200}, [])
    assert findings(d) == [(Finding.FELL, "gp_practices", "")]
    assert d.warnings[0].other == 214 and d.warnings[0].other_date == dt.date(2022, 10, 31)
    assert d.item is not None


@pytest.mark.parametrize(
    ("totals", "finding"),
    [
        ({}, Finding.NO_VALUES),
        ({"gp_practices": -1}, Finding.NEGATIVE),
        ({"gp_practices": "inf"}, Finding.NOT_A_NUMBER),
        ({"gp_practices": "mange"}, Finding.NOT_A_NUMBER),
    ],
)
def test_empty_negative_and_non_numbers_are_refused(data: Path, totals: dict[str, object], finding: Finding) -> None:
    d = draft(data, totals, [])
    assert [i.finding for i in d.errors] == [finding]


def test_a_date_that_already_has_an_observation_is_refused(data: Path) -> None:
    plan, prog = kl(data)
    d = editing.draft(
        when=dt.date(2022, 10, 31),
        totals={"gp_practices": 220},
        regions=[],
        region_name=plan.reference.region,
        previous=[(o.date.first, o.values) for o in prog.observations],
    )
    assert [i.finding for i in d.errors] == [Finding.DATE_TAKEN]


def test_an_unknown_region_is_refused(data: Path) -> None:
    d = draft(data, {"gp_practices": 220}, [("Bornholm", {"gp_practices": 2})])
    assert findings(d) == [(Finding.UNKNOWN_REGION, "", "Bornholm")]
