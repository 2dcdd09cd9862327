"""A programme's status for people: '▲ Gul (beregnet)' and the reason with the numbers that drove it."""

from __future__ import annotations

from collections.abc import Iterable

from planner.analysis import progress
from planner.analysis.status import SYMBOL, Stage, Status, StatusReason, Why
from planner.presentation import i18n

STAGE_SYMBOL = {Stage.NO_DATES: "–", Stage.FINISHED: "■"}


def shown_stage(status: Status) -> Stage | None:
    """The stage shown instead of a colour: finished as the data says, or no dates and nothing found (a manual RAG wins)."""
    if status.manual or status.stage is Stage.PLANNED:
        return None
    if status.stage is Stage.NO_DATES and status.rag is not None:
        return None
    return status.stage


def label(status: Status, lang: str) -> str:
    """'▲ Gul (beregnet, anslået)': symbol, word and source, never colour alone; 'Ingen status i kilden' without one."""
    stage = shown_stage(status)
    if stage is not None:
        return f"{STAGE_SYMBOL[stage]} {i18n.t('stage.' + stage.value, lang)}"
    if status.rag is None:
        return f"{SYMBOL[None]} {i18n.t('rag.none', lang)}"
    source = i18n.t("rag.manual" if status.manual else "rag.computed", lang)
    if status.estimated:
        source += ", " + i18n.t("w.estimate", lang)
    return f"{SYMBOL[status.rag]} {i18n.t('rag.' + status.rag.value, lang)} ({source})"


def reason(status: Status, lang: str) -> str:
    """Why: the plan's own words for a status set by hand, else each computed reason."""
    if status.manual:
        return status.manual_reason
    stage = shown_stage(status)
    if stage is not None:
        return i18n.t(f"stage.{stage.value}_reason", lang)
    return "; ".join(_reason(r, lang) for r in status.reasons)


def pace(basis: progress.Pace | None, lang: str) -> str:
    """'tempo de seneste 6 mdr.: 2,0 pr. md.' or 'gennemsnit siden 1. dec. 2020 (anslået): 1,6 pr. md.'."""
    if basis is None:
        return i18n.t("tg.pace_none", lang)
    value = i18n.number(basis.per_month, lang, 1)
    if basis.recent:
        return i18n.t("tg.pace_recent", lang, months=progress.RECENT_MONTHS, pace=value)
    mark = f" ({i18n.t('w.estimate', lang)})" if basis.estimated else ""
    return i18n.t("tg.pace_since", lang, date=i18n.day(basis.since, lang), estimate=mark, pace=value)


def counts(statuses: Iterable[Status], lang: str) -> str:
    """'9 programmer: 1 rødt, 1 gult, 6 grønne, 1 uden plan': every programme counted once."""
    found = list(statuses)
    groups: dict[str, int] = {}
    for s in found:
        stage = shown_stage(s)
        key = f"count.{stage.value}" if stage else f"count.{s.rag.value if s.rag else 'none'}"
        groups[key] = groups.get(key, 0) + 1
    order = ["count.red", "count.amber", "count.green", "count.none", "count.finished", "count.no-dates"]
    parts = [i18n.tn(key, groups[key], lang) for key in order if groups.get(key)]
    return i18n.tn("rp.programmes_rag", len(found), lang, counts=", ".join(parts))


def _reason(r: StatusReason, lang: str) -> str:
    if r.why is Why.TARGET_MISSED:
        return i18n.t("rag.target_missed", lang, target=r.target)
    if r.why is Why.TARGET_BEHIND:
        return i18n.t(
            "rag.target_behind",
            lang,
            target=r.target,
            need=i18n.number(r.need or 0, lang, 1),
            pace=pace(r.pace_basis, lang),
        )
    if r.why is Why.VENDORS_LATE:
        return i18n.tn("rag.vendors_late", r.vendors, lang, days=i18n.number(r.days, lang))
    return i18n.t("rag.none_reason", lang)
