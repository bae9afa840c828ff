#!/usr/bin/env bash
# Create .venv (Python >= 3.11) and install jejak into it with the given extras, once.
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
py="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "jejak needs Python 3.11 or newer")'
  "$py" -m venv .venv
  .venv/bin/python -m pip install --quiet --upgrade pip >/dev/null
fi
stamp=".venv/.jejak-installed${extras:+-$extras}"
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "installing jejak${extras:+ with [$extras]} into .venv (log: .venv/install.log)" >&2
  if ! .venv/bin/python -m pip install -e ".${extras:+[$extras]}" > .venv/install.log 2>&1; then
    tail -n 30 .venv/install.log >&2
    echo "pip install failed; the full log is .venv/install.log" >&2
    exit 1
  fi
  touch "$stamp"
fi
