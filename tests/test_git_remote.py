"""The data folder as a clone of a remote: saves are pushed, pulls bring others' saves in, nothing is ever lost.

Real git throughout: a bare repository is the remote, clones of it are the
data folders of two app servers.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner import editing
from planner.editing import Edit, PullOutcome, PushOutcome, Sync, git_remote, vcs
from planner.plan import loader

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
SYNC = Sync("origin", None, pull=True, push=True)
TITLE = ("portfolio.yaml", ("title",))
PHASE_END = ("programmes/fhir-km.yaml", ("scenarios", 0, "waves", 0, "phases", 0, "end"))
SETUP = ("-c", "user.name=Opsætning", "-c", "user.email=setup@localhost")


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(autouse=True)
def plain_git(no_git_identity: None) -> None:
    """No user.name/user.email, hooks or other settings from this machine (as on a fresh server)."""


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    """A bare repository whose main branch holds the shipped data/ (committed and pushed from a first clone)."""
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=main", str(bare)], check=True)
    first = tmp_path / "first"
    subprocess.run(["git", "-c", "init.defaultBranch=main", "clone", "--quiet", str(bare), str(first)], check=True)
    shutil.copytree(REPO_DATA, first, dirs_exist_ok=True, ignore=shutil.ignore_patterns("changelog.jsonl"))
    git(first, "add", ".")
    git(first, *SETUP, "commit", "--quiet", "-m", "The plan")
    git(first, "push", "--quiet", "origin", "main")
    return bare


def clone(bare: Path, dest: Path) -> Path:
    subprocess.run(["git", "clone", "--quiet", str(bare), str(dest)], check=True)
    return dest


@pytest.fixture
def here(remote: Path, tmp_path: Path) -> Path:
    """This app server's data folder: a clone of the remote."""
    return clone(remote, tmp_path / "here")


@pytest.fixture
def there(remote: Path, tmp_path: Path) -> Path:
    """Another app server's data folder, another clone."""
    return clone(remote, tmp_path / "there")


def save(
    folder: Path, where: tuple[str, tuple[str | int, ...]], value: str, who: str, sync: Sync | None = SYNC
) -> editing.SaveResult:
    file, path = where
    return editing.save_changes(folder, editing.read(folder, file), [Edit(file, path, value)], who, sync=sync)


def value(folder: Path, where: tuple[str, tuple[str | int, ...]]) -> object:
    file, path = where
    return editing.value_at(editing.parse(editing.read(folder, file)), path)


def head(repo: Path, rev: str = "HEAD") -> str:
    return git(repo, "rev-parse", rev)


def state(folder: Path) -> tuple[str, str, dict[str, bytes]]:
    """HEAD, git status and every file's bytes: what a pull that changes nothing must leave alone."""
    files = {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(folder).parts
    }
    return head(folder), git(folder, "status", "--porcelain", "--untracked-files=all"), files


# ------------------------------------------------------------ push


def test_a_save_is_pushed_to_the_remote_as_the_editor(here: Path, remote: Path) -> None:
    result = save(here, TITLE, "Ny titel", "Mette Hansen")
    assert (result.git, result.push, result.push_detail) == (editing.GitOutcome.COMMITTED, PushOutcome.PUSHED, "")
    assert result.pushed
    assert head(remote, "main") == result.commit == head(here)
    assert git(remote, "log", "-1", "--format=%an|%s", "main") == (
        "Mette Hansen|Edit portfolio.yaml: title KKR-digitaliseringsnetværket: udrulningsplaner -> Ny titel (by Mette Hansen)"
    )


def test_a_push_to_a_named_branch_creates_it_and_leaves_main_alone(here: Path, remote: Path) -> None:
    before = head(remote, "main")
    result = save(here, TITLE, "Ny titel", "Bo", Sync("origin", "plans", pull=True, push=True))
    assert result.push is PushOutcome.PUSHED
    assert (head(remote, "plans"), head(remote, "main")) == (result.commit, before)
    assert editing.pull(here, Sync("origin", "plans", pull=True)) == (PullOutcome.UP_TO_DATE, "")


def test_a_refused_push_keeps_the_save_and_the_next_push_carries_it(here: Path, remote: Path) -> None:
    start = head(remote, "main")
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'Planen er låst til fredag' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    first = save(here, TITLE, "Ny titel", "Mette")
    assert first.committed and first.push is PushOutcome.REFUSED
    assert first.push_detail == (
        "the remote 'origin' refused the push (pre-receive hook declined): Planen er låst til fredag"
    )
    assert str(remote) not in first.push_detail
    assert head(remote, "main") == start  # the remote has not got it
    assert head(here) == first.commit  # the local commit stands
    assert value(here, TITLE) == "Ny titel"  # and so does the file
    assert git(here, "status", "--porcelain") == ""

    hook.unlink()
    second = save(here, ("portfolio.yaml", ("status_date",)), "2022-12-01", "Bo")
    assert second.push is PushOutcome.PUSHED
    assert head(remote, "main") == second.commit
    assert git(remote, "rev-list", "--format=%an", "--no-commit-header", f"{start}..main").splitlines() == [
        "Bo",
        "Mette",
    ]


