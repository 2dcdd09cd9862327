"""The accessibility statement (docs/accessibility.md): one language's part of it, drawn."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from planner.presentation.markdown import inert
from ui.context import Context

STATEMENT = Path(__file__).resolve().parent.parent / "docs" / "accessibility.md"
SECTIONS = {"da": "## Dansk", "en": "## English"}


def show(ctx: Context) -> None:
    """The statement in the session's language: its part, from its heading to the next language's."""
    text = STATEMENT.read_text(encoding="utf-8")
    part = text.split(SECTIONS[ctx.lang], 1)[1].split("\n## ", 1)[0]
    st.markdown(inert(part.replace("### ", "#### ")))  # web addresses are written bare: they still link
