"""What an editable workbook carries so it can come back: its hidden sheet's name and layout.

The meeting pack's workbook (planner/presentation/workbook.py) is for people; to be edited and imported
again (planner/editing/workbook_import.py) it also carries a hidden sheet describing itself: the plan and
file versions it was made from, the words its cells use for states, and for each cell people may change
where that value lives in which plan file and what it was. Both sides read this module, so neither needs
the other.
"""

from __future__ import annotations

SHEET = "_udrulningsplan"  # hidden
FORMAT = "udrulningsplan-workbook-1"
# the meta rows (name in column A, JSON or text in column B), then a header row and one row per editable cell
META = ("format", "title", "lang", "files", "labels", "sheets", "rows")
CELL_COLUMNS = ("cell", "sheet", "header", "kind", "file", "find", "field", "raw", "shown", "key_cell", "key_text")
# what kind of value a cell holds: how a changed cell is read back
ROW = "row"  # a row as shown (every cell's value as JSON in "shown"): what is not editable must stay as it was
