"""The scaffold every edit form uses: the version shown, the record found in it, the form, the save, the outcome.

A form is drawn from the file as it is on disk when the form is first shown
(:func:`ui.edit_session.seen`), never from the plan as filtered by the status
date; its widgets are keyed on that version; only the values the person
changed are saved (:func:`planner.editing.edits`); what the save did is drawn
below the form, with a notice when someone else has saved the file since.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from planner import editing
from planner.plan import dates, folder_layout
from planner.presentation.markdown import inert
from ui import edit_session as session
from ui.context import Context

VENDORS = folder_layout.VENDORS_FILE


@dataclass(frozen=True)
class Shown:
    """One form on one version of its file."""

    form: str
    snap: editing.Snapshot
    data: Any  # the file's parsed YAML

    def key(self, name: str) -> str:
        """A widget key that stays while the form shows this version, and changes with it."""
        return session.key(self.form, self.snap, name)


@dataclass(frozen=True)
class Filled:
    """What a form gave back: the record's new values, the typed dates to check first (label -> text),
    and which of the fields that can be estimates were ticked as such."""

    values: Mapping[str, object]
    typed_dates: Mapping[str, str]
    estimable: tuple[str, ...] = ()
    ticked: frozenset[str] = frozenset()


def show(ctx: Context, form: str, file: str) -> Shown:
    snap = session.seen(ctx, form, file)
    return Shown(form, snap, editing.parse(snap))


def programme_file(ctx: Context, pid: str) -> str:
    return folder_layout.programme_file(Path(ctx.on_disk.programme_files[pid]).name)


def programme_name(ctx: Context, pid: str) -> str:
    prog = ctx.on_disk.programme(pid)
    return (prog.short_name or prog.name) if prog else pid


def text(value: object) -> str:
    return "" if value is None else str(value)


def bad_dates(ctx: Context, typed: Mapping[str, str]) -> bool:
    """Say which typed dates cannot be read; True if any."""
    bad = False
    for label, value in typed.items():
        if value.strip():
            try:
                dates.parse(editing.date_value(value))
            except dates.DateError:
                st.error(inert(ctx.t("ed.bad_date", field=label, value=value.strip())))
                bad = True
    return bad


def gone(ctx: Context, form: str) -> None:
    """The record is not in the file any more: say so, and read the file again on the next run."""
    st.warning(inert(ctx.t("ed.gone")))
    session.show_version(form, editing.Snapshot(file="", text="", sha256=""))


def finish(ctx: Context, shown: Shown, who: str) -> None:
    """Below the form: what its last save did, and whether someone has saved the file since it was shown."""
    session.outcome(ctx, shown.form, who)
    session.stale_notice(ctx, shown.form, shown.snap, who)


def record_form(
    ctx: Context,
    who: str,
    shown: Shown,
    path: editing.FieldPath | None,
    fields: Callable[[Shown, Mapping[str, Any]], Filled],
) -> None:
    """The form for the mapping at ``path`` of the shown file: ``fields`` draws its widgets from the record's values."""
    if path is None:
        return gone(ctx, shown.form)
    now = editing.value_at(shown.data, path)
    with st.form(f"form-{shown.form}"):
        filled = fields(shown, now if isinstance(now, Mapping) else {})
        submitted = st.form_submit_button(ctx.t("ed.save"))
    if submitted and not bad_dates(ctx, filled.typed_dates):
        changes: list[editing.Change] = [*editing.edits(shown.snap, path, filled.values)]
        changes += editing.estimate_changes(shown.snap, path, filled.estimable, filled.ticked)
        session.submit(ctx, shown.form, shown.snap, changes, who)
    finish(ctx, shown, who)


def estimate_ticks(
    ctx: Context, shown: Shown, now: Mapping[str, Any], labels: Mapping[str, str], where: Any = st
) -> frozenset[str]:
    """A tick per field (label -> field) saying its value is an estimate, as the file says it; the ticked fields."""
    columns = where.columns(len(labels))
    return frozenset(
        {
            field
            for column, (label, field) in zip(columns, labels.items(), strict=True)
            if column.checkbox(
                ctx.t("ed.estimated_field", field=label),
                editing.shown_estimated(now, field),
                key=shown.key("est-" + field),
            )
        }
    )
