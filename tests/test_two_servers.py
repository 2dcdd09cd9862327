"""Two app servers behind nginx on one data folder: sticky sessions, websockets, edits through each, a server stopped.

nginx is Debian's (scripts/test.sh installs it) and runs the shipped
``deploy/nginx-udrulningsplan.conf`` with free loopback ports put in place of
8501, 8502 and 8080. Two browser sessions sign in through the proxy, one
lands on each server (by its sticky cookie), and both save to the same file:
the second save is merged on top of the first across processes. Then one
server is stopped: its browser reconnects through the proxy to the other,
and everything saved is there.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from planner import editing
from tests import browser
from tests.conftest import with_stated_readiness
from tests.test_browser_edit_race import CONFLICT, PASSWORD, Person, Server
from tools import serve

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SITE = browser.ROOT / "deploy" / "nginx-udrulningsplan.conf"
COOKIE = "planner_route"


@dataclass
class Farm:
    proxy: str
    data: Path
    ports: tuple[int, int]
    apps: tuple[subprocess.Popen[bytes], subprocess.Popen[bytes]]
    log: Path

    def served_by(self, route: str) -> int:
        """The app port that the proxy sends a browser with this sticky cookie to (read off the access log)."""
        logged = len(self.lines())
        request = urllib.request.Request(f"{self.proxy}/_stcore/host-config", headers={"Cookie": f"{COOKIE}={route}"})
        with urllib.request.urlopen(request, timeout=10) as r:
            assert r.status == 200
        return answered_by(until(lambda: self.lines()[logged:], "nginx to log the request")[-1])

    def lines(self) -> list[str]:
        return self.log.read_text(encoding="utf-8").strip().splitlines()

    def route_to(self, port: int) -> str:
        return next(f"r{i}" for i in range(200) if self.served_by(f"r{i}") == port)


def until(found: Any, what: str, timeout: float = 10.0) -> Any:
    """``found()`` once it is truthy (polled); fails naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not (value := found()):
        assert time.monotonic() < deadline, f"waited {timeout} s for {what}"
        time.sleep(0.05)
    return value


def answered_by(line: str) -> int:
    """The port of the app server that answered a logged request (after any it tried first)."""
    return int(line.rsplit("|", 1)[1].split(",")[-1].strip().rsplit(":", 1)[1])


def site_config(ports: tuple[int, int], listen: int) -> str:
    text = SITE.read_text(encoding="utf-8")
    for shipped, ours in (("127.0.0.1:8501", ports[0]), ("127.0.0.1:8502", ports[1]), ("127.0.0.1:8080", listen)):
        assert shipped in text, f"{SITE.name} no longer has {shipped}"
        text = text.replace(shipped, f"127.0.0.1:{ours}")
    return text


