"""The normalised portfolio for Excel and Power BI: JSON and flat tables.

Every date is given as written, with its precision and the ISO day it
resolves to in its role (a start is the first day of the period, an end or
due date the last).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable
from typing import Any

from planner.analysis import decisions, onboarding, schedule
from planner.plan import model
from planner.plan.dates import FuzzyDate
from planner.plan.loader import Plan

TABLES = ("items", "readiness", "onboarding", "targets", "observations")
READINESS_ESTIMABLE = ("state", "ready_by", "not_before", "as_of")
TARGET_ESTIMABLE = ("start", "due", "target")


def _date(value: FuzzyDate | None, role: str = "start") -> dict[str, str] | None:
    if value is None:
        return None
    day = value.last if role == "end" else value.first
    return {"text": value.text, "precision": value.precision.value, "date": day.isoformat()}


def estimated(record: model.Cited, fields: Iterable[str]) -> list[str]:
    """Which of ``fields`` hold a value that is an estimate (the whole record's mark, or the field's own)."""
    return [f for f in fields if getattr(record, f, None) not in (None, [], "") and record.inferred(f)]


def _milestone(m: model.Milestone) -> dict[str, Any]:
    return {
        "id": m.id,
        "name": m.name,
        "kind": m.kind.value,
        "date": _date(m.date),
        "estimate": m.inferred("date"),
        "note": m.note,
    }


def _phase(p: model.Phase) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "start": _date(p.start),
        "end": _date(p.end, "end"),
        "estimate": p.inferred_any("start", "end"),
        "estimated": estimated(p, ("start", "end", "percent_complete")),
        "percent_complete": p.percent_complete,
        "after": p.after,
        "note": p.note,
    }


def _scenario(s: model.Scenario) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "plan_of_record": s.plan_of_record,
        "description": s.description,
        "conversion_note": s.conversion_note,
        "waves": [
            {
                "id": w.id,
                "name": w.name,
                "parties": w.parties,
                "after": w.after,
                "note": w.note,
                "go_live": _date(schedule.go_live(w).date) if schedule.go_live(w) else None,  # type: ignore[union-attr]
                "phases": [_phase(p) for p in w.phases],
                "milestones": [_milestone(m) for m in w.milestones],
            }
            for w in s.waves
        ],
    }


def _onboarding(plan: Plan, prog: model.Programme) -> dict[str, Any] | None:
    onb = prog.onboarding
    if onb is None:
        return None
    return {
        "duration_months": onb.duration_months,
        "capacity": onb.capacity,
        "note": onb.note,
        "waves": [
            {
                "id": w.id,
                "name": w.name,
                "members": w.members,
                "size": None if w.size is None else {"min": w.size[0], "max": w.size[1], "approximate": w.size.approx},
                "start": _date(w.start),
                "end": _date(w.end, "end"),
                "estimate": w.estimate,
                "estimated": estimated(w, ("members", "size", "start", "end")),
                "note": w.note,
            }
            for w in onb.waves
        ],
        "municipalities": [
            {
                "code": r.municipality.code,
                "name": r.municipality.name,
                "region": r.municipality.region,
                "wave": r.wave.id if r.wave else None,
                "state": r.state.value,
                "date": _date(r.date),
                "estimate": r.estimate,
                "date_estimate": r.date_estimate,
            }
            for r in onboarding.rows(onb, plan.reference, plan.status_date)
        ],
    }


def _programme(plan: Plan, p: model.Programme) -> dict[str, Any]:
    return {
        "id": p.id,
        "name": p.name,
        "owner": p.owner,
        "presented_by": p.presented_by,
        "summary": p.summary,
        "source": cite(p.source),
        "rag": None if p.rag is None else {"status": p.rag.status.value, "reason": p.rag.reason},
        "plan_of_record": p.plan_of_record.id,
        "scenarios": [_scenario(s) for s in p.scenarios],
        "milestones": [_milestone(m) for m in p.milestones],
        "metrics": [{"id": m.id, "name": m.name, "unit": m.unit} for m in p.metrics],
        "targets": [
            {
                "id": t.id,
                "metric": t.metric,
                "target": t.target,
                "start": _date(t.start),
                "due": _date(t.due, "end"),
                "denominator": t.denominator,
                "estimated": estimated(t, TARGET_ESTIMABLE),
                "note": t.note,
            }
            for t in p.targets
        ],
        "observations": [
            {
                "date": _date(o.date),
                "values": o.values,
                "breakdown": o.breakdown,
                "estimate": o.estimate,
                "estimated": estimated(o, ("date", "values", "breakdown")),
                "note": o.note,
            }
            for o in p.observations
        ],
        "onboarding": _onboarding(plan, p),
    }


def cite(source: model.Cite | None) -> dict[str, Any] | str | None:
    """A source as plain data: {doc, slide, page, quote}, the few words given, or None."""
    if source is None or source == "":
        return None
    return source if isinstance(source, str) else source.model_dump(exclude_defaults=True)


def to_dict(plan: Plan) -> dict[str, Any]:
    """The whole portfolio as plain JSON-ready data."""
    pf = plan.portfolio
    return {
        "title": pf.title,
        "status_date": _date(pf.status_date),
        "source": pf.source,
        "meetings": [{"name": m.name, "date": _date(m.date)} for m in pf.meetings],
        "sources": [{"id": d.id, "title": d.title, "date": _date(d.date)} for d in pf.sources],
        "programmes": [_programme(plan, p) for p in plan.programmes],
        "vendors": [
            {
                "id": v.id,
                "name": v.name,
                "system": v.system,
                "kind": v.kind.value,
                "readiness": readiness_rows(plan, vendor_id=v.id),
            }
            for v in plan.vendors
        ],
        "municipalities": [
            {"code": m.code, "name": m.name, "region_code": m.region_code, "region": m.region}
            for m in plan.reference.municipalities
        ],
    }


def to_json(plan: Plan) -> str:
    return json.dumps(to_dict(plan), ensure_ascii=False, indent=2)


# ------------------------------------------------------------ flat tables


def item_rows(plan: Plan, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Phases and milestones of every scenario (and programme milestones), one per row.

    ``scenario_status`` says where the row's plan stands as of ``as_of`` (the
    plan's status date by default): proposed, adopted or rejected.
    """
    day = as_of or plan.status_date
    rows: list[dict[str, Any]] = []
    for p in plan.programmes:
        first = len(rows)
        for m in p.milestones:
            rows.append(_item(p, None, None, "milestone", m.id, m.name, m.date, m.date, m, None, m.kind.value))
        for s in p.scenarios:
            for w in s.waves:
                for ph in w.phases:
                    rows.append(_item(p, s, w, "phase", ph.id, ph.name, ph.start, ph.end, ph, ph.percent_complete, ""))
                for m in w.milestones:
                    rows.append(_item(p, s, w, "milestone", m.id, m.name, m.date, m.date, m, None, m.kind.value))
        for row in rows[first:]:
            chosen = p.scenario(row["scenario_id"]) if row["scenario_id"] else p.plan_of_record
            row["scenario_status"] = decisions.status(p, chosen or p.plan_of_record, day).value
    return rows


