"""Tilgængelighed: the accessibility statement, in the session's language."""

from __future__ import annotations

from ui import context, draw, statement

ctx = context.get()
draw.header(ctx, ctx.t("page.accessibility"))
statement.show(ctx)
