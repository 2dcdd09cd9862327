"""A vendor and its readiness in words: the row label every vendor chart uses, and the sentences said
beside the charts, on the slides and in the what-if ("klar 1. nov. 2024, 1. bølge går i drift 1. sep. 2024:
61 dage for sent").
"""

from __future__ import annotations

from planner.analysis import schedule
from planner.plan import model
from planner.presentation import i18n


def vendor_label(vendor: model.Vendor, lang: str) -> str:
    """'Systematic (Cura) · EOJ': the row label used in every vendor chart ('Andet' for other kinds)."""
    kind = i18n.t("w.kind_other", lang) if vendor.kind is model.SystemKind.OTHER else vendor.kind.value
    return f"{vendor.display_name} · {kind}"


def _go_live_text(fit: schedule.Fit, lang: str) -> str:
    milestone = schedule.go_live(fit.wave) if fit.wave else None
    return i18n.fuzzy(milestone.date, lang) if milestone else "–"


def gap_sentence(fit: schedule.Fit, lang: str) -> str:
    """'klar 1. nov. 2024, 1. bølge går i drift 1. sep. 2024: 61 dage for sent', or for an earliest date
    'tidligst klar 1. dec. 2025, 2. bølge går i drift 1. dec. 2025: ingen lovet dato'."""
    if fit.ready_by is None:
        return i18n.t("vd.gap_none", lang)
    ready = i18n.fuzzy(fit.ready_by, lang)
    if fit.wave is None:
        return i18n.t("vd.gap_no_wave", lang, ready=ready, kind=fit.vendor.kind.value)
    if fit.go_live is None:
        return i18n.t("vd.gap_no_golive", lang, ready=ready, wave=fit.wave.name)
    golive, gap = _go_live_text(fit, lang), fit.gap_days
    if fit.promise is schedule.Promise.NOT_BEFORE:
        return i18n.t(
            "vd.gap_not_before_late" if gap else "vd.gap_not_before",
            lang,
            ready=ready,
            wave=fit.wave.name,
            golive=golive,
            days=i18n.number(gap or 0, lang),
        )
    gap = gap or 0
    key = "vd.gap_late" if gap > 0 else "vd.gap_early" if gap < 0 else "vd.gap_same"
    return i18n.t(key, lang, ready=ready, wave=fit.wave.name, golive=golive, days=i18n.number(abs(gap), lang))


def holds_back_sentence(held: schedule.HeldBack, lang: str) -> str:
    """'Systematic (Cura), KMD (Nexus) holder 1. bølge (EOJ) tilbage med 61 dage'."""
    return i18n.t(
        "vd.holds_back_row",
        lang,
        vendor=", ".join(v.display_name for v in held.vendors),
        wave=held.wave.name,
        parties=held.party,
        days=i18n.number(held.max_gap_days, lang),
    )


def part_label(first: int, last: int, total: int, lang: str) -> str:
    """'Programmer 3–4 af 30', or 'Program 3 af 30' for a part of one programme."""
    if first == last:
        return i18n.t("vd.matrix_part_one", lang, first=first, total=total)
    return i18n.t("vd.matrix_part", lang, first=first, last=last, total=total)
