"""The wave planner: properties over random plans, the shipped FK-ORG/SOR plan, the YAML it writes."""

from __future__ import annotations

import datetime as dt
import itertools
import math
import shutil
import unicodedata
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from planner.analysis import apportion, wave_dates, waveplan
from planner.plan import loader, model, problems, reference
from planner.plan.reference import Municipality
from planner.presentation import i18n, waveplan_yaml

REF = reference.load(loader.DEFAULT_DATA_DIR / "reference")
ALL = REF.municipalities
TOTAL = len(ALL)
D = dt.date


def onboarding(*waves: dict[str, Any], **more: Any) -> model.Onboarding:
    return model.Onboarding.model_validate({"waves": list(waves), **more})


# ------------------------------------------------------------- random plans


@st.composite
def plans(draw: st.DrawFn) -> tuple[model.Onboarding, int | None]:
    n_waves = draw(st.integers(1, 6))
    named = draw(st.lists(st.sampled_from(ALL), unique=True, max_size=20))
    homes = [draw(st.integers(0, n_waves - 1)) for _ in named]
    waves = []
    for i in range(n_waves):
        wave: dict[str, Any] = {
            "id": f"w{i}",
            "name": f"Bølge {i}",
            "members": [m.name for m, h in zip(named, homes, strict=True) if h == i],
        }
        if draw(st.booleans()) or (not wave["members"] and draw(st.integers(0, 9))):  # else open: no size
            low = draw(st.integers(0, 40))
            wave["size"] = [low, draw(st.integers(low, low + 15))]
        waves.append(wave)
    duration = draw(st.sampled_from([None, 1, 2.5, 3, 6]))
    capacity = draw(st.one_of(st.none(), st.integers(1, 70)))
    return onboarding(*waves, duration_months=duration), capacity


def impossible(onb: model.Onboarding, cap: int | None) -> bool:
    """When the planner must refuse: named members over a wave's size, a wave over the capacity."""
    highs = []
    for w in onb.waves:
        named = len(w.members)
        if w.size:
            low, high = w.size
            if named > high:
                return True
            low = max(low, named)
        elif named:
            low = high = named
        else:
            low, high = 0, TOTAL  # open
        if cap is not None and low > cap:
            return True
        highs.append(min(high, cap) if cap is not None else high)
    last = onb.waves[-1]
    repeat = last.size[1] if last.size else len(last.members) or TOTAL
    return sum(highs) < TOTAL and min(repeat, cap or repeat) == 0


def _bounds(w: model.OnboardingWave, cap: int | None) -> tuple[int, int]:
    low, high = w.size if w.size else (len(w.members), len(w.members) or TOTAL)
    low = max(low, len(w.members))
    return low, min(high, cap) if cap is not None else high


def _code(m: Municipality) -> int:
    return int(m.code)


@settings(max_examples=150, deadline=None)
@given(plans(), st.dates(D(2020, 1, 1), D(2035, 12, 31)))
def test_every_municipality_once_and_every_rule_kept(plan: tuple[model.Onboarding, int | None], start: dt.date) -> None:
    onb, cap = plan
    event("impossible" if impossible(onb, cap) else "possible")
    if impossible(onb, cap):
        with pytest.raises(waveplan.WavePlanError):
            waveplan.propose(onb, REF, start, capacity=cap)
        return
    proposal = waveplan.propose(onb, REF, start, capacity=cap)
    placed = [m.code for w in proposal.waves for m in w.municipalities]
    assert sorted(placed) == sorted(m.code for m in ALL)  # every one exactly once

    planned = {w.id: w for w in onb.waves}
    for w in proposal.waves:
        if w.id in planned:  # named members kept in their waves, sizes within the plan
            assert {_code_of(n) for n in planned[w.id].members} <= {m.code for m in w.municipalities}
            assert w.size <= _bounds(planned[w.id], cap)[1]
        else:
            assert w.extra and w.planned_size and w.size <= w.planned_size[1]
        assert cap is None or w.size <= cap
    lows = [_bounds(w, cap)[0] for w in onb.waves]
    if sum(lows) <= TOTAL:  # room for every minimum: each planned wave is within its size
        assert all(w.size >= _bounds(planned[w.id], cap)[0] for w in proposal.waves if not w.extra)
        extras = [w for w in proposal.waves if w.extra]
        assert all(w.planned_size and w.size >= w.planned_size[0] for w in extras[:-1])

    _assert_dates(proposal, start, cap)
    _assert_regions_apportioned(proposal)
    _assert_yaml_round_trip(proposal)


