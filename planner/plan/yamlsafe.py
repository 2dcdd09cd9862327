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

import copy
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from planner.plan.problems import Code
from planner.plan.yaml_text import YamlError, decode, merge_conflict, nfc

try:  # the C parser is much faster; fall back to pure Python where absent
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

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


@dataclass
class ParsedDocument:
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


def parse(raw: bytes) -> ParsedDocument:
    """Parse one YAML document from bytes into plain data with positions (one pass over libyaml's events)."""
    text = decode(raw)
    conflict = merge_conflict(text)
    if conflict is not None:
        first, last = conflict
        raise YamlError(
            Code.MERGE_CONFLICT, first, 1,
            f"git merge conflict not resolved in this file, lines {first}-{last}; "
            "keep the lines you want, delete the others and the <<<<<<< ======= >>>>>>> markers",
        )  # fmt: skip
    doc = ParsedDocument(data=None)
    try:
        found, doc.data = _Builder(doc).run(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(text, exc) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(text, exc) from None
    except yaml.YAMLError as exc:  # pragma: no cover - libyaml raises the two above
        raise YamlError(Code.YAML_SYNTAX, 1, 1, f"YAML syntax error: {exc}") from None
    if not found:
        raise YamlError(
            Code.EMPTY_FILE, 1, 1, "file is empty (or only comments); write the plan's keys or remove the file"
        )
    return doc


def _syntax_error(text: str, exc: yaml.MarkedYAMLError) -> YamlError:
    """libyaml's syntax error at its line and column, in plainer words with what to do (a tab: said so)."""
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
    """A character a plan file may not hold, at its line and column."""
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


@dataclass
class _Open:
    """A list or mapping being built: where it is, what it holds so far, and the key waiting for its value."""

    path: Path
    value: Any  # a list or a dict
    mark: Any
    anchor: str | None
    count: int  # nodes counted when it opened
    height: int = 1  # levels of lists and mappings, itself included
    key: str | None = None
    expects_key: bool = False


class _Builder:
    """Builds plain values from libyaml's event stream without recursion, in one pass.

    Nesting is limited by :data:`MAX_DEPTH` (the C composer would recurse
    without a guard and crash the process), values by :data:`MAX_NODES` with
    aliases counted as expanded (alias bombs), and an alias to a value still
    being built is refused (it would contain itself).
    """

    def __init__(self, doc: ParsedDocument) -> None:
        self.doc = doc
        self.count = 0
        self.anchors: dict[str, tuple[Any, int, int, Any]] = {}  # anchor -> value, nodes, height, where
        self.constructor = yaml.SafeLoader("")  # used only to convert scalars with an explicit tag
        self._last: tuple[Any, int] = (None, 0)  # the scalar or alias just built, and its height

    def run(self, events: Any) -> tuple[bool, Any]:
        """(whether the document holds a value, the value)."""
        stack: list[_Open] = []
        root: Any = None
        found = False
        document_mark: Any = None
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                if document_mark is not None:
                    raise yaml.composer.ComposerError(
                        "expected a single document in the stream",
                        document_mark,
                        "but found another document",
                        event.start_mark,  # type: ignore[arg-type]
                    )
                document_mark = event.start_mark
                continue
            if not isinstance(event, yaml.NodeEvent) and not isinstance(event, yaml.CollectionEndEvent):
                continue  # stream start and end, document end
            top = stack[-1] if stack else None
            if isinstance(event, yaml.CollectionEndEvent):
                done = stack.pop()
                if done.anchor is not None:
                    self.anchors[done.anchor] = (done.value, self.count - done.count, done.height, done.mark)
                value, height = done.value, done.height
            elif top is not None and top.expects_key:
                self._key(top, event)
                continue
            else:
                path = () if top is None else (*top.path, top.key if top.key is not None else len(top.value))
                opened = self._node(event, path, stack)
                if opened is not None:
                    stack.append(opened)
                    continue
                value, height = self._last
            if not stack:
                root, found = value, True
                continue
            parent = stack[-1]
            parent.height = max(parent.height, height + 1)
            if isinstance(parent.value, list):
                parent.value.append(value)
            else:
                parent.value[parent.key] = value
                parent.key, parent.expects_key = None, True
        return found, root

    def _position(self, event: Any) -> tuple[int, int]:
        mark = event.start_mark
        return (mark.line + 1, mark.column + 1) if mark else (1, 1)

    def _counted(self, nodes: int, path: Path, where: tuple[int, int]) -> None:
        self.count += nodes
        if self.count > MAX_NODES:
            # inside an alias the mark is the alias's; the top-level key is where it explodes
            line, column = self.doc.keys.get(path[:1], where)
            raise YamlError(
                Code.YAML_TOO_COMPLEX,
                line,
                column,
                f"document expands to more than {MAX_NODES:,} values (anchors and aliases?); write the values out",
            )

    def _node(self, event: Any, path: Path, stack: list[_Open]) -> _Open | None:
        """A scalar or alias is built at once (into ``self._last``); a list or mapping is returned, open."""
        line, column = self._position(event)
        self.doc.values.setdefault(path, (line, column))
        if isinstance(event, yaml.AliasEvent):
            self._last = self._alias(event, path, stack, (line, column))
            return None
        self._counted(1, path, (line, column))
        if isinstance(event, yaml.ScalarEvent):
            tag = (
                event.tag
                if event.tag not in (None, "!")
                else _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            )
            if tag not in _SCALAR_TAGS:
                raise YamlError(
                    Code.YAML_TAG,
                    line,
                    column,
                    f"tag '{_tag(tag)}' is not allowed; plan files hold plain text, numbers, lists and mappings",
                )
            value = self._scalar(tag, event, line, column)
            if not isinstance(value, str):
                self.doc.written[path] = event.value
            if event.anchor is not None:
                self._anchor(event, value, 1, 0)
            self._last = (value, 0)
            return None
        kind = _SEQ if isinstance(event, yaml.SequenceStartEvent) else _MAP
        if event.tag not in (None, "!", kind):
            raise YamlError(
                Code.YAML_TAG,
                line,
                column,
                f"tag '{_tag(event.tag)}' is not allowed; plan files hold plain text, numbers, lists and mappings",
            )
        if len(stack) + 1 > MAX_DEPTH:
            raise YamlError(
                Code.YAML_TOO_COMPLEX,
                line,
                column,
                f"lists and mappings are nested more than {MAX_DEPTH} deep; flatten the data",
            )
        if event.anchor is not None:
            self._anchor(event, None, 0, 0)  # open: an alias to it from inside is a loop
        container: Any = [] if kind == _SEQ else {}
        return _Open(path, container, event.start_mark, event.anchor, self.count - 1, expects_key=kind == _MAP)

    def _anchor(self, event: Any, value: Any, nodes: int, height: int) -> None:
        if event.anchor in self.anchors and self.anchors[event.anchor][3] is not None:
            first = self.anchors[event.anchor][3]
            raise yaml.composer.ComposerError(
                f"found duplicate anchor {event.anchor!r}; first occurrence",
                first,
                "second occurrence",
                event.start_mark,
            )
        self.anchors[event.anchor] = (value, nodes, height, event.start_mark if nodes else None)

    def _alias(self, event: Any, path: Path, stack: list[_Open], where: tuple[int, int]) -> tuple[Any, int]:
        known = self.anchors.get(event.anchor)
        if known is None:
            raise yaml.composer.ComposerError(None, None, "found undefined alias", event.start_mark)
        value, nodes, height, _ = known
        open_frame = next((f for f in stack if f.anchor == event.anchor), None)
        if open_frame is not None:
            mark = open_frame.mark
            raise YamlError(
                Code.YAML_TOO_COMPLEX,
                mark.line + 1,
                mark.column + 1,
                "this anchored value contains an alias to itself; write the values out",
            )
        self._counted(nodes, path, where)
        if len(stack) + height > MAX_DEPTH:
            raise YamlError(
                Code.YAML_TOO_COMPLEX,
                *where,
                f"aliases nest lists and mappings more than {MAX_DEPTH} deep; write the values out",
            )
        return (copy.deepcopy(value) if isinstance(value, (list, dict)) else value), height

    def _key(self, top: _Open, event: Any) -> None:
        line, column = self._position(event)
        if isinstance(event, yaml.CollectionStartEvent):
            if event.tag not in (None, "!", _SEQ, _MAP):
                raise YamlError(Code.YAML_TAG, line, column, f"tag '{_tag(event.tag)}' is not allowed on a key")
            raise YamlError(Code.WRONG_TYPE, line, column, "a key must be plain text, not a list or mapping")
        if isinstance(event, yaml.AliasEvent):
            known = self.anchors.get(event.anchor or "")
            if known is None or isinstance(known[0], (list, dict)) or known[1] == 0:
                raise YamlError(Code.WRONG_TYPE, line, column, "a key must be plain text, not an alias")
            text = str(known[0])
        else:
            tag = (
                event.tag
                if event.tag not in (None, "!")
                else _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
            )
            if tag == _STD + "merge":
                raise YamlError(Code.YAML_TAG, line, column, "merge keys ('<<') are not allowed; write the keys out")
            if tag not in _SCALAR_TAGS:
                raise YamlError(Code.YAML_TAG, line, column, f"tag '{_tag(tag)}' is not allowed on a key")
            text = event.value
        key = nfc(text)
        if key in top.value:
            first = self.doc.keys[(*top.path, key)]
            raise YamlError(
                Code.YAML_DUPLICATE_KEY,
                line,
                column,
                f"duplicate key '{key}' (first at line {first[0]}); keep one of them",
            )
        self.doc.keys[(*top.path, key)] = (line, column)
        top.key, top.expects_key = key, False

    def _scalar(self, tag: str, event: Any, line: int, column: int) -> Any:
        text = event.value
        if tag == _STD + "str":
            return nfc(text)
        if tag == _STD + "timestamp":
            return text  # the plan's date parser reads the text as written
        if tag in (_STD + "int", _STD + "float") and len(text) > MAX_NUMBER_CHARS:
            raise YamlError(
                Code.BAD_VALUE,
                line,
                column,
                f"number '{_short(text)}' is too long; put it in quotes if it is text",
            )
        if tag == _STD + "int" and _INT.match(text):
            return int(text, 10)  # decimal as written: YAML 1.1 would read 010 as 8
        node = yaml.ScalarNode(tag, text, event.start_mark, event.end_mark, event.style)
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ValueError, KeyError, TypeError, yaml.YAMLError):
            # only reachable with an explicit tag, e.g. `!!int abc`
            raise YamlError(
                Code.YAML_TAG,
                line,
                column,
                f"'{_short(text)}' is not a valid {_tag(tag)}; remove the tag",
            ) from None
        return nfc(value) if isinstance(value, str) else value
