"""Nothing lost, in the browser: two signed-in people, stale forms, the same form twice, the upload race.

Each test drives the real app in Debian's chromium. A 'person' is a browser
context of its own (its own session); both use one server and one data
folder. After every step the file on disk is compared with what the core's
byte-exact patch of exactly the intended changes gives, and the change log
with the outcome each person was shown.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from planner import editing
from planner.plan import yamlsafe
from tests import browser
from tests.conftest import with_stated_readiness

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
PASSWORD = "korrekt hest batteri"
TIMEOUT = 60_000  # per step; two test workers share the two cores
VENDORS = "vendors.yaml"
CONFLICT = "Ikke gemt: de samme værdier er ændret"
MERGED = "Gemt oven på ændringer"


@dataclass
class Server:
    url: str
    data: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("race")
    data = tmp / "data"
    secrets = tmp / "secrets.toml"
    secrets.write_text(f'[editing]\nenabled = true\npassword = "{PASSWORD}"\n', encoding="utf-8")
    shutil.copytree(browser.ROOT / "data", data, ignore=shutil.ignore_patterns("baselines", "changelog.jsonl"))
    with_stated_readiness(data)
    with browser.streamlit_server(data_dir=str(data), secrets=str(secrets)) as url:
        browser.warm_up(url)
        yield Server(url, data)


@pytest.fixture
def fresh(server: Server) -> Server:
    """The shipped data again, and an empty change log, for each test (the server stays up).

    A save the last test's pages started may still land after the copy (its browser closed, the server's run
    not yet done): the copy is checked a moment later and made again until nothing wrote into it.
    """
    for _ in range(10):
        shutil.rmtree(server.data)
        shutil.copytree(
            browser.ROOT / "data", server.data, ignore=shutil.ignore_patterns("baselines", "changelog.jsonl")
        )
        with_stated_readiness(server.data)
        made = {p: p.read_bytes() for p in server.data.rglob("*.yaml")}
        time.sleep(0.5)
        if {p: p.read_bytes() for p in server.data.rglob("*.yaml")} == made and not (
            server.data / "changelog.jsonl"
        ).exists():
            break
    return server


@pytest.fixture(scope="module")
def _browser() -> Iterator[Any]:
    """One chromium for the module (launching one per test costs seconds)."""
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


class _Contexts:
    """Opens browser contexts (one per person) and closes them when the test ends."""

    def __init__(self, chromium: Any) -> None:
        self.chromium, self.opened = chromium, list[Any]()

    def new_context(self, **options: Any) -> Any:
        context = self.chromium.new_context(**options)
        self.opened.append(context)
        return context


@pytest.fixture
def chromium(_browser: Any) -> Iterator[_Contexts]:
    contexts = _Contexts(_browser)
    yield contexts
    for context in contexts.opened:
        context.close()


class Person:
    """One signed-in person in a browser context of their own."""

    def __init__(self, chromium: Any, server: Server, name: str, cookies: Sequence[dict[str, Any]] = ()) -> None:
        self.context = chromium.new_context(viewport={"width": 1920, "height": 1080})
        self.context.set_default_timeout(TIMEOUT)
        if cookies:  # e.g. the proxy's sticky-session cookie (tests/test_two_servers.py)
            self.context.add_cookies(list(cookies))
        self.page = self.context.new_page()
        self.name = name
        self.page.goto(f"{server.url}/rediger")
        self.page.get_by_label("Dit navn eller din organisation").fill(name)
        self.page.get_by_label("Adgangskode").fill(PASSWORD)
        self.page.get_by_role("button", name="Log ind").click()
        self.page.get_by_role("tab", name="Parathed").wait_for(timeout=TIMEOUT)
        self.settle()

    def settle(self) -> None:
        self.page.wait_for_function(
            "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=TIMEOUT
        )
        browser.quiet(self.page)
        errors = self.page.locator("[data-testid='stException']")
        assert errors.count() == 0, errors.first.inner_text()

    def tab(self, name: str) -> Any:
        self.page.get_by_role("tab", name=name).click()
        self.settle()
        return self.panel

    @property
    def panel(self) -> Any:
        return self.page.get_by_role("tabpanel")

    def field(self, label: str) -> Any:
        """The one field with this label, once a rerun has replaced the old one (they overlap for a moment)."""
        self.page.wait_for_function(
            f"() => document.querySelectorAll('[role=tabpanel]:not([hidden]) [aria-label=\"{label}\"]').length == 1",
            timeout=TIMEOUT,
        )
        return self.panel.get_by_label(label, exact=True)

    def fill(self, label: str, value: str) -> None:
        self.field(label).fill(value)

    def tick(self, label: str) -> None:
        self.panel.get_by_text(label, exact=True).click()

    def choose(self, label: str, option: str) -> None:
        self.panel.get_by_label(label, exact=True).click()
        self.page.get_by_role("option", name=option, exact=True).click()
        self.settle()

    def press(self, button: str) -> None:
        self.panel.get_by_role("button", name=button, exact=True).click()
        self.settle()

    def expect(self, text: str) -> None:
        self.panel.get_by_text(re.compile(re.escape(text))).first.wait_for(timeout=TIMEOUT)

    def value(self, label: str) -> str:
        """The field's value once the page has settled (a rerun can briefly show the old field beside the new)."""
        for _ in range(20):
            self.settle()
            try:
                return str(self.field(label).input_value(timeout=2_000))
            except playwright_api.Error as exc:
                if "strict mode violation" not in str(exc):
                    raise
        raise AssertionError(f"the field '{label}' never settled to one")

    def shows(self, text: str) -> bool:
        return self.panel.get_by_text(re.compile(re.escape(text))).count() > 0