def _item(
    p: model.Programme,
    s: model.Scenario | None,
    w: model.Wave | None,
    kind: str,
    item_id: str | None,
    name: str,
    start: FuzzyDate,
    end: FuzzyDate,
    record: model.Phase | model.Milestone,
    percent: float | None,
    milestone_kind: str,
) -> dict[str, Any]:
    # a milestone's one date is its start and its end
    fields = estimated(record, ("start", "end") if kind == "phase" else ("date",))
    return {
        "programme_id": p.id,
        "programme": p.name,
        "scenario_id": s.id if s else "",
        "scenario": s.name if s else "",
        "plan_of_record": bool(s is None or s.id == p.plan_of_record.id),
        "wave_id": w.id if w else "",
        "wave": w.name if w else "",
        "type": kind,
        "id": item_id or "",
        "name": name,
        "milestone_kind": milestone_kind,
        "start": start.first.isoformat(),
        "end": (end.first if kind == "milestone" else end.last).isoformat(),
        "start_written": start.text,
        "end_written": end.text,
        "start_precision": start.precision.value,
        "end_precision": end.precision.value,
        "estimate": bool(fields),
        "estimated": ["start", "end"] if fields == ["date"] else fields,
        "percent_complete": percent,
    }


def readiness_rows(plan: Plan, vendor_id: str | None = None) -> list[dict[str, Any]]:
    """Each vendor's readiness against its wave's go-live in the plan of record."""
    rows = []
    for v in plan.vendors:
        if vendor_id and v.id != vendor_id:
            continue
        for r in v.readiness:
            prog = plan.programme(r.programme)
            fit = schedule.vendor_fit(v, r, prog.plan_of_record) if prog else None
            flagged = _readiness_estimated(r, fit)
            rows.append(
                {
                    "vendor_id": v.id,
                    "vendor": v.name,
                    "system": v.system or "",
                    "kind": v.kind.value,
                    "programme_id": r.programme,
                    "statement_wave": r.wave or "",  # the wave the statement names ('' for the programme)
                    "state": fit.state.value if fit else (r.state.value if r.state else ""),
                    "state_derived": fit.derived if fit else r.state is None,
                    "ready_by": r.ready_by.first.isoformat() if r.ready_by else None,
                    "ready_by_written": r.ready_by.text if r.ready_by else "",
                    "not_before": r.not_before.first.isoformat() if r.not_before else None,
                    "not_before_written": r.not_before.text if r.not_before else "",
                    "source": cite(r.source or v.source),
                    "preferred_scenario": r.preferred_scenario or "",
                    "as_of": r.as_of.text if r.as_of else "",
                    "estimate": bool(flagged),  # something in the row is an estimate; "estimated" says which
                    "estimated": flagged,
                    "note": r.note,
                    "wave_id": fit.wave.id if fit and fit.wave else "",
                    "wave_go_live": fit.go_live.isoformat() if fit and fit.go_live else None,
                    "gap_days": fit.gap_days if fit else None,
                }
            )
    return rows


