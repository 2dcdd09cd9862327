"""Text: names typed on a Mac match, invisible and control characters are refused and shown by code point."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from planner.plan import loader, problems
from planner.plan.problems import Code
from planner.presentation import export

VALID = Path(__file__).resolve().parent / "data" / "valid_minimal"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data(minimal_data: Path) -> Path:
    return minimal_data


def with_text(data: Path, old: str, new: str) -> loader.Plan:
    path = data / "programmes" / "alpha.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return loader.load(str(data))


def test_a_name_typed_on_a_mac_is_the_same_name(data: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Tårnby")
    assert decomposed != "Tårnby"
    plan = with_text(data, "members: [Aalborg, Aarhus]", f"members: [Aalborg, {decomposed}]")
    assert not plan.problems, [problems.format(p) for p in plan.problems]
    prog = plan.programme("alpha")
    assert prog is not None and prog.onboarding is not None
    assert prog.onboarding.waves[0].members[1] == "Tårnby"


@pytest.mark.parametrize(("char", "shown"), [("\u200b", "U+200B"), ("\u202e", "U+202E"), ("\ufeff", "U+FEFF")])
def test_an_invisible_character_in_a_name_is_refused_and_shown_by_its_code_point(
    data: Path, char: str, shown: str
) -> None:
    plan = with_text(data, 'name: "Alpha"', f'name: "Al{char}pha"')
    (found,) = [p for p in plan.problems if p.field == "name"]
    line = problems.format(found)
    assert found.code is Code.BAD_VALUE and f"holds the invisible character {shown}" in line
    assert char not in line  # never raw: the line would display reversed, or two names look the same


def test_an_invisible_character_in_a_municipality_is_refused_without_showing_it_raw(data: Path) -> None:
    plan = with_text(data, "members: [Aalborg, Aarhus]", 'members: [Aalborg, "Aar\u202ehus"]')
    lines = [problems.format(p) for p in plan.problems]
    assert lines and all("\u202e" not in line for line in lines)
    assert any("members[1]: holds the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)" in line for line in lines)


def test_every_message_shows_invisible_characters_by_code_point() -> None:
    found = problems.Problem(code=Code.UNKNOWN_MUNICIPALITY, file="x.yaml", line=1, column=1, field="a",
                             message="unknown municipality 'Aar\u202ehus\u200b'")  # fmt: skip
    assert (
        problems.format(found) == "x.yaml:1:1: a: unknown municipality 'Aar<U+202E>hus<U+200B>' [unknown-municipality]"
    )


@pytest.mark.parametrize("escape", ["\\0", "\\a", "\\x1b", "\\e"])
def test_an_escaped_control_character_is_refused_and_never_exported(data: Path, escape: str) -> None:
    plan = with_text(data, 'name: "Alpha"', f'name: "Al{escape}pha"')
    assert [p.code for p in plan.problems if p.field == "name"] == [Code.BAD_VALUE]
    exported = export.to_json(plan)
    assert not any(unicodedata.category(c) == "Cc" and c not in "\n" for c in exported)
