"""The one module that reads YAML, and only safely.

PyYAML's safe loader still accepts things a plan file must not contain, so
this module composes the node tree itself (with the C parser where present)
and builds plain Python values from it, rejecting:

* duplicate keys (PyYAML silently keeps the last one),
* tags other than the standard scalar and collection tags (``!!python/...``),
* anchors/aliases that expand past a node budget (alias bombs) or contain
  themselves, and nesting past a depth limit (which would crash the C parser),
* files over a size limit, bytes that are not UTF-8, numbers too long to read.

Tab indentation and control characters are reported as such, with a hint.

It also records where every value sits (line and column, 1-based), so that a
problem found later can be reported at ``file:line:column``.
Timestamps are kept as the text written: the plan's own date parser decides.

Plain scalars are read as YAML 1.2's core schema reads them, not as YAML 1.1
(PyYAML's default): ``12:30`` is the text "12:30", not the number 750; ``010``
is 10, not 8; ``yes``, ``no``, ``on`` and ``off`` are text. What was written
for every value that is not text is kept, so a message quotes it as written.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from planner.plan.problems import Code

try:  # the C parser is much faster; fall back to pure Python where absent
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

MAX_BYTES = 2_000_000
MAX_NODES = 200_000
# A plan nests about 8 deep; the limit stops files that would exhaust the
# stack (the C composer recurses without a guard and crashes the process).
MAX_DEPTH = 50
# Longer numbers are refused: Python will not convert ints past 4,300 digits,
# and sexagesimal ints (1:2:3) cost quadratic time.
MAX_NUMBER_CHARS = 100
Path = tuple[str | int, ...]

_STD = "tag:yaml.org,2002:"
# YAML 1.2 core schema: decimal numbers only, true/false, null/~ (no sexagesimal, octal 010, yes/no/on/off)
_CORE_RESOLVERS = {
    _STD + "bool": (re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), "tTfF"),
    _STD + "int": (re.compile(r"^[-+]?[0-9]+$"), "-+0123456789"),
    _STD + "float": (
        re.compile(
            r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
        ),
        "-+.0123456789",
    ),
    _STD + "null": (re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]),
}
_INT = _CORE_RESOLVERS[_STD + "int"][0]


class _Loader(_BaseLoader):
    """The safe loader with YAML 1.2 core resolution of plain scalars (timestamps kept for the date parser)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _CORE_RESOLVERS]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
for _tag_name, (_pattern, _first) in _CORE_RESOLVERS.items():
    _Loader.add_implicit_resolver(_tag_name, _pattern, list(_first))
_RESOLVER = yaml.resolver.Resolver()
_RESOLVER.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers  # this loader's resolution, without a parser
_SCALAR_TAGS = frozenset("tag:yaml.org,2002:" + t for t in ("str", "int", "float", "bool", "null", "timestamp"))
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_TAB_INDENT = re.compile(r"^[ ]*\t")
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # as libyaml counts lines
# libyaml's wording -> (plainer wording or None to keep it, what to do about it)
_SYNTAX_HINTS: dict[str, tuple[str | None, str]] = {
    "mapping values are not allowed": (None, "put text that contains ': ' in quotes, or check the indentation"),
    "could not find expected ':'": (None, "write 'key: value' with a space after the ':'"),
    "found undefined alias": (None, "define the anchor '&name' before using '*name'"),
    "but found another document": ("more than one document in the file", "remove the second '---'"),
    "found unexpected end of stream": ("the file ends inside a quote or bracket", "close it"),
    "did not find expected": (None, "check the indentation and the brackets on this line and the one before"),
}


_YAML11 = yaml.resolver.Resolver()  # PyYAML's default (YAML 1.1) resolution, as other tools read a file
_TEXT_TAGS = (_STD + "str", _STD + "timestamp")


def reads_as_text_everywhere(text: str) -> bool:
    """Whether ``text`` written plain is text (or a date) to this loader and to YAML 1.1 readers alike.

    Not so for ``yes`` or ``12:30`` (numbers or true/false in YAML 1.1) nor ``1e3`` (a number in YAML 1.2).
    """
    plain = (True, False)
    return (
        _YAML11.resolve(yaml.ScalarNode, text, plain) in _TEXT_TAGS
        and _RESOLVER.resolve(yaml.ScalarNode, text, plain) in _TEXT_TAGS
    )


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
    written: dict[Path, str] = field(default_factory=dict)  # the source text of every value that is not text

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


