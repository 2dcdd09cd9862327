#!/usr/bin/env bash
# Installs the app's dependencies into .venv and starts it on the shipped data
# (or on $PLANNER_DATA). Open http://localhost:8501.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
# the warmer draws every meeting page once the server is up, and again after each data change, so the
# first visitor after a start gets a warm view (tools/warm.py); it stops when the server does
.venv/bin/python -m tools.warm -- "$@" &
exec .venv/bin/streamlit run app.py "$@"
