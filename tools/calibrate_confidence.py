"""Write `jejak/data/confidence.tsv`: how often each kind of quote and entity is right on the gold
we may tune on (`../shared/eval/dev` and our own tune split `eval/tune-detik`; never a test split).

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
GOLD = [ROOT.parent / "shared" / "eval" / "dev", ROOT / "eval" / "tune-detik"]


def render() -> str:
    from jejak.eval.calibrate import smoothed, tally

    dirs = [d for d in GOLD if d.is_dir() and "test" not in d.name and "unseen" not in d.name]
    counts = tally(dirs)
    lines = ["# How often each kind of claim was right on hand-read gold we may tune on; written by",
             "# tools/calibrate_confidence.py from: " + ", ".join(d.name for d in dirs) + ".",
             "# confidence = (right + 1) / (total + 2).",
             "what\tclass\tright\ttotal\tconfidence"]
    for (what, klass), (right, total) in sorted(counts.items()):
        lines.append(f"{what}\t{klass}\t{right}\t{total}\t{smoothed(right, total)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(build_main(__doc__, OUT, render, "python tools/calibrate_confidence.py"))