def nfc(text: str) -> str:
    """Text in one Unicode form (NFC): 'å' typed on a Mac (a + ring) is the same 'å' as anywhere else."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def decode(raw: bytes) -> str:
    """Strict UTF-8 (a byte-order mark is allowed and dropped), size-limited."""
    if len(raw) > MAX_BYTES:
        raise YamlError(
            Code.FILE_TOO_LARGE,
            1,
            1,
            f"file is {len(raw):,} bytes; the limit is {MAX_BYTES:,} bytes; split it into smaller files",
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlError(Code.NOT_UTF8, 1, 1, "the file is saved as UTF-16; save it as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(
            Code.NOT_UTF8,
            line,
            column,
            f"byte 0x{raw[exc.start]:02x} is not UTF-8{_guess_encoding(raw)}; save the file as UTF-8",
        ) from None
    return text.removeprefix("\ufeff")


def _guess_encoding(raw: bytes) -> str:
    if b"\0" in raw:
        return " (is it a binary file?)"
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return " (the file looks saved as Latin-1 or Windows-1252)"


def parse(raw: bytes) -> Document:
    """Parse one YAML document from bytes into plain data with positions."""
    text = decode(raw)
    try:
        _check_depth(text)
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(text, exc) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(text, exc) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml raises the two above
        raise YamlError(Code.YAML_SYNTAX, 1, 1, f"YAML syntax error: {exc}") from None
    if node is None:
        raise YamlError(
            Code.EMPTY_FILE, 1, 1, "file is empty (or only comments); write the plan's keys or remove the file"
        )
    doc = Document(data=None)
    doc.data = _Builder(doc).build(node, (), 1)
    return doc


def _check_depth(text: str) -> None:
    """Refuse nesting past :data:`MAX_DEPTH` before composing (the event stream is flat)."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                raise YamlError(
                    Code.YAML_TOO_COMPLEX,
                    line,
                    column,
                    f"lists and mappings are nested more than {MAX_DEPTH} deep; flatten the data",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _syntax_error(text: str, exc: yaml.MarkedYAMLError) -> YamlError:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    lines = _LINE_BREAK.split(text)
    if 0 < line <= len(lines) and (tab := _TAB_INDENT.match(lines[line - 1])):
        return YamlError(Code.YAML_TAB, line, tab.end(), "tab used for indentation; indent with spaces")
    what = exc.problem or "invalid YAML"
    plainer, hint = next((v for k, v in _SYNTAX_HINTS.items() if k in what), (None, ""))
    message = f"YAML syntax error: {plainer or what}" + (f"; {hint}" if hint else "")
    return YamlError(Code.YAML_SYNTAX, line, column, message)


def _reader_error(text: str, exc: yaml.reader.ReaderError) -> YamlError:
    # libyaml gives a byte offset into the UTF-8 text
    before = text.encode("utf-8")[: max(exc.position, 0)].decode("utf-8", errors="ignore")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "\0")
    return YamlError(
        Code.YAML_SYNTAX,
        line,
        column,
        f"control character U+{char:04X} is not allowed in a plan file; remove it",
    )


def _tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_STD) if tag.startswith(_STD) else tag


def _short(text: str) -> str:
    return text if len(text) <= 30 else text[:30] + "…"


class _Builder:
    """Turns composed nodes into plain values, counting nodes to stop alias bombs."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0
        self.active: set[int] = set()  # nodes being built: an alias back into one is a loop
        self.constructor = yaml.SafeLoader("")  # used only to convert scalars

    def build(self, node: yaml.Node, path: Path, depth: int) -> Any:
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        self.count += 1
        if self.count > MAX_NODES:
            # inside an alias the node's own mark is the anchor's; the top-level key is where it explodes
            line, column = self.doc.keys.get(path[:1], (line, column))
            raise YamlError(
                Code.YAML_TOO_COMPLEX,
                line,
                column,
                f"document expands to more than {MAX_NODES:,} values (anchors and aliases?); write the values out",
            )
        if id(node) in self.active:
            raise YamlError(
                Code.YAML_TOO_COMPLEX,
                line,
                column,
                "this anchored value contains an alias to itself; write the values out",
            )
        self.doc.values.setdefault(path, (line, column))
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALAR_TAGS:
            value = self._scalar(node, line, column)
            if not isinstance(value, str):
                self.doc.written[path] = node.value
            return value
        if node.tag not in (_MAP, _SEQ):
            raise YamlError(
                Code.YAML_TAG,
                line,
                column,
                f"tag '{_tag(node.tag)}' is not allowed; plan files hold plain text, numbers, lists and mappings",
            )
        if depth > MAX_DEPTH:  # the text was checked; aliases inside aliases can still go deeper
            raise YamlError(
                Code.YAML_TOO_COMPLEX,
                line,
                column,
                f"aliases nest lists and mappings more than {MAX_DEPTH} deep; write the values out",
            )
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path, depth)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        finally:
            self.active.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode, line: int, column: int) -> Any:
        if node.tag == _STD + "timestamp":
            return node.value  # the plan's date parser reads the text as written
        if node.tag in (_STD + "int", _STD + "float") and len(node.value) > MAX_NUMBER_CHARS:
            raise YamlError(
                Code.BAD_VALUE,
                line,
                column,
                f"number '{_short(node.value)}' is too long; put it in quotes if it is text",
            )
        if node.tag == _STD + "int" and _INT.match(node.value):
            return int(node.value, 10)  # decimal as written: YAML 1.1 would read 010 as 8
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, KeyError, TypeError, yaml.YAMLError):
            # only reachable with an explicit tag, e.g. `!!int abc`
            raise YamlError(
                Code.YAML_TAG,
                line,
                column,
                f"'{_short(node.value)}' is not a valid {_tag(node.tag)}; remove the tag",
            ) from None
        return nfc(value) if isinstance(value, str) else value

    def _mapping(self, node: yaml.MappingNode, path: Path, depth: int) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if key_node.tag == _STD + "merge":
                raise YamlError(Code.YAML_TAG, line, column, "merge keys ('<<') are not allowed; write the keys out")
            if key_node.tag not in (*_SCALAR_TAGS, _MAP, _SEQ):
                raise YamlError(Code.YAML_TAG, line, column, f"tag '{_tag(key_node.tag)}' is not allowed on a key")
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(Code.WRONG_TYPE, line, column, "a key must be plain text, not a list or mapping")
            key = nfc(str(key_node.value))
            if key in out:
                first = self.doc.keys[(*path, key)]
                raise YamlError(
                    Code.YAML_DUPLICATE_KEY,
                    line,
                    column,
                    f"duplicate key '{key}' (first at line {first[0]}); keep one of them",
                )
            self.doc.keys[(*path, key)] = (line, column)
            out[key] = self.build(value_node, (*path, key), depth + 1)
        return out
