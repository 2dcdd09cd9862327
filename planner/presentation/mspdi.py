"""One programme's plan as MS Project XML (MSPDI), the file MS Project, ProjectLibre and MPXJ open.

Each wave is a summary task holding its phases (tasks) and milestones (zero-length milestones); the
programme's own milestones come first, at the top level. A phase's ``after:`` becomes a finish-to-start
predecessor link, as does a wave's ``after:`` (from the wave it follows to the wave's summary). Percent
complete is carried over; an estimated date is marked in the custom text field "Anslået"/"Estimate"
(Text1) and in the task's notes, with its source. Dates written coarser than a day take their first day
for a start and their last for a finish, as everywhere in the planner.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from planner.plan import fields, model
from planner.plan.loader import Plan
from planner.presentation import i18n, record_sources

NAMESPACE = "http://schemas.microsoft.com/project"
TEXT1 = "188743731"  # MS Project's field id of the custom field Text1
DAY_START, DAY_END = dt.time(8), dt.time(17)
MINUTES_PER_DAY = 480
FINISH_TO_START = "1"


@dataclass
class _Task:
    uid: int
    name: str
    level: int
    start: dt.date
    finish: dt.date
    summary: bool = False
    milestone: bool = False
    percent: float | None = None
    estimate: bool = False
    notes: str = ""
    predecessors: list[int] = field(default_factory=list)


class UnknownScenario(ValueError):
    """The programme has no scenario with that id."""


def _working_days(start: dt.date, finish: dt.date) -> int:
    """Monday-to-Friday days from ``start`` to ``finish``, both counted (at least 1 for a task that has length)."""
    days = (finish - start).days + 1
    weeks, rest = divmod(days, 7)
    extra = sum(1 for i in range(rest) if (start + dt.timedelta(days=weeks * 7 + i)).weekday() < 5)
    return max(1, weeks * 5 + extra)


def _notes(sources: record_sources.Sources, record: fields.Cited, lang: str) -> tuple[bool, str]:
    """Whether the record is an estimate, and its notes: the estimate said, its source, its own note."""
    said = sources.of(record, lang)
    note = getattr(record, "note", "")
    return said.estimate, "\n".join([*said.lines, *([str(note)] if note else [])])


def tasks(plan: Plan, prog: model.Programme, scenario: model.Scenario, lang: str) -> list[_Task]:
    """The outline of tasks, in MS Project's order (a summary before what it holds), links resolved to UIDs."""
    found: list[_Task] = []
    sources = record_sources.Sources(plan, prog)

    def add(task_name: str, level: int, start: dt.date, finish: dt.date, record: fields.Cited, **kind: object) -> _Task:
        estimate, notes = _notes(sources, record, lang)
        task = _Task(len(found) + 1, task_name, level, start, finish, estimate=estimate, notes=notes, **kind)  # type: ignore[arg-type]
        found.append(task)
        return task

    for m in prog.milestones:
        add(m.name, 1, m.date.first, m.date.first, m, milestone=True)
    uids: dict[tuple[str, str], int] = {}  # (wave id, phase or milestone id) -> uid
    summaries: dict[str, _Task] = {}
    for wave in scenario.waves:
        days = [d for p in wave.phases for d in (p.start.first, p.end.last)] + [m.date.first for m in wave.milestones]
        if not days:
            continue
        summaries[wave.id] = add(wave.name, 1, min(days), max(days), wave, summary=True)
        for phase in wave.phases:
            task = add(phase.name, 2, phase.start.first, phase.end.last, phase, percent=phase.percent_complete)
            uids[(wave.id, phase.id)] = task.uid
        for m in wave.milestones:
            task = add(m.name, 2, m.date.first, m.date.first, m, milestone=True)
            if m.id:
                uids.setdefault((wave.id, m.id), task.uid)
    by_uid = {t.uid: t for t in found}
    for wave in scenario.waves:
        for phase in wave.phases:
            for after in phase.after:
                waited = scenario.waited_for(wave, after)
                if waited is not None and (waited[0].id, waited[1].id or "") in uids:
                    by_uid[uids[(wave.id, phase.id)]].predecessors.append(uids[(waited[0].id, waited[1].id or "")])
        if wave.id in summaries:
            summaries[wave.id].predecessors += [summaries[a].uid for a in wave.after if a in summaries]
    return found


