"""Which part of the readiness matrix the vendors page shows.

One matrix of every vendor by every programme wave grows with the product of
the two; past ``MATRIX_COLUMNS`` programme waves the matrix is shown one group
of programmes (and their vendors) at a time, chosen beside the kind filter:
the browser draws hundreds of cells, not thousands.
"""

from __future__ import annotations

from typing import Any

from planner.analysis import matrix_paging
from planner.plan import loader
from planner.presentation import vendor_text
from ui import cache
from ui.context import Context

MATRIX_COLUMNS = 30  # programme waves per matrix: some 50 px each at 1920 px, and a few thousand cells at most
PROJECTOR_MATRIX_COLUMNS = 20  # on one projector screen: columns whose labels stay apart


def chosen(ctx: Context, where: Any) -> loader.Plan:
    """The part of the plan to draw the matrix of; a chooser in ``where`` when there is more than one."""
    per_part = PROJECTOR_MATRIX_COLUMNS if ctx.projector else MATRIX_COLUMNS
    parts = cache.value(matrix_paging.matrix_parts, ctx.plan, per_part)
    if len(parts) == 1:
        return parts[0]
    ranges = matrix_paging.part_ranges(parts)
    shown: int = where.selectbox(
        ctx.t("ctl.matrix_part"),
        range(len(parts)),
        format_func=lambda i: vendor_text.part_label(ranges[i][0], ranges[i][1], ranges[i][2], ctx.lang),
        key="matrix-part",
        placeholder=ctx.t("ctl.choose"),
    )
    return parts[shown]
