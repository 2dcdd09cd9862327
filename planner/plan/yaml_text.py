"""A plan file's bytes as text, or why they cannot be (:class:`YamlError`, located and in plain words).

The size limit, strict UTF-8 (a Latin-1 or binary file named as such), one
Unicode form, and git's unresolved merge-conflict markers. libyaml's own errors
are put in plain words by yamlsafe, the one module that imports YAML.
"""

from __future__ import annotations

import re
import unicodedata

from planner.plan.problems import Code

MAX_BYTES = 2_000_000


class YamlError(Exception):
    """The file cannot be read as a safe YAML document."""

    def __init__(self, code: Code, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.code, self.line, self.column, self.message = code, line, column, message


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


_MARKER = re.compile(r"^(<{7}|={7}|>{7}|\|{7})(?: |$)", re.MULTILINE)


def merge_conflict(text: str) -> tuple[int, int] | None:
    """(first line, last line) of git's conflict markers, when the text has an unresolved merge conflict."""
    starts = [text.count("\n", 0, m.start()) + 1 for m in _MARKER.finditer(text) if m.group(1)[0] == "<"]
    ends = [text.count("\n", 0, m.start()) + 1 for m in _MARKER.finditer(text) if m.group(1)[0] == ">"]
    if not starts or not ends or max(ends) < min(starts):
        return None
    return min(starts), max(ends)
