"""The source and estimate in force for each record of a programme: its own, or the nearest around it.

A milestone without its own ``source`` is sourced by its wave, scenario or programme
(:func:`planner.plan.provenance.walk`), and an estimate anywhere above it makes it one. The calendar feed
and the MS Project file say both in their events' and tasks' descriptions.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.plan import fields, model, provenance
from planner.plan.loader import Plan
from planner.presentation import i18n, readiness_text


@dataclass(frozen=True)
class InForce:
    """What a record's reader is told about where its values come from."""

    estimate: bool
    lines: tuple[str, ...]  # the estimate said, and the source, as lines of a description


class Sources:
    """The source and estimate in force for each record of one programme."""

    def __init__(self, plan: Plan, prog: model.Programme) -> None:
        self.plan = plan
        self._cited = {id(c.record): c for c in provenance.walk(prog)}

    def of(self, record: fields.Cited, lang: str) -> InForce:
        cited = self._cited.get(id(record))
        estimate = record.estimate or bool(record.estimated) or (cited is not None and cited.estimate)
        lines = [i18n.t("cal.estimate", lang)] if estimate else []
        source = cited.source if cited is not None else record.source
        if said := readiness_text.source(source, self.plan.portfolio, lang):
            lines.append(i18n.t("cal.source", lang, source=said))
        return InForce(estimate, tuple(lines))
