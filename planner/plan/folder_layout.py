"""The data folder's layout, in one place: where each kind of file lives, by the names every layer uses.

portfolio.yaml          the portfolio: status date, sources, meetings, programmes in order
vendors.yaml            vendors and what each has said about its readiness
programmes/<id>.yaml    one file per programme (``.yml`` too)
reference/              municipalities.csv and their outlines (municipalities.geojson)
baselines/<name>/       a frozen copy of the plan files (a meeting's, or one named by hand)
meetings/<id>/          a closed meeting's pack, as written when it was closed
changelog.jsonl         every save attempt, its outcome and the file versions
"""

from __future__ import annotations

PORTFOLIO_FILE = "portfolio.yaml"
VENDORS_FILE = "vendors.yaml"
PROGRAMMES_DIR = "programmes"
REFERENCE_DIR = "reference"
MUNICIPALITIES_FILE = "municipalities.csv"
BOUNDARIES_FILE = "municipalities.geojson"
BASELINES_DIR = "baselines"
PACKS_DIR = "meetings"
CHANGELOG_FILE = "changelog.jsonl"
PLAN_SUFFIXES = (".yaml", ".yml")

# every file whose content is the plan: a change to any of them is a new version of it
PLAN_GLOBS = (
    *(f"*{s}" for s in PLAN_SUFFIXES),
    *(f"{PROGRAMMES_DIR}/*{s}" for s in PLAN_SUFFIXES),
    f"{REFERENCE_DIR}/{MUNICIPALITIES_FILE}",
    f"{REFERENCE_DIR}/{BOUNDARIES_FILE}",
)


def programme_file(name: str) -> str:
    """A programme file's path inside the data folder, from its file name ('fhir-km.yaml')."""
    return f"{PROGRAMMES_DIR}/{name}"
