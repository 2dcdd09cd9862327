"""The one file layer: every plan file, change log, baseline and output is read and written here.

Reading never follows a link out of the data folder, never opens a device,
pipe or socket (the kind is checked with ``stat`` before opening, and again
on the open file), and never reads more than a limit. Writing never goes
through a link or onto a special file, and is all or nothing: a temporary
file in the same folder, flushed, then renamed over the target. Appending (the
change log) refuses a link or a pipe and never glues an entry onto a cut line.
:func:`check_output` keeps a program output off the plan files and the change
log.

Every refusal is an :class:`UnsafeFile` with a problem code and a message that
never quotes the file's content.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from planner.plan import folder_layout
from planner.plan.problems import Code

READ_LIMIT = 2_000_000  # the plan files' limit (yaml_text.MAX_BYTES)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
LOG_NAME = "changelog.jsonl"


class UnsafeFile(Exception):
    """A path that is not a file this program may read or write here; the message says why and what to do."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code


def kind(mode: int) -> str:
    """'a folder', 'a named pipe', ... for a ``stat`` mode that is not a regular file."""
    kinds = [(stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISLNK, "a link")]  # fmt: skip
    return next((word for test, word in kinds if test(mode)), "not a regular file")


def resolved(path: Path) -> Path:
    """``path`` with every link followed; a link that leads to itself is refused, not an endless loop."""
    try:
        return path.resolve()
    except (RuntimeError, OSError) as exc:  # Python 3.11 says RuntimeError('Symlink loop'), newer ones OSError(ELOOP)
        if isinstance(exc, OSError) and exc.errno != errno.ELOOP:
            raise
        raise UnsafeFile(
            Code.NOT_A_FILE, "this is a link that leads back to itself; replace it with the file"
        ) from None


def is_inside(path: Path, folder: Path) -> bool:
    return resolved(path).is_relative_to(resolved(folder))


def check_inside(path: Path, folder: Path) -> Path:
    """``path`` resolved, if it lies inside ``folder`` (links followed), else :class:`UnsafeFile`."""
    target = resolved(path)
    if not target.is_relative_to(resolved(folder)):
        raise UnsafeFile(
            Code.OUTSIDE_FOLDER, "this is a link to a file outside the data folder; copy the file into the folder"
        )
    return target


def _regular(info: os.stat_result, limit: int | None, expected: str = "a regular file") -> None:
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile(Code.NOT_A_FILE, f"this is {kind(info.st_mode)}, not a file; put {expected} here")
    if limit is not None and info.st_size > limit:
        raise UnsafeFile(
            Code.FILE_TOO_LARGE,
            f"file is {info.st_size:,} bytes; the limit is {limit:,} bytes; split it into smaller files",
        )


def read_bytes(path: Path, folder: Path, limit: int = READ_LIMIT, expected: str = "a regular file") -> bytes:
    """The bytes of a regular file inside ``folder``, at most ``limit``; checked before any byte is read.

    ``FileNotFoundError`` when there is no such file; :class:`UnsafeFile` for
    a link out of the folder, a link loop, a folder, pipe, device or socket,
    or a file over the limit.
    """
    target = check_inside(path, folder)
    _regular(os.stat(target), limit, expected)
    fd = os.open(target, os.O_RDONLY | _NONBLOCK | _NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        _regular(os.fstat(handle.fileno()), limit, expected)  # swapped since the stat
        return handle.read(limit + 1)


def read_tail(path: Path, folder: Path, limit: int) -> bytes:
    """The last ``limit`` bytes of a regular file inside ``folder`` (all of it when smaller), checked as :func:`read_bytes`."""
    target = check_inside(path, folder)
    _regular(os.stat(target), None)
    fd = os.open(target, os.O_RDONLY | _NONBLOCK | _NOFOLLOW)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        _regular(info, None)
        handle.seek(max(0, info.st_size - limit))
        return handle.read(limit)


def regular_files(folder: Path, names: Iterable[str]) -> list[Path]:
    """Those of ``names`` in ``folder`` that are regular files inside it (links inside followed); the rest skipped."""
    found = []
    for name in names:
        path = folder / name
        with contextlib.suppress(OSError, UnsafeFile):
            if is_inside(path, folder) and stat.S_ISREG(os.stat(path).st_mode):
                found.append(path)
    return found


# ------------------------------------------------------------ writing


def _writable_target(path: Path) -> int | None:
    """The mode of the file ``path`` replaces, None when there is none; a link or special file is refused."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise UnsafeFile(Code.NOT_A_FILE, f"'{path.name}' is a link; write to the file itself, not through a link")
    if not stat.S_ISREG(info.st_mode):
        raise UnsafeFile(Code.NOT_A_FILE, f"'{path.name}' is {kind(info.st_mode)}, not a file")
    return info.st_mode & 0o777


def write_atomic(path: Path, raw: bytes, folder: Path | None = None, *, parents: bool = False) -> None:
    """Write ``raw`` to ``path`` all or nothing: a temporary file beside it, flushed, renamed over it.

    ``folder``: the path must lie inside it (its parent folders followed);
    ``parents``: make missing parent folders (else a missing folder is an error).
    The old file stays whole if anything fails, a full disk included.
    """
    if folder is not None and not is_inside(path.parent, folder):
        raise UnsafeFile(Code.OUTSIDE_FOLDER, f"'{path.parent}' leads out of the data folder; nothing was written")
    mode = _writable_target(path)
    if parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644 if mode is None else mode)
        _writable_target(path)  # still no link put there meanwhile
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def append_text(path: Path, text: str, folder: Path) -> None:
    """Add ``text`` (whole lines) at the end of a regular file inside ``folder``, flushed to disk.

    A link, a pipe or a device is refused without waiting; a file whose last
    line was cut short gets a line break first, so the new lines stay whole.
    """
    if not is_inside(path.parent, folder):
        raise UnsafeFile(Code.OUTSIDE_FOLDER, f"'{path.parent}' leads out of the data folder; nothing was written")
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _NONBLOCK
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENXIO, errno.EISDIR):  # a link; a pipe nobody reads; a folder
            raise UnsafeFile(Code.NOT_A_FILE, f"'{path.name}' is not a regular file; nothing was written") from None
        raise
    try:
        info = os.fstat(fd)
        _regular(info, None)
        if info.st_size and os.pread(fd, 1, info.st_size - 1) != b"\n":
            text = "\n" + text  # the last line was cut short: leave it alone, on its own line
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def check_output(out: Path, suffixes: tuple[str, ...], data_dir: Path | None) -> None:
    """Refuse an output path that would replace a plan file, the change log or another kind of file.

    Inside the data folder an output may only be a new or existing file of its
    own kind (``suffixes``) that is not a plan file; anywhere, an existing
    link, folder or special file is refused, and so is an existing file of
    another kind (a workbook written over ``portfolio.yaml``).
    """
    name = out.name.lower()
    if out.suffix.lower() not in suffixes:
        raise UnsafeFile(
            Code.NOT_A_FILE, f"'{out}' does not end in {' or '.join(suffixes)}; name the output after what it holds"
        )
    _writable_target(out)
    if data_dir is None or not is_inside(out.parent, data_dir):
        return
    if out.suffix.lower() in folder_layout.PLAN_SUFFIXES or name == LOG_NAME or name.endswith(".jsonl"):
        raise UnsafeFile(
            Code.NOT_A_FILE,
            f"'{out}' is inside the data folder, where it would be read as part of the plan; write it elsewhere",
        )