def raw(server: Server, file: str) -> Any:
    return yamlsafe.parse((server.data / file).read_bytes()).data


def outcomes(server: Server, file: str | None = None) -> list[tuple[str, str, str]]:
    """(who, outcome, new value) of each logged save, oldest first; of one file when given (a save of newer
    information also moves the status date in portfolio.yaml)."""
    log = reversed(editing.changelog(server.data))
    return [(e["who"], e["outcome"], e["new"]) for e in log if file is None or e["file"] == file]


def exactly(server: Server, before: editing.Snapshot, changes: list[editing.Change]) -> None:
    """The file on disk is ``before`` with exactly ``changes`` made, byte for byte (once the save the page
    reported has landed: a busy machine may show the message a moment before the rerun that wrote it ends)."""
    expected = editing.apply(before, changes)
    deadline = time.monotonic() + 10
    while (
        found := (server.data / before.file).read_text(encoding="utf-8")
    ) != expected and time.monotonic() < deadline:
        time.sleep(0.1)
    assert found == expected


# ------------------------------------------------------------ one person


def test_saving_the_same_readiness_form_twice_keeps_both_saves(fresh: Server, chromium: Any) -> None:
    before = editing.read(fresh.data, VENDORS)
    anna = Person(chromium, fresh, "Anna")
    anna.tab("Parathed")
    anna.fill("Bemærkning", "Første note")
    anna.press("Gem")
    anna.expect("→ Første note")  # the first save's message (the field itself holds the words already)
    anna.fill("Bemærkning", "Anden note")
    anna.press("Gem")
    anna.expect("→ Anden note")  # the saved message says old → new
    path = ("vendors", 0, "readiness", 0, "note")
    exactly(fresh, before, [editing.Edit(VENDORS, path, "Anden note")])
    assert outcomes(fresh) == [("Anna", "saved", "Første note"), ("Anna", "saved", "Anden note")]
    assert anna.value("Bemærkning") == "Anden note"


def test_readiness_can_be_confirmed_with_when_and_where_it_was_reported(fresh: Server, chromium: Any) -> None:
    before = editing.read(fresh.data, VENDORS)
    anna = Person(chromium, fresh, "Anna")
    anna.tab("Parathed")
    anna.fill("Oplyst", "2022-11-03")
    anna.fill("Kilde (kort)", "KKR-møde 3. nov. 2022")
    anna.press("Gem")
    anna.expect("Gemt i vendors.yaml")
    row = ("vendors", 0, "readiness", 0)
    exactly(
        fresh,
        before,
        [
            editing.Edit(VENDORS, (*row, "as_of"), "2022-11-03"),
            editing.Edit(VENDORS, (*row, "source"), "KKR-møde 3. nov. 2022"),
        ],
    )
    anna.page.screenshot(path=str(browser.SCREENSHOTS / "edit-saved.png"))


