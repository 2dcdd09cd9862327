"""The wave planner's proposal for people: its notes in Danish or English, and as YAML to paste into a plan file."""

from __future__ import annotations

import json

from planner.analysis.waveplan import Proposal, ProposedWave
from planner.plan import model
from planner.presentation import i18n


def notes(proposal: Proposal, lang: str) -> list[str]:
    """What the planner had to decide, one sentence each."""
    return [i18n.say(key, lang, dict(values)) for key, values in proposal.note_keys]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax, plus escapes for what YAML reads as breaks)."""
    out = []
    for ch in json.dumps(text, ensure_ascii=False):
        if ch.isprintable() or ch == " ":
            out.append(ch)
        else:
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    return "".join(out)


def _comment(text: str) -> str:
    return " ".join(text.split())


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _wave_lines(w: ProposedWave) -> list[str]:
    lines = [
        f"  - id: {w.id}",
        f"    name: {_q(w.name)}",
        f"    size: {w.size}",
        f"    start: {w.start.isoformat()}",
        f"    end: {w.end.isoformat()}",
        "    estimate: true",
        "    members:",
    ]
    lines += [f"      - {_q(m.name)}  # {_comment(m.region)}" for m in w.municipalities]
    return lines


def _status_lines(entry: model.MunicipalityStatus) -> list[str]:
    lines = [f"  - municipality: {_q(entry.municipality)}", f"    state: {entry.state.value}"]
    if entry.date is not None:
        lines.append(f"    date: {_q(entry.date.text)}")
    if entry.estimate:
        lines.append("    estimate: true")
    if entry.note:
        lines.append(f"    note: {_q(entry.note)}")
    return lines


def to_yaml(proposal: Proposal, lang: str, indent: int = 0) -> str:
    """The proposal as an ``onboarding:`` block of a programme file (indent it to paste it there).

    Every wave is marked ``estimate: true``: it is a proposal, not a decision.
    Status entries and the note are carried over unchanged.
    """
    header = i18n.t(
        "wp.header", lang, n=len(proposal.members), waves=len(proposal.waves), start=proposal.start.isoformat()
    )
    lines = [f"# {_comment(header)}"] + [f"# {_comment(n)}" for n in notes(proposal, lang)]
    lines.append(f"duration_months: {_number_text(proposal.duration_months)}")
    if proposal.capacity is not None:
        lines.append(f"capacity: {proposal.capacity}")
    if proposal.note:
        lines.append(f"note: {_q(proposal.note)}")
    lines.append("waves:")
    for wave in proposal.waves:
        lines += _wave_lines(wave)
    if proposal.status:
        lines.append("status:")
        for entry in proposal.status:
            lines += _status_lines(entry)
    pad = " " * indent
    return "".join(f"{pad}{line}\n" for line in lines)
