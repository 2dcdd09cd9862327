"""Per-session state of the edit page: the file version each form was shown on, and what its last save did.

A form is built from the version of its file kept here from the moment it
is first shown (:func:`seen`), and its widgets are keyed on that version
(:func:`key`), so typing survives reruns and a save is always compared with
what the person saw. The outcome of a save is kept (:func:`submit`) and
drawn outside the form (:func:`outcome`), where buttons are allowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from planner import editing
from planner.editing import access as rules
from planner.editing import status_date
from planner.plan import folder_layout, problems
from planner.presentation import i18n, log_text
from planner.presentation.markdown import inert
from ui import access, context, git_sync
from ui.context import Context

_SEEN = "_seen:"
_OUTCOME = "_outcome:"
_MOVED = "_status_moved:"  # (from, to) when the form's last save moved the status date


def seen(ctx: Context, form: str, file: str) -> editing.Snapshot:
    """The version of ``file`` this session's ``form`` shows (read when the form is first shown)."""
    snap = st.session_state.get(_SEEN + form)
    if not isinstance(snap, editing.Snapshot) or snap.file != file:
        snap = editing.read(ctx.plan.data_dir, file)
        st.session_state[_SEEN + form] = snap
    return snap


def stale_notice(ctx: Context, form: str, snap: editing.Snapshot, who: str = "") -> None:
    """Say so when the file was saved since the form was shown (nothing is lost either way).

    Saves made since by this person (another form or tab on the same file) are said as theirs, not
    as someone else's; the form still saves against the version it showed, so nothing is overwritten.
    """
    if st.session_state.get(_OUTCOME + form, (None,))[0] == "conflict":
        return
    try:
        now = editing.read(ctx.plan.data_dir, snap.file)
    except editing.EditError:
        return
    if now.sha256 == snap.sha256:
        return
    since = editing.saved_since(ctx.plan.data_dir, snap.file, snap.sha256)
    own = bool(who and since and all(e.get("who") == who for e in since))
    c1, c2 = st.columns([4, 1], vertical_alignment="center")
    c1.info(inert(ctx.t("ed.stale_own") if own else ctx.t("ed.stale", others=others(ctx, since))))
    if c2.button(ctx.t("ed.show_newest"), key=f"{form}:newest"):
        st.session_state.pop(_SEEN + form, None)
        st.session_state.pop(_OUTCOME + form, None)
        st.rerun()


def show_version(form: str, snap: editing.Snapshot) -> None:
    st.session_state[_SEEN + form] = snap


def key(form: str, snap: editing.Snapshot, name: str) -> str:
    """A widget key that stays while the form shows the same version, and changes with it."""
    return f"{form}:{snap.sha256[:12]}:{name}"


def submit(ctx: Context, form: str, snap: editing.Snapshot, changes: Sequence[editing.Change], who: str) -> None:
    """Save ``changes`` made on ``snap``; keep the outcome; show the form again on the saved version."""
    if not changes:
        st.session_state[_OUTCOME + form] = ("nothing", None)
        return
    if not allowed(ctx, snap, changes):  # the forms offer only what this person may change; this is the lock
        st.session_state[_OUTCOME + form] = ("refused", None)
        return
    try:
        result = editing.save_changes(ctx.plan.data_dir, snap, changes, who, sync=git_sync.sync())
    except editing.ConflictError as exc:
        st.session_state[_OUTCOME + form] = ("conflict", exc)
        return
    except editing.InvalidEdit as exc:
        st.session_state[_OUTCOME + form] = ("invalid", exc)
        return
    except editing.EditError as exc:
        st.session_state[_OUTCOME + form] = ("error", exc)
        return
    st.session_state[_OUTCOME + form] = ("saved", result)
    st.session_state[_MOVED + form] = follow_status(ctx, who)
    show_version(form, editing.read(ctx.plan.data_dir, snap.file))
    st.rerun()


def follow_status(ctx: Context, who: str) -> tuple[dt.date, dt.date] | None:
    """After a save: move the status date to newer information just saved, and let this view follow it."""
    try:
        moved = status_date.follow(ctx.plan.data_dir, who, sync=git_sync.sync())
    except editing.EditError:  # someone moved it meanwhile, or the folder cannot be locked: the save stands
        return None
    if moved is not None:
        context.follow_the_data()
    return moved


