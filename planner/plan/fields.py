"""The field types and base records every plan record is built of: dates as written, ids, texts and names
(no invisible or control characters), a source, a cited record (its source and which values are estimates),
a wave's planned size. :mod:`planner.plan.model` builds the plan's records from them."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError

from planner.plan import dates
from planner.plan.dates import FuzzyDate
from planner.plan.problems import did_you_mean


def _to_date(value: Any) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        return value
    try:
        return dates.parse(value)
    except dates.DateError as exc:
        raise PydanticCustomError("bad_date", str(exc)) from None


DATE_PATTERN = r"^(\d{4}(-\d{1,2}(-\d{1,2})?)?|\d{4}-?[Qq][1-4]|[Qq][1-4][ -]\d{4}|\d{4}-?[Ww]\d{1,2})$"

Date = Annotated[
    FuzzyDate,
    PlainValidator(_to_date),
    PlainSerializer(lambda d: d.text, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "pattern": DATE_PATTERN}, {"type": "integer"}],
            "description": "2025-12-01, 2025-12, 2025-Q4, Q4 2025, 2025-W48 or 2025",
        }
    ),
]

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=64,
        description="lower-case letters, digits, '-' and '_'",
    ),
]


def _visible(allowed: str) -> Any:
    """A check that text holds no control or invisible formatting character (zero-width, right-to-left override)."""

    def check(text: str) -> str:
        bad = next((c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c not in allowed), None)
        if bad is not None:
            raise ValueError(
                f"holds the invisible character U+{ord(bad):04X} ({unicodedata.name(bad, 'control character')}); "
                "retype the text without it"
            )
        return text

    return AfterValidator(check)


Text = Annotated[str, Field(max_length=2000), _visible("\n\t")]
Name = Annotated[str, Field(min_length=1, max_length=200), _visible("")]


class Record(BaseModel):
    """Base for all plan records: immutable, unknown keys rejected."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False, allow_inf_nan=False)


class Source(Record):
    """Where a value comes from: a document of the portfolio's ``sources``, the slide or page, a short quote."""

    doc: Id = Field(description="id of a document in portfolio.yaml's 'sources'")
    slide: Annotated[str, Field(max_length=200)] | None = Field(default=None, description="slide title or number")
    page: int | None = Field(default=None, ge=1)
    quote: Text = Field(default="", description="the words of the source, short")


Cite = Annotated[
    Source | Text,
    Field(description="a source: {doc, slide, page, quote}, or a few words such as 'telefon med KMD 3. marts'"),
]


class Cited(Record):
    """A record that can say where it comes from, and which of its values are not from a source.

    ``source`` on a record covers it and everything inside it that has no
    source of its own. ``estimate: true`` marks the whole record as not from a
    source; ``estimated`` names the fields that are inferred when only some are
    (e.g. a readiness whose date is read from a proposal).
    """

    source: Cite | None = None
    estimate: bool = Field(default=False, description="true when the record is not from a source (an assumption)")
    estimated: list[str] = Field(default=[], description="fields inferred rather than stated, e.g. [ready_by]")

    def inferred(self, name: str) -> bool:
        """Whether the value of field ``name`` is an estimate (the whole record, or that field)."""
        return self.estimate or name in self.estimated

    def inferred_any(self, *names: str) -> bool:
        """Whether any of the fields ``names`` is an estimate (a phase's start or end, say)."""
        return any(self.inferred(n) for n in names)

    @field_validator("estimated")
    @classmethod
    def _known_fields(cls, names: list[str]) -> list[str]:
        own = [f for f in cls.model_fields if f not in ("source", "estimate", "estimated")]
        unknown = next((n for n in names if n not in own), None)
        if unknown is not None:
            raise PydanticCustomError(
                "bad_value",
                "'{name}' is not a field of this record{hint}",
                {"name": unknown, "hint": did_you_mean(unknown, own) or "; use " + ", ".join(own)},
            )
        return names


_SIZE = re.compile(r"^\s*(?P<ca>(?:ca\.?|~)\s*)?(\d+)\s*(?:(?:-|–|\.\.)\s*(\d+)\s*)?$", re.IGNORECASE)


class WaveSize(tuple[int, int]):
    """A planned wave size, ``(low, high)``: 10, 25-30, or 'ca. 10' when the source gives it as approximate."""

    approx: bool

    def __new__(cls, low: int, high: int, approx: bool = False) -> WaveSize:
        size = super().__new__(cls, (low, high))
        size.approx = approx
        return size

    def __str__(self) -> str:
        exact = str(self[0]) if self[0] == self[1] else f"{self[0]}-{self[1]}"
        return f"ca. {exact}" if self.approx else exact


def _to_size(value: Any) -> WaveSize:
    if isinstance(value, bool):
        raise PydanticCustomError("bad_size", "size must be a number like 10 or a range like 25-30")
    if isinstance(value, WaveSize):
        return value
    if isinstance(value, int) and value >= 0:
        return WaveSize(value, value)
    if isinstance(value, str) and (m := _SIZE.match(value)) and (m[3] is None or int(m[2]) <= int(m[3])):
        return WaveSize(int(m[2]), int(m[3] or m[2]), approx=bool(m["ca"]))
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return _to_size(f"{value[0]}-{value[1]}")
    raise PydanticCustomError(
        "bad_size",
        "'{value}' is not a size; write a number like 10, a range like 25-30 or 'ca. 10'",
        {"value": value},
    )


Size = Annotated[
    WaveSize,
    PlainValidator(_to_size),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": r"^(?:[Cc]a\.? ?|~)?\d+(?:-\d+)?$"},
            ]
        }
    ),
]
