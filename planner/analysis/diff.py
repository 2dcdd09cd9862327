"""What changed between two plans: slipped milestones, moved phases, new plans of record.

:func:`changes` compares a baseline with the current plan record by record
and returns :class:`PlanChange` values in a fixed order (programmes in the new
plan's order, then removed ones; inside a programme: plan of record,
scenarios, waves, phases, milestones, programme milestones, targets; vendors
last). :mod:`planner.presentation.diff_text` says it in Danish or English.

How items are matched, and which end of a written date is compared:

    item         matched by                        compared
    programme    id                                (added / removed)
    scenario     id                                plan_of_record flag
    wave         id                                (added / removed)
    phase        id                                start (first day), end (last day)
    milestone    id, else name (case-insensitive)  date (first day)
    vendor       id                                (added / removed)
    readiness    programme and wave                state, ready_by (first day)
    target       id                                target value, start, due (last day)

A date rewritten at another precision with the same day compared ("2024-09"
to "2024-09-01") is still reported, with a slip of 0 days.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from planner.analysis import pairing
from planner.plan import dates, model
from planner.plan.loader import Plan


class Kind(StrEnum):
    """What kind of difference a :class:`PlanChange` is."""

    MILESTONE_MOVED = "milestone-moved"
    PHASE_CHANGED = "phase-changed"
    PLAN_OF_RECORD = "plan-of-record"
    READINESS_CHANGED = "readiness-changed"
    TARGET_CHANGED = "target-changed"
    VALUE_CHANGED = "value-changed"  # a count, a percentage, an onboarding state, a decision, the status date
    ADDED = "added"
    REMOVED = "removed"


SEP = " / "
INTERVAL = "/"  # old/new of a phase: "<start>/<end>" as written (ISO 8601 interval style)

# ``detail`` of readiness-changed and target-changed: which field changed
STATE, READY_BY, TARGET, START, DUE = "state", "ready_by", "target", "start", "due"
NOT_BEFORE, AS_OF = "not_before", "as_of"
# ``detail`` of value-changed
COUNT, PERCENT, ONBOARDING, DECISION, STATUS_DATE = "count", "percent_complete", "onboarding", "decision", "status_date"


@dataclass(frozen=True, kw_only=True)
class PlanChange:
    """One difference between a baseline and the current plan.

    ``old`` and ``new`` hold values as written in the plan files (dates as
    written, a phase as ``start/end``, a state as its enum value, a scenario
    by name); ``slip_days`` is positive when the new date is later (for a
    phase: its end). ``detail`` names the field that changed (readiness and
    targets), the kind of item (added and removed), or gives the day counts
    (phases: ``start +0, end +92, duration +92``).
    """

    kind: Kind
    programme: str
    path: str
    old: str
    new: str
    slip_days: int | None
    detail: str


# ------------------------------------------------------------- comparing


def _change(kind: Kind, pid: str, path: str, old: str, new: str, detail: str, slip: int | None = None) -> PlanChange:
    """One difference, in the order its values are read: what, where, from, to, which field, and by how many days."""
    return PlanChange(kind=kind, programme=pid, path=path, old=old, new=new, slip_days=slip, detail=detail)


def _join(*parts: str) -> str:
    return SEP.join(p for p in parts if p)


def day_shift(a: dt.date, b: dt.date) -> int:
    return (b - a).days


def _same(a: dates.FuzzyDate | None, b: dates.FuzzyDate | None) -> bool:
    """Equal as dates: '2024-9' and '2024-09' are the same month."""
    if a is None or b is None:
        return a is b
    return (a.precision, a.first, a.last) == (b.precision, b.first, b.last)


def _span(phase: model.Phase) -> str:
    return f"{phase.start.text}{INTERVAL}{phase.end.text}"


def _added(kind: Kind, programme: str, path: str, what: str, when: str = "") -> PlanChange:
    old, new = ("", when) if kind is Kind.ADDED else (when, "")
    return _change(kind, programme, path, old, new, what)


def _presence(
    programme: str, path: str, what: str, old: object | None, new: object | None, when: Callable[[], str] = str
) -> PlanChange | None:
    """An added/removed change when only one side exists, else None."""
    if old is None and new is not None:
        return _added(Kind.ADDED, programme, path, what, when())
    if new is None and old is not None:
        return _added(Kind.REMOVED, programme, path, what, when())
    return None


def _milestone(pid: str, path: str, old: model.Milestone | None, new: model.Milestone | None) -> Iterator[PlanChange]:
    either = new or old
    assert either is not None
    where = _join(path, either.name)
    presence = _presence(pid, where, "milestone", old, new, lambda: either.date.text)
    if presence:
        yield presence
    elif old and new and not _same(old.date, new.date):
        slip = day_shift(old.date.first, new.date.first)
        yield _change(Kind.MILESTONE_MOVED, pid, where, old.date.text, new.date.text, f"{slip:+d} days", slip)


def _phase(pid: str, path: str, old: model.Phase | None, new: model.Phase | None) -> Iterator[PlanChange]:
    either = new or old
    assert either is not None
    where = _join(path, either.name)
    presence = _presence(pid, where, "phase", old, new, lambda: _span(either))
    if presence:
        yield presence
    elif old and new and not (_same(old.start, new.start) and _same(old.end, new.end)):
        start = day_shift(old.start.first, new.start.first)
        end = day_shift(old.end.last, new.end.last)
        yield _change(
            Kind.PHASE_CHANGED,
            pid,
            where,
            _span(old),
            _span(new),
            f"start {start:+d}, end {end:+d}, duration {end - start:+d}",
            end,
        )


def _wave(pid: str, path: str, old: model.Wave | None, new: model.Wave | None) -> Iterator[PlanChange]:
    either = new or old
    assert either is not None
    where = _join(path, either.name)
    presence = _presence(pid, where, "wave", old, new, lambda: "")
    if presence:
        yield presence
        return
    assert old is not None and new is not None
    for op, np in pairing.pair(old.phases, new.phases, pairing.by_id):
        yield from _phase(pid, where, op, np)
        if op and np and op.percent_complete != np.percent_complete:
            yield _value(pid, _join(where, np.name), PERCENT, op.percent_complete, np.percent_complete)
    for om, nm in pairing.pair_milestones(old.milestones, new.milestones):
        yield from _milestone(pid, where, om, nm)


def label(prog: model.Programme) -> str:
    """A programme as every view names it: its short name, else its name."""
    return prog.short_name or prog.name


def _scenario(pid: str, path: str, old: model.Scenario | None, new: model.Scenario | None) -> Iterator[PlanChange]:
    either = new or old
    assert either is not None
    where = _join(path, either.name)
    presence = _presence(pid, where, "scenario", old, new, lambda: either.name)
    if presence:
        yield presence
        return
    assert old is not None and new is not None
    for ow, nw in pairing.pair(old.waves, new.waves, pairing.by_id):
        yield from _wave(pid, where, ow, nw)


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _value(pid: str, path: str, detail: str, old: object, new: object) -> PlanChange:
    """A value changed: ``old`` and ``new`` as written ('' for none)."""

    def written(v: object) -> str:
        if v is None:
            return ""
        return _number_text(v) if isinstance(v, float) else str(getattr(v, "value", v))  # an enum by its value

    return _change(Kind.VALUE_CHANGED, pid, path, written(old), written(new), detail)


def _target(pid: str, path: str, old: model.Target | None, new: model.Target | None) -> Iterator[PlanChange]:
    either = new or old
    assert either is not None
    where = path
    presence = _presence(pid, where, "target", old, new, lambda: _number_text(either.target))
    if presence:
        yield presence
        return
    assert old is not None and new is not None
    if old.target != new.target:
        yield _change(Kind.TARGET_CHANGED, pid, where, _number_text(old.target), _number_text(new.target), TARGET)
    for field, a, b, end in ((START, old.start, new.start, False), (DUE, old.due, new.due, True)):
        if not _same(a, b):
            slip = day_shift(a.last, b.last) if end else day_shift(a.first, b.first)
            yield _change(Kind.TARGET_CHANGED, pid, where, a.text, b.text, field, slip)


def _programme(old: model.Programme | None, new: model.Programme | None) -> Iterator[PlanChange]:
    either = new or old
    assert either is not None
    pid, name = either.id, label(either)
    presence = _presence(pid, name, "programme", old, new, lambda: either.name)
    if presence:
        yield presence
        return
    assert old is not None and new is not None
    was, now = old.plan_of_record, new.plan_of_record
    if was.id != now.id:
        yield _change(Kind.PLAN_OF_RECORD, pid, name, was.name, now.name, f"{was.id} -> {now.id}")
    for os_, ns in pairing.pair(old.scenarios, new.scenarios, pairing.by_id):
        yield from _scenario(pid, name, os_, ns)
    for om, nm in pairing.pair_milestones(old.milestones, new.milestones):
        yield from _milestone(pid, name, om, nm)
    metrics = {m.id: m.name for m in (*old.metrics, *new.metrics)}
    for ot, nt in pairing.pair(old.targets, new.targets, pairing.by_id):
        yield from _target(pid, _join(name, metrics.get((nt or ot).metric, "")), ot, nt)  # type: ignore[union-attr]
    yield from _decisions(pid, name, old, new)
    yield from _observations(pid, name, metrics, old.observations, new.observations)
    yield from _onboarding(pid, name, old.onboarding, new.onboarding)


def _decisions(pid: str, path: str, old: model.Programme, new: model.Programme) -> Iterator[PlanChange]:
    """A decision's outcome recorded (or changed): the option chosen and when, by the plans' names."""
    before = {d.id: d for d in old.decisions}
    for d in new.decisions:
        was = before.get(d.id)
        if d.chosen and (was is None or (was.chosen, was.decided_on) != (d.chosen, d.decided_on)):
            chosen = new.scenario(d.chosen)
            when = d.decided_on.text if d.decided_on else ""
            before_choice = old.scenario(was.chosen) if was and was.chosen else None
            old_choice = before_choice.name if before_choice else ""
            yield _value(
                pid,
                _join(path, d.question),
                DECISION,
                old_choice,
                (chosen.name if chosen else d.chosen) + INTERVAL + when,
            )


def _observations(
    pid: str, path: str, metrics: dict[str, str], old: Sequence[model.Observation], new: Sequence[model.Observation]
) -> Iterator[PlanChange]:
    """A count added or removed (by its date), or a value of it changed."""
    for o, n in pairing.pair(old, new, lambda x: x.date.text):
        either = n or o
        assert either is not None
        presence = _presence(pid, path, "observation", o, n, lambda: either.date.text)  # noqa: B023
        if presence:
            yield presence
            continue
        assert o is not None and n is not None
        for metric in dict.fromkeys([*o.values, *n.values]):
            if o.values.get(metric) != n.values.get(metric):
                where = _join(path, metrics.get(metric, metric), n.date.text)
                yield _value(pid, where, COUNT, o.values.get(metric), n.values.get(metric))


def _onboarding(
    pid: str, path: str, old: model.Onboarding | None, new: model.Onboarding | None
) -> Iterator[PlanChange]:
    """A municipality's onboarding state set, changed or taken out."""
    was = {s.municipality: s.state for s in (old.status if old else [])}
    now = {s.municipality: s.state for s in (new.status if new else [])}
    for municipality in dict.fromkeys([*now, *was]):
        if was.get(municipality) != now.get(municipality):
            yield _value(pid, _join(path, municipality), ONBOARDING, was.get(municipality), now.get(municipality))


