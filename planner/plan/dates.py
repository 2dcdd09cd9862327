"""Dates as planners write them, with the precision that was written.

A plan says "Q3 2023" or "uge 9" (written 2023-W09) far more often than a day. Each written date
is kept as a :class:`FuzzyDate`: the text as given, its precision, and the
first and last day of the period it names. Which end is used depends on the
role of the field:

    written        precision  first day    last day
    2025-12-01     day        2025-12-01   2025-12-01
    2024-09        month      2024-09-01   2024-09-30
    2023-Q3        quarter    2023-07-01   2023-09-30
    Q3 2023        quarter    2023-07-01   2023-09-30
    2023-W09       week       2023-02-27   2023-03-05   (ISO week: Monday..Sunday)
    2023           year       2023-01-01   2023-12-31

A start, a milestone or an observation date means the first day; an end or a
due date means the last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum


class Precision(StrEnum):
    """How precisely a date was written."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class DateError(ValueError):
    """The text is not a date in any of the accepted forms."""


HINT = "use 2025-12-01, 2025-12, 2025-Q4, 2025-W48 or 2025"
MIN_YEAR, MAX_YEAR = 1900, 2199

MAX_TEXT = 20  # longer text is no date; it is shortened in the message
# ASCII digits only (\d would also take '٢٠٢٥'); \Z, as $ allows a trailing newline.
_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})\Z", re.ASCII)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})\Z", re.ASCII)
_QUARTER = re.compile(r"^(?:(\d{4})-?Q(\d)|Q(\d)[ -](\d{4}))\Z", re.IGNORECASE | re.ASCII)
_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})\Z", re.IGNORECASE | re.ASCII)
_YEAR = re.compile(r"^(\d{4})\Z", re.ASCII)


@dataclass(frozen=True, order=False)
class FuzzyDate:
    """A date as written, with the period it covers."""

    text: str
    precision: Precision
    first: dt.date
    last: dt.date

    def __str__(self) -> str:
        return self.text


def _fail(text: str, why: str = "") -> DateError:
    detail = f" ({why})" if why else ""
    return DateError(f"'{text}' is not a date{detail}; {HINT}")


def _year(text: str, raw: str) -> int:
    year = int(raw)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise _fail(text, f"year {year} is outside {MIN_YEAR}..{MAX_YEAR}")
    return year


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def parse(value: object) -> FuzzyDate:
    """Parse a written date; raise :class:`DateError` with a hint if it is none."""
    if value is None:
        raise DateError(f"no date given; {HINT}")
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return FuzzyDate(value.isoformat(), Precision.DAY, value, value)
    if isinstance(value, int) and not isinstance(value, bool):
        # a year written bare; never str() a huge int (Python refuses past 4,300 digits)
        value = str(value) if abs(value) < 10**MAX_TEXT else "a very large number"
    if isinstance(value, (dict, list, tuple, set)):
        kind = "a mapping" if isinstance(value, dict) else "a list"
        raise DateError(f"expected a date, got {kind}; {HINT}")
    if not isinstance(value, str):
        raise _fail(_shown(value))
    text = value.strip()
    if len(text) > MAX_TEXT:
        raise _fail(text[:MAX_TEXT] + "…")
    return _parse_text(text)


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return str(value).lower()  # as YAML writes it
    text = repr(value) if isinstance(value, float) else str(value)
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + "…"


def _parse_text(text: str) -> FuzzyDate:
    if m := _DAY.match(text):
        year, month, day = _year(text, m[1]), int(m[2]), int(m[3])
        if not 1 <= month <= 12:
            raise _fail(text, f"month {month} does not exist")
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise _fail(text, f"{year}-{month:02d} has days 1..{days}")
        day_date = dt.date(year, month, day)
        return FuzzyDate(text, Precision.DAY, day_date, day_date)
    if m := _MONTH.match(text):
        year, month = _year(text, m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise _fail(text, f"month {month} does not exist")
        return FuzzyDate(text, Precision.MONTH, dt.date(year, month, 1), _month_end(year, month))
    if m := _QUARTER.match(text):
        year = _year(text, m[1] or m[4])
        quarter = int(m[2] or m[3])
        if not 1 <= quarter <= 4:
            raise _fail(text, f"quarter {quarter} does not exist")
        first_month = 3 * quarter - 2
        return FuzzyDate(text, Precision.QUARTER, dt.date(year, first_month, 1), _month_end(year, first_month + 2))
    if m := _WEEK.match(text):
        year, week = _year(text, m[1]), int(m[2])
        weeks_in_year = dt.date(year, 12, 28).isocalendar().week
        if not 1 <= week <= weeks_in_year:
            raise _fail(text, f"{year} has weeks 1..{weeks_in_year}")
        monday = dt.date.fromisocalendar(year, week, 1)
        return FuzzyDate(text, Precision.WEEK, monday, monday + dt.timedelta(days=6))
    if m := _YEAR.match(text):
        year = _year(text, m[1])
        return FuzzyDate(text, Precision.YEAR, dt.date(year, 1, 1), dt.date(year, 12, 31))
    raise _fail(text)


def exact(day: dt.date) -> FuzzyDate:
    """A day-precise date, e.g. for a value computed rather than written."""
    return FuzzyDate(day.isoformat(), Precision.DAY, day, day)


def months_between(start: dt.date, end: dt.date) -> float:
    """Length from start to end in average months (365.25 / 12 days)."""
    return (end - start).days / (365.25 / 12)
