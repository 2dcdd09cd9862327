"""Tilgængelighed: the accessibility statement (docs/accessibility.md), in the session's language."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import context, draw

STATEMENT = Path(__file__).resolve().parent.parent / "docs" / "accessibility.md"
SECTIONS = {"da": "## Dansk", "en": "## English"}

ctx = context.get()
draw.header(ctx, ctx.t("page.accessibility"))
text = STATEMENT.read_text(encoding="utf-8")
part = text.split(SECTIONS[ctx.lang], 1)[1].split("\n## ", 1)[0]  # this language's part, to the next language
st.markdown(part.replace("### ", "#### "))  # our own document, not plan data: its links are meant
