"""Every broken input of the corpus, opened in the app: no exception, the problem listed, the rest shown.

Each ``tests/data/invalid/<case>.yaml`` is placed into a copy of
``tests/data/valid_minimal`` exactly as the loader tests place it (its
``# as:`` and ``# delete:`` headers), the app is pointed at the folder with
``$PLANNER_DATA`` and run headless with AppTest. The problem panel (a code
block in an expander, on every page) must list the case's expected lines, and
the overview must count the programmes that are still valid. Every distinct
load then opens every page in Danish (the problem still listed, no exception):
the first case breaking each kind of file and every warnings-only case; a few
representative cases open every page in English too.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from planner.plan import problems
from planner.presentation import problem_text
from tests.conftest import INVALID, MEETING_PAGES
from tests.test_loader import CASE_FILES, FIXTURE_PROGRAMMES, expand, read_case

ROOT = Path(__file__).resolve().parent.parent
PAGES = MEETING_PAGES
PLANNING_PAGES = ["views/changes.py", "views/waves.py", "views/edit.py"]
# One of each kind of breakage: unreadable YAML, bad text encoding, a programme failing validation and
# one failing a cross-check, a broken vendors file, a missing portfolio, and a warning only.
ALL_PAGES = {
    "yaml-syntax-unclosed-bracket",
    "not-utf8",
    "bad-date-day",
    "dependency-cycle",
    "wrong-type-vendors-not-list",
    "unknown-reference-vendor-programme",
    "file-missing",
    "future-observation",
}
PROBLEM_CODE = re.compile(r"\[([a-z0-9-]+)\]$")


def _codes(case_file: Path) -> list[str]:
    return [m[1] for line in read_case(case_file).expect if (m := PROBLEM_CODE.search(line))]


# Every page opens for each distinct load the corpus gives: the first case breaking each kind of file, every case
# whose problems are warnings only (its data stays in view), and the representative cases (also in English).
def _kind_of_file(case_file: Path) -> str:
    target = read_case(case_file).target
    return "programmes/" if target.startswith("programmes/") else target


_FIRST_PER_FILE = {_kind_of_file(c): c.stem for c in reversed(CASE_FILES)}
EVERY_PAGE = (
    ALL_PAGES
    | set(_FIRST_PER_FILE.values())
    | {c.stem for c in CASE_FILES if all(code in {w.value for w in problems.WARNING_CODES} for code in _codes(c))}
)


def place(case_file: Path, data: Path) -> list[str]:
    """Put the case into the fixture folder; the problem lines it must produce."""
    case = read_case(case_file)
    for name in case.delete:
        (data / name).unlink()
    target = data / case.target
    target.write_bytes(case_file.read_bytes())
    return [expand(line, data, target) for line in case.expect]


def valid_programmes(case_file: Path) -> int:
    """How many programmes the overview must count: the fixture's, and the case's own if it has no error."""
    case = read_case(case_file)
    if not case.target.startswith("programmes/"):
        return len(FIXTURE_PROGRAMMES)
    codes = [m[1] for line in case.expect if line.startswith("{file}") and (m := PROBLEM_CODE.search(line))]
    errors = [c for c in codes if c not in problems.WARNING_CODES]
    return len(FIXTURE_PROGRAMMES) + (0 if errors else 1)


def panel_text(at: AppTest) -> str:
    """The problem panel's code block: it sits inside an expander."""
    blocks = [code.value for expander in at.expander for code in expander.code]
    assert blocks, "no problem panel"
    return "\n".join(blocks)


def run_app(data: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("PLANNER_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["lang"] = "da"
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def listed(line: str, shown: list[str], lang: str) -> bool:
    """Whether ``validate``'s ``line`` is in the panel; the plan's own warnings read in Danish there.

    Their Danish wording is tested in test_self_checks; here the place, the code and the word
    for a warning.
    """
    code = PROBLEM_CODE.search(line)
    if lang == "en" or not code or code[1] not in problem_text.TRANSLATED:
        return line in shown
    where = line.split(": warning: ", 1)[0]
    return any(s.startswith(f"{where}: advarsel: ") and s.endswith(code[0]) for s in shown)


@pytest.mark.parametrize("case_file", CASE_FILES, ids=lambda p: p.stem)
def test_broken_input_is_listed_and_the_rest_renders(
    case_file: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `data` is the fixture folder as ./data, as in the loader tests: paths read as a user gives them
    # the panel names a file inside the data folder (never the server's own paths)
    expected = [line.removeprefix(f"{data}/") for line in place(case_file, data)]
    at = run_app(data, monkeypatch)
    shown = panel_text(at).splitlines()
    for line in expected:
        assert listed(line, shown, "da"), f"{line!r} not in the problem panel:\n" + "\n".join(shown)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Programmer"] == str(valid_programmes(case_file))
    if case_file.stem not in EVERY_PAGE:
        return
    languages = ["da", "en"] if case_file.stem in ALL_PAGES else ["da"]
    for lang in languages:
        at.session_state["lang"] = lang
        for page in [*PAGES, *PLANNING_PAGES]:
            at.switch_page(page).run()
            assert not at.exception, (lang, page, [e.message for e in at.exception])
            assert [line for line in expected if not listed(line, panel_text(at).splitlines(), lang)] == [], page
            if page in PAGES:
                assert at.get("plotly_chart") or at.info, f"{page} shows neither a chart nor a note"


def test_the_representative_cases_exist() -> None:
    assert {p.stem for p in CASE_FILES} >= ALL_PAGES


def test_a_file_broken_while_the_app_runs_shows_on_the_next_rerun(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = run_app(data, monkeypatch)
    assert not at.expander or not any(e.code for e in at.expander)
    assert {m.label: m.value for m in at.metric}["Programmer"] == "2"
    case = INVALID / "yaml-syntax-unclosed-bracket.yaml"
    (data / "programmes" / "beta.yaml").write_bytes(case.read_bytes())
    at.run()
    assert not at.exception
    assert "\nprogrammes/beta.yaml:" in "\n" + panel_text(at)
    assert {m.label: m.value for m in at.metric}["Programmer"] == "1"


def test_an_edit_long_after_the_last_one_is_seen(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fingerprint reuses a file's hash while size, inode and time are unchanged; a same-size edit still shows."""
    beta = data / "programmes" / "beta.yaml"
    old = time.time_ns() - 3_600_000_000_000  # written an hour ago: outside the racy window
    os.utime(beta, ns=(old, old))
    at = run_app(data, monkeypatch)
    at.run()  # the hash is now remembered
    text = beta.read_text(encoding="utf-8")
    edited = text.replace('name: "Everyone"', 'name: "Evryone!"')
    assert len(edited) == len(text) and edited != text
    beta.write_text(edited, encoding="utf-8")
    os.utime(
        beta, ns=(old + 1_000_000_000, old + 1_000_000_000)
    )  # still long ago: the hash is reused unless the time is compared
    at.switch_page("views/programme.py").run()
    at.selectbox(key="programme").set_value("beta").run()
    assert not at.exception
    assert "Evryone!" in str(at.get("plotly_chart")[0].proto.spec)
