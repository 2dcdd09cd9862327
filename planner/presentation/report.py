"""The meeting pack in one format: PPTX (:mod:`pack_pptx`), HTML (:mod:`pack_html`) or XLSX (:mod:`workbook`).

The deck and the HTML file are written from the same :func:`pack_slides.slides`; the workbook holds the
plan's tables. The same plan as of the same day gives the same bytes (:mod:`reproducible`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from planner.plan.loader import Plan
from planner.presentation import pack_html, pack_pptx, pack_slides, reproducible, workbook

FORMATS = ("pptx", "html", "xlsx")


def build(
    plan: Plan,
    fmt: str,
    lang: str,
    as_of: dt.date | None = None,
    boundaries: dict[str, Any] | None = None,
    since: tuple[str, Plan] | None = None,
) -> bytes:
    """The meeting pack in one format, as bytes (``since``: a baseline's name and plan, for a changes slide)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown meeting-pack format {fmt!r}; one of {', '.join(FORMATS)}")
    day = as_of or plan.status_date
    if fmt == "xlsx":  # the same plan as of the same day: the same bytes (reproducible.stamped)
        return reproducible.stamped(workbook.to_xlsx(plan, lang, day), day)
    if boundaries is None and plan.reference.boundaries_path is not None:
        boundaries = plan.reference.boundaries()
    deck = pack_slides.slides(plan, lang, day, boundaries, since=since)
    if fmt == "pptx":
        return reproducible.stamped(pack_pptx.to_pptx(plan, deck, lang, day), day)
    return pack_html.to_html(plan, deck, lang, day).encode("utf-8")
