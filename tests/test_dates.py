"""The date parser: every accepted form, the period it names, and every refusal."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.plan import dates
from planner.plan.dates import DateError, FuzzyDate, Precision

D = dt.date
HINT = "use 2025-12-01, 2025-12, 2025-Q4, 2025-W48 or 2025"


@pytest.mark.parametrize(
    ("written", "precision", "first", "last"),
    [
        ("2025-12-01", Precision.DAY, D(2025, 12, 1), D(2025, 12, 1)),
        ("2025-1-5", Precision.DAY, D(2025, 1, 5), D(2025, 1, 5)),
        ("2024-02-29", Precision.DAY, D(2024, 2, 29), D(2024, 2, 29)),  # leap day
        ("2024-09", Precision.MONTH, D(2024, 9, 1), D(2024, 9, 30)),
        ("2024-02", Precision.MONTH, D(2024, 2, 1), D(2024, 2, 29)),
        ("2023-02", Precision.MONTH, D(2023, 2, 1), D(2023, 2, 28)),
        ("2024-12", Precision.MONTH, D(2024, 12, 1), D(2024, 12, 31)),
        ("2024-1", Precision.MONTH, D(2024, 1, 1), D(2024, 1, 31)),
        ("2023-Q1", Precision.QUARTER, D(2023, 1, 1), D(2023, 3, 31)),
        ("2023-Q3", Precision.QUARTER, D(2023, 7, 1), D(2023, 9, 30)),
        ("2023-Q4", Precision.QUARTER, D(2023, 10, 1), D(2023, 12, 31)),
        ("Q3 2023", Precision.QUARTER, D(2023, 7, 1), D(2023, 9, 30)),
        ("Q2-2024", Precision.QUARTER, D(2024, 4, 1), D(2024, 6, 30)),
        ("2023q2", Precision.QUARTER, D(2023, 4, 1), D(2023, 6, 30)),
        ("q1 2025", Precision.QUARTER, D(2025, 1, 1), D(2025, 3, 31)),
        ("2023-W09", Precision.WEEK, D(2023, 2, 27), D(2023, 3, 5)),  # ISO: Monday..Sunday
        ("2023-W9", Precision.WEEK, D(2023, 2, 27), D(2023, 3, 5)),
        ("2023W01", Precision.WEEK, D(2023, 1, 2), D(2023, 1, 8)),
        ("2025-W01", Precision.WEEK, D(2024, 12, 30), D(2025, 1, 5)),  # week 1 starts in the year before
        ("2020-W53", Precision.WEEK, D(2020, 12, 28), D(2021, 1, 3)),  # a 53-week year
        ("2023-w52", Precision.WEEK, D(2023, 12, 25), D(2023, 12, 31)),
        ("2023", Precision.YEAR, D(2023, 1, 1), D(2023, 12, 31)),
        ("  2023-Q3 ", Precision.QUARTER, D(2023, 7, 1), D(2023, 9, 30)),  # surrounding space is ignored
        (2023, Precision.YEAR, D(2023, 1, 1), D(2023, 12, 31)),  # YAML reads a bare year as a number
        (D(2025, 3, 4), Precision.DAY, D(2025, 3, 4), D(2025, 3, 4)),
        (dt.datetime(2025, 3, 4, 10, 30), Precision.DAY, D(2025, 3, 4), D(2025, 3, 4)),
        ("1900-01-01", Precision.DAY, D(1900, 1, 1), D(1900, 1, 1)),
        ("2199-Q4", Precision.QUARTER, D(2199, 10, 1), D(2199, 12, 31)),
    ],
)
def test_parse(written: object, precision: Precision, first: dt.date, last: dt.date) -> None:
    parsed = dates.parse(written)
    assert (parsed.precision, parsed.first, parsed.last) == (precision, first, last)


@pytest.mark.parametrize(
    ("written", "text"),
    [("Q3 2023", "Q3 2023"), (" 2023-W09 ", "2023-W09"), (2023, "2023"), (D(2025, 3, 4), "2025-03-04")],
)
def test_the_text_as_written_is_kept(written: object, text: str) -> None:
    assert dates.parse(written).text == text
    assert str(dates.parse(written)) == text


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2025-13-45", f"'2025-13-45' is not a date (month 13 does not exist); {HINT}"),
        ("2025-13-01", f"'2025-13-01' is not a date (month 13 does not exist); {HINT}"),
        ("2025-00-01", f"'2025-00-01' is not a date (month 0 does not exist); {HINT}"),
        ("2025-02-29", f"'2025-02-29' is not a date (2025-02 has days 1..28); {HINT}"),
        ("2025-04-31", f"'2025-04-31' is not a date (2025-04 has days 1..30); {HINT}"),
        ("2025-01-00", f"'2025-01-00' is not a date (2025-01 has days 1..31); {HINT}"),
        ("2025-13", f"'2025-13' is not a date (month 13 does not exist); {HINT}"),
        ("Q5 2025", f"'Q5 2025' is not a date (quarter 5 does not exist); {HINT}"),
        ("2025-Q0", f"'2025-Q0' is not a date (quarter 0 does not exist); {HINT}"),
        ("2023-W53", f"'2023-W53' is not a date (2023 has weeks 1..52); {HINT}"),
        ("2023-W00", f"'2023-W00' is not a date (2023 has weeks 1..52); {HINT}"),
        ("1899", f"'1899' is not a date (year 1899 is outside 1900..2199); {HINT}"),
        ("2200-01", f"'2200-01' is not a date (year 2200 is outside 1900..2199); {HINT}"),
        ("next spring", f"'next spring' is not a date; {HINT}"),
        ("01-12-2025", f"'01-12-2025' is not a date; {HINT}"),
        ("2025/12/01", f"'2025/12/01' is not a date; {HINT}"),
        ("25-12", f"'25-12' is not a date; {HINT}"),
        ("", f"'' is not a date; {HINT}"),
        ("٢٠٢٥", f"'٢٠٢٥' is not a date; {HINT}"),  # only ASCII digits
        ("2025\n-01", f"'2025\n-01' is not a date; {HINT}"),
        ("x" * 30, f"'{'x' * 20}…' is not a date; {HINT}"),
        (None, f"no date given; {HINT}"),
        (True, f"'true' is not a date; {HINT}"),
        (2023.5, f"'2023.5' is not a date; {HINT}"),
        (-5, f"'-5' is not a date; {HINT}"),
        (10**5000, f"'a very large number' is not a date; {HINT}"),
        ({"year": 2025}, f"expected a date, got a mapping; {HINT}"),
        (["2025"], f"expected a date, got a list; {HINT}"),
    ],
    ids=lambda v: "huge-int" if isinstance(v, int) and abs(v) > 10**30 else repr(v)[:30],  # repr of 10**5000 fails
)
def test_refused(written: object, message: str) -> None:
    with pytest.raises(DateError) as info:
        dates.parse(written)
    assert str(info.value) == message


def test_an_end_means_the_last_day_and_a_start_the_first() -> None:
    quarter = dates.parse("2024-Q2")
    assert (quarter.first, quarter.last) == (D(2024, 4, 1), D(2024, 6, 30))
    assert dates.exact(D(2024, 6, 30)) == dates.parse("2024-06-30")


def test_months_between() -> None:
    assert dates.months_between(D(2024, 1, 1), D(2025, 1, 1)) == pytest.approx(12, abs=0.05)
    assert dates.months_between(D(2024, 1, 1), D(2024, 1, 1)) == 0


# ------------------------------------------------------------- properties

YEARS = st.integers(dates.MIN_YEAR, dates.MAX_YEAR)


def _round_trips(parsed: FuzzyDate) -> None:
    assert parsed.first <= parsed.last
    assert dates.parse(parsed.text) == parsed


@given(year=YEARS, quarter=st.integers(1, 4), style=st.sampled_from(["{y}-Q{q}", "Q{q} {y}", "{y}Q{q}", "q{q}-{y}"]))
def test_any_quarter(year: int, quarter: int, style: str) -> None:
    parsed = dates.parse(style.format(y=year, q=quarter))
    _round_trips(parsed)
    assert parsed.precision is Precision.QUARTER
    assert parsed.first == D(year, 3 * quarter - 2, 1)
    assert (parsed.last + dt.timedelta(days=1)).day == 1  # ends on a month's last day
    assert 89 <= (parsed.last - parsed.first).days + 1 <= 92


@given(year=YEARS, month=st.integers(1, 12))
def test_any_month(year: int, month: int) -> None:
    parsed = dates.parse(f"{year}-{month:02d}")
    _round_trips(parsed)
    assert (parsed.first.year, parsed.first.month, parsed.first.day) == (year, month, 1)
    assert (parsed.last.year, parsed.last.month) == (year, month)
    assert (parsed.last + dt.timedelta(days=1)).day == 1


@given(year=YEARS, week=st.integers(1, 53))
def test_any_week(year: int, week: int) -> None:
    text = f"{year}-W{week:02d}"
    if week == 53 and D(year, 12, 28).isocalendar().week == 52:
        with pytest.raises(DateError):
            dates.parse(text)
        return
    parsed = dates.parse(text)
    _round_trips(parsed)
    assert parsed.first.isocalendar()[:3] == (year, week, 1)
    assert parsed.last - parsed.first == dt.timedelta(days=6)


@given(day=st.dates(D(dates.MIN_YEAR, 1, 1), D(dates.MAX_YEAR, 12, 31)))
def test_any_day(day: dt.date) -> None:
    parsed = dates.parse(day.isoformat())
    _round_trips(parsed)
    assert parsed.first == parsed.last == day
    assert dates.parse(day) == parsed


@given(year=YEARS)
def test_any_year(year: int) -> None:
    parsed = dates.parse(year)
    _round_trips(parsed)
    assert (parsed.first, parsed.last) == (D(year, 1, 1), D(year, 12, 31))


DATEISH = st.text(alphabet=st.sampled_from(list("0123456789-QqWw /.:T\n\t٢")), max_size=14)
ANYTHING = st.one_of(
    st.text(max_size=40),
    DATEISH,
    st.integers(),
    st.integers(-(10**6000), 10**6000),
    st.floats(),
    st.booleans(),
    st.none(),
    st.dates(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


@settings(deadline=200, max_examples=500)
@given(value=ANYTHING)
def test_anything_returns_or_raises_date_error(value: object) -> None:
    try:
        parsed = dates.parse(value)
    except DateError as exc:
        assert str(exc).endswith(HINT)
    else:
        assert parsed.first <= parsed.last
