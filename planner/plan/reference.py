"""Reference data for Denmark: the 98 municipalities, 5 regions, boundaries.

Read from ``<data>/reference/`` (copied from the project's shared reference
data with its attribution in ``SOURCES.md``). Join on the municipality code,
never on the name; names are matched case-insensitively for people's input.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from planner.plan import folder_layout, safefile
from planner.plan.problems import Code

CSV_LIMIT = 1_000_000
BOUNDARIES_LIMIT = 50_000_000  # the shipped outlines are half a megabyte

ATTRIBUTION = "Kommunegrænser: Geodatastyrelsen (nu Klimadatastyrelsen), DAGI 1:500.000, 2014"
ATTRIBUTION_EN = "Boundaries: Geodatastyrelsen (now Klimadatastyrelsen), DAGI 1:500,000, 2014"


@dataclass(frozen=True)
class Municipality:
    """One of the 98 municipalities."""

    code: str
    name: str
    region_code: str
    region: str


class ReferenceError(Exception):
    """The reference data is missing or malformed."""


@dataclass(frozen=True)
class Reference:
    """Municipalities and regions, with lookups by name."""

    municipalities: tuple[Municipality, ...]
    boundaries_path: Path | None = None

    @cached_property
    def by_name(self) -> dict[str, Municipality]:
        return {m.name.casefold(): m for m in self.municipalities}

    @cached_property
    def names(self) -> tuple[str, ...]:
        """The municipalities' names, in the list's order."""
        return tuple(m.name for m in self.municipalities)

    @cached_property
    def regions(self) -> tuple[str, ...]:
        """Region names, west to east as Danes list them (by region code)."""
        pairs = sorted({(m.region_code, m.region) for m in self.municipalities})
        return tuple(name for _, name in pairs)

    def municipality(self, name: str) -> Municipality | None:
        """Look a municipality up by name, ignoring case and a 'Kommune' suffix."""
        key = name.strip().casefold().removesuffix(" kommune")
        return self.by_name.get(key)

    def region(self, name: str) -> str | None:
        """Canonical region name for 'Hovedstaden', 'Region Hovedstaden', any case."""
        key = name.strip().casefold().removeprefix("region ")
        return next((r for r in self.regions if r.casefold() == key), None)

    def boundaries(self) -> dict[str, Any]:
        """The GeoJSON FeatureCollection of municipality boundaries (``id`` = code)."""
        if self.boundaries_path is None:
            raise ReferenceError("no boundaries file")
        geo: dict[str, Any] = json.loads(read_text(self.boundaries_path, BOUNDARIES_LIMIT, "utf-8"))
        for feature in geo["features"]:
            feature["id"] = feature["properties"]["code"]
        return geo


def boundaries_problem(path: Path) -> tuple[int, int, str] | None:
    """(line, column, what is wrong) if the boundaries file cannot be drawn, else None."""
    try:
        geo = json.loads(read_text(path, BOUNDARIES_LIMIT, "utf-8-sig"))
    except json.JSONDecodeError as exc:
        return exc.lineno, exc.colno, f"not valid GeoJSON: {exc.msg}; restore the file from data/reference/SOURCES.md"
    except safefile.UnsafeFile as exc:
        return 1, 1, f"cannot read the boundaries: {exc}"
    except (OSError, UnicodeDecodeError) as exc:
        return 1, 1, f"cannot read the boundaries: {getattr(exc, 'strerror', None) or type(exc).__name__}"
    features = geo.get("features") if isinstance(geo, dict) else None
    if not isinstance(features, list) or not features:
        return 1, 1, "the boundaries hold no 'features'; restore the file from data/reference/SOURCES.md"
    if not all(isinstance(f, dict) and isinstance(f.get("properties"), dict) and "code" in f["properties"]
               and isinstance(f.get("geometry"), dict) for f in features):  # fmt: skip
        return (
            1,
            1,
            "a boundary has no 'properties.code' or no 'geometry'; restore the file from data/reference/SOURCES.md",
        )
    return None


def read_text(path: Path, limit: int, encoding: str) -> str:
    """A reference file's text: a regular file in its own folder, at most ``limit`` bytes (:mod:`safefile`)."""
    raw = safefile.read_bytes(path, path.parent, limit)
    if len(raw) > limit:
        raise safefile.UnsafeFile(Code.FILE_TOO_LARGE, f"the file is over {limit:,} bytes")
    return raw.decode(encoding)


def parse_municipalities(text: str) -> tuple[Municipality, ...]:
    """Parse ``municipalities.csv`` (code,name,region_code,region_name).

    Also as Excel saves it: with a byte-order mark ("CSV UTF-8") and with
    semicolons between the fields (Danish Excel's "CSV").
    """
    text = text.removeprefix("\ufeff")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return tuple(
        Municipality(
            code=row["code"],
            name=row["name"],
            region_code=row["region_code"],
            region=row["region_name"],
        )
        for row in rows
    )


def load(reference_dir: Path) -> Reference:
    """Load the reference folder; raise :class:`ReferenceError` if it is unusable."""
    csv_path = reference_dir / folder_layout.MUNICIPALITIES_FILE
    try:
        municipalities = parse_municipalities(read_text(csv_path, CSV_LIMIT, "utf-8"))
    except (OSError, KeyError, UnicodeDecodeError, safefile.UnsafeFile) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        raise ReferenceError(f"{csv_path}: cannot read the municipality list ({why})") from None
    geo = reference_dir / folder_layout.BOUNDARIES_FILE
    return Reference(municipalities=municipalities, boundaries_path=geo if geo.exists() else None)