def test_a_push_behind_the_remote_is_refused_and_nothing_is_lost(here: Path, there: Path, remote: Path) -> None:
    assert save(there, PHASE_END, "2024-Q2", "Anna").push is PushOutcome.PUSHED
    result = save(here, TITLE, "Ny titel", "Bo")
    assert result.committed and result.push is PushOutcome.REFUSED
    assert (
        result.push_detail
        == "the remote 'origin' has commits this folder does not have (fetch first): pull, then save again"
    )
    assert value(here, TITLE) == "Ny titel" and head(here) == result.commit
    # pull replays the refused commit on the remote's, and the next push carries it
    assert editing.pull(here, SYNC) == (PullOutcome.PULLED, "1 new commit from the remote 'origin'")
    assert editing.push(here, SYNC) == (PushOutcome.PUSHED, "")
    assert head(remote, "main") == head(here)
    assert (value(here, TITLE), value(here, PHASE_END)) == ("Ny titel", "2024-Q2")


# ------------------------------------------------------------ pull


def test_a_pull_brings_in_what_another_server_pushed(here: Path, there: Path) -> None:
    pushed = save(there, PHASE_END, "2024-Q2", "Anna")
    assert pushed.push is PushOutcome.PUSHED
    assert value(here, PHASE_END) == "2024-Q1"
    assert editing.pull(here, SYNC) == (PullOutcome.PULLED, "1 new commit from the remote 'origin'")
    assert value(here, PHASE_END) == "2024-Q2"
    assert head(here) == pushed.commit
    assert git(here, "status", "--porcelain") == ""
    assert editing.pull(here, SYNC) == (PullOutcome.UP_TO_DATE, "")
    assert loader.load(str(here)).ok


def test_a_pull_replays_unpushed_saves_on_top_and_keeps_both_change_logs(here: Path, there: Path) -> None:
    mine = save(here, TITLE, "Ny titel", "Mette", sync=None)  # not pushed
    save(there, PHASE_END, "2024-Q2", "Anna")
    assert editing.pull(here, SYNC)[0] is PullOutcome.PULLED
    assert (value(here, TITLE), value(here, PHASE_END)) == ("Ny titel", "2024-Q2")
    assert [(e["who"], e["new"]) for e in editing.changelog(here)] == [("Mette", "Ny titel"), ("Anna", "2024-Q2")]
    assert git(here, "status", "--porcelain") == ""
    assert git(here, "log", "--format=%an", "-3").splitlines() == ["Mette", "Anna", "Opsætning"]
    assert head(here) != mine.commit  # replayed: a new commit on top of Anna's
    assert git(here, "worktree", "list", "--porcelain").count("worktree ") == 1  # the throwaway one is gone


def test_a_pull_keeps_the_logged_refusals_not_yet_committed(here: Path, there: Path) -> None:
    seen = editing.read(here, TITLE[0])
    save(here, TITLE, "Først", "Mette", sync=None)  # not pushed: the pull replays it
    with pytest.raises(editing.ConflictError):  # logged as refused, not committed
        editing.save_changes(here, seen, [Edit(*TITLE, "Sidst")], "Bo")
    assert git(here, "status", "--porcelain") == "M changelog.jsonl"
    save(there, PHASE_END, "2024-Q2", "Anna")
    assert editing.pull(here, SYNC)[0] is PullOutcome.PULLED
    assert value(here, PHASE_END) == "2024-Q2"
    assert [(e["who"], e["outcome"]) for e in editing.changelog(here)] == [
        ("Bo", "conflict"),
        ("Mette", "saved"),
        ("Anna", "saved"),
    ]
    assert git(here, "status", "--porcelain") == "M changelog.jsonl"  # still only the refusal is uncommitted


