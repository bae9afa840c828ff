"""Batch ingestion speed: 100,000 articles, text to DuckDB, by engine and worker count, in one run.

The input is real news text: the CLICK-ID (`content`) and Detik (`isi_berita`) corpora from
../shared/data, cycled with a suffix on each record's id and URL until `--articles` records are
written to one JSONL file (each cycle is a new article to the store, as the same text on another
URL is). Each configuration then ingests that file into a fresh store with `jejak.batch.runner.run`:

- `--engine local` with 1 process and with 2 processes,
- `--engine dask` with a LocalCluster of 2 worker processes (1 thread each).

Reported per configuration: wall time, articles/s, the speed-up over 1 local process, and the
peak resident memory of the whole process tree (the runner and its workers, sampled every 0.2 s
with psutil). The configurations run one after another on the same input, in the order given.

Run: `bash scripts/setup-venv.sh test && .venv/bin/pip install psutil && .venv/bin/python
benchmarks/bench_ingest.py` (`--articles 5000` for a quick check).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CLICKID = SHARED / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"
DETIK = SHARED / "data" / "id_news_detik1000" / "data_berita.csv.gz"


def texts() -> list[dict]:
    """The real articles to cycle: CLICK-ID and Detik, with their text, title and URL."""
    out = []
    with gzip.open(CLICKID, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if (r.get("content") or "").strip():
                out.append({"id": r["id"], "title": r.get("title"), "url": r.get("url"), "published": r.get("date"),
                            "text": r["content"]})
    csv.field_size_limit(1 << 24)
    with gzip.open(DETIK, "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if (r.get("isi_berita") or "").strip():
                out.append({"id": f"detik-{r['id']}", "title": r.get("judul"), "url": r.get("url"),
                            "text": r["isi_berita"]})
    return out


def write_input(path: Path, n: int) -> None:
    base = texts()
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            r = dict(base[i % len(base)])
            cycle = i // len(base)
            if cycle:
                r["id"] = f"{r['id']}~{cycle}"
                r["url"] = f"{r.get('url') or 'https://example.invalid/' + r['id']}?cycle={cycle}"
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


class PeakMemory:
    """Peak resident memory of this process and all its children, sampled in a thread."""

    def __init__(self) -> None:
        import psutil

        self.root = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            for p in [self.root, *self.root.children(recursive=True)]:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(0.2)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--partition-size", type=int, default=2000)
    parser.add_argument("--configs", default="local:1,local:2,dask:2",
                        help="engine:workers, comma-separated, in the order to run")
    args = parser.parse_args(argv)
    if not CLICKID.exists() or not DETIK.exists():
        print(f"needs the corpora in {SHARED / 'data'}", file=sys.stderr)
        return 2
    from jejak.batch.runner import run

    work = Path(tempfile.mkdtemp(prefix="jejak-bench-ingest-"))
    try:
        data = work / "input.jsonl"
        t = time.perf_counter()
        write_input(data, args.articles)
        print(f"input: {args.articles:,} articles ({data.stat().st_size / 1e6:,.0f} MB) written in "
              f"{time.perf_counter() - t:.1f} s; {os.cpu_count()} cores; partitions of {args.partition_size:,}")
        rows = []
        for config in args.configs.split(","):
            engine, workers = config.split(":")
            db = work / f"{engine}-{workers}.duckdb"
            with PeakMemory() as mem:
                t = time.perf_counter()
                stats = run([str(data)], str(db), engine=engine, workers=int(workers),
                            partition_size=args.partition_size, shards=str(work / f"shards-{config}"))
                elapsed = time.perf_counter() - t
            rows.append((config, elapsed, stats, mem.peak))
            print(f"  {config}: {elapsed:,.1f} s, {stats.stored:,} stored, {len(stats.skipped)} skipped, "
                  f"{len(stats.failed)} failed", flush=True)
            shutil.rmtree(work / f"shards-{config}", ignore_errors=True)
            db.unlink(missing_ok=True)
        base = next((e for c, e, _, _ in rows if c == "local:1"), rows[0][1])
        print("\n| engine | workers | seconds | articles/s | speed-up over local 1 | peak memory |")
        print("|---|---:|---:|---:|---:|---:|")
        for config, elapsed, stats, peak in rows:
            engine, workers = config.split(":")
            print(f"| {engine} | {workers} | {elapsed:,.1f} | {stats.analysed / elapsed:,.0f} | "
                  f"{base / elapsed:.2f}× | {peak / 2**20:,.0f} MiB |")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
