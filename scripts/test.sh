#!/usr/bin/env bash
# Installs everything the tests need on a fresh Debian machine with Python 3.11
# (Debian's chromium for the browser tests and image export, LibreOffice Impress and Calc to
# prove that real office programs open the meeting pack and save its edited workbook, nginx for the
# two-server test, npm's oidc-provider for the sign-in test, Java for MPXJ), then runs the
# lint (ruff check and format, mypy and the import-linter layer contracts on everything
# that ships) and all the tests, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v chromium >/dev/null 2>&1 || ! command -v soffice >/dev/null 2>&1 || [ ! -x /usr/sbin/nginx ] \
   || ! command -v npm >/dev/null 2>&1 || ! command -v java >/dev/null 2>&1; then
  $SUDO apt-get update -qq
fi
if ! command -v chromium >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
if ! command -v soffice >/dev/null 2>&1 || [ ! -e /usr/lib/libreoffice/program/libsclo.so ]; then
  # Impress opens the deck, Calc saves the edited workbook (tests/test_report.py, tests/test_workbook_import.py)
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends libreoffice-impress libreoffice-calc >/dev/null
fi
if [ ! -x /usr/sbin/nginx ]; then
  # nginx for the two-server test (tests/test_two_servers.py starts its own on loopback). Debian
  # would start the packaged one on port 80 at install: policy-rc.d says no while installing.
  made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null && $SUDO chmod +x /usr/sbin/policy-rc.d
    made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
  [ -z "$made_policy" ] || $SUDO rm -f /usr/sbin/policy-rc.d
fi
if ! command -v npm >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
if ! command -v java >/dev/null 2>&1; then
  # Java for MPXJ, which reads the MS Project export back (tests/test_mspdi.py)
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends default-jre-headless >/dev/null
fi
# the OpenID Connect provider of the sign-in tests (npm's oidc-provider, pinned in package-lock.json)
(cd tests/oidc && npm ci --no-audit --no-fund --loglevel=error >/dev/null)

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt

echo "== lint =="
SHIPPED="planner ui views tools app.py"
.venv/bin/ruff check $SHIPPED tests
.venv/bin/ruff format --check $SHIPPED tests
.venv/bin/mypy planner  # strict (pyproject.toml)
.venv/bin/mypy --explicit-package-bases ui views tools app.py
.venv/bin/mypy --explicit-package-bases tests  # relaxed: test functions need no annotations (pyproject.toml)
.venv/bin/lint-imports --no-cache

echo "== tests =="
# Two workers, a test file to each at a time (a file's server and browser stay with it): most of
# a browser test is waiting for a page, so two files at once use the two cores.
.venv/bin/python -m pytest -q -p no:cacheprovider -n 2 --dist loadfile --durations=20 "$@"
