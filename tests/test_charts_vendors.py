"""Vendor charts: sentences, matrix cells, projector sizes.

On the shipped data as if the EOJ vendors had said 1 Nov 2024 (``eoj_said_1_nov``):
they did not (they proposed it), so the shipped data holds no late vendor,
and what a late vendor does is shown on this variant.
"""

from __future__ import annotations

import pytest

from planner.analysis import matrix_paging, schedule
from planner.plan import loader, model
from planner.presentation import vendor_text
from planner.presentation.charts import theme, vendor_gaps, vendors
from tests.conftest import eoj_said_1_nov

EOJ_DA = "klar 1. nov. 2024, 1. bølge går i drift 1. sep. 2024: 61 dage for sent"
EOJ_EN = "ready 1 Nov 2024, 1. bølge goes live 1 Sept 2024: 61 days late"
EPJ_DA = "tidligst klar 1. dec. 2025, 2. bølge går i drift 1. dec. 2025: ingen lovet dato"


@pytest.fixture(scope="module")
def plan() -> loader.Plan:
    return eoj_said_1_nov(loader.load("data"))


def test_the_shipped_data_holds_no_late_vendor_a_proposal_is_not_lateness() -> None:
    shipped = loader.load("data")
    programme = shipped.programme("fhir-km")
    assert programme is not None
    fits = schedule.fits_for(programme, shipped.vendors)
    assert schedule.holds_back(fits) == []
    assert not any(f.state is model.ReadinessState.LATE for f in fits)
    eoj = [v for v in shipped.vendors if v.kind is model.SystemKind.EOJ]
    assert {(p.stance, p.scenario, str(p.date.first) if p.date else None) for v in eoj for p in v.positions} == {
        (model.Stance.SUPPORTS, "trinvis", None),
        (model.Stance.PROPOSES, "trinvis-nov", "2024-11-01"),
    }


@pytest.fixture(scope="module")
def fits(plan: loader.Plan) -> list[schedule.Fit]:
    programme = plan.programme("fhir-km")
    assert programme is not None
    return schedule.fits_for(programme, plan.vendors)


def _fit(fits: list[schedule.Fit], vendor_id: str) -> schedule.Fit:
    return next(f for f in fits if f.vendor.id == vendor_id)


@pytest.mark.parametrize(
    ("vendor_id", "lang", "expected"),
    [
        ("systematic-cura", "da", EOJ_DA),
        ("kmd-nexus", "da", EOJ_DA),
        ("netcompany", "da", EOJ_DA),
        ("systematic-cura", "en", EOJ_EN),
        ("epic", "da", EPJ_DA),
        ("epic", "en", "ready 1 Dec 2025 at the earliest, 2. bølge goes live 1 Dec 2025: no date promised"),
        ("lps-vendors", "da", "ingen klar-dato oplyst"),
        ("lps-vendors", "en", "no ready-by date given"),
    ],
)
def test_gap_sentence(fits: list[schedule.Fit], vendor_id: str, lang: str, expected: str) -> None:
    assert vendor_text.gap_sentence(_fit(fits, vendor_id), lang) == expected


def test_every_eoj_vendor_is_61_days_late(fits: list[schedule.Fit]) -> None:
    eoj = [f for f in fits if f.vendor.kind.value == "EOJ"]
    assert len(eoj) == 5
    assert {vendor_text.gap_sentence(f, "da") for f in eoj} == {EOJ_DA}


def test_holds_back_groups_the_eoj_vendors(fits: list[schedule.Fit]) -> None:
    held = schedule.holds_back(fits)
    assert len(held) == 1
    assert held[0].wave.id == "wave-1"
    assert held[0].party == "EOJ"
    assert held[0].max_gap_days == 61
    assert len(held[0].vendors) == 5
    assert vendor_text.holds_back_sentence(held[0], "da") == (
        "Systematic (Cura), KMD (Nexus), EG (Sensum), Dedalus, Netcompany holder 1. bølge (EOJ) tilbage med 61 dage"
    )


def test_vendor_label(plan: loader.Plan) -> None:
    labels = [vendor_text.vendor_label(v, "da") for v in plan.vendors]
    assert labels[0] == "Systematic (Cura) · EOJ"
    assert "Dedalus · EOJ" in labels


def test_matrix_has_one_row_per_vendor_and_text_on_every_cell(plan: loader.Plan) -> None:
    fig = vendors.readiness_matrix(plan, "da", theme.SCREEN)
    heatmap = fig.data[0]
    assert heatmap.type == "heatmap"
    assert heatmap.showscale is False
    assert list(fig.layout.yaxis.ticktext) == [vendor_text.vendor_label(v, "da") for v in plan.vendors]
    assert len(heatmap.text) == len(plan.vendors)
    assert all(cell for row in heatmap.text for cell in row)
    # (each on as many lines as its column's width asks: the words, in order)
    assert [" ".join(t.split("<br>")) for t in fig.layout.xaxis.ticktext] == [
        "FHIR-KM 1. bølge",  # the programme's short name: a column is narrow
        "FHIR-KM 2. bølge",
    ]
    assert fig.layout.xaxis.tickangle == 0
    # no state in the source: derived from a date that is itself read from a proposal
    assert heatmap.text[0][0] == "● Forsinket (beregnet, anslået)<br>klar 1. nov. 2024 (anslået)"
    # "cannot be ready before 1 Dec 2025": an earliest date, and nobody said they would make it
    assert heatmap.text[5][1] == "? Ukendt<br>tidligst 1. dec. 2025"


