"""Safe editing: byte-exact patches, atomic conflict-checked saves, change log, git, uploads, access."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner import cli, editing
from planner.editing import Append, Edit, access
from planner.plan import loader, problems, yaml_text, yamlsafe
from planner.plan.problems import Code
from tests.conftest import with_stated_readiness

REPO_DATA = Path(__file__).resolve().parent.parent / "data"
VENDORS = "vendors.yaml"
NEEDS_GIT = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A copy of the shipped data/ (commented, with schema lines) to edit."""
    shutil.copytree(REPO_DATA, tmp_path / "data", ignore=shutil.ignore_patterns("changelog.jsonl"))
    return with_stated_readiness(tmp_path / "data")


def readiness(data_dir: Path) -> tuple[int, int, str]:
    """(vendor index, readiness index, state) of the first readiness entry that is not 'late'."""
    raw = yamlsafe.parse((data_dir / VENDORS).read_bytes()).data
    return next(
        (vi, ri, r["state"])
        for vi, v in enumerate(raw["vendors"])
        for ri, r in enumerate(v.get("readiness", []))
        if r["state"] != "late"
    )


def state_edit(data_dir: Path, value: object = "late") -> Edit:
    vi, ri, _ = readiness(data_dir)
    return Edit(VENDORS, ("vendors", vi, "readiness", ri, "state"), value)


def edit_and_save(data_dir: Path, changes: list[Edit | Append], who: str = "Mette") -> editing.SaveResult:
    snap = editing.read(data_dir, changes[0].file)
    return editing.save(data_dir, snap, editing.apply(snap, changes), who, editing.describe(snap, changes))