def test_a_pull_that_conflicts_changes_nothing(here: Path, there: Path) -> None:
    mine = save(here, TITLE, "Min titel", "Mette", sync=None)
    save(there, TITLE, "Annas titel", "Anna")
    (here / "notes.txt").write_text("local\n", encoding="utf-8")  # an untracked file
    before = state(here)
    outcome, detail = editing.pull(here, SYNC)
    assert outcome is PullOutcome.CONFLICT
    assert detail == (
        "unpushed saves here and the remote's both change portfolio.yaml: nothing was changed here; resolve it with git"
    )
    assert state(here) == before
    assert head(here) == mine.commit and value(here, TITLE) == "Min titel"
    assert not (here / ".git" / "rebase-merge").exists() and not (here / ".git" / "rebase-apply").exists()
    assert git(here, "worktree", "list", "--porcelain").count("worktree ") == 1
    assert editing.pull(here, SYNC)[0] is PullOutcome.CONFLICT  # and again: still nothing changed
    assert state(here) == before


def test_a_pull_refuses_to_overwrite_an_uncommitted_change(here: Path, there: Path) -> None:
    save(there, PHASE_END, "2024-Q2", "Anna")
    path = here / PHASE_END[0]
    path.write_text(path.read_text(encoding="utf-8") + "# lokal note\n", encoding="utf-8")
    before = state(here)
    outcome, detail = editing.pull(here, SYNC)
    assert (outcome, detail) == (
        PullOutcome.FAILED,
        "changes here that are not committed would be overwritten: nothing was changed",
    )
    assert state(here) == before


# ------------------------------------------------------------ failures and settings


def test_an_unreachable_remote_fails_without_raising_or_waiting(
    here: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    nowhere = Sync(str(tmp_path / "nowhere.git"), None, pull=True, push=True)
    secret = Sync("https://planner:s3cret@127.0.0.1:9/plan.git", "main", pull=True, push=True)
    started = time.monotonic()
    result = save(here, TITLE, "Ny titel", "Mette", nowhere)
    assert result.committed and value(here, TITLE) == "Ny titel"
    assert (result.push, result.push_detail) == (PushOutcome.FAILED, "the remote: no such repository")
    assert editing.pull(here, nowhere) == (PullOutcome.FAILED, "the remote: no such repository")
    assert git_remote.push(here, secret) == (PushOutcome.FAILED, "the remote at 127.0.0.1: could not be reached")
    assert git_remote.pull(here, secret) == (PullOutcome.FAILED, "the remote at 127.0.0.1: could not be reached")
    assert time.monotonic() - started < 30
    assert "s3cret" not in caplog.text and "git push to https://127.0.0.1:9/plan.git failed" in caplog.text
    assert head(here) == result.commit


def test_a_remote_that_never_answers_is_given_up_at_the_timeout(
    here: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hang = tmp_path / "ssh-that-hangs"
    hang.write_text("#!/bin/sh\nsleep 60\n", encoding="utf-8")
    hang.chmod(0o755)
    monkeypatch.setenv("GIT_SSH_COMMAND", str(hang))
    monkeypatch.setattr(vcs, "TIMEOUT", 2)
    silent = Sync("ssh://git@example.invalid/plan.git", "main", pull=True, push=True)
    started = time.monotonic()
    assert git_remote.push(here, silent) == (PushOutcome.FAILED, "the remote at example.invalid: no answer within 2 s")
    assert editing.pull(here, silent) == (PullOutcome.FAILED, "the remote at example.invalid: no answer within 2 s")
    assert time.monotonic() - started < 20  # the ssh (sleep) went with git: nothing held the pipes open


def test_a_remote_that_looks_like_an_option_is_never_passed_to_git(here: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    hostile = Sync(f"--upload-pack=touch {marker}", None, pull=True, push=True)
    assert git_remote.push(here, hostile)[0] is PushOutcome.FAILED
    assert git_remote.pull(here, hostile)[0] is PullOutcome.FAILED
    assert git_remote.push(here, Sync("origin", "-f", push=True))[0] is PushOutcome.FAILED
    assert not marker.exists()


def test_outside_a_repository_push_and_pull_fail_and_saves_still_happen(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    shutil.copytree(REPO_DATA, folder)
    result = save(folder, TITLE, "Ny titel", "Mette")
    assert (result.git, result.push) == (editing.GitOutcome.NOT_A_REPOSITORY, PushOutcome.NOT_CONFIGURED)
    assert git_remote.push(folder, SYNC) == (PushOutcome.FAILED, "the data folder is not a git repository")
    assert editing.pull(folder, SYNC) == (PullOutcome.FAILED, "the data folder is not a git repository")


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"remote": "origin", "branch": "main", "pull": True, "push": True}, Sync("origin", "main", True, True)),
        ({"remote": " origin ", "push": True}, Sync("origin", None, pull=False, push=True)),
        ({"remote": "git@example.org:plan/data.git", "pull": True}, Sync("git@example.org:plan/data.git", None, True)),
        ({"remote": "origin", "branch": "refs/heads/plans", "push": True}, Sync("origin", "plans", push=True)),
        ({"remote": "origin", "branch": "", "push": True}, Sync("origin", None, push=True)),
        ({"remote": "-uorigin", "push": True}, None),
        ({"remote": "--upload-pack=touch x", "pull": True}, None),
        ({"remote": "origin", "branch": "-f", "push": True}, None),
        ({"remote": "origin", "branch": "a..b", "push": True}, None),
        ({"remote": "origin\n", "push": True}, Sync("origin", None, push=True)),
        ({"remote": "ori\ngin", "push": True}, None),
        ({"remote": "origin", "branch": 3, "push": True}, None),
        ({"remote": "origin", "push": "yes"}, None),  # only true turns it on
        ({"remote": "origin"}, None),  # neither pull nor push
        ({"remote": "origin", "pull": True, "push": True, "enabled": False}, None),
        ({"remote": "", "push": True}, None),
        ({"push": True}, None),
        ({}, None),
        (None, None),
        ("origin", None),
    ],
)
def test_settings_from_the_git_section(config: object, expected: Sync | None) -> None:
    assert Sync.from_config(config) == expected


