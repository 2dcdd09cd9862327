"""A programme's status for people: '▲ Gul (beregnet)' and the reason with the numbers that drove it."""

from __future__ import annotations

from planner.analysis.status import SYMBOL, Reason, Status, Why
from planner.presentation import i18n


def label(status: Status, lang: str = i18n.DEFAULT_LANG) -> str:
    """'▲ Gul (beregnet)': symbol, word and source, never colour alone."""
    source = i18n.t("rag.manual" if status.manual else "rag.computed", lang)
    return f"{SYMBOL[status.rag]} {i18n.t('rag.' + status.rag.value, lang)} ({source})"


def reason(status: Status, lang: str = i18n.DEFAULT_LANG) -> str:
    """Why: the plan's own words for a status set by hand, else each computed reason."""
    if status.manual:
        return status.manual_reason
    return "; ".join(_reason(r, lang) for r in status.reasons)


def _reason(r: Reason, lang: str) -> str:
    if r.why is Why.TARGET_MISSED:
        return i18n.t("rag.target_missed", lang, target=r.target)
    if r.why is Why.TARGET_BEHIND:
        return i18n.t(
            "rag.target_behind",
            lang,
            target=r.target,
            need=i18n.number(r.need or 0, lang, 1),
            pace=i18n.number(r.pace or 0, lang, 1),
        )
    if r.why is Why.VENDORS_LATE:
        return i18n.tn("rag.vendors_late", r.vendors, lang, days=i18n.number(r.days, lang))
    return i18n.t("rag.on_plan", lang)
