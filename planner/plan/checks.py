"""Cross-checks on typed records: what a schema alone cannot say.

Each check yields :class:`CheckFinding` objects (a field path inside the file, a
code and a message); the loader turns them into located problems.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Generator, Iterable, Iterator, Sequence

from planner.plan import fields, model, provenance
from planner.plan.date_checks import find_cycle, go_live, timing
from planner.plan.findings import CheckFinding, Loc
from planner.plan.problems import Code, did_you_mean, suggestions
from planner.plan.reference import Reference

SYSTEM_GROUPS = tuple(k.value for k in model.SystemKind if k is not model.SystemKind.OTHER)


def _duplicates(ids: Sequence[str | None], loc: Loc, what: str) -> Iterator[CheckFinding]:
    seen: set[str] = set()
    for i, item_id in enumerate(ids):
        if item_id is None:
            continue
        if item_id in seen:
            yield CheckFinding(
                (*loc, i, "id"), Code.DUPLICATE_ID, f"{what} id '{item_id}' is used twice; ids must be unique"
            )
        seen.add(item_id)


def _same_names(names: Sequence[str], loc: Loc, what: str) -> Iterator[CheckFinding]:
    """A name used twice: the comparison and the choices would show two as one."""
    seen: set[str] = set()
    for i, name in enumerate(names):
        key = " ".join(name.casefold().split())
        if key in seen:
            yield CheckFinding(
                (*loc, i, "name"),
                Code.DUPLICATE_ID,
                f"{what} name '{name}' is used twice; give each {what} a name of its own",
            )
        seen.add(key)


def _decisions(prog: model.Programme) -> Iterator[CheckFinding]:
    """A decision's options are the programme's scenarios, each once; its outcome chose one of them."""
    yield from _duplicates([d.id for d in prog.decisions], ("decisions",), "decision")
    scenario_ids = [s.id for s in prog.scenarios]
    for di, decision in enumerate(prog.decisions):
        loc = ("decisions", di)
        for oi, option in enumerate(decision.options):
            if option not in scenario_ids:
                yield _unknown(option, scenario_ids, "scenario", (*loc, "options", oi))
            elif option in decision.options[:oi]:
                yield CheckFinding((*loc, "options", oi), Code.DUPLICATE_ID, f"option '{option}' is listed twice")
        if decision.chosen is not None and decision.chosen not in decision.options:
            yield _unknown(decision.chosen, decision.options, "option", (*loc, "chosen"))
        if (decision.chosen is None) != (decision.decided_on is None):
            missing = "decided_on" if decision.decided_on is None else "chosen"
            yield CheckFinding(
                (*loc, missing),
                Code.MISSING_FIELD,
                f"a decided decision needs both 'chosen' and 'decided_on'; add '{missing}'",
            )


def _unknown(ref: str, choices: Iterable[str], what: str, loc: Loc) -> CheckFinding:
    options = list(choices)
    listed = ", ".join(f"'{c}'" for c in options[:8]) or "none defined"
    hint = did_you_mean(ref, options) or f"; known: {listed}"
    return CheckFinding(loc, Code.UNKNOWN_REFERENCE, f"unknown {what} '{ref}'{hint}")


def _range(start: fields.Date, end: fields.Date, loc: Loc, end_name: str = "end") -> Iterator[CheckFinding]:
    if end.last < start.first:
        yield CheckFinding(
            (*loc, end_name),
            Code.END_BEFORE_START,
            f"{end_name} {end.text} ({end.last.isoformat()}) is before start {start.text} "
            f"({start.first.isoformat()}); swap them or correct one",
        )


SUGGESTIONS_PER_FILE = 1_000  # did-you-means per file: more help nobody, and each costs a search


def programme(
    prog: model.Programme,
    ref: Reference,
    stem: str,
    status_date: dt.date | None,
    documents: frozenset[str] | None = None,
) -> list[CheckFinding]:
    """All cross-checks of one programme file (``documents``: the source ids the portfolio lists, if known)."""
    with suggestions(SUGGESTIONS_PER_FILE):
        found = _programme(prog, ref, stem, status_date)
        if documents is not None:
            found += [CheckFinding(*item) for item in provenance.unknown_documents(prog, documents)]
        return found


def _programme(prog: model.Programme, ref: Reference, stem: str, status_date: dt.date | None) -> list[CheckFinding]:
    out: list[CheckFinding] = []
    if prog.id != stem:
        out.append(
            CheckFinding(
                ("id",),
                Code.ID_MISMATCH,
                f"programme id '{prog.id}' does not match the file name '{stem}.yaml'; make them the same",
            )
        )
    out += _plan_of_record(prog)
    out += _duplicates([s.id for s in prog.scenarios], ("scenarios",), "scenario")
    out += _same_names([s.name for s in prog.scenarios], ("scenarios",), "scenario")
    out += _decisions(prog)
    for si, scenario in enumerate(prog.scenarios):
        out += _scenario(scenario, ("scenarios", si), ref)
    out += _duplicates([m.id for m in prog.milestones], ("milestones",), "milestone")
    out += _metrics(prog, status_date, ref)
    if prog.onboarding is not None:
        out += _onboarding(prog.onboarding, ("onboarding",), ref)
    return out


def _plan_of_record(prog: model.Programme) -> Iterator[CheckFinding]:
    marked = [i for i, s in enumerate(prog.scenarios) if s.plan_of_record]
    if not marked:
        yield CheckFinding(
            ("scenarios",), Code.PLAN_OF_RECORD, "no scenario is marked 'plan_of_record: true'; mark the plan in force"
        )
    for i in marked[1:]:  # reported where the second (third, ...) mark is written
        yield CheckFinding(
            ("scenarios", i, "plan_of_record"),
            Code.PLAN_OF_RECORD,
            f"scenario '{prog.scenarios[i].id}' is marked 'plan_of_record: true' but so is "
            f"'{prog.scenarios[marked[0]].id}'; keep one",
        )


def _scenario(scenario: model.Scenario, loc: Loc, ref: Reference) -> Iterator[CheckFinding]:
    wave_ids = [w.id for w in scenario.waves]
    yield from _duplicates(wave_ids, (*loc, "waves"), "wave")
    phase_keys = {f"{w.id}.{p.id}" for w in scenario.waves for p in w.phases}
    milestone_keys = {f"{w.id}.{m.id}" for w in scenario.waves for m in w.milestones if m.id}
    edges: dict[str, list[str]] = {}
    written: dict[tuple[str, str], Loc] = {}  # (node, the node it waits for) -> where the 'after' is
    for wi, wave in enumerate(scenario.waves):
        wloc = (*loc, "waves", wi)
        yield from _duplicates([p.id for p in wave.phases], (*wloc, "phases"), "phase")
        yield from _duplicates([m.id for m in wave.milestones], (*wloc, "milestones"), "milestone")
        for pi, party in enumerate(wave.parties):
            yield from _party(party, (*wloc, "parties", pi), ref)
        for ai, after in enumerate(wave.after):
            if after not in wave_ids:
                yield _unknown(after, wave_ids, "wave", (*wloc, "after", ai))
        edges[wave.id] = [a for a in wave.after if a in wave_ids]
        for ai, after in enumerate(wave.after):
            written.setdefault((wave.id, after), (*wloc, "after", ai))
        own = {p.id for p in wave.phases}
        for pi, phase in enumerate(wave.phases):
            ploc = (*wloc, "phases", pi)
            yield from _range(phase.start, phase.end, ploc)
            key = f"{wave.id}.{phase.id}"
            edges[key] = []
            for ai, after in enumerate(phase.after):
                found = scenario.waited_for(wave, after)
                if found is None:
                    choices = sorted(own) + sorted(phase_keys) + sorted(milestone_keys)
                    yield _unknown(after, choices, "phase or milestone", (*ploc, "after", ai))
                elif isinstance(found[1], model.Phase):
                    target = f"{found[0].id}.{found[1].id}"
                    edges[key].append(target)
                    written.setdefault((key, target), (*ploc, "after", ai))
    cycle = find_cycle(edges)
    if not cycle:  # in a cycle every date contradicts another: the cycle is the one problem to report
        yield from timing(scenario, loc)
    if cycle:
        where = written.get((cycle[-2], cycle[-1]), (*loc, "waves"))
        yield CheckFinding(
            where,
            Code.DEPENDENCY_CYCLE,
            "dependency cycle: " + " → ".join(cycle) + " (each waits for the next); remove one 'after'",
        )


def _party(party: str, loc: Loc, ref: Reference) -> Iterator[CheckFinding]:
    if party.upper() in SYSTEM_GROUPS or ref.region(party) or ref.municipality(party):
        return
    choices = [*SYSTEM_GROUPS, *ref.regions, *(m.name for m in ref.municipalities)]
    hint = did_you_mean(party, choices) or "; use EOJ, EPJ, LPS, a region or a municipality"
    yield CheckFinding(loc, Code.UNKNOWN_PARTY, f"unknown party '{party}'{hint}")


def _municipality(name: str, loc: Loc, ref: Reference) -> Iterator[CheckFinding]:
    if ref.municipality(name) is None:
        hint = did_you_mean(name, ref.names) or "; see data/reference/municipalities.csv for the 98 names"
        yield CheckFinding(loc, Code.UNKNOWN_MUNICIPALITY, f"unknown municipality '{name}'{hint}")


def _metrics(prog: model.Programme, status_date: dt.date | None, ref: Reference) -> Iterator[CheckFinding]:
    metric_ids = [m.id for m in prog.metrics]
    yield from _duplicates(metric_ids, ("metrics",), "metric")
    yield from _duplicates([t.id for t in prog.targets], ("targets",), "target")
    for ti, target in enumerate(prog.targets):
        if target.metric not in metric_ids:
            yield _unknown(target.metric, metric_ids, "metric", ("targets", ti, "metric"))
        yield from _range(target.start, target.due, ("targets", ti), "due")
    for oi, obs in enumerate(prog.observations):
        oloc: Loc = ("observations", oi)
        for key in obs.values:
            if key not in metric_ids:
                yield _unknown(key, metric_ids, "metric", (*oloc, "values", key))
        named: dict[str, str] = {}  # canonical region -> as first written
        for region, values in obs.breakdown.items():
            canonical = ref.region(region)
            if canonical is None:
                yield CheckFinding(
                    (*oloc, "breakdown", region),
                    Code.UNKNOWN_REFERENCE,
                    f"unknown region '{region}'{did_you_mean(region, ref.regions) or '; use ' + ', '.join(ref.regions)}",
                )
            elif canonical in named:
                yield CheckFinding(
                    (*oloc, "breakdown", region),
                    Code.DUPLICATE_ID,
                    f"region '{region}' is {canonical}, already given as '{named[canonical]}'; give each region once",
                )
            else:
                named[canonical] = region
            for key in values:
                if key not in metric_ids:
                    yield _unknown(key, metric_ids, "metric", (*oloc, "breakdown", region, key))
        for key, total in obs.values.items():
            part = sum(v.get(key, 0) for v in obs.breakdown.values())
            if obs.breakdown and part > total:
                yield CheckFinding(
                    (*oloc, "breakdown"),
                    Code.BREAKDOWN_EXCEEDS_TOTAL,
                    f"the regions add up to {part:g} {key}, more than the total {total:g}; check the figures",
                    (("part", f"{part:g}"), ("metric", key), ("total", f"{total:g}")),
                )
        if status_date and obs.date.first > status_date:
            yield CheckFinding(
                (*oloc, "date"),
                Code.FUTURE_OBSERVATION,
                f"observation dated {obs.date.text} is after the status date {status_date.isoformat()}; it is ignored in views as of that date",
                (("date", obs.date.text), ("status_date", status_date.isoformat())),
            )


def _onboarding(onb: model.Onboarding, loc: Loc, ref: Reference) -> Iterator[CheckFinding]:
    yield from _duplicates([w.id for w in onb.waves], (*loc, "waves"), "wave")
    placed: dict[str, str] = {}
    for wi, wave in enumerate(onb.waves):
        wloc = (*loc, "waves", wi)
        if wave.start and wave.end:
            yield from _range(wave.start, wave.end, wloc)
        for mi, name in enumerate(wave.members):
            mloc = (*wloc, "members", mi)
            found = ref.municipality(name)
            if found is None:
                yield from _municipality(name, mloc, ref)
            elif found.code in placed:
                yield CheckFinding(
                    mloc,
                    Code.DUPLICATE_ID,
                    f"municipality '{found.name}' is already in wave '{placed[found.code]}'; place it once",
                )
            else:
                placed[found.code] = wave.id
        if wave.size and len(wave.members) > wave.size[1]:
            yield CheckFinding(
                (*wloc, "members"),
                Code.WAVE_SIZE,
                f"{len(wave.members)} named members but the planned size is at most {wave.size[1]}; raise 'size' or move members",
            )
    counts = Counter(ref.municipality(s.municipality) for s in onb.status)
    for si, status in enumerate(onb.status):
        found = ref.municipality(status.municipality)
        if found is None:
            yield from _municipality(status.municipality, (*loc, "status", si, "municipality"), ref)
        elif counts[found] > 1:
            yield CheckFinding(
                (*loc, "status", si, "municipality"),
                Code.DUPLICATE_ID,
                f"municipality '{found.name}' has more than one status entry; keep one",
            )
            counts[found] = 0


def vendors(
    vendor_list: Sequence[model.Vendor],
    programmes: dict[str, model.Programme],
    programme_ids: Sequence[str],
    documents: frozenset[str] | None = None,
) -> Iterator[tuple[int, CheckFinding]]:
    """Cross-checks of vendors.yaml: (index of vendor, finding); ``documents`` as for :func:`programme`."""
    with suggestions(SUGGESTIONS_PER_FILE):
        yield from _vendors(vendor_list, programmes, programme_ids)
        for vi, vendor in enumerate(vendor_list) if documents is not None else ():
            for loc, code, message in provenance.unknown_documents(vendor, documents or frozenset()):
                yield vi, CheckFinding(("vendors", vi, *loc), code, message)


def _not_ready(
    vendor: model.Vendor, ready: model.Readiness, por: model.Scenario
) -> tuple[str, str, tuple[tuple[str, str], ...]] | None:
    """(field, message, its values) when the vendor's date is after the go-live of its wave in plan ``por``.

    Every plan of the programme is checked: an alternative plan is an option a
    decision may adopt, and a vendor's "cannot before" holds against each.
    """
    kind = vendor.kind.value.casefold()
    wave = next((w for w in por.waves if w.id == ready.wave), None) if ready.wave else None
    wave = wave or next((w for w in por.waves if kind in (p.casefold() for p in w.parties)), None)
    live = go_live(wave) if wave else None
    if wave is None or live is None:
        return None
    field, date = ("ready_by", ready.ready_by) if ready.ready_by else ("not_before", ready.not_before)
    if date is None or date.first <= live.date.first:
        return None
    days = (date.first - live.date.first).days
    said = "ready" if field == "ready_by" else "cannot be ready before"
    said += " (an estimate)" if ready.inferred(field) else ""
    args = (
        ("said", field + ("-estimate" if ready.inferred(field) else "")),
        ("date", date.text), ("days", str(days)), ("wave", wave.name), ("golive", live.date.text), ("plan", por.id),
    )  # fmt: skip
    return (
        field,
        (
            f"{said} {date.text}, {days} days after {wave.name}'s go-live {live.date.text} in plan "
            f"'{por.id}'; the wave goes live without this vendor unless one of the dates moves"
        ),
        args,
    )


def _said_of(
    vi: int, pid: str, loc: Loc, programmes: dict[str, model.Programme], programme_ids: Sequence[str]
) -> Generator[tuple[int, CheckFinding], None, model.Programme | None]:
    """The programme a vendor's statement is about; an unknown id is a finding with a did-you-mean."""
    if pid not in programme_ids:
        yield vi, _unknown(pid, programme_ids, "programme", (*loc, "programme"))
        return None
    return programmes.get(pid)


