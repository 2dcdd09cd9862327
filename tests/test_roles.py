"""Roles: who may see and edit what, the password lock-out, and the edit page that shows only what one may use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from planner import editing
from planner.editing import access

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "korrekt hest batteri"
ROLES = {
    "editors": ["Mette@MedCom.dk"],
    "editor_groups": ["udrulningsplan-redaktion"],
    "programmes": {"kontaktlaege": ["anna@kl.dk", "group:kontaktlaege"]},
}


def person(email: str | None, *groups: str, via: str = "oidc") -> access.Identity:
    return access.Identity(name=email or "?", email=email, groups=frozenset(groups), via=via)


# ------------------------------------------------------------ the policy


def test_without_roles_every_signed_in_person_edits_everything() -> None:
    policy = access.Policy.from_config({})
    assert not policy.restricted and not policy.viewers_signed_in
    assert policy.may_edit(person("x@y.dk"), "fhir-km") and policy.may_edit(person("x@y.dk"), access.PORTFOLIO_WIDE)


@pytest.mark.parametrize(
    ("who", "programme", "allowed"),
    [
        (person("mette@medcom.dk"), "fhir-km", True),  # named editor, the address compared without case
        (person("mette@medcom.dk"), access.PORTFOLIO_WIDE, True),
        (person("ole@medcom.dk", "udrulningsplan-redaktion"), "fhir-km", True),  # by the group claim
        (person("anna@kl.dk"), "kontaktlaege", True),  # a programme's editor
        (person("anna@kl.dk"), "fhir-km", False),  # ... cannot change another programme
        (person("anna@kl.dk"), access.PORTFOLIO_WIDE, False),  # ... nor the shared files
        (person("bo@kl.dk", "kontaktlaege"), "kontaktlaege", True),  # a programme's editor by group
        (person("bo@kl.dk", "kontaktlaege"), "fhir-km", False),
        (person("eve@example.org"), "kontaktlaege", False),  # signed in, named nowhere: a viewer
        (person(None, "Udrulningsplan-Redaktion"), "fhir-km", False),  # group names keep their case
        (person("MedCom projektleder", via="password"), "fhir-km", True),  # one shared password is one role
    ],
)
def test_editors_by_address_group_and_programme(who: access.Identity, programme: str | None, allowed: bool) -> None:
    assert access.Policy.from_config({"roles": ROLES}).may_edit(who, programme) is allowed


def test_a_viewer_is_not_an_editor_and_a_programme_editor_is() -> None:
    policy = access.Policy.from_config({"roles": ROLES})
    assert not policy.is_editor(person("eve@example.org"))
    assert policy.is_editor(person("anna@kl.dk")) and policy.editable(person("anna@kl.dk")) == frozenset(
        {"kontaktlaege"}
    )
    assert policy.editable(person("mette@medcom.dk")) is None  # everything


@pytest.mark.parametrize(
    "roles",
    [
        {"editors": "mette@medcom.dk"},  # one text instead of a list
        {"editors": ["mette@medcom.dk", 7, None, {"a": 1}]},  # odd members are skipped
        {"editors": ["mette@medcom.dk"], "programmes": "kontaktlaege"},  # not a table: no programme editors
    ],
)
def test_odd_role_settings_are_read_safely(roles: dict[str, Any]) -> None:
    policy = access.Policy.from_config({"roles": roles})
    assert policy.may_edit(person("mette@medcom.dk"), "fhir-km")
    assert not policy.may_edit(person("eve@example.org"), "fhir-km")


def test_viewers_may_be_limited_to_signed_in_people() -> None:
    assert access.Policy.from_config({"roles": {"viewers": "signed-in"}}).viewers_signed_in
    assert not access.Policy.from_config({"roles": {"viewers": "everyone"}}).viewers_signed_in


def test_groups_come_from_the_configured_claim() -> None:
    policy = access.Policy.from_config({"roles": {**ROLES, "groups_claim": "roles"}})
    assert policy.groups_of({"roles": ["a", "b"], "groups": ["c"]}) == {"a", "b"}
    assert policy.groups_of({"roles": "a"}) == {"a"} and policy.groups_of({}) == frozenset()


def test_the_change_log_names_a_person_by_name_and_address() -> None:
    assert access.Identity("Mette Jensen", "mette@medcom.dk").label == "Mette Jensen (mette@medcom.dk)"
    assert access.Identity("mette@medcom.dk", "mette@medcom.dk").label == "mette@medcom.dk"


def test_a_change_belongs_to_the_programme_it_touches() -> None:
    snap = editing.read(str(ROOT / "data"), "vendors.yaml")
    data = editing.parse(snap)
    files = {"programmes/kontaktlaege.yaml": "kontaktlaege"}
    assert access.programmes_touched("programmes/kontaktlaege.yaml", [("phases",)], None, files) == {"kontaktlaege"}
    statement = ("vendors", 0, "readiness", 0, "state")
    assert access.programmes_touched("vendors.yaml", [statement], data, files) == {"fhir-km"}
    assert access.programmes_touched("vendors.yaml", [("vendors", 0, "name")], data, files) == {None}
    assert access.programmes_touched("portfolio.yaml", [("status_date",)], None, files) == {None}


# ------------------------------------------------------------ the lock-out


def test_repeated_wrong_passwords_lock_a_client_out_for_a_while() -> None:
    lockout = access.Lockout(limit=3, seconds=60)
    for t in (0, 1, 2):
        assert lockout.locked_for("10.0.0.1", now=t) == 0
        lockout.failed("10.0.0.1", now=t)
    assert lockout.locked_for("10.0.0.1", now=3) == pytest.approx(59)
    assert lockout.locked_for("10.0.0.2", now=3) == 0  # another client is not locked out
    assert lockout.locked_for("10.0.0.1", now=63) == 0  # the failures have aged out
    lockout.failed("10.0.0.2", now=0)
    lockout.succeeded("10.0.0.2")
    assert lockout._recent("10.0.0.2", 1) == []


# ------------------------------------------------------------ the edit page


@pytest.fixture
def data(app_data: Path) -> Path:
    return app_data


def page(path: str | None, roles: dict[str, Any] | None = None, oidc: bool = False) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.secrets["editing"] = {"enabled": True, "password": PASSWORD}
    if roles is not None:
        at.secrets["roles"] = roles
    if oidc:
        at.secrets["auth"] = {"client_id": "test"}  # the sign-in itself is tried in tests/test_oidc_login.py
    at.run()
    if path:
        at.switch_page(path).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture
def signed_in_as(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Sign in by the provider's claims (the real provider is in test_oidc_login.py): patches st.user's reading."""
    from ui import access as ui_access

    def sign_in(claims: dict[str, Any] | None) -> None:
        monkeypatch.setattr(ui_access, "_claims", lambda: claims)

    return sign_in


