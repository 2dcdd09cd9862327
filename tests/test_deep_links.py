"""A deep link as the very first request to a freshly started server opens its page.

Streamlit runs its older folder-based navigation on a server's first script
run when the app has a ``pages/`` folder, and a first visit to ``/program``
then showed "Page not found". The page scripts live in ``views/``; this
drives a fresh server at Streamlit's websocket protocol, as a browser opening
the link does, and checks the page that answers.
"""

from __future__ import annotations

import asyncio

import pytest

from tests import browser
from tools import loadtest_protocol

pytest.importorskip("websockets")


async def _first_view(url: str, path: str, query: str = "") -> tuple[list[str], list[str]]:
    from websockets.asyncio.client import connect

    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    async with connect(ws_url, subprotocols=["streamlit"], origin=url, max_size=None) as socket:  # type: ignore[arg-type,list-item]
        viewer = loadtest_protocol.Viewer(socket)
        _, problems = await viewer.view(path, query)
        return problems, viewer.headings


@pytest.mark.parametrize(("path", "title"), [("program", "Program"), ("leverandoerer", "Leverandører")])
def test_a_deep_link_first_on_a_fresh_server_opens_its_page(path: str, title: str) -> None:
    with browser.streamlit_server() as url:
        problems, headings = asyncio.run(_first_view(url, path))
    assert problems == []
    assert title in headings  # the page asked for, not the overview


def test_no_pages_folder_next_to_the_app() -> None:
    assert not (browser.ROOT / "pages").exists()


# every page answers to its Danish and its English slug; the first page to both as well as to the root
SLUGS = [
    ("overblik", "Overblik", "overview", "Overview"),
    ("program", "Program", "programme", "Programme"),
    ("beslutning", "Beslutning", "decision", "Decision"),
    ("leverandoerer", "Leverandører", "vendors", "Vendors"),
    ("kommuner", "Kommuner", "municipalities", "Municipalities"),
    ("maal", "Mål og fremdrift", "targets", "Targets and progress"),
    ("aendringer", "Ændringer", "changes", "Changes"),
    ("boelgeplan", "Bølgeplan", "waves", "Wave planner"),
    ("rediger", "Rediger", "edit", "Edit"),
]


def test_every_page_answers_to_its_danish_and_english_slug_in_either_language() -> None:
    async def walk(url: str) -> list[tuple[str, str, list[str], list[str]]]:
        seen = []
        for da, da_title, en, en_title in SLUGS:
            for slug in (da, en):
                for query, title in (("", da_title), ("lang=en", en_title)):
                    problems, headings = await _first_view(url, slug, query)
                    seen.append((slug, query, problems, [h for h in headings if h == title]))
        return seen

    with browser.streamlit_server() as url:
        seen = asyncio.run(walk(url))
    assert [s for s in seen if s[2] or not s[3]] == []  # no "page not found", and the page's own title


def test_the_accessibility_statement_opens_from_its_link_in_both_languages() -> None:
    async def both(url: str) -> list[tuple[list[str], list[str]]]:
        return [await _first_view(url, "tilgaengelighed", q) for q in ("", "lang=en", "mode=projector")]

    with browser.streamlit_server() as url:
        (da_problems, da), (en_problems, en), (pr_problems, _) = asyncio.run(both(url))
    assert da_problems == en_problems == pr_problems == []
    assert "Tilgængelighedserklæring" in da and "Accessibility statement" in en


@pytest.mark.parametrize(("lang", "words"), [("da", "delvist i overensstemmelse"), ("en", "partially compliant")])
def test_the_statement_says_its_status_in_the_sessions_language(lang: str, words: str) -> None:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(browser.ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("views/accessibility.py").run()
    text = "\n".join(m.value for m in at.markdown)
    assert words in text and "was.digst.dk" in text
    assert ("Compliance status" in text) == (lang == "en")  # the one language's part only