def test_without_sync_nothing_is_pushed_as_before(here: Path, remote: Path) -> None:
    start = head(remote, "main")
    result = save(here, TITLE, "Ny titel", "Mette", sync=None)
    assert (result.committed, result.push, result.push_detail, result.pushed) == (
        True,
        PushOutcome.NOT_CONFIGURED,
        "",
        False,
    )
    off = save(here, TITLE, "Anden titel", "Mette", Sync("origin", None, pull=True, push=False))
    assert off.committed and off.push is PushOutcome.NOT_CONFIGURED
    assert head(remote, "main") == start
    assert editing.pull(here, None) == (PullOutcome.NOT_CONFIGURED, "")
    assert editing.pull(here, Sync("origin", None, push=True)) == (PullOutcome.NOT_CONFIGURED, "")
    assert git_remote.push(here, None) == (PushOutcome.NOT_CONFIGURED, "")
    # an upload-style whole-text save takes the same keyword
    snap = editing.read(here, TITLE[0])
    changes = [Edit(*TITLE, "Tredje titel")]
    whole = editing.save(here, snap, editing.apply(snap, changes), "Bo", editing.describe(snap, changes), sync=SYNC)
    assert whole.push is PushOutcome.PUSHED and head(remote, "main") == whole.commit


# ------------------------------------------------------------ in the app


def edit_page(folder: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app on ``folder`` with [git] pull and push on, signed in with the password, on the edit page."""
    from ui import git_sync

    git_sync._last.clear()  # the pull is due
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    at = AppTest.from_file(str(REPO_DATA.parent / "app.py"), default_timeout=60)
    at.secrets["editing"] = {"enabled": True, "password": "pw"}
    at.secrets["git"] = {"enabled": True, "remote": "origin", "pull": True, "push": True}
    at.run()  # asks for a pull, which runs in the background
    assert git_sync.wait(folder, 60)
    at.switch_page("views/edit.py").run()
    at.text_input[0].input("Mette")
    at.text_input[1].input("pw")
    at.button[0].click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_the_app_pulls_before_reading_and_says_when_the_remote_refuses_a_save(
    here: Path, there: Path, remote: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save(there, TITLE, "Fra den anden server", "Bo")  # another server's save, pushed
    at = edit_page(here, monkeypatch)
    assert value(here, TITLE) == "Fra den anden server"  # pulled in the background, shown on the next run

    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'Planen er låst' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(0o755)
    at.selectbox(key="ed-readiness").set_value(0).run()
    late = next(o for o in next(s for s in at.selectbox if s.label == "Status").options if "Forsinket" in str(o))
    next(s for s in at.selectbox if s.label == "Status").select(late)
    next(b for b in at.button if b.label == "Gem").click().run()
    assert any("Gemt i vendors.yaml" in s.value for s in at.success)
    refused = [w.value for w in at.warning if "afviste" in w.value]
    assert refused and "Planen er låst" in refused[0] and str(remote) not in refused[0]
    assert git(here, "status", "--porcelain") == "" and head(here) != head(remote, "main")  # kept here, committed


def test_the_edit_page_says_when_a_pull_conflicts(here: Path, there: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    save(there, TITLE, "Derovre", "Bo")
    save(here, TITLE, "Herovre", "Mette", sync=None)  # the same value, changed here and not pushed
    at = edit_page(here, monkeypatch)
    assert any("strider mod ændringer her" in w.value for w in at.warning)
    assert value(here, TITLE) == "Herovre"  # nothing here was overwritten