def allowed(ctx: Context, snap: editing.Snapshot, changes: Sequence[editing.Change]) -> bool:
    """Whether this session may make ``changes``: every programme they touch is one it may edit."""
    files = {folder_layout.programme_file(Path(path).name): pid for pid, path in ctx.plan.programme_files.items()}
    touched = rules.programmes_touched(snap.file, [c.path for c in changes], editing.parse(snap), files)
    return all(access.may_edit(programme) for programme in touched)


def outcome(ctx: Context, form: str, who: str) -> None:
    """Draw what the form's last save did (outside the form)."""
    kind, value = st.session_state.get(_OUTCOME + form, (None, None))
    if kind == "nothing":
        st.info(inert(ctx.t("ed.nothing_changed")))
    elif kind == "saved":
        saved(ctx, value, who)
        if moved := st.session_state.get(_MOVED + form):
            st.info(inert(ctx.t("ed.status_moved", old=ctx.day(moved[0]), new=ctx.day(moved[1]))))
    elif kind == "conflict":
        conflict(ctx, form, value, who)
    elif kind == "invalid":
        invalid(ctx, value)
    elif kind == "error":
        st.error(inert(reason(ctx, value)))
    elif kind == "refused":
        st.error(inert(ctx.t("ed.refused_programme", names=access.editable_names(ctx))))


def saved(ctx: Context, result: editing.SaveResult, who: str = "") -> None:
    """What was saved, in words: the item and field by their names, the old and the new value as shown elsewhere."""
    fields = "; ".join(
        f"{log_text.where(result.file, e['path'], ctx.on_disk, ctx.lang)}: "
        f"{log_text.value(e['path'], e['old'], ctx.lang)} → {log_text.value(e['path'], e['new'], ctx.lang)}"
        for e in result.entries
    )
    st.success(inert(ctx.t("ed.saved", file=result.file, fields=fields or "–")))
    theirs = [e for e in result.merged_over if e.get("who") != who]  # one's own earlier save is no one else's
    if result.outcome is editing.Outcome.MERGED and (theirs or not result.merged_over):
        st.info(inert(ctx.t("ed.merged", others=others(ctx, theirs))))
    note = ctx.t("git." + result.git.value, commit=result.commit[:7])
    (st.caption if result.git in (editing.GitOutcome.COMMITTED, editing.GitOutcome.NOT_A_REPOSITORY) else st.warning)(
        note
    )
    detail = result.push_detail or "–"
    if result.push is editing.PushOutcome.PUSHED:
        st.caption(inert(ctx.t("push.pushed")))
    elif result.push is editing.PushOutcome.REFUSED:  # saved and committed here, not on the remote
        st.warning(inert(ctx.t("push.refused", detail=detail)))
    elif result.push is editing.PushOutcome.FAILED:
        st.warning(inert(ctx.t("push.failed", detail=detail)))
    if result.log_failed:
        st.warning(inert(ctx.t("ed.log_failed")))


def pull_notice(ctx: Context) -> None:
    """On the edit page: the last pull from the remote went wrong (the data here is whole, but not up to date)."""
    outcome, detail = git_sync.last_pull(ctx.plan.data_dir) or (None, "")
    if outcome is editing.PullOutcome.CONFLICT:
        st.warning(inert(ctx.t("pull.conflict", detail=detail or "–")))
    elif outcome is editing.PullOutcome.FAILED:
        st.warning(inert(ctx.t("pull.failed", detail=detail or "–")))


