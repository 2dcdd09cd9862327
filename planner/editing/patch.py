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
from collections.abc import Iterator, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from planner.editing.errors import EditError, Reason
from planner.editing.files import check_name
from planner.editing.nodes import Place, after_line, end_of, is_empty, line_start, locate
from planner.editing.records import Append, Change, Delete, Edit, FieldPath, Scalar, Snapshot
from planner.editing.values import normal, parse_or_none, parse_text, same, shown
from planner.editing.yamltext import flow, item_lines, scalar, writings
from planner.plan import yaml_text
from planner.plan.problems import field_path

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
    data = parse_text(snapshot.text.removeprefix("\ufeff"), snapshot.file)
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
    data = parse_text(text, change.file)
    expected = _expected(data, change)
    if same(data, expected):
        return text  # the value is already what was asked for: leave its writing alone
    root = _compose(text)
    size = 0
    for candidate in candidates(text, root, change):
        size = len(candidate.encode("utf-8"))
        if size > yaml_text.MAX_BYTES:
            continue
        if same(parse_or_none(candidate), expected):
            return candidate
    what = field_path(change.path)
    if size > yaml_text.MAX_BYTES:
        raise EditError(
            f"{change.file}: {what}: the file would be {size:,} bytes; the limit is {yaml_text.MAX_BYTES:,} bytes",
            reason=Reason.TOO_LARGE, file=change.file, field=what, size=f"{size:,}", limit=f"{yaml_text.MAX_BYTES:,}",
        )  # fmt: skip
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


