"""Problems found in plan files, and how they are written for people.

Every problem has a stable code (tests and users can rely on it), a severity,
the file as the user named it, a line and column, the field path and a
message. The single place that turns a problem into text is :func:`format`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """Errors make a file invalid; warnings are reported but do not."""

    ERROR = "error"
    WARNING = "warning"


class Code(StrEnum):
    """Stable problem codes; each has a test input under tests/data/invalid/."""

    # reading the file
    FILE_MISSING = "file-missing"
    NOT_A_FILE = "not-a-file"  # a pipe, device, socket or folder where a plan file should be
    OUTSIDE_FOLDER = "outside-folder"  # a link that leads out of the data folder
    FILE_TOO_LARGE = "file-too-large"
    NOT_UTF8 = "not-utf8"
    YAML_SYNTAX = "yaml-syntax"
    YAML_TAB = "yaml-tab"
    YAML_DUPLICATE_KEY = "yaml-duplicate-key"
    YAML_TAG = "yaml-tag"
    YAML_TOO_COMPLEX = "yaml-too-complex"
    EMPTY_FILE = "empty-file"
    # shape of the data
    NOT_A_MAPPING = "not-a-mapping"
    UNKNOWN_KEY = "unknown-key"
    MISSING_FIELD = "missing-field"
    WRONG_TYPE = "wrong-type"
    BAD_VALUE = "bad-value"
    BAD_DATE = "bad-date"
    OUT_OF_RANGE = "out-of-range"
    # cross-checks
    DUPLICATE_ID = "duplicate-id"
    UNKNOWN_REFERENCE = "unknown-reference"
    DEPENDENCY_CYCLE = "dependency-cycle"
    UNKNOWN_MUNICIPALITY = "unknown-municipality"
    UNKNOWN_PARTY = "unknown-party"
    END_BEFORE_START = "end-before-start"
    PLAN_OF_RECORD = "plan-of-record"
    WAVE_SIZE = "wave-size"
    ID_MISMATCH = "id-mismatch"
    FUTURE_OBSERVATION = "future-observation"


WARNING_CODES = frozenset({Code.FUTURE_OBSERVATION})


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One problem in one place of one file."""

    code: Code
    file: str
    line: int
    column: int
    field: str
    message: str

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self.code in WARNING_CODES else Severity.ERROR

    def __str__(self) -> str:
        return format(self)


def format(problem: Problem) -> str:
    """``file:line:column: field.path: message [code]`` on one line (warnings say so)."""
    where = f"{_one_line(problem.file)}:{problem.line}:{problem.column}"
    field = f" {_one_line(problem.field)}:" if problem.field else ""
    prefix = "warning: " if problem.severity is Severity.WARNING else ""
    return f"{where}:{field} {prefix}{_one_line(problem.message)} [{problem.code.value}]"


# Values quoted in messages may hold line breaks or tabs; one problem stays one line.
_ESCAPES = {
    **{c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)},
    0x0A: "\\n",
    0x0D: "\\r",
    0x09: "\\t",
    0x85: "\\x85",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def _one_line(text: str) -> str:
    return text.translate(_ESCAPES)


def field_path(loc: Iterable[str | int]) -> str:
    """('waves', 1, 'end') -> 'waves[1].end'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def did_you_mean(word: str, choices: Iterable[str], *, case_insensitive: bool = True) -> str:
    """A ``; did you mean 'x'?`` suffix, or '' when nothing is close."""
    options = list(choices)
    if case_insensitive:
        folded = {c.casefold(): c for c in options}
        hits = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=0.6)
        hit = folded[hits[0]] if hits else None
    else:
        close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
        hit = close[0] if close else None
    return f"; did you mean '{hit}'?" if hit else ""


def has_errors(problems: Iterable[Problem]) -> bool:
    """True if any problem is an error (warnings alone leave a plan valid)."""
    return any(p.severity is Severity.ERROR for p in problems)
