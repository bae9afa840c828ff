#!/usr/bin/env bash
# Quick start 1: analyse the bundled sample articles into a DuckDB store; print a summary, quotes,
# events, the stories (the spun copy of the NATO article is found) and what the copy changed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-venv.sh
db="${1:-sample.duckdb}"
# exit code 1 only means some sample inputs were skipped on purpose (the English one is kept; none should fail)
.venv/bin/jejak ingest samples/ --db "$db" || [ $? -eq 1 ]
echo
.venv/bin/jejak quotes --db "$db" --limit 10
echo
.venv/bin/jejak events --db "$db" --limit 10
echo
.venv/bin/jejak stories --db "$db"
echo
.venv/bin/jejak trace nato-ukraina-spun --db "$db"
