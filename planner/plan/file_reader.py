"""One plan file read safely, parsed (through the parse cache) and validated, every failure a located problem."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from planner.plan import findings, folder_layout, parse_cache, pydantic_errors, safefile, yaml_text, yamlsafe
from planner.plan.problems import Code, Problem, field_path


def shown_path(base: str, *parts: str) -> str:
    """A file's path as the user gave the folder (problems name files the way they were asked for)."""
    return os.path.join(base, *parts)


class NotAPlanFile(Exception):
    """A path that is not a plan file of the folder; the message never quotes its content."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(message)
        self.code = code


def read_plan_file(path: Path, folder: Path) -> bytes:
    """The bytes of a regular file inside ``folder``, at most the size limit; checked by ``stat`` before any read.

    A link that leads out of the folder or back to itself, a pipe, a device, a
    socket or a folder is refused (:class:`NotAPlanFile`) without opening it,
    so nothing blocks and nothing outside the data folder is read
    (:func:`safefile.read_bytes`).
    """
    try:
        return safefile.read_bytes(path, folder, yaml_text.MAX_BYTES, "a YAML file")  # decode() refuses anything longer
    except safefile.UnsafeFile as exc:
        raise NotAPlanFile(exc.code, str(exc)) from None


class FileReader:
    """Reads one file and turns every kind of failure into problems."""

    def __init__(self, path: Path, shown: str, missing_hint: str = "check the file name and the data folder") -> None:
        self.path, self.shown, self.missing_hint = path, shown, missing_hint
        # the data folder the file must stay inside: programmes/<id>.yaml is two levels down
        self.folder = path.parent.parent if path.parent.name == folder_layout.PROGRAMMES_DIR else path.parent
        self.problems: list[Problem] = []
        self.doc: yamlsafe.ParsedDocument | None = None
        self.sha256 = ""
        self.parsed: parse_cache.Parsed | None = None

    def read(self) -> Any:
        try:
            raw = read_plan_file(self.path, self.folder)
        except NotAPlanFile as exc:
            self.add(exc.code, 1, 1, "", str(exc))
            return None
        except FileNotFoundError:
            self.add(Code.FILE_MISSING, 1, 1, "", f"file not found; {self.missing_hint}")
            return None
        except OSError as exc:
            self.add(Code.FILE_MISSING, 1, 1, "", f"cannot read the file: {exc.strerror}")
            return None
        self.sha256 = hashlib.sha256(raw).hexdigest()
        self.parsed = parse_cache.parse(self.sha256, raw)
        if self.parsed.error is not None:
            self.add(*self.parsed.error)
            return None
        self.doc = self.parsed.doc
        assert self.doc is not None
        if not isinstance(self.doc.data, dict):
            line, column = self.doc.position(())
            self.add(
                Code.NOT_A_MAPPING,
                line,
                column,
                "",
                f"the file holds {pydantic_errors.describe(self.doc.data)}; it must be a mapping of keys to values (key: value)",
            )
            return None
        return self.doc.data

    def add(
        self, code: Code, line: int, column: int, where: str, message: str, args: tuple[tuple[str, str], ...] = ()
    ) -> None:
        self.problems.append(
            Problem(code=code, file=self.shown, line=line, column=column, field=where, message=message, args=args)
        )

    def at(
        self,
        loc: Sequence[str | int],
        code: Code,
        message: str,
        *,
        key: bool = False,
        args: tuple[tuple[str, str], ...] = (),
    ) -> None:
        line, column = self.doc.position(tuple(loc), key=key) if self.doc else (1, 1)
        self.add(code, line, column, field_path(loc), message, args)

    def finding(self, f: findings.CheckFinding, prefix: Sequence[str | int] = ()) -> None:
        self.at((*prefix, *f.loc), f.code, f.message, args=f.args)

    def validate(self, cls: type[BaseModel], data: Any, prefix: Sequence[str | int] = ()) -> Any:
        """Validate ``data`` as ``cls``; on failure record each error and return None.

        The outcome is remembered with the parsed file, so an unchanged file is validated once.
        """
        key = (cls, tuple(prefix))
        known = self.parsed.validated.get(key) if self.parsed is not None else None
        if known is not None and known[0] is data:
            self.problems += [
                Problem(code=code, file=self.shown, line=line, column=column, field=where, message=message)
                for code, line, column, where, message in known[2]
            ]
            return known[1]
        before = len(self.problems)
        record = self._validate(cls, data, prefix)
        if self.parsed is not None:
            found = tuple((p.code, p.line, p.column, p.field, p.message) for p in self.problems[before:])
            self.parsed.validated[key] = (data, record, found)
        return record

    def _validate(self, cls: type[BaseModel], data: Any, prefix: Sequence[str | int]) -> Any:
        try:
            return cls.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors(include_url=False)
            meant = pydantic_errors.misspelt(errors, cls)
            for err in errors:
                local = tuple(pydantic_errors.clean_loc(err["loc"]))
                if err["type"] == "missing" and local in meant:
                    continue  # the unknown key's did-you-mean already says it
                written = self.doc.written.get((*prefix, *local)) if self.doc else None
                code, message, on_key = pydantic_errors.translate(err, cls, local, written)
                self.at((*prefix, *local), code, message, key=on_key)
            return None
