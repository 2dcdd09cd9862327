"""Files that are not plan files: links out of the folder, pipes, folders, Excel's CSV. Refused by stat, never read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planner import editing
from planner.plan import loader, problems
from planner.plan.problems import Code
from tests.conftest import minimal_copy

ROOT = Path(__file__).resolve().parent.parent
VALID = Path(__file__).resolve().parent / "data" / "valid_minimal"
SECRET = "TOPSECRET-4711"
COVERS = (
    Code.NOT_A_FILE,
    Code.OUTSIDE_FOLDER,
    Code.BAD_REFERENCE,
)  # the problem codes these tests show (test_loader counts them)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    data = minimal_copy(tmp_path / "data")
    (tmp_path / "outside.yaml").write_text(f"id: outside\nname: {SECRET}\n", encoding="utf-8")
    return data


def validate(data: Path) -> subprocess.CompletedProcess[str]:
    """``python -m planner validate`` in a process of its own, so a read that blocks would fail the test, not hang it."""
    return subprocess.run([sys.executable, "-m", "planner", "validate", str(data)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)  # fmt: skip


def codes(data: Path) -> list[Code]:
    return [p.code for p in loader.load(str(data)).problems]


def test_a_link_out_of_the_folder_is_refused_and_its_content_never_shown(folder: Path) -> None:
    (folder / "programmes" / "evil.yaml").symlink_to(folder.parent / "outside.yaml")
    plan = loader.load(str(folder))
    (found,) = [p for p in plan.problems if p.file.endswith("evil.yaml")]
    assert found.code is Code.OUTSIDE_FOLDER and SECRET not in problems.format(found)
    done = validate(folder)
    assert done.returncode == 1 and SECRET not in done.stdout + done.stderr and "Traceback" not in done.stderr
    assert {p.id for p in plan.programmes} == {"alpha", "beta"}  # the rest stands


def test_a_linked_programmes_folder_that_leaves_the_data_folder_is_refused(folder: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.move(folder / "programmes", elsewhere)
    (folder / "programmes").symlink_to(elsewhere, target_is_directory=True)
    assert set(codes(folder)) >= {Code.OUTSIDE_FOLDER}


def test_a_link_inside_the_folder_is_followed(folder: Path) -> None:
    (folder / "programmes" / "alpha.yaml").rename(folder / "alpha-real.yaml")
    (folder / "programmes" / "alpha.yaml").symlink_to(folder / "alpha-real.yaml")
    assert "alpha" in {p.id for p in loader.load(str(folder)).programmes}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_refused_without_waiting_for_it(folder: Path) -> None:
    os.mkfifo(folder / "programmes" / "pipe.yaml")
    done = validate(folder)  # would block forever on open() or read()
    assert done.returncode == 1
    assert "pipe.yaml:1:1: this is a named pipe, not a file; put a YAML file here [not-a-file]" in done.stdout
    with pytest.raises(editing.EditError) as exc:
        editing.read(folder, "programmes/pipe.yaml")
    assert exc.value.reason is editing.Reason.UNREADABLE


def test_a_link_to_a_device_is_refused_before_any_read(folder: Path) -> None:
    (folder / "programmes" / "zero.yaml").symlink_to("/dev/zero")  # read whole, this never ends
    done = validate(folder)
    assert done.returncode == 1 and "zero.yaml:1:1:" in done.stdout and "[outside-folder]" in done.stdout


def test_a_folder_named_like_a_plan_file_is_refused(folder: Path) -> None:
    (folder / "programmes" / "gamma.yaml").mkdir()
    plan = loader.load(str(folder))
    (found,) = [p for p in plan.problems if p.file.endswith("gamma.yaml")]
    assert (found.code, found.message) == (Code.NOT_A_FILE, "this is a folder, not a file; put a YAML file here")


def test_an_oversize_file_is_refused_from_its_size(folder: Path) -> None:
    big = folder / "programmes" / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(50_000_000)  # sparse: its size says enough
    (found,) = [p for p in loader.load(str(folder)).problems if p.file.endswith("big.yaml")]
    assert found.code is Code.FILE_TOO_LARGE and "50,000,000 bytes" in found.message


@pytest.mark.parametrize(("encoding", "delimiter"), [("utf-8-sig", ","), ("utf-8-sig", ";"), ("utf-8", ";")])
def test_the_municipality_list_as_excel_saves_it(folder: Path, encoding: str, delimiter: str) -> None:
    path = folder / "reference" / "municipalities.csv"
    text = path.read_text(encoding="utf-8").replace(",", delimiter)
    path.write_text(text, encoding=encoding)
    plan = loader.load(str(folder))
    assert len(plan.reference.municipalities) == 98 and len(plan.reference.regions) == 5
    assert not [p for p in plan.problems if "municipalit" in p.message]


@pytest.mark.parametrize(
    ("cut", "where"), [(1000, "municipalities.geojson:2:959: not valid GeoJSON"), (0, ":1:1: not valid GeoJSON")]
)
def test_a_truncated_boundaries_file_is_a_located_problem_and_the_map_page_stands(
    folder: Path, monkeypatch: pytest.MonkeyPatch, cut: int, where: str
) -> None:
    from streamlit.testing.v1 import AppTest

    from planner.presentation import report

    geo = folder / "reference" / "municipalities.geojson"
    geo.write_bytes(geo.read_bytes()[:cut])
    plan = loader.load(str(folder))
    (found,) = [p for p in plan.problems if p.code is Code.BAD_REFERENCE]
    assert found.file.endswith("reference/municipalities.geojson") and where in problems.format(found)
    assert plan.reference.boundaries_path is None and len(plan.reference.municipalities) == 98
    assert validate(folder).returncode == 1
    assert report.build(plan, "html", "da")  # the pack is built, its map says it cannot be drawn
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.run()
    at.switch_page("views/municipalities.py").run()
    assert not at.exception, [e.message for e in at.exception]
    figures = [el.proto.spec for el in at.get("plotly_chart")]
    assert any("Kortet kan ikke vises" in spec for spec in figures)
