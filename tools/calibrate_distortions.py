"""Measure each distortion band's share of real changes on the training half of our real copy
pairs and write it as the shipped confidence (`src/jejak/data/distortion_confidence.tsv`).

Never run on the test half (`eval/real-pairs/test.jsonl`): that is where the figures are reported.

    .venv/bin/python tools/calibrate_distortions.py [--check]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from jejak.eval.real_pairs import CLICKID, run_pairs, _right
from jejak.provenance.confidence import BANDS, _TABLE

REPO = Path(__file__).resolve().parents[1]
TRAIN = REPO / "eval" / "real-pairs" / "train.jsonl"
FLOOR = 0.05


def measure(train: Path = TRAIN) -> dict[str, tuple[int, int]]:
    """(distortions, real changes among them) per band."""
    shown, right = Counter(), Counter()
    for r in run_pairs(train):
        for d in r.predicted:
            shown[d["band"]] += 1
            right[d["band"]] += any(_right(d, g) for g in r.gold)
    return {band: (shown[band], right[band]) for band in BANDS}


def render(counts: dict[str, tuple[int, int]]) -> str:
    lines = ["# Distortion confidence per band: the share of real changes of fact among the distortions of",
             "# that band on eval/real-pairs/train.jsonl. Written by tools/calibrate_distortions.py.",
             "band\tconfidence\tdistortions\treal"]
    for band, (n, k) in counts.items():  # none right of a few is no proof of never: at least FLOOR
        lines.append(f"{band}\t{max(FLOOR, k / n if n else 0.0):.3f}\t{n}\t{k}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="rebuild and compare with the shipped table")
    args = ap.parse_args(argv)
    if not CLICKID.is_file():
        print(f"CLICK-ID is not at {CLICKID}: calibration needs ../shared/data", file=sys.stderr)
        return 2
    text = render(measure())
    if args.check:
        same = _TABLE.is_file() and _TABLE.read_text(encoding="utf-8") == text
        print("the shipped table matches" if same else "the shipped table differs:\n" + text)
        return 0 if same else 1
    _TABLE.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
