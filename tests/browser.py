"""Helpers for the browser tests: a real Streamlit server and Debian's chromium."""

from __future__ import annotations

import contextlib
import urllib.request
from collections.abc import Iterator

from tools import serve

ROOT = serve.ROOT
CHROMIUM, CHROMIUM_ARGS = serve.CHROMIUM, serve.CHROMIUM_ARGS
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
PAGES = {
    "overview": "",
    "programme": "program",
    "decision": "beslutning",
    "vendors": "leverandoerer",
    "municipalities": "kommuner",
    "targets": "maal",
}


@contextlib.contextmanager
def streamlit_server(
    data_dir: str | None = None,
    timeout: float = 60,
    secrets: str | None = None,
    port: int | None = None,
    env: dict[str, str] | None = None,
) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a loopback port (free unless given); yield its URL."""
    with serve.streamlit(data_dir, timeout=timeout, secrets=secrets, port=port, env=env) as (url, _):
        yield url


def wait_for_page(page, charts: int = 1, timeout_ms: int = 45_000) -> None:  # type: ignore[no-untyped-def]
    """Wait until the app has run: no spinner, charts drawn."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        f" && document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(800)


def warm_up(url: str) -> None:
    """Run the app once, so the first deep link finds its pages registered."""
    with urllib.request.urlopen(url + "/", timeout=10):
        pass
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = b.new_page()
        page.goto(url + "/")
        wait_for_page(page)
        b.close()


# Every pair of visible text boxes in each plotly chart that overlap by more than 2 px both ways:
# [chart index, text, other text, overlap width, overlap height].
OVERLAPPING_TEXT_JS = """
() => {
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach((plot, ci) => {
    const boxes = [];
    plot.querySelectorAll('text').forEach(t => {
      const s = (t.textContent || '').trim();
      const cs = getComputedStyle(t);
      if (!s || cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return;
      const r = t.getBoundingClientRect();
      if (r.width >= 1 && r.height >= 1) boxes.push({s, l: r.left, r: r.right, t: r.top, b: r.bottom});
    });
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      const w = Math.min(a.r, b.r) - Math.max(a.l, b.l), h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
      if (w > 2 && h > 2) out.push([ci, a.s.slice(0, 50), b.s.slice(0, 50), Math.round(w), Math.round(h)]);
    }
  });
  return out;
}
"""


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # WCAG 2.1 AA, as webtilgængelighedsloven asks


def axe_violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    """What axe-core finds on the page against WCAG 2.1 A and AA, every impact: 'rule: target (summary)'."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response["violations"]
    return [
        f"{v['id']}: {' '.join(map(str, n['target']))} ({' '.join(n.get('failureSummary', '').split())[-160:]})"
        for v in found
        for n in v["nodes"]
    ]
