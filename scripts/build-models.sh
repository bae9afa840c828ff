#!/usr/bin/env bash
# Rebuild every learned file jejak ships, in the order they depend on each other, from our own
# readings under eval/ and the corpora in ../shared (needed at build time, never at run time):
#   1. the name tagger (the entity layer reads with it),
#   2. the event-word model, learned lexicon and news-kind classifier (they read the entities),
#   3. the confidence tables (they measure what 1 and 2 give on the dev gold),
#   4. the distortion confidences (they measure copies read with 1 to 3),
#   5. the same-event judge that groups stories (it reads the quotes and sentences of 1 to 3).
# Each step is deterministic: the same data gives the same files.
#   bash scripts/build-models.sh           rebuild and write every file
#   bash scripts/build-models.sh --check   write nothing; every step says whether its shipped file
#                                          is what its data gives, and the script fails if one is not
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
STEPS=(tools/train_tagger.py tools/train_events.py tools/calibrate_confidence.py tools/calibrate_distortions.py
       tools/train_same_event.py)
case "${1:-}" in
  --check)
    rc=0
    for step in "${STEPS[@]}"; do "$PY" "$step" --check || rc=1; done
    exit $rc ;;
  "")
    set -e
    for step in "${STEPS[@]}"; do "$PY" "$step"; done ;;
  *)
    echo "usage: bash scripts/build-models.sh [--check]" >&2
    exit 2 ;;
esac
