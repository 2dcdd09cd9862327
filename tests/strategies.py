"""Hypothesis strategies for valid but extreme plans, written out as a data folder.

``data_folders()`` draws a whole data folder (portfolio, programmes, vendors)
as plain dicts: empty and huge programmes, long names in any script, every
date equal, every optional field absent or present, scenarios whose waves have
no phases, observations without targets, dates at the far ends of what a plan
may hold. :func:`write` puts one into a folder beside the shipped reference
data. What is drawn is meant to be accepted by the loader; the test that uses
it checks that and then renders every page from it.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from planner.plan.yamlsafe import reads_as_text_everywhere

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "data" / "reference"
with (REFERENCE / "municipalities.csv").open(encoding="utf-8") as _f:
    _ROWS = list(csv.DictReader(_f))
MUNICIPALITIES = [row["name"] for row in _ROWS]
REGIONS = sorted({row["region_name"] for row in _ROWS})
PARTIES = ["EOJ", "EPJ", "LPS", *REGIONS, *MUNICIPALITIES[:5], "Region Hovedstaden"]

# Letters, digits, punctuation, symbols and spaces of any script; never control, format or line/paragraph separators.
_CHARS = st.characters(
    categories=["Lu", "Ll", "Lt", "Lo", "Lm", "Mn", "Nd", "No", "Pc", "Pd", "Ps", "Pe", "Po", "Sm", "Sc", "So", "Zs"]
)
_WORDS = st.sampled_from(
    ["Bølge", "Ærø", "Idriftsættelse", "Test", "FHIR", "x", "Måløv – Øst", "«Pilot»", "日本語", "שלום", "🙂"]
)


def names(max_size: int = 200) -> st.SearchStrategy[str]:
    """A name: short and Danish, or anything printable up to ``max_size`` characters."""
    return st.one_of(
        _WORDS,
        st.text(_CHARS, min_size=1, max_size=max_size).filter(
            lambda s: s.strip() != "" and len(unicodedata.normalize("NFC", s)) <= max_size  # as the loader reads it
        ),
        st.just("Å" * max_size),  # as long as allowed
    )


def ids(prefix: str, n: int) -> st.SearchStrategy[list[str]]:
    """``n`` distinct ids: short, or as long as an id may be (64 characters)."""
    return st.sampled_from(["", "x" * 50 + "-"]).map(lambda stem: [f"{stem}{prefix}{i}"[-64:] for i in range(n)])


_FAR = [dt.date(1900, 1, 1), dt.date(2099, 12, 31), dt.date(2024, 2, 29)]


@st.composite
def date_texts(draw: st.DrawFn, low: dt.date, high: dt.date) -> tuple[dt.date, str]:
    """A day between ``low`` and ``high`` and one way a plan may write it (day, month, quarter, week or year)."""
    day = draw(st.one_of(st.dates(low, high), st.sampled_from([d for d in _FAR if low <= d <= high] or [low])))
    form = draw(st.sampled_from(["day", "day", "month", "quarter", "year", "week"]))
    if form == "month":
        return day, f"{day.year}-{day.month:02d}"
    if form == "quarter":
        return day, f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if form == "year":
        return day, str(day.year)
    if form == "week" and 1 < day.isocalendar().week < 52 and day.isocalendar().year == day.year:
        return day, f"{day.year}-W{day.isocalendar().week:02d}"
    return day, day.isoformat()


class Dates:
    """Draws every date of one plan: spread out, or (``same``) all the same day written the same way."""

    def __init__(self, draw: st.DrawFn, same: bool) -> None:
        self.draw, self.same = draw, same
        self.fixed = draw(date_texts(dt.date(2000, 1, 1), dt.date(2040, 12, 31)))[1] if same else None

    def one(self) -> str:
        return self.fixed or self.draw(date_texts(dt.date(1900, 1, 1), dt.date(2099, 12, 31)))[1]

    def pair(self) -> tuple[str, str]:
        """A start and an end, the end not before the start's last day (an end must not precede its start)."""
        if self.fixed:
            return self.fixed, self.fixed
        start, text = self.draw(date_texts(dt.date(1900, 1, 1), dt.date(2098, 12, 31)))
        _, end = self.draw(date_texts(dt.date(start.year + 1, 1, 1), dt.date(2099, 12, 31)))
        return text, end


