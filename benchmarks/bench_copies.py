"""Copy candidates over the CLICK-ID corpus: jejak's MinHash/LSH against datasketch, in one run.

Both sides cut every article (`content`) into the same normalised 5-word shingles (jejak's
`words()` tokeniser), make 128-permutation MinHash signatures (seed 1) and band them into
64 bands of 2 rows; every pair of articles sharing a bucket is a candidate.

- jejak: `shingle_hashes` -> `MinHasher.signatures` (batch) -> `band_keys` -> `candidate_pairs`,
  once with no bucket cap (max_bucket=10**9, comparable with datasketch, which has none) and
  once with the linker's cap (`jejak.fingerprint.minhash.MAX_BUCKET`, boilerplate buckets skipped).
- datasketch: the shingles as UTF-8 bytes -> `MinHash.bulk(num_perm=128, seed=1)` ->
  `MinHashLSH(num_perm=128, params=(64, 2))` filled in an insertion session -> `query` for every
  article (the index has no call that lists its candidate pairs).

Articles without words get no bucket on either side (jejak's `empty_rows`; datasketch's all-max
MinHash of an empty set would otherwise put them all in one bucket). jejak's word-hash cache is
cleared before each of its runs, so every run starts cold, as a fresh process would.

Reported: the median time of each step and of the total over interleaved runs (jejak,
datasketch, jejak, ...) with the ratio datasketch / jejak (> 1: jejak is faster), the candidate
counts and the Jaccard overlap of the two candidate sets, and recall on the labelled dev pairs
(share of the `copy` pairs among the candidates, and how many `same-story` and `unrelated` pairs
are candidates too), next to the recall that the exact shingle Jaccard of each pair predicts.

Run: `.venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/bench_copies.py`
(reads ../shared/data/id_news_clickid and the dev pairs in ../shared/eval/dev/provenance;
`--limit 2000` for a quick check; about 2 minutes for all 22,136 articles on 2 cores, 1 with
`--no-memory`, which skips the extra traced pass of each side that measures its peak allocation).
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np
from jejak.eval.reserved import reserved_ids

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CLICKID = SHARED / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"
PAIRS = SHARED / "eval" / "dev" / "provenance" / "pairs.dev.jsonl"

NO_CAP = 10**9
STEPS = ("shingles", "signatures", "index", "candidates")
STEP_NAMES = {
    "shingles": "shingles (words -> 5-word shingles)",
    "signatures": "MinHash signatures",
    "index": "index (band keys / LSH insert)",
    "candidates": "candidate pairs",
}


def load_articles(path: Path, limit: int | None) -> tuple[list[str], list[str]]:
    ids, texts = [], []
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and len(ids) >= limit:
                break
            rec = json.loads(line)
            if rec["id"] in reserved_ids("id_news_clickid"):
                continue
            ids.append(rec["id"])
            texts.append(rec.get("content") or "")
    return ids, texts


def load_pairs(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [(r["a"], r["b"], r["label"]) for r in map(json.loads, fh) if r.get("a")]


def run_jejak(texts: list[str], cap: int) -> tuple[dict[str, float], set, set]:
    """jejak's path; returns step times and the candidate pairs without and with the bucket cap
    (the capped pass is timed apart, under `candidates_capped`)."""
    from jejak.fingerprint import shingles as sh
    from jejak.fingerprint.minhash import LSHParams, MinHasher, band_keys, candidate_pairs, empty_rows

    params = LSHParams()
    sh._word_cache.clear()
    t0 = time.perf_counter()
    shingle_sets = [sh.shingle_hashes(t, params.shingle) for t in texts]
    t1 = time.perf_counter()
    sig = MinHasher(params).signatures(shingle_sets)
    t2 = time.perf_counter()
    keys = band_keys(sig, params)
    empty = empty_rows(sig)
    t3 = time.perf_counter()
    pairs = set(candidate_pairs(keys, empty, max_bucket=NO_CAP))
    t4 = time.perf_counter()
    capped = set(candidate_pairs(keys, empty, max_bucket=cap))
    t5 = time.perf_counter()
    hasher = MinHasher(params)
    one_by_one = np.stack([hasher.signature(s) for s in shingle_sets]) if shingle_sets else sig
    t6 = time.perf_counter()
    if not np.array_equal(one_by_one, sig):
        raise AssertionError("MinHasher.signature and MinHasher.signatures disagree")
    times = {"shingles": t1 - t0, "signatures": t2 - t1, "index": t3 - t2, "candidates": t4 - t3,
             "candidates_capped": t5 - t4, "signature_loop": t6 - t5}
    return times, pairs, capped


def ds_shingles(text: str, n: int) -> list[bytes]:
    """The shingles jejak hashes, as bytes: n-word windows, or all words of a shorter text."""
    from jejak.fingerprint.shingles import words

    w = words(text)
    if len(w) < n:
        return [" ".join(w).encode()] if w else []
    return [" ".join(w[i:i + n]).encode() for i in range(len(w) - n + 1)]


def run_datasketch(texts: list[str]) -> tuple[dict[str, float], set]:
    from datasketch import MinHash, MinHashLSH

    t0 = time.perf_counter()
    shingle_sets = [ds_shingles(t, 5) for t in texts]
    t1 = time.perf_counter()
    mhs = MinHash.bulk(shingle_sets, num_perm=128, seed=1)
    t2 = time.perf_counter()
    lsh = MinHashLSH(num_perm=128, params=(64, 2))
    live = [i for i, s in enumerate(shingle_sets) if s]
    with lsh.insertion_session() as session:
        for i in live:
            session.insert(i, mhs[i], check_duplication=False)
    t3 = time.perf_counter()
    pairs = set()
    for i in live:
        for j in lsh.query(mhs[i]):
            if j > i:
                pairs.add((i, j))
    t4 = time.perf_counter()
    return {"shingles": t1 - t0, "signatures": t2 - t1, "index": t3 - t2, "candidates": t4 - t3}, pairs


def exact_jaccard(x: np.ndarray, y: np.ndarray) -> float:
    """Jaccard similarity of two sorted, distinct shingle-hash arrays."""
    union = x.size + y.size
    if not union:
        return 0.0
    inter = np.intersect1d(x, y, assume_unique=True).size
    return inter / (union - inter)


def traced_peak(fn) -> float:
    """Peak Python + NumPy allocation of one call, in MiB (tracemalloc; slows the call down)."""
    gc.collect()
    tracemalloc.start()
    try:
        result = fn()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    del result
    return peak / 2**20


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved runs of each side (median kept)")
    ap.add_argument("--ds-repeat", type=int, default=None,
                    help="runs of datasketch, if it must run fewer times than jejak (default: --repeat)")
    ap.add_argument("--no-memory", action="store_true",
                    help="skip the extra, untimed tracemalloc pass of each side (about 1 minute)")
    args = ap.parse_args()
    if not CLICKID.exists():
        print(f"no CLICK-ID corpus at {CLICKID} (expected ../shared/data/id_news_clickid next to the repo)",
              file=sys.stderr)
        return 2
    try:
        import datasketch
    except ImportError:
        print("datasketch is not installed: .venv/bin/pip install -e '.[bench]'", file=sys.stderr)
        return 2

    from jejak.fingerprint.minhash import MAX_BUCKET
    from jejak.fingerprint.minhash import LSHParams
    from jejak.fingerprint.shingles import shingle_hashes

    ids, texts = load_articles(CLICKID, args.limit)
    index = {aid: i for i, aid in enumerate(ids)}
    ds_repeat = args.ds_repeat or args.repeat
    print(f"CLICK-ID articles: {len(texts):,}; datasketch {datasketch.__version__}; {args.repeat} jejak "
          f"and {ds_repeat} datasketch runs, interleaved; median seconds\n")

    jt: list[dict[str, float]] = []
    dt: list[dict[str, float]] = []
    j_pairs = j_capped = d_pairs = None
    for r in range(max(args.repeat, ds_repeat)):
        if r < args.repeat:
            j_pairs = j_capped = None
            gc.collect()
            times, j_pairs, j_capped = run_jejak(texts, MAX_BUCKET)
            jt.append(times)
        if r < ds_repeat:
            d_pairs = None
            gc.collect()
            times, d_pairs = run_datasketch(texts)
            dt.append(times)
    rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if not args.no_memory:
        j_peak = traced_peak(lambda: run_jejak(texts, MAX_BUCKET))
        d_peak = traced_peak(lambda: run_datasketch(texts))

    def med(runs: list[dict[str, float]], step: str) -> float:
        if step == "total":
            return statistics.median(sum(t[s] for s in STEPS) for t in runs)
        return statistics.median(t[step] for t in runs)

    print("| step | jejak s | datasketch s | datasketch / jejak |")
    print("|---|---:|---:|---:|")
    for step in (*STEPS, "total"):
        j, d = med(jt, step), med(dt, step)
        print(f"| {STEP_NAMES.get(step, '**total**')} | {j:.2f} | {d:.2f} | {d / j:.2f} |")
    print(f"| (not in total) jejak candidate pairs, max_bucket={MAX_BUCKET} | {med(jt, 'candidates_capped'):.2f} | | |")
    loop = med(jt, "signature_loop")
    print(f"| (not in total) jejak signatures one by one (`MinHasher.signature`) | {loop:.2f} "
          f"| {med(dt, 'signatures'):.2f} | {med(dt, 'signatures') / loop:.2f} |")
    print(f"\nPeak RSS of the process (both sides): {rss_mib:,.0f} MiB", end="")
    if not args.no_memory:
        print(f"; peak traced allocation of one run: jejak {j_peak:,.0f} MiB, datasketch {d_peak:,.0f} MiB", end="")
    print(".\n")

    params = LSHParams()
    shingles: dict[int, np.ndarray] = {}

    def jaccard(i: int, j: int) -> float:
        for k in (i, j):
            if k not in shingles:
                shingles[k] = shingle_hashes(texts[k], params.shingle)
        return exact_jaccard(shingles[i], shingles[j])

    union = j_pairs | d_pairs
    both = j_pairs & d_pairs
    above = {p for p in union if jaccard(*p) >= params.threshold()}
    print(f"Candidate pairs: jejak {len(j_pairs):,} (no cap), {len(j_capped):,} (max_bucket={MAX_BUCKET}); "
          f"datasketch {len(d_pairs):,}; Jaccard of the two sets {len(both) / max(1, len(union)):.3f}. "
          f"Of the {len(union):,} pairs either side found, {len(above):,} have exact shingle Jaccard >= "
          f"{params.threshold():.3f} (the LSH threshold): jejak finds {len(above & j_pairs):,}, datasketch "
          f"{len(above & d_pairs):,}, both {len(above & both):,} "
          f"(Jaccard of the sets {len(above & both) / max(1, len(above)):.3f}).\n")

    gold = load_pairs(PAIRS)
    usable = [(min(index[a], index[b]), max(index[a], index[b]), lab)
              for a, b, lab in gold if a in index and b in index]
    labels = ("copy", "same-story", "unrelated")
    count = {lab: sum(1 for *_, l in usable if l == lab) for lab in labels}
    jac = {(i, j): jaccard(i, j) for i, j, _ in usable}
    mean = {lab: sum(params.recall_at(jac[(i, j)]) for i, j, l in usable if l == lab) for lab in labels}
    sd = {lab: sum(p * (1 - p) for p in (params.recall_at(jac[(i, j)]) for i, j, l in usable if l == lab)) ** 0.5
          for lab in labels}

    def found(pairs: set, lab: str) -> int:
        return sum(1 for i, j, l in usable if l == lab and (i, j) in pairs)

    def recall(x: float) -> str:
        return f"{x / count['copy']:.3f}" if count["copy"] else "n/a"

    print(f"Dev pairs among the candidates ({len(usable)} of {len(gold)} pairs have both articles loaded):\n")
    print("| side | " + " | ".join(f"{lab} ({count[lab]})" for lab in labels) + " | copy recall |")
    print("|---|" + "---:|" * (len(labels) + 1))
    for name, pairs in (("jejak, no cap", j_pairs), (f"jejak, max_bucket={MAX_BUCKET}", j_capped),
                        ("datasketch", d_pairs)):
        cells = " | ".join(str(found(pairs, lab)) for lab in labels)
        print(f"| {name} | {cells} | {recall(found(pairs, 'copy'))} |")
    cells = " | ".join(f"{mean[lab]:.1f} ± {sd[lab]:.1f}" for lab in labels)
    print(f"| expected from the exact shingle Jaccard (mean ± sd) | {cells} | {recall(mean['copy'])} |")

    missed = [(i, j) for i, j, lab in usable if lab == "copy" and ((i, j) not in j_pairs or (i, j) not in d_pairs)]
    if missed:
        print("\nCopy pairs missed by either side (exact shingle Jaccard J, LSH probability p of finding it):")
        for i, j in missed:
            print(f"- {ids[i]} ~ {ids[j]}: J={jac[(i, j)]:.3f}, p={params.recall_at(jac[(i, j)]):.2f}; "
                  f"jejak {'found' if (i, j) in j_pairs else 'missed'}, "
                  f"datasketch {'found' if (i, j) in d_pairs else 'missed'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
