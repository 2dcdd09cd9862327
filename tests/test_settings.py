"""Config mistakes fail closed: an unreadable secrets file or a setting that could widen access shows no data.

Also the safeguards that used to switch themselves off: the save lock refuses
when the folder cannot be locked across processes, and a remote that hangs
does not hold a page.
"""

from __future__ import annotations

import fcntl
import logging
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from planner import editing
from planner.editing import settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


# ------------------------------------------------------------ the checks


@pytest.mark.parametrize(
    ("config", "where", "hint", "closing"),
    [
        ({"roles": {"viewers": "signed in"}}, "roles.viewers", "signed-in", True),  # a space for the hyphen
        ({"roles": {"viewers": "Signed-In"}}, "roles.viewers", "signed-in", True),
        ({"roles": {"viewers": True}}, "roles.viewers", "everyone, signed-in", True),
        ({"roles": {"viewer": "signed-in"}}, "roles.viewer", "viewers", True),  # the key misspelt: no restriction
        ({"role": {"viewers": "signed-in"}}, "role", "roles", True),  # the section misspelt
        ({"roles": {"editors": 42}}, "roles.editors", "", True),  # no editors named: everyone signed in edits
        ({"roles": {"programmes": ["anna@kl.dk"]}}, "roles.programmes", "", True),
        ({"editing": {"enabled": True, "password": ""}}, "editing.password", "", False),
        ({"editing": {"enabled": True, "pasword": "x"}}, "editing.pasword", "password", False),
        ({"editing": {"enabled": "yes", "password": "x"}}, "editing.enabled", "true, false", False),
        ({"git": {"pull": "true"}}, "git.pull", "true, false", False),
        (
            {"roles": {"programmes": {"kontaktlage": ["anna@kl.dk"]}}},
            "roles.programmes.kontaktlage",
            "kontaktlaege",
            False,
        ),
    ],
)
def test_every_mistake_is_found_with_its_place_and_a_hint(
    config: dict[str, Any], where: str, hint: str, closing: bool
) -> None:
    found = settings.check(config, ["fhir-km", "kontaktlaege"])
    mistake = next(m for m in found if m.where == where)
    assert mistake.hint == hint and mistake.closing is closing


def test_right_settings_have_no_mistakes() -> None:
    example = (ROOT / "deploy" / "secrets.example.toml").read_text(encoding="utf-8")
    import tomllib

    assert settings.check(tomllib.loads(example), ["fhir-km", "kontaktlaege"]) == []
    assert settings.check({}) == []


def test_an_unreadable_file_is_named_with_its_line_and_never_quotes_a_value(tmp_path: Path) -> None:
    path = tmp_path / "secrets.toml"
    path.write_text('[editing]\nenabled = true\npassword = "hemmelig-kode\n', encoding="utf-8")
    found = settings.unreadable(path)
    assert (found.file, found.line) == (str(path), 3) and found.column is not None
    assert "hemmelig" not in found.reason


# ------------------------------------------------------------ in the app


@pytest.fixture
def secrets_file(tmp_path: Path) -> Iterator[Path]:
    """A secrets file of the test's own that the app reads (Streamlit's secrets.files option)."""
    path = tmp_path / "secrets.toml"
    before = st_config.get_option("secrets.files")
    st_config.set_option("secrets.files", [str(path)])
    st.secrets._reset()
    yield path
    st_config.set_option("secrets.files", before)
    st.secrets._reset()


def shows_data(at: AppTest) -> bool:
    return bool(at.get("plotly_chart") or at.metric or at.dataframe or at.table)


def test_a_malformed_secrets_file_shows_nobody_anything_but_the_error(
    secrets_file: Path, caplog: pytest.LogCaptureFixture
) -> None:
    secrets_file.write_text(
        '[roles]\nviewers = "signed-in"\n[editing]\nenabled = true\npassword = "hemmelig"\nbroken = \n',
        encoding="utf-8",
    )
    with caplog.at_level(logging.ERROR, logger="udrulningsplan.settings"):
        for page in (None, "views/vendors.py", "views/edit.py"):
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
            if page:
                at.switch_page(page).run()
            assert not at.exception and not shows_data(at)
            assert [t.value for t in at.title] == ["Udrulningsplan kan ikke vises"]
            error = at.error[0].value
            assert str(secrets_file) in error and "linje 6" in error and "hemmelig" not in error
            assert not at.text_input and not at.button  # no sign-in, no edit controls
    assert any(str(secrets_file) in r.getMessage() for r in caplog.records)


