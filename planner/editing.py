"""Safe editing of plan files: change values, keep every other byte.

An edit never re-dumps a file. It finds the exact characters of the value
(with ruamel.yaml's composer, which marks where every node starts and ends)
and replaces only those, so comments, key order, quoting and the
``# yaml-language-server`` line stay exactly as the author wrote them. Every
patched text is parsed again with :mod:`planner.yamlsafe` and must give the
old data with exactly the intended change; otherwise the next way of writing
the value is tried (plain, quoted, block), and if none works the edit is
refused.

Saving is separate from editing::

    snap = editing.read(data_dir, "vendors.yaml")
    text = editing.apply(snap, [editing.Edit("vendors.yaml", ("vendors", 2, "readiness", 0, "state"), "late")])
    problems = editing.validate_text(data_dir, "vendors.yaml", text)   # same rules as `validate`
    editing.save(data_dir, snap, text, who="Mette", summary=editing.describe(snap, edits))

:func:`save` refuses when the file changed on disk since ``snap`` was read
(:class:`ConflictError`, with a diff) or when the new text has errors
(:class:`InvalidEdit`); it writes atomically, appends to
``<data>/changelog.jsonl`` and commits to git when the folder is in a
repository. This module never imports streamlit.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import difflib
import hashlib
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
import textwrap
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from planner import loader, yamlsafe
from planner.problems import Problem, Severity, field_path, has_errors

try:  # POSIX only; elsewhere the in-process lock still serialises app sessions
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

CHANGELOG_FILE = "changelog.jsonl"
# Files the app may write: the plan files, nothing else (no "..", no absolute paths).
_EDITABLE = re.compile(r"(?:portfolio\.yaml|vendors\.yaml|programmes/[a-z0-9][a-z0-9_-]{0,63}\.yaml)")
_FOLD_WIDTH = 80  # folded text is wrapped to this many columns, as the shipped files are
_SHOWN_MAX = 60  # longer old/new values are shortened in commit subjects
_GIT_TIMEOUT = 60
_GIT_RETRIES = 5  # another git process may hold index.lock for a moment
_WHO_MAX = 100
Path_ = tuple[str | int, ...]
Scalar = str | int | float | bool | None


class EditError(Exception):
    """The edit cannot be made; the message says why and what to do."""


class ConflictError(EditError):
    """The file changed on disk since it was read; ``diff`` shows how."""

    def __init__(self, message: str, diff: str) -> None:
        super().__init__(message)
        self.diff = diff


class InvalidEdit(EditError):
    """The new text breaks the plan rules; ``problems`` lists them."""

    def __init__(self, message: str, problems: Sequence[Problem]) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Edit:
    """Set the value at ``path`` in ``file``; ``None`` removes the key so the field takes its default."""

    file: str
    path: Path_
    value: object


@dataclass(frozen=True)
class Append:
    """Add ``item`` at the end of the list at ``path`` (the list is created if the key is absent)."""

    file: str
    path: Path_
    item: dict[str, Any]


Change = Edit | Append


@dataclass(frozen=True)
class Snapshot:
    """A plan file as read: its name in the data folder, its text and the sha256 of its bytes."""

    file: str
    text: str
    sha256: str  # "" when the file did not exist (a new programme file)


@dataclass(frozen=True)
class SaveResult:
    """What :func:`save` did."""

    file: str
    sha256: str
    entries: tuple[dict[str, str], ...]
    committed: bool = False
    commit: str = ""
    git: str = ""  # what happened with git, for the user: "committed 1a2b3c4", "not a git repository", ...
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class UploadPreview:
    """An uploaded replacement for a plan file, checked but not saved."""

    file: str
    snapshot: Snapshot
    new_text: str
    problems: tuple[Problem, ...]
    diff: str

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


# ------------------------------------------------------------ reading


def check_name(file: str) -> str:
    """``file`` if it names an editable plan file inside the data folder, else :class:`EditError`."""
    if not isinstance(file, str) or not _EDITABLE.fullmatch(file):
        raise EditError(
            f"'{file}' is not a plan file that can be edited; use portfolio.yaml, vendors.yaml "
            "or programmes/<id>.yaml (lower-case id)"
        )
    return file


def _path(data_dir: str | os.PathLike[str], file: str) -> Path:
    base = Path(data_dir).resolve()
    target = (base / check_name(file)).resolve()
    if not target.is_relative_to(base):  # e.g. programmes/ is a link out of the folder
        raise EditError(f"'{file}' lies outside the data folder; edit it there")
    return Path(data_dir) / file


def _snapshot(data_dir: str | os.PathLike[str], file: str, *, missing_ok: bool = False) -> Snapshot:
    path = _path(data_dir, file)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if missing_ok:
            return Snapshot(file=file, text="", sha256="")
        raise EditError(f"{file} does not exist in the data folder") from None
    except OSError as exc:
        raise EditError(f"cannot read {file}: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")  # a byte-order mark stays: the bytes must round-trip
    except UnicodeDecodeError:
        raise EditError(f"{file} is not saved as UTF-8; fix it (python -m planner validate says where)") from None
    return Snapshot(file=file, text=text, sha256=_sha(raw))


def read(data_dir: str | os.PathLike[str], file: str) -> Snapshot:
    """Read ``file`` (relative to the data folder) for editing."""
    return _snapshot(data_dir, file)


def _sha(raw: bytes) -> str:
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
        if isinstance(change, Edit) and _same(data, _expected(data, change)):
            continue  # unchanged values are not logged
        if isinstance(change, Append):
            current = _get(data, change.path)
            index = len(current) if isinstance(current, list) else 0
            out.append((field_path((*change.path, index)), "", _shown(_normal(change.item))))
        else:
            old = _get(data, change.path)
            out.append((field_path(change.path), _shown(old), _shown(_normal(change.value))))
    return out


def _apply_one(text: str, change: Change) -> str:
    check_name(change.file)
    _check_path(change.path)
    data = _parse(text, change.file)
    expected = _expected(data, change)
    if _same(data, expected):
        return text  # the value is already what was asked for: leave its writing alone
    root = _compose(text)
    for candidate in _candidates(text, root, change):
        if _same(_parse_or_none(candidate), expected):
            return candidate
    what = field_path(change.path)
    raise EditError(
        f"{change.file}: {what}: the new value cannot be written here without changing other values; "
        "edit the file by hand or upload it"
    )


def _check_path(path: Path_) -> None:
    if not isinstance(path, tuple) or not path:
        raise EditError("an edit needs a path such as ('vendors', 0, 'name')")
    for part in path:
        if isinstance(part, bool) or not isinstance(part, (str, int)) or (isinstance(part, int) and part < 0):
            raise EditError(f"{part!r} is not a key or a list position in {path!r}")


def _normal(value: object) -> Any:
    """The value as plain YAML data: dates become their text, tuples lists; anything else is refused."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        raise EditError(f"{value} is not a number that can be written in a plan")
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise EditError("the text holds a character that cannot be saved (a lone surrogate); retype it") from None
        return value
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, dict):
        return {_key(k): _normal(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normal(v) for v in value]
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
    if isinstance(change, Append):
        item = _normal(change.item)
        if not isinstance(item, dict):
            raise EditError("an appended item must be a mapping of keys to values")
        if isinstance(holder, dict) and last not in holder:
            holder[last] = []
        target = holder[last] if isinstance(holder, dict) and isinstance(last, str) else None
        if not isinstance(target, list):
            raise EditError(f"{field_path(change.path)} is not a list")
        target.append(item)
        return out
    value = _normal(change.value)
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
        raise EditError(f"{change.file} has no {field_path(change.path)}")
    return out


def _get(data: Any, path: Path_) -> Any:
    current = data
    for i, part in enumerate(path):
        if _has(current, part):
            current = current[part]
        elif i == len(path) - 1 and isinstance(current, dict):
            return None  # a key not written yet
        else:
            raise EditError(f"there is no {field_path(path[: i + 1])}")
    return current


def _has(container: Any, part: str | int) -> bool:
    if isinstance(container, dict):
        return isinstance(part, str) and part in container
    return isinstance(container, list) and isinstance(part, int) and part < len(container)


def _parse(text: str, file: str) -> Any:
    try:
        return yamlsafe.parse(text.encode("utf-8")).data
    except yamlsafe.YamlError as exc:
        raise EditError(f"{file}:{exc.line}:{exc.column}: {exc.message}; fix the file before editing it") from None


def _parse_or_none(text: str) -> Any:
    try:
        return yamlsafe.parse(text.encode("utf-8")).data
    except yamlsafe.YamlError:
        return _UNPARSABLE


_UNPARSABLE = object()


def _same(a: Any, b: Any) -> bool:
    """Equal with the same types throughout (1, 1.0 and true differ) and the same key order."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
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


def _locate(root: Any, path: Path_) -> _Place:
    node, parent, key_node, in_flow, column = root, None, None, False, 0
    for i, part in enumerate(path):
        in_flow = in_flow or bool(getattr(node, "flow_style", False))
        parent = node
        if isinstance(node, MappingNode) and isinstance(part, str):
            pair = next(((k, v) for k, v in node.value if isinstance(k, ScalarNode) and k.value == part), None)
            if pair is None:
                if i < len(path) - 1:
                    raise EditError(f"there is no {field_path(path[: i + 1])}")
                return _Place(None, node, None, in_flow, _key_column(node))
            key_node, node = pair
            column = key_node.start_mark.column
        elif isinstance(node, SequenceNode) and isinstance(part, int) and part < len(node.value):
            key_node, column = None, node.start_mark.column
            node = node.value[part]
        else:
            raise EditError(f"there is no {field_path(path[: i + 1])}")
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
    value = _normal(change.value)
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
    item = _normal(change.item)
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
        if isinstance(got, dict) and _same(got.get("k"), [value] if flow else value):
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


def _item_lines(item: dict[str, Any], dash: int) -> list[str]:
    """A mapping as a block list item whose '-' is at column ``dash``."""
    if not item:
        return [" " * dash + "- {}"]
    body = _mapping_lines(item, dash + 2)
    return [" " * dash + "- " + body[0][dash + 2 :], *body[1:]]


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


# ------------------------------------------------------------ validating


def validate_text(data_dir: str | os.PathLike[str], file: str, new_text: str) -> list[Problem]:
    """Problems ``python -m planner validate`` would report if ``file`` held ``new_text``.

    Those of ``file`` itself, and any the change newly causes in other files
    (a renamed wave a vendor refers to), located as for the real folder.
    """
    check_name(file)
    base = str(data_dir)
    with tempfile.TemporaryDirectory(prefix="planner-edit-") as tmp:
        _copy_plan(Path(base), Path(tmp))
        target = Path(tmp) / file
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(new_text.encode("utf-8"))
        found = [_relocate(p, tmp, base) for p in loader.load(tmp).problems]
    shown = os.path.join(base, file)
    before = set(loader.load(base).problems)
    return [p for p in found if p.file == shown or p not in before]


def _copy_plan(src: Path, dst: Path) -> None:
    """The plan files, and the reference data linked (or copied where links are not allowed)."""
    for name in (loader.PORTFOLIO_FILE, loader.VENDORS_FILE):
        if (src / name).is_file():
            shutil.copy2(src / name, dst / name)
    programmes = src / loader.PROGRAMMES_DIR
    if programmes.is_dir():
        (dst / loader.PROGRAMMES_DIR).mkdir()
        for path in [*programmes.glob("*.yaml"), *programmes.glob("*.yml")]:
            shutil.copy2(path, dst / loader.PROGRAMMES_DIR / path.name)
    reference = src / loader.REFERENCE_DIR
    if reference.is_dir():
        try:
            os.symlink(reference.resolve(), dst / loader.REFERENCE_DIR, target_is_directory=True)
        except OSError:  # pragma: no cover - e.g. Windows without the right
            shutil.copytree(reference, dst / loader.REFERENCE_DIR)


def _relocate(problem: Problem, tmp: str, base: str) -> Problem:
    def fix(s: str) -> str:
        return s.replace(tmp, base)

    return Problem(problem.code, fix(problem.file), problem.line, problem.column, problem.field, fix(problem.message))


# ------------------------------------------------------------ saving


_LOCK = threading.Lock()  # Streamlit sessions are threads of one process


@contextlib.contextmanager
def _locked(data_dir: str | os.PathLike[str]) -> Iterator[None]:
    """Serialise saves: across sessions (thread lock) and processes (flock on the folder)."""
    with _LOCK:
        fd = None
        if fcntl is not None:
            with contextlib.suppress(OSError):
                fd = os.open(data_dir, os.O_RDONLY)
                fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fd is not None:
                os.close(fd)  # closing releases the flock


def save(
    data_dir: str | os.PathLike[str],
    snapshot: Snapshot,
    new_text: str,
    who: str,
    summary: Sequence[tuple[str, str, str]],
) -> SaveResult:
    """Write ``new_text`` to the snapshot's file if nobody changed it meanwhile and it is valid.

    Raises :class:`ConflictError` (with a diff of the change on disk),
    :class:`InvalidEdit` (with the problems) or :class:`EditError`. The file
    is replaced atomically; each (what, old, new) in ``summary`` becomes one
    line of ``changelog.jsonl``; in a git repository both are committed.
    """
    who = _who(who)
    path = _path(data_dir, snapshot.file)
    with _locked(data_dir):
        _check_unchanged(data_dir, snapshot)
        problems = validate_text(data_dir, snapshot.file, new_text)
        errors = [p for p in problems if p.severity is Severity.ERROR]
        if errors:
            raise InvalidEdit(f"not saved: {_count(errors)}; first: {errors[0]}", problems)
        raw = new_text.encode("utf-8")
        try:
            _write_atomic(path, raw)
        except OSError as exc:
            raise EditError(f"not saved: cannot write {snapshot.file}: {exc.strerror or exc}") from None
        entries = _entries(who, snapshot.file, summary)
        notes: list[str] = []
        try:
            _append_changelog(Path(data_dir), entries)
        except OSError as exc:
            notes.append(f"saved, but the change log could not be written: {exc.strerror or exc}")
        committed, commit, git_note = _git_commit(Path(data_dir), snapshot.file, _message(snapshot.file, who, summary))
    return SaveResult(
        file=snapshot.file,
        sha256=_sha(raw),
        entries=tuple(entries),
        committed=committed,
        commit=commit,
        git=git_note,
        notes=tuple(notes),
    )


def _count(errors: Sequence[Problem]) -> str:
    return "1 error" if len(errors) == 1 else f"{len(errors)} errors"


def _who(who: str) -> str:
    cleaned = " ".join("".join(c if c.isprintable() else " " for c in str(who)).split())[:_WHO_MAX]
    if not cleaned:
        raise EditError("say who is making the edit (a name or initials)")
    return cleaned


def _check_unchanged(data_dir: str | os.PathLike[str], snapshot: Snapshot) -> None:
    now = _snapshot(data_dir, snapshot.file, missing_ok=True)
    if now.sha256 == snapshot.sha256:
        return
    diff = unified_diff(
        snapshot.text, now.text, f"{snapshot.file} (as you opened it)", f"{snapshot.file} (on disk now)"
    )
    raise ConflictError(
        f"{snapshot.file} was changed by someone else after you opened it; nothing was saved. "
        "Reload the file and make your edit again.",
        diff,
    )


def unified_diff(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff of two texts (empty when they are the same)."""
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), old_name, new_name)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


