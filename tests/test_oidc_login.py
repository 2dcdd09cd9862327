"""Sign-in against a real OpenID Connect provider, in the browser.

The provider is the certified ``oidc-provider`` package from npm on the
machine's Node.js (tests/oidc/provider.mjs, installed by scripts/test.sh),
on loopback. The app's ``[auth]`` section points at it; chromium signs in
through the provider's own pages, saves a change (the editor's name from the
ID token lands in the change log and as the git author), has its session
cookie tampered with (refused), and signs out (at the provider too).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from planner import editing
from tests import browser
from tests.conftest import with_stated_readiness
from tools import serve

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
PROVIDER = browser.ROOT / "tests" / "oidc"
TIMEOUT = 60_000  # per step; two test workers share the two cores
ACCOUNTS = {
    "mette": {"email": "mette@medcom.dk", "name": "Mette Jensen", "groups": ["udrulningsplan-redaktion"]},
    "eve": {"email": "eve@example.org", "name": "Eve Iversen", "groups": []},
}


@dataclass
class Setup:
    app: str
    data: Path


@contextlib.contextmanager
def provider(port: int, redirect_uri: str) -> Iterator[str]:
    """The OpenID provider on 127.0.0.1:port until its discovery document answers; yields its issuer."""
    if not (PROVIDER / "node_modules" / "oidc-provider").is_dir():
        pytest.fail("the test provider is not installed: npm ci --prefix tests/oidc (scripts/test.sh does it)")
    config = {
        "port": port,
        "client_id": "udrulningsplan",
        "client_secret": "test-only-client-secret",
        "redirect_uri": redirect_uri,
        "accounts": ACCOUNTS,
        "max_seconds": 600,
    }
    proc = subprocess.Popen(
        [shutil.which("node") or "node", "provider.mjs"], cwd=PROVIDER,
        env={**os.environ, "OIDC_TEST_CONFIG": json.dumps(config)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    issuer = f"http://127.0.0.1:{port}"
    try:
        serve.wait_until_up(issuer + "/.well-known/openid-configuration", proc, 30, "the OpenID provider")
        yield issuer
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def setup(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Setup]:
    tmp = tmp_path_factory.mktemp("oidc")
    data = tmp / "data"
    shutil.copytree(browser.ROOT / "data", data, ignore=shutil.ignore_patterns("baselines", "changelog.jsonl"))
    with_stated_readiness(data)
    for args in (["init", "-q"], ["add", "-A"], ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "plan"]):
        subprocess.run(["git", "-C", str(data), *args], check=True, capture_output=True)
    app_port, op_port = serve.free_port(), serve.free_port()
    redirect = f"http://127.0.0.1:{app_port}/oauth2callback"
    with provider(op_port, redirect) as issuer:
        secrets = tmp / "secrets.toml"
        secrets.write_text(
            "[editing]\nenabled = true\n\n"
            f'[auth]\nredirect_uri = "{redirect}"\ncookie_secret = "test-only-cookie-secret-0123456789"\n'
            'client_id = "udrulningsplan"\nclient_secret = "test-only-client-secret"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
            # Streamlit asks for prompt=select_account unless told; this provider knows login and consent
            'client_kwargs = { prompt = "login" }\n\n'
            '[roles]\neditor_groups = ["udrulningsplan-redaktion"]\n',
            encoding="utf-8",
        )
        # Authlib refuses plain http unless told otherwise: the provider here is on loopback only
        env = {"AUTHLIB_INSECURE_TRANSPORT": "1"}
        with browser.streamlit_server(str(data), secrets=str(secrets), port=app_port, env=env) as url:
            browser.warm_up(url)
            yield Setup(url, data)


@pytest.fixture
def page(setup: Setup) -> Iterator[Any]:
    del setup  # the app and the provider must run first
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS, headless=True)
        context = chromium.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(TIMEOUT)
        yield context.new_page()
        chromium.close()


def open_edit_page(page: Any, setup: Setup) -> None:
    page.goto(f"{setup.app}/rediger", timeout=TIMEOUT)
    page.get_by_role("heading", name="Rediger").first.wait_for(timeout=TIMEOUT)


def sign_in(page: Any, setup: Setup, account: str) -> None:
    """Through the provider's own pages: its sign-in form (any password), then its consent."""
    open_edit_page(page, setup)
    page.get_by_role("button", name="Log ind med organisationens login").click(timeout=TIMEOUT)
    page.locator("input[name=login]").fill(account, timeout=TIMEOUT)
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()
    page.locator("button[type=submit]").click(timeout=TIMEOUT)  # the consent page's "Continue"
    page.wait_for_url(f"{setup.app}/**", timeout=TIMEOUT)
    open_edit_page(page, setup)


