"""The calendar feed (planner/presentation/calendar_feed.py), read back by icalendar and by a real CalDAV server.

What an Outlook-style subscriber sees: the go-lives, the milestones, the 14 Dec 2022 decision and the
3 Nov 2022 meeting as all-day events on their days; a date written as a month, quarter or year left out of
the calendar and named in its description; estimates and sources said; a second export after an edit
updating the same events (same UIDs) in Radicale through the ``caldav`` client.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import icalendar
import pytest

from planner.plan import dates, loader
from planner.plan.dates import Precision
from planner.presentation import calendar_feed, i18n

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def _events(raw: bytes) -> dict[str, icalendar.Component]:
    cal = icalendar.Calendar.from_ical(raw)
    found = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    assert len(found) == len(cal.walk("VEVENT"))  # every UID once
    return found


@pytest.fixture(scope="module")
def plan() -> loader.Plan:
    return loader.load(str(DATA))


def test_every_dated_thing_is_an_all_day_event_on_its_days_and_coarser_dates_are_named_not_placed(
    plan: loader.Plan,
) -> None:
    raw = calendar_feed.to_ics(plan, "da")
    events = _events(raw)
    entries = calendar_feed.entries(plan, "da")
    daily = [e for e in entries if e.when.precision in (Precision.DAY, Precision.WEEK)]
    assert len(events) == len(daily) > 10
    for entry in daily:
        event = events[entry.uid]
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and type(end) is dt.date  # VALUE=DATE: all day, no time zone to shift it
        assert event["dtstart"].params.get("VALUE") == "DATE"
        assert start == entry.when.first and end == entry.when.last + dt.timedelta(days=1)  # DTEND exclusive
        if entry.when.precision is Precision.WEEK:
            assert start.weekday() == 0 and (end - start).days == 7  # Monday to Sunday
    cal = icalendar.Calendar.from_ical(raw)
    described = str(cal["description"])
    coarse = [e for e in entries if e.when.precision not in (Precision.DAY, Precision.WEEK)]
    assert coarse and all(f"{e.title}: {i18n.fuzzy(e.when, 'da')}" in described for e in coarse)
    assert not any(e.uid in events for e in coarse)
    assert str(cal["x-wr-timezone"]) == "Europe/Copenhagen"


def test_a_subscriber_sees_the_decision_the_go_lives_and_the_meeting_on_the_right_days(plan: loader.Plan) -> None:
    events = _events(calendar_feed.to_ics(plan, "da"))
    on: dict[dt.date, list[str]] = {}
    for event in events.values():
        on.setdefault(event.decoded("dtstart"), []).append(str(event["summary"]))
    assert any("Trinvis eller fælles idriftsættelse af FHIR-KM?" in s for s in on[dt.date(2022, 12, 14)])
    assert any("KKR-digitaliseringsnetværk, november 2022" in s for s in on[dt.date(2022, 11, 3)])
    assert "FK-ORG/SOR: Go-live" in on[dt.date(2023, 1, 1)]
    # FHIR-KM's go-lives are proposals until the steering group decides: said so in the title
    fhir = [s for s in on[dt.date(2024, 9, 1)] if s.startswith("FHIR-KM")]
    assert fhir and all("(forslag:" in s for s in fhir)


def test_estimates_and_sources_are_said_in_each_event_in_the_chosen_language(plan: loader.Plan) -> None:
    for lang in i18n.LANGS:
        events = _events(calendar_feed.to_ics(plan, lang))
        for entry in calendar_feed.entries(plan, lang):
            if entry.uid not in events:
                continue
            description = str(events[entry.uid]["description"])
            assert description == "\n".join(entry.lines)
        # an estimate says so: in its event, or where a coarse date is named in the calendar's description
        entries = calendar_feed.entries(plan, lang)
        estimated = [e for e in entries if e.estimate]
        assert all((i18n.t("cal.estimate", lang) in e.lines) is e.estimate for e in entries)  # flagged as said
        assert estimated and len(estimated) < len(entries)
        described = str(icalendar.Calendar.from_ical(calendar_feed.to_ics(plan, lang))["description"])
        for entry in estimated:
            assert entry.uid in events or f"{entry.title}: {i18n.fuzzy(entry.when, lang)} (" in described
        texts = [str(e["description"]) for e in events.values()]
        assert sum(t.count(i18n.t("cal.source", lang, source="")) > 0 for t in texts) == len(texts)
    english = icalendar.Calendar.from_ical(calendar_feed.to_ics(plan, "en"))
    assert any(str(e["summary"]).startswith("Decision on FHIR-KM") for e in english.walk("VEVENT"))


def test_the_same_data_gives_the_same_file_and_one_programme_its_own_events(plan: loader.Plan) -> None:
    assert calendar_feed.to_ics(plan, "da") == calendar_feed.to_ics(loader.load(str(DATA)), "da")
    mine = _events(calendar_feed.to_ics(plan, "da", "fk-org-sor"))
    assert mine and all(uid.startswith(("fk-org-sor.", "meeting.")) for uid in mine)


def _decided(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns(".git"))
    subprocess.run(
        [sys.executable, "-m", "planner", "decide", str(folder), "--decision", "implementeringsplan",
         "--option", "trinvis", "--date", "2022-12-14", "--who", "Test"],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    return folder


def test_a_decision_recorded_after_the_status_date_shows_the_chosen_plan_and_drops_the_rejected_one(
    tmp_path: Path,
) -> None:
    before = _events(calendar_feed.to_ics(loader.load(str(DATA)), "da"))
    after = _events(calendar_feed.to_ics(loader.load(str(_decided(tmp_path))), "da"))
    decision = next(e for uid, e in after.items() if ".decision." in uid)
    assert "Besluttet: Trinvis idriftsættelse." in str(decision["description"])
    assert not any(uid.startswith("fhir-km.faelles.") for uid in after)  # rejected: not in the calendar
    chosen = [e for uid, e in after.items() if uid.startswith("fhir-km.trinvis.")]
    assert chosen and not any("(forslag" in str(e["summary"]) for e in chosen)
    assert {uid for uid in before if uid.startswith("fhir-km.trinvis.")} == {e["uid"] for e in chosen}  # same UIDs


# ---------------------------------------------------------------- a real CalDAV server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def radicale(folder: Path) -> Iterator[str]:
    """Radicale on a loopback port, storing in ``folder``, no sign-in; stopped on exit."""
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "radicale", "--server-hosts", f"127.0.0.1:{port}", "--auth-type", "none",
         "--rights-type", "owner_only", "--storage-filesystem-folder", str(folder), "--logging-level", "warning"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while True:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "Radicale did not start"
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait(timeout=10)


def _upload(calendar: object, raw: bytes) -> None:
    """Each event of the feed as its own resource, as a CalDAV client keeps them (a new UID adds, a known one updates)."""
    feed = icalendar.Calendar.from_ical(raw)
    for event in feed.walk("VEVENT"):
        one = icalendar.Calendar()
        one.add("prodid", feed["prodid"])
        one.add("version", "2.0")
        one.add_component(event)
        calendar.save_event(one.to_ical().decode())  # type: ignore[attr-defined]


def _read_back(calendar: object) -> dict[str, tuple[str, dt.date, dt.date, str]]:
    found = {}
    for resource in calendar.events():  # type: ignore[attr-defined]
        for event in icalendar.Calendar.from_ical(resource.data).walk("VEVENT"):
            found[str(event["uid"])] = (
                str(event["summary"]),
                event.decoded("dtstart"),
                event.decoded("dtend"),
                str(event["description"]),
            )
    return found


def _expected(raw: bytes) -> dict[str, tuple[str, dt.date, dt.date, str]]:
    return {
        uid: (str(e["summary"]), e.decoded("dtstart"), e.decoded("dtend"), str(e["description"]))
        for uid, e in _events(raw).items()
    }


def test_the_feed_loads_into_a_caldav_server_and_a_second_export_after_an_edit_updates_the_same_events(
    tmp_path: Path,
) -> None:
    caldav = pytest.importorskip("caldav")
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder, ignore=shutil.ignore_patterns(".git"))
    first = calendar_feed.to_ics(loader.load(str(folder)), "da")
    with radicale(tmp_path / "radicale") as url:
        client = caldav.DAVClient(url=url, username="mette", password="x")  # the principal found as a client does
        calendar = client.principal().make_calendar(name="Udrulningsplan")
        _upload(calendar, first)
        assert _read_back(calendar) == _expected(first)  # every event read back equal

        # the FK-ORG/SOR go-live moves a month; the feed exported again and loaded again
        path = folder / "programmes" / "fk-org-sor.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count("2023-01-01") >= 1
        path.write_text(text.replace("2023-01-01", "2023-02-01"), encoding="utf-8")
        second = calendar_feed.to_ics(loader.load(str(folder)), "da")
        assert second != first
        _upload(calendar, second)
        back = _read_back(calendar)
        assert back == _expected(second)  # updated, not duplicated: the same number of events, by UID
        assert len(back) == len(_expected(first))
        moved = [uid for uid, e in back.items() if e[0] == "FK-ORG/SOR: Go-live"]
        assert len(moved) == 1 and back[moved[0]][1] == dt.date(2023, 2, 1)
        assert dates.parse("2023-02-01").first == back[moved[0]][1]
