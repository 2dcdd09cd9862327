"""Loading and validation: every broken input reports exactly what it should.

Each ``tests/data/invalid/<case>.yaml`` is dropped into a copy of
``tests/data/valid_minimal`` and must produce exactly the problem lines its
header states. Header comments (the file's first lines):

    # expect: <formatted problem line>   one per problem, in order;
                                         {file} is the path the case is reported
                                         under, {data} the data folder
    # as: vendors.yaml                   where the case goes (default:
                                         programmes/<case>.yaml)
    # delete: portfolio.yaml             a fixture file to remove first

Cases that are easier made in code (huge, binary, UTF-16, BOM, CRLF) are below.
"""

from __future__ import annotations

import copy
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.plan import loader, yaml_text, yamlsafe
from planner.plan.problems import Code, Severity
from tests import test_hostile_files, test_hostile_regions, test_provenance, test_self_checks
from tests.conftest import INVALID, VALID_MINIMAL, lines

CASE_FILES = sorted(INVALID.glob("*.yaml"))
FIXTURE_PROGRAMMES = {"alpha", "beta"}


@dataclass
class Case:
    """A broken input and the problem lines it must produce."""

    target: str
    expect: list[str] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)


def read_case(path: Path) -> Case:
    case = Case(target=f"programmes/{path.name}")
    for raw_line in path.read_bytes().splitlines():
        if not raw_line.startswith(b"#"):
            break
        text = raw_line.decode("utf-8").removeprefix("#").strip()
        directive, _, value = text.partition(": ")
        if directive == "expect":
            case.expect.append(value)
        elif directive == "as":
            case.target = value
        elif directive == "delete":
            case.delete.append(value)
    return case


def expand(line: str, data: Path, target: Path) -> str:
    return line.replace("{file}", str(target)).replace("{data}", str(data))


def load_with(data: Path, target: str, raw: bytes) -> tuple[loader.Plan, Path]:
    """Write ``raw`` as ``data/target`` and load the folder."""
    path = data / target
    path.write_bytes(raw)
    return loader.load(str(data)), path


@pytest.mark.parametrize("case_file", CASE_FILES, ids=lambda p: p.stem)
def test_invalid_input_reports_exactly(case_file: Path, data: Path) -> None:
    case = read_case(case_file)
    assert case.expect, f"{case_file.name} states no '# expect:' line"
    for name in case.delete:
        (data / name).unlink()
    plan, path = load_with(data, case.target, case_file.read_bytes())
    assert lines(plan) == [expand(e, data, path) for e in case.expect]
    # the rest of the folder still loads
    assert {p.id for p in plan.programmes} >= FIXTURE_PROGRAMMES
    # and a programme with an error in its own file is left out
    own_errors = [p for p in plan.problems if p.file == str(path) and p.severity is Severity.ERROR]
    if case.target.startswith("programmes/") and own_errors:
        assert plan.programme(path.stem) is None


def test_every_code_has_a_case() -> None:
    stated = {
        m[1]
        for case_file in CASE_FILES
        for line in read_case(case_file).expect
        if (m := re.search(r"\[([a-z0-9-]+)\]$", line))
    }
    stated |= {c.code for c in GENERATED}
    built_in_code = (
        *test_hostile_files.COVERS,
        *test_hostile_regions.COVERS,
        *test_provenance.COVERS,
        *test_self_checks.COVERS,
    )
    stated |= {c.value for c in built_in_code}
    assert sorted(stated) == sorted(c.value for c in Code)


def test_case_count() -> None:
    assert len(CASE_FILES) + len(GENERATED) >= 40


# ------------------------------------------------------- cases made in code

