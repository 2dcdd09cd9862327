"""Helpers for the browser tests: a real Streamlit server and Debian's chromium."""

from __future__ import annotations

import contextlib
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


def editable_copy(tmp: Path, password: str) -> tuple[Path, Path]:
    """The shipped data copied to ``tmp/data`` (readiness states stated, to edit) and a secrets file that switches
    editing on with ``password``: (data folder, secrets file)."""
    import shutil

    from tests.conftest import with_stated_readiness

    data = tmp / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("baselines"))
    with_stated_readiness(data)
    secrets = tmp / "secrets.toml"
    secrets.write_text(f'[editing]\nenabled = true\npassword = "{password}"\n', encoding="utf-8")
    return data, secrets


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


def wait_for_page(page, charts: int = 1, timeout_ms: int = 45_000) -> None:
    """Wait until the app has run: no spinner, charts drawn."""
    page.wait_for_selector("[data-testid='stApp']", timeout=timeout_ms)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        f" && document.querySelectorAll('.js-plotly-plot .main-svg').length >= {charts}",
        timeout=timeout_ms,
    )
    quiet(page)


# Resolves once nothing in the page has changed for ``still`` ms (a MutationObserver on the whole document), or
# after ``most`` ms of a page that keeps changing: what a test reads next is the page at rest, not mid-render.
QUIET = """([still, most]) => new Promise(resolve => {
    let timer;
    const done = () => { observer.disconnect(); clearTimeout(cap); resolve(true); };
    const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(done, still); });
    observer.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    timer = setTimeout(done, still);
    const cap = setTimeout(done, most);
})"""


def quiet(page: Any, still: int = 300, most: int = 5_000) -> None:
    """Wait until the page has been still for ``still`` ms (at most ``most`` ms): a condition, not a fixed sleep."""
    page.evaluate(QUIET, [still, most])


def warm_up(url: str, chromium: Any = None) -> None:
    """Run the app once, so the first deep link finds its pages registered (in ``chromium`` where a test has one
    running: Playwright's sync API runs one at a time)."""
    with urllib.request.urlopen(url + "/", timeout=10):
        pass
    if chromium is not None:
        page = chromium.new_page()
        page.goto(url + "/")
        wait_for_page(page)
        page.close()
        return
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        page = b.new_page()
        page.goto(url + "/")
        wait_for_page(page)
        b.close()


