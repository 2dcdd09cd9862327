"""Where a value is in a file's text: the node a path leads to, and where its own characters start and end.

ruamel.yaml's composer marks where every node starts and ends; a block
scalar's trailing blank lines and an empty value's position need care.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from planner.editing.errors import EditError, Reason
from planner.editing.records import FieldPath
from planner.plan.problems import field_path


@dataclass
class Place:
    """Where the path leads: the node (None for a key not written yet) and its container."""

    node: Any
    parent: Any
    key_node: Any  # for a mapping value
    in_flow: bool
    column: int  # column of the key, or of the '-' of a list item


def locate(root: Any, path: FieldPath) -> Place:
    node, parent, key_node, in_flow, column = root, None, None, False, 0
    for i, part in enumerate(path):
        in_flow = in_flow or bool(getattr(node, "flow_style", False))
        parent = node
        if isinstance(node, MappingNode) and isinstance(part, str):
            pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None)
            if pair is None:
                if i < len(path) - 1:
                    raise EditError(
                        f"there is no {field_path(path[: i + 1])}",
                        reason=Reason.NO_SUCH_PLACE,
                        field=field_path(path[: i + 1]),
                    )
                return Place(None, node, None, in_flow, key_column(node))
            key_node, node = pair
            column = key_node.start_mark.column
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            key_node, column = None, node.start_mark.column
            node = node.value[part]
        else:
            raise EditError(
                f"there is no {field_path(path[: i + 1])}", reason=Reason.NO_SUCH_PLACE, field=field_path(path[: i + 1])
            )
    return Place(node, parent, key_node, in_flow, column)


def key_column(mapping: Any) -> int:
    return int(mapping.value[0][0].start_mark.column) if mapping.value else int(mapping.start_mark.column)


def end_of(text: str, node: Any) -> int:
    """Where the node's own characters end (a block scalar's trailing blank lines are not its own)."""
    if isinstance(node, ScalarNode):
        end = node.end_mark.index
        if is_empty(node):
            return before_blank(text, end)
        if node.style in ("|", ">"):
            while end > node.start_mark.index and text[end - 1] in " \r\n":
                end -= 1
        return int(end)
    if getattr(node, "flow_style", False) or not node.value:
        return int(node.end_mark.index)
    last = node.value[-1]
    return end_of(text, last[1] if isinstance(last, tuple) else last)


def before_blank(text: str, index: int) -> int:
    """The end of the last line before ``index`` that is neither blank nor a comment.

    An empty value (``key:`` and nothing) is marked at the next token, which
    may be lines further down.
    """
    end = index
    while end > 0:
        start = line_start(text, end)
        content = text[start:end].strip()
        if content and not content.startswith("#"):
            return start + len(text[start:end].rstrip())
        end = max(start - 1, 0)
    return 0


def is_empty(node: Any) -> bool:
    return isinstance(node, ScalarNode) and node.style is None and node.value == ""


def after_line(text: str, index: int, nl: str) -> tuple[int, str]:
    """The start of the line after ``index``, and a line break to add first if the file has no last one."""
    found = text.find("\n", index)
    return (found + 1, "") if found >= 0 else (len(text), nl)


def line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1
