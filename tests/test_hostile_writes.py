"""What the program writes, copies and exports, tried by an attacker with links in the data folder and a tired PM.

A secret outside the data folder is never copied, quoted or appended to; a
named pipe never blocks; no output lands on a plan file or the change log; a
write cut short leaves the old file whole; every refusal is a message.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planner import editing
from planner.analysis import baselines
from planner.plan import folder_layout, safefile
from tests.conftest import minimal_copy

ROOT = Path(__file__).resolve().parent.parent
SECRET = "TOPSECRET-4711"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text(f"root:x:0:0:{SECRET}\n", encoding="utf-8")
    return secret


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return minimal_copy(tmp_path / "data")


def planner(*args: str | Path, limit_bytes: int | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m planner ...`` in its own process: a read that blocks fails the test, not hangs it."""

    def limited() -> None:
        if limit_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return subprocess.run(
        [sys.executable, "-m", "planner", *map(str, args)], cwd=ROOT, capture_output=True, text=True,
        timeout=120, check=False, preexec_fn=limited,
    )  # fmt: skip


def no_traceback(done: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in done.stderr + done.stdout, done.stderr


def holds_secret(folder: Path) -> list[Path]:
    return [
        p for p in folder.rglob("*") if p.is_file() and not p.is_symlink() and SECRET in p.read_text(errors="replace")
    ]


# ------------------------------------------------------------ baselines


def test_a_linked_secret_is_never_frozen_into_a_baseline_or_printed_by_diff(data: Path, outside: Path) -> None:
    (data / "programmes" / "evil.yaml").symlink_to(outside)
    os.mkfifo(data / "programmes" / "pipe.yaml")
    done = planner("baseline", data, "--name", "kkr-1")
    no_traceback(done)
    assert done.returncode == 0, done.stderr
    frozen = data / "baselines" / "kkr-1"
    assert sorted(p.name for p in (frozen / "programmes").iterdir()) == ["alpha.yaml", "beta.yaml"]  # no link, no pipe
    assert holds_secret(data / "baselines") == []
    shown = planner("diff", data, "--from", "kkr-1")
    no_traceback(shown)
    assert SECRET not in shown.stdout + shown.stderr


def test_baselines_as_a_link_out_of_the_folder_is_refused(data: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (data / "baselines").symlink_to(elsewhere, target_is_directory=True)
    done = planner("baseline", data, "--name", "kkr-1")
    no_traceback(done)
    assert done.returncode == 2 and "not a folder of the data folder" in done.stderr
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: (d / "baselines").write_text("x"), "not a folder of the data folder"),
        (lambda _d: None, "not a usable baseline name"),
    ],
)
def test_odd_baselines_folders_and_names_are_messages(data: Path, setup, message: str) -> None:
    setup(data)
    name = "kkr-1" if "folder" in message else "x" * 400
    done = planner("baseline", data, "--name", name)
    no_traceback(done)
    assert done.returncode == 2 and message in done.stderr


def test_a_baseline_name_with_terminal_escapes_is_echoed_escaped(data: Path) -> None:
    done = planner("baseline", data, "--name", "ok\n\x1b[2Jforged: baseline 'x' saved")
    assert done.returncode == 2
    assert "\x1b" not in done.stderr and done.stderr.count("\n") == 1
    assert "\\n\\x1b[2J" in done.stderr


