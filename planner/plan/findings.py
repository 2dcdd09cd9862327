"""What a check finds: a problem at a field path of a file, before the loader locates it."""

from __future__ import annotations

from dataclasses import dataclass

from planner.plan.problems import Code

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class CheckFinding:
    """A problem at a field path of a file, before it is located."""

    loc: Loc
    code: Code
    message: str
    # the values the message names, for a message in another language (planner.presentation.problem_text)
    args: tuple[tuple[str, str], ...] = ()
