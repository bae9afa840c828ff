"""Score jejak's English event types on PLOVER's gold-standard records (issue 16's measure).

For each of the 322 coded sentences: the type of the first event jejak codes (by position) must
be the gold type (older GSR names mapped through the CAMEO crosswalk). A sentence where jejak
codes nothing counts as wrong. Evaluation only: never learn from or tune on these sentences; run
it once per change and do not read its mistakes rule by rule.

    python tools/score_plover_gsr.py
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jejak.eval.plover_gsr import read_gsr  # noqa: E402
from jejak.nlp.langid import identify  # noqa: E402
from jejak.pipeline import analyze  # noqa: E402

GSR = ROOT.parent / "shared" / "data" / "en_events_plover_gsr"


def main() -> int:
    if not GSR.exists():
        print(f"no PLOVER GSR at {GSR}: put ../shared beside the checkout", file=sys.stderr)
        return 2
    sentences = read_gsr(GSR)
    right = coded = english = 0
    by_type: Counter = Counter()
    right_by_type: Counter = Counter()
    for s in sentences:
        english += identify(s.text)[0] == "en"
        events = sorted(analyze(s.text, lang="en").events, key=lambda e: e.start)
        by_type[s.type] += 1
        if events:
            coded += 1
            if events[0].type == s.type:
                right += 1
                right_by_type[s.type] += 1
    n = len(sentences)
    print(f"PLOVER GSR: {n} sentences; jejak codes an event in {coded} ({coded / n:.3f}); "
          f"type of the first event right in {right} (accuracy {right / n:.3f}); "
          f"identified as English: {english} ({english / n:.3f})")
    for t, k in sorted(by_type.items()):
        print(f"  {t:10s} {right_by_type[t]:3d}/{k}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
