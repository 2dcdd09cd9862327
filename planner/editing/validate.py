"""Checking a new text of a plan file with the rules of ``python -m planner validate``, before it is written."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from planner.editing.files import check_name
from planner.plan import loader
from planner.plan.problems import Problem, Severity


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
    """The plan files, and the reference data linked (or copied where links are not allowed)."""
    for name in (loader.PORTFOLIO_FILE, loader.VENDORS_FILE):
        if (src / name).is_file():
            shutil.copy2(src / name, dst / name)
    programmes = src / loader.PROGRAMMES_DIR
    if programmes.is_dir():
        (dst / loader.PROGRAMMES_DIR).mkdir()
        for path in [*programmes.glob("*.yaml"), *programmes.glob("*.yml")]:
            shutil.copy2(path, dst / loader.PROGRAMMES_DIR / path.name)
    reference = src / loader.REFERENCE_DIR
    if reference.is_dir():
        try:
            os.symlink(reference.resolve(), dst / loader.REFERENCE_DIR, target_is_directory=True)
        except OSError:  # pragma: no cover - e.g. Windows without the right
            shutil.copytree(reference, dst / loader.REFERENCE_DIR)


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
