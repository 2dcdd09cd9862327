"""A decision's options side by side: a column per option, a row per thing a steering group weighs.

The rows: where each option stands (proposed, adopted, rejected), what it is,
when each party goes live, who must convert and for how long, whose stated
readiness fits it, who supports or prefers it, and its source. What is said of
every plan alike, or of a plan that is not an option (a proposed change), is
listed under the table: it is part of the decision, but of no one column.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from planner.analysis import decisions
from planner.plan import model
from planner.presentation import compare_table, i18n, readiness_text

Row = dict[str, str]


@dataclass(frozen=True)
class SideBySide:
    """The options of one decision as rows of text, and what is said of no single option."""

    options: tuple[model.Scenario, ...]
    rows: tuple[Row, ...]
    notes: tuple[str, ...]


def side_by_side(
    prog: model.Programme,
    decision: model.Decision,
    vendors: Sequence[model.Vendor],
    portfolio: model.Portfolio,
    as_of: dt.date,
    lang: str,
) -> SideBySide:
    """The decision's options compared by outcome, with every stakeholder's position and its source."""
    options = tuple(s for o in decision.options if (s := prog.scenario(o)) is not None)
    names = [s.name for s in options]
    first = i18n.t("dec.aspect", lang)

    def row(aspect: str, cells: Sequence[str]) -> Row:
        return {first: aspect, **dict(zip(names, cells, strict=True))}

    rows = [
        row(
            i18n.t("dec.standing", lang),
            [i18n.t("sc." + decisions.status(prog, s, as_of).value, lang) for s in options],
        ),
        row(i18n.t("dec.what", lang), [s.description or "–" for s in options]),
    ]
    party = i18n.t("pg.party", lang)
    for compared in compare_table.table(prog, vendors, lang):  # go-live per party, conversion, readiness fit
        rows.append(row(str(compared[party]), [str(compared.get(n, "–")) for n in names]))
    said = [(v, p) for v in vendors for p in v.positions if p.programme == prog.id]
    for stance in model.Stance:
        cells = [_who(said, stance, s.id, lang) for s in options]
        if any(cells):
            rows.append(row(i18n.t("pos." + stance.value, lang).capitalize(), [c or "–" for c in cells]))
    rows.append(
        row(
            i18n.t("w.source_label", lang),
            [readiness_text.source(s.source or prog.source, portfolio, lang) or "–" for s in options],
        )
    )
    ids = {s.id for s in options}
    grouped: dict[str, list[str]] = {}  # the five EOJ vendors' one proposal is one line naming all five
    for v, p in said:
        if p.scenario not in ids:
            grouped.setdefault(_note(prog, v, p, portfolio, lang), []).append(v.display_name)
    notes = tuple(what.format(who=", ".join(dict.fromkeys(who))) for what, who in grouped.items())
    return SideBySide(options=options, rows=tuple(rows), notes=notes)


def _who(said: Sequence[tuple[model.Vendor, model.Position]], stance: model.Stance, scenario: str, lang: str) -> str:
    """'Epic, Systematic (EPJ)': who takes this stance on this option, a proposed date with it."""
    found = [
        v.display_name + (f" ({i18n.fuzzy(p.date, lang)})" if p.date else "")
        for v, p in said
        if p.stance is stance and p.scenario == scenario
    ]
    return ", ".join(dict.fromkeys(found))


def _note(prog: model.Programme, vendor: model.Vendor, p: model.Position, portfolio: model.Portfolio, lang: str) -> str:
    """'Foreslår ({who}): Trinvis, 1. bølge 1. nov. 2024 (1. nov. 2024) – … [kilde]', with a slot for who said it."""
    plan = prog.scenario(p.scenario) if p.scenario else None
    what = plan.name if plan else i18n.t("pos.every_plan", lang)
    when = f" ({i18n.fuzzy(p.date, lang)})" if p.date else ""
    text = f" – {p.text}" if p.text else ""
    source = readiness_text.source(p.source or vendor.source, portfolio, lang)
    said = f"{what}{when}{text}".replace("{", "{{").replace("}", "}}")
    return f"{i18n.t('pos.' + p.stance.value, lang).capitalize()} ({{who}}): {said}" + (
        f" [{source}]" if source else ""
    )