def _readiness(
    vendor: str, names: dict[str, str], old: model.Readiness | None, new: model.Readiness | None
) -> Iterator[PlanChange]:
    either = new or old
    assert either is not None
    pid = either.programme
    wave = names.get(f"{pid}.{either.wave}", either.wave or "") if either.wave else ""
    where = _join(vendor, names.get(pid, pid), wave)
    presence = _presence(pid, where, "readiness", old, new, lambda: either.state.value if either.state else "")
    if presence:
        yield presence
        return
    assert old is not None and new is not None
    if old.state != new.state:
        yield _change(
            Kind.READINESS_CHANGED,
            pid,
            where,
            old.state.value if old.state else "",
            new.state.value if new.state else "",
            STATE,
        )
    dated = ((READY_BY, old.ready_by, new.ready_by), (NOT_BEFORE, old.not_before, new.not_before))
    for field, a, b in (*dated, (AS_OF, old.as_of, new.as_of)):
        if not _same(a, b):
            slip = day_shift(a.first, b.first) if a and b else None
            yield _change(Kind.READINESS_CHANGED, pid, where, a.text if a else "", b.text if b else "", field, slip)


def _vendor(names: dict[str, str], old: model.Vendor | None, new: model.Vendor | None) -> Iterator[PlanChange]:
    either = new or old
    assert either is not None
    shown = either.display_name
    presence = _presence("", shown, "vendor", old, new, lambda: either.kind.value)
    if presence:
        yield presence
        return
    assert old is not None and new is not None
    for orr, nr in pairing.pair(old.readiness, new.readiness, pairing.readiness_key):
        yield from _readiness(shown, names, orr, nr)


def changes(old: Plan, new: Plan) -> list[PlanChange]:
    """Every difference from ``old`` (the baseline) to ``new``, in a fixed order."""
    out: list[PlanChange] = []
    if old.status_date != new.status_date:
        moved = _value("", "", STATUS_DATE, old.portfolio.status_date.text, new.portfolio.status_date.text)
        out.append(dataclasses.replace(moved, slip_days=day_shift(old.status_date, new.status_date)))
    for op, np in pairing.pair(old.programmes, new.programmes, pairing.by_id):
        out += _programme(op, np)
    names = {p.id: label(p) for p in (*old.programmes, *new.programmes)}
    for prog in (*new.programmes, *old.programmes):  # a wave by its name in the plan of record first
        for scenario in sorted(prog.scenarios, key=lambda s: s is not prog.plan_of_record):
            for wave in scenario.waves:
                names.setdefault(f"{prog.id}.{wave.id}", wave.name)
    for ov, nv in pairing.pair(old.vendors, new.vendors, pairing.by_id):
        out += _vendor(names, ov, nv)
    return out