# What a room would see wrong with the page's charts and key figures, as [chart index, fault, text, other text,
# overlap width, overlap height] (chart -1: the page's own text):
# - "text on text": two visible texts of a chart overlap by more than 2 px both ways;
# - "text on bar" / "marker" / "shape" / "arrow" / "line": a text lies on a mark: partly on a filled mark (a text
#   wholly inside a bar or band is its label), or crossed by a line or an arrow (its path sampled, not its box);
#   marks are clipped to the plot area as plotly draws them; background bands and grid lines are not marks;
# - "outside the chart": a text runs past its chart's edges (cut off by the browser);
# - "clipped": a text cut short with "…" (a chart's or a key figure's with CSS text-overflow).
CHART_FAULTS_JS = r"""
() => {
  const out = [];
  const visible = el => { for (let e = el; e && e.nodeType === 1; e = e.parentElement) { const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden' || cs.opacity === '0') return false; } return true; };
  const box = r => ({l: r.left, r: r.right, t: r.top, b: r.bottom});
  const cross = (a, b) => [Math.min(a.r, b.r) - Math.max(a.l, b.l), Math.min(a.b, b.b) - Math.max(a.t, b.t)];
  const inside = (a, b) => a.l >= b.l - 1 && a.r <= b.r + 1 && a.t >= b.t - 1 && a.b <= b.b + 1;
  document.querySelectorAll('.js-plotly-plot').forEach((plot, ci) => {
    if (!visible(plot)) return;
    const svg = plot.querySelector('.main-svg'); if (!svg) return;
    const frame = box(svg.getBoundingClientRect());
    const texts = [];
    plot.querySelectorAll('text').forEach(t => {
      const s = (t.textContent || '').trim();
      if (!s || !visible(t)) return;
      const r = t.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) return;
      const b = box(r); b.s = s.slice(0, 50); b.el = t; texts.push(b);
      if (/(…|\.\.\.)$/.test(s)) out.push([ci, 'clipped', b.s, '', 0, 0]);
      if (b.l < frame.l - 1 || b.r > frame.r + 1 || b.t < frame.t - 1 || b.b > frame.b + 1)
        out.push([ci, 'outside the chart', b.s, '', 0, 0]);
    });
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const [w, h] = cross(texts[i], texts[j]);
      if (w > 2 && h > 2) out.push([ci, 'text on text', texts[i].s, texts[j].s, Math.round(w), Math.round(h)]);
    }
    // marks: bars, markers, shapes, annotation arrows (not legend symbols, not heatmap cells, not the map)
    const marks = plot.querySelectorAll(
      '.barlayer .point path, .scatterlayer .points path, .shapelayer path, .annotation-arrow-g path, .scatterlayer .js-line');
    const drag = plot.querySelector('.nsewdrag');
    const area = drag ? box(drag.getBoundingClientRect()) : frame;
    marks.forEach(m => {
      if (!visible(m) || m.closest('.layer-below') || m.closest('.legend')) return;  // background bands, legend keys
      const cs = getComputedStyle(m);
      const filled = cs.fill !== 'none' && parseFloat(cs.fillOpacity || '1') > 0.05;
      const stroked = cs.stroke !== 'none' && parseFloat(cs.strokeOpacity || '1') > 0.05 && parseFloat(cs.strokeWidth) > 0;
      if (!filled && !stroked) return;
      const raw = box(m.getBoundingClientRect());
      const inPlot = !m.closest('.annotation-arrow-g') && !m.closest('.layer-above');
      const mb = inPlot ? {l: Math.max(raw.l, area.l), r: Math.min(raw.r, area.r), t: Math.max(raw.t, area.t), b: Math.min(raw.b, area.b)} : raw;
      if (mb.r - mb.l < 0.5 && mb.b - mb.t < 0.5 || mb.r < mb.l || mb.b < mb.t) return;
      const name = m.closest('.annotation-arrow-g') ? 'arrow' : m.closest('.shapelayer') ? 'shape'
        : m.closest('.barlayer') ? 'bar' : m.classList.contains('js-line') ? 'line' : 'marker';
      const big = (mb.r - mb.l) > 4 && (mb.b - mb.t) > 4;
      texts.forEach(t => {
        const [w, h] = cross(t, mb);
        if (w <= 2 || h <= 2) return;
        if (filled && big && inside(t, mb)) return; // a label inside its bar or band
        if (filled && big && (name === 'bar' || name === 'shape') && m.closest('.point') && m.closest('.point').contains(t.el)) return;
        if (!filled || !big || name === 'arrow' || name === 'line') {
          // a line or arrow: only where its path crosses the text
          const ctm = m.getScreenCTM(); let n = 0;
          try { n = m.getTotalLength(); } catch (e) { return; }
          const pt = svg.createSVGPoint(); let hit = false;
          for (let k = 0; k <= 60 && !hit; k++) {
            const p = m.getPointAtLength(n * k / 60); pt.x = p.x; pt.y = p.y; const q = pt.matrixTransform(ctm);
            if (q.x > t.l + 1 && q.x < t.r - 1 && q.y > t.t + 1 && q.y < t.b - 1) hit = true;
          }
          if (!hit) return;
        }
        out.push([ci, 'text on ' + name, t.s, '', Math.round(w), Math.round(h)]);
      });
    });
  });
  // values cut by the page's own styles (st.metric and friends): text-overflow: ellipsis that overflows
  document.querySelectorAll('[data-testid="stMain"] *').forEach(e => {
    if (e.textContent.trim() && visible(e)) {
      const cs = getComputedStyle(e);
      if (cs.textOverflow === 'ellipsis' && e.scrollWidth > e.clientWidth + 1) out.push([-1, 'clipped', e.textContent.trim().slice(0, 50), '', 0, 0]);
    }
  });
  return out;
}
"""


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # WCAG 2.1 AA, as webtilgængelighedsloven asks


def axe_violations(page) -> list[str]:
    """What axe-core finds on the page against WCAG 2.1 A and AA, every impact: 'rule: target (summary)'."""
    from axe_playwright_python.sync_playwright import Axe

    found = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}}).response["violations"]
    return [
        f"{v['id']}: {' '.join(map(str, n['target']))} ({' '.join(n.get('failureSummary', '').split())[-160:]})"
        for v in found
        for n in v["nodes"]
    ]