def _readiness_estimated(r: model.Readiness, fit: schedule.Fit | None) -> list[str]:
    """The readiness' estimated values; its state too when it is worked out from an estimated date."""
    fields = estimated(r, READINESS_ESTIMABLE)
    if fit is not None and fit.estimated and "state" not in fields:
        fields.insert(0, "state")
    return fields


def onboarding_rows(plan: Plan, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    rows = []
    for p in plan.programmes:
        if p.onboarding is None:
            continue
        for r in onboarding.rows(p.onboarding, plan.reference, as_of or plan.status_date):
            rows.append(
                {
                    "programme_id": p.id,
                    "code": r.municipality.code,
                    "municipality": r.municipality.name,
                    "region": r.municipality.region,
                    "wave_id": r.wave.id if r.wave else "",
                    "wave": r.wave.name if r.wave else "",
                    "state": r.state.value,
                    "date": r.date.first.isoformat() if r.date else None,
                    "date_written": r.date.text if r.date else "",
                    "estimate": r.estimate,  # the state
                    "date_estimate": r.date_estimate,
                }
            )
    return rows


def target_rows(plan: Plan) -> list[dict[str, Any]]:
    rows = []
    for p in plan.programmes:
        metrics = {m.id: m for m in p.metrics}
        for t in p.targets:
            m = metrics.get(t.metric)
            rows.append(
                {
                    "programme_id": p.id,
                    "target_id": t.id,
                    "metric": t.metric,
                    "metric_name": m.name if m else "",
                    "unit": m.unit if m else "",
                    "target": t.target,
                    "start": t.start.first.isoformat(),
                    "due": t.due.last.isoformat(),
                    "start_written": t.start.text,
                    "due_written": t.due.text,
                    "denominator": t.denominator,
                    # which of its values are assumptions, not the source's ("start": an assumed start)
                    "estimated": estimated(t, TARGET_ESTIMABLE),
                }
            )
    return rows


def observation_rows(plan: Plan) -> list[dict[str, Any]]:
    """One row per counted value: the national values (no region), then each region's."""
    rows = []
    for p in plan.programmes:
        for o in p.observations:
            counted = [("", "values", o.values), *((r, "breakdown", v) for r, v in o.breakdown.items())]
            for region, field, values in counted:
                flagged = ["value" if f == field else f for f in estimated(o, ("date", field))]
                rows += [
                    {
                        "programme_id": p.id,
                        "date": o.date.first.isoformat(),
                        "date_written": o.date.text,
                        "region": region,
                        "metric": metric,
                        "value": value,
                        "estimate": bool(flagged),
                        "estimated": flagged,  # 'date', 'value': which of the row's values are estimates
                    }
                    for metric, value in values.items()
                ]
    return rows


def table(plan: Plan, name: str) -> list[dict[str, Any]]:
    """One of :data:`TABLES` as rows."""
    builders: dict[str, Callable[[Plan], list[dict[str, Any]]]] = {
        "items": item_rows,
        "readiness": readiness_rows,
        "onboarding": onboarding_rows,
        "targets": target_rows,
        "observations": observation_rows,
    }
    return builders[name](plan)


# A cell Excel or LibreOffice would run as a formula (or a DDE command) when the file is opened.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)?|[.,]\d+)([eE][+-]?\d+)?$")


def inert_cell(value: object) -> object:
    """A value a spreadsheet shows as text, never runs: text that starts like a formula gets a leading ``'``.

    Numbers (also as text, such as ``-12``) and a lone dash stay as they are.
    """
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    if _NUMBER.match(value) or value.strip() in ("-", "+"):
        return value
    return "'" + value


def to_csv(rows: list[dict[str, Any]]) -> str:
    """Rows as CSV (UTF-8; Excel reads it with the BOM the CLI writes to files); no cell holds a live formula.

    A list (the names of the estimated fields) is one cell, its names separated by spaces.
    """
    out = io.StringIO()
    if not rows:
        return ""
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: inert_cell(" ".join(v) if isinstance(v, list) else v) for k, v in row.items()} for row in rows)
    return out.getvalue()
