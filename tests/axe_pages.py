"""The axe-core walk shared by the two data sets' tests: every page, normal and projector mode, Danish and English."""

from __future__ import annotations

from typing import Any

from tests import browser

PAGES = ["", "program", "beslutning", "leverandoerer", "kommuner", "maal", "aendringer", "boelgeplan", "rediger"]
VARIANTS = [(mode, lang) for mode in ("normal", "projector") for lang in ("da", "en")]
# the page has run and is whole: no placeholder, nothing stale, the app's own styles arrived and apply (axe must not
# measure a caption before its colour), every chart drawn
RAN = """() => !!document.querySelector('h1') && !document.querySelector('[data-testid="stStatusWidget"]')
  && !document.querySelector('[data-stale="true"]') && !document.querySelector('[data-testid="stSkeleton"]')
  && [...document.querySelectorAll('[data-testid="stElementContainer"]')].some(
       e => e.querySelector('style') && getComputedStyle(e).display === 'none')
  && [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))"""


def violations(chromium: Any, url: str, mode: str, lang: str) -> list[str]:
    """Every page in one mode and language, each in a fresh session: what axe-core finds, by page."""
    query = "&".join(
        q for q in ("mode=projector" if mode == "projector" else "", "lang=en" if lang == "en" else "") if q
    )
    found = []
    for slug in PAGES:
        context = chromium.new_context(viewport={"width": 1920, "height": 1080})
        page = context.new_page()
        page.goto(f"{url}/{slug}" + (f"?{query}" if query else ""))
        page.wait_for_selector("[data-testid='stApp']", timeout=60_000)
        page.wait_for_function(RAN, timeout=90_000)
        page.wait_for_timeout(1000)  # the last element's fade-in (a transition axe would measure half-done)
        page.wait_for_function(RAN, timeout=90_000)  # and still done: not a pause before the script's next part
        found += [f"/{slug} {mode} {lang}: {v}" for v in browser.axe_violations(page)]
        context.close()
    return found
