"""A data problem in the reader's language: the plan's own warnings in Danish or English.

The core words every problem in English (:func:`planner.plan.problems.format`
is what ``validate`` prints and what tests rely on). Where a problem carries
the values it names (``Problem.args``), it is written here from the
catalogue's ``pr.msg.<code>`` text instead; other problems keep their English
message, with the place and the code the same in every language.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from planner.plan import problems
from planner.plan.problems import Problem, Severity
from planner.presentation import i18n

TRANSLATED = frozenset(
    {
        problems.Code.GO_LIVE_BEFORE_WORK_ENDS,
        problems.Code.STARTS_BEFORE_PREDECESSOR_ENDS,
        problems.Code.MILESTONE_BEFORE_WAVE,
        problems.Code.GO_LIVE_BEFORE_PREDECESSOR,
        problems.Code.NOT_READY_BY_GO_LIVE,
        problems.Code.FUTURE_OBSERVATION,
        problems.Code.BREAKDOWN_EXCEEDS_TOTAL,
    }
)


def message(code: problems.Code, english: str, args: Sequence[tuple[str, str]], lang: str) -> str:
    """The problem's message in ``lang``: from the catalogue where it has its values, else the core's English."""
    if code not in TRANSLATED or not args:
        return english
    values = dict(args)
    if "said" in values:  # which of a vendor's dates, and whether it is an estimate
        values["said"] = i18n.t("pr.said." + values["said"], lang)
    return i18n.t("pr.msg." + code.value, lang, **values)


def line(problem: Problem, lang: str) -> str:
    """``file:line:column: field.path: [warning:] message [code]`` with the message in ``lang``."""
    shown = dataclasses.replace(problem, message=message(problem.code, problem.message, problem.args, lang))
    text = problems.format(shown)
    if problem.severity is Severity.WARNING:  # the code and the place stay as they are: they are what one searches
        text = text.replace(": warning: ", f": {i18n.t('pr.warning', lang)} ", 1)
    return text
