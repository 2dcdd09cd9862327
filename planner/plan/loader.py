"""Load a data folder into typed records and a list of located problems.

Layout::

    <data>/portfolio.yaml           title, status date, meetings, programme order
    <data>/programmes/<id>.yaml     one programme per file
    <data>/vendors.yaml             vendors and their readiness
    <data>/reference/               municipalities.csv, municipalities.geojson

One broken file never stops the others: :func:`load` returns every valid
programme and vendor together with all problems found, each located as
``file:line:column: field.path``. Paths are reported as the user gave them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from planner.plan import (
    checks,
    findings,
    folder_layout,
    model,
    parse_cache,
    pydantic_errors,
    reference,
)
from planner.plan.file_reader import FileReader, shown_path
from planner.plan.problems import WARNING_CODES, Code, Problem, did_you_mean, has_errors

DEFAULT_DATA_DIR = Path(__file__).resolve().parents[2] / "data"
ENV_VAR = "PLANNER_DATA"


def data_dir(arg: str | None = None) -> str:
    """The data folder: the argument, else $PLANNER_DATA, else the shipped ``data/``."""
    return arg or os.environ.get(ENV_VAR) or str(DEFAULT_DATA_DIR)


@dataclass(frozen=True)
class SourceFile:
    """One plan file as read: its path as given and a hash of its bytes."""

    path: str
    sha256: str


@dataclass(frozen=True)
class Plan:
    """Everything loaded from one data folder."""

    data_dir: str
    portfolio: model.Portfolio
    programmes: tuple[model.Programme, ...]
    vendors: tuple[model.Vendor, ...]
    reference: reference.Reference
    problems: tuple[Problem, ...]
    files: tuple[SourceFile, ...] = ()
    programme_files: dict[str, str] = field(default_factory=dict)
    # each loaded vendor's position in vendors.yaml, by id (vendors a check refused are not loaded, so the
    # positions in ``vendors`` are not the file's): where a later check locates what it finds
    vendor_index: dict[str, int] = field(default_factory=dict)
    # What this plan was made from (a hash of the data files' bytes, and of any filter applied after
    # loading), given by whoever loaded it; empty for a plan loaded by hand. A cache keys on it.
    version: str = ""

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)

    @property
    def status_date(self) -> dt.date:
        return self.portfolio.status_date.first

    def programme(self, programme_id: str) -> model.Programme | None:
        return next((p for p in self.programmes if p.id == programme_id), None)


# ------------------------------------------------------------ the folder


def _load_portfolio(base: str, problems: list[Problem], files: list[SourceFile]) -> model.Portfolio | None:
    reader = FileReader(
        Path(base) / folder_layout.PORTFOLIO_FILE,
        shown_path(base, folder_layout.PORTFOLIO_FILE),
        "a data folder needs portfolio.yaml with at least 'title' and 'status_date'",
    )
    data = reader.read()
    portfolio = reader.validate(model.Portfolio, data) if data is not None else None
    problems += reader.problems
    if reader.sha256:
        files.append(SourceFile(reader.shown, reader.sha256))
    return portfolio


def _load_programme(
    path: Path, shown: str, ref: reference.Reference, status: dt.date | None, documents: frozenset[str] | None
) -> tuple[model.Programme | None, FileReader]:
    reader = FileReader(path, shown)
    data = reader.read()
    prog = reader.validate(model.Programme, data) if data is not None else None
    if prog is not None:
        for finding in checks.programme(prog, ref, path.stem, status, documents):
            reader.finding(finding)
        prog = None if has_errors(reader.problems) else _canonical_regions(prog, ref)
    return prog, reader


def _canonical_regions(prog: model.Programme, ref: reference.Reference) -> model.Programme:
    """Regions by the reference's names ('Region Hovedstaden' is 'Hovedstaden'), in breakdowns and in
    a wave's parties, so each region is one party and shows once."""

    def region(name: str) -> str:
        return ref.region(name) or name

    same = all(region(r) == r for o in prog.observations for r in o.breakdown) and all(
        region(p) == p for s in prog.scenarios for w in s.waves for p in w.parties
    )
    if same:
        return prog
    observations = [
        o.model_copy(update={"breakdown": {region(r): v for r, v in o.breakdown.items()}}) for o in prog.observations
    ]
    scenarios = [
        s.model_copy(
            update={
                "waves": [
                    w.model_copy(update={"parties": list(dict.fromkeys(map(region, w.parties)))}) for w in s.waves
                ]
            }
        )
        for s in prog.scenarios
    ]
    return prog.model_copy(update={"observations": observations, "scenarios": scenarios})


