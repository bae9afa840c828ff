"""Score `jejak.extract.times.extract_times` against the dev gold (times only).

Runs over the seed article and the Detik articles of ../shared/eval/dev, matches predicted and
gold times by overlapping text with an exact value (FORMAT.md), prints P/R/F1, the misses with
`-v`, and the time per article.

    python tools/score_times.py [-v] [--shared /work/shared]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import json
import re
import sys
import time
from pathlib import Path

from jejak.extract.times import extract_times
from jejak.eval.reserved import reserved_ids

SEED_PUBLISHED = dt.date(2024, 12, 4)


def _occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text)]
    if not spans:
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(needle.casefold()), text.casefold())]
    return spans


def _match(text: str, gold: list[dict], preds: list[dict]) -> tuple[int, list[str]]:
    """One-to-one matching: a prediction pairs a gold item whose text it overlaps, same value."""
    gold_spans = [_occurrences(text, g["text"]) for g in gold]
    used_g: set[int] = set()
    used_p: set[int] = set()
    for pi, p in enumerate(preds):
        for gi, g in enumerate(gold):
            if gi in used_g or p["value"] != g["value"]:
                continue
            if any(p["start"] < ge and gs < p["end"] for gs, ge in gold_spans[gi]):
                used_g.add(gi)
                used_p.add(pi)
                break
    misses = [f"  missed {g['text']!r} = {g['value']}" + (
        f"  got {[(p['text'], p['value']) for p in preds if any(p['start'] < ge and gs < p['end'] for gs, ge in gold_spans[gi])]}")
        for gi, g in enumerate(gold) if gi not in used_g]
    misses += [f"  extra  {p['text']!r} = {p['value']}" + (f"  [{p['note']}]" if p.get("note") else "")
               for pi, p in enumerate(preds) if pi not in used_p]
    return len(used_g), misses


def load_dev(shared: Path) -> list[tuple[str, str, dt.date, list[dict]]]:
    """(name, text, published, gold times) for every dev article."""
    csv.field_size_limit(1 << 30)
    rows: dict[str, dict] = {}
    with gzip.open(shared / "data/id_news_detik1000/data_berita.csv.gz", "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["id"] not in reserved_ids("id_news_detik1000"):
                rows[r["id"]] = r
    out = []
    for path in sorted((shared / "eval/dev").glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        src = gold["source"]
        if src.get("corpus") == "seed":
            text = (shared / src["path"]).read_text(encoding="utf-8")
            pub = dt.date.fromisoformat(gold.get("published") or SEED_PUBLISHED.isoformat())
        else:
            row = rows[str(src["row_id"])]
            text = row["isi_berita"]
            pub = dt.datetime.strptime(row["tanggal"], "%m/%d/%Y %H:%M").date()
        out.append((path.name.removesuffix(".gold.json"), text, pub, gold.get("times", [])))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = ap.parse_args(argv)
    if not (args.shared / "eval/dev").is_dir():
        print(f"no dev gold under {args.shared}", file=sys.stderr)
        return 2
    dev = load_dev(args.shared)
    tp = n_pred = n_gold = 0
    for name, text, pub, gold in dev:
        preds = [t.to_dict() for t in extract_times(text, pub)]
        hit, misses = _match(text, gold, preds)
        tp, n_pred, n_gold = tp + hit, n_pred + len(preds), n_gold + len(gold)
        if args.verbose and misses:
            print(f"{name} ({pub}):")
            print("\n".join(misses))
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"times: {len(dev)} articles, gold {n_gold}, predicted {n_pred}, matched {tp}")
    print(f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")
    texts = [(t, pub) for _, t, pub, _ in dev]
    reps = 200
    t0 = time.perf_counter()
    for _ in range(reps):
        for t, pub in texts:
            extract_times(t, pub)
    per = (time.perf_counter() - t0) / (reps * len(texts))
    words = sum(len(t.split()) for t, _ in texts) / len(texts)
    print(f"speed: {per * 1e3:.3f} ms per article (mean {words:.0f} words)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