ALPHA = (VALID_MINIMAL / "programmes" / "alpha.yaml").read_bytes()
BOMB_LEVELS = "\n".join(
    [f"l0: &a0 [{', '.join(['lol'] * 10)}]"] + [f"l{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
)


@dataclass(frozen=True)
class Generated:
    """A broken input built in code, with its one expected problem line."""

    name: str
    raw: bytes
    expect: str
    code: str


GENERATED = [
    Generated(
        "too-large",
        b"# padding\n" + b"x" * yaml_text.MAX_BYTES,
        "{file}:1:1: file is 2,000,010 bytes; the limit is 2,000,000 bytes; split it into smaller files [file-too-large]",
        "file-too-large",
    ),
    Generated(
        "binary",
        bytes(range(256)),
        "{file}:2:118: byte 0x80 is not UTF-8 (is it a binary file?); save the file as UTF-8 [not-utf8]",
        "not-utf8",
    ),
    Generated(
        "png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        "{file}:1:1: byte 0x89 is not UTF-8 (is it a binary file?); save the file as UTF-8 [not-utf8]",
        "not-utf8",
    ),
    Generated(
        "utf16",
        "id: utf16\n".encode("utf-16"),
        "{file}:1:1: the file is saved as UTF-16; save it as UTF-8 [not-utf8]",
        "not-utf8",
    ),
    Generated(
        "zero-bytes",
        b"",
        "{file}:1:1: file is empty (or only comments); write the plan's keys or remove the file [empty-file]",
        "empty-file",
    ),
    Generated(
        "whitespace",
        b"\n  \n\n",
        "{file}:1:1: file is empty (or only comments); write the plan's keys or remove the file [empty-file]",
        "empty-file",
    ),
    Generated(
        "bom-only",
        b"\xef\xbb\xbf",
        "{file}:1:1: file is empty (or only comments); write the plan's keys or remove the file [empty-file]",
        "empty-file",
    ),
    Generated(
        "crlf-alias-bomb",
        (BOMB_LEVELS + "\n").replace("\n", "\r\n").encode(),
        "{file}:6:1: document expands to more than 200,000 values (anchors and aliases?); write the values out "
        "[yaml-too-complex]",
        "yaml-too-complex",
    ),
    Generated(
        "nested-100k",
        b"a: " + b"[" * 100_000 + b"]" * 100_000,
        "{file}:1:53: lists and mappings are nested more than 50 deep; flatten the data [yaml-too-complex]",
        "yaml-too-complex",
    ),
    Generated(
        "huge-number",
        b"a: " + b"9" * 5000,
        "{file}:1:4: number '999999999999999999999999999999…' is too long; put it in quotes if it is text [bad-value]",
        "bad-value",
    ),
]


@pytest.mark.parametrize("case", GENERATED, ids=lambda c: c.name)
def test_generated_input_reports_exactly(case: Generated, data: Path) -> None:
    plan, path = load_with(data, f"programmes/{case.name}.yaml", case.raw)
    assert lines(plan) == [expand(case.expect, data, path)]
    assert {p.id for p in plan.programmes} >= FIXTURE_PROGRAMMES


def test_a_folder_where_a_file_should_be(data: Path) -> None:
    (data / "programmes" / "gamma.yaml").mkdir()
    plan = loader.load(str(data))
    assert lines(plan) == [
        f"{data}/programmes/gamma.yaml:1:1: this is a folder, not a file; put a YAML file here [not-a-file]"
    ]


def test_the_same_programme_twice(data: Path) -> None:
    shutil.copy(data / "programmes" / "beta.yaml", data / "programmes" / "beta.yml")
    plan = loader.load(str(data))
    assert lines(plan) == [
        f"{data}/programmes/beta.yml:1:5: id: programme id 'beta' is also used by {data}/programmes/beta.yaml; "
        "remove one of the files [duplicate-id]"
    ]


# -------------------------------------------------- encodings that are fine


def _same_data(a: loader.Plan, b: loader.Plan) -> bool:
    return a.programmes == b.programmes and a.vendors == b.vendors and a.portfolio == b.portfolio


def test_byte_order_mark_loads(data: Path) -> None:
    before = loader.load(str(data))
    (data / "programmes" / "alpha.yaml").write_bytes(b"\xef\xbb\xbf" + ALPHA)
    after = loader.load(str(data))
    assert lines(after) == []
    assert _same_data(before, after)


def test_crlf_loads(data: Path) -> None:
    before = loader.load(str(data))
    for path in data.rglob("*.yaml"):
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    after = loader.load(str(data))
    assert lines(after) == []
    assert _same_data(before, after)


@pytest.mark.parametrize(
    "case_file", [INVALID / "bad-date-quarter.yaml", INVALID / "yaml-tab.yaml"], ids=lambda p: p.stem
)
def test_crlf_reports_the_same_places(case_file: Path, data: Path) -> None:
    case = read_case(case_file)
    plan, path = load_with(data, case.target, case_file.read_bytes().replace(b"\n", b"\r\n"))
    assert lines(plan) == [expand(e, data, path) for e in case.expect]


def test_tab_inside_a_block_text_is_fine(data: Path) -> None:
    raw = ALPHA.replace(b'summary: "A programme with every kind of record."', b"summary: |\n  Columns:\n  a\tb\n")
    plan, _ = load_with(data, "programmes/alpha.yaml", raw)
    assert lines(plan) == []
    assert plan.programme("alpha").summary == "Columns:\na\tb\n"  # type: ignore[union-attr]


# ------------------------------------------- one broken file, the rest loads


def test_one_broken_programme_does_not_stop_the_others(data: Path) -> None:
    (data / "programmes" / "beta.yaml").write_text("id: beta\nname: [unclosed\n", encoding="utf-8")
    plan = loader.load(str(data))
    assert [p.id for p in plan.programmes] == ["alpha"]
    assert [v.id for v in plan.vendors] == ["acme-care", "hospital-soft"]  # beta is known, just broken
    assert len(plan.problems) == 1
    assert not plan.ok


def test_all_problems_of_a_run_are_reported_together(data: Path) -> None:
    shutil.copy(INVALID / "bad-date-quarter.yaml", data / "programmes" / "bad-date-quarter.yaml")
    shutil.copy(INVALID / "yaml-tab.yaml", data / "programmes" / "yaml-tab.yaml")
    shutil.copy(INVALID / "unknown-reference-vendor-programme.yaml", data / "vendors.yaml")
    shutil.copy(INVALID / "unknown-reference-portfolio.yaml", data / "portfolio.yaml")
    plan = loader.load(str(data))
    codes = [(Path(p.file).name, p.code) for p in plan.problems]
    assert codes == [
        ("portfolio.yaml", Code.UNKNOWN_REFERENCE),
        ("bad-date-quarter.yaml", Code.BAD_DATE),
        ("yaml-tab.yaml", Code.YAML_TAB),
        ("vendors.yaml", Code.UNKNOWN_REFERENCE),
    ]
    assert {p.id for p in plan.programmes} == FIXTURE_PROGRAMMES


def test_one_bad_vendor_does_not_hide_the_others(data: Path) -> None:
    text = (data / "vendors.yaml").read_text(encoding="utf-8").replace("kind: EPJ", "kind: EJP")
    (data / "vendors.yaml").write_text(text, encoding="utf-8")
    plan = loader.load(str(data))
    assert [v.id for v in plan.vendors] == ["acme-care"]
    assert lines(plan) == [
        f"{data}/vendors.yaml:15:11: vendors[1].kind: 'EJP' is not allowed; use EOJ, EPJ, LPS, other; "
        "did you mean 'EPJ'? [bad-value]"
    ]


def test_warnings_keep_the_programme(data: Path) -> None:
    case_file = INVALID / "future-observation.yaml"
    plan, _ = load_with(data, "programmes/future-observation.yaml", case_file.read_bytes())
    assert plan.ok
    assert plan.programme("future-observation") is not None


def test_missing_folder_reports_instead_of_raising(tmp_path: Path) -> None:
    plan = loader.load(str(tmp_path / "nowhere"))
    assert [p.code for p in plan.problems] == [Code.FILE_MISSING]
    assert plan.programmes == ()


def test_valid_fixture_and_shipped_data_load_clean(data: Path) -> None:
    plan = loader.load(str(data))
    assert lines(plan) == []
    assert [p.id for p in plan.programmes] == ["alpha", "beta"]
    alpha = plan.programme("alpha")
    assert alpha is not None and alpha.scenarios[0].waves[0].phases[0].end.last.isoformat() == "2023-06-30"
    shipped = loader.load(str(loader.DEFAULT_DATA_DIR))
    assert [p for p in shipped.problems if p.severity == "error"] == []


def test_paths_are_reported_as_given(data: Path, tmp_path: Path) -> None:
    shutil.copy(INVALID / "bad-date-quarter.yaml", data / "programmes" / "bad-date-quarter.yaml")
    for as_given in ("data", "./data", "data/", str(tmp_path / "data")):
        plan = loader.load(as_given)
        assert plan.problems[0].file.startswith(as_given.rstrip("/")), as_given


# ------------------------------------------------------------------ safety

PWNED = "pwned.txt"
EXPLOITS = [
    f'owner: !!python/object/apply:os.system ["echo x > {PWNED}"]',
    f"owner: !!python/object/apply:builtins.exec [\"open('{PWNED}', 'w').write('x')\"]",
    f'owner: !!python/object/new:subprocess.check_output [["touch", "{PWNED}"]]',
    "owner: !!python/name:os.system",
    "owner: !!python/module:os",
    f'? !!python/object/apply:os.system ["echo x > {PWNED}"]\n: 1\nowner: x',
    f'owner: !python/object/apply:os.system ["echo x > {PWNED}"]',
    f'%TAG !p! tag:yaml.org,2002:python/\n---\nowner: !p!object/apply:os.system ["echo x > {PWNED}"]',
]


@pytest.mark.parametrize("exploit", EXPLOITS)
def test_python_tags_are_rejected_and_never_run(exploit: str, data: Path) -> None:
    raw = ALPHA.replace(b"owner: MedCom", exploit.encode())
    if exploit.startswith("%TAG"):  # a directive goes before the document
        raw = exploit.encode() + b"\n" + ALPHA.replace(b"owner: MedCom\n", b"")
    with pytest.raises(yaml_text.YamlError) as info:
        yamlsafe.parse(raw)
    assert info.value.code is Code.YAML_TAG
    plan, _ = load_with(data, "programmes/alpha.yaml", raw)
    assert [p.code for p in plan.problems] == [Code.YAML_TAG]
    assert not Path(PWNED).exists()


def test_only_yamlsafe_imports_yaml() -> None:
    package = Path(loader.__file__).parents[1]  # all of planner/
    importers = sorted(
        p.name
        for p in package.rglob("*.py")
        if re.search(r"^\s*(import yaml|from yaml\b)", p.read_text(encoding="utf-8"), re.MULTILINE)
    )
    assert importers == ["yamlsafe.py"]


# ------------------------------------------------------------------ fuzzing

FUZZ = settings(deadline=1000, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
YAMLISH = st.text(alphabet=st.sampled_from(list("ab01:-[]{}&*!?|>'\"#%@`,.\t\n \r~\\\x00é")), max_size=80)


@FUZZ
@given(raw=st.binary(max_size=300) | YAMLISH.map(str.encode))
def test_yamlsafe_parse_raises_only_yaml_error(raw: bytes) -> None:
    try:
        doc = yamlsafe.parse(raw)
    except yaml_text.YamlError as exc:
        assert exc.code in set(Code)
        assert exc.line >= 1 and exc.column >= 1
        assert "\n" not in exc.message
    else:
        assert doc.position(()) >= (1, 1)


SCALARS = st.one_of(
    st.sampled_from(
        [
            "2023",
            "2023-Q5",
            "Q3 2023",
            "2023-W53",
            "2023-02-30",
            "aalborg",
            "Aalborgg",
            "EOJ",
            "-5",
            "120",
            "true",
            "~",
            "''",
            "[]",
            "{}",
            "x",
            "w1",
            "dev",
            "main",
            "wave-1",
            "users",
            "alpha",
        ]
    ),
    st.integers(-200, 3000),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
    st.text(max_size=8),
)
KEYS = st.sampled_from(
    [
        "id",
        "name",
        "owner",
        "scenarios",
        "waves",
        "phases",
        "start",
        "end",
        "after",
        "plan_of_record",
        "parties",
        "onboarding",
        "members",
        "size",
        "status",
        "metrics",
        "targets",
        "observations",
        "values",
        "breakdown",
        "percent_complete",
        "stauts",
    ]
)
TREES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(KEYS, inner, max_size=4), max_leaves=20
)
ALPHA_DATA = yaml.safe_load(ALPHA)


def _paths(node: object, prefix: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else []
    return [prefix] + [p for key, child in children for p in _paths(child, (*prefix, key))]


def _mutate(changes: list[tuple[tuple[object, ...], object]]) -> str:
    """alpha.yaml with some values (anywhere in it) replaced: it reaches validation and the cross-checks."""
    data = copy.deepcopy(ALPHA_DATA)
    for path, value in changes:
        parent = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed this place
    return yaml.safe_dump(data, allow_unicode=True)


MUTATED_ALPHA = st.lists(st.tuples(st.sampled_from(_paths(ALPHA_DATA)[1:]), TREES), min_size=1, max_size=3).map(_mutate)


@FUZZ
@given(
    text=MUTATED_ALPHA | TREES.map(yaml.safe_dump) | YAMLISH,
    where=st.sampled_from(["programmes/alpha.yaml", "vendors.yaml", "portfolio.yaml"]),
)
def test_load_never_raises(text: str, where: str, data: Path) -> None:
    original = (data / where).read_bytes() if (data / where).exists() else None
    try:
        (data / where).write_text(text, encoding="utf-8")
        plan = loader.load(str(data))
        for problem in plan.problems:
            assert len(str(problem).splitlines()) == 1
            assert problem.line >= 1 and problem.column >= 1
    finally:
        if original is None:
            (data / where).unlink()
        else:
            (data / where).write_bytes(original)


def test_a_region_is_one_party_however_it_is_written(data: Path) -> None:
    raw = ALPHA.replace(
        b"parties: [EOJ, LPS, Hovedstaden, aalborg]", b'parties: [EOJ, LPS, "Region Hovedstaden", Hovedstaden, aalborg]'
    )
    plan, _ = load_with(data, "programmes/alpha.yaml", raw)
    assert lines(plan) == []
    wave = plan.programme("alpha").plan_of_record.waves[0]  # type: ignore[union-attr]
    assert wave.parties == ["EOJ", "LPS", "Hovedstaden", "aalborg"]
    misspelt = ALPHA.replace(b"parties: [EOJ, LPS, Hovedstaden, aalborg]", b"parties: [EOJ, LPS, Hovedstadn, aalborg]")
    plan, path = load_with(data, "programmes/alpha.yaml", misspelt)
    assert lines(plan) == [
        f"{path.relative_to(data.parent)}:15:29: scenarios[0].waves[0].parties[2]: unknown party 'Hovedstadn'; did you mean 'Hovedstaden'? [unknown-party]"
    ]
