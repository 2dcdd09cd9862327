"""RAG status per programme: the manual one where given, else computed.

Computed rules, as of a date (first match wins):

    red    a target is past its due date and not reached, or needs more than
           twice its current pace; or a vendor is ready over 90 days after
           its wave's go-live, or says it is late
    amber  a target needs more than its current pace, or a vendor is ready
           after its wave's go-live
    green  none of the above

The reason always says which number drove the status, so a steering group
can check it; the status is never shown by colour alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from planner import i18n, model, progress, schedule

RED_GAP_DAYS = 90
Rag = model.RagStatus
_RANK = {Rag.GREEN: 0, Rag.AMBER: 1, Rag.RED: 2}
SYMBOL = {Rag.RED: "●", Rag.AMBER: "▲", Rag.GREEN: "✓"}


@dataclass(frozen=True)
class Status:
    """A programme's RAG with its reason and where it came from."""

    rag: Rag
    reason: str
    manual: bool

    def label(self, lang: str = i18n.DEFAULT_LANG) -> str:
        """'▲ Gul (beregnet)': symbol, word and source, never colour alone."""
        source = i18n.t("rag.manual" if self.manual else "rag.computed", lang)
        return f"{SYMBOL[self.rag]} {i18n.t('rag.' + self.rag.value, lang)} ({source})"


def _worst(items: Sequence[tuple[Rag, str]]) -> tuple[Rag, list[str]]:
    if not items:
        return Rag.GREEN, []
    worst = max(items, key=lambda x: _RANK[x[0]])[0]
    return worst, [reason for rag, reason in items if rag is worst]


def _target_items(prog: model.Programme, as_of: dt.date, lang: str) -> list[tuple[Rag, str]]:
    items = []
    for tp in progress.progress(prog, as_of):
        name = tp.metric.name if tp.metric else tp.target.metric
        if tp.overdue:
            items.append((Rag.RED, i18n.t("rag.target_missed", lang, target=name)))
            continue
        need, pace = tp.needed, tp.pace
        if need is None or pace is None or need <= pace:
            continue
        rag = Rag.RED if need > 2 * pace else Rag.AMBER
        items.append((rag, i18n.t("rag.target_behind", lang, target=name,
                                  need=i18n.number(need, lang, 1), pace=i18n.number(pace, lang, 1))))
    return items


def _vendor_items(prog: model.Programme, vendors: Sequence[model.Vendor], lang: str) -> list[tuple[Rag, str]]:
    fits = schedule.fits_for(prog, list(vendors))
    late = [f for f in fits if (f.gap_days or 0) > 0 or f.readiness.state is model.ReadinessState.LATE]
    if not late:
        return []
    worst_gap = max((f.gap_days or 0) for f in late)
    red = worst_gap > RED_GAP_DAYS or any(f.readiness.state is model.ReadinessState.LATE for f in late)
    return [(Rag.RED if red else Rag.AMBER, i18n.t("rag.vendors_late", lang, n=len(late), days=worst_gap))]


def programme_status(prog: model.Programme, vendors: Sequence[model.Vendor], as_of: dt.date,
                     lang: str = i18n.DEFAULT_LANG) -> Status:
    """The manual RAG if the plan gives one, else the computed one."""
    if prog.rag is not None:
        return Status(rag=prog.rag.status, reason=prog.rag.reason, manual=True)
    rag, reasons = _worst(_target_items(prog, as_of, lang) + _vendor_items(prog, vendors, lang))
    return Status(rag=rag, reason="; ".join(reasons) or i18n.t("rag.on_plan", lang), manual=False)