def _maybe(draw: st.DrawFn, record: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    """Set ``key`` or leave it out: every optional field is absent or present."""
    if draw(st.booleans()):
        record[key] = draw(strategy)


@st.composite
def scenario(draw: st.DrawFn, sid: str, days: Dates, huge: bool) -> dict[str, Any]:
    n_waves = draw(st.integers(1, 12 if huge else 3))
    wave_ids = draw(ids("w", n_waves))
    waves = []
    for wi, wid in enumerate(wave_ids):
        n_phases = draw(st.integers(0, 40 if huge else 3))
        phase_ids = draw(ids("p", n_phases))
        phases = []
        for pi, pid in enumerate(phase_ids):
            start, end = days.pair()
            phase: dict[str, Any] = {"id": pid, "name": draw(names()), "start": start, "end": end}
            _maybe(draw, phase, "estimate", st.booleans())
            _maybe(draw, phase, "percent_complete", st.one_of(st.sampled_from([0, 100]), st.floats(0, 100)))
            if pi and draw(st.booleans()):  # only on earlier phases: a chain, never a cycle
                phase["after"] = [phase_ids[draw(st.integers(0, pi - 1))]]
            _maybe(draw, phase, "note", names(2000))
            phases.append(phase)
        wave: dict[str, Any] = {"id": wid, "name": draw(names())}
        _maybe(draw, wave, "parties", st.lists(st.sampled_from(PARTIES), max_size=6))
        if phases:
            wave["phases"] = phases
        if draw(st.booleans()):
            wave["milestones"] = [
                {"name": draw(names()), "date": days.one(), "kind": draw(st.sampled_from(_KINDS))}
                | ({"estimate": True} if draw(st.booleans()) else {})
                for _ in range(draw(st.integers(0, 4)))
            ]
        if wi and draw(st.booleans()):
            wave["after"] = [wave_ids[wi - 1]]
        waves.append(wave)
    out: dict[str, Any] = {"id": sid, "name": draw(names()), "waves": waves}
    _maybe(draw, out, "description", names(2000))
    _maybe(draw, out, "conversion_note", names(500))
    return out


_KINDS = ["go-live", "decision", "meeting", "pilot", "other"]
_STATES = ["unassigned", "planned", "onboarding", "live"]


@st.composite
def metrics_and_counts(draw: st.DrawFn, days: Dates) -> dict[str, Any]:
    """Metrics, targets for some of them, and observations (with or without targets, with or without regions)."""
    metric_ids = draw(ids("m", draw(st.integers(0, 3))))
    out: dict[str, Any] = {}
    if not metric_ids:
        return out
    out["metrics"] = [{"id": m, "name": draw(names()), "unit": draw(names(40))} for m in metric_ids]
    targeted = draw(st.lists(st.sampled_from(metric_ids), unique=True))
    if targeted:
        out["targets"] = []
        for i, metric in enumerate(targeted):
            start, due = days.pair()
            target = {"id": f"t{i}", "metric": metric, "target": draw(st.integers(1, 10**9)), "start": start}
            target["due"] = due
            _maybe(draw, target, "estimate", st.booleans())
            _maybe(draw, target, "denominator", names(80))
            out["targets"].append(target)
    observed = sorted({days.one() for _ in range(draw(st.integers(0, 6)))})
    if observed:
        out["observations"] = []
        for date in observed:
            values = {m: draw(st.integers(0, 10**9)) for m in draw(st.lists(st.sampled_from(metric_ids), unique=True))}
            obs: dict[str, Any] = {"date": date, "values": values}
            if len(values) > 0 and draw(st.booleans()):
                regions = draw(st.lists(st.sampled_from(REGIONS), unique=True, max_size=5))
                obs["breakdown"] = {r: {m: v // max(len(regions), 1) for m, v in values.items()} for r in regions}
            _maybe(draw, obs, "estimate", st.booleans())
            out["observations"].append(obs)
    return out


@st.composite
def onboarding(draw: st.DrawFn, days: Dates) -> dict[str, Any]:
    out: dict[str, Any] = {}
    _maybe(draw, out, "duration_months", st.one_of(st.integers(1, 120), st.floats(0.1, 120)))
    _maybe(draw, out, "capacity", st.integers(1, 98))
    pool = draw(st.permutations(MUNICIPALITIES))
    n_waves = draw(st.integers(0, 5))
    taken = 0
    waves = []
    for i in range(n_waves):
        size = draw(st.integers(0, 98 - taken)) if i == n_waves - 1 else draw(st.integers(0, 20))
        members, taken = pool[taken : taken + size], taken + min(size, 98 - taken)
        wave: dict[str, Any] = {"id": f"onb{i}", "name": draw(names())}
        if members:
            wave["members"] = members
        _maybe(draw, wave, "size", st.just(f"{len(members)}-{len(members) + 5}"))
        if draw(st.booleans()):
            wave["start"], wave["end"] = days.pair()
        waves.append(wave)
    if waves:
        out["waves"] = waves
    statuses = draw(st.lists(st.sampled_from(MUNICIPALITIES), unique=True, max_size=98))
    if statuses:
        out["status"] = [
            {"municipality": m, "state": draw(st.sampled_from(_STATES))}
            | ({"date": days.one()} if draw(st.booleans()) else {})
            for m in statuses
        ]
    return out


@st.composite
def programme(draw: st.DrawFn, pid: str, days: Dates) -> dict[str, Any]:
    huge = draw(st.integers(0, 9)) == 0
    scenario_ids = draw(ids("s", draw(st.integers(1, 4))))
    scenarios = [draw(scenario(sid, days, huge)) for sid in scenario_ids]
    scenarios[draw(st.integers(0, len(scenarios) - 1))]["plan_of_record"] = True
    for n, drawn in enumerate(scenarios[1:], start=1):  # scenario names are unique in a programme (a check says so)
        if " ".join(drawn["name"].casefold().split()) in {
            " ".join(o["name"].casefold().split()) for o in scenarios[:n]
        }:
            suffix = f" ({drawn['id']})"
            drawn["name"] = drawn["name"][: 200 - len(suffix)] + suffix
    out: dict[str, Any] = {"id": pid, "name": draw(names()), "owner": draw(names()), "scenarios": scenarios}
    _maybe(draw, out, "short_name", names(40))
    _maybe(draw, out, "source", st.just({"doc": "deck", "page": 2}))
    _maybe(draw, out, "summary", names(2000))
    _maybe(
        draw,
        out,
        "rag",
        st.fixed_dictionaries({"status": st.sampled_from(["red", "amber", "green"]), "reason": names()}),
    )
    if draw(st.booleans()):
        out["milestones"] = [
            {"name": draw(names()), "date": days.one(), "kind": draw(st.sampled_from(_KINDS))}
            for _ in range(draw(st.integers(0, 5)))
        ]
    out |= draw(metrics_and_counts(days))
    if draw(st.booleans()):
        out["onboarding"] = draw(onboarding(days))
    return out


@st.composite
def vendors(draw: st.DrawFn, programmes: list[dict[str, Any]], days: Dates) -> dict[str, Any]:
    out = []
    for vid in draw(ids("v", draw(st.integers(0, 8)))):
        vendor: dict[str, Any] = {
            "id": vid,
            "name": draw(names()),
            "kind": draw(st.sampled_from(["EOJ", "EPJ", "LPS", "other"])),
        }
        _maybe(draw, vendor, "system", names(80))
        readiness = []
        for prog in draw(st.lists(st.sampled_from(programmes), unique_by=lambda p: p["id"])) if programmes else []:
            ready: dict[str, Any] = {"programme": prog["id"]}
            _maybe(draw, ready, "state", st.sampled_from(["ready", "on-track", "at-risk", "late", "unknown"]))
            por = next(s for s in prog["scenarios"] if s.get("plan_of_record"))
            _maybe(draw, ready, "wave", st.sampled_from([w["id"] for w in por["waves"]]))
            if draw(st.booleans()):
                ready["ready_by"] = days.one()
            _maybe(draw, ready, "preferred_scenario", st.sampled_from([s["id"] for s in prog["scenarios"]]))
            if draw(st.booleans()):
                ready["as_of"] = days.one()
            if draw(st.booleans()):
                ready["not_before"] = days.one()
            _maybe(
                draw, ready, "estimated", st.lists(st.sampled_from(["state", "ready_by", "not_before"]), unique=True)
            )
            _maybe(
                draw, ready, "source", st.sampled_from([{"doc": "deck", "slide": "3", "quote": "«klar»"}, "telefon"])
            )
            _maybe(draw, ready, "source", names(200))
            _maybe(draw, ready, "estimate", st.booleans())
            _maybe(draw, ready, "note", names(500))
            readiness.append(ready)
        if readiness:
            vendor["readiness"] = readiness
        out.append(vendor)
    return {"vendors": out}


@st.composite
def data_folders(draw: st.DrawFn) -> dict[str, dict[str, Any]]:
    """File name -> content of one data folder (reference data not included)."""
    days = Dates(draw, same=draw(st.integers(0, 5)) == 0)
    programme_ids = draw(ids("prog", draw(st.integers(0, 3))))
    programmes = [draw(programme(pid, days)) for pid in programme_ids]
    portfolio: dict[str, Any] = {"title": draw(names()), "status_date": days.one(), "programmes": programme_ids}
    portfolio["sources"] = [{"id": "deck", "title": draw(names())}]  # what the drawn sources cite
    _maybe(draw, portfolio, "source", names(500))
    if draw(st.booleans()):
        portfolio["meetings"] = [{"date": days.one(), "name": draw(names())} for _ in range(draw(st.integers(0, 3)))]
    files = {"portfolio.yaml": portfolio, "vendors.yaml": draw(vendors(programmes, days))}
    files |= {f"programmes/{p['id']}.yaml": p for p in programmes}
    return files


class _Dumper(yaml.SafeDumper):
    """Quotes text that a YAML 1.2 reader would take for a number (PyYAML, being YAML 1.1, writes 1e100 plain)."""


_Dumper.add_representer(
    str,
    lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style=None if reads_as_text_everywhere(text) else '"'
    ),
)


def write(files: dict[str, dict[str, Any]], folder: Path) -> Path:
    """The drawn files as YAML in ``folder``, with a copy of the shipped reference data."""
    (folder / "programmes").mkdir(parents=True)
    shutil.copytree(REFERENCE, folder / "reference")
    for name, content in files.items():
        text = yaml.dump(content, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
        (folder / name).write_text(text, encoding="utf-8")
    return folder
