"""A closed meeting's pack: built from its baseline as of its date, written under ``meetings/<id>/``.

The pack is built from the plan frozen when the meeting was closed, with what
changed since the meeting closed before it; the same plan as of the same day
gives the same bytes, so :func:`build` gives back the very files written then.
"""

from __future__ import annotations

import os
from pathlib import Path

from planner.analysis import baselines, meetings
from planner.plan import folder_layout, model, safefile
from planner.presentation import report


def build(data_dir: str | os.PathLike[str], meeting: model.Meeting, fmt: str, lang: str) -> bytes:
    """The closed meeting's pack in one format (the same bytes every time)."""
    if meeting.baseline is None:
        raise ValueError(f"meeting '{meeting.id}' is not closed: it has no baseline")
    shown = baselines.load_baseline(str(data_dir), meeting.baseline)
    day = meeting.date.first
    last = meetings.closed_before(shown.portfolio, day)
    since = (last.name, baselines.load_baseline(str(data_dir), last.baseline)) if last and last.baseline else None
    return report.build(shown, fmt, lang, day, since=since)


def path(data_dir: str | os.PathLike[str], meeting: model.Meeting, fmt: str, lang: str) -> Path:
    return Path(data_dir) / folder_layout.PACKS_DIR / str(meeting.id) / f"udrulningsplan-{meeting.id}-{lang}.{fmt}"


def write(data_dir: str | os.PathLike[str], meeting: model.Meeting, lang: str) -> list[Path]:
    """Write the pack in every format; return the files."""
    written = []
    for fmt in report.FORMATS:
        target = path(data_dir, meeting, fmt, lang)
        safefile.write_atomic(target, build(data_dir, meeting, fmt, lang), Path(data_dir), parents=True)
        written.append(target)
    return written
