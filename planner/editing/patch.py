"""Changing values in a plan file's text and keeping every other byte.

An edit never re-dumps a file. It finds the exact characters of the value
(with ruamel.yaml's composer, which marks where every node starts and ends)
and replaces only those, so comments, key order, quoting and the
``# yaml-language-server`` line stay exactly as the author wrote them. Every
patched text is parsed again with :mod:`planner.yamlsafe` and must give the
old data with exactly the intended change; otherwise the next way of writing
the value is tried (plain, quoted, block), and if none works the edit is
refused.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import math
import os
import re
import textwrap
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from planner.editing.errors import EditError, Reason
from planner.editing.records import Append, Change, Delete, Edit, FieldPath, Scalar, Snapshot
from planner.plan import yamlsafe
from planner.plan.problems import field_path

# Files the app may write: the plan files, nothing else (no "..", no absolute paths).
_EDITABLE = re.compile(r"(?:portfolio\.yaml|vendors\.yaml|programmes/[a-z0-9][a-z0-9_-]{0,63}\.yaml)")
_FOLD_WIDTH = 80  # folded text is wrapped to this many columns, as the shipped files are

# ------------------------------------------------------------ reading


def check_name(file: str) -> str:
    """``file`` if it names an editable plan file inside the data folder, else :class:`EditError`."""
    if not isinstance(file, str) or not _EDITABLE.fullmatch(file):
        raise EditError(
            f"'{file}' is not a plan file that can be edited; use portfolio.yaml, vendors.yaml "
            "or programmes/<id>.yaml (lower-case id)",
            reason=Reason.NOT_PLAN_FILE,
            file=str(file),
        )
    return file


def file_path(data_dir: str | os.PathLike[str], file: str) -> Path:
    base = Path(data_dir).resolve()
    target = (base / check_name(file)).resolve()
    if not target.is_relative_to(base):  # e.g. programmes/ is a link out of the folder
        raise EditError(f"'{file}' lies outside the data folder; edit it there", reason=Reason.OUTSIDE_FOLDER, file=file)
    return Path(data_dir) / file


def snapshot_of(data_dir: str | os.PathLike[str], file: str, *, missing_ok: bool = False) -> Snapshot:
    path = file_path(data_dir, file)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if missing_ok:
            return Snapshot(file=file, text="", sha256="")
        raise EditError(f"{file} does not exist in the data folder", reason=Reason.FILE_MISSING, file=file) from None
    except OSError as exc:
        raise EditError(f"cannot read {file}: {exc.strerror}", reason=Reason.UNREADABLE, file=file) from None
    try:
        text = raw.decode("utf-8")  # a byte-order mark stays: the bytes must round-trip
    except UnicodeDecodeError:
        raise EditError(
            f"{file} is not saved as UTF-8; fix it (python -m planner validate says where)", reason=Reason.NOT_UTF8, file=file
        ) from None
    return Snapshot(file=file, text=text, sha256=sha(raw))


def read(data_dir: str | os.PathLike[str], file: str) -> Snapshot:
    """Read ``file`` (relative to the data folder) for editing."""
    return snapshot_of(data_dir, file)


def sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()



# ------------------------------------------------------------ editing text


def apply(snapshot: Snapshot, changes: Sequence[Change]) -> str:
    """The snapshot's text with ``changes`` made; only the changed values' characters differ."""
    bom = "\ufeff" if snapshot.text.startswith("\ufeff") else ""
    text = snapshot.text.removeprefix(bom)
    for change in changes:
        if change.file != snapshot.file:
            raise EditError(f"the edit is for {change.file} but the file read is {snapshot.file}")
        text = _apply_one(text, change)
    return bom + text


def describe(snapshot: Snapshot, changes: Sequence[Change]) -> list[tuple[str, str, str]]:
    """(what, old, new) for each change, as :func:`save` records it."""
    data = _parse(snapshot.text.removeprefix("\ufeff"), snapshot.file)
    out: list[tuple[str, str, str]] = []
    for change in changes:
        if isinstance(change, Edit) and same(data, _expected(data, change)):
            continue  # unchanged values are not logged
        if isinstance(change, Append):
            current = _get(data, change.path)
            index = len(current) if isinstance(current, list) else 0
            out.append((field_path((*change.path, index)), "", shown(normal(change.item))))
        elif isinstance(change, Delete):
            out.append((field_path(change.path), shown(_get(data, change.path)), ""))
        else:
            old = _get(data, change.path)
            out.append((field_path(change.path), shown(old), shown(normal(change.value))))
    return out


def _apply_one(text: str, change: Change) -> str:
    check_name(change.file)
    _check_path(change.path)
    data = _parse(text, change.file)
    expected = _expected(data, change)
    if same(data, expected):
        return text  # the value is already what was asked for: leave its writing alone
    root = _compose(text)
    for candidate in _candidates(text, root, change):
        if same(_parse_or_none(candidate), expected):
            return candidate
    what = field_path(change.path)
    raise EditError(
        f"{change.file}: {what}: the new value cannot be written here without changing other values; "
        "edit the file by hand or upload it",
        reason=Reason.CANNOT_WRITE_HERE,
        file=change.file,
        field=what,
    )


def _check_path(path: FieldPath) -> None:
    if not isinstance(path, tuple) or not path:
        raise EditError("an edit needs a path such as ('vendors', 0, 'name')")
    for part in path:
        if isinstance(part, bool) or not isinstance(part, (str, int)) or (isinstance(part, int) and part < 0):
            raise EditError(f"{part!r} is not a key or a list position in {path!r}")


def normal(value: object) -> Any:
    """The value as plain YAML data: dates become their text, tuples lists; anything else is refused."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        raise EditError(f"{value} is not a number that can be written in a plan", reason=Reason.BAD_VALUE, value=str(value))
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise EditError(
                "the text holds a character that cannot be saved (a lone surrogate); retype it",
                reason=Reason.LONE_SURROGATE,
            ) from None
        return value
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, dict):
        return {_key(k): normal(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [normal(v) for v in value]
    raise EditError(f"a {type(value).__name__} cannot be written in a plan; use text, a number, true/false or a date")


def _key(key: object) -> str:
    if not isinstance(key, str) or not key:
        raise EditError(f"{key!r} is not a key; keys are text")
    return key


def _expected(data: Any, change: Change) -> Any:
    """The data the patched text must give."""
    out = copy.deepcopy(data)
    *parents, last = change.path
    holder = _get(out, tuple(parents))
    if isinstance(change, Delete):
        if not (isinstance(holder, list) and isinstance(last, int) and last < len(holder)):
            raise EditError(
                f"{change.file} has no {field_path(change.path)}", reason=Reason.NO_SUCH_PLACE, field=field_path(change.path)
            )
        del holder[last]
        return out
    if isinstance(change, Append):
        item = normal(change.item)
        if isinstance(item, list):
            raise EditError("an appended item is a mapping of keys to values or one value")
        if isinstance(holder, dict) and last not in holder:
            holder[last] = []
        target = holder[last] if isinstance(holder, dict) and isinstance(last, str) else None
        if not isinstance(target, list):
            raise EditError(f"{field_path(change.path)} is not a list")
        target.append(item)
        return out
    value = normal(change.value)
    if isinstance(value, (dict, list)):
        raise EditError(f"{field_path(change.path)}: an edit sets one value; add list items with Append")
    if isinstance(holder, dict) and isinstance(last, str):
        if value is None:
            holder.pop(last, None)
        else:
            old = holder.get(last)
            if isinstance(old, (dict, list)):
                raise EditError(
                    f"{field_path(change.path)} is a {'list' if isinstance(old, list) else 'mapping'}; edit its items"
                )
            holder[last] = value
    elif isinstance(holder, list) and isinstance(last, int) and last < len(holder):
        if isinstance(holder[last], (dict, list)):
            raise EditError(f"{field_path(change.path)} is a list or mapping; edit its items")
        holder[last] = value
    else:
        raise EditError(
            f"{change.file} has no {field_path(change.path)}", reason=Reason.NO_SUCH_PLACE, field=field_path(change.path)
        )
    return out


def _get(data: Any, path: FieldPath) -> Any:
    current = data
    for i, part in enumerate(path):
        if _has(current, part):
            current = current[part]
        elif i == len(path) - 1 and isinstance(current, dict):
            return None  # a key not written yet
        else:
            raise EditError(f"there is no {field_path(path[: i + 1])}", reason=Reason.NO_SUCH_PLACE, field=field_path(path[: i + 1]))
    return current


def _has(container: Any, part: str | int) -> bool:
    if isinstance(container, dict):
        return isinstance(part, str) and part in container
    return isinstance(container, list) and isinstance(part, int) and part < len(container)


def _parse(text: str, file: str) -> Any:
    try:
        return yamlsafe.parse(text.encode("utf-8")).data
    except yamlsafe.YamlError as exc:
        raise EditError(
            f"{file}:{exc.line}:{exc.column}: {exc.message}; fix the file before editing it",
            reason=Reason.BROKEN_FILE,
            file=file,
            line=exc.line,
            column=exc.column,
        ) from None


def _parse_or_none(text: str) -> Any:
    try:
        return yamlsafe.parse(text.encode("utf-8")).data
    except yamlsafe.YamlError:
        return _UNPARSABLE


_UNPARSABLE = object()


def same(a: Any, b: Any) -> bool:
    """Equal with the same types throughout (1, 1.0 and true differ) and the same key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def _compose(text: str) -> Any:
    # Only called on text yamlsafe has accepted (size, depth and alias limits hold).
    try:
        return YAML(typ="rt").compose(text)
    except RuamelError as exc:
        raise EditError(f"the file cannot be edited here: {exc}") from None


# ------------------------------------------------------------ where a value is


@dataclass
class _Place:
    """Where the path leads: the node (None for a key not written yet) and its container."""

    node: Any
    parent: Any
    key_node: Any  # for a mapping value
    in_flow: bool
    column: int  # column of the key, or of the '-' of a list item


def _locate(root: Any, path: FieldPath) -> _Place:
    node, parent, key_node, in_flow, column = root, None, None, False, 0
    for i, part in enumerate(path):
        in_flow = in_flow or bool(getattr(node, "flow_style", False))
        parent = node
        if isinstance(node, MappingNode) and isinstance(part, str):
            pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None)
            if pair is None:
                if i < len(path) - 1:
                    raise EditError(f"there is no {field_path(path[: i + 1])}", reason=Reason.NO_SUCH_PLACE, field=field_path(path[: i + 1]))
                return _Place(None, node, None, in_flow, _key_column(node))
            key_node, node = pair
            column = key_node.start_mark.column
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            key_node, column = None, node.start_mark.column
            node = node.value[part]
        else:
            raise EditError(f"there is no {field_path(path[: i + 1])}", reason=Reason.NO_SUCH_PLACE, field=field_path(path[: i + 1]))
    return _Place(node, parent, key_node, in_flow, column)


def _key_column(mapping: Any) -> int:
    return int(mapping.value[0][0].start_mark.column) if mapping.value else int(mapping.start_mark.column)


def _end(text: str, node: Any) -> int:
    """Where the node's own characters end (a block scalar's trailing blank lines are not its own)."""
    if isinstance(node, ScalarNode):
        end = node.end_mark.index
        if _empty(node):
            return _before_blank(text, end)
        if node.style in ("|", ">"):
            while end > node.start_mark.index and text[end - 1] in " \r\n":
                end -= 1
        return int(end)
    if getattr(node, "flow_style", False) or not node.value:
        return int(node.end_mark.index)
    last = node.value[-1]
    return _end(text, last[1] if isinstance(last, tuple) else last)


def _before_blank(text: str, index: int) -> int:
    """The end of the last line before ``index`` that is neither blank nor a comment.

    An empty value (``key:`` and nothing) is marked at the next token, which
    may be lines further down.
    """
    end = index
    while end > 0:
        start = _line_start(text, end)
        content = text[start:end].strip()
        if content and not content.startswith("#"):
            return start + len(text[start:end].rstrip())
        end = max(start - 1, 0)
    return 0


def _empty(node: Any) -> bool:
    return isinstance(node, ScalarNode) and node.style is None and node.value == ""


def _after_line(text: str, index: int, nl: str) -> tuple[int, str]:
    """The start of the line after ``index``, and a line break to add first if the file has no last one."""
    found = text.find("\n", index)
    return (found + 1, "") if found >= 0 else (len(text), nl)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


# ------------------------------------------------------------ candidate texts


def _candidates(text: str, root: Any, change: Change) -> Iterator[str]:
    nl = "\r\n" if "\r\n" in text else "\n"
    place = _locate(root, change.path)
    if isinstance(change, Append):
        yield from _append(text, place, change, nl)
        return
    if isinstance(change, Delete):
        yield from _delete_item(text, place)
        return
    value = normal(change.value)
    if value is None:
        yield from _remove(text, place)
        return
    if place.node is None:
        yield from _insert_key(text, place, str(change.path[-1]), value, nl)
        return
    if not isinstance(place.node, ScalarNode):
        raise EditError(f"{field_path(change.path)} is a list or mapping; edit its items")
    start, end, lead = place.node.start_mark.index, _end(text, place.node), ""
    if _empty(place.node) and place.key_node is not None:  # `key:` with nothing after it
        start = end = text.index(":", place.key_node.end_mark.index) + 1
        lead = " "
    for written in _writings(value, place.node.style, place.in_flow, place.column + 2, nl):
        yield text[:start] + lead + written + text[end:]


def _remove(text: str, place: _Place) -> Iterator[str]:
    if place.node is None:
        yield text  # nothing written, nothing to remove
        return
    if place.key_node is None:  # a list item: keep its place
        yield text[: place.node.start_mark.index] + "null" + text[_end(text, place.node) :]
        return
    if place.in_flow or place.parent.flow_style:
        yield _remove_flow_pair(text, place)
        return
    start = _line_start(text, place.key_node.start_mark.index)
    if text[start : place.key_node.start_mark.index].strip():
        raise EditError("the first key of a list item cannot be removed; give it a value instead")
    end, _ = _after_line(text, _end(text, place.node), "")
    yield text[:start] + text[end:]


def _remove_flow_pair(text: str, place: _Place) -> str:
    """``{a: 1, b: 2}`` without ``a: 1`` (and the comma that went with it)."""
    pairs = place.parent.value
    i = next(n for n, (k, _) in enumerate(pairs) if k is place.key_node)
    if i + 1 < len(pairs):
        return text[: place.key_node.start_mark.index] + text[pairs[i + 1][0].start_mark.index :]
    end = _end(text, place.node)
    start = _end(text, pairs[i - 1][1]) if i else place.key_node.start_mark.index
    return text[:start] + text[end:]


def _delete_item(text: str, place: _Place) -> Iterator[str]:
    """The list without the item at ``place`` (its lines for a block list, its entry for a flow list)."""
    seq, node = place.parent, place.node
    if not isinstance(seq, SequenceNode) or node is None:
        raise EditError("only list items can be removed")
    i = next(n for n, item in enumerate(seq.value) if item is node)
    if place.in_flow or seq.flow_style:
        if len(seq.value) == 1:
            yield text[: seq.start_mark.index] + "[]" + text[seq.end_mark.index :]
        elif i + 1 < len(seq.value):
            yield text[: node.start_mark.index] + text[seq.value[i + 1].start_mark.index :]
        else:
            yield text[: _end(text, seq.value[i - 1])] + text[_end(text, node) :]
        return
    start = _line_start(text, node.start_mark.index)
    if text[start : node.start_mark.index].strip() != "-":
        raise EditError("this list item cannot be removed here; edit the file by hand", reason=Reason.CANNOT_WRITE_HERE,
                        file="", field="")
    end, _ = _after_line(text, _end(text, node), "")
    if len(seq.value) == 1:  # the list becomes empty: write it as []
        dash = start + text[start:].index("-")
        yield text[:dash] + "[]" + text[_after_line(text, _end(text, node), "")[0] - 1 :]
        return
    yield text[:start] + text[end:]


def _insert_key(text: str, place: _Place, key: str, value: Scalar, nl: str) -> Iterator[str]:
    mapping = place.parent
    if not isinstance(mapping, MappingNode):
        raise EditError(f"cannot add '{key}' here: it is not inside a mapping")
    key_text = _scalar(key, flow=place.in_flow)
    if place.in_flow or mapping.flow_style:
        close = mapping.end_mark.index - 1  # the '}'
        sep = ", " if mapping.value else ""
        for written in _writings(value, None, True, 0, nl):
            yield text[:close] + f"{sep}{key_text}: {written}" + text[close:]
        return
    at, lead = _after_line(text, _end(text, mapping), nl)
    indent = " " * place.column
    for written in _writings(value, None, False, place.column + 2, nl):
        yield text[:at] + lead + f"{indent}{key_text}: {written}{nl}" + text[at:]


def _append(text: str, place: _Place, change: Append, nl: str) -> Iterator[str]:
    item = normal(change.item)
    node = place.node
    if node is None:  # the key is not written yet: add it with a block list under it
        mapping = place.parent
        if not isinstance(mapping, MappingNode) or place.in_flow or mapping.flow_style:
            raise EditError(f"cannot add the list {field_path(change.path)} here; add it by hand")
        at, lead = _after_line(text, _end(text, mapping), nl)
        head = " " * place.column + _scalar(str(change.path[-1]), flow=False) + ":"
        body = _item_lines(item, place.column + 2)
        yield text[:at] + lead + nl.join([head, *body]) + nl + text[at:]
        return
    if not isinstance(node, SequenceNode):
        raise EditError(f"{field_path(change.path)} is not a list")
    if place.in_flow or node.flow_style:
        close = node.end_mark.index - 1  # the ']'
        sep = ", " if node.value else ""
        yield text[:close] + sep + _flow(item) + text[close:]
        return
    at, lead = _after_line(text, _end(text, node), nl)
    yield text[:at] + lead + nl.join(_item_lines(item, node.start_mark.column)) + nl + text[at:]


# ------------------------------------------------------------ writing values


def _writings(value: Scalar, style: str | None, in_flow: bool, indent: int, nl: str) -> Iterator[str]:
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
    return bool(value) and value == value.strip() and not any(c in value for c in "\r\n\t")


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


def _scalar(value: Scalar, *, flow: bool) -> str:
    """The first way to write ``value`` that reads back as exactly ``value`` on its own."""
    for written in _writings(value, None, True, 0, "\n"):
        probe = f"k: [{written}]\n" if flow else f"k: {written}\n"
        got = _parse_or_none(probe)
        if isinstance(got, dict) and same(got.get("k"), [value] if flow else value):
            return written
    raise EditError(f"{value!r} cannot be written in a plan file")


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(k, flow=True)}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return _scalar(value, flow=True)


def _mapping_lines(mapping: dict[str, Any], column: int) -> list[str]:
    pad, lines = " " * column, []
    for key, value in mapping.items():
        head = f"{pad}{_scalar(key, flow=False)}:"
        if isinstance(value, dict) and value:
            lines += [head, *_mapping_lines(value, column + 2)]
        elif isinstance(value, list) and any(isinstance(v, dict) for v in value):
            lines.append(head)
            for v in value:
                lines += _item_lines(v, column + 2) if isinstance(v, dict) else [f"{pad}  - {_flow(v)}"]
        elif isinstance(value, (dict, list)):
            lines.append(f"{head} {_flow(value)}")
        else:
            lines.append(f"{head} {_scalar(value, flow=False)}")
    return lines


def _item_lines(item: Any, dash: int) -> list[str]:
    """A mapping (or one value) as a block list item whose '-' is at column ``dash``."""
    if not isinstance(item, dict):
        return [" " * dash + "- " + _flow(item)]
    if not item:
        return [" " * dash + "- {}"]
    body = _mapping_lines(item, dash + 2)
    return [" " * dash + "- " + body[0][dash + 2 :], *body[1:]]


def shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def parse(snapshot: Snapshot) -> Any:
    """The snapshot's data as the loader reads it (an :class:`EditError` if it cannot be read)."""
    return _parse(snapshot.text.removeprefix("\ufeff"), snapshot.file)
