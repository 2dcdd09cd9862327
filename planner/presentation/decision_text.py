"""Decisions in words: a plan's standing beside its name, and a decision still to be taken or taken."""

from __future__ import annotations

import datetime as dt

from planner.analysis import decisions
from planner.plan import model
from planner.presentation import i18n


def scenario_label(prog: model.Programme, scenario: model.Scenario, as_of: dt.date, lang: str) -> str:
    """'Trinvis idriftsættelse (forslag)': a plan's name and where it stands.

    Where no decision or status speaks of the programme's plans, only its plan
    of record is marked, as the plan in force.
    """
    if prog.decisions or any(s.status is not None for s in prog.scenarios):
        return f"{scenario.name} ({i18n.t('sc.' + decisions.status(prog, scenario, as_of).value, lang)})"
    return scenario.name + (f" ({i18n.t('w.plan_of_record', lang)})" if scenario is prog.plan_of_record else "")


def sentence(found: decisions.Open, as_of: dt.date, lang: str) -> str:
    """'Beslutning afventer: … Valgmuligheder: Trinvis / Fælles. Besluttes af MedComs styregruppe, 14. dec. 2022.'"""
    d = found.decision
    if decisions.decided(d, as_of) and d.chosen is not None and d.decided_on is not None:
        chosen = found.programme.scenario(d.chosen)
        return i18n.t(
            "dec.taken",
            lang,
            date=i18n.fuzzy(d.decided_on, lang),
            body=d.body,
            chosen=chosen.name if chosen else d.chosen,
        ) + (f" {d.outcome_note}" if d.outcome_note else "")
    return i18n.t(
        "dec.open",
        lang,
        question=d.question,
        options=" / ".join(s.name for s in found.options),
        body=d.body,
        date=i18n.fuzzy(d.date, lang),
    )


def for_programme(prog: model.Programme, as_of: dt.date, lang: str) -> list[str]:
    """Each of the programme's decisions in words: the open ones first, then the taken ones."""
    found = decisions.open_decisions([prog], as_of) + decisions.taken([prog], as_of)
    return [sentence(o, as_of, lang) for o in found]
