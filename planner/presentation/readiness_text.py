"""How a vendor's readiness reads on every screen: its state, what its date means, and what is not from a source.

One place, so that the matrix, its hover, the tables and the meeting pack say
the same thing: "Følger planen (beregnet)", "tidligst 1. dec. 2025",
"klar 1. nov. 2024 (anslået)". A state the source does not give is derived
from the dates and says so; a value that is an estimate says "anslået".
"""

from __future__ import annotations

import datetime as dt

from planner.analysis import schedule
from planner.analysis.schedule import Promise
from planner.plan import fields, model
from planner.presentation import i18n
from planner.presentation.charts import theme


def estimate_mark(estimate: bool, lang: str) -> str:
    """' (anslået)' when ``estimate``, else ''."""
    return f" ({i18n.t('w.estimate', lang)})" if estimate else ""


def state(fit: schedule.Fit, lang: str) -> str:
    """'→ Følger planen', with '(beregnet)' when derived from the dates and '(anslået)' when it rests on an estimate."""
    text = f"{theme.READINESS_SYMBOL[fit.state]} {i18n.enum_label(fit.state, 'ready', lang)}"
    tags = []
    if fit.derived and fit.state is not model.ReadinessState.UNKNOWN:
        tags.append(i18n.t("vd.derived", lang))
    if fit.readiness.inferred("state") or (fit.derived and fit.estimated):
        tags.append(i18n.t("w.estimate", lang))
    return text + (f" ({', '.join(tags)})" if tags else "")


def when(fit: schedule.Fit, lang: str) -> str:
    """'klar 1. nov. 2024', 'tidligst 1. dec. 2025' or 'ingen klar-dato', marked when the date is an estimate."""
    r = fit.readiness
    if fit.promise is Promise.READY_BY and r.ready_by is not None:
        return i18n.t("vd.cell_ready", lang, date=i18n.fuzzy(r.ready_by, lang)) + estimate_mark(
            r.inferred("ready_by"), lang
        )
    if fit.promise is Promise.NOT_BEFORE and r.not_before is not None:
        return i18n.t("vd.cell_not_before", lang, date=i18n.fuzzy(r.not_before, lang)) + estimate_mark(
            r.inferred("not_before"), lang
        )
    return i18n.t("vd.cell_no_date", lang)


STALE_DAYS = 183  # a statement older than this (about six months) on the day viewed is shown with its date


def stale(fit: schedule.Fit, day: dt.date, lang: str) -> str:
    """'oplyst okt. 2022 – over 6 mdr. gammelt' when the statement is older than :data:`STALE_DAYS` on ``day``."""
    said = fit.readiness.as_of
    if said is None or (day - said.last).days <= STALE_DAYS:
        return ""
    return i18n.t("vd.stale", lang, date=i18n.fuzzy(said, lang))


def source(cite: fields.Cite | None, portfolio: model.Portfolio, lang: str) -> str:
    """'KKR-netværksmøde 3. nov. 2022, dias «EOJ- og EPJ-tilbagemeldinger»: "…"', or '' without a source."""
    if cite is None or cite == "":
        return ""
    if isinstance(cite, str):
        return cite
    doc = next((d for d in portfolio.sources if d.id == cite.doc), None)
    parts = [doc.title if doc else cite.doc]
    if cite.slide:
        parts.append(i18n.t("w.slide", lang, slide=cite.slide))
    if cite.page:
        parts.append(i18n.t("w.page", lang, page=cite.page))
    text = ", ".join(parts)
    return text + (f': "{cite.quote}"' if cite.quote else "")
