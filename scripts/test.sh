#!/usr/bin/env bash
# Quick start 2: install jejak with its test dependencies and run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh test
exec .venv/bin/python -m pytest -q "$@"
