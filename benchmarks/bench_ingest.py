"""Batch ingestion speed: 100,000 articles, text to DuckDB, by engine and worker count, in one run.

The input is real news text: the CLICK-ID (`content`) and Detik (`isi_berita`) corpora from
../shared/data, cycled with a suffix on each record's id and URL until `--articles` records are
written (each cycle is a new article to the store, as the same text on another URL is). The
records are cut into `--rounds` JSONL files of equal size. Each configuration ingests every file,
one round at a time, into its own store with `jejak.batch.runner.run`, so it ends with all
`--articles` in one DuckDB file, as a monitor that loads each day's crawl does:

- `local:1`: `--engine local --workers 1`, one process that analyses and loads in turn;
- `local:2`: `--engine local --workers 2`, two worker processes, the main process loading;
- `dask:2`: `--engine dask --workers 2`, a LocalCluster of 2 worker processes (1 thread each);
- `pool:1` (not run by default): one worker process with the main process loading beside it,
  which is how `--workers 1` ran before it became one process; it uses two cores.

The configurations take turns within each round, in the given order in even rounds and reversed
in odd ones, so a machine that drifts in speed over the run slows every configuration alike
(this machine's speed wanders by 10-20 % over minutes). Reported per configuration: the summed
wall time, articles/s, the speed-up over `local:1` overall and per round, and the peak resident
memory of the whole process tree (the runner and its workers, sampled every 0.2 s with psutil).

Run: `bash scripts/setup-venv.sh test && .venv/bin/python benchmarks/bench_ingest.py`
(about 12 minutes; `--articles 10000` for a quick check).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from jejak.eval.reserved import reserved_ids

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
            if (r.get("content") or "").strip() and r["id"] not in reserved_ids("id_news_clickid"):
                out.append({"id": r["id"], "title": r.get("title"), "url": r.get("url"), "published": r.get("date"),
                            "text": r["content"]})
    csv.field_size_limit(1 << 24)
    with gzip.open(DETIK, "rt", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if (r.get("isi_berita") or "").strip() and r["id"] not in reserved_ids("id_news_detik1000"):
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
    """Peak resident memory of one process and all its children, sampled in a thread."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def _watch(self) -> None:
        import psutil

        while not self._stop.is_set():
            total = 0
            try:
                family = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                family = []
            for p in family:
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


def split_input(path: Path, rounds: int, folder: Path) -> list[Path]:
    """The input cut into `rounds` files of consecutive records, sizes differing by at most one."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    step, extra = divmod(len(lines), rounds)
    files, start = [], 0
    for r in range(rounds):
        stop = start + step + (1 if r < extra else 0)
        part = folder / f"round-{r}.jsonl"
        part.write_text("".join(lines[start:stop]), encoding="utf-8")
        files.append(part)
        start = stop
    return files


def run_config(config: str, data: Path, db: Path, shards: Path, partition_size: int):
    """One configuration over one round's file; `pool:1` forces a pool of one worker process."""
    from jejak.batch import runner

    engine, workers = config.split(":")
    if engine != "pool":
        return runner.run([str(data)], str(db), engine=engine, workers=int(workers), partition_size=partition_size,
                          shards=str(shards))
    plain = runner._execute
    runner._execute = lambda _engine, parts, folder, w, _scheduler, job: runner._local_pool(parts, folder, w, job)
    try:
        return runner.run([str(data)], str(db), engine="local", workers=int(workers), partition_size=partition_size,
                          shards=str(shards))
    finally:
        runner._execute = plain


def measure(config: str, data: Path, db: Path, shards: Path, partition_size: int) -> dict:
    """One configuration over one file in a fresh process, as `jejak ingest` runs: wall time from
    start to exit, peak memory of the process tree, CPU time of all its processes."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, "--one", config, str(data), str(db), str(shards),
                              str(partition_size)], stdout=subprocess.PIPE, text=True)
    with PeakMemory(child.pid) as mem:
        out, _ = child.communicate()
    elapsed = time.perf_counter() - started
    if child.returncode:
        raise SystemExit(f"{config} failed with exit code {child.returncode}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {**json.loads(out.strip().splitlines()[-1]), "seconds": elapsed, "peak": mem.peak,
            "user": after.ru_utime - before.ru_utime, "sys": after.ru_stime - before.ru_stime}


def one(config: str, data: str, db: str, shards: str, partition_size: str) -> int:
    """The child: run one configuration and print what it did as one JSON line."""
    stats = run_config(config, Path(data), Path(db), Path(shards), int(partition_size))
    print(json.dumps({"stored": stats.stored, "analysed": stats.analysed, "skipped": len(stats.skipped),
                      "failed": len(stats.failed)}))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--one"]:
        return one(*argv[1:])
    from jejak.batch.runner import DEFAULT_PARTITION_SIZE

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--partition-size", type=int, default=DEFAULT_PARTITION_SIZE, help="jejak ingest's default")
    parser.add_argument("--configs", default="local:1,local:2,dask:2",
                        help="engine:workers, comma-separated (engines: local, dask, pool)")
    args = parser.parse_args(argv)
    if not CLICKID.exists() or not DETIK.exists():
        print(f"needs the corpora in {SHARED / 'data'}", file=sys.stderr)
        return 2
    configs = args.configs.split(",")
    work = Path(tempfile.mkdtemp(prefix="jejak-bench-ingest-"))
    try:
        data = work / "input.jsonl"
        t = time.perf_counter()
        write_input(data, args.articles)
        files = split_input(data, args.rounds, work)
        print(f"input: {args.articles:,} articles ({data.stat().st_size / 1e6:,.0f} MB) written in "
              f"{time.perf_counter() - t:.1f} s; {os.cpu_count()} cores; {args.rounds} rounds; "
              f"partitions of {args.partition_size:,}")
        data.unlink()
        results: dict[str, list[dict]] = {c: [] for c in configs}
        for r, part in enumerate(files):
            for config in (configs if r % 2 == 0 else configs[::-1]):
                name = config.replace(":", "-")
                got = measure(config, part, work / f"{name}.duckdb", work / f"shards-{name}", args.partition_size)
                results[config].append(got)
                print(f"  round {r + 1}, {config}: {got['seconds']:,.1f} s, {got['stored']:,} stored, "
                      f"{got['skipped']} skipped, {got['failed']} failed; CPU {got['user']:,.0f} s user "
                      f"{got['sys']:,.0f} s system; peak {got['peak'] / 2**20:,.0f} MiB", flush=True)
                shutil.rmtree(work / f"shards-{name}", ignore_errors=True)
        base = [g["seconds"] for g in results.get("local:1", [])]
        print("\n| engine:workers | seconds | articles/s | stored | speed-up over local:1 | per round "
              "| CPU s per 1,000 articles | peak memory |")
        print("|---|---:|---:|---:|---:|---|---:|---:|")
        for config in configs:
            got = results[config]
            total = sum(g["seconds"] for g in got)
            analysed = sum(g["analysed"] for g in got)
            cpu = sum(g["user"] + g["sys"] for g in got)
            speedup = f"{sum(base) / total:.2f}×" if base else "-"
            rounds = ", ".join(f"{b / g['seconds']:.2f}×" for b, g in zip(base, got)) if base else "-"
            print(f"| {config} | {total:,.1f} | {analysed / total:,.0f} | {sum(g['stored'] for g in got):,} | "
                  f"{speedup} | {rounds} | {1000 * cpu / analysed:.2f} | "
                  f"{max(g['peak'] for g in got) / 2**20:,.0f} MiB |")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
