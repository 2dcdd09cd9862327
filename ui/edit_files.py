"""The edit page's uploads (a plan file, or the meeting pack's workbook edited: a preview, then save) and the log."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import streamlit as st

from planner import editing
from planner.plan import folder_layout
from planner.presentation.markdown import inert
from ui import access, draw, edit_form, git_sync
from ui import edit_session as session
from ui.context import Context

T = TypeVar("T")


def _kept(ctx: Context, form: str, build: Callable[[], T]) -> T | None:
    """The upload's preview, and the versions it compares with, kept from the moment it is first shown."""
    found: T | None = st.session_state.get("_preview:" + form)
    if found is None:
        try:
            found = build()
        except editing.EditError as exc:
            st.error(inert(session.reason(ctx, exc)))
            return None
        st.session_state["_preview:" + form] = found
    return found


def upload(ctx: Context, who: str, files: Sequence[str]) -> None:
    target = st.selectbox(ctx.t("ed.upload_target"), files, key="ed-upload-target", placeholder=ctx.t("ctl.choose"))
    uploaded = st.file_uploader(ctx.t("ed.upload"), type=["yaml", "yml"], key="ed-upload")
    if uploaded is None:
        return
    raw = uploaded.getvalue()
    form = f"upload-{target}-{editing.files.sha(raw)[:16]}"
    preview = _kept(ctx, form, lambda: editing.preview_upload(ctx.on_disk.data_dir, target, raw))
    if preview is None:
        return
    if preview.problems:
        st.code("\n".join(session.problem_line(ctx, p) for p in preview.problems), language=None, wrap_lines=True)
    st.code(preview.diff or ctx.t("diff.none"), language="diff")
    if preview.ok and st.button(ctx.t("ed.accept_upload"), key=f"{form}:accept"):
        try:
            result = editing.accept_upload(ctx.on_disk.data_dir, preview, who, sync=git_sync.sync())
        except editing.ConflictError as exc:
            st.error(inert(ctx.t("ed.upload_conflict", others=session.others(ctx, exc.others))))
            st.code(exc.diff, language="diff")
            st.session_state.pop("_preview:" + form, None)
            return
        except editing.EditError as exc:
            st.error(inert(session.reason(ctx, exc)))
            return
        session.saved(ctx, result)


def workbook(ctx: Context, who: str) -> None:
    """The meeting pack's workbook, edited and given back: exactly the values changed, then save (see workbook_import)."""
    from planner.editing import workbook_import

    st.subheader(inert(ctx.t("ed.workbook")))
    st.caption(inert(ctx.t("ed.workbook_help")))
    uploaded = st.file_uploader(ctx.t("ed.workbook_upload"), type=["xlsx"], key="ed-workbook")
    if uploaded is None:
        return
    raw = uploaded.getvalue()
    form = f"workbook-{editing.files.sha(raw)[:16]}"
    found = _kept(ctx, form, lambda: workbook_import.preview(ctx.on_disk.data_dir, raw))
    if found is None:
        return
    if found.edits:
        draw.sentences([{ctx.t("ed.wb_cell"): e.cell, ctx.t("ed.wb_column"): e.header, ctx.t("ed.wb_file"): e.file,
                          ctx.t("ed.wb_was"): _value(e.old), ctx.t("ed.wb_new"): _value(e.new)} for e in found.edits])  # fmt: skip
    if found.conflicts or found.problems:
        st.error(inert(ctx.t("ed.wb_refused", conflicts=len(found.conflicts), errors=len(found.problems))))
        st.code("\n".join([*found.conflicts, *found.problems]), language=None, wrap_lines=True)
        return
    if not found.edits:
        st.info(inert(ctx.t("ed.wb_nothing")))
        return
    if not all(session.allowed(ctx, found.seen[f], [e.change for e in found.edits if e.file == f]) for f in found.seen):
        st.error(inert(ctx.t("ed.wb_not_yours")))
        return
    if st.button(ctx.tn("ed.wb_save", len(found.edits)), key=f"{form}:accept"):
        try:
            saved = workbook_import.apply(ctx.on_disk.data_dir, found, who, sync=git_sync.sync())
        except editing.EditError as exc:  # someone saved meanwhile: a new preview on the files as they are now
            st.session_state.pop("_preview:" + form, None)
            st.error(inert(session.reason(ctx, exc)))
            return
        st.session_state.pop("_preview:" + form, None)
        for result in saved:
            session.saved(ctx, result, who)


def _value(value: object) -> str:
    return "" if value is None else str(value)


def log(ctx: Context) -> None:
    entries, skipped = editing.changelog_counted(ctx.on_disk.data_dir, limit=200)
    if skipped:
        st.warning(inert(ctx.tn("ed.log_skipped", skipped)))
    if entries:
        st.dataframe(session.log_table(ctx, entries), hide_index=True, width="stretch")
    else:
        st.info(inert(ctx.t("ed.no_log")))


def uploads(ctx: Context, who: str) -> None:
    """The upload tab: a plan file this person may change, and the meeting pack's workbook."""
    shared = [folder_layout.PORTFOLIO_FILE, folder_layout.VENDORS_FILE] if access.may_edit(None) else []
    own = [edit_form.programme_file(ctx, p.id) for p in ctx.on_disk.programmes if access.may_edit(p.id)]
    upload(ctx, who, [*shared, *own])
    workbook(ctx, who)