def _load_vendors(
    base: str,
    programmes: dict[str, model.Programme],
    programme_ids: list[str],
    problems: list[Problem],
    files: list[SourceFile],
    documents: frozenset[str] | None = None,
) -> list[tuple[int, model.Vendor]]:
    """The vendors that pass their checks, each with its position in the file."""
    path = Path(base) / folder_layout.VENDORS_FILE
    if not path.exists():
        return []
    reader = FileReader(path, shown_path(base, folder_layout.VENDORS_FILE))
    data = reader.read()
    if reader.sha256:
        files.append(SourceFile(reader.shown, reader.sha256))
    if data is None:
        problems += reader.problems
        return []
    raw_list = data.get("vendors", [])
    extra = [k for k in data if k != "vendors"]
    for key in extra:
        reader.at(
            (key,),
            Code.UNKNOWN_KEY,
            f"unknown key '{key}'{did_you_mean(key, ['vendors']) or '; allowed: vendors'}",
            key=True,
        )
    if not isinstance(raw_list, list):
        reader.at(("vendors",), Code.WRONG_TYPE, f"expected a list, got {pydantic_errors.describe(raw_list)}")
        problems += reader.problems
        return []
    # Validate vendor by vendor, so one bad entry does not hide the others.
    parsed: list[tuple[int, model.Vendor]] = []
    for i, raw in enumerate(raw_list):
        vendor = reader.validate(model.Vendor, raw, prefix=("vendors", i))
        if vendor is not None:
            parsed.append((i, vendor))
    bad: set[int] = set()
    for local_index, finding in checks.vendors([v for _, v in parsed], programmes, programme_ids, documents):
        original = parsed[local_index][0]
        reader.finding(
            findings.CheckFinding(("vendors", original, *finding.loc[2:]), finding.code, finding.message, finding.args)
        )
        if finding.code not in WARNING_CODES:  # a warning keeps the vendor in view
            bad.add(local_index)
    problems += reader.problems
    return [item for li, item in enumerate(parsed) if li not in bad]