def changed_lines(old: bytes, new: bytes) -> list[tuple[bytes, bytes]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    assert len(a) == len(b), "lines were added or removed"
    return [(x, y) for x, y in zip(a, b, strict=True) if x != y]


# ------------------------------------------------------------ byte-exact edits


def test_editing_a_state_changes_that_line_only_and_keeps_the_schema_comment(data: Path) -> None:
    before = (data / VENDORS).read_bytes()
    _, _, old = readiness(data)
    edit_and_save(data, [state_edit(data)])
    after = (data / VENDORS).read_bytes()
    assert changed_lines(before, after) == [(f"        state: {old}\n".encode(), b"        state: late\n")]
    assert after.startswith(b"# yaml-language-server: $schema=schema/vendors.schema.json\n")


@pytest.mark.parametrize(
    ("file", "path", "value", "old_text", "new_text"),
    [
        ("portfolio.yaml", ("status_date",), "2022-12-01", b"status_date: 2022-11-03", b"status_date: 2022-12-01"),
        (
            "programmes/fhir-km.yaml",
            ("scenarios", 0, "waves", 0, "phases", 0, "end"),
            "2024-Q2",
            b"end: 2024-Q1",
            b"end: 2024-Q2",
        ),
        (
            "programmes/fhir-km.yaml",
            ("name",),
            'FHIR-KM: ny "KM"',
            'name: "FHIR-KM – ny korrespondancemeddelelse"'.encode(),
            b'name: "FHIR-KM: ny \\"KM\\""',
        ),
    ],
)
def test_an_edit_changes_one_value_and_keeps_every_other_byte(
    data: Path, file: str, path: tuple[str | int, ...], value: str, old_text: bytes, new_text: bytes
) -> None:
    before = (data / file).read_bytes()
    edit_and_save(data, [Edit(file, path, value)])
    after = (data / file).read_bytes()
    [(old, new)] = changed_lines(before, after)
    assert old_text in old
    assert new == old.replace(old_text, new_text)
    assert after.split(b"\n")[0].startswith(b"# yaml-language-server: $schema=")
    assert loader.load(str(data)).ok


def test_a_folded_note_is_rewritten_in_its_own_style_and_nothing_else_moves(data: Path) -> None:
    vi, ri, _ = readiness(data)
    note = "Ny vurdering fra leverandøren efter mødet. " * 4
    before = (data / VENDORS).read_text(encoding="utf-8")
    edit_and_save(data, [Edit(VENDORS, ("vendors", vi, "readiness", ri, "note"), note.strip())])
    after = (data / VENDORS).read_text(encoding="utf-8")
    plan = loader.load(str(data))
    assert plan.vendors[vi].readiness[ri].note == note.strip()
    start = after.index("note: >-", after.index(f"- id: {plan.vendors[vi].id}\n"))
    end = after.index("\n  - id:", start)
    assert after[:start] == before[:start]
    assert after[end:] == before[before.index("\n  - id:", start) :]
    assert all(len(line) <= 80 for line in after[start:end].splitlines())


@pytest.mark.parametrize(
    ("text", "change", "expected"),
    [
        ("a: [LPS, EOJ]  # who\n", Edit("", ("a", 1), "Region Nord, Syd"), 'a: [LPS, "Region Nord, Syd"]  # who\n'),
        ("m: {a: 1, b: 2}\n", Edit("", ("m", "a"), None), "m: {b: 2}\n"),
        ("m: {a: 1}\n", Edit("", ("m", "c"), "x"), "m: {a: 1, c: x}\n"),
        ("x:\n  a: 1\n  b: 2\n# next\ny: 3\n", Edit("", ("x", "a"), None), "x:\n  b: 2\n# next\ny: 3\n"),
        ("x:\n  a: 1\n# next\ny: 3\n", Edit("", ("x", "n"), True), "x:\n  a: 1\n  n: true\n# next\ny: 3\n"),
        ("x:\n  a:\n  b: 2\n", Edit("", ("x", "a"), 5), "x:\n  a: 5\n  b: 2\n"),
        ("x: 'a'\n", Edit("", ("x",), "it's"), "x: 'it''s'\n"),
        ("x: 2023\n", Edit("", ("x",), "2024"), 'x: "2024"\n'),
        ("x: a\n", Edit("", ("x",), "yes"), 'x: "yes"\n'),
        ("x: a\n", Edit("", ("x",), "12:30"), 'x: "12:30"\n'),  # YAML 1.1 readers would see 750
        ("x: a\n", Edit("", ("x",), "010"), 'x: "010"\n'),
        ("x: a\n", Edit("", ("x",), "1e3"), 'x: "1e3"\n'),  # a number to YAML 1.2 readers (and to the loader)
        ("x: a\n", Edit("", ("x",), "two\nlines"), "x: |-\n  two\n  lines\n"),
        ("x: a\r\ny: b\r\n", Edit("", ("y",), "c"), "x: a\r\ny: c\r\n"),
        ("\ufeffx: a\ny: b\n", Edit("", ("x",), "c"), "\ufeffx: c\ny: b\n"),
        (
            "l:\n  - a: 1\n    # tail\nz: 1",
            Append("", ("l",), {"a": 2, "t": ["x", "y, z"]}),
            'l:\n  - a: 1\n  - a: 2\n    t: [x, "y, z"]\n    # tail\nz: 1',
        ),
        ("l: []\n", Append("", ("l",), {"a": 1}), "l: [{a: 1}]\n"),
        ("x: 1\n", Append("", ("l",), {"a": {"b": 1}}), "x: 1\nl:\n  - a:\n      b: 1\n"),
    ],
)
def test_apply_patches_only_the_value(text: str, change: Edit | Append, expected: str) -> None:
    change = type(change)(
        VENDORS, *(getattr(change, f) for f in ("path", "value" if isinstance(change, Edit) else "item"))
    )
    assert editing.apply(editing.Snapshot(VENDORS, text, ""), [change]) == expected


@pytest.mark.parametrize(
    ("text", "change", "message"),
    [
        ("x: 1\n", Edit("", ("y", "z"), 1), "vendors.yaml has no y.z"),
        ("l: [1]\n", Edit("", ("l",), 2), "l is a list; edit its items"),
        ("l: [1]\n", Edit("", ("l", 3), 2), "vendors.yaml has no l[3]"),
        ("l: [1]\n", Edit("", ("l", 0), {"a": 1}), "l[0]: an edit sets one value; add list items with Append"),
        (
            "l:\n  - a: 1\n    b: 2\n",
            Edit("", ("l", 0, "a"), None),
            "the first key of a list item cannot be removed; give it a value instead",
        ),
        (
            "x: [1\n",
            Edit("", ("x",), 1),
            "vendors.yaml:2:1: YAML syntax error: did not find expected ',' or ']'; "
            "check the indentation and the brackets on this line and the one before; fix the file before editing it",
        ),
    ],
)
def test_impossible_edits_are_refused_with_a_reason(text: str, change: Edit, message: str) -> None:
    with pytest.raises(editing.EditError) as exc:
        editing.apply(editing.Snapshot(VENDORS, text, ""), [Edit(VENDORS, change.path, change.value)])
    assert str(exc.value) == message


# ------------------------------------------------------------ text that must stay text


@pytest.mark.parametrize(
    "note",
    [
        "<img src=x onerror=alert(1)>",
        "<script>alert('x')</script>",
        'He said "hi": it\'s #1 – æøå',
        "- looks like a list",
        "yes",
        "null",
        "2024-01-01",
        "two\nlines",
        "  padded  ",
        "{{ template }} & *star !tag %pct @at `tick`",
    ],
)
def test_text_round_trips_exactly(data: Path, note: str) -> None:
    vi, ri, _ = readiness(data)
    edit_and_save(data, [Edit(VENDORS, ("vendors", vi, "readiness", ri, "note"), note)])
    assert loader.load(str(data)).vendors[vi].readiness[ri].note == note


def test_script_text_is_quoted_where_needed_and_kept_verbatim(data: Path) -> None:
    vi, ri, _ = readiness(data)
    edit_and_save(data, [Edit(VENDORS, ("vendors", vi, "readiness", ri, "note"), "<img src=x onerror=alert(1)>")])
    assert "<img src=x onerror=alert(1)>" in (data / VENDORS).read_text(encoding="utf-8")


# ------------------------------------------------------------ saving


def test_an_interrupted_write_leaves_the_file_whole_and_no_temp_file(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (data / VENDORS).read_bytes()
    listing = sorted(p.name for p in data.iterdir())
    snap = editing.read(data, VENDORS)
    text = editing.apply(snap, [state_edit(data)])

    def crash(_src: object, _dst: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(editing.EditError, match=r"not saved: cannot write vendors\.yaml: Input/output error"):
        editing.save(data, snap, text, "Mette", [("x", "a", "b")])
    assert (data / VENDORS).read_bytes() == before
    assert sorted(p.name for p in data.iterdir()) == listing  # no temp file, no change log line
    assert editing.changelog(data) == []


def test_the_second_of_two_sessions_gets_a_conflict_and_nothing_is_lost(data: Path) -> None:
    first, second = editing.read(data, VENDORS), editing.read(data, VENDORS)
    vi, ri, old = readiness(data)
    path = ("vendors", vi, "readiness", ri)
    editing.save(data, first, editing.apply(first, [Edit(VENDORS, (*path, "state"), "late")]), "Anna", [])
    theirs = editing.apply(second, [Edit(VENDORS, (*path, "note"), "min note")])
    with pytest.raises(editing.ConflictError) as exc:
        editing.save(data, second, theirs, "Bo", [])
    assert f"-        state: {old}\n" in exc.value.diff
    assert "+        state: late\n" in exc.value.diff
    assert exc.value.diff.startswith("--- vendors.yaml (as you saw it)\n+++ vendors.yaml (on disk now)\n")
    assert exc.value.reason is editing.Reason.CONFLICT
    assert "changed by someone else after you opened it" in str(exc.value)
    assert loader.load(str(data)).vendors[vi].readiness[ri].state == "late"


def test_an_edit_that_breaks_validation_is_refused_with_the_validate_messages(
    data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    vi, ri, _ = readiness(data)
    where = ("vendors", vi, "readiness", ri)
    snap = editing.read(data, VENDORS)
    text = editing.apply(
        snap, [Edit(VENDORS, (*where, "state"), "soon"), Edit(VENDORS, (*where, "ready_by"), "2025-13-45")]
    )
    with pytest.raises(editing.InvalidEdit) as exc:
        editing.save(data, snap, text, "Mette", [])
    got = [problems.format(p) for p in exc.value.problems]
    # what `python -m planner validate` prints for a folder holding that text
    other = tmp_path / "other"
    shutil.copytree(data, other)
    (other / VENDORS).write_text(text, encoding="utf-8")
    assert cli.main(["validate", str(other)]) == cli.EXIT_PROBLEMS
    printed = [
        line.replace(str(other), str(data))
        for line in capsys.readouterr().out.splitlines()
        if ": warning: " not in line  # the file's existing warnings: the refusal lists what makes it invalid
    ]
    assert got == printed
    line = text[: text.index("state: soon")].count("\n") + 1
    date_line = text[: text.index("ready_by: 2025-13-45")].count("\n") + 1  # a new key: at the record's end
    assert got == [
        f"{data}/vendors.yaml:{line}:16: vendors[{vi}].readiness[{ri}].state: 'soon' is not allowed; "
        "use ready, on-track, at-risk, late, unknown [bad-value]",
        f"{data}/vendors.yaml:{date_line}:19: vendors[{vi}].readiness[{ri}].ready_by: '2025-13-45' is not a date "
        "(month 13 does not exist); use 2025-12-01, 2025-12, 2025-Q4, 2025-W48 or 2025 [bad-date]",
    ]
    assert (data / VENDORS).read_bytes() == snap.text.encode("utf-8")


def test_a_change_that_breaks_another_file_is_refused(data: Path) -> None:
    """Renaming a plan a vendor's position speaks of breaks vendors.yaml, so the rename is refused."""
    prog = loader.load(str(data)).programme("fhir-km")
    assert prog is not None
    si = next(si for si, s in enumerate(prog.scenarios) if s.id == "trinvis-nov")  # the EOJ vendors propose it
    file = f"programmes/{prog.id}.yaml"
    snap = editing.read(data, file)
    renamed = editing.apply(snap, [Edit(file, ("scenarios", si, "id"), "renamed")])
    found = editing.validate_text(data, file, renamed)
    assert next((p.file, p.field, p.code) for p in found if p.file.endswith(VENDORS)) == (
        f"{data}/vendors.yaml",
        "vendors[0].positions[1].scenario",
        Code.UNKNOWN_REFERENCE,
    )
    with pytest.raises(editing.InvalidEdit):
        editing.save(data, snap, renamed, "Mette", [])


def test_appending_an_observation_with_its_regional_breakdown(data: Path) -> None:
    file = "programmes/kontaktlaege.yaml"
    before = (data / file).read_text(encoding="utf-8")
    item = {
        "date": "2022-11-01",
        "values": {"municipalities": 38},
        "breakdown": {"Hovedstaden": {"municipalities": 8}, "Sjælland": {"municipalities": 4}},
        "note": "Foreløbig: opgjort af KL",
    }
    result = edit_and_save(data, [Append(file, ("observations",), item)])
    after = (data / file).read_text(encoding="utf-8")
    assert after.startswith(before)  # the list is last in the file: only lines were added
    prog = loader.load(str(data)).programme("kontaktlaege")
    assert prog is not None
    obs = prog.observations[-1]
    assert (obs.date.text, obs.values, obs.breakdown, obs.note) == (
        "2022-11-01",
        {"municipalities": 38.0},
        {"Hovedstaden": {"municipalities": 8.0}, "Sjælland": {"municipalities": 4.0}},
        "Foreløbig: opgjort af KL",
    )
    assert result.entries[0]["path"] == f"observations[{len(prog.observations) - 1}]"


# ------------------------------------------------------------ change log and git


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout


@NEEDS_GIT
@pytest.mark.usefixtures("no_git_identity")
def test_changelog_and_git_commit(data: Path, tmp_path: Path) -> None:
    git(tmp_path, "init", "--quiet")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "add", "data")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "start")
    vi, ri, old = readiness(data)
    result = edit_and_save(data, [state_edit(data)], who="Mette Hansen")
    edit_and_save(data, [Edit("portfolio.yaml", ("title",), "Ny titel")], who="Bo")
    log = editing.changelog(data)
    assert [(e["who"], e["file"], e["path"], e["old"], e["new"]) for e in log] == [
        ("Bo", "portfolio.yaml", "title", "KKR-digitaliseringsnetværket: udrulningsplaner", "Ny titel"),
        ("Mette Hansen", VENDORS, f"vendors[{vi}].readiness[{ri}].state", old, "late"),
    ]
    assert log[1]["when"].endswith("+00:00")
    assert result.committed and result.git is editing.GitOutcome.COMMITTED and len(result.commit) == 40
    assert git(tmp_path, "log", "--format=%an <%ae>").splitlines() == [
        "Bo <udrulningsplan@localhost>",  # known by name only: the app's address (no user.email configured)
        "Mette Hansen <udrulningsplan@localhost>",
        "t <t@t>",
    ]
    subjects = git(tmp_path, "log", "--format=%s").splitlines()
    assert subjects[1] == f"Edit vendors.yaml: vendors[{vi}].readiness[{ri}].state {old} -> late (by Mette Hansen)"
    assert (
        subjects[0] == "Edit portfolio.yaml: title KKR-digitaliseringsnetværket: udrulningsplaner -> Ny titel (by Bo)"
    )
    assert git(tmp_path, "show", "--name-only", "--format=", result.commit).split() == [
        "data/changelog.jsonl",
        "data/vendors.yaml",
    ]
    assert git(tmp_path, "status", "--porcelain") == ""


def test_without_a_repository_or_without_git_the_save_still_happens(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = edit_and_save(data, [state_edit(data)])
    assert (result.committed, result.git) == (False, editing.GitOutcome.NOT_A_REPOSITORY)
    monkeypatch.setenv("PATH", "")
    result = edit_and_save(data, [state_edit(data, "ready")])
    assert (result.committed, result.git) == (False, editing.GitOutcome.NO_GIT)
    assert [e["new"] for e in editing.changelog(data)] == ["ready", "late"]


def test_who_is_required(data: Path) -> None:
    with pytest.raises(editing.EditError, match="say who is making the edit"):
        edit_and_save(data, [state_edit(data)], who=" \n ")


# ------------------------------------------------------------ uploads


def test_an_oversize_upload_is_rejected(data: Path) -> None:
    preview = editing.preview_upload(data, VENDORS, b"#" * (yaml_text.MAX_BYTES + 1))
    assert not preview.ok
    assert [p.code for p in preview.problems] == [Code.FILE_TOO_LARGE]
    with pytest.raises(editing.InvalidEdit):
        editing.accept_upload(data, preview, "Mette")


@pytest.mark.parametrize(
    "name",
    [
        "../x.yaml",
        "/etc/passwd",
        "programmes/../../x.yaml",
        "programmes\\x.yaml",
        "./vendors.yaml",
        "reference/municipalities.csv",
        "changelog.jsonl",
        "programmes/X.yaml",
        "vendors.yaml\n",
        "",
    ],
)
def test_upload_names_outside_the_plan_files_are_rejected(data: Path, name: str) -> None:
    with pytest.raises(editing.EditError, match="is not a plan file that can be edited"):
        editing.preview_upload(data, name, b"vendors: []\n")


def test_an_invalid_upload_reports_its_problems(data: Path) -> None:
    raw = (data / VENDORS).read_bytes().replace(b"state: at-risk", b"state: soon", 1)
    preview = editing.preview_upload(data, VENDORS, raw)
    assert not preview.ok
    assert [(p.code, p.message) for p in preview.problems] == [
        (Code.BAD_VALUE, "'soon' is not allowed; use ready, on-track, at-risk, late, unknown")
    ]


def test_a_valid_upload_gives_a_diff_and_saves(data: Path) -> None:
    raw = (data / VENDORS).read_bytes().replace(b"state: at-risk", b"state: late", 1)
    preview = editing.preview_upload(data, VENDORS, raw)
    assert preview.ok and preview.problems == ()
    assert preview.diff.startswith("--- a/vendors.yaml\n+++ b/vendors.yaml\n")
    assert [line for line in preview.diff.splitlines() if line[:1] in "+-" and line[:3] not in ("---", "+++")] == [
        "-        state: at-risk",
        "+        state: late",
    ]
    result = editing.accept_upload(data, preview, "Mette")
    assert (data / VENDORS).read_bytes() == raw
    assert result.entries[0]["path"] == "whole file (upload)"


def test_an_upload_whose_file_changed_meanwhile_is_a_conflict(data: Path) -> None:
    preview = editing.preview_upload(data, VENDORS, (data / VENDORS).read_bytes() + b"# more\n")
    edit_and_save(data, [state_edit(data)])
    with pytest.raises(editing.ConflictError):
        editing.accept_upload(data, preview, "Mette")


# ------------------------------------------------------------ access


@pytest.mark.parametrize(
    ("given", "expected", "ok"),
    [
        ("hemmelig", "hemmelig", True),
        ("forkert", "hemmelig", False),
        ("", "hemmelig", False),
        ("hemmelig", None, False),
        ("", None, False),
        ("", "", False),
        ("blåbær", "blåbær", True),
        ("Hemmelig", "hemmelig", False),
    ],
)
def test_check_password(given: str, expected: str | None, ok: bool) -> None:
    assert access.check_password(given, expected) is ok


@pytest.mark.parametrize(
    ("config", "enabled"),
    [
        ({}, False),
        ({"editing": {}}, False),
        ({"editing": {"enabled": False}}, False),
        ({"editing": {"enabled": True}}, True),
        ({"editing": {"enabled": "true"}}, True),
        ({"editing": {"enabled": "nej"}}, False),
        ({"editing": True}, False),
        (None, False),
    ],
)
def test_editing_is_off_unless_enabled(config: dict[str, object] | None, enabled: bool) -> None:
    assert access.editing_enabled(config) is enabled


@settings(max_examples=300, deadline=None)
@given(
    value=st.text(st.characters(codec=None, exclude_categories=()), max_size=120),
    where=st.sampled_from([("a", "note"), ("a", "list", 1), ("a", "flow", "k")]),
)
def test_any_text_is_written_so_that_it_reads_back_exactly(value: str, where: tuple[str | int, ...]) -> None:
    text = "# c\na:\n  note: >-\n    old text\n  list:\n    - x\n    - y  # keep\n  flow: {k: v, j: w}\nb: 1\n"
    try:
        new = editing.apply(editing.Snapshot(VENDORS, text, ""), [Edit(VENDORS, where, value)])
    except editing.EditError:
        # only text YAML cannot hold at all (lone surrogates) may be refused
        assert any(0xD800 <= ord(c) <= 0xDFFF for c in value)
        return
    data = yamlsafe.parse(new.encode("utf-8")).data
    node = data
    for part in where:
        node = node[part]
    assert node == unicodedata.normalize("NFC", value)  # plans hold text in one Unicode form
    assert new.startswith("# c\na:\n") and new.endswith("b: 1\n")


def test_an_edit_that_would_pass_the_size_limit_says_so(data: Path) -> None:
    snap = editing.read(data, VENDORS)
    vi, ri, _ = readiness(data)
    huge = "x" * (yaml_text.MAX_BYTES + 10)
    with pytest.raises(editing.EditError) as exc:
        editing.apply(snap, [Edit(VENDORS, ("vendors", vi, "readiness", ri, "note"), huge)])
    assert exc.value.reason is editing.Reason.TOO_LARGE
    assert "the limit is 2,000,000 bytes" in str(exc.value) and exc.value.params["limit"] == "2,000,000"


@pytest.mark.parametrize(
    ("item", "ticked", "expected"),
    [
        ({"estimated": ["ready_by"]}, {"ready_by"}, {"estimate": None, "estimated": ["ready_by"]}),
        ({"estimated": ["ready_by"]}, set(), {"estimate": None, "estimated": None}),
        ({"estimated": ["ready_by", "note"]}, {"as_of"}, {"estimate": None, "estimated": ["note", "as_of"]}),
        ({"estimate": True}, {"state", "ready_by", "as_of"}, {"estimate": True, "estimated": None}),  # all: kept
        ({"estimate": True}, {"ready_by"}, {"estimate": None, "estimated": ["ready_by"]}),  # one unticked
        ({}, {"state", "ready_by"}, {"estimate": None, "estimated": ["state", "ready_by"]}),
    ],
)
def test_estimate_marks_are_saved_as_the_person_ticked_them(item: dict, ticked: set[str], expected: dict) -> None:
    assert editing.estimate_flags(item, ("state", "ready_by", "as_of"), ticked) == expected
    saved = {k: v for k, v in {**item, **expected}.items() if v is not None}
    assert {f for f in ("state", "ready_by", "as_of") if editing.shown_estimated(saved, f)} == ticked
