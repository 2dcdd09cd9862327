"""JSON Schemas for editors, generated from the models (never written by hand).

Every shipped data file starts with ``# yaml-language-server: $schema=...``
pointing at these, so that VS Code and other editors validate and complete
plan files as they are typed. ``python -m planner schema`` rewrites them; a
test fails when the checked-in copies are stale.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from planner.plan import model

SCHEMAS: dict[str, type[BaseModel]] = {
    "portfolio.schema.json": model.Portfolio,
    "programme.schema.json": model.Programme,
    "vendors.schema.json": model.VendorsFile,
}


def generate() -> dict[str, str]:
    """File name -> schema text."""
    out = {}
    for name, cls in SCHEMAS.items():
        schema = cls.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        out[name] = json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return out


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in generate().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
