"""The portfolio as flat tables for Excel and Power BI (items, readiness, onboarding, targets, observations),
and as CSV: every date as written with its ISO day, no cell a live formula."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from typing import Any

from planner.analysis import decisions, onboarding, schedule
from planner.plan import fields, model
from planner.plan.dates import FuzzyDate
from planner.plan.loader import Plan

TABLES = ("items", "readiness", "onboarding", "targets", "observations")
TARGET_ESTIMABLE = ("start", "due", "target")
READINESS_ESTIMABLE = ("state", "ready_by", "not_before", "as_of")


def estimated(record: fields.Cited, fields: Iterable[str]) -> list[str]:
    """Which of ``fields`` hold a value that is an estimate (the whole record's mark, or the field's own)."""
    return [f for f in fields if getattr(record, f, None) not in (None, [], "") and record.inferred(f)]


def cite(source: fields.Cite | None) -> dict[str, Any] | str | None:
    """A source as plain data: {doc, slide, page, quote}, the few words given, or None."""
    if source is None or source == "":
        return None
    return source if isinstance(source, str) else source.model_dump(exclude_defaults=True)


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


def table_csv(plan: Plan, name: str) -> str:
    """One of :data:`TABLES` as CSV."""
    return to_csv(table(plan, name))
