"""The plan as an iCalendar feed (RFC 5545): go-lives, milestones, decisions and meetings for Outlook and the rest.

Built with the ``icalendar`` library. Every event is an all-day event (``VALUE=DATE``, ``DTEND`` the day
after its last day); a date written as a week spans its Monday to Sunday. A date written as a month, a
quarter or a year names no day: it is left out of the calendar and listed in the feed's description, so a
calendar never shows a made-up day. Each event's UID is built from the ids of what it is (programme,
scenario, wave, milestone), so a second export updates the same events instead of adding new ones. A plan
still proposed is marked so in the title; a plan the decision rejected is left out; an estimate says so, and
every event names its source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

import icalendar

from planner.analysis import decisions
from planner.plan import model
from planner.plan.dates import FuzzyDate, Precision
from planner.plan.loader import Plan
from planner.presentation import i18n, record_sources

TIMEZONE = "Europe/Copenhagen"
DOMAIN = "udrulningsplan"
PRODID = "-//Udrulningsplan//Udrulningsplan//DA"
DAILY = (Precision.DAY, Precision.WEEK)  # precisions that name days a calendar can show


@dataclass(frozen=True)
class Entry:
    """One dated thing of the plan, before it is an event."""

    uid: str
    title: str
    when: FuzzyDate
    lines: tuple[str, ...]  # the description's lines
    estimate: bool = False  # its date is an estimate (said in its lines too)


def _uid(*parts: str) -> str:
    """A stable id from the ids of what the event is ('fhir-km.trinvis.w1.go-live@udrulningsplan')."""
    safe = [re.sub(r"[^A-Za-z0-9._-]+", "-", part).strip("-").lower() for part in parts if part]
    return ".".join(safe) + "@" + DOMAIN


def _short(prog: model.Programme) -> str:
    return prog.short_name or prog.name


def _milestones(plan: Plan, prog: model.Programme, lang: str, as_of: dt.date) -> Iterator[Entry]:
    sources = record_sources.Sources(plan, prog)
    for m in prog.milestones:
        said = sources.of(m, lang)
        yield Entry(
            _uid(prog.id, m.id or m.name), f"{_short(prog)}: {m.name}", m.date, (prog.name, *said.lines), said.estimate
        )
    for scenario in prog.scenarios:
        status = decisions.status(prog, scenario, as_of)
        if status is model.ScenarioStatus.REJECTED:
            continue
        proposed = status is model.ScenarioStatus.PROPOSED and len(prog.scenarios) > 1
        for wave in scenario.waves:
            where = f"{_short(prog)} · {wave.name}" if len(scenario.waves) > 1 else _short(prog)
            for m in wave.milestones:
                title = f"{where}: {m.name}"
                if proposed:
                    title += f" ({i18n.t('cal.proposal', lang, name=scenario.name)})"
                said = sources.of(m, lang)
                lines = (f"{prog.name} · {scenario.name} · {wave.name}", *said.lines)
                yield Entry(_uid(prog.id, scenario.id, wave.id, m.id or m.name), title, m.date, lines, said.estimate)


def _decisions(plan: Plan, prog: model.Programme, lang: str, as_of: dt.date) -> Iterator[Entry]:
    sources = record_sources.Sources(plan, prog)
    for d in prog.decisions:
        names = [s.name for o in d.options if (s := prog.scenario(o)) is not None]
        lines = [
            prog.name,
            i18n.t("cal.decided_by", lang, body=d.body),
            i18n.t("cal.options", lang, options=" / ".join(names)),
        ]
        when = d.date
        if decisions.decided(d, as_of) and (chosen := prog.scenario(d.chosen or "")) is not None:
            assert d.decided_on is not None
            when = d.decided_on
            lines.append(i18n.t("cal.chosen", lang, name=chosen.name))
        title = i18n.t("cal.decision", lang, programme=_short(prog), question=d.question)
        said = sources.of(d, lang)
        yield Entry(_uid(prog.id, "decision", d.id), title, when, (*lines, *said.lines), said.estimate)


def _meetings(plan: Plan, lang: str, programme: str | None) -> Iterator[Entry]:
    """The portfolio's meetings (with ``programme``, those whose agenda takes it)."""
    for meeting in plan.portfolio.meetings:
        if programme is not None and programme not in meeting.agenda:
            continue
        agenda = [_short(p) for a in meeting.agenda if (p := plan.programme(a)) is not None]
        lines = [i18n.t("cal.agenda", lang, programmes=", ".join(agenda))] if agenda else []
        uid = _uid("meeting", meeting.id or meeting.date.text)
        lines.append(i18n.t("cal.source", lang, source=plan.portfolio.source))  # the portfolio's calendar
        yield Entry(uid, meeting.name, meeting.date, tuple(lines))


def entries(plan: Plan, lang: str, programme: str | None = None, as_of: dt.date = dt.date.max) -> list[Entry]:
    """Everything dated in the plan (one programme's, with ``programme``), in date order.

    A decision counts as taken once the files record it (``as_of`` the end of time): a calendar shows the
    plan as it now stands, not as it stood on the status date.
    """
    programmes = [p for p in plan.programmes if programme in (None, p.id)]
    found = [e for p in programmes for e in (*_milestones(plan, p, lang, as_of), *_decisions(plan, p, lang, as_of))]
    found += _meetings(plan, lang, programme)
    return sorted(found, key=lambda e: (e.when.first, e.title))


def _stamp(plan: Plan) -> dt.datetime:
    """The feed's time stamp: the plan's status date (the same data gives the same file, byte for byte)."""
    return dt.datetime.combine(plan.status_date, dt.time(), tzinfo=dt.UTC)


def to_ics(plan: Plan, lang: str, programme: str | None = None) -> bytes:
    """The feed as an .ics file: the daily-dated entries as events, the rest listed in its description."""
    found = entries(plan, lang, programme)
    shown = [e for e in found if e.when.precision in DAILY]
    coarse = [e for e in found if e.when.precision not in DAILY]
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    name = i18n.t("cal.name", lang, title=plan.portfolio.title)
    about = [i18n.t("cal.about", lang, source=plan.portfolio.source, date=i18n.day(plan.status_date, lang))]
    if coarse:
        about.append(i18n.t("cal.left_out", lang))
        marked = f" ({i18n.t('w.estimate', lang)})"
        about += [f"- {e.title}: {i18n.fuzzy(e.when, lang)}{marked if e.estimate else ''}" for e in coarse]
    described = "\n".join(about)
    # RFC 7986's NAME and DESCRIPTION, and the X-WR- names Outlook and Apple read; all as text (escaped)
    for key, value in (("name", name), ("x-wr-calname", name), ("description", described),
                       ("x-wr-caldesc", described), ("x-wr-timezone", TIMEZONE)):  # fmt: skip
        cal.add(key, icalendar.vText(value))
    for e in shown:
        event = icalendar.Event()
        event.add("uid", e.uid)
        event.add("dtstamp", _stamp(plan))
        event.add("summary", e.title)
        event.add("dtstart", e.when.first)
        event.add("dtend", e.when.last + dt.timedelta(days=1))  # exclusive: the day after the last day
        event.add("transp", "TRANSPARENT")  # a date in a plan, not a busy day
        event.add("description", "\n".join(e.lines))
        cal.add_component(event)
    return bytes(cal.to_ical())