def _vendors(
    vendor_list: Sequence[model.Vendor], programmes: dict[str, model.Programme], programme_ids: Sequence[str]
) -> Iterator[tuple[int, CheckFinding]]:
    seen: set[str] = set()
    for vi, vendor in enumerate(vendor_list):
        vloc: Loc = ("vendors", vi)
        if vendor.id in seen:
            yield (
                vi,
                CheckFinding(
                    (*vloc, "id"), Code.DUPLICATE_ID, f"vendor id '{vendor.id}' is used twice; ids must be unique"
                ),
            )
        seen.add(vendor.id)
        for pi, position in enumerate(vendor.positions):
            ploc = (*vloc, "positions", pi)
            prog = yield from _said_of(vi, position.programme, ploc, programmes, programme_ids)
            if prog is not None and position.scenario and prog.scenario(position.scenario) is None:
                yield vi, _unknown(position.scenario, [s.id for s in prog.scenarios], "scenario", (*ploc, "scenario"))
        for ri, ready in enumerate(vendor.readiness):
            rloc = (*vloc, "readiness", ri)
            prog = yield from _said_of(vi, ready.programme, rloc, programmes, programme_ids)
            if prog is None:  # unknown (said above), or the programme file is broken (its own problems say why)
                continue
            scenario_ids = [s.id for s in prog.scenarios]
            if ready.preferred_scenario and ready.preferred_scenario not in scenario_ids:
                yield vi, _unknown(ready.preferred_scenario, scenario_ids, "scenario", (*rloc, "preferred_scenario"))
            wave_ids = sorted({w.id for s in prog.scenarios for w in s.waves})
            if ready.wave and ready.wave not in wave_ids:
                yield vi, _unknown(ready.wave, wave_ids, "wave", (*rloc, "wave"))
            else:
                for late in filter(None, (_not_ready(vendor, ready, s) for s in prog.scenarios)):
                    yield vi, CheckFinding((*rloc, late[0]), Code.NOT_READY_BY_GO_LIVE, late[1], late[2])
        if vendor.readiness:
            dup = [r.programme for r in vendor.readiness]
            for ri, pid in enumerate(dup):
                if dup.index(pid) != ri and vendor.readiness[ri].wave == vendor.readiness[dup.index(pid)].wave:
                    yield (
                        vi,
                        CheckFinding(
                            (*vloc, "readiness", ri, "programme"),
                            Code.DUPLICATE_ID,
                            f"readiness for '{pid}' is given twice; keep one",
                        ),
                    )