def _write_atomic(path: Path, raw: bytes) -> None:
    """Temp file in the same folder, flushed to disk, then renamed over the file: all or nothing."""
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX; a no-op where folders cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _entries(who: str, file: str, summary: Sequence[tuple[str, str, str]]) -> list[dict[str, str]]:
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    return [
        {"when": when, "who": who, "file": file, "path": str(what), "old": str(old), "new": str(new)}
        for what, old, new in summary
    ]


def _append_changelog(data_dir: Path, entries: list[dict[str, str]]) -> None:
    if not entries:
        return
    lines = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in entries)
    with open(data_dir / CHANGELOG_FILE, "a", encoding="utf-8", newline="\n") as handle:
        handle.write(lines)
        handle.flush()
        os.fsync(handle.fileno())


def changelog(data_dir: str | os.PathLike[str], limit: int | None = None) -> list[dict[str, Any]]:
    """The change log, newest first (lines that are not JSON objects are skipped)."""
    try:
        text = (Path(data_dir) / CHANGELOG_FILE).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return []
    out: list[dict[str, Any]] = []
    for line in reversed(text.splitlines()):
        with contextlib.suppress(ValueError):
            entry = json.loads(line)
            if isinstance(entry, dict):
                out.append(entry)
        if limit is not None and len(out) >= limit:
            break
    return out


