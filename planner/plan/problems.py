"""Problems found in plan files, and how they are written for people.

Every problem has a stable code (tests and users can rely on it), a severity,
the file as the user named it, a line and column, the field path and a
message. The single place that turns a problem into text is :func:`format`.
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
import functools
import heapq
from collections.abc import Iterable, Iterator
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
    BAD_REFERENCE = "bad-reference-file"  # the municipality boundaries cannot be drawn
    FILE_TOO_LARGE = "file-too-large"
    NOT_UTF8 = "not-utf8"
    YAML_SYNTAX = "yaml-syntax"
    MERGE_CONFLICT = "merge-conflict"  # git's <<<<<<< ======= >>>>>>> left in the file
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
    BREAKDOWN_EXCEEDS_TOTAL = "breakdown-exceeds-total"
    NO_SOURCE = "no-source"  # validate --strict only: neither a source nor an estimate flag
    MISQUOTED = "misquoted"  # validate --strict only: a quote that is not in its document's text
    # the plan checks itself (warnings)
    GO_LIVE_BEFORE_WORK_ENDS = "go-live-before-work-ends"
    STARTS_BEFORE_PREDECESSOR_ENDS = "starts-before-predecessor-ends"
    MILESTONE_BEFORE_WAVE = "milestone-before-wave"
    GO_LIVE_BEFORE_PREDECESSOR = "go-live-before-predecessor"  # a wave goes live before a wave it follows
    NOT_READY_BY_GO_LIVE = "not-ready-by-go-live"


WARNING_CODES = frozenset(
    {
        Code.FUTURE_OBSERVATION,
        Code.BREAKDOWN_EXCEEDS_TOTAL,
        Code.NO_SOURCE,
        Code.MISQUOTED,
        Code.GO_LIVE_BEFORE_WORK_ENDS,
        Code.STARTS_BEFORE_PREDECESSOR_ENDS,
        Code.MILESTONE_BEFORE_WAVE,
        Code.GO_LIVE_BEFORE_PREDECESSOR,
        Code.NOT_READY_BY_GO_LIVE,
    }
)


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One problem in one place of one file."""

    code: Code
    file: str
    line: int
    column: int
    field: str
    message: str
    # the values the message names, for a message in another language (planner.presentation.problem_text)
    args: tuple[tuple[str, str], ...] = ()

    @property
    def severity(self) -> Severity:
        return Severity.WARNING if self.code in WARNING_CODES else Severity.ERROR

    def __str__(self) -> str:
        return format(self)


def one_line(text: str) -> str:
    """``text`` fit for one line of a terminal: line breaks, control characters and escapes shown, not obeyed."""
    return _one_line(text)


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
    # invisible formatting: zero-width, joiners, right-to-left and other direction overrides, byte-order mark
    **{
        c: f"<U+{c:04X}>"
        for c in (
            0x00AD,
            *range(0x200B, 0x2010),
            *range(0x202A, 0x202F),
            *range(0x2060, 0x2065),
            *range(0x2066, 0x206A),
            0xFEFF,
        )
    },
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
    """A ``; did you mean 'x'?`` suffix, or '' when nothing is close.

    Bounded in cost whatever the input: the choices are indexed once by
    their three-letter pieces, only the few that share the most pieces with
    the word are compared in full, and answers are remembered.
    """
    budget = _BUDGET.get()
    if budget is not None:
        if budget[0] <= 0:
            return ""
        budget[0] -= 1
    options = choices if isinstance(choices, tuple) else tuple(choices)
    return _suggest(word[:_WORD_MAX], _Index.of(options, case_insensitive))


_BUDGET: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("suggestions", default=None)


@contextlib.contextmanager
def suggestions(limit: int) -> Iterator[None]:
    """At most ``limit`` did-you-means inside the block (one file's checks): a flood of unknown names stays cheap."""
    token = _BUDGET.set([limit])
    try:
        yield
    finally:
        _BUDGET.reset(token)


_WORD_MAX = 100  # longer words are cut before comparing: no name is that long
_CANDIDATES = 4  # choices compared in full per word
_SMALL = 16  # up to this many choices, every one is compared


@dataclass(frozen=True, eq=False)  # hashed by identity: one index per list of choices (see of)
class _Index:
    choices: tuple[str, ...]
    folded: tuple[str, ...]
    case_insensitive: bool
    pieces: dict[str, tuple[int, ...]]

    @staticmethod
    @functools.lru_cache(maxsize=64)
    def of(choices: tuple[str, ...], case_insensitive: bool) -> _Index:
        folded = tuple(c.casefold() if case_insensitive else c for c in choices)
        pieces: dict[str, list[int]] = {}
        for i, text in enumerate(folded):
            for piece in _pieces(text):
                pieces.setdefault(piece, []).append(i)
        return _Index(choices, folded, case_insensitive, {k: tuple(v) for k, v in pieces.items()})


def _pieces(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


@functools.lru_cache(maxsize=20_000)
def _suggest(word: str, index: _Index) -> str:
    key = word.casefold() if index.case_insensitive else word
    pieces = _pieces(key)
    counts: dict[int, int] = {}
    for piece in pieces:
        for i in index.pieces.get(piece, ()):
            counts[i] = counts.get(i, 0) + 1
    enough = max(2, len(pieces) // 3)  # a close match shares at least this many pieces
    if len(index.choices) <= _SMALL:  # few choices: compare them all (short swaps such as EJP/EPJ share no pieces)
        ranked = [(i, enough) for i in range(len(index.choices))]
    else:
        ranked = heapq.nlargest(_CANDIDATES, counts.items(), key=lambda item: item[1])
    cutoff = 0.6  # difflib's default
    best: tuple[float, str, int] | None = None  # ties go to the larger text, as in difflib.get_close_matches
    for i, count in ranked:
        if count < enough:
            break
        matcher = difflib.SequenceMatcher(None, key, index.folded[i])
        if matcher.real_quick_ratio() >= cutoff and matcher.quick_ratio() >= cutoff:
            ratio = matcher.ratio()
            if ratio >= cutoff and (best is None or (ratio, index.folded[i]) > best[:2]):
                best = (ratio, index.folded[i], i)
    return f"; did you mean '{index.choices[best[2]]}'?" if best else ""


def has_errors(problems: Iterable[Problem]) -> bool:
    """True if any problem is an error (warnings alone leave a plan valid)."""
    return any(p.severity is Severity.ERROR for p in problems)
