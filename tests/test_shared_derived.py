"""What the pages share between sessions: finished figures, derived values keyed by their arguments, map boundaries."""

from __future__ import annotations

import json
from pathlib import Path

import plotly.graph_objects as go
import plotly.io as pio

from planner.plan import loader
from planner.presentation.charts import geo
from ui import data, draw

DATA = Path(__file__).resolve().parent.parent / "data"


def _figure() -> go.Figure:
    return go.Figure(go.Bar(x=["a", "b"], y=[1, 2]), layout={"title": {"text": "Æbler"}})


def test_a_shared_figure_gives_plotly_the_same_json_as_the_figure() -> None:
    fig = _figure()
    shared = draw.SharedFigure(fig)
    assert pio.to_json(shared.to_dict(), validate=False) == pio.to_json(fig.to_dict(), validate=False)
    assert shared.to_dict() is shared.to_dict()  # made once, not copied per view


def test_a_map_given_a_boundaries_url_carries_the_url_not_the_outlines() -> None:
    plan = loader.load(str(DATA))
    prog = next(p for p in plan.programmes if p.onboarding)
    inline = geo.onboarding_map(plan, prog, "wave", "da")
    linked = geo.onboarding_map(plan, prog, "wave", "da", boundaries="app/static/boundaries-x.json")
    assert all(isinstance(t.geojson, dict) and t.geojson["features"] for t in inline.data)
    assert [t.geojson for t in linked.data] == ["app/static/boundaries-x.json"] * len(linked.data)
    assert [list(t.locations) for t in linked.data] == [list(t.locations) for t in inline.data]
    assert len(linked.to_json()) * 10 < len(inline.to_json())


def test_the_boundaries_file_is_named_by_its_contents_and_holds_every_feature(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(data, "STATIC", tmp_path / "static")
    plan = loader.load(str(DATA))
    url = data.map_boundaries(plan)
    assert isinstance(url, str) and url.startswith("app/static/boundaries-")
    written = tmp_path / "static" / url.removeprefix("app/static/")
    features = json.loads(written.read_text(encoding="utf-8"))["features"]
    assert len(features) == 98 and all(f["id"] == f["properties"]["code"] for f in features)


def test_a_read_only_install_draws_the_map_with_the_outlines_inside(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(data, "STATIC", blocked / "static")  # cannot be made
    found = data.map_boundaries(loader.load(str(DATA)))
    assert isinstance(found, dict) and len(found["features"]) == 98
