"""Words, dates and numbers in the user's language (Danish by default).

Every label the app, the charts and the reports show lives in a gettext
catalogue per language, ``locale/<lang>/LC_MESSAGES/messages.po`` beside this
module (``locale/messages.pot`` is the template), read once at import with
Babel. The msgid is the key the code asks for (``t("ed.save")``), the msgstr
the text, with ``{placeholders}`` filled in by :meth:`str.format`. A text for
a count has ``msgid_plural`` = the same key again and one msgstr per plural
form; the catalogue's ``Plural-Forms`` header (``nplurals=2; plural=(n !=
1);`` for Danish and English) picks the form. An empty or fuzzy msgstr counts
as missing. Keys built at run time are declared in :data:`dynamic_keys.DYNAMIC`;
``tests/test_catalogue.py`` checks that the catalogues match the code.

Babel formats dates and numbers in the locale's form ("1. dec. 2025",
"1.733", "62 %"). Dates keep the precision they were written with: a quarter
is shown as "Q3 2023", never as a made-up day.
"""

from __future__ import annotations

import datetime as dt
import gettext
import os
from collections.abc import Callable
from enum import Enum
from pathlib import Path

from babel.dates import format_date as _babel_date
from babel.messages.pofile import read_po
from babel.numbers import NumberFormatError, format_decimal, format_percent, parse_decimal

from planner.plan.dates import FuzzyDate, Precision
from planner.presentation import dynamic_keys

LANGS = ("da", "en")
# A text missing from the catalogue fails loudly when set (the tests set it); the app shows the key instead.
STRICT = os.environ.get("PLANNER_STRICT_TEXT") == "1"
DEFAULT_LANG = "da"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "messages"

Entry = str | tuple[str, ...]  # a text, or its plural forms (msgstr[0], msgstr[1], ...) for a count


def _read(lang: str) -> tuple[dict[str, Entry], Callable[[int], int]]:
    """The texts of one catalogue by key (empty and fuzzy ones left out), and its plural rule."""
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as f:
        catalog = read_po(f, locale=lang, domain=DOMAIN)
    texts: dict[str, Entry] = {}
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        key, string = message.id, message.string
        if isinstance(key, str):
            if isinstance(string, str) and string:
                texts[key] = string
        elif isinstance(string, tuple | list) and len(string) == catalog.num_plurals and all(string):
            texts[key[0]] = tuple(string)
    return texts, gettext.c2py(catalog.plural_expr)


_CATALOGUES = {lang: _read(lang) for lang in LANGS}


def _entry(key: str, lang: str) -> Entry | None:
    texts = _CATALOGUES.get(lang, _CATALOGUES[DEFAULT_LANG])[0]
    entry = texts.get(key) or _CATALOGUES[DEFAULT_LANG][0].get(key)
    if entry is None and STRICT:
        raise KeyError(f"no text for {key!r} in the message catalogue")
    return entry


def has(key: str, lang: str) -> bool:
    """Whether ``key`` has a text, i.e. :func:`t` would not fall back to the key itself."""
    texts = _CATALOGUES.get(lang, _CATALOGUES[DEFAULT_LANG])[0]
    return key in texts or key in _CATALOGUES[DEFAULT_LANG][0]


def t(key: str, lang: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in (the key itself if unknown, unless STRICT)."""
    text = _entry(key, lang)
    if text is None:
        return key
    if isinstance(text, tuple):
        raise TypeError(f"{key!r} depends on a count: use tn()")
    return text.format(**values) if values else text


def say(key: str, lang: str, values: dict[str, object]) -> str:
    """A stored message (key and values, as the analysis keeps notes): by its count ``n`` where it has one."""
    if isinstance(_entry(key, lang), tuple) and "n" in values:
        rest = {k: v for k, v in values.items() if k != "n"}
        return tn(key, int(str(values["n"])), lang, **rest)
    return t(key, lang, **values)


def tn(key: str, n: int, lang: str, **values: object) -> str:
    """The text for ``key`` for a count ``n``: the catalogue's plural form for n (singular for 1 in Danish and English)."""
    forms = _entry(key, lang)
    if forms is None:
        return key
    if isinstance(forms, tuple):
        plural = _CATALOGUES.get(lang, _CATALOGUES[DEFAULT_LANG])[1]
        text = forms[min(plural(n), len(forms) - 1)]
    else:
        text = forms
    return text.format(n=number(n, lang), **values)


def foreign_words(family: str, lang: str) -> dict[str, str]:
    """Streamlit's (``"sw."``) or plotly's (``"pl."``) English words -> the same in ``lang`` (empty for English).

    A ``{label}`` stands for the rest of the words (Streamlit's "Help for {label}" names its widget).
    """
    if lang == "en":
        return {}
    keys = dynamic_keys.DYNAMIC[family]
    assert isinstance(keys, tuple)
    return {t(family + key, "en"): t(family + key, lang) for key in keys}


def enum_label(value: Enum, prefix: str, lang: str) -> str:
    """Label of an enum member, e.g. ``enum_label(ReadinessState.LATE, 'ready')``."""
    return t(f"{prefix}.{value.value}", lang)


def _locale(lang: str) -> str:
    return "da_DK" if lang == "da" else "en_GB"


def day(value: dt.date, lang: str) -> str:
    """'1. dec. 2025' / '1 Dec 2025'."""
    return _babel_date(value, "d. MMM y" if lang == "da" else "d MMM y", locale=_locale(lang))


def month(value: dt.date, lang: str) -> str:
    """'dec. 2025' / 'Dec 2025'."""
    return _babel_date(value, "MMM y", locale=_locale(lang))


def quarter(value: dt.date) -> str:
    return f"Q{(value.month - 1) // 3 + 1} {value.year}"


def fuzzy_range(start: FuzzyDate | None, end: FuzzyDate | None, lang: str) -> str:
    """'jan. 2023 – Q1 2024'; a period written as one date once ('uge 3 2023', not 'uge 3 2023 – uge 3 2023')."""
    first, last = fuzzy(start, lang), fuzzy(end, lang)
    return first if first == last else f"{first} – {last}"


def fuzzy(value: FuzzyDate | None, lang: str) -> str:
    """A written date at the precision it was written: '1. dec. 2025', 'Q3 2023', 'uge 9 2023'."""
    if value is None:
        return "–"
    first = value.first
    match value.precision:
        case Precision.DAY:
            return day(first, lang)
        case Precision.MONTH:
            return month(first, lang)
        case Precision.QUARTER:
            return quarter(first)
        case Precision.WEEK:
            week = first.isocalendar()
            return f"{'uge' if lang == 'da' else 'week'} {week.week} {week.year}"
        case _:
            return str(first.year)


def parse_number(text: str, lang: str) -> float | None:
    """A number as typed in ``lang`` ('1.733', '11,5' in Danish); None when empty, NaN when not a number."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    try:
        return float(parse_decimal(text, locale=_locale(lang), strict=True))
    except NumberFormatError:
        return float("nan")


def number(value: float, lang: str, decimals: int = 0) -> str:
    """'1.733' / '1,733'; with decimals '11,5' / '11.5'."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(value, decimals), format=pattern, locale=_locale(lang))


def percent(share: float, lang: str) -> str:
    """'62 %' / '62%'."""
    return format_percent(share, locale=_locale(lang)).replace("\xa0", " ")
