"""The plan files an edit may touch, read as they are: the name checked, the bytes, their sha256."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from planner.editing.errors import EditError, Reason
from planner.editing.records import Snapshot
from planner.plan import file_reader

# Files the app may write: the plan files, nothing else (no "..", no absolute paths).
_EDITABLE = re.compile(r"(?:portfolio\.yaml|vendors\.yaml|programmes/[a-z0-9][a-z0-9_-]{0,63}\.yaml)")


def check_name(file: str) -> str:
    """``file`` if it names an editable plan file inside the data folder, else :class:`EditError`."""
    if not isinstance(file, str) or not _EDITABLE.fullmatch(file):
        raise EditError(
            f"'{file}' is not a plan file that can be edited; use portfolio.yaml, vendors.yaml "
            "or programmes/<id>.yaml (lower-case id)",
            reason=Reason.NOT_PLAN_FILE,
            file=str(file),
        )
    return file


def file_path(data_dir: str | os.PathLike[str], file: str) -> Path:
    base = Path(data_dir).resolve()
    target = (base / check_name(file)).resolve()
    if not target.is_relative_to(base):  # e.g. programmes/ is a link out of the folder
        raise EditError(
            f"'{file}' lies outside the data folder; edit it there", reason=Reason.OUTSIDE_FOLDER, file=file
        )
    return Path(data_dir) / file


def snapshot_of(data_dir: str | os.PathLike[str], file: str, *, missing_ok: bool = False) -> Snapshot:
    path = file_path(data_dir, file)
    try:
        raw = file_reader.read_plan_file(path, Path(data_dir))
    except file_reader.NotAPlanFile as exc:
        raise EditError(f"cannot read {file}: {exc}", reason=Reason.UNREADABLE, file=file) from None
    except FileNotFoundError:
        if missing_ok:
            return Snapshot(file=file, text="", sha256="")
        raise EditError(f"{file} does not exist in the data folder", reason=Reason.FILE_MISSING, file=file) from None
    except OSError as exc:
        raise EditError(f"cannot read {file}: {exc.strerror}", reason=Reason.UNREADABLE, file=file) from None
    try:
        text = raw.decode("utf-8")  # a byte-order mark stays: the bytes must round-trip
    except UnicodeDecodeError:
        raise EditError(
            f"{file} is not saved as UTF-8; fix it (python -m planner validate says where)",
            reason=Reason.NOT_UTF8,
            file=file,
        ) from None
    return Snapshot(file=file, text=text, sha256=sha(raw))


def read(data_dir: str | os.PathLike[str], file: str) -> Snapshot:
    """Read ``file`` (relative to the data folder) for editing."""
    return snapshot_of(data_dir, file)


def sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
