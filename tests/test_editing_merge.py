"""Two people, one file: changes made on the version a person saw, put on top of what others saved meanwhile."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from planner import editing
from planner.editing import Append, Delete, Edit
from planner.plan import loader, yamlsafe
from tests.conftest import with_stated_readiness

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
VENDORS = "vendors.yaml"
KL = "programmes/kontaktlaege.yaml"
SOR = "programmes/fk-org-sor.yaml"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(REPO_DATA, tmp_path / "data", ignore=shutil.ignore_patterns("changelog.jsonl"))
    return with_stated_readiness(tmp_path / "data")


def raw(data_dir: Path, file: str) -> object:
    return yamlsafe.parse((data_dir / file).read_bytes()).data


def row(n: int = 0) -> tuple[str | int, ...]:
    return ("vendors", n, "readiness", 0)


def save(
    data_dir: Path, seen: editing.Snapshot, values: dict[str, object], who: str, path: tuple[str | int, ...] = row()
) -> editing.SaveResult:
    return editing.save_changes(data_dir, seen, editing.edits(seen, path, values), who)


def test_a_stale_form_touching_other_values_is_applied_on_top_and_both_changes_survive(data: Path) -> None:
    anna, bo = editing.read(data, VENDORS), editing.read(data, VENDORS)
    first = save(data, anna, {"note": "Annas note"}, "Anna")
    assert first.outcome is editing.Outcome.SAVED
    second = save(data, bo, {"state": "late"}, "Bo")
    assert second.outcome is editing.Outcome.MERGED
    assert [(e["who"], e["new"]) for e in second.merged_over] == [("Anna", "Annas note")]
    entry = raw(data, VENDORS)["vendors"][0]["readiness"][0]  # type: ignore[index]
    assert (entry["note"], entry["state"]) == ("Annas note", "late")
    log = editing.changelog(data)
    assert [(e["who"], e["outcome"]) for e in log] == [("Bo", "merged"), ("Anna", "saved")]
    assert log[0]["from"] == first.sha256 and log[1]["to"] == first.sha256


def test_a_stale_form_touching_the_same_value_is_refused_with_both_changes_and_nothing_is_lost(data: Path) -> None:
    anna, bo = editing.read(data, VENDORS), editing.read(data, VENDORS)
    old_note = raw(data, VENDORS)["vendors"][0]["readiness"][0]["note"]  # type: ignore[index]
    save(data, anna, {"note": "Annas note"}, "Anna")
    on_disk = (data / VENDORS).read_bytes()
    with pytest.raises(editing.ConflictError) as exc:
        save(data, bo, {"note": "Bos note", "state": "late"}, "Bo")
    err = exc.value
    assert [(c.path, c.before, c.theirs, c.yours) for c in err.conflicts] == [
        ("vendors[0].readiness[0].note", old_note, "Annas note", "Bos note")
    ]
    assert [(e["who"], e["path"], e["new"]) for e in err.others] == [
        ("Anna", "vendors[0].readiness[0].note", "Annas note")
    ]
    assert err.current is not None and err.current.text.encode() == on_disk
    assert (data / VENDORS).read_bytes() == on_disk  # nothing of Bo's was written, not even the state
    assert [(e["who"], e["outcome"], e["new"]) for e in editing.changelog(data)] == [
        ("Bo", "conflict", "Bos note"),
        ("Anna", "saved", "Annas note"),
    ]
    # Bo chooses to put his values on top of Anna's version: both of his changes land
    again = editing.save_changes(data, err.current, err.retry, "Bo")
    entry = raw(data, VENDORS)["vendors"][0]["readiness"][0]  # type: ignore[index]
    assert (entry["note"], entry["state"], again.outcome) == ("Bos note", "late", editing.Outcome.SAVED)


def test_the_same_change_twice_is_no_conflict(data: Path) -> None:
    anna, bo = editing.read(data, VENDORS), editing.read(data, VENDORS)
    save(data, anna, {"state": "late"}, "Anna")
    result = save(data, bo, {"state": "late"}, "Bo")
    assert not result.changed


def test_saving_the_same_form_twice_keeps_both_saves(data: Path) -> None:
    seen = editing.read(data, VENDORS)
    save(data, seen, {"note": "første"}, "Anna")
    seen = editing.read(data, VENDORS)  # the form is shown again on the saved version
    save(data, seen, {"note": "anden"}, "Anna")
    assert raw(data, VENDORS)["vendors"][0]["readiness"][0]["note"] == "anden"  # type: ignore[index]
    assert [e["new"] for e in editing.changelog(data)] == ["anden", "første"]


def test_values_the_form_shows_unchanged_are_never_rewritten(data: Path) -> None:
    file = "programmes/fhir-km.yaml"
    seen = editing.read(data, file)
    path = ("scenarios", 0, "waves", 0, "phases", 0)
    phase = editing.value_at(editing.parse(seen), path)
    assert isinstance(phase["start"], int)  # written `start: 2023`
    shown = {"start": str(phase["start"]), "end": str(phase["end"]), "percent_complete": None}
    assert editing.edits(seen, path, shown) == []
    assert editing.edits(seen, path, {**shown, "percent_complete": 40.0}) == [
        Edit(file, (*path, "percent_complete"), 40)
    ]


def test_an_edit_follows_its_item_when_someone_removed_an_earlier_one(data: Path) -> None:
    anna, bo = editing.read(data, KL), editing.read(data, KL)
    editing.save_changes(data, anna, [Delete(KL, ("observations", 0))], "Anna")
    second = editing.save_changes(data, bo, [Edit(KL, ("observations", 1, "note"), "Bos note")], "Bo")
    assert second.outcome is editing.Outcome.MERGED
    observations = raw(data, KL)["observations"]  # type: ignore[index]
    assert [(o["date"], o.get("note")) for o in observations] == [("2022-10-31", "Bos note")]


def test_deleting_an_item_someone_changed_meanwhile_is_refused(data: Path) -> None:
    anna, bo = editing.read(data, KL), editing.read(data, KL)
    editing.save_changes(data, anna, [Edit(KL, ("observations", 0, "note"), "rettet")], "Anna")
    with pytest.raises(editing.ConflictError) as exc:
        editing.save_changes(data, bo, [Delete(KL, ("observations", 0))], "Bo")
    assert exc.value.conflicts[0].path == "observations[0]"
    assert len(raw(data, KL)["observations"]) == 2  # type: ignore[index]


def test_deleting_an_observation_removes_its_lines_only_and_is_logged(data: Path) -> None:
    before = (data / KL).read_text(encoding="utf-8")
    seen = editing.read(data, KL)
    editing.save_changes(data, seen, [Delete(KL, ("observations", 0))], "Anna")
    after = (data / KL).read_text(encoding="utf-8")
    start = before.index("  - date: 2020-12-01")
    end = before.index("  - date: 2022-10-31")
    assert after == before[:start] + before[end:]
    entry = editing.changelog(data)[0]
    assert (entry["path"], entry["new"]) == ("observations[0]", "") and "2020-12-01" in entry["old"]


def test_an_observation_for_a_date_someone_else_added_meanwhile_is_refused(data: Path) -> None:
    anna, bo = editing.read(data, KL), editing.read(data, KL)
    item = {"date": "2022-11-30", "values": {"municipalities": 40}}
    editing.save_changes(data, anna, [Append(KL, ("observations",), item, key=("date",))], "Anna")
    with pytest.raises(editing.ConflictError):
        editing.save_changes(
            data, bo, [Append(KL, ("observations",), {**item, "values": {"municipalities": 41}}, key=("date",))], "Bo"
        )
    other = {"date": "2022-12-31", "values": {"municipalities": 41}}
    result = editing.save_changes(data, bo, [Append(KL, ("observations",), other, key=("date",))], "Bo")
    assert result.outcome is editing.Outcome.MERGED
    assert [o["date"] for o in raw(data, KL)["observations"]][-2:] == ["2022-11-30", "2022-12-31"]  # type: ignore[index]


def test_moving_a_municipality_between_waves_changes_the_two_flow_lists_only(data: Path) -> None:
    before = (data / SOR).read_text(encoding="utf-8")
    seen = editing.read(data, SOR)
    waves = editing.value_at(editing.parse(seen), ("onboarding", "waves"))
    j = editing.index_of_value(waves[0]["members"], "Faxe")
    assert j is not None
    editing.save_changes(
        data,
        seen,
        [
            Delete(SOR, ("onboarding", "waves", 0, "members", j)),
            Append(SOR, ("onboarding", "waves", 1, "members"), "Faxe"),
        ],
        "Anna",
    )
    after = (data / SOR).read_text(encoding="utf-8")
    assert "members: [København, Aalborg, Næstved]" in after
    plan = loader.load(str(data))
    sor = plan.programme("fk-org-sor")
    assert sor is not None and sor.onboarding is not None
    assert sor.onboarding.waves[1].members[-1] == "Faxe"
    diff = [
        line
        for line in editing.unified_diff(before, after, "a", "b").splitlines()[2:]
        if line[:1] in "+-" and not line.startswith("@@")
    ]
    assert diff == [
        "-      members: [København, Aalborg, Faxe, Næstved]",
        "+      members: [København, Aalborg, Næstved]",
        "+      members:",
        "+        - Faxe",
    ]


def test_two_people_moving_the_same_municipality_conflict(data: Path) -> None:
    anna, bo = editing.read(data, SOR), editing.read(data, SOR)
    out = ("onboarding", "waves", 0, "members", 2)
    editing.save_changes(
        data, anna, [Delete(SOR, out), Append(SOR, ("onboarding", "waves", 1, "members"), "Faxe")], "A"
    )
    with pytest.raises(editing.ConflictError):
        editing.save_changes(
            data, bo, [Delete(SOR, out), Append(SOR, ("onboarding", "waves", 2, "members"), "Faxe")], "B"
        )
    plan = loader.load(str(data))
    assert plan.ok


def test_a_stale_form_whose_item_is_gone_is_refused(data: Path) -> None:
    anna, bo = editing.read(data, KL), editing.read(data, KL)
    editing.save_changes(data, anna, [Delete(KL, ("observations", 0))], "Anna")
    with pytest.raises(editing.ConflictError) as exc:
        editing.save_changes(data, bo, [Edit(KL, ("observations", 0, "note"), "x")], "Bo")
    assert exc.value.conflicts[0].theirs == ""


# ------------------------------------------------------------ git stays clean


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_save_commits_only_the_files_it_wrote_beside_untracked_secrets(data: Path, tmp_path: Path) -> None:
    git(tmp_path, "init", "--quiet")
    (tmp_path / ".streamlit").mkdir()
    (tmp_path / ".streamlit" / "secrets.toml").write_text('[editing]\npassword = "x"\n', encoding="utf-8")
    (tmp_path / "notes.txt").write_text("local\n", encoding="utf-8")
    git(tmp_path, "add", "data")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "start")
    result = save(data, editing.read(data, VENDORS), {"note": "x"}, "Mette Hansen")
    assert result.git is editing.GitOutcome.COMMITTED
    assert git(tmp_path, "show", "--name-only", "--format=%an", "HEAD").split() == [
        "Mette",
        "Hansen",
        "data/changelog.jsonl",
        "data/vendors.yaml",
    ]
    assert git(tmp_path, "status", "--porcelain").splitlines() == ["?? .streamlit/", "?? notes.txt"]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_failed_commit_is_an_outcome_and_the_save_stands(data: Path, tmp_path: Path) -> None:
    git(tmp_path, "init", "--quiet")
    (tmp_path / ".git" / "index.lock").write_text("", encoding="utf-8")  # another git 'never' finishes
    result = save(data, editing.read(data, VENDORS), {"note": "gemt alligevel"}, "Mette")
    assert result.git is editing.GitOutcome.FAILED
    assert raw(data, VENDORS)["vendors"][0]["readiness"][0]["note"] == "gemt alligevel"  # type: ignore[index]


def test_the_repository_keeps_local_secrets_out_of_git() -> None:
    root = REPO_DATA.parent
    ignored = subprocess.run(
        ["git", "-C", str(root), "check-ignore", "--no-index", ".streamlit/secrets.toml", "data/changelog.jsonl.lock"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert ".streamlit/secrets.toml" in ignored.splitlines()


def test_when_the_log_does_not_know_the_version_seen_no_one_is_named(data: Path) -> None:
    seen = editing.read(data, VENDORS)
    (data / VENDORS).write_text(
        (data / VENDORS).read_text(encoding="utf-8").replace("note: >-", "note: >-", 1) + "\n", encoding="utf-8"
    )  # a hand edit, not through the app
    assert editing.saved_since(data, VENDORS, seen.sha256) == []
    assert dt.date.today()  # the file was read again below without error
    assert save(data, seen, {"state": "late"}, "Bo").outcome is editing.Outcome.MERGED
