"""The one module that reads YAML, and only safely.

PyYAML's safe loader still accepts things a plan file must not contain, so
this module composes the node tree itself (with the C parser where present)
and builds plain Python values from it, rejecting:

* duplicate keys (PyYAML silently keeps the last one),
* tags other than the standard scalar and collection tags (``!!python/...``),
* anchors/aliases that expand past a node budget (alias bombs),
* files over a size limit, bytes that are not UTF-8, tab indentation.

It also records where every value sits (line and column, 1-based), so that a
problem found later can be reported at ``file:line:column``.
Timestamps are kept as the text written: the plan's own date parser decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from planner.problems import Code

try:  # the C parser is much faster; fall back to pure Python where absent
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SCALAR_TAGS = frozenset(
    "tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp")
)
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


class YamlError(Exception):
    """The file cannot be read as a safe YAML document."""

    def __init__(self, code: Code, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.code, self.line, self.column, self.message = code, line, column, message


@dataclass
class Document:
    """Plain data from one YAML file, with the position of every value and key."""

    data: Any
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Where ``path`` (or its nearest existing parent) is written."""
        probe = tuple(path)
        while True:
            table = self.keys if key and probe in self.keys else self.values
            if probe in table:
                return table[probe]
            if not probe:
                return (1, 1)
            probe = probe[:-1]


def decode(raw: bytes) -> str:
    """Strict UTF-8 (a byte-order mark is allowed and dropped), size-limited."""
    if len(raw) > MAX_BYTES:
        raise YamlError(
            Code.FILE_TOO_LARGE, 1, 1,
            f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} bytes; split it into smaller files",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            Code.NOT_UTF8, line, column,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8; save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def parse(raw: bytes) -> Document:
    """Parse one YAML document from bytes into plain data with positions."""
    text = decode(raw)
    if m := _TAB_INDENT.search(text):
        line = text.count("\n", 0, m.start()) + 1
        column = m.end() - m.start()
        raise YamlError(Code.YAML_TAB, line, column, "tab used for indentation; indent with spaces")
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        raise YamlError(Code.YAML_SYNTAX, line, column, f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:
        raise YamlError(Code.YAML_SYNTAX, 1, 1, f"YAML syntax error: {exc}") from None
    if node is None:
        raise YamlError(Code.EMPTY_FILE, 1, 1, "file is empty")
    doc = Document(data=None)
    doc.data = _Builder(doc).build(node, ())
    return doc


class _Builder:
    """Turns composed nodes into plain values, counting nodes to stop alias bombs."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.constructor = yaml.SafeLoader("")  # used only to convert scalars

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlError(
                Code.YAML_TOO_COMPLEX, node.start_mark.line + 1, node.start_mark.column + 1,
                f"document expands to more than {MAX_NODES:,} values (anchors and aliases?); "
                "write the values out",
            )
        self.doc.values.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS:
            if node.tag == "tag:yaml.org,2002:timestamp":
                return node.value
            return self.constructor.construct_object(node, deep=True)
        raise YamlError(
            Code.YAML_TAG, node.start_mark.line + 1, node.start_mark.column + 1,
            f"tag '{node.tag}' is not allowed; plan files hold plain text, numbers, lists and mappings",
        )

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(Code.YAML_TAG, line, column, "merge keys ('<<') are not allowed; write the keys out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(Code.WRONG_TYPE, line, column, "a key must be plain text")
            key = str(key_node.value)
            if key in out:
                first = self.doc.keys[(*path, key)]
                raise YamlError(
                    Code.YAML_DUPLICATE_KEY, line, column,
                    f"duplicate key '{key}' (first at line {first[0]}); keep one of them",
                )
            self.doc.keys[(*path, key)] = (line, column)
            out[key] = self.build(value_node, (*path, key))
        return out
