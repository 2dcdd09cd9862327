"""The checks of ``validate --strict``: records with no source and no estimate flag, quotes not word for word in
their document's text (kept with the data as ``sources/<doc id>.txt``); each located in its file."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from planner.plan import fields, findings, folder_layout, provenance, safefile
from planner.plan.file_reader import FileReader, shown_path
from planner.plan.loader import Plan
from planner.plan.problems import Code, Problem

SOURCES_DIR = "sources"  # the cited documents' text, <doc id>.txt, for checking quotes
SOURCE_TEXT_LIMIT = 5_000_000


def unsourced(plan: Plan) -> list[Problem]:
    """Records with neither a source (their own or inherited) nor an estimate flag, located: ``validate --strict``."""

    def found(root: fields.Cited) -> Iterator[tuple[findings.Loc, Code, str]]:
        for item in provenance.unsourced(root):
            what = type(item.record).__name__.lower()
            yield (
                item.loc,
                Code.NO_SOURCE,
                (
                    f"this {what} has no source and is not marked as an estimate; add 'source:' to it "
                    "(or to the record around it) or 'estimate: true'"
                ),
            )

    return _strict(plan, found)


def source_texts(data_dir: str) -> dict[str, str]:
    """The cited documents' text kept with the data (``sources/<doc id>.txt``), whitespace made single spaces."""
    folder = Path(data_dir) / SOURCES_DIR
    texts: dict[str, str] = {}
    if not folder.is_dir():
        return texts
    for path in sorted(folder.glob("*.txt")):
        with contextlib.suppress(OSError, safefile.UnsafeFile, UnicodeDecodeError):
            texts[path.stem] = provenance.words(
                safefile.read_bytes(path, Path(data_dir), SOURCE_TEXT_LIMIT).decode("utf-8")
            )
    return texts


def misquoted(plan: Plan) -> list[Problem]:
    """Quotes that are not word for word in their document's text, located: ``validate --strict``."""
    texts = source_texts(plan.data_dir)
    return _strict(plan, lambda root: provenance.misquoted(root, texts)) if texts else []


def _strict(plan: Plan, select: Callable[[fields.Cited], Iterable[tuple[findings.Loc, Code, str]]]) -> list[Problem]:
    """The findings ``select`` makes in each programme and in the vendors, located in their files."""
    wanted: list[tuple[str, list[tuple[findings.Loc, Code, str]]]] = []
    for prog in plan.programmes:
        wanted.append((plan.programme_files[prog.id], list(select(prog))))
    vendor_items: list[tuple[findings.Loc, Code, str]] = []
    for i, vendor in enumerate(plan.vendors):
        index = plan.vendor_index.get(vendor.id, i)
        vendor_items += [(("vendors", index, *loc), code, message) for loc, code, message in select(vendor)]
    wanted.append((shown_path(plan.data_dir, folder_layout.VENDORS_FILE), vendor_items))
    found: list[Problem] = []
    for shown, items in wanted:
        if not items:
            continue
        reader = FileReader(Path(shown), shown)
        reader.read()
        for loc, code, message in items:
            reader.finding(findings.CheckFinding(loc, code, message))
        found += reader.problems
    return found


def strict(plan: Plan) -> list[Problem]:
    """Everything ``validate --strict`` adds: :func:`unsourced` and :func:`misquoted`."""
    return unsourced(plan) + misquoted(plan)