@contextlib.contextmanager
def nginx(folder: Path, ports: tuple[int, int]) -> Iterator[tuple[str, Path]]:
    """nginx in the foreground with the shipped site, its files in ``folder``; yields its URL and access log."""
    if not os.access(NGINX, os.X_OK):
        pytest.fail("nginx is not installed (scripts/test.sh installs Debian's nginx-light)")
    listen = serve.free_port()
    for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (folder / name).mkdir(parents=True, exist_ok=True)
    (folder / "site.conf").write_text(site_config(ports, listen), encoding="utf-8")
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "events { worker_connections 256; }\n"
        "http {\n"
        "  log_format routes '$cookie_planner_route $request_uri|$upstream_addr';\n"
        f"  access_log {folder}/access.log routes;\n"
        f"  client_body_temp_path {folder}/body; proxy_temp_path {folder}/proxy;\n"
        f"  fastcgi_temp_path {folder}/fastcgi; uwsgi_temp_path {folder}/uwsgi; scgi_temp_path {folder}/scgi;\n"
        f"  include {folder}/site.conf;\n"
        "}\n",
        encoding="utf-8",
    )
    args = [NGINX, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-e", str(folder / "error.log")]
    check = subprocess.run([*args, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    proc = subprocess.Popen([*args, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{listen}"
    try:
        try:
            serve.wait_until_up(url + "/_stcore/health", proc, 20, "nginx")
        except RuntimeError as exc:
            raise RuntimeError(f"{exc}: {(folder / 'error.log').read_text()}") from None
        yield url, folder / "access.log"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def farm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Farm]:
    tmp = tmp_path_factory.mktemp("farm")
    data = tmp / "data"
    shutil.copytree(browser.ROOT / "data", data, ignore=shutil.ignore_patterns("baselines", "changelog.jsonl"))
    with_stated_readiness(data)
    secrets = tmp / "secrets.toml"
    secrets.write_text(f'[editing]\nenabled = true\npassword = "{PASSWORD}"\n', encoding="utf-8")
    with contextlib.ExitStack() as stack:
        a_url, a = stack.enter_context(serve.streamlit(str(data), secrets=str(secrets)))
        b_url, b = stack.enter_context(serve.streamlit(str(data), secrets=str(secrets)))
        ports = (int(a_url.rsplit(":", 1)[1]), int(b_url.rsplit(":", 1)[1]))
        proxy, log = stack.enter_context(nginx(tmp / "nginx", ports))
        browser.warm_up(a_url)
        browser.warm_up(b_url)
        yield Farm(proxy, data, ports, (a, b), log)


def test_the_health_check_goes_through_the_proxy_to_streamlit(farm: Farm) -> None:
    with urllib.request.urlopen(farm.proxy + "/_stcore/health", timeout=10) as r:
        assert r.status == 200 and r.read() == b"ok"
    # a browser without the cookie is given one, and keeps to one server with it
    with urllib.request.urlopen(farm.proxy + "/", timeout=10) as r:
        assert f"{COOKIE}=" in (r.headers.get("Set-Cookie") or "")
    route = farm.route_to(farm.ports[1])
    assert {farm.served_by(route) for _ in range(5)} == {farm.ports[1]}


def test_a_page_address_with_more_after_it_goes_to_the_page(farm: Farm) -> None:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *_args: Any, **_kwargs: Any) -> None:
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as moved:
        opener.open(farm.proxy + "/program/extra?lang=en", timeout=10)
    assert moved.value.code == 302 and moved.value.headers["Location"].endswith("/program?lang=en")
    with urllib.request.urlopen(farm.proxy + "/program", timeout=10) as r:  # the page itself is served
        assert r.status == 200 and "img-src 'self'" in (r.headers.get("Content-Security-Policy") or "")


def test_edits_through_each_server_are_kept_and_a_stopped_server_loses_nothing(farm: Farm, chromium: Any) -> None:
    proxy = Server(farm.proxy, farm.data)
    host = farm.proxy.split("//", 1)[1].split(":", 1)[0]
    cookie = lambda route: {"name": COOKIE, "value": route, "domain": host, "path": "/"}  # noqa: E731
    on_a, on_b = farm.route_to(farm.ports[0]), farm.route_to(farm.ports[1])
    before = editing.read(farm.data, "vendors.yaml")

    anna = Person(chromium, proxy, "Anna", cookies=[cookie(on_a)])
    bo = Person(chromium, proxy, "Bo", cookies=[cookie(on_b)])
    anna.tab("Parathed")
    bo.tab("Parathed")  # Bo's form shows the file before Anna's save
    anna.fill("Bemærkning", "Gemt via server A")
    anna.press("Gem")
    anna.expect("Gemt i vendors.yaml")
    bo.fill("Oplyst", "2022-11-03")
    bo.press("Gem")
    bo.expect("Gemt oven på ændringer")  # the other process's save is kept, and said

    # the same value changed through each server: the second is refused, nothing lost
    anna.fill("Bemærkning", "Rettet via server A")
    anna.press("Gem")
    anna.expect("Gemt i vendors.yaml")
    bo.fill("Bemærkning", "Rettet via server B")
    bo.press("Gem")
    bo.expect(CONFLICT)

    row = ("vendors", 0, "readiness", 0)
    expected = editing.apply(
        before,
        [
            editing.Edit("vendors.yaml", (*row, "note"), "Rettet via server A"),
            editing.Edit("vendors.yaml", (*row, "as_of"), "2022-11-03"),
        ],
    )
    assert (farm.data / "vendors.yaml").read_text(encoding="utf-8") == expected
    assert [(e["who"], e["outcome"]) for e in reversed(editing.changelog(farm.data))] == [
        ("Anna", "saved"),
        ("Bo", "merged"),
        ("Anna", "merged"),  # her form showed the file before Bo's save
        ("Bo", "conflict"),  # the same value, changed through the other server meanwhile
    ]
    anna.context.close()  # nginx logs a websocket when it closes
    bo.context.close()
    wanted = {(farm.ports[0], on_a), (farm.ports[1], on_b)}

    def streams() -> set[tuple[int, str]]:
        found = {(answered_by(line), line.split()[0]) for line in farm.lines() if "/_stcore/stream" in line}
        return found if found >= wanted else set()

    assert until(streams, "nginx to log both websockets") >= wanted

    # server A stops mid-session: Anna's browser reaches B through the proxy, and what was saved is there
    farm.apps[0].terminate()
    farm.apps[0].wait(timeout=20)
    with urllib.request.urlopen(farm.proxy + "/_stcore/health", timeout=10) as r:
        assert r.status == 200
    assert farm.served_by(on_a) == farm.ports[1]  # A's browsers go to B now
    again = Person(chromium, proxy, "Anna", cookies=[cookie(on_a)])  # she reloads and signs in again
    again.tab("Parathed")
    assert again.value("Bemærkning") == "Rettet via server A"
    assert again.value("Oplyst") == "2022-11-03"
    assert (farm.data / "vendors.yaml").read_text(encoding="utf-8") == expected
