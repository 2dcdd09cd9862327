"""The overview's key figures hold for the portfolio: a municipality onboarding in two programmes counts once."""

from __future__ import annotations

from pathlib import Path

from planner.analysis import figures
from planner.plan import loader

DATA = Path(__file__).resolve().parent.parent / "data"


def _with_second_onboarding(plan: loader.Plan, estimate: bool) -> loader.Plan:
    """The plan with FK-ORG/SOR's onboarding copied to FUT Telma, its waves and states stated or estimated."""
    source = plan.programme("fk-org-sor")
    assert source is not None and source.onboarding is not None
    waves = [w.model_copy(update={"estimate": estimate}) for w in source.onboarding.waves]
    status = [s.model_copy(update={"estimate": estimate, "estimated": []}) for s in source.onboarding.status]
    copied = source.onboarding.model_copy(update={"waves": waves, "status": status})
    programmes = tuple(
        p.model_copy(update={"onboarding": copied}) if p.id == "fut-telma" else p for p in plan.programmes
    )
    return loader.Plan(**{**plan.__dict__, "programmes": programmes})


def test_the_shipped_portfolio_reach_is_the_one_programme_that_onboards() -> None:
    plan = loader.load(str(DATA))
    kpi = figures.key_figures(plan, plan.status_date, lambda _: plan.vendors)
    assert [(o.programme.id, o.count) for o in kpi.onboarded] == [("fk-org-sor", 4)]
    assert kpi.anywhere == figures.Reach(count=4, total=98, estimated=True)


def test_a_municipality_in_two_programmes_counts_once_and_a_stated_state_wins_over_an_estimate() -> None:
    plan = loader.load(str(DATA))
    both = _with_second_onboarding(plan, estimate=False)
    kpi = figures.key_figures(both, both.status_date, lambda _: both.vendors)
    assert [o.count for o in kpi.onboarded] == [4, 4]
    assert kpi.anywhere is not None and (kpi.anywhere.count, kpi.anywhere.estimated) == (4, False)


def test_no_programme_onboarding_gives_no_reach() -> None:
    plan = loader.load(str(DATA))
    none = loader.Plan(
        **{**plan.__dict__, "programmes": tuple(p.model_copy(update={"onboarding": None}) for p in plan.programmes)}
    )
    assert figures.key_figures(none, none.status_date, lambda _: none.vendors).anywhere is None
