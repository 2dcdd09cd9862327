"""What a Danish (or English) reader sees on every page: no raw ids, enum values, None, hedged plurals or stray lists.

Every page of the app is run with Streamlit's AppTest in both languages on the
shipped data. Its text (markdown, captions, alerts, metrics, tables) and every
chart's titles, labels, legend names and hover texts are scanned.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.test_app import run

PAGES = [
    "views/overview.py", "views/programme.py", "views/decision.py", "views/vendors.py", "views/municipalities.py",
    "views/targets.py", "views/changes.py", "views/waves.py",
]  # fmt: skip
NEVER = {
    "a value that is not there": r"\b(?:None|nan|NaN|null)\b",
    "a field name": r"\b[a-z]+_[a-z_]+\b",
    "a hedged plural": r"\w\((?:er|r|e|s|es|ne)\)",
    "a raw id or enum value": r"(?<![/\w])(?:fhir-km|fk-org-sor|fut-telma|sor-vejledning|at-risk|on-track|unassigned"
    r"|faelles|trinvis-nov)(?![\w.])",
    "a float where a count belongs": r"(?<![A-Za-zÆØÅæøå] )\b\d+\.0\b",  # not a name such as 'FUT 2.0'
}
DANISH_ONLY = {"English in Danish": r"\b(?:go-live|Choose|No results|estimate)\b"}
CHART_KEYS = {"text", "name", "ticktext", "hovertext", "customdata", "title"}


def _chart_texts(spec: Any, key: str = "") -> list[str]:
    if isinstance(spec, dict):
        return [t for k, v in spec.items() for t in _chart_texts(v, k if k in CHART_KEYS else key)]
    if isinstance(spec, list):
        return [t for v in spec for t in _chart_texts(v, key)]
    return [spec] if isinstance(spec, str) and key else []


def _seen(at: Any) -> list[str]:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.subheader]
    parts += [e.value for kind in (at.error, at.warning, at.info, at.success) for e in kind]
    parts += [f"{m.label}: {m.value}" for m in at.metric]
    parts += [str(v) for df in at.dataframe for v in [*df.value.columns, *df.value.to_numpy().ravel()]]
    for chart in at.get("plotly_chart"):
        parts += _chart_texts(json.loads(chart.proto.spec))
    return [str(p) for p in parts]


@pytest.fixture(scope="module", params=["da", "en"])
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("page", PAGES)
def test_every_page_reads_as_written_for_people(page: str, lang: str) -> None:
    at = run(page, lang)
    rules = NEVER | (DANISH_ONLY if lang == "da" else {})
    found = [
        f"{what}: {m.group(0)!r} in {text[:120]!r}"
        for text in _seen(at)
        for what, pattern in rules.items()
        if (m := re.search(pattern, text))
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("page", PAGES)
def test_no_caption_or_paragraph_becomes_a_numbered_list(page: str, lang: str) -> None:
    """'1. dec. 2020 …' at the start of markdown is a list item; it is escaped ('1\\. dec.')."""
    at = run(page, lang)
    starts = [t.value for t in [*at.markdown, *at.caption] if re.match(r"\s*\d+\.\s", t.value)]
    assert not starts


@pytest.mark.parametrize("page", PAGES)
def test_every_choice_has_a_placeholder_in_the_language(page: str, lang: str) -> None:
    at = run(page, lang)
    widgets = [*at.selectbox, *at.multiselect]
    assert all(w.proto.placeholder == ("Vælg …" if lang == "da" else "Choose …") for w in widgets), [
        (w.label, w.proto.placeholder) for w in widgets
    ]
