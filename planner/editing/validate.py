"""Checking a new text of a plan file with the rules of ``python -m planner validate``, before it is written."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from planner.editing.files import check_name
from planner.plan import folder_layout, loader, safefile, yaml_text
from planner.plan.problems import Code, Problem, Severity


def validate_text(data_dir: str | os.PathLike[str], file: str, new_text: str) -> list[Problem]:
    """Problems ``python -m planner validate`` would report if ``file`` held ``new_text``.

    The errors of ``file`` itself, and any problem the change newly causes
    (a renamed wave a vendor refers to, a moved date that makes a vendor late),
    located as for the real folder; a warning the file already had is not repeated.
    """
    check_name(file)
    base = str(data_dir)
    with tempfile.TemporaryDirectory(prefix="planner-edit-") as tmp:
        _copy_plan(Path(base), Path(tmp))
        target = Path(tmp) / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(new_text.encode("utf-8"))
        found = [_relocate(p, tmp, base) for p in loader.load(tmp).problems]
    shown = os.path.join(base, file)
    before = {(p.file, p.code, p.field, p.message) for p in loader.load(base).problems}
    return [
        p
        for p in found
        if (p.file == shown and p.severity is Severity.ERROR) or (p.file, p.code, p.field, p.message) not in before
    ]


def _copy_plan(src: Path, dst: Path) -> None:
    """The plan files, and the reference data linked (or copied where links are not allowed).

    A plan file is copied as the bytes :func:`safefile.read_bytes` gives. One
    it refuses (a link out of the folder or to itself, a pipe, a folder, a file
    too large) is mirrored in the copy by the same kind of thing, never by its
    content, so the check reports it as the loader does in the real folder and
    nothing outside the folder is read or copied.
    """
    names = [n for n in (folder_layout.PORTFOLIO_FILE, folder_layout.VENDORS_FILE) if os.path.lexists(src / n)]
    programmes = src / folder_layout.PROGRAMMES_DIR
    if programmes.is_dir():
        (dst / folder_layout.PROGRAMMES_DIR).mkdir()
        names += [
            f"{folder_layout.PROGRAMMES_DIR}/{p.name}" for p in [*programmes.glob("*.yaml"), *programmes.glob("*.yml")]
        ]
    for name in names:
        try:
            (dst / name).write_bytes(safefile.read_bytes(src / name, src, yaml_text.MAX_BYTES))
        except FileNotFoundError:
            os.symlink(dst / ".missing" / name, dst / name)
        except (OSError, safefile.UnsafeFile) as exc:
            _mirror(src / name, dst / name, exc)
    reference = src / folder_layout.REFERENCE_DIR
    if reference.is_dir():
        try:
            os.symlink(reference.resolve(), dst / folder_layout.REFERENCE_DIR, target_is_directory=True)
        except OSError:  # pragma: no cover - e.g. Windows without the right
            shutil.copytree(reference, dst / folder_layout.REFERENCE_DIR)


def _mirror(path: Path, copy: Path, refused: Exception) -> None:
    """Put in ``copy`` what makes the loader refuse ``path`` the same way, without reading ``path``."""
    info = os.lstat(path)
    code = refused.code if isinstance(refused, safefile.UnsafeFile) else None
    if code is Code.OUTSIDE_FOLDER:
        os.symlink(os.path.realpath(path), copy)
    elif code is Code.FILE_TOO_LARGE:
        with open(copy, "wb") as handle:
            handle.truncate(os.stat(path).st_size)  # the same size, no content (a sparse file)
    elif stat.S_ISLNK(info.st_mode):  # a link that leads back to itself
        os.symlink(copy.name, copy)
    elif stat.S_ISFIFO(os.stat(path).st_mode):
        os.mkfifo(copy)
    elif stat.S_ISDIR(os.stat(path).st_mode):
        copy.mkdir()
    else:  # a device or socket, or a file that cannot be read: unreadable in the copy too
        os.symlink(copy.parent / ".unreadable" / copy.name, copy)


def _relocate(problem: Problem, tmp: str, base: str) -> Problem:
    def fix(s: str) -> str:
        return s.replace(tmp, base)

    return Problem(
        code=problem.code,
        file=fix(problem.file),
        line=problem.line,
        column=problem.column,
        field=problem.field,
        message=fix(problem.message),
    )