def _assert_dates(proposal: waveplan.Proposal, start: dt.date, cap: int | None) -> None:
    waves = proposal.waves
    assert waves[0].start == start
    for before, after in itertools.pairwise(waves):
        assert after.start >= before.start
        if cap is None:
            assert after.start == before.end + dt.timedelta(days=1)
    for w in waves:
        assert w.end == max(w.start, wave_dates.add_months(w.start, proposal.duration_months) - dt.timedelta(days=1))
        if cap is not None:  # the load is highest when a wave starts
            assert proposal.load_on(w.start) <= cap
    if cap is not None:
        assert proposal.peak() <= cap


def _code_of(name: str) -> str:
    """The municipality code of a name the reference knows."""
    found = REF.municipality(name)
    assert found is not None, name
    return found.code


def _assert_regions_apportioned(proposal: waveplan.Proposal) -> None:
    """Replay the pool: each wave's free places per region are the floor or ceiling of the region's share."""
    named = {_code_of(n) for w in proposal.waves for n in w.fixed}
    pool = [m for m in ALL if m.code not in named]
    for w in proposal.waves:
        free = [m for m in w.municipalities if m.name not in w.fixed]
        k, size = len(free), len(pool)
        have, got = Counter(m.region for m in pool), Counter(m.region for m in free)
        for region, n in have.items():
            share = Fraction(k * n, size)
            assert math.floor(share) <= got[region] <= math.ceil(share), (w.id, region, share, got[region])
            lowest = sorted((m for m in pool if m.region == region), key=_code)[: got[region]]
            assert sorted(m.code for m in free if m.region == region) == sorted(m.code for m in lowest)
        taken = {m.code for m in free}
        pool = [m for m in pool if m.code not in taken]
    assert pool == []


def _assert_yaml_round_trip(proposal: waveplan.Proposal) -> None:
    loaded = model.Onboarding.model_validate(yaml.safe_load(waveplan_yaml.to_yaml(proposal, "da")))
    names = [n for w in loaded.waves for n in w.members]
    assert len(names) == TOTAL and {_code_of(n) for n in names} == {m.code for m in ALL}
    assert [w.id for w in loaded.waves] == [w.id for w in proposal.waves]
    assert [(w.start.first, w.end.last) for w in loaded.waves if w.start and w.end] == [
        (w.start, w.end) for w in proposal.waves
    ]
    assert loaded.capacity == proposal.capacity and loaded.duration_months == proposal.duration_months
    assert loaded == proposal.as_onboarding()


# ------------------------------------------------------------- the shipped FK-ORG/SOR plan


@pytest.fixture(scope="module")
def fk_org_sor() -> model.Onboarding:
    plan = loader.load(str(loader.DEFAULT_DATA_DIR))
    prog = plan.programme("fk-org-sor")
    assert prog is not None and prog.onboarding is not None
    return prog.onboarding


def test_shipped_plan_keeps_the_pilots(fk_org_sor: model.Onboarding) -> None:
    proposal = waveplan.propose(fk_org_sor, REF, D(2022, 11, 1))
    pilot = proposal.wave("pilot")
    assert pilot is not None
    assert pilot.members == ("København", "Aalborg", "Faxe", "Næstved")
    assert [(w.id, w.size) for w in proposal.waves] == [
        ("pilot", 4),
        ("wave-1", 10),
        ("wave-2", 28),
        ("wave-3", 28),
        ("wave-4", 28),
    ]
    assert [(w.start, w.end) for w in proposal.waves] == [
        (D(2022, 11, 1), D(2023, 1, 31)),
        (D(2023, 2, 1), D(2023, 4, 30)),
        (D(2023, 5, 1), D(2023, 7, 31)),
        (D(2023, 8, 1), D(2023, 10, 31)),
        (D(2023, 11, 1), D(2024, 1, 31)),
    ]
    assert all(len(w.region_counts()) == 5 for w in proposal.waves[1:])  # every later wave mixes all regions
    assert tuple(waveplan_yaml.notes(proposal, "en")) == ("no capacity given: the waves follow one another",)
    assert proposal.wave_of("aalborg kommune") is pilot
    _assert_yaml_round_trip(proposal)  # the status entries and the note are carried over too
    assert len(proposal.as_onboarding().status) == 4


