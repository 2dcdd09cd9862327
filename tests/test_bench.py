"""The benchmark's generated portfolio, its table, and the parsed-file cache behind the warm load.

No timings are asserted here: they belong in ``python -m tools.bench``'s table.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from planner.plan import loader, parse_cache
from tests.conftest import INVALID, lines
from tests.test_loader import CASE_FILES, expand, read_case
from tools import bench, synthetic

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, loader.Plan]:
    folder = tmp_path_factory.mktemp("national")
    synthetic.generate(folder, scale=1)
    return folder, loader.load(str(folder))


def test_scale_1_validates_without_an_error(national: tuple[Path, loader.Plan]) -> None:
    _, plan = national
    assert [line for line in lines(plan) if ": warning: " not in line] == []  # late vendors are warned of


def test_scale_1_has_the_promised_counts(national: tuple[Path, loader.Plan]) -> None:
    _, plan = national
    assert len(plan.programmes) == 30
    assert len(plan.vendors) == 60
    municipalities = {m.name for m in plan.reference.municipalities}
    assert len(municipalities) == 98
    for prog in plan.programmes:
        assert len(prog.scenarios) == 3
        assert sum(s.plan_of_record for s in prog.scenarios) == 1
        assert all(len(s.waves) == 5 for s in prog.scenarios)
        assert all(len(w.phases) == 6 for s in prog.scenarios for w in s.waves)
        assert prog.onboarding is not None
        assert sorted(n for w in prog.onboarding.waves for n in w.members) == sorted(municipalities)
        assert sorted(s.municipality for s in prog.onboarding.status) == sorted(municipalities)
        assert len(prog.observations) == 60
        months = {(o.date.first.year, o.date.first.month) for o in prog.observations}
        assert len(months) == 60  # one a month, five years
        assert all(len(o.breakdown) == 5 for o in prog.observations)
        assert all(o.date.first <= plan.status_date for o in prog.observations)
    readiness = Counter(r.programme for v in plan.vendors for r in v.readiness)
    assert readiness == dict.fromkeys((p.id for p in plan.programmes), 60)  # every vendor, every programme


def test_scale_n_grows_linearly(tmp_path: Path) -> None:
    counts = synthetic.generate(tmp_path, scale=2)
    plan = loader.load(str(tmp_path))
    assert [line for line in lines(plan) if ": warning: " not in line] == []  # late vendors are warned of
    assert (len(plan.programmes), len(plan.vendors)) == (counts.programmes, counts.vendors) == (60, 120)
    readiness = Counter(r.programme for v in plan.vendors for r in v.readiness)
    assert set(readiness.values()) == {60}  # each programme still has its 60 vendors, not 120
    assert (tmp_path / "vendors.yaml").stat().st_size * 5 < 2 * 1024 * 1024  # scale 10 stays under the file limit


def test_the_same_seed_gives_the_same_files(tmp_path: Path) -> None:
    synthetic.generate(tmp_path / "a", scale=1, seed=7)
    synthetic.generate(tmp_path / "b", scale=1, seed=7)
    synthetic.generate(tmp_path / "c", scale=1, seed=8)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    assert (tmp_path / "a" / "vendors.yaml").read_bytes() != (tmp_path / "c" / "vendors.yaml").read_bytes()


def test_scale_0_is_refused_by_the_generator(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        synthetic.generate(tmp_path, scale=0)


# ------------------------------------------------------------------ the table

ROWS = [
    {
        "scale": 0,
        "programmes": 9,
        "vendors": 8,
        "items": 68,
        "load_cold_ms": 9.44,
        "load_warm_ms": 0.81,
        "gantt_kb": 35.4,
        "html_kb": 5400.0,
        "peak_mb": 109.2,
        "pages": {"pages": {"overview": {"median_ms": 17.2, "first_ms": 623.1}}, "maxrss_kb": 197232},
    },
    {
        "scale": 10,
        "programmes": 300,
        "vendors": 600,
        "items": 32_100,
        "load_cold_ms": 5972.0,
        "error": "took longer than 3600 s",
        "pages": {"error": "exit 1: boom"},
    },
]


def test_table_has_a_column_per_scale_and_aligned_rows() -> None:
    text = bench.table(ROWS).splitlines()
    assert text[0].split() == ["data/", "10x"]
    body = [line for line in text[1:] if not line.startswith(("data/:", "10x:"))]
    assert len({len(line) for line in [text[0], *body]}) == 1  # every line as wide as the header
    row = {name: values for name, *values in (re.split(r"\s{2,}", line.strip()) for line in body)}
    assert row["programmes"] == ["9", "300"]
    assert row["items (phases and milestones)"] == ["68", "32,100"]
    assert row["load+validate, cold (ms)"] == ["9.4", "5,972"]
    assert row["page overview, warm (ms)"] == ["17", "–"]
    assert row["report HTML size"] == ["5.3 MB", "–"]
    assert "10x: load, figures and report not measured: took longer than 3600 s" in text
    assert "10x: pages not measured: exit 1: boom" in text


@pytest.mark.parametrize(("text", "scales"), [("0,1,3,10", [0, 1, 3, 10]), ("1", [1]), (" 0, 2", [0, 2])])
def test_scales_are_read(text: str, scales: list[int]) -> None:
    assert bench.parse_scales(text) == scales


@pytest.mark.parametrize("text", ["", "x", "1,,3", "-1", "1.5", "101"])
def test_bad_scales_are_a_usage_error(text: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--scales", text]) == 2
    assert capsys.readouterr().err.startswith("error: --scales: ")


def test_the_planner_package_never_imports_streamlit() -> None:
    code = (
        "import sys, planner.cli, planner.plan.loader, planner.presentation.report, planner.editing; "
        "print('streamlit' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert done.stdout.strip() == "False"


# ------------------------------------------------------------------ the parsed-file cache


@pytest.mark.parametrize("case_file", CASE_FILES, ids=lambda p: p.stem)
def test_a_cached_load_reports_exactly_what_a_fresh_one_does(case_file: Path, data: Path) -> None:
    case = read_case(case_file)
    for name in case.delete:
        (data / name).unlink()
    target = data / case.target
    target.write_bytes(case_file.read_bytes())
    loader.clear_cache()
    fresh = loader.load(str(data))
    cached = loader.load(str(data))
    assert lines(cached) == lines(fresh) == [expand(e, data, target) for e in case.expect]
    assert cached.programmes == fresh.programmes and cached.vendors == fresh.vendors
    assert cached.files == fresh.files


def test_the_cache_sees_an_edit_and_keeps_the_path_as_given(data: Path, tmp_path: Path) -> None:
    loader.load(str(data))
    beta = data / "programmes" / "beta.yaml"
    beta.write_bytes((INVALID / "bad-date-day.yaml").read_bytes().replace(b"id: bad-date-day", b"id: beta"))
    first = loader.load(str(data))
    again = loader.load(str(tmp_path / "data"))  # the same files, named another way
    assert [p.file for p in first.problems] == [str(beta)]
    assert [p.file for p in again.problems] == [str(tmp_path / beta)]
    assert [(p.line, p.message) for p in first.problems] == [(p.line, p.message) for p in again.problems]


def test_the_cache_is_bounded(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_cache, "_parsed", parse_cache.ParsedFiles(3, parse_cache.CACHE_MAX_BYTES))
    loader.clear_cache()
    loader.load(str(data))  # four files
    assert loader.cache_info()[0] == 3
    monkeypatch.setattr(parse_cache, "_parsed", parse_cache.ParsedFiles(3, 1))
    loader.load(str(data))
    assert loader.cache_info()[0] == 0
    assert lines(loader.load(str(data))) == []


def test_the_page_profile_ranks_functions_by_their_own_time() -> None:
    from tools import profile_page

    frame = {"url": "http://127.0.0.1/static/js/PlotlyChart.js", "lineNumber": 9}
    profile = {
        "nodes": [
            {"id": 1, "callFrame": {**frame, "functionName": "draw"}},
            {"id": 2, "callFrame": {**frame, "functionName": ""}},
        ],
        "samples": [1, 2, 1, 1],
        "timeDeltas": [1000, 500, 2000, 1500],  # microseconds
    }
    assert profile_page.top_functions(profile, 5) == [
        (4.5, "draw PlotlyChart.js:9"),
        (0.5, "(anonymous) PlotlyChart.js:9"),
    ]
