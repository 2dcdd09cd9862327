"""Udrulningsplan: the Streamlit entry point (wiring only).

Run with ``streamlit run app.py``; the data folder is ``data/`` or
``$PLANNER_DATA``. ``?mode=projector`` opens any page in projector mode.
"""

from __future__ import annotations

import streamlit as st

from planner.presentation import i18n
from planner.presentation.markdown import inert
from ui import access, context, data, draw, pack, projector, settings

st.set_page_config(page_title="Udrulningsplan", page_icon="📅", layout="wide")

if settings.closed_page(context.language()):  # an unreadable or access-widening setting: nothing else is shown
    st.stop()
preparing = st.empty()  # said while a first view after a start or a data change loads and draws the plan
if not data.prepared():
    preparing.info(inert(i18n.t("app.preparing", context.language())), icon=":material/hourglass_top:")
ctx = context.build()
draw.page_css(ctx)
draw.page_language(ctx)
# The page scripts live in views/, not pages/: with a pages/ folder Streamlit runs its older
# folder-based navigation on a server's first run, and a first visit to a deep link
# (/program) would show "Page not found" (tests/test_deep_links.py).
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


def page(view: str, slug: str, **options: object) -> st.Page:
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
if not access.may_view():  # [roles] viewers = "signed-in": nothing of the plan before signing in
    st.title(inert("Udrulningsplan"))
    st.info(inert(ctx.t("ed.sign_in_to_view")))
    access.sign_in_form(ctx)
    preparing.empty()
    st.stop()
if ctx.projector:
    projector.header(ctx, {**pages, "accessibility": statement}, shown)
else:
    context.sidebar(ctx)
    pack.downloads(ctx)
    st.sidebar.page_link(statement, label=ctx.t("page.accessibility"), icon=":material/accessibility:")
    projector.enter_if_requested()
warnings_only = not any(p.severity == "error" for p in ctx.plan.problems)
if not (ctx.projector and warnings_only):  # errors first, always; on the projector warnings go below the view
    draw.problem_panel(ctx)
nav.run()
if ctx.projector and warnings_only:
    draw.problem_panel(ctx)
data.mark_prepared(ctx.on_disk)
preparing.empty()
