"""What changed since a baseline, for people: one line per change in Danish or English."""

from __future__ import annotations

from collections.abc import Sequence

from planner.analysis import diff
from planner.plan import dates
from planner.presentation import i18n


def _date(text: str, lang: str) -> str:
    return i18n.fuzzy(dates.parse(text), lang) if text else "–"


def _phase_dates(text: str, lang: str) -> str:
    start, _, end = text.partition(diff.INTERVAL)
    return f"{_date(start, lang)}–{_date(end, lang)}"


def _count(n: int, lang: str) -> str:
    return i18n.t("diff.day" if abs(n) == 1 else "diff.n_days", lang, n=i18n.number(abs(n), lang))


def _slip(days: int | None, lang: str) -> str:
    if not days:
        return i18n.t("diff.same_day", lang)
    return i18n.t("diff.later" if days > 0 else "diff.earlier", lang, n=_count(days, lang))


def _phase_words(change: diff.PlanChange, lang: str) -> str:
    old_start, _, old_end = change.old.partition(diff.INTERVAL)
    new_start, _, new_end = change.new.partition(diff.INTERVAL)
    start = diff.day_shift(dates.parse(old_start).first, dates.parse(new_start).first)
    end = diff.day_shift(dates.parse(old_end).last, dates.parse(new_end).last)
    parts = []
    if start:
        parts.append(i18n.t("diff.starts", lang, slip=_slip(start, lang)))
    if end:
        parts.append(i18n.t("diff.ends", lang, slip=_slip(end, lang)))
    length = end - start
    if length:
        parts.append(i18n.t("diff.longer" if length > 0 else "diff.shorter", lang, n=_count(length, lang)))
    else:
        parts.append(i18n.t("diff.same_length", lang))
    return ", ".join(parts)


def _state(value: str, lang: str) -> str:
    """A readiness state by its name; none given: derived from the dates ('beregnet')."""
    return i18n.t(f"ready.{value}", lang) if value else i18n.t("diff.state_derived", lang)


def _target_value(text: str, lang: str) -> str:
    value = float(text)
    return i18n.number(value, lang, decimals=0 if value.is_integer() else 2)


def _what(change: diff.PlanChange, lang: str) -> str:
    """The value shown in parentheses after 'phase added' and the like."""
    value = change.new or change.old
    if not value:
        return ""
    if change.detail == "phase":
        value = _phase_dates(value, lang)
    elif change.detail in ("milestone", "observation"):
        value = _date(value, lang)
    elif change.detail == "readiness":
        value = _state(value, lang)
    elif change.detail == "target":
        value = _target_value(value, lang)
    return f" ({value})"


def describe(change: diff.PlanChange, lang: str) -> str:
    """One line for people, e.g. 'FHIR-KM / Trinvis idriftsættelse / 1. bølge / Idriftsættelse: flyttet fra …'."""
    text = _sentence(change, lang)
    return f"{change.path}: {text}" if change.path else text[:1].upper() + text[1:]


def _sentence(c: diff.PlanChange, lang: str) -> str:
    t = i18n.t
    if c.kind is diff.Kind.MILESTONE_MOVED:
        return t("diff.moved", lang, old=_date(c.old, lang), new=_date(c.new, lang), slip=_slip(c.slip_days, lang))
    if c.kind is diff.Kind.PHASE_CHANGED:
        return t(
            "diff.phase", lang, old=_phase_dates(c.old, lang), new=_phase_dates(c.new, lang), what=_phase_words(c, lang)
        )
    if c.kind is diff.Kind.PLAN_OF_RECORD:
        return t("diff.plan_of_record", lang, old=c.old, new=c.new)
    if c.kind is diff.Kind.READINESS_CHANGED and c.detail == diff.STATE:
        return t("diff.readiness", lang, old=_state(c.old, lang), new=_state(c.new, lang))
    if c.kind is diff.Kind.TARGET_CHANGED and c.detail == diff.TARGET:
        return t("diff.target", lang, old=_target_value(c.old, lang), new=_target_value(c.new, lang))
    if c.kind in (diff.Kind.READINESS_CHANGED, diff.Kind.TARGET_CHANGED):
        return _date_change(c, lang)
    if c.kind is diff.Kind.VALUE_CHANGED:
        return _value_change(c, lang)
    if c.kind in (diff.Kind.ADDED, diff.Kind.REMOVED):
        return t(f"diff.{c.kind}", lang, what=t(f"diff.item.{c.detail}", lang)) + _what(c, lang)
    raise ValueError(f"no words for a change of kind {c.kind}")


def _value_change(c: diff.PlanChange, lang: str) -> str:
    """A count, a percentage, an onboarding state, a decision's outcome or the status date, in words."""
    t = i18n.t
    if c.detail == diff.STATUS_DATE:
        return t(
            "diff.status_date", lang, old=_date(c.old, lang), new=_date(c.new, lang), slip=_slip(c.slip_days, lang)
        )
    if c.detail == diff.DECISION:
        chosen, _, when = c.new.partition(diff.INTERVAL)
        return t("diff.decided", lang, chosen=chosen, date=_date(when, lang))
    if c.detail == diff.ONBOARDING:
        return t(
            "diff.value",
            lang,
            field=t("diff.field.onboarding", lang),
            old=_onboarding(c.old, lang),
            new=_onboarding(c.new, lang),
        )
    if c.detail == diff.PERCENT:
        old, new = (f"{_target_value(v, lang)} %" if v else "–" for v in (c.old, c.new))
        return t("diff.value", lang, field=t("diff.field.percent_complete", lang), old=old, new=new)
    old, new = (_target_value(v, lang) if v else "–" for v in (c.old, c.new))
    return t("diff.value", lang, field=t("diff.field.count", lang), old=old, new=new)


def _onboarding(value: str, lang: str) -> str:
    return i18n.t(f"onb.{value}", lang) if value else "–"


def _date_change(c: diff.PlanChange, lang: str) -> str:
    """A ready-by, start or due date set, removed or moved."""
    field = i18n.t(f"diff.field.{c.detail}", lang)
    if not c.old:
        return i18n.t("diff.date_set", lang, field=field, new=_date(c.new, lang))
    if not c.new:
        return i18n.t("diff.date_removed", lang, field=field, old=_date(c.old, lang))
    return i18n.t(
        "diff.date_moved",
        lang,
        field=field,
        old=_date(c.old, lang),
        new=_date(c.new, lang),
        slip=_slip(c.slip_days, lang),
    )


def format_report(changes: Sequence[diff.PlanChange], lang: str) -> str:
    """One line per change, or 'ingen ændringer' / 'no changes'."""
    if not changes:
        return i18n.t("diff.none", lang)
    return "\n".join(describe(c, lang) for c in changes)