def conflict(ctx: Context, form: str, exc: editing.ConflictError, who: str) -> None:
    """What both changed, who saved meanwhile, and the two ways on: apply mine on top, or take theirs."""
    st.error(inert(ctx.t("ed.conflict", others=others(ctx, exc.others))))
    if exc.conflicts:
        st.table(
            pd.DataFrame(
                [
                    {
                        ctx.t("ed.col_field"): field_label(ctx, c.path),
                        ctx.t("ed.col_before"): c.before or "–",
                        ctx.t("ed.col_theirs"): c.theirs or ctx.t("ed.removed"),
                        ctx.t("ed.col_yours"): c.yours or ctx.t("ed.removed"),
                    }
                    for c in exc.conflicts
                ]
            ).set_index(ctx.t("ed.col_field"))
        )
    with st.expander(ctx.t("ed.diff")):
        st.code(exc.diff or ctx.t("diff.none"), language="diff")
    c1, c2 = st.columns(2)
    if exc.current is not None and exc.retry and c1.button(ctx.t("ed.reapply"), key=f"{form}:reapply"):
        st.session_state.pop(_OUTCOME + form, None)
        submit(ctx, form, exc.current, exc.retry, who)
    if c2.button(ctx.t("ed.reload"), key=f"{form}:reload"):
        st.session_state.pop(_OUTCOME + form, None)
        st.session_state.pop(_SEEN + form, None)
        st.rerun()


def invalid(ctx: Context, exc: editing.InvalidEdit) -> None:
    st.error(inert(ctx.t("ed.invalid")))
    st.code("\n".join(problem_line(ctx, p) for p in exc.problems), language=None, wrap_lines=True)


def problem_line(ctx: Context, p: problems.Problem) -> str:
    where = f"{p.file}:{p.line}:{p.column}"
    field = f" {p.field}:" if p.field else ""
    return f"{where}:{field} {ctx.t('prob.' + p.code.value)}"


def reason(ctx: Context, exc: editing.EditError) -> str:
    return ctx.t("edit." + exc.reason.value, **{k: str(v) for k, v in exc.params.items()})


def others(ctx: Context, entries: Sequence[Mapping[str, Any]]) -> str:
    """'Anna (1. dec. 2026 14:03)' for each save made meanwhile, or that it was changed outside the app."""
    seen_: dict[tuple[str, str], str] = {}
    for e in entries:
        seen_.setdefault((e.get("who", "?"), e.get("to", "")), e.get("when", ""))
    if not seen_:
        return ctx.t("ed.outside_app")
    return ", ".join(f"{who} ({when_text(ctx, when)})" for (who, _), when in seen_.items())


def when_text(ctx: Context, when: str) -> str:
    try:
        stamp = pd.Timestamp(when).tz_convert("Europe/Copenhagen")
        return f"{i18n.day(stamp.date(), ctx.lang)} {stamp:%H:%M}"
    except (ValueError, TypeError, AttributeError):  # no time, or not one (a hand-edited log)
        return str(when) if when else "–"


def field_label(ctx: Context, path: str) -> str:
    """'Bemærkning (vendors[0].readiness[0].note)': the field's name in the user's language, then where."""
    last = path.rsplit(".", 1)[-1].split("[", 1)[0]
    return f"{ctx.t('field.' + last)} ({path})" if i18n.has("field." + last, ctx.lang) else path


def _outcome(ctx: Context, value: str) -> str:
    """'gemt', 'lagt ovenpå', 'afvist': an outcome the log knows in words; anything else as written."""
    known = {o.value for o in editing.Outcome}
    return ctx.t("outcome." + value) if value in known else value


def log_table(ctx: Context, entries: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """The change log as the edit page shows it: newest first, outcome in words."""
    return pd.DataFrame(
        [
            {
                ctx.t("ed.col_when"): when_text(ctx, str(e.get("when", ""))),
                ctx.t("ed.col_who"): e.get("who", ""),
                ctx.t("ed.col_file"): e.get("file", ""),
                ctx.t("ed.col_field"): log_text.where(
                    str(e.get("file", "")), str(e.get("path", "")), ctx.on_disk, ctx.lang
                ),
                ctx.t("ed.col_old"): log_text.value(str(e.get("path", "")), str(e.get("old", "")), ctx.lang),
                ctx.t("ed.col_new"): log_text.value(str(e.get("path", "")), str(e.get("new", "")), ctx.lang),
                ctx.t("ed.col_outcome"): _outcome(ctx, str(e.get("outcome") or "saved")),
            }
            for e in entries
        ]
    )
