"""A national-scale portfolio, generated: the benchmark's input.

At scale 1 it is the size the dashboard must handle comfortably:

    30 programmes x 3 scenarios x 5 waves x 6 phases (and a go-live per wave)
    all 98 municipalities onboarding in every programme (five waves, each with a status)
    60 vendors, each with a readiness for every programme of its group
    60 monthly observations (five years) per programme, broken down by the 5 regions

Scale N multiplies the programmes and the vendors by N; vendors come in
groups of 60 that cover one group of 30 programmes, so each programme always
has 60 vendors' readiness and the data grows linearly with N.

The output is deterministic for a seed. The YAML is written as text (flow
style for the many small records, so even vendors.yaml at scale 10 stays under
the loader's 2 MB file limit); only :mod:`planner.yamlsafe` reads YAML.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path

from planner.plan import folder_layout, loader, reference

PROGRAMMES = 30
SCENARIOS = 3
WAVES = 5
PHASES = 6
VENDORS = 60
OBSERVATION_MONTHS = 60
ONBOARDING_WAVES = 5
DEFAULT_SEED = 2022
STATUS_DATE = dt.date(2026, 6, 30)
FIRST_OBSERVATION = dt.date(2021, 7, 31)  # 60 month ends up to the status date
FIRST_START = dt.date(2024, 1, 1)

PHASE_NAMES = (
    ("analysis", "Analyse"),
    ("dev", "Udvikling"),
    ("test", "Test og certificering"),
    ("pilot", "Pilotdrift"),
    ("rollout", "Udrulning"),
    ("stabilise", "Stabilisering"),
)
SCENARIO_NAMES = (("plan", "Trinvis idriftsættelse", 0), ("fast", "Fremrykket plan", -3), ("slow", "Forsinket plan", 4))
KINDS = ("EOJ", "EPJ", "LPS", "other")
STATES = ("ready", "on-track", "at-risk", "late", "unknown")
OWNERS = ("MedCom", "KL", "Sundhedsdatastyrelsen", "Danske Regioner")


@dataclass(frozen=True)
class Counts:
    """What a generated portfolio holds (for tests and the benchmark table)."""

    programmes: int
    scenarios: int  # per programme
    waves: int  # per scenario
    phases: int  # per wave
    municipalities: int  # onboarding in every programme
    vendors: int
    observations: int  # per programme
    regions: int


def _q(text: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _month(day: dt.date, months: int) -> dt.date:
    """The first of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_text(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def _month_end(first: dt.date) -> dt.date:
    return _month(first, 1) - dt.timedelta(days=1)


def programme_id(index: int) -> str:
    return f"syn-{index + 1:04d}"


def vendor_id(index: int) -> str:
    return f"vendor-{index + 1:04d}"


def go_live(programme: int, scenario_shift: int, wave: int) -> dt.date:
    """The go-live day of a wave (the first of the month after its last phase)."""
    return _month(FIRST_START, (programme % 12) + scenario_shift + wave * 8 + 14)


def _wave_parties(wave: int, regions: tuple[str, ...]) -> list[str]:
    groups = [["LPS"], ["EOJ"], ["EPJ"], list(regions[:2]), list(regions[2:])]
    return groups[wave % len(groups)]


def _phases(rng: random.Random, start: dt.date) -> list[str]:
    lines = []
    month = 0
    for i, (pid, name) in enumerate(PHASE_NAMES):
        first = _month(start, month)
        length = 2 + (i % 2)
        last = _month(start, month + length - 1)
        after = f", after: [{PHASE_NAMES[i - 1][0]}]" if i else ""
        estimate = ", estimate: true" if rng.random() < 0.2 else ""
        percent = f", percent_complete: {rng.randrange(0, 101, 5)}" if i < 2 else ""
        lines.append(
            f"          - {{id: {pid}, name: {_q(name)}, start: {_month_text(first)}, "
            f"end: {_month_text(last)}{after}{estimate}{percent}}}"
        )
        month += length - (1 if i % 3 == 2 else 0)  # some overlap
    return lines


def _scenario(rng: random.Random, index: int, sid: str, name: str, shift: int, regions: tuple[str, ...]) -> list[str]:
    lines = [f"  - id: {sid}", f"    name: {_q(name)}"]
    if sid == SCENARIO_NAMES[0][0]:
        lines.append("    plan_of_record: true")
    lines.append(
        f"    conversion_note: {_q('Parter, der ikke går i drift i første bølge, konverterer modtagne meddelelser.')}"
    )
    lines.append("    waves:")
    for w in range(WAVES):
        live = go_live(index, shift, w)
        start = _month(live, -14)
        lines += [
            f"      - id: wave-{w + 1}",
            f"        name: {_q(f'{w + 1}. bølge')}",
            f"        parties: [{', '.join(_q(p) for p in _wave_parties(w, regions))}]",
        ]
        if w:
            lines.append(f"        after: [wave-{w}]")
        lines.append("        phases:")
        lines += _phases(rng, start)
        lines.append("        milestones:")
        lines.append(
            f"          - {{id: go-live, name: {_q(f'Idriftsættelse {w + 1}. bølge')}, "
            f"date: {live.isoformat()}, kind: go-live}}"
        )
    return lines


def _observations(rng: random.Random, regions: tuple[str, ...], sizes: dict[str, int]) -> list[str]:
    lines = ["observations:"]
    live = dict.fromkeys(regions, 0)
    users = dict.fromkeys(regions, 0)
    for m in range(OBSERVATION_MONTHS):
        day = _month_end(_month(FIRST_OBSERVATION, m))
        for r in regions:
            if live[r] < sizes[r] and rng.random() < 0.12:
                live[r] += 1
            users[r] += rng.randrange(0, 40)
        breakdown = ", ".join(f"{_q(r)}: {{municipalities: {live[r]}, users: {users[r]}}}" for r in regions)
        lines.append(
            f"  - {{date: {day.isoformat()}, values: {{municipalities: {sum(live.values())}, "
            f"users: {sum(users.values())}}}, breakdown: {{{breakdown}}}}}"
        )
    return lines


def _onboarding(rng: random.Random, municipalities: tuple[reference.Municipality, ...]) -> list[str]:
    names = [m.name for m in municipalities]
    rng.shuffle(names)
    per_wave = -(-len(names) // ONBOARDING_WAVES)
    lines = ["onboarding:", "  duration_months: 3", "  capacity: 25", "  waves:"]
    status = []
    for w in range(ONBOARDING_WAVES):
        members = names[w * per_wave : (w + 1) * per_wave]
        start = _month(dt.date(2023, 1, 1), 6 * w)
        end = _month(start, 2)
        lines.append(
            f"    - {{id: onb-{w + 1}, name: {_q(f'Bølge {w + 1}')}, size: {len(members)}, "
            f"start: {_month_text(start)}, end: {_month_text(end)}, "
            f"members: [{', '.join(_q(n) for n in members)}]}}"
        )
        state = "live" if w < 2 else "onboarding" if w < 4 else "planned"
        status += [f"    - {{municipality: {_q(n)}, state: {state}, date: {_month_text(start)}}}" for n in members]
    return [*lines, "  status:", *status]


def programme_text(index: int, municipalities: tuple[reference.Municipality, ...], seed: int = DEFAULT_SEED) -> str:
    """One programme file."""
    rng = random.Random(f"{seed}-programme-{index}")
    regions = tuple(sorted({m.region for m in municipalities}))
    sizes = {r: sum(m.region == r for m in municipalities) for r in regions}
    pid = programme_id(index)
    lines = [
        "# yaml-language-server: $schema=../schema/programme.schema.json",
        "# Generated by planner/synthetic.py for the benchmark.",
        f"id: {pid}",
        f"name: {_q(f'Syntetisk program {index + 1}')}",
        f"short_name: {_q(f'SYN-{index + 1}')}",
        f"owner: {_q(OWNERS[index % len(OWNERS)])}",
        f"summary: {_q('Genereret program i national skala: tre scenarier, fem bølger, seks faser.')}",
    ]
    if index % 5 == 0:
        lines.append(f"rag: {{status: amber, reason: {_q('Leverandører melder forsinkelse')}}}")
    lines.append("scenarios:")
    for sid, name, shift in SCENARIO_NAMES:
        lines += _scenario(rng, index, sid, name, shift, regions)
    lines += [
        "milestones:",
        f"  - {{name: {_q('Styregruppebeslutning')}, date: 2023-0{1 + index % 9}-15, kind: decision}}",
        f"  - {{name: {_q('Netværksmøde')}, date: {_month_text(_month(STATUS_DATE, 1 + index % 6))}, kind: meeting}}",
        "metrics:",
        f"  - {{id: municipalities, name: {_q('Kommuner, der bruger løsningen')}, unit: kommuner}}",
        f"  - {{id: users, name: {_q('Aktive brugere')}, unit: brugere}}",
        "targets:",
        f"  - {{id: m-2027, metric: municipalities, target: {len(municipalities)}, start: 2021-07, due: 2027-12, "
        f"denominator: {_q(f'af {len(municipalities)} kommuner')}}}",
        f"  - {{id: u-2026, metric: users, target: {rng.randrange(5000, 15000, 500)}, start: 2021-Q3, due: 2026-Q4}}",
    ]
    lines += _observations(rng, regions, sizes)
    lines += _onboarding(rng, municipalities)
    return "\n".join(lines) + "\n"


def _readiness(rng: random.Random, vendor_index: int, programme: int, kind: str) -> str:
    wave = {"LPS": 0, "EOJ": 1, "EPJ": 2}.get(kind)
    explicit = wave is None
    live = go_live(programme, 0, wave if wave is not None else vendor_index % WAVES)
    ready = _month(live, rng.randrange(-6, 5))
    state = STATES[rng.randrange(len(STATES))]
    parts = [
        f"programme: {programme_id(programme)}",
        f"state: {state}",
        f"ready_by: {ready.isoformat()}",
        f"as_of: {_month_text(_month(STATUS_DATE, -rng.randrange(0, 6)))}",
    ]
    if explicit:
        parts.insert(1, f"wave: wave-{vendor_index % WAVES + 1}")
    if rng.random() < 0.3:
        parts.append(f"preferred_scenario: {SCENARIO_NAMES[rng.randrange(len(SCENARIO_NAMES))][0]}")
    if rng.random() < 0.1:
        parts.append("estimate: true")
    return "      - {" + ", ".join(parts) + "}"


def vendors_text(scale: int, seed: int = DEFAULT_SEED) -> str:
    """vendors.yaml: 60 vendors per group of 30 programmes."""
    lines = [
        "# yaml-language-server: $schema=schema/vendors.schema.json",
        "# Generated by planner/synthetic.py for the benchmark.",
        "vendors:",
    ]
    for v in range(VENDORS * scale):
        rng = random.Random(f"{seed}-vendor-{v}")
        kind = KINDS[v % len(KINDS)]
        group = v // VENDORS
        lines += [
            f"  - id: {vendor_id(v)}",
            f"    name: {_q(f'Leverandør {v + 1}')}",
            f"    system: {_q(f'System {chr(65 + v % 26)}{v // 26 + 1}')}",
            f"    kind: {kind}",
            "    readiness:",
        ]
        lines += [_readiness(rng, v, p, kind) for p in range(group * PROGRAMMES, (group + 1) * PROGRAMMES)]
    return "\n".join(lines) + "\n"


def portfolio_text(scale: int) -> str:
    """portfolio.yaml listing every generated programme."""
    lines = [
        "# yaml-language-server: $schema=schema/portfolio.schema.json",
        "# Generated by planner/synthetic.py for the benchmark.",
        f"title: {_q(f'Syntetisk national portefølje (skala {scale})')}",
        f"status_date: {STATUS_DATE.isoformat()}",
        f"source: {_q('Genereret af planner/synthetic.py')}",
        "meetings:",
        f"  - {{date: 2026-03, name: {_q('KKR-digitaliseringsnetværk, marts 2026')}}}",
        f"  - {{date: {STATUS_DATE.isoformat()}, name: {_q('KKR-digitaliseringsnetværk, juni 2026')}}}",
        "programmes:",
    ]
    lines += [f"  - {programme_id(i)}" for i in range(PROGRAMMES * scale)]
    return "\n".join(lines) + "\n"


def counts(scale: int, municipalities: int) -> Counts:
    """The counts a generated portfolio of this scale promises."""
    return Counts(
        programmes=PROGRAMMES * scale,
        scenarios=SCENARIOS,
        waves=WAVES,
        phases=PHASES,
        municipalities=municipalities,
        vendors=VENDORS * scale,
        observations=OBSERVATION_MONTHS,
        regions=5,
    )


def generate(folder: Path, scale: int = 1, seed: int = DEFAULT_SEED) -> Counts:
    """Write a national-scale data folder (portfolio, programmes, vendors) into ``folder``.

    The municipalities are the shipped reference list; the folder has no
    ``reference/`` of its own, so the loader uses the shipped one.
    """
    if scale < 1:
        raise ValueError(f"scale must be at least 1, not {scale}")
    ref = reference.load(loader.DEFAULT_DATA_DIR / folder_layout.REFERENCE_DIR)
    programmes = folder / folder_layout.PROGRAMMES_DIR
    programmes.mkdir(parents=True, exist_ok=True)
    (folder / folder_layout.PORTFOLIO_FILE).write_text(portfolio_text(scale), encoding="utf-8")
    for i in range(PROGRAMMES * scale):
        (programmes / f"{programme_id(i)}.yaml").write_text(
            programme_text(i, ref.municipalities, seed), encoding="utf-8"
        )
    (folder / folder_layout.VENDORS_FILE).write_text(vendors_text(scale, seed), encoding="utf-8")
    return counts(scale, len(ref.municipalities))
