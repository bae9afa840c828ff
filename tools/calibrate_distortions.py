"""Measure each distortion band's share of real changes of fact and write it as the shipped
confidence (`src/jejak/data/distortion_confidence.tsv`).

Two sources, both read by people:
- the training half of our real copy pairs (`eval/real-pairs/train.jsonl`, read blind): every
  distortion jejak names there is right when it sits on a change the readers listed that is not
  a later state of the same thing (`update`), wrong otherwise;
- flags judged one by one (`eval/flag-judgments/judged.jsonl`): 203 distortions an earlier jejak
  named between CLICK-ID copies, each judged by two people as `change`, `update` or `same`. A
  distortion named now on a judged spot is right when both said `change`, wrong when both said
  `update` or `same`, and not counted when they disagreed or nobody judged that spot.

Never run on the test half of the real pairs (`eval/real-pairs/test.jsonl`): the figures are
reported there.

    .venv/bin/python tools/calibrate_distortions.py [--check]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from jejak.eval.provenance import clickid_article, load_clickid
from jejak.eval.real_pairs import CLICKID, meets_change, run_pairs
from jejak.provenance.compare import compare_articles
from jejak.provenance.confidence import _TABLE, BANDS

REPO = Path(__file__).resolve().parents[1]
TRAIN = REPO / "eval" / "real-pairs" / "train.jsonl"
JUDGED = REPO / "eval" / "flag-judgments" / "judged.jsonl"
FLOOR = 0.05  # none right of a few is no proof of never


def from_real_pairs(counts: Counter, right: Counter) -> None:
    for r in run_pairs(TRAIN):
        gold = [g for g in r.gold if not g["update"]]
        for d in r.predicted:
            counts[d["band"]] += 1
            right[d["band"]] += any(meets_change(d, g) for g in gold)


def _meets(side: dict, span: list[int]) -> bool:
    return side["start"] < span[1] and span[0] < side["end"]


def from_judged(counts: Counter, right: Counter) -> None:
    items = [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines() if line.strip()]
    recs = load_clickid(CLICKID, {x for it in items for x in (it["original"], it["copy"])})
    by_pair: dict[tuple[str, str], list[dict]] = {}
    for it in items:
        if it["original"] in recs and it["copy"] in recs:
            by_pair.setdefault((it["original"], it["copy"]), []).append(it)
    for (orig, copy), judged in sorted(by_pair.items()):
        arts = [clickid_article(recs[x]) for x in (orig, copy)]
        result = compare_articles(arts[0], arts[1], recs[orig].get("outlet"), recs[copy].get("outlet"))
        for d in result.distortions:
            hit = next((it for it in judged if _meets(d["a"], it["original_span"]) or _meets(d["b"], it["copy_span"])), None)
            if hit is None or len(set(hit["labels"])) != 1:
                continue
            counts[d["band"]] += 1
            right[d["band"]] += hit["labels"][0] == "change"


def render(counts: Counter, right: Counter) -> str:
    lines = ["# Distortion confidence per band: the share of real changes of fact among the distortions of",
             "# that band, on the train half of eval/real-pairs and on eval/flag-judgments (at least 0.05).",
             "# Written by tools/calibrate_distortions.py.",
             "band\tconfidence\tdistortions\treal"]
    for band in BANDS:
        n, k = counts[band], right[band]
        lines.append(f"{band}\t{max(FLOOR, k / n if n else 0.0):.3f}\t{n}\t{k}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="rebuild and compare with the shipped table")
    args = ap.parse_args(argv)
    if not CLICKID.is_file():
        print(f"CLICK-ID is not at {CLICKID}: calibration needs ../shared/data", file=sys.stderr)
        return 2
    counts, right = Counter(), Counter()
    from_real_pairs(counts, right)
    from_judged(counts, right)
    text = render(counts, right)
    if args.check:
        same = _TABLE.is_file() and _TABLE.read_text(encoding="utf-8") == text
        print("the shipped table matches" if same else "the shipped table differs:\n" + text)
        return 0 if same else 1
    _TABLE.write_text(text, encoding="utf-8")
    print(text, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
