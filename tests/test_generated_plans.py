"""Valid but extreme plans, drawn by hypothesis: the loader accepts them and every page renders them.

The strategies in :mod:`tests.strategies` draw whole data folders (empty and
huge programmes, long names in any script, all dates equal, optional fields
absent or present, scenarios without phases, observations without targets).
For each, the loader must report no error, every page of the app must run in
Danish and in English without an exception (in Danish with each programme
chosen in turn on the pages that show one), and the meeting pack must build in
every format.

``HYPOTHESIS_PROFILE=explore`` draws many more examples than the test
command's fixed, repeatable set.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from streamlit.testing.v1 import AppTest

from planner.plan import loader, problems
from planner.presentation import export, pack_pptx, report
from tests import strategies

ROOT = Path(__file__).resolve().parent.parent
_COMMON: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
}
# the test command's set: fixed and repeatable, reported as drawn (shrinking a slow example can take many minutes)
settings.register_profile("ci", max_examples=3, derandomize=True, phases=[Phase.explicit, Phase.generate], **_COMMON)
settings.register_profile("explore", max_examples=200, **_COMMON)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")

MEETING_PAGES = ["views/overview.py", "views/decision.py", "views/vendors.py", "views/changes.py", "views/edit.py"]
# pages that show one programme at a time, and the widget that chooses it
PER_PROGRAMME = {
    "views/programme.py": "programme",
    "views/municipalities.py": "onb-programme",
    "views/waves.py": "wp-programme",
    "views/targets.py": "tg-programme",
}
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def accepted(folder: Path) -> loader.Plan:
    plan = loader.load(str(folder))
    errors = [problems.format(p) for p in plan.problems if p.severity is problems.Severity.ERROR]
    assert not errors, errors
    return plan


def render_every_page(folder: Path) -> None:
    """Every page in Danish with each programme chosen in turn, and every page in English."""
    with mock.patch.dict(os.environ, {"PLANNER_DATA": str(folder)}):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        for lang in ("da", "en"):
            at.session_state["lang"] = lang
            at.run()
            for page in [*MEETING_PAGES, *PER_PROGRAMME]:
                at.switch_page(page).run()
                assert not at.exception, (lang, page, [e.message for e in at.exception])
                key = PER_PROGRAMME.get(page)
                offered = len(next((s.options for s in at.selectbox if s.key == key), [])) if lang == "da" else 0
                for index in range(1, offered):  # every other programme the page offers
                    next(s for s in at.selectbox if s.key == key).select_index(index).run()
                    assert not at.exception, (lang, page, index, [e.message for e in at.exception])


def build_every_pack(plan: loader.Plan) -> None:
    """Each format of the meeting pack, in one language or the other (both are built from the same slides)."""
    boundaries = plan.reference.boundaries()

    def no_images(figures: Any, folder: Path) -> list[Path]:  # kaleido is tried by the report tests, not here
        paths = [folder / f"figure-{i:02d}.png" for i in range(len(figures))]
        for path in paths:
            path.write_bytes(PNG)
        return paths

    with mock.patch.object(pack_pptx, "render_images", no_images):
        assert report.build(plan, "pptx", "da", None, boundaries)[:2] == b"PK"
        assert report.build(plan, "xlsx", "en", None, boundaries)[:2] == b"PK"
        assert b"</html>" in report.build(plan, "html", "en", plan.status_date - dt.timedelta(days=400), boundaries)
    json.loads(export.to_json(plan), parse_constant=lambda c: pytest.fail(f"the export wrote {c}"))


@pytest.mark.slow
@settings(settings.get_profile(PROFILE))
@given(files=strategies.data_folders())
def test_every_accepted_plan_renders_on_every_page_and_in_every_pack(files: dict[str, dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = strategies.write(files, Path(tmp) / "data")
        plan = accepted(folder)
        assert [p.id for p in plan.programmes] == files["portfolio.yaml"]["programmes"]
        render_every_page(folder)
        build_every_pack(plan)


@settings(settings.get_profile(PROFILE), max_examples=20 if PROFILE == "ci" else 500)
@given(files=strategies.data_folders())
def test_every_drawn_plan_is_accepted_and_exports(files: dict[str, dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plan = accepted(strategies.write(files, Path(tmp) / "data"))
        assert len(plan.programmes) == len(files) - 2
        json.loads(export.to_json(plan), parse_constant=lambda c: pytest.fail(f"the export wrote {c}"))
