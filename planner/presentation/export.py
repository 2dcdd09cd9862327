"""The normalised portfolio for Excel and Power BI as JSON (the flat tables: flat_tables.py).

Every date is given as written, with its precision and the ISO day it
resolves to in its role (a start is the first day of the period, an end or
due date the last).
"""

from __future__ import annotations

import json
from typing import Any

from planner.analysis import onboarding, schedule
from planner.plan import model
from planner.plan.dates import FuzzyDate
from planner.plan.loader import Plan
from planner.presentation import flat_tables


def _date(value: FuzzyDate | None, role: str = "start") -> dict[str, str] | None:
    if value is None:
        return None
    day = value.last if role == "end" else value.first
    return {"text": value.text, "precision": value.precision.value, "date": day.isoformat()}


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
        "estimated": flat_tables.estimated(p, ("start", "end", "percent_complete")),
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
                "estimated": flat_tables.estimated(w, ("members", "size", "start", "end")),
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
        "source": flat_tables.cite(p.source),
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
                "estimated": flat_tables.estimated(t, flat_tables.TARGET_ESTIMABLE),
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
                "estimated": flat_tables.estimated(o, ("date", "values", "breakdown")),
                "note": o.note,
            }
            for o in p.observations
        ],
        "onboarding": _onboarding(plan, p),
    }


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
                "readiness": flat_tables.readiness_rows(plan, vendor_id=v.id),
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
