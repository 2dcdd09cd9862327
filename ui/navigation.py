"""The app's pages: their scripts, titles and addresses in both languages, and which one is shown.

The page scripts live in views/, not pages/: with a pages/ folder Streamlit
runs its older folder-based navigation on a server's first run, and a first
visit to a deep link (/program) would show "Page not found"
(tests/test_deep_links.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from planner.presentation import i18n
from ui.context import Context

VIEWS = {  # view: (script, title key, Danish slug, English slug); the meeting's views first, in meeting order
    "overview": ("views/overview.py", "page.overview", "overblik", "overview"),
    "programme": ("views/programme.py", "page.programme", "program", "programme"),
    "decision": ("views/decision.py", "page.decision", "beslutning", "decision"),
    "vendors": ("views/vendors.py", "page.vendors", "leverandoerer", "vendors"),
    "municipalities": ("views/municipalities.py", "page.municipalities", "kommuner", "municipalities"),
    "targets": ("views/targets.py", "page.targets", "maal", "targets"),
    # not part of the meeting: planning tools
    "changes": ("views/changes.py", "page.changes", "aendringer", "changes"),
    "waves": ("views/waves.py", "page.waves", "boelgeplan", "waves"),
    "edit": ("views/edit.py", "page.edit", "rediger", "edit"),
}
HOME = "start"  # the first page is served at the root; both its slugs are aliases, as a default page's own is not


@dataclass(frozen=True)
class Navigation:
    """The pages in the menu (by view), the accessibility statement, the page to run and its view."""

    pages: dict[str, Any]
    statement: Any
    page: Any
    shown: str


def build(ctx: Context) -> Navigation:
    """Every page under its Danish address, its other addresses as hidden aliases; the menu in the
    sidebar (hidden on the projector, which draws its own header)."""

    def page(view: str, slug: str, **options: object) -> Any:
        path, key, *_ = VIEWS[view]
        return st.Page(path, title=i18n.t(key, ctx.lang), url_path=slug, **options)  # type: ignore[arg-type]

    pages = {view: page(view, slugs[2], default=False) for view, slugs in VIEWS.items()}
    pages["overview"] = page("overview", HOME, default=True)
    aliases = [  # every page's other slugs: its English one, and the first page's Danish one: a shared link works
        (view, page(view, slug, visibility="hidden"))
        for view, (_, _, da, en) in VIEWS.items()
        for slug in ((da, en) if view == "overview" else (en,))
    ]
    statement = st.Page(
        "views/accessibility.py",
        title=i18n.t("page.accessibility", ctx.lang),
        url_path="tilgaengelighed",
        visibility="hidden",
    )
    aliases += [("accessibility", statement)]
    nav = st.navigation([*pages.values(), *(p for _, p in aliases)], position="hidden" if ctx.projector else "sidebar")
    shown = next(view for view, p in [*pages.items(), *aliases] if p is nav)
    return Navigation(pages, statement, nav, shown)
