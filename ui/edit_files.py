"""The edit page's whole-file upload (a preview of the difference, then accept) and the change log."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from planner import editing
from planner.presentation.markdown import inert
from ui import edit_session as session
from ui import git_sync
from ui.context import Context


def upload(ctx: Context, who: str, files: Sequence[str]) -> None:
    target = st.selectbox(ctx.t("ed.upload_target"), files, key="ed-upload-target", placeholder=ctx.t("ctl.choose"))
    uploaded = st.file_uploader(ctx.t("ed.upload"), type=["yaml", "yml"], key="ed-upload")
    if uploaded is None:
        return
    raw = uploaded.getvalue()
    form = f"upload-{target}-{editing.files.sha(raw)[:16]}"
    preview = st.session_state.get("_preview:" + form)
    if preview is None:  # the preview, and the version it compares with, are kept from the moment it is shown
        try:
            preview = editing.preview_upload(ctx.on_disk.data_dir, target, raw)
        except editing.EditError as exc:
            st.error(inert(session.reason(ctx, exc)))
            return
        st.session_state["_preview:" + form] = preview
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


def log(ctx: Context) -> None:
    entries, skipped = editing.changelog_counted(ctx.on_disk.data_dir, limit=200)
    if skipped:
        st.warning(inert(ctx.tn("ed.log_skipped", skipped)))
    if entries:
        st.dataframe(session.log_table(ctx, entries), hide_index=True, width="stretch")
    else:
        st.info(inert(ctx.t("ed.no_log")))
