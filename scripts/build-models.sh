#!/usr/bin/env bash
# Rebuild every learned file jejak ships, in the order they depend on each other, from our own
# readings under eval/ and the corpora in ../shared (needed at build time, never at run time):
#   1. the name tagger (the entity layer reads with it),
#   2. the event-word model, learned lexicon and news-kind classifier (they read the entities),
#   3. the confidence tables (they measure what 1 and 2 give on the dev gold),
#   4. the distortion confidences (they measure copies read with 1 to 3).
# Each step is deterministic: the same data gives the same files. With --check, nothing is
# written; each step says whether the shipped file is what its data gives, and the script fails
# if one is not.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
if [[ "${1:-}" == "--check" ]]; then
  "$PY" tools/train_tagger.py --check
  "$PY" tools/train_events.py --check
  "$PY" tools/calibrate_confidence.py --check
  "$PY" tools/calibrate_distortions.py --check
  exit 0
fi
"$PY" tools/train_tagger.py
"$PY" tools/train_events.py
"$PY" tools/calibrate_confidence.py
"$PY" tools/calibrate_distortions.py