@pytest.mark.usefixtures("secrets_file")
def test_a_missing_secrets_file_is_read_only_for_everyone() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert shows_data(at)
    at.switch_page("views/edit.py").run()
    assert any("skrivebeskyttet" in i.value for i in at.info) and not at.text_input


def test_an_unreadable_secrets_file_is_not_a_missing_one(secrets_file: Path) -> None:
    secrets_file.mkdir()  # a folder where the file should be: Streamlit cannot read it
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not shows_data(at) and str(secrets_file) in at.error[0].value


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_misspelt_viewers_setting_is_refused_with_a_did_you_mean(lang: str) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["roles"] = {"viewers": "signed in"}
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception and not shows_data(at)
    error = at.error[0].value
    assert "roles.viewers" in error and "'signed-in'" in error
    assert ("mente du" if lang == "da" else "did you mean") in error


def test_a_mistake_in_a_settings_file_names_the_file(secrets_file: Path) -> None:
    secrets_file.write_text('[roles]\nviewers = "signed in"\n', encoding="utf-8")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not shows_data(at) and str(secrets_file) in at.error[0].value and "'signed-in'" in at.error[0].value


def test_mistakes_that_narrow_access_are_shown_to_editors_not_everyone() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["editing"] = {"enabled": True, "password": "pw"}
    at.secrets["roles"] = {"programmes": {"kontaktlage": ["anna@kl.dk"]}}
    at.run()
    assert shows_data(at)  # the plan is shown; the mistake is not a viewer's business
    assert not any("kontaktlage" in w.value for w in [*at.warning, *at.error])
    at.switch_page("views/edit.py").run()
    at.text_input[0].input("Mette")
    at.text_input[1].input("pw")
    at.button[0].click().run()
    notice = next(w.value for w in at.warning if "roles.programmes.kontaktlage" in w.value)
    assert "der er intet program 'kontaktlage'" in notice and "mente du 'kontaktlaege'" in notice


def test_editing_without_a_password_says_so_instead_of_wrong_password() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["editing"] = {"enabled": True, "password": ""}
    at.run()
    at.switch_page("views/edit.py").run()
    assert any("ingen adgangskode" in e.value for e in at.error) and not at.text_input


# ------------------------------------------------------------ safeguards that stay on


def test_a_save_is_refused_when_the_folder_cannot_be_locked_across_processes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    before = (folder / "vendors.yaml").read_bytes()

    def no_lock(_fd: int, _operation: int) -> None:
        raise OSError(37, "No locks available")

    monkeypatch.setattr(fcntl, "flock", no_lock)
    seen = editing.read(folder, "vendors.yaml")
    changes = editing.edits(seen, ("vendors", 0, "readiness", 0), {"note": "kun med lås"})
    with pytest.raises(editing.EditError) as refused:
        editing.save_changes(folder, seen, changes, "Mette")
    assert refused.value.reason is editing.Reason.LOCK_FAILED
    assert (folder / "vendors.yaml").read_bytes() == before


def git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True)


def test_a_remote_that_hangs_does_not_hold_the_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ui import git_sync

    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "remote", "add", "origin", "ssh://hangs.invalid/plan.git")
    git(folder, "config", "core.sshCommand", "sh -c 'sleep 30' --")  # the remote never answers
    monkeypatch.setenv("PLANNER_DATA", str(folder))
    git_sync._last.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["git"] = {"enabled": True, "remote": "origin", "pull": True, "push": True}
    start = time.monotonic()
    at.run()
    took = time.monotonic() - start
    assert shows_data(at) and not at.exception
    assert not git_sync.wait(folder, 0.1)  # the pull is still waiting for the remote ...
    assert took < 15, f"the page waited {took:.1f} s for a remote that hangs 30 s"  # ... and the page did not
