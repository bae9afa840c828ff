"""Score `jejak.extract.amounts` against the dev gold files and time it.

Usage: python tools/score_amounts.py [--shared PATH] [--raw] [-v]

Gold amounts carry text but no offsets, so the k-th gold item with a given text is placed at the
k-th occurrence of that text in the article. A prediction matches a gold item when the spans
overlap, the value is within 0.5 % and the currency (or unit) is the same (FORMAT.md).
The article text is cut after the gold `body_ends_with` (what the cleaner will do) unless --raw.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
import time
from pathlib import Path

from jejak.extract.amounts import extract_amounts
from jejak.eval.reserved import reserved_ids


def load_articles(shared: Path, raw: bool) -> list[tuple[str, str, dict]]:
    """(name, text, gold) for every dev gold file whose text can be found."""
    golds = {f.name: json.loads(f.read_text(encoding="utf-8")) for f in sorted((shared / "eval/dev").glob("*.gold.json"))}
    rows: dict[str, str] = {}
    want = {g["source"].get("row_id") for g in golds.values() if g["source"].get("corpus") != "seed"}
    csv.field_size_limit(sys.maxsize)
    with gzip.open(shared / "data/id_news_detik1000/data_berita.csv.gz", "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if row["id"] in want and row["id"] not in reserved_ids("id_news_detik1000"):
                rows[row["id"]] = row["isi_berita"]
    out = []
    for name, g in golds.items():
        src = g["source"]
        text = (shared / src["path"]).read_text(encoding="utf-8") if src.get("corpus") == "seed" else rows.get(src.get("row_id", ""))
        if text is None:
            continue
        end = g.get("body_ends_with")
        if end and not raw and end in text:
            text = text[: text.index(end) + len(end)]
        out.append((name, text, g))
    return out


def place(text: str, items: list[dict]) -> list[tuple[int, int] | None]:
    """Spans for gold items: the k-th item of a text at the k-th occurrence of that text."""
    seen: dict[str, int] = {}
    spans: list[tuple[int, int] | None] = []
    for it in items:
        t = it["text"]
        occ = [m.span() for m in re.finditer(r"(?<![\w.,])" + re.escape(t) + r"(?![\w])", text)]
        if not occ:
            occ = [m.span() for m in re.finditer(re.escape(t), text, re.I)]
        k = seen.get(t, 0)
        seen[t] = k + 1
        spans.append(occ[k] if k < len(occ) else (occ[-1] if occ else None))
    return spans


def same(pred, gold: dict) -> bool:
    gv = float(gold["value"])
    close = abs(pred.value - gv) <= 0.005 * abs(gv) if gv else pred.value == 0
    return close and pred.currency == gold.get("currency") and pred.unit == gold.get("unit")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--raw", action="store_true", help="score the raw body, trailer included")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    arts = load_articles(args.shared, args.raw)
    tp = fp = fn = 0
    for name, text, g in arts:
        gold = g.get("amounts", [])
        spans = place(text, gold)
        preds = extract_amounts(text)
        used: set[int] = set()
        misses = []
        for it, sp in zip(gold, spans):
            hit = None
            if sp is not None:
                for i, pr in enumerate(preds):
                    if i not in used and pr.start < sp[1] and sp[0] < pr.end and same(pr, it):
                        hit = i
                        break
            if hit is None:
                fn += 1
                misses.append(it)
            else:
                used.add(hit)
                tp += 1
        extra = [pr for i, pr in enumerate(preds) if i not in used]
        fp += len(extra)
        if args.verbose and (misses or extra):
            print(f"== {name}")
            for it in misses:
                print(f"   FN {it['text']!r} {it['value']} {it.get('currency') or it.get('unit')}")
            for pr in extra:
                ctx = text[max(0, pr.start - 25) : pr.end + 15].replace("\n", " ")
                print(f"   FP {pr.text!r} {pr.value} {pr.currency or pr.unit}   …{ctx}…")
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"articles {len(arts)}  gold {tp + fn}  pred {tp + fp}  TP {tp} FP {fp} FN {fn}")
    print(f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    texts = [t for _, t, _ in arts]
    reps = 200
    t0 = time.perf_counter()
    for _ in range(reps):
        for t in texts:
            extract_amounts(t)
    dt = (time.perf_counter() - t0) / (reps * len(texts))
    chars = sum(len(t) for t in texts) / len(texts)
    print(f"time {dt * 1e3:.3f} ms per article (mean {chars:.0f} chars)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
