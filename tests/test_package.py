"""``pip install .`` gives a working planner package: its modules, its catalogues, its command and dependencies.

The wheel is built from the checkout with pip (setuptools, as ``[build-system]`` says), installed into a
folder of its own, and used from another folder, so nothing is found in the checkout by accident.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_the_wheel_installs_a_planner_that_speaks_danish_from_anywhere(tmp_path: Path) -> None:
    source = tmp_path / "source"  # a copy: building writes build/ and *.egg-info beside pyproject.toml
    shutil.copytree(ROOT / "planner", source / "planner", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "requirements.txt", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(tmp_path.glob("udrulningsplan-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    modules = {p.relative_to(ROOT).as_posix() for p in (ROOT / "planner").rglob("*.py")}
    assert modules <= set(names), sorted(modules - set(names))
    assert "planner/presentation/locale/da/LC_MESSAGES/messages.po" in names
    assert not [n for n in names if n.startswith(("ui/", "views/", "tests/", "tools/"))]
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    wanted = [r.strip() for r in (ROOT / "requirements.txt").read_text().splitlines() if r.strip() and r[0] != "#"]
    assert {line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Requires-Dist: ")} == set(
        wanted
    )
    entry = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "udrulningsplan = planner.cli:main" in entry

    target = tmp_path / "site"
    installed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert installed.returncode == 0, installed.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-m", "planner", "validate", str(ROOT / "data")],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    said = subprocess.run(
        [sys.executable, "-c", "import planner, planner.presentation.i18n as i; print(planner.__file__); print(i.day(__import__('datetime').date(2025, 12, 1), 'da'))"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    where, day = said.stdout.splitlines()
    assert where.startswith(str(target)) and day == "1. dec. 2025"
