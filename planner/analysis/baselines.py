"""Baselines: frozen copies of a plan, to compare the current plan against.

A baseline is a named copy of the plan files, kept beside them::

    <data>/baselines/<name>/portfolio.yaml
    <data>/baselines/<name>/vendors.yaml
    <data>/baselines/<name>/programmes/<id>.yaml

The reference data (the 98 municipalities) is not copied: it does not change
with the plan, and the loader falls back to the shipped reference folder.

When the data folder is kept in git, any commit, tag or branch is a baseline
too: :func:`load_baseline` reads the plan files as they were at that revision
(``git show <rev>:<path>``, never through a shell) without touching the
working tree.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from planner.plan import folder_layout, gitrepo, loader, safefile
from planner.plan.problems import Code, Severity

MAX_NAME = 100
_NAME = re.compile(r"^[^\W_][\w.-]*\Z")  # letters and digits (any script), then also - _ .
# What a git revision may look like: no options, no spaces or control characters.
_REVISION = re.compile(r"^[^\s\x00-\x1f\x7f]{1,200}\Z")
GIT_TIMEOUT_S = 30
# problems that leave a whole file out of a loaded plan: in a baseline, the comparison would call it all new
_UNREADABLE = frozenset(
    {
        Code.FILE_MISSING, Code.NOT_A_FILE, Code.OUTSIDE_FOLDER, Code.FILE_TOO_LARGE, Code.NOT_UTF8,
        Code.YAML_SYNTAX, Code.MERGE_CONFLICT, Code.YAML_TAB, Code.YAML_DUPLICATE_KEY, Code.YAML_TAG, Code.YAML_TOO_COMPLEX,
        Code.EMPTY_FILE, Code.NOT_A_MAPPING,
    }
)  # fmt: skip


class BaselineError(Exception):
    """A baseline cannot be saved or found."""


class UnknownBaseline(BaselineError):
    """Neither a saved baseline nor a git revision has that name; ``known`` lists the saved ones."""

    def __init__(self, message: str, known: tuple[str, ...]) -> None:
        super().__init__(message)
        self.known = known


class BaselineExists(BaselineError):
    """A baseline of that name is already saved; baselines are never overwritten."""


# ------------------------------------------------------------- freezing


def _check_name(name: str) -> None:
    if len(name) > MAX_NAME or not _NAME.match(name):
        raise BaselineError(
            f"'{name}' is not a usable baseline name; use letters, digits, '-', '_' and '.',"
            f" starting with a letter or digit (e.g. 'kkr-2022-11'), at most {MAX_NAME} characters"
        )


def plan_files(data_dir: str | Path) -> list[Path]:
    """The plan files of a data folder, relative to it (no reference data, no baselines).

    Only regular files inside the folder: a link out of it, a pipe or a device
    is never copied into a baseline (``validate`` reports it).
    """
    base = Path(data_dir)
    names = [folder_layout.PORTFOLIO_FILE, folder_layout.VENDORS_FILE]
    programmes = base / folder_layout.PROGRAMMES_DIR
    if programmes.is_dir() and safefile.is_inside(programmes, base):
        names += sorted(
            f"{folder_layout.PROGRAMMES_DIR}/{p.name}"
            for p in programmes.iterdir()
            if p.suffix in folder_layout.PLAN_SUFFIXES
        )
    return [p.relative_to(base) for p in safefile.regular_files(base, names)]


def freeze(data_dir: str, name: str) -> Path:
    """Save the current plan files as baseline ``name``; return its folder.

    The copy is written to a hidden temporary folder and renamed into place,
    so a baseline is either complete or absent. Each file is copied as the
    bytes :func:`safefile.read_bytes` gives; ``baselines/`` must be a folder
    inside the data folder. Every failure is a :class:`BaselineError`.
    """
    _check_name(name)
    try:
        return _freeze(Path(data_dir), name)
    except safefile.UnsafeFile as exc:
        raise BaselineError(f"baseline '{name}' not saved: {exc}") from None
    except OSError as exc:
        raise BaselineError(f"baseline '{name}' not saved: {exc.strerror or type(exc).__name__}") from None


def _freeze(base: Path, name: str) -> Path:
    files = plan_files(base)
    if Path(folder_layout.PORTFOLIO_FILE) not in files:
        raise BaselineError(f"{base / folder_layout.PORTFOLIO_FILE}: not found; there is no plan to freeze")
    root = base / folder_layout.BASELINES_DIR
    if os.path.lexists(root) and (root.is_symlink() or not root.is_dir()):
        raise BaselineError(f"{root} is not a folder of the data folder (a file or a link); move it away first")
    target = root / name
    if target.exists():
        raise BaselineExists(f"baseline '{name}' already exists in {root}; choose another name")
    contents = {rel: safefile.read_bytes(base / rel, base) for rel in files}
    root.mkdir(exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".freeze.", dir=root))
    try:
        for rel, raw in contents.items():
            safefile.write_atomic(tmp / rel, raw, tmp, parents=True)
        _rename_new(tmp, target, name, root)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target


def _rename_new(tmp: Path, target: Path, name: str, root: Path) -> None:
    # os.rename would quietly replace an *empty* folder made meanwhile; mkdir-then-check
    # is not atomic either, so refuse any existing target right before the rename.
    if target.exists():
        raise BaselineExists(f"baseline '{name}' already exists in {root}; choose another name")
    try:
        os.rename(tmp, target)
    except OSError:
        if target.exists():
            raise BaselineExists(f"baseline '{name}' already exists in {root}; choose another name") from None
        raise


def list_baselines(data_dir: str) -> list[str]:
    """Names of the saved baselines, sorted."""
    root = Path(data_dir) / folder_layout.BASELINES_DIR
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and _NAME.match(p.name))


# ------------------------------------------------------------- loading


def load_baseline(data_dir: str, ref: str) -> loader.Plan:
    """The plan as saved in baseline ``ref``, or as it was at git revision ``ref``.

    A saved baseline wins over a git revision of the same name. Problems and
    file paths of a revision read ``<ref>:<path in the repository>``.
    """
    if not ref or ref.startswith("-") or not _REVISION.match(ref):
        raise UnknownBaseline(f"'{ref}' is not a baseline name or a git revision", tuple(list_baselines(data_dir)))
    folder = Path(data_dir) / folder_layout.BASELINES_DIR / ref
    if len(ref) <= MAX_NAME and _NAME.match(ref) and folder.is_dir():
        return _checked(loader.load(str(folder)), ref)
    plan = _load_revision(data_dir, ref)
    if plan is None:
        saved = tuple(list_baselines(data_dir))
        raise UnknownBaseline(f"unknown baseline or revision '{ref}'; known: {', '.join(saved) or 'none'}", saved)
    return plan


def _git(cwd: str | Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    """Run git with a list of arguments (never a shell); None if git is not there."""
    try:
        return gitrepo.run(cwd, *args, timeout=GIT_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired):
        return None


def _load_revision(data_dir: str, ref: str) -> loader.Plan | None:
    """Load the plan files of ``data_dir`` at git revision ``ref``; None if there is none."""
    if not Path(data_dir).is_dir():
        return None
    prefix = gitrepo.output(_git(data_dir, "rev-parse", "--show-prefix"))  # data_dir inside the repo, '' at its top
    top = gitrepo.output(_git(data_dir, "rev-parse", "--show-toplevel"))
    if prefix is None or top is None:
        _check_not_broken(Path(data_dir))
        return None
    commit = gitrepo.output(_git(top, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"))
    if not commit:
        named = gitrepo.output(_git(top, "rev-parse", "--verify", "--quiet", ref))
        if named:  # the name is there, the commit it names is not: the repository is damaged
            raise BaselineError(
                f"revision '{ref}' names {named[:12]}, which is missing from the git repository at {top}; "
                "check the repository with 'git fsck'"
            )
        return None
    listing = _git(top, "ls-tree", "-r", "-z", "--name-only", commit, "--", prefix or ".")
    if listing is None or listing.returncode != 0:
        return None
    names = [n.decode("utf-8", "surrogateescape") for n in listing.stdout.split(b"\0") if n]
    wanted = [n for n in names if _is_plan_file(_inside(n, prefix))]
    if prefix + folder_layout.PORTFOLIO_FILE not in wanted:
        raise BaselineError(
            f"revision '{ref}' has no {prefix}{folder_layout.PORTFOLIO_FILE}; the plan was not kept there then"
        )
    with tempfile.TemporaryDirectory(prefix="planner-rev-") as tmp:
        for name in wanted:
            blob = _git(top, "show", f"{commit}:{name}")
            if blob is None or blob.returncode != 0:
                return None
            dest = Path(tmp, *_inside(name, prefix).parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(blob.stdout)
        plan = loader.load(tmp)
    return _relabel(plan, tmp, f"{ref}:{prefix.rstrip('/') or '.'}")


def _checked(plan: loader.Plan, ref: str) -> loader.Plan:
    """A baseline whose files cannot be read is an error, never an empty plan (every programme 'added')."""
    broken = [p for p in plan.problems if p.severity is Severity.ERROR and p.code in _UNREADABLE]
    if broken or not plan.files:
        first = broken[0] if broken else None
        why = f"{first.file}: {first.message}" if first else "it holds no plan file"
        raise BaselineError(f"baseline '{ref}' cannot be read: {why}")
    return plan


def _check_not_broken(folder: Path) -> None:
    """A folder in a git work tree that git cannot read is a damaged repository, not 'no such revision'."""
    for parent in (folder.resolve(), *folder.resolve().parents):
        if (parent / ".git").exists():
            done = _git(folder, "rev-parse", "--git-dir")
            if done is None:  # no git on this machine: revisions are simply not there
                return
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise BaselineError(
                f"the git repository at {parent} cannot be read"
                + (f" (git says: {said[0]})" if said else "")
                + "; check it with 'git fsck' or restore it from a clone"
            )


def _inside(name: str, prefix: str) -> PurePosixPath:
    """A path git lists from the top of the repository, relative to the data folder."""
    return PurePosixPath(name).relative_to(prefix) if prefix else PurePosixPath(name)


def _is_plan_file(rel: PurePosixPath) -> bool:
    parts = rel.parts
    if len(parts) == 1:
        return parts[0] in (folder_layout.PORTFOLIO_FILE, folder_layout.VENDORS_FILE)
    return len(parts) == 2 and parts[0] == folder_layout.PROGRAMMES_DIR and rel.suffix in folder_layout.PLAN_SUFFIXES


def _relabel(plan: loader.Plan, tmp: str, shown: str) -> loader.Plan:
    """Show paths of a revision as ``<ref>:<folder>/<file>`` instead of the temporary folder."""

    def fix(path: str) -> str:
        return shown + path[len(tmp) :] if path.startswith(tmp) else path

    problems = tuple(dataclasses.replace(p, file=fix(p.file)) for p in plan.problems)
    files = tuple(dataclasses.replace(f, path=fix(f.path)) for f in plan.files)
    programme_files = {k: fix(v) for k, v in plan.programme_files.items()}
    return dataclasses.replace(
        plan,
        data_dir=shown,
        problems=problems,
        files=files,
        programme_files=programme_files,
    )