def test_matrix_in_english_marks_estimates(plan: loader.Plan) -> None:
    fig = vendors.readiness_matrix(plan, "en", theme.SCREEN)
    assert fig.data[0].text[0][0] == "● Late (derived, estimate)<br>ready 1 Nov 2024 (estimate)"


def test_matrix_filters_by_kind(plan: loader.Plan) -> None:
    fig = vendors.readiness_matrix(plan, "da", theme.SCREEN, kinds={"EOJ"})
    assert len(fig.layout.yaxis.ticktext) == 5
    assert all(label.endswith("· EOJ") for label in fig.layout.yaxis.ticktext)
    assert len(fig.layout.xaxis.ticktext) == 1  # EOJ vendors sit only in the 1st wave


def test_matrix_without_vendors_says_so(plan: loader.Plan) -> None:
    fig = vendors.readiness_matrix(plan, "da", theme.SCREEN, kinds=set())
    assert fig.layout.annotations[0].text == "Ingen leverandører at vise"


def test_gap_chart_bars_and_sentences(fits: list[schedule.Fit]) -> None:
    fig = vendor_gaps.gap_chart(fits, "da", theme.SCREEN)
    (late,) = fig.data  # the EPJ vendors' earliest date is their wave's go-live: no gap either way
    assert late.marker.color == theme.VERMILION
    assert list(late.x) == [61] * 5
    texts = [a.text.replace("<br>", " ") for a in fig.layout.annotations]  # (a sentence wraps to the plot's width)
    assert texts.count(EOJ_DA + " (anslået)") == 5
    assert texts.count(EPJ_DA) == 2
    assert "ingen klar-dato oplyst" in texts
    assert "Bølgens idriftsættelse" in texts
    assert len(fig.layout.yaxis.ticktext) == len(fits)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_projector_fonts(plan: loader.Plan, fits: list[schedule.Fit], lang: str) -> None:
    for fig in (
        vendors.readiness_matrix(plan, lang, theme.PROJECTOR),
        vendor_gaps.gap_chart(fits, lang, theme.PROJECTOR),
    ):
        assert fig.layout.font.size >= theme.PROJECTOR_MIN_FONT
        sizes = theme.font_sizes(fig)
        assert sizes
        assert min(sizes) >= theme.PROJECTOR_MIN_FONT


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> loader.Plan:
    from tools import synthetic

    folder = tmp_path_factory.mktemp("national")
    synthetic.generate(folder, scale=1)
    return loader.load(str(folder))


@pytest.mark.parametrize("columns", [20, 30, 7])
def test_matrix_parts_are_bounded_by_their_columns_and_keep_every_programme_whole(
    national: loader.Plan, columns: int
) -> None:
    parts = matrix_paging.matrix_parts(national, columns)
    ranges = matrix_paging.part_ranges(parts)
    stated = [
        p.id for p in national.programmes if any(r.programme == p.id for v in national.vendors for r in v.readiness)
    ]
    assert [p.id for part in parts for p in part.programmes] == stated  # each once, in plan order
    assert len(ranges) == len(parts)
    for part, (first, last, total) in zip(parts, ranges, strict=True):
        assert last - first + 1 == len(part.programmes) and total == len(stated)
        drawn = vendors.readiness_matrix(part, "da", theme.SCREEN)
        shown = len(drawn.layout.xaxis.ticktext)
        # a part only exceeds the budget when one programme alone has more waves than it
        assert shown <= columns or len(part.programmes) == 1
        # every vendor in the part speaks about one of its programmes
        ids = {p.id for p in part.programmes}
        assert all(any(r.programme in ids for r in v.readiness) for v in part.vendors)


def test_a_wide_matrix_shows_symbols_and_leaves_silent_cells_blank(national: loader.Plan) -> None:
    part = matrix_paging.matrix_parts(national, 30)[0]
    fig = vendors.readiness_matrix(part, "da", theme.SCREEN)
    heatmap = fig.data[0]
    cells = [
        (cell, z)
        for text_row, z_row in zip(heatmap.text, heatmap.z, strict=True)
        for cell, z in zip(text_row, z_row, strict=True)
    ]
    assert len(fig.layout.xaxis.ticktext) > vendors.FULL_TEXT_COLUMNS
    assert all(cell == "" for cell, z in cells if z is None)  # nothing said: an empty square, no text to draw
    symbols = {cell for cell, z in cells if z is not None}
    # a state's symbol, never colour alone; with the estimate sign where the cell rests on an estimate
    assert symbols and all(s[0] in "✓→▲●?" and s[1:] in ("", vendors.ESTIMATE_SIGN) for s in symbols)
    assert any(s.endswith(vendors.ESTIMATE_SIGN) for s in symbols)
    assert "* = anslået" in [t.name for t in fig.data]  # and the legend says what the sign means
    # rows of symbols are shorter than rows of sentences
    assert fig.layout.height < 180 + 2.5 * 14 + vendors.ROW_LINES * 14 * len(part.vendors)