def test_shipped_plan_with_a_capacity(fk_org_sor: model.Onboarding) -> None:
    proposal = waveplan.propose(fk_org_sor, REF, D(2023, 1, 1), capacity=40)
    # the pilot (4) and the small wave (10) fit together; two waves of 28 never do
    assert [w.start for w in proposal.waves] == [
        D(2023, 1, 1),
        D(2023, 1, 1),
        D(2023, 4, 1),
        D(2023, 7, 1),
        D(2023, 10, 1),
    ]
    assert proposal.peak() == 28
    assert tuple(waveplan_yaml.notes(proposal, "en")) == ()


def test_pasted_proposal_loads_without_problems(fk_org_sor: model.Onboarding, tmp_path: Path) -> None:
    """The YAML, indented under 'onboarding:', makes a programme file the loader accepts."""
    data = tmp_path / "data"
    shutil.copytree(loader.DEFAULT_DATA_DIR, data, ignore=shutil.ignore_patterns("baselines"))
    path = data / "programmes" / "fk-org-sor.yaml"
    text = path.read_text(encoding="utf-8")
    head = text[: text.index("\nonboarding:\n")]
    proposal = waveplan.propose(fk_org_sor, REF, D(2023, 1, 1), capacity=40)
    path.write_text(f"{head}\nonboarding:\n{waveplan_yaml.to_yaml(proposal, 'da', indent=2)}", encoding="utf-8")
    plan = loader.load(str(data))
    assert [str(p) for p in plan.problems if p.severity is problems.Severity.ERROR] == []
    prog = plan.programme("fk-org-sor")
    onb = prog.onboarding if prog else None
    assert onb is not None and onb.capacity == 40 and len(onb.status) == 4
    assert sum(len(w.members) for w in onb.waves) == TOTAL


def test_yaml_text(fk_org_sor: model.Onboarding) -> None:
    text = waveplan_yaml.to_yaml(waveplan.propose(fk_org_sor, REF, D(2023, 1, 1), capacity=40), lang="en")
    lines = text.splitlines()
    assert lines[:3] == [
        "# Proposed by the wave planner: 98 municipalities in 5 waves from 2023-01-01",
        "duration_months: 3",
        "capacity: 40",
    ]
    start = lines.index("  - id: pilot")
    assert lines[start : start + 12] == [
        "  - id: pilot",
        '    name: "Pilotkommuner"',
        "    size: 4",
        "    start: 2023-01-01",
        "    end: 2023-03-31",
        "    estimate: true",
        "    members:",
        '      - "København"  # Hovedstaden',
        '      - "Aalborg"  # Nordjylland',
        '      - "Faxe"  # Sjælland',
        '      - "Næstved"  # Sjælland',
        "  - id: wave-1",
    ]


# ------------------------------------------------------------- extra waves, notes, errors


def test_extra_waves_when_the_plan_is_too_small() -> None:
    onb = onboarding(
        {"id": "pilot", "name": "Pilot", "members": ["Aarhus", "Odense"]},
        {"id": "wave-1", "name": "Bølge 1", "size": "20-25"},
        duration_months=2,
    )
    proposal = waveplan.propose(onb, REF, D(2024, 1, 1))
    assert [(w.id, w.name, w.size, w.extra) for w in proposal.waves] == [
        ("pilot", "Pilot", 2, False),
        ("wave-1", "Bølge 1", 24, False),
        ("wave-2", "Bølge 2", 24, True),
        ("wave-3", "Bølge 3", 24, True),
        ("wave-4", "Bølge 4", 24, True),
    ]  # minimums first, the rest dealt out
    assert tuple(waveplan_yaml.notes(proposal, "en")) == (
        "the planned waves hold at most 27 of 98 municipalities; added 3 waves of 20-25: wave-2, wave-3, wave-4",
        "no capacity given: the waves follow one another",
    )
    assert waveplan_yaml.notes(proposal, "da")[0] == (
        "de planlagte bølger rummer højst 27 af 98 kommuner; 3 bølger à 20-25 tilføjet: wave-2, wave-3, wave-4"
    )


