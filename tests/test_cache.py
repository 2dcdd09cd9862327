"""The derived-value cache (ui/cache.py): keyed by the function and the content of every argument, never by hand."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from pathlib import Path

import cachetools
import pytest

from planner.plan import loader
from ui import cache

DATA = Path(__file__).resolve().parent.parent / "data"
CALLS: list[tuple[object, ...]] = []


def _counted(*args: object, **kwargs: object) -> tuple[object, ...]:
    CALLS.append((*args, *kwargs.items()))
    return (*args, *sorted(kwargs.items()))


@pytest.fixture
def plan() -> loader.Plan:
    return dataclasses.replace(loader.load(str(DATA)), version="test-version")


@pytest.fixture(autouse=True)
def _fresh() -> None:
    cache.clear()
    CALLS.clear()


def test_a_value_is_built_once_per_function_and_argument_content() -> None:
    assert cache.value(_counted, "EPJ", kinds=frozenset({"a", "b"})) == cache.value(
        _counted, "EPJ", kinds=frozenset({"b", "a"})
    )
    cache.value(_counted, "EOJ", kinds=frozenset({"a", "b"}))
    cache.value(_counted, "EPJ", kinds=frozenset({"a"}))
    assert len(CALLS) == 3  # the same content once; each other argument its own value


def test_equal_looking_values_of_other_types_are_other_keys() -> None:
    cache.value(_counted, 1)
    cache.value(_counted, 1.0)
    cache.value(_counted, True)
    cache.value(_counted, "1")
    assert len(CALLS) == 4


def test_a_function_with_hidden_inputs_is_refused() -> None:
    chosen = "EPJ"

    def closure() -> str:
        return chosen

    with pytest.raises(cache.HiddenInput):
        cache.value(lambda: chosen)
    with pytest.raises(cache.HiddenInput):
        cache.value(closure)
    with pytest.raises(cache.HiddenInput):  # a partial of a lambda hides the same way
        cache.value(functools.partial(lambda x: (x, chosen), 1))


def test_a_partial_is_keyed_by_its_function_and_its_bound_arguments() -> None:
    cache.value(functools.partial(_counted, "a"), "b")
    cache.value(functools.partial(_counted, "a"), "b")
    cache.value(functools.partial(_counted, "x"), "b")
    assert CALLS == [("a", "b"), ("x", "b")]


def test_an_argument_without_a_content_token_is_built_every_time_not_cached_wrongly() -> None:
    class Mutable:
        pass

    thing = Mutable()
    cache.value(_counted, thing)
    cache.value(_counted, thing)
    assert len(CALLS) == 2 and cache.size() == 0


def test_a_plan_loaded_by_hand_has_no_version_and_is_never_cached() -> None:
    bare = loader.load(str(DATA))
    cache.value(_counted, bare)
    cache.value(_counted, bare)
    assert len(CALLS) == 2


def test_a_plan_with_some_records_replaced_is_another_key(plan: loader.Plan) -> None:
    epj_only = dataclasses.replace(plan, vendors=tuple(v for v in plan.vendors if v.kind.value == "EPJ"))
    assert cache.token(plan) != cache.token(epj_only)
    assert cache.token(plan) == cache.token(dataclasses.replace(plan))  # same content, same key
    # parts of a plan (the readiness matrix's), each with the plan's version: each its own key
    parts = [dataclasses.replace(plan, programmes=(p,)) for p in plan.programmes]
    assert len({cache.token(p) for p in parts}) == len(plan.programmes) > 1


def test_records_are_keyed_by_content_not_identity(plan: loader.Plan) -> None:
    prog = plan.programmes[0]
    copy = prog.model_copy(deep=True)
    moved = prog.model_copy(update={"name": prog.name + " (flyttet)"})
    assert copy is not prog and cache.token(copy) == cache.token(prog)
    assert cache.token(moved) != cache.token(prog)


def test_a_mutable_dataclass_is_refused_as_a_key() -> None:
    @dataclasses.dataclass
    class Loose:
        day: dt.date

    with pytest.raises(cache.Uncacheable):
        cache.token(Loose(dt.date(2022, 11, 3)))


def test_the_store_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    small: cachetools.LRUCache[tuple[object, ...], object] = cachetools.LRUCache(3)
    monkeypatch.setattr(cache, "_values", small)
    for n in range(10):
        cache.value(_counted, n)
    assert cache.size() == 3
    cache.value(_counted, 9)  # the newest is still there
    assert len(CALLS) == 10


def test_a_path_is_keyed_by_its_file_so_a_changed_file_is_another_value(tmp_path: Path) -> None:
    path = tmp_path / "boundaries.json"
    path.write_text("{}", encoding="utf-8")
    cache.value(_counted, path)
    cache.value(_counted, path)
    path.write_text('{"features": []}', encoding="utf-8")  # another size
    cache.value(_counted, path)
    assert len(CALLS) == 2
