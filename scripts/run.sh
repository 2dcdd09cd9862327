#!/usr/bin/env bash
# Installs the app's dependencies into .venv and starts it on the shipped data
# (or on $PLANNER_DATA). Open http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
exec .venv/bin/streamlit run app.py "$@"
