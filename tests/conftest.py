"""Shared fixtures: a small valid data folder to break, and how problems read."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("PLANNER_STRICT_TEXT", "1")  # before planner is imported: a missing text fails the test

from planner.plan import loader, problems

TESTS = Path(__file__).resolve().parent
VALID_MINIMAL = TESTS / "data" / "valid_minimal"
INVALID = TESTS / "data" / "invalid"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/data/valid_minimal as ./data, the working directory being tmp_path.

    Loading ``"data"`` then reports paths the way a user typing
    ``python -m planner validate data`` would see them.
    """
    shutil.copytree(VALID_MINIMAL, tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    return Path("data")


def lines(plan: loader.Plan) -> list[str]:
    """Every problem of a load, formatted as the user sees it."""
    return [problems.format(p) for p in plan.problems]


def minimal_copy(dest: Path) -> Path:
    """tests/data/valid_minimal with the shipped reference data, copied to ``dest`` (a data folder to break)."""
    shutil.copytree(VALID_MINIMAL, dest)
    shutil.copytree(TESTS.parent / "data" / "reference", dest / "reference")
    return dest


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    """A fresh :func:`minimal_copy` as ``tmp_path/data``."""
    return minimal_copy(tmp_path / "data")


def with_stated_readiness(folder: Path) -> Path:
    """The data folder with a stated readiness state ('at-risk') on every FHIR-KM readiness.

    The shipped vendors.yaml states none (the source gives none; the views derive
    them); the editing tests need a state line to change.
    """
    path = folder / "vendors.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "    readiness:\n      - programme: fhir-km\n"  # not a position's (the same indentation)
    assert marker in text
    path.write_text(text.replace(marker, marker + "        state: at-risk\n"), encoding="utf-8")
    return folder


@pytest.fixture
def app_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped data, with a stated readiness to edit, as the app's data folder ($PLANNER_DATA)."""
    folder = tmp_path / "data"
    shutil.copytree(TESTS.parent / "data", folder, ignore=shutil.ignore_patterns("baselines"))
    with_stated_readiness(folder)
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    return folder


@pytest.fixture
def no_git_identity(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user.name/user.email, system or global settings from this machine (as on a fresh server)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(home / ".gitconfig"))
    for name in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL", "EMAIL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Debian chromium for a test module (launching one per test costs seconds)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests import browser

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def eoj_said_1_nov(plan: Any) -> Any:
    """The shipped plan as if the EOJ vendors had said they can be ready 1 Nov 2024 (an estimated ready-by).

    They did not: they support the stepwise plan and *propose* 1 Nov 2024 for
    wave 1 (a position, which never makes anyone late). Tests of what a late
    vendor does to a wave use this plan, so the shipped data stays the deck's.
    """
    import dataclasses

    from planner.plan import model

    def committed(vendor: model.Vendor) -> model.Vendor:
        if vendor.kind is not model.SystemKind.EOJ:
            return vendor
        ready = [
            model.Readiness.model_validate(
                {
                    **r.model_dump(exclude_defaults=True, mode="json"),
                    "ready_by": "2024-11-01",
                    "estimated": ["ready_by"],
                }
            )
            for r in vendor.readiness
        ]
        return vendor.model_copy(update={"readiness": ready})

    return dataclasses.replace(plan, vendors=tuple(committed(v) for v in plan.vendors))


def eoj_said_1_nov_folder(folder: Path) -> Path:
    """:func:`eoj_said_1_nov` in a data folder's vendors.yaml (for tests that run the app or the CLI)."""
    import re

    path = folder / "vendors.yaml"
    pattern = re.compile(
        r"(    readiness:\n      - programme: fhir-km\n(?:        state: [a-z-]+\n)?)(        as_of: 2022-10\n        note: >-\n          Kilden angiver hverken)"
    )
    text, found = pattern.subn(
        r"\1        ready_by: 2024-11-01\n        estimated: [ready_by]\n\2", path.read_text(encoding="utf-8")
    )
    assert found == 5
    path.write_text(text, encoding="utf-8")
    return folder


# the pages of a meeting, in meeting order (app.PAGES)
MEETING_PAGES = [
    "views/overview.py",
    "views/programme.py",
    "views/decision.py",
    "views/vendors.py",
    "views/municipalities.py",
    "views/targets.py",
]
