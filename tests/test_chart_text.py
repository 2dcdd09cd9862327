"""Every chart in words: a name, a description and its data as rows, from the figure itself, in the user's language."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from planner.plan import loader
from planner.presentation import chart_text
from planner.presentation.charts import gantt, vendors

PLAN = loader.load(str(loader.DEFAULT_DATA_DIR))
DAY = PLAN.portfolio.status_date.first


def fhir_km(lang: str) -> go.Figure:
    prog = PLAN.programme("fhir-km")
    assert prog is not None
    return gantt.programme_gantt(prog, prog.plan_of_record, DAY, lang)


@pytest.mark.parametrize(
    ("lang", "go_live", "words"),
    [("da", "Idriftsættelse: 1. sep. 2024", "Diagram: FHIR-KM"), ("en", "Go-live: 1 Sept 2024", "Chart: FHIR-KM")],
)
def test_a_programme_gantt_in_words(lang: str, go_live: str, words: str) -> None:
    said = chart_text.alternative(fhir_km(lang), lang)
    assert said.name == "FHIR-KM: " + PLAN.programme("fhir-km").plan_of_record.name  # type: ignore[union-attr]
    assert said.description.startswith(words)
    texts = [" ".join(r.values()) for r in said.rows]
    assert any(go_live in t for t in texts)  # the first wave's go-live, as the chart's label says it
    assert any("(anslået)" in t for t in texts) if lang == "da" else any("(estimate" in t for t in texts)
    assert not any("<" in t or "%{" in t for t in texts)  # no tags, no template left


def test_the_readiness_matrix_reads_cell_by_cell() -> None:
    said = chart_text.alternative(vendors.readiness_matrix(PLAN, "da", as_of=DAY), "da")
    items = [list(r.values())[1] for r in said.rows]
    assert any(i.startswith("Netcompany") for i in items) and all("bølge" in i for i in items)
    assert len(said.rows) == len(set(items))  # one row per vendor and wave, no repeats


def test_a_figure_with_no_words_still_has_a_name() -> None:
    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], hoverinfo="skip"))
    said = chart_text.alternative(fig, "en")
    assert said.name == "Chart" and said.rows == () and said.description.startswith("Chart: Chart. 0 points")


def test_breaks_read_as_commas_between_fields_and_spaces_inside_a_sentence() -> None:
    assert chart_text.plain("<b>KMD</b><br>Wave: 1<br>the vendor backs<br>the plan &amp; more") == (
        "KMD, Wave: 1 the vendor backs the plan & more"
    )
