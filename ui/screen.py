"""The browser window's size, reported to the server (projector mode lays its page out for it).

A 1280x720 projector gets the 1920x1080 page at two thirds the size (fonts,
chart heights), not a page that runs off the screen. No data leaves the page;
the page reruns when the window is resized.
"""

from __future__ import annotations

import streamlit as st

from planner.presentation.charts import theme

_SCREEN_JS = """
export default function(component) {
  const { setStateValue } = component;
  const report = () => setStateValue("screen", `${window.innerWidth}x${window.innerHeight}`);
  report();
  let timer = null;
  const onResize = () => { clearTimeout(timer); timer = setTimeout(report, 300); };
  window.addEventListener("resize", onResize);
  return () => window.removeEventListener("resize", onResize);
}
"""
_screen = st.components.v2.component("udrulningsplan_screen", js=_SCREEN_JS)


def reported() -> str | None:
    """'1280x720': the browser window's size in CSS pixels, once the browser has said it (else None)."""
    result = _screen(key="projector-screen", on_screen_change=lambda: None)
    screen = getattr(result, "screen", None) if result is not None else None
    return screen if isinstance(screen, str) else None


def scale(screen: str | None) -> float:
    """'1280x720' (the projector's size, as the browser reports it) -> 0.667; 1 for 1920x1080 or larger, or none."""
    try:
        width, height = (int(n) for n in (screen or "").lower().split("x"))
    except ValueError:
        return 1.0
    full_w, full_h = theme.PROJECTOR_SCREEN
    return round(max(0.5, min(1.0, width / full_w, height / full_h)), 3)