def test_sign_in_save_as_the_token_s_person_tamper_and_sign_out(page: Any, setup: Setup) -> None:
    sign_in(page, setup, "mette")
    page.get_by_text("Logget ind som Mette Jensen (mette@medcom.dk)").wait_for(timeout=TIMEOUT)

    # a save is the token's person: in the change log and as the git author
    page.get_by_role("tab", name="Parathed").click()
    panel = page.get_by_role("tabpanel")
    panel.get_by_label("Status", exact=True).click(timeout=TIMEOUT)
    page.get_by_role("option", name="Forsinket", exact=True).click(timeout=TIMEOUT)
    panel.get_by_role("button", name="Gem", exact=True).click()
    page.get_by_text("Gemt i vendors.yaml").wait_for(timeout=TIMEOUT)
    (entry,) = editing.changelog(str(setup.data))
    assert entry["who"] == "Mette Jensen (mette@medcom.dk)" and entry["new"] == "late"
    author = subprocess.run(
        ["git", "-C", str(setup.data), "log", "-1", "--format=%an <%ae>"], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert author == "Mette Jensen <mette@medcom.dk>"

    # a session cookie changed by hand fails its signature: signed out, no edit controls
    cookies = page.context.cookies()
    user = next(c for c in cookies if c["name"] == "_streamlit_user")
    page.context.add_cookies([{**user, "value": user["value"][:-4] + "AAAA"}])
    open_edit_page(page, setup)
    page.get_by_role("button", name="Log ind med organisationens login").wait_for(timeout=TIMEOUT)
    assert page.get_by_role("button", name="Gem").count() == 0
    page.context.add_cookies([user])  # the genuine cookie again

    # signing out ends the session here and at the provider
    open_edit_page(page, setup)
    page.get_by_role("button", name="Log ud").click(timeout=TIMEOUT)
    page.wait_for_url(f"{setup.app.rsplit(':', 1)[0]}:*/session/end**", timeout=TIMEOUT)
    page.locator("button[autofocus]").first.click(timeout=TIMEOUT)  # the provider's "Yes, sign me out"
    page.wait_for_url(f"{setup.app}/**", timeout=TIMEOUT)
    open_edit_page(page, setup)
    page.get_by_role("button", name="Log ind med organisationens login").wait_for(timeout=TIMEOUT)
    page.screenshot(path=str(browser.SCREENSHOTS / "oidc-sign-out.png"))  # once the page has settled, not mid-redirect
    assert not any(c["name"] == "_streamlit_user" for c in page.context.cookies())


def test_a_person_outside_the_editor_group_sees_the_plan_but_no_edit_controls(page: Any, setup: Setup) -> None:
    sign_in(page, setup, "eve")
    page.get_by_text("Eve Iversen (eve@example.org)").first.wait_for(timeout=TIMEOUT)
    page.get_by_text("ikke ret til at redigere").wait_for(timeout=TIMEOUT)
    assert page.get_by_role("button", name="Gem").count() == 0
    assert page.get_by_role("tab", name="Parathed").count() == 0
