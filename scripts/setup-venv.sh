#!/usr/bin/env bash
# Create .venv (Python >= 3.11) and install jejak into it with the given extras, once, at the
# versions pinned in constraints.txt (the ones the test suite passed with).
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jejak needs Python 3.11 or newer")'
  "$py" -m venv .venv
fi
stamp=".venv/.jejak-installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
  echo "installing jejak${extras:+ with [$extras]} into .venv at the pinned versions (log: .venv/install.log)" >&2
  if ! { .venv/bin/python -m pip install --quiet -c constraints.txt pip \
         && .venv/bin/python -m pip install -c constraints.txt -e ".${extras:+[$extras]}"; } > .venv/install.log 2>&1; then
    tail -n 30 .venv/install.log >&2
    echo "pip install failed; the full log is .venv/install.log" >&2
    exit 1
  fi
  touch "$stamp"
fi
