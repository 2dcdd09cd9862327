"""``python -m tools.test_index``: writes tests/README.md, the map from each test file and each module to its tests.

For every test file, the first line of its docstring; for every module of planner/ and ui/, the test
files that name it (by import or dotted name, through ``planner.editing``'s public names, by a test
file named after it, or, for a ui module, through a page a test runs); a module no test names is listed
with the modules it is tested through. ``tests/test_readme_layout.py`` fails when the file is not what
this writes, so a new module or test file is mapped before it lands.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "tests" / "README.md"
HEADER = """# The tests, and which test what

`bash scripts/test.sh` runs them all (lint first, browser tests included). Run one file with
`.venv/bin/python -m pytest tests/test_report.py`; `-m 'not browser'` leaves out the ones that drive
Debian's chromium, `-m 'not slow'` also those that start servers or programs.

Shared pieces: `conftest.py` (fixtures: the shipped plan, a fresh copy of the data, a browser),
`browser.py` (a real server and chromium per test file), `strategies.py` (hypothesis strategies for
generated plans), `mpxj_read.py` (MPXJ reading an MS Project file, run in its own process), `oidc/` (the
OpenID Connect provider of the sign-in tests).

This file is written by `python -m tools.test_index`.
"""


def _dotted(module: Path, root: Path) -> tuple[str, str, str]:
    """'planner.plan.loader', its package 'planner.plan' and its name 'loader'."""
    dotted = ".".join(module.relative_to(root).with_suffix("").parts)
    parent, name = dotted.rsplit(".", 1)
    return dotted, parent, name


def _imports(source: str, module: Path, root: Path) -> bool:
    """Whether ``source`` names the module: by its dotted name or in a ``from package import`` list."""
    dotted, parent, name = _dotted(module, root)
    return bool(
        re.search(rf"\b{re.escape(dotted)}\b", source)
        or re.search(rf"from {re.escape(parent)} import (\([^)]*|[^\n]*)\b{name}\b", source)
    )


def _editing_facade(root: Path) -> dict[str, set[str]]:
    """``planner.editing``'s public names by the submodule they come from (tests call ``editing.save_changes``)."""
    found: dict[str, set[str]] = {}
    text = (root / "planner" / "editing" / "__init__.py").read_text(encoding="utf-8")
    for m in re.finditer(r"^from planner\.editing\.(\w+) import ([^\n(]+|\([^)]*\))", text, re.M):
        names = re.findall(r"(\w+)(?: as (\w+))?", m.group(2).strip("()"))
        found.setdefault(f"planner/editing/{m.group(1)}.py", set()).update(alias or name for name, alias in names)
    return found


def _tested_by(module: Path, tests: dict[Path, str], facade: set[str], root: Path) -> list[str]:
    return [
        test.name
        for test, source in tests.items()
        if _imports(source, module, root)
        or test.name == f"test_{module.stem}.py"
        or any(re.search(rf"\bediting\.{n}\b", source) for n in facade)
    ]


def _through_pages(module: Path, tests: dict[Path, str], root: Path) -> list[str]:
    """For a ui module: the tests that run a page (or the app) drawing it, and which pages those are."""
    pages = [*sorted((root / "views").glob("*.py")), root / "app.py"]
    drawn_by = [
        p.relative_to(root).as_posix()
        for p in pages
        if re.search(rf"from ui import (\([^)]*|[^\n]*)\b{module.stem}\b|\bui\.{module.stem}\b", p.read_text())
    ]
    found = sorted(
        {t.name for t, source in tests.items() for page in drawn_by
         if page in source or (page == "app.py" and "AppTest" in source)}
    )  # fmt: skip
    return [*found, f"(through {', '.join(drawn_by)})"] if found else []


def render(root: Path = ROOT) -> str:
    """The index's text for the checkout at ``root``."""
    tests = {t: t.read_text(encoding="utf-8") for t in sorted((root / "tests").glob("test_*.py"))}
    modules = sorted(
        p for folder in ("planner", "ui") for p in (root / folder).rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
    )  # fmt: skip
    facade = _editing_facade(root)
    out = [HEADER, "## Each test file", ""]
    for test, source in tests.items():
        said = (ast.get_docstring(ast.parse(source)) or "(no docstring)").split("\n")[0].strip()
        out.append(f"- `{test.name}`: {said}")
    out += ["", "## Each module, and the test files that name it", ""]
    out += ["A module no test file names is tested through the modules that use it, named in brackets.", ""]
    for module in modules:
        rel = module.relative_to(root).as_posix()
        found = _tested_by(module, tests, facade.get(rel, set()), root)
        if not found and module.parent.name == "ui":
            found = _through_pages(module, tests, root)
        if not found:
            callers = [
                c.relative_to(root).as_posix() for c in modules if c != module and _imports(c.read_text(), module, root)
            ]
            found = [f"(through {', '.join(callers) or 'the pages'})"]
        out.append(f"- `{rel}`: " + ", ".join(x if x.startswith("(") else f"`{x}`" for x in found))
    return "\n".join(out) + "\n"


def main() -> int:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
