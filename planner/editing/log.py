"""The change log: one JSON line per changed value, saved or refused, in ``<data>/changelog.jsonl``.

Each entry says when, who, which file and field, the old and new value, the
outcome (saved, merged on top of someone else's save, or refused as a
conflict) and the file's version (sha256) before and after, so the saves
made after a given version can be found again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from planner.editing.records import Outcome
from planner.plan import folder_layout, safefile

MAX_BYTES = 20_000_000  # the newest part of the log that is read (some 50,000 entries)
Summary = Sequence[tuple[str, str, str]]  # (field, old, new)


def entries(
    who: str, file: str, summary: Summary, *, outcome: Outcome, before: str, after: str
) -> list[dict[str, str]]:
    """The log lines of one save attempt."""
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return [
        {
            "when": when,
            "who": who,
            "file": file,
            "path": str(what),
            "old": str(old),
            "new": str(new),
            "outcome": outcome.value,
            "from": before,
            "to": after,
        }
        for what, old, new in summary
    ]


def append(data_dir: Path, lines: Sequence[dict[str, str]]) -> None:
    """Add ``lines`` at the end of the log, flushed to disk (call under the folder's lock)."""
    if not lines:
        return
    text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines)
    safefile.append_text(Path(data_dir) / folder_layout.CHANGELOG_FILE, text, Path(data_dir))


FIELDS = ("when", "who", "file", "path", "old", "new", "outcome", "from", "to")


def read(data_dir: str | os.PathLike[str], limit: int | None = None) -> list[dict[str, Any]]:
    """The change log, newest first (lines that cannot be read are skipped; :func:`read_counted` counts them)."""
    return read_counted(data_dir, limit)[0]


def read_counted(data_dir: str | os.PathLike[str], limit: int | None = None) -> tuple[list[dict[str, str]], int]:
    """The change log's entries, newest first, every field as text, and how many lines could not be read.

    A line that is not a JSON object (cut short, edited by hand) is counted,
    not shown; a missing field is empty text. A log that is a link out of the
    folder, a pipe or a folder reads as empty.
    """
    try:
        raw = safefile.read_tail(Path(data_dir) / folder_layout.CHANGELOG_FILE, Path(data_dir), MAX_BYTES)
    except (OSError, safefile.UnsafeFile):
        return [], 0
    out: list[dict[str, str]] = []
    skipped = 0
    for line in reversed(raw.decode("utf-8", errors="replace").splitlines()):
        if not line.strip():
            continue
        entry = None
        with contextlib.suppress(ValueError, RecursionError):
            entry = json.loads(line)
        if not isinstance(entry, dict):
            skipped += 1
            continue
        out.append({k: "" if entry.get(k) is None else str(entry.get(k)) for k in FIELDS})
        if limit is not None and len(out) >= limit:
            break
    return out, skipped


def saved_since(data_dir: str | os.PathLike[str], file: str, version: str) -> list[dict[str, Any]]:
    """The saves of ``file`` made after it was at ``version``, oldest first (empty if the log does not know it)."""
    saves = [e for e in reversed(read(data_dir)) if e.get("file") == file and e.get("outcome", "saved") != "conflict"]
    for i in range(len(saves) - 1, -1, -1):
        if saves[i].get("to") == version:
            return saves[i + 1 :]
    first = next((i for i, e in enumerate(saves) if e.get("from") == version), None)
    return saves[first:] if first is not None else []