def _at(day: dt.date, time: dt.time) -> str:
    return dt.datetime.combine(day, time).isoformat()


def _sub(parent: ET.Element, tag: str, text: object) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = str(text)
    return element


def _task_element(parent: ET.Element, task: _Task, number: str, lang: str) -> None:
    element = ET.SubElement(parent, "Task")
    hours = 0 if task.milestone else _working_days(task.start, task.finish) * MINUTES_PER_DAY // 60
    finish = _at(task.finish, DAY_START if task.milestone else DAY_END)
    for tag, value in (("UID", task.uid), ("ID", task.uid), ("Name", task.name), ("Type", 1),
                       ("OutlineNumber", number), ("OutlineLevel", task.level),
                       ("Start", _at(task.start, DAY_START)), ("Finish", finish), ("Duration", f"PT{hours}H0M0S"),
                       ("DurationFormat", 7), ("Milestone", int(task.milestone)), ("Summary", int(task.summary)),
                       ("PercentComplete", round(task.percent or 0)), ("ConstraintType", 4),
                       ("ConstraintDate", _at(task.start, DAY_START))):  # fmt: skip
        _sub(element, tag, value)
    if task.notes:
        _sub(element, "Notes", task.notes)
    for uid in task.predecessors:
        link = ET.SubElement(element, "PredecessorLink")
        _sub(link, "PredecessorUID", uid)
        _sub(link, "Type", FINISH_TO_START)
    if task.estimate:
        attribute = ET.SubElement(element, "ExtendedAttribute")
        _sub(attribute, "FieldID", TEXT1)
        _sub(attribute, "Value", i18n.t("mp.estimate_flag", lang))


def _numbers(found: list[_Task]) -> list[str]:
    """Outline numbers: '1', '2', '2.1', '2.2', ..."""
    numbers, top, inner = [], 0, 0
    for task in found:
        if task.level == 1:
            top, inner = top + 1, 0
            numbers.append(str(top))
        else:
            inner += 1
            numbers.append(f"{top}.{inner}")
    return numbers


def to_mspdi(plan: Plan, programme: str, lang: str, scenario: str | None = None) -> bytes:
    """The programme's plan (``scenario``, else the plan adopted or of record) as an MSPDI file."""
    prog = plan.programme(programme)
    if prog is None:
        raise KeyError(programme)
    chosen = prog.scenario(scenario) if scenario else prog.plan_of_record
    if chosen is None:
        raise UnknownScenario(scenario)
    found = tasks(plan, prog, chosen, lang)
    ET.register_namespace("", NAMESPACE)
    root = ET.Element("Project", xmlns=NAMESPACE)
    first = min((t.start for t in found), default=plan.status_date)
    last = max((t.finish for t in found), default=plan.status_date)
    for tag, value in (("SaveVersion", 14), ("Name", f"{prog.name}.xml"), ("Title", f"{prog.name} · {chosen.name}"),
                       ("Author", prog.owner), ("ScheduleFromStart", 1), ("StartDate", _at(first, DAY_START)),
                       ("FinishDate", _at(last, DAY_END)), ("CalendarUID", 1), ("MinutesPerDay", MINUTES_PER_DAY),
                       ("MinutesPerWeek", MINUTES_PER_DAY * 5), ("DaysPerMonth", 20),
                       ("CurrentDate", _at(plan.status_date, DAY_START))):  # fmt: skip
        _sub(root, tag, value)
    attributes = ET.SubElement(ET.SubElement(root, "ExtendedAttributes"), "ExtendedAttribute")
    for tag, value in (("FieldID", TEXT1), ("FieldName", "Text1"), ("Alias", i18n.t("mp.estimate_field", lang))):
        _sub(attributes, tag, value)
    calendar = ET.SubElement(ET.SubElement(root, "Calendars"), "Calendar")
    for tag, value in (("UID", 1), ("Name", "Standard"), ("IsBaseCalendar", 1)):
        _sub(calendar, tag, value)
    holder = ET.SubElement(root, "Tasks")
    for task, number in zip(found, _numbers(found), strict=True):
        _task_element(holder, task, number, lang)
    ET.indent(root)
    written: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return written