def _signature(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_mtime_ns, info.st_size


@functools.lru_cache(maxsize=8)
def _boundaries_problem(path: str, mtime_ns: int, size: int) -> tuple[int, int, str] | None:
    """The boundaries checked once per version of the file (it is large)."""
    del mtime_ns, size  # the cache key
    return reference.boundaries_problem(Path(path))


def _reference(base: str, problems: list[Problem]) -> reference.Reference:
    own = Path(base) / folder_layout.REFERENCE_DIR
    try:
        ref = reference.load(
            own if (own / "municipalities.csv").exists() else DEFAULT_DATA_DIR / folder_layout.REFERENCE_DIR
        )
        path = ref.boundaries_path
        found = _boundaries_problem(str(path), *_signature(path)) if path is not None else None
        if found is None:
            return ref
        line, column, message = found
        problems.append(Problem(code=Code.BAD_REFERENCE, file=shown_path(base, folder_layout.REFERENCE_DIR, "municipalities.geojson"),
                                line=line, column=column, field="", message=message))  # fmt: skip
        return dataclasses.replace(ref, boundaries_path=None)  # the map says it cannot be drawn; the rest stands
    except reference.ReferenceError as exc:
        problems.append(
            Problem(
                code=Code.FILE_MISSING,
                file=shown_path(base, folder_layout.REFERENCE_DIR),
                line=1,
                column=1,
                field="",
                message=str(exc),
            )
        )
        return reference.Reference(municipalities=())


def load(base: str) -> Plan:
    """Load a data folder; never raises for bad data.

    Files unchanged since an earlier load (same bytes) are not parsed or
    validated again; the result is the same as a fresh load's. The garbage
    collector is left as it is: in the app's threaded server, switching it off
    for one load would switch it off for every session (a one-process tool
    may wrap the call in :func:`parse_cache.gc_paused`).
    """
    problems: list[Problem] = []
    files: list[SourceFile] = []
    ref = _reference(base, problems)
    portfolio = _load_portfolio(base, problems, files)
    status = portfolio.status_date.first if portfolio else None
    documents = frozenset(d.id for d in portfolio.sources) if portfolio else None
    programmes: dict[str, model.Programme] = {}
    programme_files: dict[str, str] = {}
    prog_dir = Path(base) / folder_layout.PROGRAMMES_DIR
    paths = sorted(prog_dir.glob("*.yaml")) + sorted(prog_dir.glob("*.yml")) if prog_dir.is_dir() else []
    for path in paths:
        shown = shown_path(base, folder_layout.PROGRAMMES_DIR, path.name)
        prog, reader = _load_programme(path, shown, ref, status, documents)
        problems += reader.problems
        if reader.sha256:
            files.append(SourceFile(shown, reader.sha256))
        if prog is not None and prog.id in programmes:  # e.g. x.yaml next to x.yml
            reader.at(
                ("id",),
                Code.DUPLICATE_ID,
                f"programme id '{prog.id}' is also used by {programme_files[prog.id]}; remove one of the files",
            )
            problems.append(reader.problems[-1])
        elif prog is not None:
            programmes[prog.id] = prog
            programme_files[prog.id] = shown
    stems = [p.stem for p in paths]
    if portfolio is None:
        portfolio = model.Portfolio(title="Udrulningsplan", status_date=dt.date.today().isoformat())
    else:
        _check_order(base, portfolio, stems, problems)
    placed = _load_vendors(base, programmes, sorted(set(stems) | set(programmes)), problems, files, documents)
    order = list(dict.fromkeys(pid for pid in portfolio.programmes if pid in programmes))
    order += [pid for pid in programmes if pid not in order]
    # Grouped by file and in reading order, as a compiler lists them (the sort is stable).
    problems.sort(key=lambda p: (p.file, p.line, p.column))
    return Plan(
        data_dir=base,
        portfolio=portfolio,
        programmes=tuple(programmes[p] for p in order),
        vendors=tuple(v for _, v in placed),
        reference=ref,
        problems=tuple(problems),
        files=tuple(files),
        programme_files=programme_files,
        vendor_index={v.id: i for i, v in placed},
    )


def _check_order(base: str, portfolio: model.Portfolio, stems: list[str], problems: list[Problem]) -> None:
    path = Path(base) / folder_layout.PORTFOLIO_FILE
    reader = FileReader(path, shown_path(base, folder_layout.PORTFOLIO_FILE))
    listed = [
        findings.CheckFinding(
            ("programmes", i),
            Code.UNKNOWN_REFERENCE,
            f"unknown programme '{pid}'"
            + (did_you_mean(pid, stems) or f"; there is no {folder_layout.PROGRAMMES_DIR}/{pid}.yaml"),
        )
        for i, pid in enumerate(portfolio.programmes)
        if pid not in stems
    ]
    listed += [
        findings.CheckFinding(("programmes", i), Code.DUPLICATE_ID, f"programme '{pid}' is listed twice; keep one")
        for i, pid in enumerate(portfolio.programmes)
        if pid in portfolio.programmes[:i]
    ]
    if listed:
        reader.read()  # for the positions
        for finding in listed:
            reader.finding(finding)
    problems += reader.problems


clear_cache = parse_cache.clear_cache
cache_info = parse_cache.cache_info