def saves(at: AppTest) -> int:
    return sum(1 for b in at.button if b.label == "Gem")


@pytest.mark.usefixtures("data")
def test_a_programme_editor_is_offered_only_that_programme(signed_in_as: Any) -> None:
    signed_in_as({"email": "anna@kl.dk", "name": "Anna Holm", "sub": "anna"})
    at = page("views/edit.py", ROLES, oidc=True)
    assert any("KontaktLæge" in i.value for i in at.info)  # says what they may edit
    phases = at.selectbox(key="ed-phase")
    assert phases.options and all(o.startswith("KontaktLæge") for o in map(str, phases.options))
    assert not any(s.key == "ed-readiness" for s in at.selectbox)  # readiness is FHIR-KM's only
    upload = at.selectbox(key="ed-upload-target")
    assert list(upload.options) == ["programmes/kontaktlaege.yaml"]  # not portfolio.yaml, vendors.yaml


@pytest.mark.usefixtures("data")
def test_a_signed_in_viewer_gets_no_edit_controls_and_is_told_why(signed_in_as: Any) -> None:
    signed_in_as({"email": "eve@example.org", "name": "Eve", "sub": "eve"})
    at = page("views/edit.py", ROLES, oidc=True)
    assert any("ikke ret til at redigere" in w.value and "Eve" in w.value for w in at.warning)
    assert saves(at) == 0 and not any(s.key == "ed-upload-target" for s in at.selectbox)