def test_a_broken_baseline_is_an_error_not_an_empty_plan(data: Path) -> None:
    baselines.freeze(str(data), "kkr-1")
    (data / "baselines" / "kkr-1" / "programmes" / "alpha.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    done = planner("diff", data, "--from", "kkr-1")
    no_traceback(done)
    assert done.returncode == 2 and "baseline 'kkr-1' cannot be read" in done.stderr
    assert "added" not in done.stdout


# ------------------------------------------------------------ the change log


def save_a_note(data: Path, note: str = "Ny note") -> editing.SaveResult:
    seen = editing.read(data, "vendors.yaml")
    return editing.save_changes(
        data, seen, editing.edits(seen, ("vendors", 0, "readiness", 0), {"note": note}), "Mette"
    )


def test_a_linked_change_log_is_never_appended_to(data: Path, outside: Path) -> None:
    before = outside.read_bytes()
    (data / folder_layout.CHANGELOG_FILE).symlink_to(outside)
    result = save_a_note(data)
    assert result.log_failed and outside.read_bytes() == before
    assert editing.changelog(data) == []  # a log that is a link reads as empty


def test_a_change_log_that_is_a_named_pipe_never_blocks_a_save(data: Path) -> None:
    os.mkfifo(data / folder_layout.CHANGELOG_FILE)
    code = (
        "import sys; from pathlib import Path; from planner import editing\n"
        "d = Path(sys.argv[1]); seen = editing.read(d, 'vendors.yaml')\n"
        "r = editing.save_changes(d, seen, editing.edits(seen, ('vendors', 0, 'readiness', 0), {'note': 'x'}), 'M')\n"
        "print('log_failed' if r.log_failed else 'logged')\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(data)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.stdout.strip() == "log_failed", done.stderr
    assert "note: x" in (data / "vendors.yaml").read_text(encoding="utf-8")  # the save itself stands


def test_a_cut_last_line_of_the_log_is_left_alone_and_the_new_entry_is_whole(data: Path) -> None:
    save_a_note(data, "Første")
    path = data / folder_layout.CHANGELOG_FILE
    path.write_bytes(path.read_bytes()[:-20])  # the last entry cut short, no line break
    save_a_note(data, "Anden")
    entries = editing.changelog(data)
    assert entries[0]["new"] == "Anden" and path.read_text(encoding="utf-8").endswith("\n")


# ------------------------------------------------------------ the edit check and uploads


def test_the_edit_check_never_quotes_or_copies_what_a_link_or_device_points_to(data: Path, outside: Path) -> None:
    (data / "programmes" / "evil.yaml").symlink_to(outside)
    (data / "programmes" / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(data / "programmes" / "pipe.yaml")
    (data / "programmes" / "loop.yaml").symlink_to("loop.yaml")
    seen = editing.read(data, "vendors.yaml")
    text = editing.apply(seen, editing.edits(seen, ("vendors", 0, "readiness", 0), {"note": "tjek"}))
    found = editing.validate_text(data, "vendors.yaml", text)
    assert SECRET not in repr(found)
    assert all("evil" not in p.file and "zero" not in p.file for p in found)  # the same refusals as before the edit
    preview = editing.preview_upload(data, "programmes/alpha.yaml", (data / "programmes" / "alpha.yaml").read_bytes())
    assert SECRET not in repr(preview) and preview.ok
    with pytest.raises(editing.EditError) as refused:
        editing.preview_upload(data, "programmes/evil.yaml", b"id: evil\n")
    assert SECRET not in str(refused.value) and "outside the data folder" in str(refused.value)


def test_change_detection_never_reads_a_device_or_waits_for_a_pipe(data: Path) -> None:
    (data / "programmes" / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(data / "programmes" / "pipe.yaml")
    code = "import sys; from ui import data; print(len(data.fingerprint(sys.argv[1])))"
    done = subprocess.run([sys.executable, "-c", code, str(data)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert done.stdout.strip() == "64", done.stderr


def test_validate_on_a_link_loop_is_a_message(data: Path) -> None:
    (data / "programmes" / "loop.yaml").symlink_to("loop.yaml")
    done = planner("validate", data)
    no_traceback(done)
    assert done.returncode == 1 and "loop.yaml:1:1: this is a link that leads back to itself" in done.stdout


# ------------------------------------------------------------ outputs


@pytest.mark.parametrize(
    ("args", "target"),
    [
        (["report", "{data}", "--format", "xlsx", "--out", "{data}/portfolio.yaml"], "portfolio.yaml"),
        (["report", "{data}", "--format", "html", "--out", "{data}/changelog.html"], None),
        (["plan-waves", "{data}", "--out", "{data}/programmes/alpha.yaml"], "programmes/alpha.yaml"),
        (["export", "{data}", "--out", "{data}/vendors.yaml"], "vendors.yaml"),
        (["export", "{data}", "--format", "csv", "--out", "{data}/changelog.jsonl"], "changelog.jsonl"),
    ],
)
def test_no_output_lands_on_a_plan_file_or_the_change_log(data: Path, args: list[str], target: str | None) -> None:
    before = {p: p.read_bytes() for p in data.rglob("*") if p.is_file()}
    done = planner(*(a.format(data=data) for a in args))
    no_traceback(done)
    if target is None:  # an output of its own kind inside the folder (not a plan file) is allowed
        assert done.returncode in (0, 1), done.stderr
        return
    assert done.returncode == 2 and "not written" in done.stderr
    assert {p: p.read_bytes() for p in data.rglob("*") if p.is_file()} == before


def test_an_output_through_a_link_is_refused(data: Path, outside: Path, tmp_path: Path) -> None:
    before = outside.read_bytes()
    (tmp_path / "pack.html").symlink_to(outside)
    done = planner("report", data, "--format", "html", "--out", tmp_path / "pack.html")
    no_traceback(done)
    assert done.returncode == 2 and outside.read_bytes() == before


def test_a_write_cut_short_leaves_the_old_file_whole(data: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.html"
    out.write_bytes(b"<html>the old pack</html>")
    done = planner("report", data, "--format", "html", "--out", out, limit_bytes=4096)
    no_traceback(done)
    assert done.returncode == 2 and "File too large" in done.stderr
    assert out.read_bytes() == b"<html>the old pack</html>"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pack.html")] == []  # no temporary file left


def test_a_full_disk_while_writing_leaves_the_old_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "portfolio.yaml"
    path.write_bytes(b"title: old\n")

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        safefile.write_atomic(path, b"title: new\n" * 1000, tmp_path)
    assert path.read_bytes() == b"title: old\n" and [p.name for p in tmp_path.iterdir()] == ["portfolio.yaml"]


def test_the_shipped_outputs_still_write(tmp_path: Path) -> None:
    data = ROOT / "data"
    runs: list[list[str | Path]] = [["report", data, "--format", "xlsx", "--out", tmp_path / "pack.xlsx"],
                                    ["export", data, "--format", "csv", "--out", tmp_path / "items.csv"]]  # fmt: skip
    for args in runs:
        done = planner(*args)
        assert done.returncode == 0, done.stderr
    assert json.loads(planner("export", data).stdout)["programmes"]
    shutil.rmtree(tmp_path)


# ------------------------------------------------------------ every refusal a message


def test_git_conflict_markers_are_named_with_their_lines(data: Path) -> None:
    alpha = data / "programmes" / "alpha.yaml"
    lines = alpha.read_text(encoding="utf-8").splitlines()
    lines[1:2] = ["<<<<<<< HEAD", 'name: "Alpha her"', "=======", 'name: "Alpha der"', ">>>>>>> origin/main"]
    alpha.write_text("\n".join(lines) + "\n", encoding="utf-8")
    done = planner("validate", data)
    assert "alpha.yaml:2:1: git merge conflict not resolved in this file, lines 2-6" in done.stdout
    assert "[merge-conflict]" in done.stdout and "could not find expected" not in done.stdout


def test_three_scenarios_called_plan_are_refused(data: Path) -> None:
    alpha = data / "programmes" / "alpha.yaml"
    text = alpha.read_text(encoding="utf-8").replace('name: "Main plan"', 'name: "Plan"', 1)
    text = text.replace("scenarios:\n", "scenarios:\n  - id: b\n    name: Plan\n    waves: [{id: w, name: W}]\n", 1)
    alpha.write_text(text, encoding="utf-8")
    done = planner("validate", data)
    assert "scenarios[1].name: scenario name 'Plan' is used twice" in done.stdout


def test_the_wave_planner_never_writes_a_date_the_loader_refuses(tmp_path: Path) -> None:
    done = planner("plan-waves", ROOT / "data", "--start", "2199-06-01", "--out", tmp_path / "w.yaml")
    no_traceback(done)
    assert done.returncode == 1 and "after 2199" in done.stderr and not (tmp_path / "w.yaml").exists()


@pytest.mark.parametrize("kind", ["folder", "cut", "no-time"])
def test_the_change_log_tab_shows_what_it_can_read_and_counts_the_rest(data: Path, kind: str) -> None:
    path = data / folder_layout.CHANGELOG_FILE
    if kind == "folder":
        path.mkdir()
    else:
        good = {"when": "2026-12-01T10:00:00+00:00", "who": "Anna", "file": "vendors.yaml", "path": "p", "new": "x"}
        odd = {"who": "Bo", "when": None, "old": 1.5, "new": None} if kind == "no-time" else None
        path.write_text(
            json.dumps(good) + "\n" + (json.dumps(odd) + "\n" if odd else '{"when": "2026-12-0') + "\n",
            encoding="utf-8",
        )
    entries, skipped = editing.changelog_counted(data)
    assert skipped == (1 if kind == "cut" else 0)
    assert [e["who"] for e in entries] == {"folder": [], "cut": ["Anna"], "no-time": ["Bo", "Anna"]}[kind]
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["editing"] = {"enabled": True, "password": "pw"}
    os.environ["PLANNER_DATA"] = str(data)
    try:
        at.run()
        at.switch_page("views/edit.py").run()
        at.text_input[0].input("Mette")
        at.text_input[1].input("pw")
        at.button[0].click().run()
    finally:
        del os.environ["PLANNER_DATA"]
    assert not at.exception, [e.message for e in at.exception]
    if kind == "cut":
        assert any("Én linje i ændringsloggen kunne ikke læses" in w.value for w in at.warning)


def test_a_full_disk_while_freezing_is_a_message_and_leaves_no_half_baseline(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(baselines.BaselineError) as refused:
        baselines.freeze(str(data), "kkr-1")
    assert "No space left on device" in str(refused.value)
    assert [p.name for p in (data / "baselines").iterdir()] == []


def test_a_broken_baseline_is_said_on_the_changes_page(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    baselines.freeze(str(data), "kkr-1")
    (data / "baselines" / "kkr-1" / "portfolio.yaml").write_text("<<<<<<< HEAD\nx\n=======\ny\n>>>>>>> b\n")
    monkeypatch.setenv("PLANNER_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    at.switch_page("views/changes.py").run()
    at.selectbox(key="baseline").select("kkr-1").run()
    assert not at.exception
    assert any("Grundlinjen «kkr-1» kan ikke sammenlignes" in e.value and "merge conflict" in e.value for e in at.error)


def test_a_damaged_git_repository_is_named_not_an_unknown_revision(data: Path) -> None:
    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["-c", "user.name=A", "-c", "user.email=a@b", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", "-C", str(data), *args], check=True, capture_output=True)
    shutil.rmtree(data / ".git" / "objects")
    (data / ".git" / "objects").mkdir()
    done = planner("diff", data, "--from", "main")
    no_traceback(done)
    assert "missing from the git repository" in done.stderr and "git fsck" in done.stderr
    (data / ".git" / "HEAD").write_text("garbage\n")
    done = planner("diff", data, "--from", "main")
    assert "the git repository at" in done.stderr and "cannot be read" in done.stderr