def test_minimums_too_big_shrink_the_last_waves() -> None:
    onb = onboarding(*({"id": f"w{i}", "name": f"W{i}", "size": 40} for i in range(4)), capacity=40, duration_months=3)
    proposal = waveplan.propose(onb, REF, D(2024, 1, 1))
    assert [w.size for w in proposal.waves] == [40, 40, 18]
    assert tuple(waveplan_yaml.notes(proposal, "en")) == (
        "w2 gets 18 municipalities, fewer than the planned minimum of 40",
        "w3 is left out: no municipalities are left for it",
    )


def test_capacity_caps_a_range_and_says_so() -> None:
    onb = onboarding({"id": "w1", "name": "W1", "size": "25-60"}, duration_months=3)
    proposal = waveplan.propose(onb, REF, D(2024, 1, 1), capacity=50)
    assert [(w.id, w.size) for w in proposal.waves] == [("w1", 49), ("wave-2", 49)]
    assert waveplan_yaml.notes(proposal, "en")[0] == "w1: planned size 25-60 capped at the capacity of 50"


def test_missing_duration_is_assumed() -> None:
    proposal = waveplan.propose(onboarding({"id": "all", "name": "Alle", "size": 98}), REF, D(2024, 1, 1))
    assert proposal.duration_months == 3
    assert tuple(waveplan_yaml.notes(proposal, "en")) == ("no duration_months given; 3 months per wave assumed",)
    assert (proposal.waves[0].start, proposal.waves[0].end) == (D(2024, 1, 1), D(2024, 3, 31))


ERRORS = [
    (
        onboarding({"id": "pilot", "name": "P", "members": ["Aarhus", "Odense", "Vejle"], "size": 2}),
        None,
        "wave 'pilot' names 3 municipalities but its planned size is at most 2; raise 'size' or move members",
    ),
    (
        onboarding({"id": "w", "name": "W", "size": "25-30"}),
        20,
        "wave 'w' needs at least 25 municipalities onboarding at once, more than the capacity of 20;"
        " raise the capacity or make the wave smaller",
    ),
    (
        onboarding({"id": "pilot", "name": "P", "members": ["Aarhus", "Odense"]}),
        1,
        "wave 'pilot' needs at least 2 municipalities onboarding at once, more than the capacity of 1;"
        " raise the capacity or make the wave smaller",
    ),
    (
        onboarding({"id": "w", "name": "W", "members": ["Århus"]}),
        None,
        "wave 'w': 'Århus' is not one of the 98 municipalities",
    ),
    (
        onboarding({"id": "a", "name": "A", "members": ["Aarhus"]}, {"id": "b", "name": "B", "members": ["aarhus"]}),
        None,
        "wave 'b': Aarhus is already in wave 'a'; place it once",
    ),
    (
        onboarding(),
        None,
        "the onboarding has no waves; add at least one, e.g. {id: wave-1, name: Bølge 1, size: 25-30}",
    ),
    (
        onboarding({"id": "w", "name": "W", "size": 0}),
        None,
        "the planned waves hold at most 0 of the 98 municipalities and the last wave ('w') has no size to repeat;"
        " add waves or give the last one a size",
    ),
    (
        onboarding({"id": "w", "name": "W", "size": 10}),
        0,
        "capacity 0 is not possible; at least 1 municipality must be able to onboard",
    ),
]


@pytest.mark.parametrize(("onb", "cap", "message"), ERRORS, ids=[e[2][:40] for e in ERRORS])
def test_errors(onb: model.Onboarding, cap: int | None, message: str) -> None:
    with pytest.raises(waveplan.WavePlanError) as err:
        waveplan.propose(onb, REF, D(2024, 1, 1), capacity=cap)
    assert str(err.value) == message


def test_apportion_ties_go_to_the_lowest_code() -> None:
    def m(code: str, region: str) -> Municipality:
        return Municipality(code=code, name=f"M{code}", region_code=region, region=region)

    pool = [m("300", "B"), m("101", "A"), m("400", "B"), m("102", "A"), m("500", "C"), m("501", "C")]
    # shares 2/3 each: one each, none left over
    assert [x.code for x in apportion.apportion(pool, 3)] == ["101", "300", "500"]
    # shares 1/3 each: the region holding the lowest code wins the tie
    assert [x.code for x in apportion.apportion(pool, 1)] == ["101"]
    assert [x.code for x in apportion.apportion(pool, 2)] == ["101", "300"]
    assert apportion.apportion(pool, 0) == [] and apportion.apportion([], 3) == []


