"""The readiness matrix cut into parts a screen or a slide can hold.

A matrix of every vendor by every programme wave grows with the product of the
two. A part holds at most a number of programme waves (whole programmes, with
their vendors); a slide's part also at most a number of vendors, the least
ready first. Typed results only: the charts and the deck draw and label them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from planner.analysis import schedule
from planner.plan import loader, model

State = model.ReadinessState


def matrix_parts(plan: loader.Plan, columns: int) -> list[loader.Plan]:
    """The plan in parts of at most ``columns`` programme waves with the vendors of each, one matrix apiece.

    Only programmes that vendors have said something about count: the others
    have no column. A programme is never split; one with more waves than
    ``columns`` is a part of its own. The browser's cost grows with the
    matrix's cells, and a column narrower than its label is unreadable, so a
    part is bounded by its columns rather than its programmes.
    """
    groups = _column_groups(plan, columns)
    if len(groups) <= 1:
        return [plan]
    parts = []
    for group in groups:
        ids = {p.id for p in group}
        vendors = tuple(v for v in plan.vendors if any(r.programme in ids for r in v.readiness))
        parts.append(dataclasses.replace(plan, programmes=tuple(group), vendors=vendors))
    return parts


def part_ranges(parts: Sequence[loader.Plan]) -> list[tuple[int, int, int]]:
    """The first and last programme number (from 1) of each of ``parts`` (:func:`matrix_parts`), and of how many."""
    total, ranges, first = sum(len(p.programmes) for p in parts), [], 1
    for part in parts:
        ranges.append((first, first + len(part.programmes) - 1, total))
        first += len(part.programmes)
    return ranges


def _column_groups(plan: loader.Plan, columns: int) -> list[list[model.Programme]]:
    """Programmes in plan order, grouped so that each group's matrix has at most ``columns`` columns."""
    width: dict[str, int] = {}
    for key in {(f.readiness.programme, f.wave.id if f.wave else None) for f in plan_fits(plan, plan.vendors)}:
        width[key[0]] = width.get(key[0], 0) + 1
    groups: list[list[model.Programme]] = []
    used = columns  # the first programme opens a group
    for prog in plan.programmes:
        if prog.id not in width:
            continue
        if used + width[prog.id] > columns:
            groups.append([])
            used = 0
        groups[-1].append(prog)
        used += width[prog.id]
    return groups


def plan_fits(plan: loader.Plan, vendors: Sequence[model.Vendor]) -> list[schedule.Fit]:
    """Each readiness statement of ``vendors`` about a programme of ``plan``, set against its plan of record."""
    programmes = {p.id: p for p in plan.programmes}
    return [
        schedule.vendor_fit(v, r, programmes[r.programme].plan_of_record)
        for v in vendors
        for r in v.readiness
        if r.programme in programmes
    ]


def slide_parts(plan: loader.Plan, columns: int, rows: int) -> list[tuple[loader.Plan, int]]:
    """The matrix cut for slides: :func:`matrix_parts` of at most ``columns`` programme waves, each with only
    the vendors that fit ``rows`` (the least ready first), and how many vendors each leaves out."""
    out = []
    for part in matrix_parts(plan, columns):
        kept, more = least_ready(list(part.vendors), plan_fits(part, list(part.vendors)), rows)
        out.append((dataclasses.replace(part, vendors=tuple(kept)), more))
    return out


def least_ready(vendors: list[model.Vendor], fits: Sequence[schedule.Fit], room: int) -> tuple[list[model.Vendor], int]:
    """The vendors that fit ``room`` rows (one kept for the note of the rest), the least ready first, in plan
    order; and how many are left out."""
    if len(vendors) <= room:
        return vendors, 0
    severity = (State.LATE, State.AT_RISK, State.UNKNOWN, State.ON_TRACK, State.READY)
    worst = {v.id: len(severity) for v in vendors}
    for f in fits:
        worst[f.vendor.id] = min(worst[f.vendor.id], severity.index(f.state))
    keep = {v.id for v in sorted(vendors, key=lambda v: worst[v.id])[: max(1, room - 1)]}
    return [v for v in vendors if v.id in keep], len(vendors) - len(keep)
