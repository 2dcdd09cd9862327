"""Where a Gantt's texts go (planner/presentation/charts/gantt_labels.py): clear of every other text and mark."""

from __future__ import annotations

import datetime as dt

from planner.plan import loader
from planner.presentation.charts import gantt, gantt_labels, gantt_rows, theme
from planner.presentation.charts.gantt_labels import BarSpot, MarkSpot

D = dt.date
FRAME = gantt_labels.Frame(start=D(2023, 1, 1), px_per_day=1.0, top_row=-0.5, px_per_row=44, width=730, height=44 * 4)


def boxes_apart(placement: gantt_labels.Placement, marks: list[MarkSpot]) -> list[gantt_labels.Box]:
    out = []
    for m, pos in zip(marks, placement.mark_positions, strict=True):
        if pos:
            size = gantt_labels.text_size(m.label, 12)
            out.append(gantt_labels.label_box(FRAME.x(m.date), FRAME.y(m.row), gantt_labels.GO_LIVE_PX, pos, size))
    return out


def test_a_go_live_at_the_end_of_its_bar_writes_its_date_where_no_bar_is() -> None:
    bars = [BarSpot(0, 0.37, D(2023, 1, 1), D(2023, 6, 30), "Udvikling")]
    marks = [MarkSpot(0, D(2023, 7, 1), True, "1. jul. 2023")]
    placed = gantt_labels.place(FRAME, bars, marks, [], D(2022, 11, 3), 12)
    (pos,) = placed.mark_positions
    assert pos is not None and pos != "top center"  # above the diamond it would lie on its own bar
    box = boxes_apart(placed, marks)[0]
    bar = gantt_labels.Box(0, FRAME.y(-0.37), FRAME.x(D(2023, 7, 1)), FRAME.y(0.37))
    assert not box.hits(bar)


def test_a_bar_keeps_its_name_only_where_nothing_lies_on_it() -> None:
    bars = [
        BarSpot(0, 0.37, D(2023, 1, 1), D(2023, 12, 31), "Fuld drift"),
        BarSpot(1, 0.37, D(2023, 1, 1), D(2023, 12, 31), "Pilot"),
        BarSpot(2, 0.37, D(2023, 1, 1), D(2023, 1, 20), "Et langt navn der ikke er plads til"),
    ]
    marks = [MarkSpot(0, D(2023, 1, 10), False, "")]  # a milestone on the first bar's name
    placed = gantt_labels.place(FRAME, bars, marks, [], D(2022, 11, 3), 12)
    assert placed.bar_labels == ("", "Pilot", "")


def test_the_status_line_and_arrows_are_kept_clear() -> None:
    bars = [BarSpot(1, 0.37, D(2023, 1, 1), D(2023, 12, 31), "Pilot")]
    crossed = gantt_labels.place(FRAME, bars, [], [], D(2023, 1, 10), 12)
    assert crossed.bar_labels == ("",)  # the status line runs through the name
    arrow = (D(2023, 1, 1), 0, D(2023, 3, 1), 0)  # in the row above
    assert gantt_labels.place(FRAME, bars, [], [arrow], D(2024, 6, 1), 12).bar_labels == ("Pilot",)
    through = (D(2023, 1, 5), 0, D(2023, 1, 25), 2)  # down through the name
    assert gantt_labels.place(FRAME, bars, [], [through], D(2024, 6, 1), 12).bar_labels == ("",)


def test_close_go_lives_never_write_their_dates_on_each_other() -> None:
    marks = [MarkSpot(0, D(2023, 3, 1) + dt.timedelta(days=10 * i), True, "1. mar. 2023") for i in range(4)]
    placed = gantt_labels.place(FRAME, [], marks, [], D(2022, 11, 3), 12)
    boxes = boxes_apart(placed, marks)
    assert len(boxes) >= 2  # room for some of them
    assert not any(a.hits(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])
    diamonds = [
        gantt_labels.Box(FRAME.x(m.date) - 13, FRAME.y(0) - 13, FRAME.x(m.date) + 13, FRAME.y(0) + 13) for m in marks
    ]
    assert not any(b.hits(d) for b in boxes for d in diamonds)


def test_a_label_outside_the_plot_is_not_written() -> None:
    marks = [MarkSpot(0, D(2022, 6, 1), True, "1. jun. 2022")]  # before the chart's start
    assert gantt_labels.place(FRAME, [], marks, [], D(2024, 6, 1), 12).mark_positions == (None,)


def test_milestones_on_one_day_in_one_row_are_one_marker_with_a_count() -> None:
    ms = [gantt_rows.Mark(0, D(2023, 1, 1), "", f"<b>M{i}</b>", False, False) for i in range(3)]
    other = gantt_rows.Mark(0, D(2023, 2, 1), "", "<b>M9</b>", False, True)
    (three, one) = gantt_rows.merged([*ms, other])
    assert three.label == "×3" and three.hover == "<b>M0</b><br><b>M1</b><br><b>M2</b>"
    assert one is other


def test_the_shipped_overview_draws_each_go_live_date_at_most_once_and_phase_names_only_where_placed() -> None:
    plan = loader.load(str(loader.DEFAULT_DATA_DIR))
    fig = gantt.portfolio_gantt(
        plan.programmes,
        {},
        plan.status_date,
        "da",
        theme.SCREEN,
        gantt.default_window(plan.programmes, plan.status_date),
    )
    (lives,) = [t for t in fig.data if t.type == "scatter" and t.name == "Idriftsættelse"]
    shown = [t for t, tpl in zip(lives.text, lives.texttemplate, strict=True) if tpl]
    assert shown and all(
        lives.textposition[i] in gantt_labels.POSITIONS for i, tpl in enumerate(lives.texttemplate) if tpl
    )
    rows = list(fig.layout.yaxis.ticktext)
    for t in fig.data:
        if t.type == "bar":  # a bar never repeats its row's name
            for text, tpl, row in zip(t.text, t.texttemplate, t.meta["rows"], strict=True):
                assert not (tpl and rows[row].endswith(text))