@pytest.mark.parametrize(
    "text",
    [
        'Bølge "1": hele landet',
        "a\nb",
        "tab\there",
        "line\u2028sep",
        "nel\x85x",
        "#x",
        "yes",
        "emoji 🎉",
        "back\\slash",
    ],
)
def test_yaml_quoting_round_trips(text: str) -> None:
    # names hold no control characters and notes none but line breaks and tabs (the loader refuses others)
    name = text if not any(unicodedata.category(c) == "Cc" for c in text) else "W"
    note = text if not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text) else "N"
    onb = onboarding({"id": "w", "name": "W", "size": 98}, note=note)
    proposal = waveplan.propose(onb, REF, D(2024, 1, 1))
    proposal = waveplan.Proposal(
        waves=(
            waveplan.ProposedWave(
                id="w",
                name=name,
                municipalities=proposal.waves[0].municipalities,
                fixed=(),
                start=D(2024, 1, 1),
                end=D(2024, 3, 31),
            ),
        ),
        duration_months=2.5,
        capacity=None,
        start=D(2024, 1, 1),
        note=note,
    )
    loaded = model.Onboarding.model_validate(yaml.safe_load(waveplan_yaml.to_yaml(proposal, "da")))
    assert loaded.waves[0].name == name and loaded.note == note and loaded.duration_months == 2.5


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (D(2024, 1, 31), 1, D(2024, 2, 28)),  # 31 Jan + 1 month = 29 Feb (clamped); the day before
        (D(2024, 1, 1), 3, D(2024, 3, 31)),
        (D(2024, 11, 15), 3, D(2025, 2, 14)),
        (D(2024, 1, 1), 2.5, D(2024, 3, 15)),  # half a month = 15 days
        (D(2024, 1, 1), 0.01, D(2024, 1, 1)),  # never before the start
    ],
)
def test_wave_dates(start: dt.date, months: float, end: dt.date) -> None:
    onb = onboarding({"id": "w", "name": "W", "size": 98}, duration_months=months)
    wave = waveplan.propose(onb, REF, start).waves[0]
    assert (wave.start, wave.end) == (start, end)


def test_the_per_wave_table_has_every_region_and_adds_up(fk_org_sor: model.Onboarding) -> None:
    """The table once took its columns from the first wave: regions without a pilot were missing."""
    from planner.presentation import tables

    proposal = waveplan.propose(fk_org_sor, REF, D(2022, 11, 1))
    rows = tables.proposed_waves(proposal, REF.regions, "da")
    assert all(list(row)[2:] == list(REF.regions) for row in rows)  # every row, every region, west to east
    assert len(REF.regions) == 5
    for row, wave in zip(rows, proposal.waves, strict=True):
        assert sum(int(str(row[r])) for r in REF.regions) == row["Antal"] == wave.size
    pilot = rows[0]
    assert pilot["Midtjylland"] == 0 and pilot["Hovedstaden"] == 1  # København; no pilot in Midtjylland


@pytest.mark.parametrize(("onb", "cap", "message"), ERRORS, ids=[e[2][:40] for e in ERRORS])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_errors_read_in_the_users_language_with_wave_names_not_ids(
    onb: model.Onboarding, cap: int | None, message: str, lang: str
) -> None:
    with pytest.raises(waveplan.WavePlanError) as err:
        waveplan.propose(onb, REF, D(2024, 1, 1), capacity=cap)
    said = i18n.say(err.value.key, lang, dict(err.value.values))
    other = i18n.say(err.value.key, "en" if lang == "da" else "da", dict(err.value.values))
    assert said.endswith(".") and "{" not in said and said not in (message, other)  # a sentence, in its language
    values = dict(err.value.values)
    if "wave" in values:  # the wave by its name, as the plan's readers know it, never its id
        assert values["wave"] in {w.name for w in onb.waves} and values["wave"] in said
        assert not any(f"'{w.id}'" in said or f"«{w.id}»" in said for w in onb.waves if w.id != w.name)
