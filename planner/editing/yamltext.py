"""How a value is written as YAML text: the author's style first, then plain, quoted or block; always read back exactly."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from typing import Any

from planner.editing.errors import EditError
from planner.editing.records import Scalar
from planner.editing.values import parse_or_none, same
from planner.plan.yamlsafe import reads_as_text_everywhere

_FOLD_WIDTH = 80  # folded text is wrapped to this many columns, as the shipped files are


def writings(value: Scalar, style: str | None, in_flow: bool, indent: int, nl: str) -> Iterator[str]:
    """Ways to write ``value`` in place of a scalar of ``style``, the author's style first."""
    if not isinstance(value, str):
        yield _plain_text(value)
        return
    if style in ("|", ">") and value and not in_flow:
        yield _block(value, style, indent, nl)
    if style == "'" and (single := _single(value)):
        yield single
    if style is None and _plain_ok(value):
        yield value
    if style is None and "\n" in value and not in_flow:
        yield _block(value, "|", indent, nl)
    yield _double(value)


def _plain_text(value: Scalar) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, float) else str(value)


def _plain_ok(value: str) -> bool:
    return (
        bool(value)
        and value == value.strip()
        and not any(c in value for c in "\r\n\t")
        and reads_as_text_everywhere(value)  # quoted where other YAML 1.1 readers would see a number or true/false
    )


def _single(value: str) -> str | None:
    if any(not _printable(c) or c in "\r\n" for c in value):
        return None
    return "'" + value.replace("'", "''") + "'"


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}


def _double(value: str) -> str:
    """A double-quoted scalar that reads back as exactly ``value`` (never folded, never unprintable)."""
    out = []
    for c in value:
        if c in _ESCAPES:
            out.append(_ESCAPES[c])
        elif not _printable(c) or c in "\x85\u2028\u2029\ufeff":
            out.append(
                f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"
            )
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _printable(c: str) -> bool:
    """YAML's printable set (what a file may hold unescaped)."""
    o = ord(c)
    return (
        o in (0x9, 0xA, 0xD)
        or 0x20 <= o <= 0x7E
        or o == 0x85
        or 0xA0 <= o <= 0xD7FF
        or 0xE000 <= o <= 0xFFFD
        or 0x10000 <= o <= 0x10FFFF
    )


def _block(value: str, style: str, indent: int, nl: str) -> str:
    """``|`` or ``>`` with the text's lines under it (folded text wrapped as the author's was)."""
    body = value[:-1] if value.endswith("\n") else value
    chomp = "" if value.endswith("\n") else "-"
    pad = " " * indent
    if style == ">":
        paragraphs = [
            textwrap.wrap(p, width=max(20, _FOLD_WIDTH - indent), break_long_words=False, break_on_hyphens=False)
            for p in body.split("\n")
        ]
        lines: list[str] = []
        for i, para in enumerate(paragraphs):
            lines += ([""] if i else []) + para
    else:
        lines = body.split("\n")
    return style + chomp + "".join(nl + (pad + line if line else "") for line in lines)


def scalar(value: Scalar, *, flow: bool) -> str:
    """The first way to write ``value`` that reads back as exactly ``value`` on its own."""
    for written in writings(value, None, True, 0, "\n"):
        probe = f"k: [{written}]\n" if flow else f"k: {written}\n"
        got = parse_or_none(probe)
        if isinstance(got, dict) and same(got.get("k"), [value] if flow else value):
            return written
    raise EditError(f"{value!r} cannot be written in a plan file")


def flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{scalar(k, flow=True)}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value, flow=True)


def mapping_lines(mapping: dict[str, Any], column: int) -> list[str]:
    pad, lines = " " * column, []
    for key, value in mapping.items():
        head = f"{pad}{scalar(key, flow=False)}:"
        if isinstance(value, dict) and value:
            lines += [head, *mapping_lines(value, column + 2)]
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            lines.append(head)
            for v in value:
                lines += item_lines(v, column + 2) if isinstance(v, dict) else [f"{pad}  - {flow(v)}"]
        elif isinstance(value, (dict, list)):
            lines.append(f"{head} {flow(value)}")
        else:
            lines.append(f"{head} {scalar(value, flow=False)}")
    return lines


def item_lines(item: Any, dash: int) -> list[str]:
    """A mapping (or one value) as a block list item whose '-' is at column ``dash``."""
    if not isinstance(item, dict):
        return [" " * dash + "- " + flow(item)]
    if not item:
        return [" " * dash + "- {}"]
    body = mapping_lines(item, dash + 2)
    return [" " * dash + "- " + body[0][dash + 2 :], *body[1:]]
