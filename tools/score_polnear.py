"""Score jejak's English quotes and speakers on PolNeAR (issue 16's measure).

The evaluation set is the first 84 articles of PolNeAR's test split and the first 16 of its dev
split (`jejak.eval.polnear`); `--split train` reads the train split instead, which is where
mistakes are looked at (the evaluation set is scored, never studied rule by rule). Beside jejak it
scores a plain baseline: a quote-mark span with a speech verb and a capitalised name next to it.

    python tools/score_polnear.py                      # the evaluation set
    python tools/score_polnear.py --split train --limit 100 --misses 40
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jejak.eval.polnear import QuoteCounts, evaluation_set, gold_record, read_split, score_quotes  # noqa: E402
from jejak.pipeline import NotAnalysable, analyze  # noqa: E402

ARCHIVE = ROOT.parent / "shared" / "data" / "en_quotes_polnear" / "polnear_v1.0.0_data.tar.gz"
METADATA = ROOT.parent / "shared" / "data" / "en_quotes_polnear" / "metadata.tsv"

_VERBS = r"(?:said|says|told|added|asked|wrote|stated|explained|noted|continued|declared|argued|tweeted)"
_NAME = r"((?:[A-Z][\w.'’-]+\s?){1,4})"
_BASELINE = [re.compile(r"“([^”]{3,})”\s*,?\s*" + _NAME + r"\s" + _VERBS),
             re.compile(r"“([^”]{3,})”\s*,?\s*" + _VERBS + r"\s" + _NAME),
             re.compile(_NAME + r"\s" + _VERBS + r",?\s*“([^”]{3,})”")]


def baseline(text: str) -> dict[str, Any]:
    """Quote-mark spans with a speech verb and a name beside them (the anchor issue 16 names)."""
    quotes = []
    for k, pattern in enumerate(_BASELINE):
        for m in pattern.finditer(text):
            quote, name = (m.group(2), m.group(1)) if k == 2 else (m.group(1), m.group(2))
            quotes.append({"kind": "direct", "text": quote, "speaker": {"name": name.strip()}})
    return {"quotes": quotes}


def published_dates() -> dict[str, str]:
    if not METADATA.exists():
        return {}
    with METADATA.open(encoding="utf-8", newline="") as fh:
        return {row["filename"]: row["publication_date"] for row in csv.DictReader(fh, delimiter="\t")}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("eval", "train"), default="eval")
    ap.add_argument("--limit", type=int, default=None, help="articles of the train split")
    ap.add_argument("--misses", type=int, default=0, help="print this many mistakes of each kind")
    args = ap.parse_args(argv)
    if not ARCHIVE.exists():
        print(f"no PolNeAR archive at {ARCHIVE}: put ../shared beside the checkout", file=sys.stderr)
        return 2
    articles = evaluation_set(ARCHIVE) if args.split == "eval" else read_split(ARCHIVE, "train", args.limit)
    dates = published_dates()
    totals = {(who, kind): QuoteCounts() for who in ("jejak", "baseline") for kind in ("direct", "indirect")}
    misses: list[str] = []
    for art in articles:
        gold = gold_record(art)
        try:
            record = analyze(art.body, lang="en", title=art.title, published=dates.get(art.name) or None).to_dict()
        except NotAnalysable as exc:
            print(f"{art.name}: not analysed ({exc})", file=sys.stderr)
            record = {"quotes": []}
        for kind in ("direct", "indirect"):
            totals[("jejak", kind)].add(score_quotes(record, gold, kind, misses if args.misses else None))
            totals[("baseline", kind)].add(score_quotes(baseline(art.body), gold, kind))
    print(f"PolNeAR {args.split}: {len(articles)} articles\n")
    print("| system | quotes | gold | found | precision | recall | F1 | speakers scored | speaker accuracy "
          "| named Sources | their accuracy |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (who, kind), c in totals.items():
        print(f"| {who} | {kind} | {c.gold} | {c.pred} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} | "
              f"{c.speakers_scored} | {c.speaker_accuracy:.3f} | {c.named_scored} | {c.named_accuracy:.3f} |")
    if args.misses:
        for prefix in ("direct speaker", "direct missed", "direct extra", "indirect speaker", "indirect missed",
                       "indirect extra"):
            chosen = [m for m in misses if m.startswith(prefix)]
            print(f"\n## {prefix} ({len(chosen)})")
            for m in chosen[:args.misses]:
                print("-", m)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
