#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine with Python 3.11
# (Debian's chromium for the browser tests and image export, LibreOffice Impress to
# prove that a real presentation program opens the meeting pack), then runs the
# lint (ruff check and format, mypy and the import-linter layer contracts on everything
# that ships) and all the tests, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v chromium >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1; then
  $SUDO apt-get update -qq
fi
if ! command -v chromium >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
if ! command -v soffice >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-impress >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

echo "== lint =="
SHIPPED="planner ui views tools app.py"
.venv/bin/ruff check $SHIPPED tests
.venv/bin/ruff format --check $SHIPPED tests
.venv/bin/mypy planner
.venv/bin/mypy --explicit-package-bases ui views tools app.py
.venv/bin/lint-imports --no-cache

echo "== tests =="
.venv/bin/python -m pytest -q -p no:cacheprovider --durations=20 "$@"