def _short(text: str) -> str:
    text = " ".join(text.split()) or "(empty)"
    return text if len(text) <= _SHOWN_MAX else text[: _SHOWN_MAX - 1] + "…"


def _message(file: str, who: str, summary: Sequence[tuple[str, str, str]]) -> str:
    """'Edit vendors.yaml: vendors[2].readiness[0].state at-risk -> late (by Mette)'."""
    if len(summary) == 1:
        what, old, new = summary[0]
        return f"Edit {file}: {what} {_short(old)} -> {_short(new)} (by {who})"
    body = "\n".join(f"- {what}: {_short(old)} -> {_short(new)}" for what, old, new in summary)
    return f"Edit {file}: {len(summary)} values (by {who})" + (f"\n\n{body}" if body else "")


# ------------------------------------------------------------ git


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    for attempt in range(_GIT_RETRIES):
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, timeout=_GIT_TIMEOUT, check=False
        )
        if done.returncode == 0 or "index.lock" not in done.stderr or attempt == _GIT_RETRIES - 1:
            return done
        threading.Event().wait(0.2 * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


def _git_commit(folder: Path, file: str, message: str) -> tuple[bool, str, str]:
    """(committed, commit id, what happened); never raises: the file is saved either way."""
    try:
        inside = _git(folder, "rev-parse", "--is-inside-work-tree")
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return False, "", "not a git repository; the change is in the change log only"
        paths = [file, CHANGELOG_FILE] if (folder / CHANGELOG_FILE).exists() else [file]
        identity = [
            arg
            for key, value in (("user.name", "Udrulningsplan"), ("user.email", "udrulningsplan@localhost"))
            if _git(folder, "config", key).returncode != 0
            for arg in ("-c", f"{key}={value}")
        ]
        added = _git(folder, "add", "--", *paths)
        if added.returncode != 0:
            return False, "", f"git add failed: {added.stderr.strip()}"
        done = _git(folder, *identity, "commit", "--quiet", "-m", message, "--", *paths)
        if done.returncode != 0:
            return False, "", f"git commit failed: {(done.stderr or done.stdout).strip()}"
        head = _git(folder, "rev-parse", "HEAD").stdout.strip()
        return True, head, f"committed {head[:7]}"
    except FileNotFoundError:
        return False, "", "git is not installed; the change is in the change log only"
    except (OSError, subprocess.SubprocessError) as exc:
        return False, "", f"git failed: {exc}"


# ------------------------------------------------------------ uploads


def preview_upload(data_dir: str | os.PathLike[str], file_name: str, raw: bytes) -> UploadPreview:
    """Check an uploaded replacement for ``file_name``: its problems and a diff against the file now.

    ``file_name`` must be portfolio.yaml, vendors.yaml or programmes/<id>.yaml
    (a new programme file is allowed); anything else is an :class:`EditError`.
    """
    check_name(file_name)
    current = _snapshot(data_dir, file_name, missing_ok=True)
    shown = os.path.join(str(data_dir), file_name)
    try:
        new_text = yamlsafe.decode(raw)  # the size limit and encoding checks of the loader
    except yamlsafe.YamlError as exc:
        problem = Problem(exc.code, shown, exc.line, exc.column, "", exc.message)
        return UploadPreview(file=file_name, snapshot=current, new_text="", problems=(problem,), diff="")
    problems = validate_text(data_dir, file_name, new_text)
    diff = unified_diff(current.text, new_text, f"a/{file_name}", f"b/{file_name}")
    return UploadPreview(file=file_name, snapshot=current, new_text=new_text, problems=tuple(problems), diff=diff)


def accept_upload(data_dir: str | os.PathLike[str], preview: UploadPreview, who: str) -> SaveResult:
    """Save a previewed upload (refused if it has errors or the file changed since the preview)."""
    if not preview.ok:
        errors = [p for p in preview.problems if p.severity is Severity.ERROR]
        raise InvalidEdit(f"not saved: the upload has {_count(errors)}; first: {errors[0]}", preview.problems)
    old, new = preview.snapshot, preview.new_text
    summary = [
        ("whole file (upload)", _fingerprint(old.text, old.sha256), _fingerprint(new, _sha(new.encode("utf-8"))))
    ]
    return save(data_dir, preview.snapshot, new, who, summary)


def _fingerprint(text: str, sha: str) -> str:
    return f"{len(text.splitlines())} lines, sha256 {sha[:12]}" if sha else "(no file)"


__all__ = [
    "CHANGELOG_FILE",
    "Append",
    "Change",
    "ConflictError",
    "Edit",
    "EditError",
    "InvalidEdit",
    "SaveResult",
    "Snapshot",
    "UploadPreview",
    "accept_upload",
    "apply",
    "changelog",
    "check_name",
    "describe",
    "preview_upload",
    "read",
    "save",
    "unified_diff",
    "validate_text",
]


def index_of(snapshot: Snapshot, list_path: Path_, key: str, value: object) -> int | None:
    """Position in the file of the list item whose ``key`` is ``value`` (e.g. a vendor by id).

    Loaded records skip invalid entries, so their positions can differ from
    the file's; edits must address the file's own positions.
    """
    items = _get(_parse(snapshot.text, snapshot.file), list_path)
    if not isinstance(items, list):
        return None
    return next((i for i, item in enumerate(items) if isinstance(item, dict) and item.get(key) == value), None)
