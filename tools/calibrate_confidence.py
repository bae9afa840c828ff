"""Write `jejak/data/confidence.tsv`: how often each kind of quote, entity and event is right on the
gold we may learn from: `../shared/eval/dev`, our tuning splits `eval/tune-detik` and
`eval/tune-speakers` and our training splits (`eval/train-detik`, `eval/train-events`,
`eval/train-entities`); never a test split. The
rules were tuned on the first two, so they alone overstate how often a claim is right on news
nobody tuned on (events found with a high belief: 0.87 there, about half on the training splits).

    python tools/calibrate_confidence.py           # writes the table
    python tools/calibrate_confidence.py --check   # exits 1 when the committed table is stale
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from generated import build_main  # noqa: E402

OUT = ROOT / "src" / "jejak" / "data" / "confidence.tsv"
GOLD = [ROOT.parent / "shared" / "eval" / "dev", ROOT / "eval" / "tune-detik", ROOT / "eval" / "tune-speakers",
        ROOT / "eval" / "train-detik", ROOT / "eval" / "train-events", ROOT / "eval" / "train-entities"]


def render() -> str:
    from jejak.eval.calibrate import smoothed, tally
    from jejak.eval.gold import body_key, load_gold_dir

    dirs = [d for d in GOLD if d.is_dir() and "test" not in d.name and "unseen" not in d.name]
    tests = [d for d in (ROOT / "eval").iterdir() if d.is_dir() and "unseen" in d.name]
    repeats = {body_key(a.text) for d in tests for a in load_gold_dir(d)}  # a training row may repeat a test one
    counts = tally(dirs, skip=repeats)
    lines = ["# How often each kind of claim was right on hand-read gold we may learn from; written by",
             "# tools/calibrate_confidence.py from: " + ", ".join(d.name for d in dirs) + ".",
             "# confidence = (right + 1) / (total + 2).",
             "what\tclass\tright\ttotal\tconfidence"]
    for (what, klass), (right, total) in sorted(counts.items()):
        lines.append(f"{what}\t{klass}\t{right}\t{total}\t{smoothed(right, total)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(build_main(__doc__, OUT, render, "python tools/calibrate_confidence.py"))
