"""A saved change for people: which item and field, by their names, and values as every view shows them.

The change log records a change by its place in the file
(``vendors[1].readiness[0].state``) and its values as written (``at-risk``,
``2022-12``, ``{"date": "2022-11-30", ...}``). Here they become
"KMD (Nexus) · FHIR-KM · Status" and "Risiko for forsinkelse", "dec. 2022",
"måling 30. nov. 2022". A place the plan no longer has (the file changed
since) is named as far as it still can be.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath
from typing import Any

from pydantic import BaseModel

from planner.analysis import diff
from planner.plan import dates, folder_layout, model
from planner.plan.loader import Plan
from planner.presentation import i18n

_STEP = re.compile(r"([A-Za-z_]+)((?:\[\d+\])*)")
_DATES = frozenset({"as_of", "ready_by", "not_before", "start", "end", "date", "due", "decided_on", "status_date"})


def _root(file: str, plan: Plan) -> Any:
    if file == folder_layout.VENDORS_FILE:
        return {"vendors": plan.vendors}
    if file == folder_layout.PORTFOLIO_FILE:
        return plan.portfolio
    name = PurePosixPath(file).name
    pid = next((p for p, path in plan.programme_files.items() if PurePosixPath(path).name == name), None)
    return plan.programme(pid) if pid else None


def _name(item: Any, plan: Plan, lang: str) -> str:
    """How a view names the item at a step of a path, or '' when it has no name of its own."""
    if isinstance(item, model.Vendor):
        return item.display_name
    if isinstance(item, (model.Readiness, model.Position)):  # a statement: by the programme it is about
        prog = plan.programme(item.programme)
        return diff.label(prog) if prog else item.programme
    if isinstance(item, model.Observation):
        return i18n.t("log.observation", lang, date=i18n.fuzzy(item.date, lang))
    if isinstance(item, model.MunicipalityStatus):
        return item.municipality
    if isinstance(item, model.Decision):
        return item.question
    return str(getattr(item, "name", "") or "")


def where(file: str, path: str, plan: Plan, lang: str) -> str:
    """'KMD (Nexus) · FHIR-KM · Status': the item by its names, then the field in the user's language."""
    node: Any = _root(file, plan)
    names: list[str] = []
    steps = _STEP.findall(path)
    for i, (field, indices) in enumerate(steps):
        last = i == len(steps) - 1 and not indices
        if last:
            names.append(_field(field, lang))
            break
        node = getattr(node, field, None) if isinstance(node, BaseModel) else (node or {}).get(field)
        for index in (int(n) for n in re.findall(r"\d+", indices)):
            node = node[index] if isinstance(node, (list, tuple)) and index < len(node) else None
        shown = _name(node, plan, lang) if node is not None else ""
        if shown:
            names.append(shown)
        if node is None:
            names.append(_field(field, lang))
            break
    return " · ".join(n for n in names if n) or path


def _field(name: str, lang: str) -> str:
    return i18n.t("field." + name, lang) if i18n.has("field." + name, lang) else name


def value(path: str, raw: str, lang: str) -> str:
    """A logged value as the views show it: a state by its name, a date at its precision, an item by its date."""
    if not raw:
        return "–"
    field = path.rsplit(".", 1)[-1].split("[", 1)[0]
    if field == "state":  # a readiness or an onboarding state
        for prefix in ("ready.", "onb."):
            if i18n.has(prefix + raw, lang):
                return i18n.t(prefix + raw, lang)
    if field in _DATES:
        try:
            return i18n.fuzzy(dates.parse(raw), lang)
        except dates.DateError:
            return raw
    if raw in ("true", "false"):
        return i18n.t("xl.yes" if raw == "true" else "xl.no", lang)
    if raw.startswith(("{", "[")):
        return _item(raw, lang)
    return raw


def _item(raw: str, lang: str) -> str:
    """An added item: a count by its date, a list by its entries; else as written."""
    try:
        data = json.loads(raw)
    except ValueError:
        return raw
    if isinstance(data, dict) and "date" in data:
        try:
            return i18n.t("log.observation", lang, date=i18n.fuzzy(dates.parse(data["date"]), lang))
        except dates.DateError:
            return raw
    if isinstance(data, list):
        return ", ".join(str(v) for v in data)
    return raw
