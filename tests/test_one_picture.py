"""One input, one picture: what a page shows depends only on the data and that session's choices.

Every page is run headless (AppTest) in fresh sessions that share one server
process, and so one derived-value cache. For each of a page's controls: a
session that moves it sees something else than the default; a fresh session
afterwards sees the default again (one session's choice never reaches
another); and a second session making the same choice sees exactly what the
first saw.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Element

from planner.presentation.charts import geo
from tools import synthetic

ROOT = Path(__file__).resolve().parent.parent
Act = Callable[[AppTest], object]


def snapshot(at: AppTest) -> str:
    """Everything the page shows: texts, figures and metrics, tables and charts (their full specs)."""
    assert not at.exception, [e.message for e in at.exception]
    parts: list[str] = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "error", "warning", "info", "success", "code"):
        parts += [f"{kind}: {e.value}" for e in at.get(kind) if isinstance(e, Element)]
    parts += [f"metric: {m.label} = {m.value}" for m in at.metric]
    parts += ["dataframe: " + df.value.to_csv() for df in at.dataframe]
    parts += ["table: " + t.value.to_csv() for t in at.table]
    parts += ["chart: " + json.dumps(json.loads(c.proto.spec), sort_keys=True) for c in at.get("plotly_chart")]
    return "\n".join(parts)


def session(
    page: str, act: Act | None = None, *, state: dict[str, object] | None = None, projector: bool = False
) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    if projector:
        at.query_params["mode"] = "projector"
        at.query_params["screen"] = "1920x1080"
    at.run()
    at.switch_page(page).run()
    if act is not None:
        act(at)
        at.run()
    return at


def kinds(chosen: list[str]) -> Act:
    return lambda at: at.multiselect(key="vendor-kinds").set_value(chosen)


def select(key: str, index: int) -> Act:
    return lambda at: at.selectbox(key=key).select_index(index)


def radio(key: str, index: int) -> Act:
    return lambda at: at.radio(key=key).set_value(at.radio(key=key).options[index])


def number(key: str, value: int) -> Act:
    return lambda at: at.number_input(key=key).set_value(value)


LANG: dict[str, object] = {"state": {"lang": "en"}}
AS_OF: dict[str, object] = {"state": {"as_of": dt.date(2024, 6, 1)}}
PROJECTOR: dict[str, object] = {"projector": True}
CONTROLS: dict[str, dict[str, dict[str, object]]] = {
    "views/overview.py": {"language": LANG, "status date": AS_OF, "projector": PROJECTOR},
    "views/programme.py": {
        "language": LANG,
        "status date": AS_OF,
        "projector": PROJECTOR,
        "programme": {"act": select("programme", 2)},
        "scenario": {"act": radio("scenario-fhir-km", 1)},
        "what-if": {"act": number("wi-days-fhir-km-trinvis", 45)},
    },
    "views/vendors.py": {
        "language": LANG,
        "status date": AS_OF,
        "projector": PROJECTOR,
        "kind filter": {"act": kinds(["EPJ"])},
    },
    "views/municipalities.py": {
        "language": LANG,
        "status date": AS_OF,
        "projector": PROJECTOR,
        "colour": {"act": lambda at: at.button_group(key="onb-colour").set_value(geo.ColourBy.STATE)},
        "search": {"act": lambda at: at.text_input(key="onb-search").input("Aarhus")},
    },
    "views/targets.py": {"language": LANG, "status date": AS_OF, "projector": PROJECTOR},
    "views/decision.py": {"language": LANG, "status date": AS_OF, "projector": PROJECTOR},
    "views/waves.py": {"language": LANG, "capacity": {"act": number("wp-capacity-fk-org-sor", 20)}},
    "views/changes.py": {"language": LANG, "status date": AS_OF},
    "views/edit.py": {"language": LANG},
}
CASES = [(page, name) for page, controls in CONTROLS.items() for name in controls]


@pytest.mark.parametrize(("page", "control"), CASES, ids=[f"{p.split('/')[1][:-3]}-{c}" for p, c in CASES])
def test_a_control_changes_only_its_own_session(page: str, control: str) -> None:
    how = CONTROLS[page][control]
    options = {k: v for k, v in how.items() if k != "act"}
    act = how.get("act")
    default = snapshot(session(page))
    chosen = snapshot(session(page, act, **options))  # type: ignore[arg-type]
    assert chosen != default, f"{control} changes nothing on {page}"
    assert snapshot(session(page)) == default, f"{control} chosen in one session changed what a fresh session sees"
    assert snapshot(session(page, act, **options)) == chosen, f"the same {control} gave another picture"  # type: ignore[arg-type]


def vendor_rows(at: AppTest) -> set[str]:
    """The vendor names in every table on the page (the first column of each)."""
    names: set[str] = set()
    for df in at.dataframe:
        names |= set(df.value.iloc[:, 0].astype(str))
    for table in at.table:
        names |= set(table.value.iloc[:, 0].astype(str))
    return names


@pytest.mark.parametrize(("kind", "count"), [("EPJ", 2), ("EOJ", 5), ("LPS", 1)])
def test_each_system_kind_alone_lists_only_its_vendors(kind: str, count: int) -> None:
    at = session("views/vendors.py", kinds([kind]))
    rows = at.dataframe[0].value
    kind_column = next(c for c in rows.columns if set(rows[c].astype(str)) <= {"EPJ", "EOJ", "LPS"})
    assert set(rows[kind_column]) == {kind} and len(rows) == count
    every = session("views/vendors.py")  # a second, fresh session sees every vendor whatever the first chose
    assert len(every.dataframe[0].value) == 8


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("national")
    synthetic.generate(folder, scale=1)
    return folder


def test_each_programme_shows_its_own_comparison_and_the_what_if_moves_it(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANNER_DATA", str(national))
    first = session("views/programme.py")
    options = first.selectbox(key="programme").options
    pid = first.selectbox(key="programme").value
    tables = [first.dataframe[-1].value.to_csv()]
    for index in (1, 2):
        other = session("views/programme.py", select("programme", index))
        assert other.selectbox(key="programme").value != pid and len(options) > 2
        tables.append(other.dataframe[-1].value.to_csv())
    assert len(set(tables)) == 3, "two programmes showed the same scenario comparison"
    scenario = first.radio(key=f"scenario-{pid}").value
    moved = session("views/programme.py", number(f"wi-days-{pid}-{scenario}", 90))
    assert moved.dataframe[-1].value.to_csv() != tables[0], "the what-if does not move the comparison"
    assert session("views/programme.py").dataframe[-1].value.to_csv() == tables[0]


def test_a_part_of_the_readiness_matrix_is_that_sessions_choice(
    national: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANNER_DATA", str(national))
    first = snapshot(session("views/vendors.py"))
    second_part = session("views/vendors.py", select("matrix-part", 1))
    assert second_part.selectbox(key="matrix-part").value == 1
    assert snapshot(second_part) != first
    assert snapshot(session("views/vendors.py")) == first
