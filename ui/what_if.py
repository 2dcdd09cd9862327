"""The programme page's what-if panel: move a go-live or a vendor's ready-by date and see what follows (nothing is saved)."""

from __future__ import annotations

import streamlit as st

from planner.analysis import schedule, whatif
from planner.plan import model
from planner.presentation import problem_text, tables, vendor_text
from planner.presentation.markdown import inert
from ui import cache, data
from ui.context import Context

EARLIEST, LATEST = -730, 1460  # days a move may take


def outcome(
    ctx: Context, prog: model.Programme, scenario: model.Scenario, wave_id: str = "", days: int = 0,
    vendor_id: str = "", vendor_days: int = 0,
) -> whatif.MoveOutcome:  # fmt: skip
    """The moved plan, computed once per content of the programme, its vendors and the move (shared, never changed)."""
    vendors = data.vendors_for(ctx.plan, prog.id)
    return cache.value(
        whatif.outcome,
        prog,
        scenario,
        vendors,
        wave_id=wave_id,
        days=days,
        vendor_id=vendor_id,
        vendor_days=vendor_days,
    )


def panel(ctx: Context, prog: model.Programme, scenario: model.Scenario) -> whatif.MoveOutcome:
    """The controls in an expander, and what the move does; the outcome drives the Gantt above."""
    live_waves = [w for w in scenario.waves if schedule.go_live(w) is not None]
    if not live_waves:
        return outcome(ctx, prog, scenario)
    with st.expander(ctx.t("wi.title"), expanded=False, icon="🔀"):
        left, right = st.columns(2)
        wave_id = left.selectbox(
            ctx.t("wi.wave"),
            [w.id for w in live_waves],
            key=f"wi-wave-{prog.id}-{scenario.id}",
            format_func=lambda wid: next(w.name for w in live_waves if w.id == wid),
            placeholder=ctx.t("ctl.choose"),
        )
        days = int(left.number_input(ctx.t("wi.days"), EARLIEST, LATEST, 0, 1, key=f"wi-days-{prog.id}-{scenario.id}"))
        dated = [
            v
            for v in data.vendors_for(ctx.plan, prog.id)
            if any(r.programme == prog.id and (r.ready_by or r.not_before) for r in v.readiness)
        ]
        vendor_id, vendor_days = "", 0
        if dated:
            vendor_id = right.selectbox(
                ctx.t("wi.vendor"),
                ["", *(v.id for v in dated)],
                key=f"wi-vendor-{prog.id}",
                format_func=lambda vid: (
                    vendor_text.vendor_label(next(v for v in dated if v.id == vid), ctx.lang) if vid else "–"
                ),
                placeholder=ctx.t("ctl.choose"),
            )
            vendor_days = int(
                right.number_input(ctx.t("wi.vendor_days"), EARLIEST, LATEST, 0, 1, key=f"wi-vendor-days-{prog.id}")
            )
        out = outcome(ctx, prog, scenario, wave_id, days, vendor_id, vendor_days)
        _describe(ctx, scenario, out)
    return out


def _describe(ctx: Context, scenario: model.Scenario, out: whatif.MoveOutcome) -> None:
    if out.moved.moved:
        labels = whatif.names(scenario)
        st.markdown(
            inert(
                ctx.tn("wi.moved", len(out.moved.moved))
                + " "
                + ", ".join(f"{labels.get(key, key)} ({d:+d})" for key, d in out.moved.moved.items())
            )
        )
    for w, change in out.windows:
        st.markdown(
            inert(ctx.t("wi.conversion", parties=", ".join(w.parties), days=ctx.number(w.days), change=f"{change:+d}"))
        )
    for warning in out.findings:  # the moved plan checked as a saved one would be
        st.warning(inert(problem_text.message(warning.code, warning.message, warning.args, ctx.lang)))
    st.markdown(inert(f"**{ctx.tn('wi.late_now', len(out.late))}**"))
    for f in out.late:
        st.markdown(inert(f"- {vendor_text.vendor_label(f.vendor, ctx.lang)}: {vendor_text.gap_sentence(f, ctx.lang)}"))


def conversion(ctx: Context, scenario: model.Scenario, out: whatif.MoveOutcome) -> None:
    """Where parties go live apart and must convert: each window, or that there is none, and the plan's note."""
    if out.windows or scenario.conversion_note:  # only where parties go live apart and must convert
        st.subheader(inert(ctx.t("pg.conversion")))
        for w, _ in out.windows:
            st.warning(inert(tables.conversion(w, ctx.lang)))  # the go-lives as written, estimates marked
        if not out.windows:
            st.info(inert(ctx.t("pg.no_conversion")))
        if scenario.conversion_note:
            st.caption(inert(scenario.conversion_note))
