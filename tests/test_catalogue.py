"""The gettext catalogues against the code that asks for their texts.

Babel's extractor (the one ``pybabel extract`` runs) reads the keys the code
asks for with ``t("key", ...)``, ``tn("key", n, ...)`` and ``has("key")``,
also as ``ctx.t(...)`` and ``i18n.tn(...)``. Being a tokenizer it cannot see
three things, which a small walk over the syntax tree adds:

* calls inside an f-string (``f"**{ctx.t('ed.national')}**"``: one string
  token before Python 3.12);
* both keys of ``t("a" if x else "b")`` (Babel reads them as one, "ab");
* keys built at run time (``"ready." + s.value``, ``f"diff.{c.kind}"``,
  ``enum_label(state, "onb")``) and keys kept in data (the wave planner's
  notes, the page table of app.py): those must be declared in
  :data:`declared.DYNAMIC`, which this module checks against the code.
"""

from __future__ import annotations

import ast
import functools
import string
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.pofile import read_po

from planner.analysis import diff
from planner.editing import errors, observation, records, settings
from planner.presentation import dynamic_keys as declared
from planner.presentation import i18n
from planner.presentation.charts import geo

ROOT = Path(__file__).resolve().parents[1]
DIRS = ("planner", "ui", "views")
FILES = ("app.py",)
# the translation functions, as Babel keyword specs: the argument that is the key (1-based)
KEYWORDS: dict[str, tuple[int, ...] | None] = {"t": None, "tn": (1,), "has": None}
KEY_CALLS = (*KEYWORDS, "say")  # say(key, lang, values) takes its key first too; its keys come from data
PREFIX_CALLS = {"enum_label": 1}  # enum_label(value, prefix, lang): args[1] + "." + the value is the key
PO = {lang: i18n.LOCALE_DIR / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po" for lang in i18n.LANGS}
POT = i18n.LOCALE_DIR / f"{i18n.DOMAIN}.pot"
# the modules that declare the keys: their own literals would make every family look used
DECLARING = {Path(i18n.__file__).resolve(), Path(declared.__file__).resolve()}
# DYNAMIC families that copy values planner.presentation may not import (the layers): they must match
MIRRORS: dict[str, set[str]] = {
    "edit.": {r.value for r in errors.Reason},
    "git.": {g.value for g in records.GitOutcome},
    "outcome.": {o.value for o in records.Outcome},
    "obs.": {f.value for f in observation.Finding},
    "cfg.": set(settings.CODES),
    "diff.": {diff.Kind.ADDED.value, diff.Kind.REMOVED.value},  # t(f"diff.{c.kind}") for these two kinds
    "diff.field.": {
        diff.READY_BY,
        diff.START,
        diff.DUE,
        diff.NOT_BEFORE,
        diff.AS_OF,
        diff.ONBOARDING,
        diff.PERCENT,
        diff.COUNT,
    },
    "mu.by_": {c.value for c in geo.ColourBy},  # i18n cannot import the charts that import it
}


# ---------------------------------------------------------------- reading


@functools.cache
def catalogue(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def entries(path: Path) -> dict[str, tuple[str, ...]]:
    """Key -> its msgstr forms (one for a plain text), header left out."""
    found: dict[str, tuple[str, ...]] = {}
    for m in catalogue(path):
        if not m.id:
            continue
        key = m.id if isinstance(m.id, str) else m.id[0]
        forms = (m.string,) if isinstance(m.string, str) else tuple(m.string or ())
        found[key] = forms
    return found


def keys(lang: str) -> set[str]:
    return set(entries(PO[lang]))


def sources() -> Iterator[Path]:
    for d in DIRS:
        yield from sorted(p for p in (ROOT / d).rglob("*.py") if "__pycache__" not in p.parts)
    for f in FILES:
        yield ROOT / f


@functools.cache
def babel_extracted() -> tuple[tuple[str, int, str], ...]:
    """(file, line, msgid) of every call Babel's Python extractor finds."""
    found: list[tuple[str, int, str]] = []
    for d in DIRS:
        for name, line, msg, _, _ in extract_from_dir(
            ROOT / d, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
        ):
            found.append((f"{d}/{name}", line, msg if isinstance(msg, str) else msg[0]))
    for f in FILES:
        for line, msg, _, _ in extract_from_file("python", ROOT / f, keywords=KEYWORDS, comment_tags=()):
            found.append((f, line, msg if isinstance(msg, str) else msg[0]))
    return tuple(found)


@dataclass
class Scan:
    """What the syntax trees of the sources say about keys."""

    keys: dict[str, str] = field(default_factory=dict)  # key -> where: literal keys of calls (incl. branches)
    plain: set[str] = field(default_factory=set)  # keys of calls Babel should see: a plain literal, not in an f-string
    joined: set[str] = field(default_factory=set)  # what Babel reads for a key argument that is not a plain literal
    stems: dict[str, str] = field(default_factory=dict)  # "ready." of "ready." + s.value, f"ready.{v}" -> where
    literals: set[str] = field(default_factory=set)  # every string constant (keys kept in data are among them)


def _name(call: ast.Call) -> str | None:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def _branches(node: ast.expr) -> list[str] | None:
    """The keys a key argument can be when it is a literal or a choice of literals, else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _branches(node.body), _branches(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    return None


def _stem(node: ast.expr) -> str | None:
    """The literal start of a key built at run time: "ready." + x, f"ready.{x}"."""
    while isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        node = node.left
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
        return str(node.values[0].value)
    return None


def _babel_reading(node: ast.expr) -> str:
    """The string constants of an argument joined, as Babel's tokenizer reads them (nested calls skipped)."""
    found: list[tuple[int, int, str]] = []

    def visit(n: ast.AST) -> None:
        if isinstance(n, ast.Call | ast.JoinedStr):
            return
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            found.append((n.lineno, n.col_offset, n.value))
        for child in ast.iter_child_nodes(n):
            visit(child)

    visit(node)
    return "".join(v for _, _, v in sorted(found))


@functools.cache
def scan() -> Scan:
    s = Scan()
    for path in sources():
        rel = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
        in_fstring = {id(n) for j in ast.walk(tree) if isinstance(j, ast.JoinedStr) for n in ast.walk(j)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and path not in DECLARING:
                s.literals.add(node.value)
            if not isinstance(node, ast.Call):
                continue
            name, where = _name(node), f"{rel}:{node.lineno}"
            if name in PREFIX_CALLS:
                index = PREFIX_CALLS[name]
                arg = node.args[index] if len(node.args) > index else None
                arg = next((k.value for k in node.keywords if k.arg == "prefix"), arg)
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    s.stems.setdefault(arg.value + ".", where)
            if name not in KEY_CALLS or not node.args:
                continue
            arg = node.args[0]
            branches = _branches(arg)
            if branches is not None:
                for key in branches:
                    s.keys.setdefault(key, where)
                if isinstance(arg, ast.Constant) and id(node) not in in_fstring and name in KEYWORDS:
                    s.plain.add(str(arg.value))
            elif (stem := _stem(arg)) is not None:
                s.stems.setdefault(stem, where)
            if not isinstance(arg, ast.Constant):
                s.joined.add(_babel_reading(arg))
    return s


def suffixes(spec: type[Enum] | tuple[str, ...]) -> list[str]:
    return list(spec) if isinstance(spec, tuple) else [str(m.value) for m in spec]


def dynamic_keys() -> dict[str, str]:
    """Every key a DYNAMIC family makes -> its prefix."""
    return {prefix + s: prefix for prefix, spec in declared.DYNAMIC.items() for s in suffixes(spec)}


def used_keys() -> dict[str, str]:
    """Key -> where the code uses it (extracted by Babel, added by the tree walk, or declared dynamic)."""
    used = {key: f"DYNAMIC[{prefix!r}]" for key, prefix in dynamic_keys().items()}
    used.update(scan().keys)
    joined = scan().joined
    for file, line, msg in babel_extracted():
        if msg not in joined:  # else a choice or a built key: the tree walk has it
            used.setdefault(msg, f"{file}:{line}")
    return used


def placeholders(forms: tuple[str, ...]) -> set[str]:
    return {name for text in forms for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# ---------------------------------------------------------------- the extraction itself


def test_babel_reads_attribute_calls() -> None:
    """ctx.t("k"), i18n.t("k", lang), ctx.tn("k", n), i18n.tn("k", n, lang) all reach Babel's extractor."""
    found = {(file, msg) for file, _, msg in babel_extracted()}
    assert ("views/changes.py", "ch.title") in found  # ctx.tn("ch.title", len(found), ref=ref)
    assert ("planner/presentation/pack_slides.py", "ch.title") in found  # i18n.tn("ch.title", len(found), lang, ...)
    assert any(f.startswith("ui/") for f, _ in found) and any(f.startswith("planner/") for f, _ in found)


def test_babel_sees_every_plain_call() -> None:
    """The tree walk adds only what a tokenizer cannot see: every plain literal key outside f-strings is Babel's too."""
    extracted = {msg for _, _, msg in babel_extracted()}
    assert sorted(scan().plain - extracted) == []


# ---------------------------------------------------------------- code against catalogues


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_key_the_code_asks_for_has_a_text(lang: str) -> None:
    have = keys(lang)
    missing = {key: where for key, where in used_keys().items() if key not in have}
    assert missing == {}, f"keys without a text in locale/{lang}/LC_MESSAGES/{PO[lang].name}"


def test_every_text_is_used() -> None:
    used = used_keys()
    unused = sorted(key for key in keys(i18n.DEFAULT_LANG) if key not in used)
    assert unused == [], "texts no code asks for: delete them from both catalogues or declare them in declared.DYNAMIC"


def test_keys_built_at_run_time_are_declared() -> None:
    """Every "prefix." + value the code builds (and every enum_label prefix) is a family of declared.DYNAMIC."""
    undeclared = {stem: where for stem, where in scan().stems.items() if stem not in declared.DYNAMIC}
    assert undeclared == {}


def test_declared_families_are_still_used() -> None:
    """A DYNAMIC prefix appears in the code as the start of a built key, or all its keys appear as data."""
    s = scan()
    stale = {
        prefix: [prefix + x for x in suffixes(spec) if prefix + x not in s.literals]
        for prefix, spec in declared.DYNAMIC.items()
        if prefix not in s.stems and prefix not in s.literals
    }
    assert {prefix: gone for prefix, gone in stale.items() if gone} == {}, "declared, but no code makes these keys"


@pytest.mark.parametrize("prefix", sorted(MIRRORS))
def test_copied_families_match_the_code(prefix: str) -> None:
    spec = declared.DYNAMIC[prefix]
    assert isinstance(spec, tuple)
    assert set(spec) == MIRRORS[prefix]


def test_diff_items_match_the_analysis() -> None:
    """diff.item.<what>: the kinds of item planner.analysis.diff reports as added or removed."""
    tree = ast.parse((ROOT / "planner" / "analysis" / "diff.py").read_text(encoding="utf-8"))
    whats = {
        n.args[2].value
        for n in ast.walk(tree)
        if isinstance(n, ast.Call)
        and _name(n) == "_presence"
        and len(n.args) > 2
        and isinstance(n.args[2], ast.Constant)
    }
    assert whats and set(suffixes(declared.DYNAMIC["diff.item."])) == whats


# ---------------------------------------------------------------- the catalogues themselves


def test_catalogues_have_the_same_keys() -> None:
    da, en = keys("da"), keys("en")
    assert sorted(da - en) == [] and sorted(en - da) == []
    assert keys("da") == set(entries(POT)), "messages.pot is behind the catalogues"


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_plural_forms_header(lang: str) -> None:
    cat = catalogue(PO[lang])
    assert cat.num_plurals == 2 and cat.plural_expr == "(n != 1)"
    assert str(cat.locale) == lang


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_no_empty_or_fuzzy_text(lang: str) -> None:
    cat = catalogue(PO[lang])
    assert [m.id for m in cat if m.id and m.fuzzy] == []
    assert sorted(key for key, forms in entries(PO[lang]).items() if not all(forms)) == []


def test_plural_entries_have_both_forms_in_both_languages() -> None:
    plural = {
        lang: {m.id[0]: m for m in catalogue(PO[lang]) if m.id and not isinstance(m.id, str)} for lang in i18n.LANGS
    }
    assert set(plural["da"]) == set(plural["en"])
    assert plural["da"], "no plural entries at all"
    for lang in i18n.LANGS:
        for key, m in plural[lang].items():
            assert m.id[1] == key, f"{key}: msgid_plural is the key again"
            assert isinstance(m.string, tuple | list) and len(m.string) == 2 and all(m.string), (
                f"{key} ({lang}): both forms"
            )


def test_placeholders_are_the_same_in_both_languages() -> None:
    da, en = entries(PO["da"]), entries(PO["en"])
    differ = {
        key: (placeholders(da[key]), placeholders(en[key]))
        for key in da.keys() & en.keys()
        if placeholders(da[key]) != placeholders(en[key])
    }
    assert differ == {}


@pytest.mark.parametrize("lang", i18n.LANGS)
def test_every_text_formats(lang: str) -> None:
    """No stray brace: each text formats with its own placeholders."""
    broken = []
    for key, forms in entries(PO[lang]).items():
        try:
            for text in forms:
                text.format(**dict.fromkeys(placeholders(forms), "x"))
        except (ValueError, IndexError, KeyError) as exc:
            broken.append(f"{key}: {exc}")
    assert broken == []


# ---------------------------------------------------------------- the functions


def test_plural_texts() -> None:
    assert i18n.tn("ch.title", 1, "da", ref="x") == "1 ændring siden x"
    assert i18n.tn("ch.title", 3, "da", ref="x") == "3 ændringer siden x"
    assert i18n.tn("ch.title", 1, "en", ref="x") == "1 change since x"
    assert i18n.tn("ch.title", 3, "en", ref="x") == "3 changes since x"
    assert i18n.tn("ch.title", 0, "en", ref="x") == "0 changes since x"
    assert i18n.tn("ch.title", 1733, "da", ref="x") == "1.733 ændringer siden x"
    with pytest.raises(TypeError):
        i18n.t("ch.title", "da", ref="x")
    assert i18n.say("pr.title", "en", {"n": "2"}) == i18n.tn("pr.title", 2, "en")


def test_texts_and_fallbacks() -> None:
    assert i18n.t("w.status_line", "en", date="1 Dec 2025") == "Status 1 Dec 2025"
    assert i18n.t("page.overview", "xx") == i18n.t("page.overview", "da") == "Overblik"
    assert i18n.has("page.overview", "da") and i18n.has("page.overview", "en") and i18n.has("page.overview", "xx")
    assert not i18n.has("no.such-key", "da") and not i18n.has("no.such-key", "en")


def test_missing_key_is_loud_only_when_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "STRICT", True)
    with pytest.raises(KeyError):
        i18n.t("no.such-key", "da")
    with pytest.raises(KeyError):
        i18n.tn("no.such-key", 2, "en")
    assert not i18n.has("no.such-key", "da")  # asking whether there is one is never an error
    monkeypatch.setattr(i18n, "STRICT", False)
    assert i18n.t("no.such-key", "en") == "no.such-key"
    assert i18n.tn("no.such-key", 2, "en") == "no.such-key"


def test_tests_run_strict() -> None:
    """tests/conftest.py sets PLANNER_STRICT_TEXT before planner is imported: a missing text fails the test that
    asks for it, instead of showing its key on a page."""
    with pytest.raises(KeyError, match=r"no text for 'no\.such-key'"):
        i18n.t("no.such-key", "da")
