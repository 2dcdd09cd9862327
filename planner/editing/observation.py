"""A new observation as a form gives it: the national figures and the regions apart, checked before it is saved.

The national value is what the targets page counts; a regional breakdown is
extra detail and never stands in for it. A breakdown must name each region
once and add up to no more than the national figure; a cumulative count that
falls since the previous observation is worth a warning; whole numbers are
stored as integers.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from planner.plan import dates


class Finding(StrEnum):
    """What the check of a new observation found (errors refuse it; FELL is a warning)."""

    NO_VALUES = "no-values"
    TOTAL_MISSING = "total-missing"  # regions given, national figure not
    BREAKDOWN_TOO_LARGE = "breakdown-too-large"
    REGION_TWICE = "region-twice"
    UNKNOWN_REGION = "unknown-region"
    NEGATIVE = "negative"
    NOT_A_NUMBER = "not-a-number"
    DATE_TAKEN = "date-taken"
    FELL = "fell"


WARNINGS = frozenset({Finding.FELL})


@dataclass(frozen=True, kw_only=True)
class Issue:
    """One finding, with what it is about."""

    finding: Finding
    metric: str = ""  # metric id
    region: str = ""
    value: float | None = None
    other: float | None = None  # the national figure, or the previous value
    other_date: dt.date | None = None

    @property
    def is_error(self) -> bool:
        return self.finding not in WARNINGS


@dataclass(frozen=True, kw_only=True)
class ObservationDraft:
    """The checked observation: the item to save (None when there are errors) and what was found."""

    item: dict[str, Any] | None
    issues: tuple[Issue, ...]
    region_sums: Mapping[str, float] = field(default_factory=dict)

    @property
    def errors(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if i.is_error)

    @property
    def warnings(self) -> tuple[Issue, ...]:
        return tuple(i for i in self.issues if not i.is_error)


def whole(value: float) -> int | float:
    """41.0 as 41; other numbers as they are."""
    return int(value) if float(value).is_integer() else float(value)


def _number(value: object) -> float | None:
    """A cell's number; None when empty, NaN when it is not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return math.nan
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
    return None if math.isnan(number) else number


def draft(
    *,
    when: dt.date,
    totals: Mapping[str, object],
    regions: Sequence[tuple[str, Mapping[str, object]]],
    region_name: Callable[[str], str | None],
    previous: Sequence[tuple[dt.date, Mapping[str, float]]] = (),
    note: str = "",
) -> ObservationDraft:
    """Check a new observation of ``totals`` (metric id -> national value) with ``regions`` apart.

    ``regions`` are (region as typed, metric id -> value) rows; ``region_name``
    gives a region's canonical name (None if unknown); ``previous`` are the
    (date, national values) of the observations in the version of the file
    the form shows (:func:`known`).
    """
    issues: list[Issue] = []
    national = _numbers(totals, "", issues)
    breakdown: dict[str, dict[str, int | float]] = {}
    for typed, values in regions:
        row = _numbers(values, typed, issues)
        if not row:
            continue
        name = region_name(typed)
        if name is None:
            issues.append(Issue(finding=Finding.UNKNOWN_REGION, region=typed))
        elif name in breakdown:
            issues.append(Issue(finding=Finding.REGION_TWICE, region=name))
        else:
            breakdown[name] = row
    sums = {m: float(sum(r.get(m, 0) for r in breakdown.values())) for m in {m for r in breakdown.values() for m in r}}
    for metric, total in sorted(sums.items()):
        if metric not in national:
            issues.append(Issue(finding=Finding.TOTAL_MISSING, metric=metric, value=total))
        elif total > national[metric]:
            issues.append(
                Issue(finding=Finding.BREAKDOWN_TOO_LARGE, metric=metric, value=total, other=national[metric])
            )
    if not national and not breakdown and not issues:
        issues.append(Issue(finding=Finding.NO_VALUES))
    if any(day == when for day, _ in previous):
        issues.append(Issue(finding=Finding.DATE_TAKEN, other_date=when))
    issues += _falls(when, national, previous)
    item: dict[str, Any] | None = None
    if not any(i.is_error for i in issues):
        item = {"date": when.isoformat(), "values": national}
        if breakdown:
            item["breakdown"] = breakdown
        if note.strip():
            item["note"] = note.strip()
    return ObservationDraft(item=item, issues=tuple(issues), region_sums=sums)


def _numbers(values: Mapping[str, object], region: str, issues: list[Issue]) -> dict[str, int | float]:
    out: dict[str, int | float] = {}
    for metric, raw in values.items():
        number = _number(raw)
        if number is None:
            continue
        if not math.isfinite(number):
            issues.append(Issue(finding=Finding.NOT_A_NUMBER, metric=metric, region=region))
        elif number < 0:
            issues.append(Issue(finding=Finding.NEGATIVE, metric=metric, region=region, value=number))
        else:
            out[metric] = whole(number)
    return out


def _falls(
    when: dt.date, national: Mapping[str, float], previous: Sequence[tuple[dt.date, Mapping[str, float]]]
) -> list[Issue]:
    out = []
    for metric, value in sorted(national.items()):
        before = [(day, values[metric]) for day, values in previous if metric in values and day < when]
        if before:
            day, last = max(before)
            if value < last:
                out.append(Issue(finding=Finding.FELL, metric=metric, value=value, other=last, other_date=day))
    return out


def known(items: object) -> list[tuple[dt.date, dict[str, float]]]:
    """(first day, national values) of the observations in a file's raw data (unreadable ones left out)."""
    out = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("values"), dict):
            continue
        try:
            day = dates.parse(item.get("date")).first
        except dates.DateError:
            continue
        values = {
            str(k): float(v)
            for k, v in item["values"].items()
            if isinstance(v, (int, float)) and not isinstance(v, bool)
        }
        out.append((day, values))
    return out