# ------------------------------------------------------------ two people, each kind of edit


@dataclass(frozen=True)
class Kind:
    """A kind of edit: the tab, how each person changes the same value, and how Bo changes another.

    ``anna`` and ``bo_other`` are the changes each makes, addressed to the
    shipped file: the file on disk must be exactly the shipped one with them.
    """

    tab: str
    file: str
    same_a: Any  # (person) -> None
    same_b: Any
    other_b: Any
    anna: list[editing.Change]
    bo_other: list[editing.Change]
    bo_same: list[editing.Change]  # Bo's change of the same value, applied anyway


def number(label: str, value: str) -> Any:
    def act(p: Person) -> None:
        p.fill(label, value)
        p.field(label).press("Enter")
        p.settle()

    return act


def delete_first_observation(p: Person) -> None:
    p.panel.get_by_text("Målinger i filen (2)").click()
    p.settle()
    p.panel.get_by_role("button", name="Slet målingen", exact=True).click()
    p.settle()


R = ("vendors", 0, "readiness", 0)


def _r(d: Any) -> Any:
    return d["vendors"][0]["readiness"][0]


PH = ("scenarios", 0, "waves", 0, "phases", 0)
FHIR, SOR, KL = "programmes/fhir-km.yaml", "programmes/fk-org-sor.yaml", "programmes/kontaktlaege.yaml"
MUNI = "Kommuner, der anvender KontaktLæge-appen"
KINDS = {
    "readiness": Kind(
        "Parathed",
        VENDORS,
        lambda p: p.fill("Bemærkning", "Annas note"),
        lambda p: p.fill("Bemærkning", "Bos note"),
        lambda p: p.fill("Kilde (kort)", "Bos kilde"),
        [editing.Edit(VENDORS, (*R, "note"), "Annas note")],
        [editing.Edit(VENDORS, (*R, "source"), "Bos kilde")],
        [editing.Edit(VENDORS, (*R, "note"), "Bos note")],
    ),
    "phase": Kind(
        "Faser",
        FHIR,
        lambda p: p.fill("Færdig (%)", "40"),
        lambda p: p.fill("Færdig (%)", "60"),
        lambda p: p.tick("Slut er anslået"),
        [editing.Edit(FHIR, (*PH, "percent_complete"), 40)],
        [editing.Append(FHIR, (*PH, "estimated"), "end")],
        [editing.Edit(FHIR, (*PH, "percent_complete"), 60)],
    ),
    "milestone": Kind(
        "Milepæle",
        FHIR,
        lambda p: p.fill("Bemærkning", "Annas note"),
        lambda p: p.fill("Bemærkning", "Bos note"),
        lambda p: p.tick("Dato er anslået"),
        [editing.Edit(FHIR, ("milestones", 0, "note"), "Annas note")],
        [editing.Append(FHIR, ("milestones", 0, "estimated"), "date")],
        [editing.Edit(FHIR, ("milestones", 0, "note"), "Bos note")],
    ),
    "onboarding": Kind(
        "Kommuner",
        SOR,
        lambda p: p.fill("Dato", "2022-12"),
        lambda p: p.fill("Dato", "2023-01"),
        lambda p: p.choose("Bølge", "Lille bølge"),
        [editing.Edit(SOR, ("onboarding", "status", 0, "date"), "2022-12")],
        [
            editing.Delete(SOR, ("onboarding", "waves", 0, "members", 0)),
            editing.Append(SOR, ("onboarding", "waves", 1, "members"), "København"),
        ],
        [editing.Edit(SOR, ("onboarding", "status", 0, "date"), "2023-01")],
    ),
    "observation": Kind(
        "Ny måling",
        KL,
        number(MUNI, "40"),
        number(MUNI, "41"),
        delete_first_observation,
        [editing.Append(KL, ("observations",), {"date": "2022-11-03", "values": {"municipalities": 40}})],
        [editing.Delete(KL, ("observations", 0))],
        [],
    ),
}


