"""Where each value comes from: walking the records with the source each one has or inherits.

A record's ``source`` covers it and everything inside it without a source of
its own (a programme's source covers its phases). :func:`walk` yields every
record that can cite a source with the source in force there, without
recursion; the checks use it to find sources that name an unknown document,
and ``validate --strict`` to list records that have neither a source nor an
estimate flag.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from planner.plan import fields
from planner.plan.problems import Code, did_you_mean

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Cited:
    """One record that can cite a source, where it is in its file, and the source in force there."""

    loc: Loc
    record: fields.Cited
    source: fields.Cite | None  # its own, or the nearest enclosing record's
    estimate: bool  # it, or a record around it, is marked as an estimate as a whole

    @property
    def sourced(self) -> bool:
        return self.source is not None and self.source != ""


def walk(root: BaseModel, loc: Loc = ()) -> Iterator[Cited]:
    """Every :class:`fields.Cited` record inside ``root`` (itself included), depth first, in file order."""
    stack: list[tuple[Loc, BaseModel, fields.Cite | None, bool]] = [(loc, root, None, False)]
    while stack:
        here, record, inherited, estimate = stack.pop()
        if isinstance(record, fields.Cited):
            own = record.source if record.source not in (None, "") else None
            inherited = own or inherited
            estimate = estimate or record.estimate
            yield Cited(here, record, inherited, estimate)
        children: list[tuple[Loc, BaseModel, fields.Cite | None, bool]] = []
        for name in type(record).model_fields:
            value = getattr(record, name)
            if isinstance(value, BaseModel) and not isinstance(value, fields.Source):
                children.append(((*here, name), value, inherited, estimate))
            elif isinstance(value, (list, tuple)):
                children += [
                    ((*here, name, i), item, inherited, estimate)
                    for i, item in enumerate(value)
                    if isinstance(item, BaseModel)
                ]
        stack.extend(reversed(children))


def unknown_documents(root: BaseModel, documents: frozenset[str]) -> Iterator[tuple[Loc, Code, str]]:
    """Sources that name a document the portfolio does not list."""
    known = sorted(documents)
    for item in walk(root):
        source = item.record.source
        if isinstance(source, fields.Source) and source.doc not in documents:
            hint = (
                did_you_mean(source.doc, known) + " If it is another document, a"
                if did_you_mean(source.doc, known)
                else "; a"
            ) + (f"dd it under 'sources' in portfolio.yaml (id: {source.doc}, title, date)")
            yield (*item.loc, "source", "doc"), Code.UNKNOWN_REFERENCE, f"unknown source document '{source.doc}'{hint}"


def words(text: str) -> str:
    """``text`` with every run of whitespace (line breaks included) as one space: how quotes are compared."""
    return " ".join(text.split())


def misquoted(root: BaseModel, documents: Mapping[str, str]) -> Iterator[tuple[Loc, Code, str]]:
    """Quotes that are not, word for word, in their document's text (``documents``: id -> text in :func:`words`)."""
    for item in walk(root):
        source = item.record.source
        if not isinstance(source, fields.Source) or not source.quote or source.doc not in documents:
            continue
        if words(source.quote) not in documents[source.doc]:
            yield (
                (*item.loc, "source", "quote"),
                Code.MISQUOTED,
                f"this quote is not in the text of '{source.doc}' (sources/{source.doc}.txt) as written; "
                "copy the words exactly, or shorten the quote to words the document has",
            )


def unsourced(root: BaseModel) -> Iterator[Cited]:
    """Records with neither a source (their own or inherited) nor an estimate flag."""
    return (item for item in walk(root) if not item.sourced and not item.estimate)
