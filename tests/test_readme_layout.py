"""The README's "Layout of the code" names every module, so a newcomer finds where each thing lives.

A module added without a line there fails here, with its path; a module named there that no longer
exists fails too.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("planner", "ui", "views", "tools")


def _layout() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("## Layout of the code", 1)[1].split("\n## ", 1)[0]


def _modules() -> list[Path]:
    return [
        p.relative_to(ROOT)
        for folder in FOLDERS
        for p in sorted((ROOT / folder).rglob("*.py"))
        if p.name not in ("__init__.py", "__main__.py")
    ]


def test_every_module_is_named_in_the_readme_layout() -> None:
    layout = _layout()
    missing = [str(p) for p in _modules() if not re.search(rf"(?<![\w/]){re.escape(p.stem)}(\.py)?(?!\w)", layout)]
    assert missing == [], f"add these to README.md's 'Layout of the code': {missing}"


def test_every_file_the_readme_layout_names_exists() -> None:
    named = set(re.findall(r"(?<![\w/.])([a-z_]+)\.py\b", _layout()))
    stems = {p.stem for p in _modules()} | {"app"}
    assert named - stems == set(), f"README.md's layout names modules that do not exist: {sorted(named - stems)}"


def test_the_tests_index_maps_every_test_file_and_module() -> None:
    """tests/README.md is what ``python -m tools.test_index`` writes: every test file and module in it, mapped."""
    from tools import test_index

    written = (ROOT / "tests" / "README.md").read_text(encoding="utf-8")
    assert written == test_index.render(ROOT), "run `python -m tools.test_index` and commit tests/README.md"
    for test in sorted((ROOT / "tests").glob("test_*.py")):
        assert f"- `{test.name}`: " in written
    for module in _modules():
        if module.parts[0] in ("planner", "ui"):
            assert f"- `{module.as_posix()}`: " in written