def _anna_saves_while_bo_has_the_form_open(chromium: Any, server: Server, k: Kind) -> tuple[editing.Snapshot, Person]:
    """Both open the form; Anna saves her change; Bo's form still shows the version before it."""
    before = editing.read(server.data, k.file)
    anna, bo = Person(chromium, server, "Anna"), Person(chromium, server, "Bo")
    anna.tab(k.tab)
    bo.tab(k.tab)
    k.same_a(anna)
    anna.press("Gem")
    anna.expect("Gemt i")
    return before, bo


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_stale_form_changing_the_same_value_is_refused_and_nothing_is_lost(
    fresh: Server, chromium: Any, kind: str
) -> None:
    k = KINDS[kind]
    before, bo = _anna_saves_while_bo_has_the_form_open(chromium, fresh, k)
    on_disk = (fresh.data / k.file).read_bytes()
    k.same_b(bo)
    bo.press("Gem")
    bo.expect(CONFLICT)
    assert bo.shows("Anna (")  # who saved meanwhile, and when
    bo.expect("Din ændring")  # the table of both changes
    assert (fresh.data / k.file).read_bytes() == on_disk
    exactly(fresh, before, k.anna)
    assert [(who, what) for who, what, _ in outcomes(fresh, k.file)] == [("Anna", "saved"), ("Bo", "conflict")]
    bo.page.screenshot(path=str(browser.SCREENSHOTS / f"edit-conflict-{kind}.png"))
    if kind == "observation":  # a second observation for the date cannot go on top: only 'discard' is offered
        assert bo.panel.get_by_role("button", name="Gem mine ændringer oven på den nye version").count() == 0
        return
    bo.press("Gem mine ændringer oven på den nye version")
    bo.expect("Gemt i")
    exactly(fresh, before, k.bo_same)
    assert [(who, what) for who, what, _ in outcomes(fresh, k.file)][-1] == ("Bo", "saved")


def test_discarding_after_a_conflict_shows_the_colleagues_version(fresh: Server, chromium: Any) -> None:
    k = KINDS["readiness"]
    _, bo = _anna_saves_while_bo_has_the_form_open(chromium, fresh, k)
    k.same_b(bo)
    bo.press("Gem")
    bo.expect(CONFLICT)
    bo.press("Kassér mine ændringer og vis den nye version")
    assert bo.value("Bemærkning") == "Annas note"
    assert not bo.shows(CONFLICT)


def test_a_form_left_open_says_when_others_saved_meanwhile(fresh: Server, chromium: Any) -> None:
    k = KINDS["readiness"]
    _, bo = _anna_saves_while_bo_has_the_form_open(chromium, fresh, k)
    bo.press("Gem")  # any rerun of Bo's page: here a save with nothing changed
    bo.expect("Intet at gemme")
    bo.expect("Filen er gemt af andre, siden du åbnede formularen (Anna (")
    bo.press("Vis den nyeste version")
    assert bo.value("Bemærkning") == "Annas note"


# A merge on top is tried in the browser for one form of each file kind (vendors.yaml, a programme
# file); tests/test_editing_merge.py merges every form's record in the core. A refusal, where an edit
# could be lost, is tried in the browser for every form (above).
@pytest.mark.parametrize("kind", ["readiness", "phase"])
def test_a_stale_form_changing_other_values_is_applied_on_top(fresh: Server, chromium: Any, kind: str) -> None:
    k = KINDS[kind]
    before, bo = _anna_saves_while_bo_has_the_form_open(chromium, fresh, k)
    k.other_b(bo)
    if kind != "observation":  # deleting is its own button
        bo.press("Gem")
    bo.expect(MERGED)
    # Anna's change on the shipped file, then Bo's: exactly, byte for byte
    exactly(fresh, editing.Snapshot(k.file, editing.apply(before, k.anna), ""), k.bo_other)
    assert [(who, what) for who, what, _ in outcomes(fresh)][:1] == [("Anna", "saved")]
    assert all(what == "merged" for who, what, _ in outcomes(fresh) if who == "Bo")


# ------------------------------------------------------------ the upload race


