"""How problems are written: one line, file:line:column: field: message [code]."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planner.plan import problems
from planner.plan.problems import Code, Problem, Severity


def _problem(code: Code = Code.BAD_DATE, field: str = "waves[1].end", message: str = "it is wrong") -> Problem:
    return Problem(code=code, file="data/programmes/x.yaml", line=41, column=9, field=field, message=message)


@pytest.mark.parametrize(
    ("problem", "line"),
    [
        (_problem(), "data/programmes/x.yaml:41:9: waves[1].end: it is wrong [bad-date]"),
        (_problem(field=""), "data/programmes/x.yaml:41:9: it is wrong [bad-date]"),
        (
            _problem(Code.FUTURE_OBSERVATION, "observations[0].date", "too new"),
            "data/programmes/x.yaml:41:9: observations[0].date: warning: too new [future-observation]",
        ),
    ],
)
def test_format(problem: Problem, line: str) -> None:
    assert problems.format(problem) == line
    assert str(problem) == line


def test_severity() -> None:
    assert _problem().severity is Severity.ERROR
    assert _problem(Code.FUTURE_OBSERVATION).severity is Severity.WARNING
    assert problems.has_errors([_problem(Code.FUTURE_OBSERVATION), _problem()])
    assert not problems.has_errors([_problem(Code.FUTURE_OBSERVATION)])
    assert not problems.has_errors([])


def test_codes_are_stable_kebab_case() -> None:
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.value) for c in Code)
    assert len({c.value for c in Code}) == len(Code)
    assert set(Code) >= problems.WARNING_CODES


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        ((), ""),
        (("id",), "id"),
        (("scenarios", 0, "waves", 1, "phases", 2, "end"), "scenarios[0].waves[1].phases[2].end"),
        (("vendors", 3), "vendors[3]"),
        ((0, "id"), "[0].id"),
        (("breakdown", "Nordjylland", "users"), "breakdown.Nordjylland.users"),
    ],
)
def test_field_path(loc: tuple[str | int, ...], path: str) -> None:
    assert problems.field_path(loc) == path


@pytest.mark.parametrize(
    ("word", "choices", "suffix"),
    [
        ("stauts", ["status", "state", "name"], "; did you mean 'status'?"),
        ("Aalborgg", ["Aarhus", "Aalborg", "Odense"], "; did you mean 'Aalborg'?"),
        ("AALBORG", ["Aalborg"], "; did you mean 'Aalborg'?"),  # the choice comes back as written
        ("xyz", ["status", "state"], ""),
        ("x", [], ""),
    ],
)
def test_did_you_mean(word: str, choices: list[str], suffix: str) -> None:
    assert problems.did_you_mean(word, choices) == suffix


def test_did_you_mean_case_sensitive() -> None:
    assert problems.did_you_mean("EPJ", ["epj", "eoj"], case_insensitive=False) == ""
    assert problems.did_you_mean("EPj", ["EPJ", "EOJ"], case_insensitive=False) == "; did you mean 'EPJ'?"


def test_one_problem_is_one_line() -> None:
    """Values quoted in a message may hold line breaks; the printed problem never does."""
    problem = _problem(field="breakdown.a\nb", message="'x\ny\tz\x07\u2028' is not a date")
    line = problems.format(problem)
    assert line == "data/programmes/x.yaml:41:9: breakdown.a\\nb: 'x\\ny\\tz\\x07\\u2028' is not a date [bad-date]"
    assert len(line.splitlines()) == 1


def test_did_you_mean_finds_the_close_name_and_stays_cheap_for_many_unknown_ones() -> None:
    """Close names are found (letters swapped, accents, a missing letter); a flood of unknown names stays bounded."""
    from pathlib import Path

    from planner.plan import reference

    names = reference.load(Path(__file__).resolve().parent.parent / "data" / "reference").names
    assert problems.did_you_mean("Tarnby", names) == "; did you mean 'Tårnby'?"
    assert problems.did_you_mean("Hvidovr", names) == "; did you mean 'Hvidovre'?"
    assert problems.did_you_mean("EJP", ["EOJ", "EPJ", "LPS"]) == "; did you mean 'EPJ'?"
    assert problems.did_you_mean("qqqqqq", names) == ""
    assert problems.did_you_mean("x" * 100_000, names) == ""  # cut before comparing


def test_suggestions_are_bounded_per_file_and_the_rest_get_the_general_hint(tmp_path: Path) -> None:
    """A flood of unknown names: the first 1,000 of a file get a did-you-mean, the rest the list to look in."""
    from planner.plan import checks, loader
    from tests.conftest import minimal_copy
    from tools.bench_hostile import unknown_names_programme

    data = minimal_copy(tmp_path / "data")
    text = re.sub(r"K\d{5}", "Tarnby", unknown_names_programme(checks.SUGGESTIONS_PER_FILE + 2))
    (data / "programmes" / "flood.yaml").write_text(text, encoding="utf-8")
    found = [p.message for p in loader.load(str(data)).problems if p.file.endswith("flood.yaml")]
    assert len(found) == checks.SUGGESTIONS_PER_FILE + 2
    with_hint = [m for m in found if "did you mean" in m]
    assert len(with_hint) == checks.SUGGESTIONS_PER_FILE
    assert found[-1].endswith("; see data/reference/municipalities.csv for the 98 names")
    with problems.suggestions(1):
        assert problems.did_you_mean("Tarnby", ["Tårnby"]) == "; did you mean 'Tårnby'?"
        assert problems.did_you_mean("Tarnby", ["Tårnby"]) == ""
    assert problems.did_you_mean("Tarnby", ["Tårnby"]) == "; did you mean 'Tårnby'?"  # no limit outside