def _expected(data: Any, change: Change) -> Any:
    """The data the patched text must give."""
    out = copy.deepcopy(data)
    *parents, last = change.path
    holder = _get(out, tuple(parents))
    if isinstance(change, Delete):
        if not (isinstance(holder, list) and isinstance(last, int) and last < len(holder)):
            raise EditError(
                f"{change.file} has no {field_path(change.path)}",
                reason=Reason.NO_SUCH_PLACE,
                field=field_path(change.path),
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
            f"{change.file} has no {field_path(change.path)}",
            reason=Reason.NO_SUCH_PLACE,
            field=field_path(change.path),
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
            raise EditError(
                f"there is no {field_path(path[: i + 1])}", reason=Reason.NO_SUCH_PLACE, field=field_path(path[: i + 1])
            )
    return current


def _has(container: Any, part: str | int) -> bool:
    if isinstance(container, dict):
        return isinstance(part, str) and part in container
    return isinstance(container, list) and isinstance(part, int) and part < len(container)


def _compose(text: str) -> Any:
    # Only called on text yamlsafe has accepted (size, depth and alias limits hold).
    try:
        return YAML(typ="rt").compose(text)
    except RuamelError as exc:
        raise EditError(f"the file cannot be edited here: {exc}") from None


# ------------------------------------------------------------ candidate texts


def candidates(text: str, root: Any, change: Change) -> Iterator[str]:
    nl = "\r\n" if "\r\n" in text else "\n"
    place = locate(root, change.path)
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
        yield from _insertkey_text(text, place, str(change.path[-1]), value, nl)
        return
    if not isinstance(place.node, ScalarNode):
        raise EditError(f"{field_path(change.path)} is a list or mapping; edit its items")
    start, end, lead = place.node.start_mark.index, end_of(text, place.node), ""
    if is_empty(place.node) and place.key_node is not None:  # `key:` with nothing after it
        start = end = text.index(":", place.key_node.end_mark.index) + 1
        lead = " "
    for written in writings(value, place.node.style, place.in_flow, place.column + 2, nl):
        yield text[:start] + lead + written + text[end:]


def _remove(text: str, place: Place) -> Iterator[str]:
    if place.node is None:
        yield text  # nothing written, nothing to remove
        return
    if place.key_node is None:  # a list item: keep its place
        yield text[: place.node.start_mark.index] + "null" + text[end_of(text, place.node) :]
        return
    if place.in_flow or place.parent.flow_style:
        yield _remove_flow_pair(text, place)
        return
    start = line_start(text, place.key_node.start_mark.index)
    if text[start : place.key_node.start_mark.index].strip():
        raise EditError("the first key of a list item cannot be removed; give it a value instead")
    end, _ = after_line(text, end_of(text, place.node), "")
    yield text[:start] + text[end:]


def _remove_flow_pair(text: str, place: Place) -> str:
    """``{a: 1, b: 2}`` without ``a: 1`` (and the comma that went with it)."""
    pairs = place.parent.value
    i = next(n for n, (k, _) in enumerate(pairs) if k is place.key_node)
    if i + 1 < len(pairs):
        return text[: place.key_node.start_mark.index] + text[pairs[i + 1][0].start_mark.index :]
    end = end_of(text, place.node)
    start = end_of(text, pairs[i - 1][1]) if i else place.key_node.start_mark.index
    return text[:start] + text[end:]


def _delete_item(text: str, place: Place) -> Iterator[str]:
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
            yield text[: end_of(text, seq.value[i - 1])] + text[end_of(text, node) :]
        return
    start = line_start(text, node.start_mark.index)
    if text[start : node.start_mark.index].strip() != "-":
        raise EditError(
            "this list item cannot be removed here; edit the file by hand",
            reason=Reason.CANNOT_WRITE_HERE,
            file="",
            field="",
        )
    end, _ = after_line(text, end_of(text, node), "")
    if len(seq.value) == 1:  # the list becomes empty: write it as []
        dash = start + text[start:].index("-")
        yield text[:dash] + "[]" + text[after_line(text, end_of(text, node), "")[0] - 1 :]
        return
    yield text[:start] + text[end:]


def _insertkey_text(text: str, place: Place, key: str, value: Scalar, nl: str) -> Iterator[str]:
    mapping = place.parent
    if not isinstance(mapping, MappingNode):
        raise EditError(f"cannot add '{key}' here: it is not inside a mapping")
    key_text = scalar(key, flow=place.in_flow)
    if place.in_flow or mapping.flow_style:
        close = mapping.end_mark.index - 1  # the '}'
        sep = ", " if mapping.value else ""
        for written in writings(value, None, True, 0, nl):
            yield text[:close] + f"{sep}{key_text}: {written}" + text[close:]
        return
    at, lead = after_line(text, end_of(text, mapping), nl)
    indent = " " * place.column
    for written in writings(value, None, False, place.column + 2, nl):
        yield text[:at] + lead + f"{indent}{key_text}: {written}{nl}" + text[at:]


def _append(text: str, place: Place, change: Append, nl: str) -> Iterator[str]:
    item = normal(change.item)
    node = place.node
    if node is None:  # the key is not written yet: add it with a block list under it
        mapping = place.parent
        if not isinstance(mapping, MappingNode) or place.in_flow or mapping.flow_style:
            raise EditError(f"cannot add the list {field_path(change.path)} here; add it by hand")
        at, lead = after_line(text, end_of(text, mapping), nl)
        head = " " * place.column + scalar(str(change.path[-1]), flow=False) + ":"
        body = item_lines(item, place.column + 2)
        yield text[:at] + lead + nl.join([head, *body]) + nl + text[at:]
        return
    if not isinstance(node, SequenceNode):
        raise EditError(f"{field_path(change.path)} is not a list")
    if place.in_flow or node.flow_style:
        close = node.end_mark.index - 1  # the ']'
        sep = ", " if node.value else ""
        yield text[:close] + sep + flow(item) + text[close:]
        return
    at, lead = after_line(text, end_of(text, node), nl)
    yield text[:at] + lead + nl.join(item_lines(item, node.start_mark.column)) + nl + text[at:]


def parse(snapshot: Snapshot) -> Any:
    """The snapshot's data as the loader reads it (an :class:`EditError` if it cannot be read)."""
    return parse_text(snapshot.text.removeprefix("\ufeff"), snapshot.file)
