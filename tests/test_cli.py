"""The command line, run as users run it: a subprocess, exit codes, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planner.cli import COMMANDS
from planner.plan import loader
from planner.presentation import flat_tables
from tests.conftest import INVALID, lines

COMMAND_NAMES = list(COMMANDS)
REPO = Path(loader.__file__).resolve().parents[2]
EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m planner ARGS`` in ``cwd``; asserts it never ends in a traceback."""
    env = {k: v for k, v in os.environ.items() if k != loader.ENV_VAR}
    env["PYTHONPATH"] = str(REPO)
    env["PYTHONIOENCODING"] = "utf-8"
    result = subprocess.run(
        [sys.executable, "-m", "planner", *args],
        cwd=cwd or REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout
    return result


def test_validate_shipped_data() -> None:
    result = run("validate", "data")
    assert result.returncode == EXIT_OK, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("valid: data: ")
    assert " 0 errors" in result.stdout


def test_validate_valid_folder(data: Path) -> None:
    result = run("validate", "data", cwd=data.resolve().parent)
    assert result.returncode == EXIT_OK
    assert result.stdout == "valid: data: 4 files, 2 programmes, 2 vendors, 0 errors, 0 warnings\n"
    assert result.stderr == ""


def _break(data: Path, *cases: str) -> None:
    for name in cases:
        shutil.copy(INVALID / f"{name}.yaml", data / "programmes" / f"{name}.yaml")


def test_validate_broken_folder_prints_one_line_per_problem(data: Path) -> None:
    _break(data, "bad-date-quarter", "unknown-municipality", "yaml-tab", "future-observation")
    shutil.copy(INVALID / "unknown-reference-vendor-programme.yaml", data / "vendors.yaml")
    expected = lines(loader.load(str(data)))
    result = run("validate", "data", cwd=data.resolve().parent)
    assert result.returncode == EXIT_PROBLEMS
    assert result.stdout.splitlines() == expected
    assert len(expected) == 6
    assert expected[0].startswith("data/programmes/bad-date-quarter.yaml:18:18: scenarios[0].waves[0].phases[0].end: ")
    assert result.stderr == "invalid: data: 8 files, 3 programmes, 0 vendors, 5 errors, 1 warning\n"


def test_validate_every_invalid_case_at_once(data: Path) -> None:
    """All broken programme inputs in one folder: one line each, still no traceback."""
    for case_file in INVALID.glob("*.yaml"):
        if b"# as: " not in case_file.read_bytes() and b"# delete: " not in case_file.read_bytes():
            shutil.copy(case_file, data / "programmes" / case_file.name)
    result = run("validate", "data", cwd=data.resolve().parent)
    assert result.returncode == EXIT_PROBLEMS
    assert result.stdout.splitlines() == lines(loader.load(str(data)))
    assert len(result.stdout.splitlines()) >= 50


def test_warnings_alone_exit_zero(data: Path) -> None:
    _break(data, "future-observation")
    result = run("validate", "data", cwd=data.resolve().parent)
    assert result.returncode == EXIT_OK
    assert result.stdout.splitlines() == [
        "data/programmes/future-observation.yaml:24:11: observations[0].date: warning: observation dated 2023-07 "
        "is after the status date 2023-06-01; it is ignored in views as of that date [future-observation]",
        "valid: data: 5 files, 3 programmes, 2 vendors, 0 errors, 1 warning",
    ]


def test_data_folder_from_the_environment(data: Path) -> None:
    _break(data, "bad-date-quarter")
    env = {**os.environ, loader.ENV_VAR: str(data), "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "planner", "validate"],
        cwd=data.resolve().parent,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == EXIT_PROBLEMS
    assert result.stdout.startswith("data/programmes/bad-date-quarter.yaml:18:18:")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate", "--bogus"], "python -m planner: error: unrecognized arguments: --bogus"),
        (
            ["validate", "nowhere"],
            "error: data folder 'nowhere' does not exist; give the folder that holds portfolio.yaml",
        ),
        (
            ["validate", "pyproject.toml"],
            "error: data folder 'pyproject.toml' is a file, not a folder; give the folder that holds portfolio.yaml",
        ),
        (
            ["export", "nowhere"],
            "error: data folder 'nowhere' does not exist; give the folder that holds portfolio.yaml",
        ),
        ([], "python -m planner: error: the following arguments are required: command"),
        (
            ["frobnicate"],
            "python -m planner: error: argument command: invalid choice: 'frobnicate' "
            "(choose from " + ", ".join(f"'{c}'" for c in COMMAND_NAMES) + ")",
        ),
        (
            ["export", "data", "--format", "xml"],
            "python -m planner export: error: argument --format: invalid choice: 'xml' (choose from 'json', 'csv', 'ics', 'mspdi')",
        ),
        (
            ["export", "data", "--out", "/nonexistent/folder/x.json"],
            "error: cannot write '/nonexistent/folder/x.json': No such file or directory; check the --out path",
        ),
        (
            ["schema", "--out", "/proc/no/such"],
            "error: cannot write the schemas to '/proc/no/such': No such file or directory; check the --out path",
        ),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.returncode == EXIT_USAGE
    assert result.stderr.splitlines()[-1] == message
    assert result.stdout == ""


def test_help_exits_0() -> None:
    result = run("--help")
    assert result.returncode == EXIT_OK
    assert "validate" in result.stdout


# ----------------------------------------------------------------- export


def test_export_json_parses() -> None:
    result = run("export", "data", "--format", "json")
    assert result.returncode == EXIT_OK, result.stderr
    exported = json.loads(result.stdout)
    assert [p["id"] for p in exported["programmes"]] == list(loader.load(str(REPO / "data")).portfolio.programmes)
    assert len(exported["municipalities"]) == 98


def test_export_json_of_the_fixture(data: Path) -> None:
    result = run("export", "data", cwd=data.resolve().parent)
    assert result.returncode == EXIT_OK
    exported = json.loads(result.stdout)
    assert exported["status_date"] == {"text": "2023-06-01", "precision": "day", "date": "2023-06-01"}
    assert [p["id"] for p in exported["programmes"]] == ["alpha", "beta"]
    assert [v["id"] for v in exported["vendors"]] == ["acme-care", "hospital-soft"]


@pytest.mark.parametrize("table", flat_tables.TABLES)
def test_export_csv_parses(table: str) -> None:
    result = run("export", "data", "--format", "csv", "--table", table)
    assert result.returncode == EXIT_OK, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows, f"no rows in {table}"
    assert all(None not in row for row in rows)  # no row longer than the header


def test_export_to_files(tmp_path: Path) -> None:
    assert run("export", "data", "--format", "csv", "--out", str(tmp_path / "items.csv")).returncode == EXIT_OK
    assert run("export", "data", "--out", str(tmp_path / "plan.json")).returncode == EXIT_OK
    raw = (tmp_path / "items.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM
    assert list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["programmes"]


def test_export_of_a_broken_folder_still_parses_and_exits_1(data: Path) -> None:
    _break(data, "bad-date-quarter")
    result = run("export", "data", cwd=data.resolve().parent)
    assert result.returncode == EXIT_PROBLEMS
    assert [p["id"] for p in json.loads(result.stdout)["programmes"]] == ["alpha", "beta"]
    assert result.stderr.startswith("data/programmes/bad-date-quarter.yaml:18:18:")


def test_schema_writes_json(tmp_path: Path) -> None:
    result = run("schema", "--out", str(tmp_path))
    assert result.returncode == EXIT_OK
    written = [Path(line) for line in result.stdout.splitlines()]
    assert written and all(json.loads(p.read_text(encoding="utf-8")) for p in written)


def test_piped_into_head_is_quiet() -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        f"'{sys.executable}' -m planner export data | head -c 10",
        shell=True,
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.stderr == ""
