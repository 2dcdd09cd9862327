"""Baselines and what changed: slip and change detection, the report, freezing, git revisions."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from planner.analysis import baseline_slips, baselines, diff
from planner.analysis.diff import PlanChange
from planner.plan import dates, loader, model
from planner.presentation import diff_text
from tests.conftest import TESTS, VALID_MINIMAL

FIXTURES = TESTS / "data"  # holds baselines/before and baselines/after

Edit = Callable[[loader.Plan], loader.Plan]


@pytest.fixture(scope="module")
def base() -> loader.Plan:
    plan = loader.load(str(VALID_MINIMAL))
    assert plan.ok, plan.problems
    return plan


# ------------------------------------------------------------- editing plans in memory


def _programme(pid: str, fn: Callable[[model.Programme], model.Programme | None]) -> Edit:
    def edit(plan: loader.Plan) -> loader.Plan:
        progs = [fn(p) if p.id == pid else p for p in plan.programmes]
        return dataclasses.replace(plan, programmes=tuple(p for p in progs if p is not None))

    return edit


def _scenario(pid: str, sid: str, fn: Callable[[model.Scenario], model.Scenario]) -> Edit:
    return _programme(
        pid, lambda p: p.model_copy(update={"scenarios": [fn(s) if s.id == sid else s for s in p.scenarios]})
    )


def _wave(pid: str, sid: str, wid: str, fn: Callable[[model.Wave], model.Wave]) -> Edit:
    return _scenario(pid, sid, lambda s: s.model_copy(update={"waves": [fn(w) if w.id == wid else w for w in s.waves]}))


def _milestone(pid: str, sid: str, wid: str, which: str, **update: object) -> Edit:
    def fix(m: model.Milestone) -> model.Milestone:
        values = {k: dates.parse(v) if k == "date" else v for k, v in update.items()}
        return m.model_copy(update=values) if m.name == which else m

    return _wave(pid, sid, wid, lambda w: w.model_copy(update={"milestones": [fix(m) for m in w.milestones]}))


def _phase(pid: str, sid: str, wid: str, phase_id: str, **update: str) -> Edit:
    def fix(p: model.Phase) -> model.Phase:
        return p.model_copy(update={k: dates.parse(v) for k, v in update.items()}) if p.id == phase_id else p

    return _wave(pid, sid, wid, lambda w: w.model_copy(update={"phases": [fix(p) for p in w.phases]}))


def _readiness(vid: str, **update: object) -> Edit:
    def edit(plan: loader.Plan) -> loader.Plan:
        vendors = [
            v.model_copy(update={"readiness": [r.model_copy(update=update) for r in v.readiness]}) if v.id == vid else v
            for v in plan.vendors
        ]
        return dataclasses.replace(plan, vendors=tuple(vendors))

    return edit


def _target(pid: str, tid: str, **update: object) -> Edit:
    return _programme(
        pid,
        lambda p: p.model_copy(
            update={"targets": [t.model_copy(update=update) if t.id == tid else t for t in p.targets]}
        ),
    )


def _switch_plan_of_record(p: model.Programme) -> model.Programme:
    return p.model_copy(
        update={"scenarios": [s.model_copy(update={"plan_of_record": not s.plan_of_record}) for s in p.scenarios]}
    )


def _add_wave(w: model.Wave) -> Edit:
    return _scenario("alpha", "main", lambda s: s.model_copy(update={"waves": [*s.waves, w]}))


def _drop_vendor(vid: str) -> Edit:
    return lambda plan: dataclasses.replace(plan, vendors=tuple(v for v in plan.vendors if v.id != vid))


D = dates.parse
GO_LIVE = "Alpha / Main plan / Wave 1 / Go-live"
DEV = "Alpha / Main plan / Wave 1 / Development"
TEST = "Alpha / Main plan / Wave 1 / Test"

CASES: list[tuple[str, Edit, list[tuple[str, str, str, str, int | None, str]]]] = [
    (
        "milestone 61 days later",
        _milestone("alpha", "main", "wave-1", "Go-live", date="2024-03-02"),
        [("milestone-moved", GO_LIVE, "2024-01-01", "2024-03-02", 61, "+61 days")],
    ),
    (
        "milestone a month earlier",
        _milestone("alpha", "main", "wave-1", "Go-live", date="2023-12-01"),
        [("milestone-moved", GO_LIVE, "2024-01-01", "2023-12-01", -31, "-31 days")],
    ),
    (
        "milestone to a month, same first day",
        _milestone("alpha", "main", "wave-1", "Go-live", date="2024-01"),
        [("milestone-moved", GO_LIVE, "2024-01-01", "2024-01", 0, "+0 days")],
    ),
    ("milestone written differently, same day", _milestone("alpha", "main", "wave-1", "Go-live", date="2024-1-1"), []),
    ("milestone renamed, matched by id", _milestone("alpha", "main", "wave-1", "Go-live", name="Idriftsættelse"), []),
    (
        "milestone without id matched by name",
        _milestone("beta", "only", "all", "Go-live", date="2024-Q4"),
        [("milestone-moved", "Beta / The plan / Everyone / Go-live", "2024-Q3", "2024-Q4", 92, "+92 days")],
    ),
    (
        "milestone renamed without id: one removed, one added",
        _milestone("beta", "only", "all", "Go-live", name="Launch"),
        [
            ("added", "Beta / The plan / Everyone / Launch", "", "2024-Q3", None, "milestone"),
            ("removed", "Beta / The plan / Everyone / Go-live", "2024-Q3", "", None, "milestone"),
        ],
    ),
    (
        "phase moved and lengthened",
        _phase("alpha", "main", "wave-1", "dev", start="2023-Q2", end="2023-09"),
        [("phase-changed", DEV, "2023-Q1/2023-06", "2023-Q2/2023-09", 92, "start +90, end +92, duration +2")],
    ),
    (
        "phase shortened",
        _phase("alpha", "main", "wave-1", "test", end="2023-11-30"),
        [("phase-changed", TEST, "2023-W27/2023-12-31", "2023-W27/2023-11-30", -31, "start +0, end -31, duration -31")],
    ),
    (
        "phase moved as a whole",
        _phase("alpha", "main", "wave-1", "dev", start="2023-Q2", end="2023-Q3"),
        [("phase-changed", DEV, "2023-Q1/2023-06", "2023-Q2/2023-Q3", 92, "start +90, end +92, duration +2")],
    ),
    (
        "primary plan switched",
        _programme("alpha", _switch_plan_of_record),
        [("plan-of-record", "Alpha", "Main plan", "Alternative", None, "main -> alt")],
    ),
    (
        "readiness state",
        _readiness("acme-care", state=model.ReadinessState.LATE),
        [("readiness-changed", "Acme (Care) / Alpha / Wave 1", "on-track", "late", None, "state")],
    ),
    (
        "ready-by later",
        _readiness("acme-care", ready_by=D("2024-Q1")),
        [("readiness-changed", "Acme (Care) / Alpha / Wave 1", "2023-Q4", "2024-Q1", 92, "ready_by")],
    ),
    (
        "ready-by removed",
        _readiness("acme-care", ready_by=None),
        [("readiness-changed", "Acme (Care) / Alpha / Wave 1", "2023-Q4", "", None, "ready_by")],
    ),
    (
        "ready-by set",
        _readiness("hospital-soft", ready_by=D("2024-05-01")),
        [("readiness-changed", "Hospital Soft / Beta", "", "2024-05-01", None, "ready_by")],
    ),
    (
        "target value",
        _target("alpha", "users-2024", target=90.0),
        [("target-changed", "Alpha / Municipalities using it", "98", "90", None, "target")],
    ),
    (
        "target due later",
        _target("alpha", "users-2024", due=D("2025-06")),
        [("target-changed", "Alpha / Municipalities using it", "2024-12", "2025-06", 181, "due")],
    ),
    ("programme removed", _programme("beta", lambda _p: None), [("removed", "Beta", "Beta", "", None, "programme")]),
    (
        "wave added",
        _add_wave(model.Wave(id="wave-3", name="Wave 3")),
        [("added", "Alpha / Main plan / Wave 3", "", "", None, "wave")],
    ),
    (
        "scenario removed",
        _programme("alpha", lambda p: p.model_copy(update={"scenarios": p.scenarios[:1]})),
        [("removed", "Alpha / Alternative", "Alternative", "", None, "scenario")],
    ),
    ("vendor removed", _drop_vendor("hospital-soft"), [("removed", "Hospital Soft", "EPJ", "", None, "vendor")]),
    (
        "phase removed",
        _wave("alpha", "main", "wave-1", lambda w: w.model_copy(update={"phases": w.phases[:1]})),
        [("removed", TEST, "2023-W27/2023-12-31", "", None, "phase")],
    ),
]


@pytest.mark.parametrize(("edit", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_changes_detected(base: loader.Plan, edit: Edit, expected: list[tuple[object, ...]]) -> None:
    found = diff.changes(base, edit(base))
    assert [(c.kind, c.path, c.old, c.new, c.slip_days, c.detail) for c in found] == expected
    assert all(c.kind in tuple(diff.Kind) for c in found)


def test_no_changes_against_itself(base: loader.Plan) -> None:
    assert diff.changes(base, base) == []


def test_changes_in_a_fixed_order(base: loader.Plan) -> None:
    edited = _milestone("alpha", "main", "wave-1", "Go-live", date="2024-03-02")(
        _programme("alpha", _switch_plan_of_record)(_drop_vendor("hospital-soft")(base))
    )
    kinds = [c.kind for c in diff.changes(base, edited)]
    assert kinds == ["plan-of-record", "milestone-moved", "removed"]
    assert diff.changes(base, edited) == diff.changes(base, edited)


def _change(
    kind: str, old: str, new: str, slip: int | None, detail: str = "", path: str = "p / s / W / M"
) -> PlanChange:
    return PlanChange(kind=diff.Kind(kind), programme="p", path=path, old=old, new=new, slip_days=slip, detail=detail)


DESCRIBED = [
    (
        _change("milestone-moved", "2024-09-01", "2024-11-01", 61),
        "p / s / W / M: moved from 1 Sept 2024 to 1 Nov 2024 (61 days later)",
        "p / s / W / M: flyttet fra 1. sep. 2024 til 1. nov. 2024 (61 dage senere)",
    ),
    (
        _change("milestone-moved", "2024-09-02", "2024-09-01", -1),
        "p / s / W / M: moved from 2 Sept 2024 to 1 Sept 2024 (1 day earlier)",
        "p / s / W / M: flyttet fra 2. sep. 2024 til 1. sep. 2024 (1 dag tidligere)",
    ),
    (
        _change("milestone-moved", "2024-09", "2024-09-01", 0),
        "p / s / W / M: moved from Sept 2024 to 1 Sept 2024 (same day)",
        "p / s / W / M: flyttet fra sep. 2024 til 1. sep. 2024 (samme dag)",
    ),
    (
        _change("milestone-moved", "2022", "2026-12-31", 1825),
        "p / s / W / M: moved from 2022 to 31 Dec 2026 (1,825 days later)",
        "p / s / W / M: flyttet fra 2022 til 31. dec. 2026 (1.825 dage senere)",
    ),
    (
        _change("phase-changed", "2023-Q1/2023-06", "2023-Q1/2023-W25", -5),
        "p / s / W / M: changed from Q1 2023–Jun 2023 to Q1 2023–week 25 2023 (ends 5 days earlier, 5 days shorter)",
        "p / s / W / M: ændret fra Q1 2023–jun. 2023 til Q1 2023–uge 25 2023 (slutter 5 dage tidligere, 5 dage kortere)",
    ),
    (
        _change("phase-changed", "2023-01/2023-06", "2023-02/2023-07", 31),
        "p / s / W / M: changed from Jan 2023–Jun 2023 to Feb 2023–Jul 2023 (starts 31 days later, ends 31 days later, same length)",
        "p / s / W / M: ændret fra jan. 2023–jun. 2023 til feb. 2023–jul. 2023 (starter 31 dage senere, slutter 31 dage senere, samme længde)",
    ),
    (
        _change("plan-of-record", "Trinvis", "Fælles", None, path="fhir-km"),
        "fhir-km: primary plan switched from Trinvis to Fælles",
        "fhir-km: primær plan skiftet fra Trinvis til Fælles",
    ),
    (
        _change("readiness-changed", "on-track", "late", None, "state", path="KMD Nexus / fhir-km"),
        "KMD Nexus / fhir-km: readiness changed from On track to Late",
        "KMD Nexus / fhir-km: parathed ændret fra Følger planen til Forsinket",
    ),
    (
        _change("readiness-changed", "", "2024-11-01", None, "ready_by", path="V"),
        "V: ready-by date set to 1 Nov 2024",
        "V: klar-dato sat til 1. nov. 2024",
    ),
    (
        _change("readiness-changed", "2024-Q4", "", None, "ready_by", path="V"),
        "V: ready-by date removed (was Q4 2024)",
        "V: klar-dato fjernet (var Q4 2024)",
    ),
    (
        _change("readiness-changed", "2024-Q4", "2025-Q1", 92, "ready_by", path="V"),
        "V: ready-by date moved from Q4 2024 to Q1 2025 (92 days later)",
        "V: klar-dato flyttet fra Q4 2024 til Q1 2025 (92 dage senere)",
    ),
    (
        _change("target-changed", "1733", "1500.5", None, "target", path="T"),
        "T: target changed from 1,733 to 1,500.50",
        "T: mål ændret fra 1.733 til 1.500,50",
    ),
    (
        _change("target-changed", "2024-12", "2025-06", 181, "due", path="T"),
        "T: due date moved from Dec 2024 to Jun 2025 (181 days later)",
        "T: frist flyttet fra dec. 2024 til jun. 2025 (181 dage senere)",
    ),
    (_change("added", "", "", None, "wave", path="p / s / W"), "p / s / W: wave added", "p / s / W: bølge tilføjet"),
    (
        _change("removed", "Beta", "", None, "programme", path="beta"),
        "beta: programme removed (Beta)",
        "beta: program fjernet (Beta)",
    ),
    (
        _change("added", "", "at-risk", None, "readiness", path="V / p"),
        "V / p: readiness added (At risk)",
        "V / p: parathed tilføjet (Risiko for forsinkelse)",
    ),
]


@pytest.mark.parametrize(("change", "english", "danish"), DESCRIBED, ids=[d[1] for d in DESCRIBED])
def test_describe(change: PlanChange, english: str, danish: str) -> None:
    assert diff_text.describe(change, "en") == english
    assert diff_text.describe(change, "da") == danish


# ------------------------------------------------------------- the two fixture baselines

REPORT_EN = [
    "Alpha: primary plan switched from Main plan to Alternative",
    "Alpha / Main plan / Wave 1 / Development: changed from Q1 2023–Jun 2023 to Q1 2023–Aug 2023"
    " (ends 62 days later, 62 days longer)",
    "Alpha / Main plan / Wave 1 / Go-live: moved from 1 Jan 2024 to 2 Mar 2024 (61 days later)",
    "Alpha / Decision: milestone removed (Feb 2023)",
    "Alpha / Municipalities using it: target changed from 98 to 90",
    "Beta / The plan / Everyone / Build: phase added (Q1 2024–Q2 2024)",
    "Acme (Care) / Alpha / All at once: readiness changed from On track to At risk",
]
REPORT_DA = [
    "Alpha: primær plan skiftet fra Main plan til Alternative",
    "Alpha / Main plan / Wave 1 / Development: ændret fra Q1 2023–jun. 2023 til Q1 2023–aug. 2023"
    " (slutter 62 dage senere, 62 dage længere)",
    "Alpha / Main plan / Wave 1 / Go-live: flyttet fra 1. jan. 2024 til 2. mar. 2024 (61 dage senere)",
    "Alpha / Decision: milepæl fjernet (feb. 2023)",
    "Alpha / Municipalities using it: mål ændret fra 98 til 90",
    "Beta / The plan / Everyone / Build: fase tilføjet (Q1 2024–Q2 2024)",
    "Acme (Care) / Alpha / All at once: parathed ændret fra Følger planen til Risiko for forsinkelse",
]


def test_fixture_baselines_are_listed() -> None:
    assert baselines.list_baselines(str(FIXTURES)) == ["after", "before"]


@pytest.mark.parametrize(("lang", "expected"), [("en", REPORT_EN), ("da", REPORT_DA)])
def test_report_between_fixture_baselines(lang: str, expected: list[str]) -> None:
    before = baselines.load_baseline(str(FIXTURES), "before")
    after = baselines.load_baseline(str(FIXTURES), "after")
    assert before.ok and after.ok
    assert diff_text.format_report(diff.changes(before, after), lang).splitlines() == expected


@pytest.mark.parametrize(("lang", "expected"), [("en", "no changes"), ("da", "ingen ændringer")])
def test_report_on_identical_folders(lang: str, expected: str) -> None:
    before = baselines.load_baseline(str(FIXTURES), "before")
    same = loader.load(str(VALID_MINIMAL))
    assert diff.changes(before, same) == []
    assert diff_text.format_report([], lang) == expected


def test_slips_for_a_gantt() -> None:
    before = baselines.load_baseline(str(FIXTURES), "before")
    after = baselines.load_baseline(str(FIXTURES), "after")
    slips = baseline_slips.slips(before, after, "alpha", "main")
    assert sorted(slips) == ["wave-1.dev", "wave-1.go-live", "wave-1.test", "wave-2.rollout"]
    assert slips["wave-1.go-live"].days == 61
    assert slips["wave-1.dev"].days == 62
    assert slips["wave-1.test"].days == 0
    # the new plan of record ('alt') has nothing dated in the baseline
    assert baseline_slips.slips(before, after, "alpha") == {}
    assert baseline_slips.slips(before, after, "nope") == {}


def test_slips_keep_removed_items(base: loader.Plan) -> None:
    edited = _wave("alpha", "main", "wave-1", lambda w: w.model_copy(update={"phases": w.phases[:1]}))(base)
    slip = baseline_slips.slips(base, edited, "alpha", "main")["wave-1.test"]
    assert (slip.new_start, slip.new_end, slip.days) == (None, None, None)


# ------------------------------------------------------------- freezing


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    shutil.copytree(VALID_MINIMAL, tmp_path / "data")
    return tmp_path / "data"


def test_freeze_copies_the_plan_files(data_dir: Path) -> None:
    shutil.copytree(loader.DEFAULT_DATA_DIR / "reference", data_dir / "reference")
    saved = baselines.freeze(str(data_dir), "kkr-2023.06")
    assert saved == data_dir / "baselines" / "kkr-2023.06"
    copied = sorted(str(p.relative_to(saved)) for p in saved.rglob("*") if p.is_file())
    assert copied == ["portfolio.yaml", "programmes/alpha.yaml", "programmes/beta.yaml", "vendors.yaml"]
    second = baselines.freeze(str(data_dir), "second")
    assert not (second / "baselines").exists()
    assert baselines.list_baselines(str(data_dir)) == ["kkr-2023.06", "second"]
    assert [p.name for p in (data_dir / "baselines").iterdir() if p.name.startswith(".")] == []  # no temp folders left
    assert diff.changes(baselines.load_baseline(str(data_dir), "second"), loader.load(str(data_dir))) == []


def test_freeze_refuses_to_overwrite(data_dir: Path) -> None:
    baselines.freeze(str(data_dir), "v1")
    (data_dir / "portfolio.yaml").write_text("title: changed\n")
    with pytest.raises(baselines.BaselineExists) as err:
        baselines.freeze(str(data_dir), "v1")
    assert str(err.value) == f"baseline 'v1' already exists in {data_dir / 'baselines'}; choose another name"
    assert "Testportefølje" in (data_dir / "baselines" / "v1" / "portfolio.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["", "../x", "a/b", ".hidden", "-v1", "with space", "x" * 101, "a\nb", "_x"])
def test_freeze_refuses_bad_names(data_dir: Path, name: str) -> None:
    with pytest.raises(baselines.BaselineError, match="is not a usable baseline name"):
        baselines.freeze(str(data_dir), name)
    assert not (data_dir / "baselines").exists()


def test_freeze_needs_a_plan(tmp_path: Path) -> None:
    with pytest.raises(baselines.BaselineError) as err:
        baselines.freeze(str(tmp_path), "v1")
    assert str(err.value) == f"{tmp_path / 'portfolio.yaml'}: not found; there is no plan to freeze"


def test_freezing_a_name_twice_is_a_baseline_error_that_keeps_the_first(tmp_path: Path) -> None:
    """The second freeze under a name is refused (callers catch BaselineError) and the first stays as it was."""
    data = tmp_path / "data"
    shutil.copytree(loader.DEFAULT_DATA_DIR, data)
    baselines.freeze(str(data), "v1")
    frozen = {p.name: p.read_bytes() for p in (data / "baselines" / "v1").rglob("*") if p.is_file()}
    (data / "portfolio.yaml").write_text(
        (data / "portfolio.yaml").read_text(encoding="utf-8") + "# later\n", encoding="utf-8"
    )
    with pytest.raises(baselines.BaselineError) as err:
        baselines.freeze(str(data), "v1")
    assert isinstance(err.value, baselines.BaselineExists) and "v1" in str(err.value)
    assert {p.name: p.read_bytes() for p in (data / "baselines" / "v1").rglob("*") if p.is_file()} == frozen


# ------------------------------------------------------------- git revisions


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        [
            "git",
            "-C",
            str(repo),
            "-c",
            "user.name=Test",
            "-c",
            "user.email=test@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "tag.gpgsign=false",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    shutil.copytree(VALID_MINIMAL, repo / "plans" / "data")
    _git(repo, "init", "-q")
    _git(repo, "add", "plans")
    _git(repo, "commit", "-q", "-m", "first plan")
    _git(repo, "tag", "v1")
    alpha = repo / "plans" / "data" / "programmes" / "alpha.yaml"
    alpha.write_text(
        alpha.read_text(encoding="utf-8").replace("date: 2024-01-01", "date: 2024-03-02"), encoding="utf-8"
    )
    _git(repo, "commit", "-q", "-am", "go-live later")
    return repo


def test_load_baseline_from_a_git_tag(repo: Path) -> None:
    data = repo / "plans" / "data"
    then = baselines.load_baseline(str(data), "v1")
    assert then.ok
    assert then.data_dir == "v1:plans/data"
    assert sorted(f.path for f in then.files) == [
        "v1:plans/data/portfolio.yaml",
        "v1:plans/data/programmes/alpha.yaml",
        "v1:plans/data/programmes/beta.yaml",
        "v1:plans/data/vendors.yaml",
    ]
    assert diff_text.format_report(diff.changes(then, loader.load(str(data))), "en") == (
        "Alpha / Main plan / Wave 1 / Go-live: moved from 1 Jan 2024 to 2 Mar 2024 (61 days later)"
    )
    assert diff.changes(baselines.load_baseline(str(data), "HEAD"), loader.load(str(data))) == []
    assert diff.changes(baselines.load_baseline(str(data), "HEAD~1"), then) == []


def test_a_saved_baseline_wins_over_a_tag(repo: Path) -> None:
    data = repo / "plans" / "data"
    baselines.freeze(str(data), "v1")  # the current plan, under the tag's name
    assert diff.changes(baselines.load_baseline(str(data), "v1"), loader.load(str(data))) == []


def test_revision_problems_name_the_revision(repo: Path) -> None:
    data = repo / "plans" / "data"
    beta = data / "programmes" / "beta.yaml"
    beta.write_text(beta.read_text(encoding="utf-8").replace("kind: go-live", "kind: golive"), encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "broken")
    plan = baselines.load_baseline(str(data), "HEAD")
    assert [p.file for p in plan.problems] == ["HEAD:plans/data/programmes/beta.yaml"]


@pytest.mark.parametrize("ref", ["v9", "nope", "HEAD~5"])
def test_unknown_revision(repo: Path, ref: str) -> None:
    data = repo / "plans" / "data"
    baselines.freeze(str(data), "kkr")
    with pytest.raises(baselines.BaselineError) as err:
        baselines.load_baseline(str(data), ref)
    assert str(err.value) == f"unknown baseline or revision '{ref}'; known: kkr"


@pytest.mark.parametrize("ref", ["-h", "--output=/tmp/x", "", "a b", "v1\n"])
def test_option_like_or_odd_refs_are_refused(repo: Path, ref: str) -> None:
    with pytest.raises(baselines.BaselineError) as err:
        baselines.load_baseline(str(repo / "plans" / "data"), ref)
    assert str(err.value) == f"'{ref}' is not a baseline name or a git revision"


def test_revision_without_the_folder(repo: Path) -> None:
    other = repo / "other"
    shutil.copytree(VALID_MINIMAL, other)
    with pytest.raises(baselines.BaselineError) as err:
        baselines.load_baseline(str(other), "v1")
    assert str(err.value) == "revision 'v1' has no other/portfolio.yaml; the plan was not kept there then"


def test_outside_git_only_saved_baselines(data_dir: Path) -> None:
    with pytest.raises(baselines.BaselineError) as err:
        baselines.load_baseline(str(data_dir), "HEAD")
    assert str(err.value) == "unknown baseline or revision 'HEAD'; known: none"