@pytest.mark.usefixtures("data")
def test_an_expired_sign_in_is_refused(signed_in_as: Any) -> None:
    signed_in_as({"email": "mette@medcom.dk", "name": "Mette", "sub": "m", "exp": 1_000_000_000})  # 2001
    at = page("views/edit.py", ROLES, oidc=True)
    assert any("udløbet" in w.value for w in at.warning)
    assert saves(at) == 0


@pytest.mark.usefixtures("data")
def test_the_plan_is_hidden_until_sign_in_when_viewers_must_sign_in(signed_in_as: Any) -> None:
    signed_in_as(None)
    at = page(None, {"viewers": "signed-in"}, oidc=True)
    assert any("Log ind for at se planen" in i.value for i in at.info)
    assert [t.value for t in at.title] == ["Udrulningsplan"] and not at.get("plotly_chart")
    signed_in_as({"email": "eve@example.org", "sub": "eve"})
    at.run()
    assert at.get("plotly_chart")  # signed in: the overview


@pytest.mark.usefixtures("data")
def test_five_wrong_passwords_lock_the_sign_in_even_for_the_right_one() -> None:
    from ui import access as ui_access

    ui_access.LOCKOUT.succeeded("unknown")
    try:
        at = page("views/edit.py")
        for _ in range(access.MAX_FAILURES):
            at.text_input[0].input("Mallory")
            at.text_input[1].input("gæt")
            at.button[0].click().run()
        assert any("For mange forkerte forsøg" in e.value for e in at.error)
        assert not at.run().text_input  # no form while locked out
        fresh = page("views/edit.py")  # another session from the same client
        assert any("For mange forkerte forsøg" in e.value for e in fresh.error) and saves(fresh) == 0
    finally:
        ui_access.LOCKOUT.succeeded("unknown")


@pytest.mark.parametrize(
    ("who", "git_author"),
    [
        ("Mette Jensen (mette@medcom.dk)", "Mette Jensen <mette@medcom.dk>"),  # a signed-in person's label
        ("mette@medcom.dk", "mette@medcom.dk <mette@medcom.dk>"),
        ("MedCom projektleder", "MedCom projektleder <udrulningsplan@localhost>"),  # a name typed at sign-in
        ("Eve <eve@evil> (x@y)", "Eve eve@evil <x@y>"),  # angle brackets never reach git
    ],
)
def test_the_git_author_is_the_person_and_their_address(who: str, git_author: str) -> None:
    from planner.editing import vcs

    assert vcs.author(who) == git_author


def test_the_example_secrets_mean_what_their_comments_say() -> None:
    import tomllib

    from planner.editing import Sync

    example = tomllib.loads((ROOT / "deploy" / "secrets.example.toml").read_text(encoding="utf-8"))
    assert access.editing_enabled(example)
    policy = access.Policy.from_config(example)
    assert not policy.viewers_signed_in and policy.restricted
    assert policy.may_edit(person("projektleder@medcom.dk"), access.PORTFOLIO_WIDE)
    assert policy.may_edit(person("x@kl.dk", "udrulningsplan-redaktion"), "fhir-km")
    assert policy.may_edit(person("anna@kl.dk"), "kontaktlaege") and not policy.may_edit(
        person("anna@kl.dk"), "fhir-km"
    )
    assert policy.may_edit(person("b@kl.dk", "kontaktlaege-redaktion"), "kontaktlaege")
    assert Sync.from_config(example["git"]) == Sync("origin", "main", pull=True, push=True)
    assert {"redirect_uri", "cookie_secret", "client_id", "client_secret", "server_metadata_url"} <= set(
        example["auth"]
    )


def test_the_service_unit_runs_the_app_on_loopback_on_its_instance_port() -> None:
    unit = (ROOT / "deploy" / "udrulningsplan@.service").read_text(encoding="utf-8")
    start = next(line.split("=", 1)[1].split() for line in unit.splitlines() if line.startswith("ExecStart="))
    assert start[1:5] == ["-m", "streamlit", "run", "app.py"]
    options = dict(zip(start[5::2], start[6::2], strict=True))
    assert options["--server.address"] == "127.0.0.1" and options["--server.port"] == "%i"
    assert options["--secrets.files"].startswith("/etc/")
    site = (ROOT / "deploy" / "nginx-udrulningsplan.conf").read_text(encoding="utf-8")
    assert "server 127.0.0.1:8501" in site and "server 127.0.0.1:8502" in site  # the two instances
