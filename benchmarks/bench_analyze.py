"""Throughput of jejak's full analysis against baselines, side by side in one process.

1. Full analysis (`jejak.analyze`) of the Detik articles vs spaCy's blank Indonesian pipeline
   (tokenizer + sentencizer only) on the same texts. Target: ratio ≥ 1.
2. jejak's date extraction vs `dateparser.search.search_dates` (Indonesian, relative base =
   published) on the same texts. Target: ≥ 20×.
3. What event coding adds: the full analysis with and without the event coder (the same
   pipeline with `extract_events` switched off). Target: ≤ 30 % added time.

Run: `.venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/bench_analyze.py`
(reads ../shared/data/id_news_detik1000; prints a Markdown table).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import sys
import time
import warnings
from pathlib import Path

from jejak.eval.reserved import reserved_ids

ROOT = Path(__file__).resolve().parents[1]
DETIK = ROOT.parent / "shared" / "data" / "id_news_detik1000" / "data_berita.csv.gz"


def load_detik(path: Path) -> list[tuple[str, dt.date]]:
    """Bodies and dates, duplicates (same URL and body) removed."""
    csv.field_size_limit(1 << 30)
    seen: set[tuple[str, str]] = set()
    out = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        held_out = reserved_ids("id_news_detik1000")
        for row in csv.DictReader(fh):
            if row["id"] in held_out:
                continue
            key = (row["tautan"], row["isi_berita"])
            if key in seen:
                continue
            seen.add(key)
            month, day, year = (int(x) for x in row["tanggal"].split()[0].split("/"))
            out.append((row["isi_berita"], dt.date(year, month, day)))
    return out


def best_of(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5, help="best of N alternating runs for each side")
    ap.add_argument("--dateparser-docs", type=int, default=150, help="articles for the dateparser comparison")
    args = ap.parse_args()
    if not DETIK.exists():
        print(f"no Detik corpus at {DETIK}", file=sys.stderr)
        return 2

    import spacy

    from jejak import analyze
    from jejak.extract.times import extract_times

    docs = load_detik(DETIK)
    texts = [t for t, _ in docs]
    words = sum(len(t.split()) for t in texts)

    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    analyze(texts[0], lang="id", published=docs[0][1])  # load KB and lexicons outside the timing

    # Interleave the two sides in small chunks, so that this machine's drifting speed hits both
    # alike; each side's time is the sum over its chunks, and the best of `repeat` passes is kept.
    import jejak.pipeline as pipeline

    coder = pipeline.extract_events
    n_events = sum(len(analyze(t, lang="id", published=d).events) for t, d in docs)
    t_spacy = t_jejak = t_no_events = float("inf")
    chunk = 50
    for _ in range(args.repeat):
        ts = tj = tn = 0.0
        for i in range(0, len(docs), chunk):
            part = docs[i:i + chunk]
            t0 = time.perf_counter()
            for _doc in nlp.pipe([t for t, _ in part], batch_size=64):
                pass
            t1 = time.perf_counter()
            for t, d in part:
                analyze(t, lang="id", published=d)
            t2 = time.perf_counter()
            pipeline.extract_events = lambda *a, **k: []
            try:
                for t, d in part:
                    analyze(t, lang="id", published=d)
            finally:
                pipeline.extract_events = coder
            t3 = time.perf_counter()
            ts += t1 - t0
            tj += t2 - t1
            tn += t3 - t2
        t_spacy, t_jejak, t_no_events = min(t_spacy, ts), min(t_jejak, tj), min(t_no_events, tn)

    sub = docs[: args.dateparser_docs]
    from dateparser.search import search_dates

    warnings.filterwarnings("ignore")

    def run_dateparser() -> None:
        for t, d in sub:
            search_dates(t, languages=["id"], settings={"RELATIVE_BASE": dt.datetime(d.year, d.month, d.day)})

    t_dp = best_of(run_dateparser, 1)
    t_times = best_of(lambda: [extract_times(t, d, lang="id") for t, d in sub], args.repeat)

    n, m = len(docs), len(sub)
    print(f"Detik articles: {n} (deduplicated), {words:,} words; dateparser comparison on {m} of them\n")
    print("| run | articles/s | words/s | ratio |")
    print("|---|---:|---:|---:|")
    print(f"| spaCy blank `id` (tokenizer + sentencizer) | {n / t_spacy:,.0f} | {words / t_spacy:,.0f} | 1.00 |")
    print(f"| jejak full analysis | {n / t_jejak:,.0f} | {words / t_jejak:,.0f} | {t_spacy / t_jejak:.2f} |")
    print(f"| dateparser `search_dates` | {m / t_dp:,.1f} | | 1.00 |")
    print(f"| jejak `extract_times` | {m / t_times:,.0f} | | {t_dp / t_times:,.0f} |")
    print(f"\nEvent coding: {n_events} events in {n} articles; full analysis {t_jejak:.2f} s with events, "
          f"{t_no_events:.2f} s without: events add {100 * (t_jejak - t_no_events) / t_no_events:.1f} % "
          f"({1000 * (t_jejak - t_no_events) / n:.2f} ms per article).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
