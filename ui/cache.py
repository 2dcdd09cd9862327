"""The derived-value cache: a value is keyed by the function that builds it and every argument it gets.

Pages never make cache keys. They call :func:`value` with a module-level
function and its arguments; the key is the function's name and a content
token of each argument (:func:`token`): a plan by its version (the hash of its
files, see :mod:`ui.data`) and its records, a record by the hash of its JSON, a frozen
dataclass by its fields, plain values by type and value. A function that
could read anything besides its arguments (a lambda, a closure, a nested
function) is refused, and so is an argument that has no content token: a
value can then depend only on what is in its key. So a value is the same for
every session that asks with the same arguments, and one bounded store serves
them all; a session's choice is an argument, never a hidden input.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import hashlib
import os
import threading
from collections.abc import Callable, Mapping
from pathlib import PurePath
from typing import Any, ParamSpec, TypeVar

import cachetools
import pydantic

from planner.plan import loader

P = ParamSpec("P")
T = TypeVar("T")

MAX_VALUES = 4096  # figures, tables and outcomes; the least recently used go first
MAX_RECORD_DIGESTS = 50_000  # records' JSON hashes, held with the record (an id is never reused while held)


class Uncacheable(TypeError):
    """An argument the cache cannot key on: a value without a content token."""


class HiddenInput(TypeError):
    """A function that could read more than its arguments (a lambda, a closure, a nested function): never cached."""


_values: cachetools.LRUCache[tuple[Any, ...], Any] = cachetools.LRUCache(MAX_VALUES)
_values_lock = threading.Lock()
_digests: cachetools.LRUCache[int, tuple[object, str]] = cachetools.LRUCache(MAX_RECORD_DIGESTS)
_digests_lock = threading.Lock()
_SCALARS = (str, int, float, bool, bytes, dt.date, dt.datetime, type(None))


def digest(*parts: object) -> str:
    """A short sha256 of the parts' tokens: the version of something derived from them."""
    return hashlib.sha256(repr(tuple(token(p) for p in parts)).encode("utf-8")).hexdigest()[:32]


def _remembered(value: object, compute: Callable[[], Any]) -> Any:
    """``compute()``, remembered for this very object (held with it, so its id is never reused meanwhile).

    Only for values that cannot change: frozen records, frozen dataclasses,
    tuples and frozensets (of such values), and plans.
    """
    with _digests_lock:
        known = _digests.get(id(value))
    if known is not None and known[0] is value:
        return known[1]
    found = compute()
    with _digests_lock:
        _digests[id(value)] = (value, found)
    return found


def _record_digest(record: pydantic.BaseModel) -> str:
    return str(_remembered(record, lambda: hashlib.sha256(record.model_dump_json().encode("utf-8")).hexdigest()))


def function_token(fn: Callable[..., Any]) -> tuple[Any, ...]:
    """A module-level function (or a partial of one) by its name; anything that closes over state is refused."""
    if isinstance(fn, functools.partial):
        return ("partial", function_token(fn.func), token(fn.args), token(fn.keywords))
    name = getattr(fn, "__qualname__", "")
    module = getattr(fn, "__module__", "")
    if not name or "<lambda>" in name or "<locals>" in name or getattr(fn, "__closure__", None):
        raise HiddenInput(f"{module}.{name or fn!r}: only module-level functions without closures can be cached")
    owner = getattr(fn, "__self__", None)
    if owner is not None and not isinstance(owner, type):  # a bound method reads its object
        return ("method", module, name, token(owner))
    return ("function", module, name)


def token(value: object) -> Any:
    """A hashable stand-in for ``value`` that is equal for equal content (raises :class:`Uncacheable`)."""
    if isinstance(value, enum.Enum):
        return (type(value).__qualname__, value.value)
    if isinstance(value, _SCALARS):
        return (type(value).__name__, value)
    if isinstance(value, PurePath):  # a file by its name, size and time: a changed file is another key
        try:
            info = os.stat(value)
            return ("path", str(value), info.st_size, info.st_mtime_ns)
        except OSError:
            return ("path", str(value), None, None)
    if isinstance(value, loader.Plan):
        if not value.version:
            raise Uncacheable("a plan without a version (loaded by hand) cannot be a cache key")
        # the files' hash, and the parts a view may replace (a part of the matrix, a view as of a date)
        plan = value
        return _remembered(
            plan, lambda: ("plan", plan.version, token(plan.portfolio), token(plan.programmes), token(plan.vendors))
        )
    if isinstance(value, pydantic.BaseModel):
        return (type(value).__qualname__, _record_digest(value))
    if isinstance(value, tuple):  # remembered: a tuple of unchangeable values cannot change
        items = value
        return _remembered(items, lambda: ("seq", *(token(v) for v in items)))
    if isinstance(value, list):
        return ("seq", *(token(v) for v in value))
    if isinstance(value, set | frozenset):
        return ("set", *sorted((token(v) for v in value), key=repr))
    if isinstance(value, Mapping):
        return ("map", *sorted(((token(k), token(v)) for k, v in value.items()), key=repr))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if not type(value).__dataclass_params__.frozen:  # type: ignore[attr-defined]
            raise Uncacheable(f"{type(value).__qualname__} is not frozen: its content can change after it is keyed")
        kind, item = type(value), value
        return _remembered(
            item,
            lambda: (
                kind.__module__,
                kind.__qualname__,
                *(token(getattr(item, f.name)) for f in dataclasses.fields(item)),
            ),
        )
    if callable(value):
        return function_token(value)
    raise Uncacheable(f"no content token for {type(value).__qualname__}")


def key(fn: Callable[..., Any], *args: object, **kwargs: object) -> tuple[Any, ...]:
    """The cache key of ``fn(*args, **kwargs)``: the function and every argument's content."""
    return (function_token(fn), token(args), token(kwargs))


def value(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)``, built once for the same function and argument content, shared by every session.

    The value is shared, so it is never changed after it is built. Arguments
    without a content token (a plan loaded by hand) are not cached: the value
    is built every time, which is always correct. A function with hidden
    inputs raises :class:`HiddenInput`, cached or not.
    """
    try:
        found_key = key(fn, *args, **kwargs)
    except Uncacheable:
        return fn(*args, **kwargs)
    with _values_lock:
        if found_key in _values:
            found: T = _values[found_key]
            return found
    built = fn(*args, **kwargs)
    with _values_lock:
        kept: T = _values.setdefault(found_key, built)
    return kept


def clear() -> None:
    """Forget every value (for cold measurements and tests)."""
    with _values_lock:
        _values.clear()
    with _digests_lock:
        _digests.clear()


def size() -> int:
    with _values_lock:
        return len(_values)
