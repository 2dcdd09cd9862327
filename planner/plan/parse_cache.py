"""The parsed-file cache: each file content parsed and validated once, shared by every load.

Parsing YAML is most of the cost of a load, and between two loads almost
every file is unchanged: files are parsed and validated once per content
(sha256 of the bytes) and the results shared. What is shared is never
mutated: a Document is only read, records are frozen, and problems are kept
without the file name, which is added for each load as the path is given.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import cachetools
from pydantic import BaseModel

from planner.plan import yaml_text, yamlsafe
from planner.plan.problems import Code

CACHE_MAX_FILES = 4096
CACHE_MAX_BYTES = 32_000_000  # of file contents; parsed, with every value's position, they take some 40 times more
Located = tuple[Code, int, int, str, str]  # a problem without its file


@dataclass
class Parsed:
    """One file's content parsed (or the reason it cannot be), and its records as validated."""

    doc: yamlsafe.ParsedDocument | None
    error: Located | None  # why the file cannot be read as YAML (its field path is empty)
    size: int
    # (record class, field path prefix) -> (the data validated, the record or None, its problems)
    validated: dict[tuple[type[BaseModel], tuple[str | int, ...]], tuple[Any, Any, tuple[Located, ...]]] = field(
        default_factory=dict
    )


class ParsedFiles(cachetools.LRUCache[str, Parsed]):
    """Parsed files by content hash, the least recently used out first, bounded by both their count and
    the bytes of their contents (a file larger than the whole cache is parsed but not kept)."""

    def __init__(self, max_files: int, max_bytes: int) -> None:
        super().__init__(maxsize=max_bytes, getsizeof=lambda entry: entry.size)
        self.max_files = max_files

    def __setitem__(self, key: str, value: Parsed) -> None:
        with contextlib.suppress(ValueError):  # larger than the cache: not kept
            super().__setitem__(key, value)
        while len(self) > self.max_files:
            self.popitem()


_parsed = ParsedFiles(CACHE_MAX_FILES, CACHE_MAX_BYTES)
_parsed_lock = threading.Lock()


def parse(sha256: str, raw: bytes) -> Parsed:
    """The parse of ``raw`` from the cache, else parsed now and remembered (least recently used goes first)."""
    with _parsed_lock:
        found = _parsed.get(sha256)
        if found is not None:
            return found
    try:
        entry = Parsed(doc=yamlsafe.parse(raw), error=None, size=len(raw))
    except yaml_text.YamlError as exc:  # kept as plain values: the exception would hold the parser's frames
        entry = Parsed(doc=None, error=(exc.code, exc.line, exc.column, "", exc.message), size=len(raw))
    with _parsed_lock:
        if sha256 not in _parsed:
            _parsed[sha256] = entry
    return entry


def clear_cache() -> None:
    """Forget every parsed file (for cold-load measurements)."""
    with _parsed_lock:
        _parsed.clear()


def cache_info() -> tuple[int, int]:
    """Files held in the parsed-file cache and the bytes of their contents."""
    with _parsed_lock:
        return len(_parsed), int(_parsed.currsize)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a load builds its many small, acyclic objects.

    A load allocates hundreds of thousands of nodes, values and records; the
    collector would scan them over and over (a third of a cold load's time)
    and find nothing, as reference counting frees them.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