def test_an_upload_accepted_after_a_colleague_saved_is_refused_and_the_colleagues_change_survives(
    fresh: Server, chromium: Any, tmp_path: Path
) -> None:
    original = (fresh.data / VENDORS).read_text(encoding="utf-8")
    upload = tmp_path / "vendors.yaml"
    upload.write_text(original.replace("name: Systematic", "name: Systematic A/S", 1), encoding="utf-8")
    anna, bo = Person(chromium, fresh, "Anna"), Person(chromium, fresh, "Bo")
    anna.tab("Upload")
    anna.choose("Erstat filen", "vendors.yaml")
    anna.panel.locator(".st-key-ed-upload input[type=file]").set_input_files(str(upload))  # the plan file's box
    anna.settle()
    anna.expect("Systematic A/S")  # the preview's diff
    bo.tab("Parathed")
    bo.fill("Bemærkning", "Bos note")
    bo.press("Gem")
    bo.expect("Gemt i vendors.yaml")
    anna.press("Gem den uploadede fil")
    anna.expect("Ikke gemt: filen er ændret, efter du fik vist den uploadede fil")
    assert anna.shows("Bo (")
    data = raw(fresh, VENDORS)
    assert _r(data)["note"] == "Bos note" and data["vendors"][0]["name"] == "Systematic"
    assert [(who, what) for who, what, _ in outcomes(fresh)] == [("Bo", "saved"), ("Anna", "conflict")]
    anna.page.screenshot(path=str(browser.SCREENSHOTS / "edit-upload-race.png"))


# ------------------------------------------------------------ the living plan


def test_newer_information_shows_at_once_stays_after_a_reload_and_reads_as_words(fresh: Server, chromium: Any) -> None:
    """Between meetings: a statement dated after the status date, a count, a phase's percentage and an
    onboarding date are saved; each shows at once, stays after a reload, and reads as words on Ændringer."""
    from planner.analysis import baselines

    baselines.freeze(str(fresh.data), "kkr-2022-11")
    anna = Person(chromium, fresh, "Anna")
    anna.tab("Parathed")
    anna.fill("Oplyst", "2022-12-05")
    anna.press("Gem")
    anna.page.get_by_text(re.compile("Statusdatoen er flyttet fra 3. nov. 2022 til 5. dec. 2022")).first.wait_for(
        timeout=TIMEOUT
    )
    anna.tab("Faser")
    anna.fill("Færdig (%)", "40")
    anna.press("Gem")
    anna.expect("Færdig (%): – → 40")
    anna.tab("Kommuner")
    anna.fill("Dato", "2022-12")
    anna.press("Gem")
    anna.expect("Gemt i programmes/fk-org-sor.yaml")
    anna.tab("Ny måling")
    number(MUNI, "41")(anna)
    anna.press("Gem")
    anna.expect("Gemt i programmes/kontaktlaege.yaml")
    counted = [o for o in raw(fresh, KL)["observations"] if o["values"].get("municipalities") == 41]
    assert counted, "the count was not saved"
    # a new visit, as after a reload: the view follows the newest information without choosing a date
    page = anna.context.new_page()
    page.goto(f"{fresh.url}/maal")
    page.get_by_text(re.compile("41 af 60 kommuner")).first.wait_for(timeout=TIMEOUT)
    assert page.get_by_text(re.compile("Status pr. 5. dec. 2022")).count() > 0
    page.goto(f"{fresh.url}/aendringer")
    page.get_by_label("Baseline").click()
    page.get_by_role("option", name="kkr-2022-11", exact=True).click()
    page.get_by_text(re.compile("Statusdato flyttet fra 3. nov. 2022 til 5. dec. 2022")).first.wait_for(timeout=TIMEOUT)
    text = page.locator("[data-testid='stMain']").inner_text()
    for said in (
        "oplyst-dato flyttet fra okt. 2022 til 5. dec. 2022",
        "færdig ændret fra – til 40 %",
        "måling tilføjet",
    ):
        assert said in text or page.get_by_text(re.compile(re.escape(said))).count() > 0, said
    for raw_value in ("None", "fhir-km /", "vendors[", "percent_complete"):
        assert raw_value not in text, raw_value
