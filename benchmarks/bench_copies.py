"""Copy candidates over the CLICK-ID corpus: jejak's MinHash/LSH against datasketch, in one run.

Both sides cut every article (`content`) into the same normalised 5-word shingles (jejak's
`words()` tokeniser), make 128-permutation MinHash signatures (seed 1) and band them into
64 bands of 2 rows; every pair of articles sharing a bucket is a candidate.

- jejak: `shingle_hashes` -> `MinHasher.signatures` (batch) -> `band_keys` -> `candidate_pairs`,
  once with no bucket cap (max_bucket=10**9, comparable with datasketch, which has none) and
  once with the linker's cap (`jejak.provenance.linker.MAX_BUCKET`, boilerplate buckets skipped).
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
`--limit 2000` for a quick check; about 2 minutes for all 22,136 articles on 2 cores).
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
from pathlib import Path

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
            ids.append(rec["id"])
            texts.append(rec.get("content") or "")
    return ids, texts


def load_pairs(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8") as fh:
        return [(r["a"], r["b"], r["label"]) for r in map(json.loads, fh) if r.get("a")]


def run_jejak(texts: list[str], cap: int) -> tuple[dict[str, float], set, set]:
    """jejak's path; returns step times and the candidate pairs without and with the bucket cap
    (the capped pass is timed apart, under `candidates_capped`)."""
    from jejak.provenance import shingles as sh
    from jejak.provenance.minhash import LSHParams, MinHasher, band_keys, candidate_pairs, empty_rows

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
    times = {"shingles": t1 - t0, "signatures": t2 - t1, "index": t3 - t2, "candidates": t4 - t3,
             "candidates_capped": t5 - t4}
    return times, pairs, capped


def ds_shingles(text: str, n: int) -> list[bytes]:
    """The shingles jejak hashes, as bytes: n-word windows, or all words of a shorter text."""
    from jejak.provenance.shingles import words

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


def exact_jaccard(a: str, b: str) -> float:
    from jejak.provenance.shingles import shingle_hashes

    x, y = set(shingle_hashes(a).tolist()), set(shingle_hashes(b).tolist())
    return len(x & y) / len(x | y) if x or y else 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (default: all)")
    ap.add_argument("--repeat", type=int, default=3, help="interleaved runs of each side (median kept)")
    ap.add_argument("--ds-repeat", type=int, default=None,
                    help="runs of datasketch if it must run fewer times than jejak (default: --repeat)")
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

    from jejak.provenance.linker import MAX_BUCKET
    from jejak.provenance.minhash import LSHParams

    ids, texts = load_articles(CLICKID, args.limit)
    index = {aid: i for i, aid in enumerate(ids)}
    n = len(texts)
    ds_repeat = args.ds_repeat or args.repeat
    print(f"CLICK-ID articles: {n:,}; datasketch {datasketch.__version__}; "
          f"{args.repeat} jejak runs, {ds_repeat} datasketch runs, interleaved\n")

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
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def med(runs: list[dict[str, float]], step: str) -> float:
        if step == "total":
            return statistics.median(sum(t[s] for s in STEPS) for t in runs)
        return statistics.median(t[step] for t in runs)

    print("| step | jejak s | datasketch s | datasketch / jejak |")
    print("|---|---:|---:|---:|")
    for step in (*STEPS, "total"):
        j, d = med(jt, step), med(dt, step)
        name = STEP_NAMES.get(step, "**total**")
        print(f"| {name} | {j:.2f} | {d:.2f} | {d / j:.2f} |")
    print(f"| jejak candidate pairs, max_bucket={MAX_BUCKET} (not in total) | {med(jt, 'candidates_capped'):.2f} | | |")
    print(f"\nPeak RSS of the whole process: {peak_mib:,.0f} MiB (both sides, one process).\n")

    params = LSHParams()
    union = j_pairs | d_pairs
    overlap = len(j_pairs & d_pairs) / len(union) if union else 1.0
    print(f"Candidate pairs: jejak {len(j_pairs):,} (no cap), {len(j_capped):,} (max_bucket={MAX_BUCKET}); "
          f"datasketch {len(d_pairs):,}; Jaccard(jejak no cap, datasketch) = {overlap:.3f}\n")

    gold = load_pairs(PAIRS)
    usable = [(index[a], index[b], lab) for a, b, lab in gold if a in index and b in index]
    labels = ("copy", "same-story", "unrelated")
    count = {lab: sum(1 for *_, l in usable if l == lab) for lab in labels}
    expected = {lab: 0.0 for lab in labels}
    jac: dict[tuple[int, int], float] = {}
    for i, j, lab in usable:
        jac[(i, j)] = exact_jaccard(texts[i], texts[j])
        expected[lab] += params.recall_at(jac[(i, j)])

    def found(pairs: set, lab: str) -> int:
        return sum(1 for i, j, l in usable if l == lab and (min(i, j), max(i, j)) in pairs)

    print(f"Dev pairs among the candidates ({len(usable)} of {len(gold)} pairs have both articles loaded):\n")
    print("| side | " + " | ".join(f"{lab} ({count[lab]})" for lab in labels) + " | copy recall |")
    print("|---|" + "---:|" * (len(labels) + 1))
    for name, pairs in (("jejak, no cap", j_pairs), (f"jejak, max_bucket={MAX_BUCKET}", j_capped),
                        ("datasketch", d_pairs)):
        cells = " | ".join(str(found(pairs, lab)) for lab in labels)
        rec = found(pairs, "copy") / count["copy"] if count["copy"] else float("nan")
        print(f"| {name} | {cells} | {rec:.3f} |")
    cells = " | ".join(f"{expected[lab]:.1f}" for lab in labels)
    rec = expected["copy"] / count["copy"] if count["copy"] else float("nan")
    print(f"| expected from exact shingle Jaccard | {cells} | {rec:.3f} |")

    missed = [(i, j) for i, j, lab in usable if lab == "copy"
              and ((min(i, j), max(i, j)) not in j_pairs or (min(i, j), max(i, j)) not in d_pairs)]
    if missed:
        print("\nCopy pairs missed by either side (exact Jaccard; found by jejak / datasketch):")
        for i, j in missed:
            key = (min(i, j), max(i, j))
            print(f"- {ids[i]} ~ {ids[j]}: J={jac[(i, j)]:.3f}, p={params.recall_at(jac[(i, j)]):.2f}; "
                  f"jejak {'yes' if key in j_pairs else 'no'}, datasketch {'yes' if key in d_pairs else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
