"""Linking cost as the store grows: `link()` over 2,000 and over 20,000 CLICK-ID articles, interleaved.

The 20,000 are CLICK-ID records outside the reserved rows, shuffled with a fixed seed; the 2,000
are the first 2,000 of them. Both stores are built once with `jejak ingest` (kept under `--work`,
rebuilt only when missing) and every linking run starts from a copy of its store with nothing
linked. Runs take turns (small, large, small, ...), so this machine's drifting speed hits both
alike; the median of each side is reported with the ratio large / small (the issue's bar: 12x;
linear growth is 10x), and what each run did (candidates, copies, distortions, stories).

It also times the rare-fact candidate query against the query it replaced (which joined every
article naming a fact to every other before dropping the common facts), side by side on the
large store's chunks of 2,000: both must return the same pairs.

Run: `.venv/bin/python benchmarks/bench_link.py [--rounds 3] [--work /tmp/jejak-bench-link]`
(about 10 minutes the first time, most of it building the stores).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from jejak.eval.provenance import clickid_input
from jejak.eval.reserved import reserved_ids
from jejak.provenance import linker
from jejak.store.writer import Store

REPO = Path(__file__).resolve().parents[1]
CLICKID = REPO.parent / "shared" / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"

OLD_FACT_QUERY = """
    WITH nf AS (SELECT article_id, fact FROM facts
                WHERE article_id IN (SELECT UNNEST(?::VARCHAR[])) AND NOT starts_with(fact, 'day:')),
         usable AS (SELECT fact FROM facts WHERE fact IN (SELECT fact FROM nf)
                    GROUP BY fact HAVING count(*) <= ?),
         hits AS (SELECT nf.article_id AS x, o.article_id AS y, nf.fact FROM nf
                  JOIN usable USING (fact)
                  JOIN facts o ON o.fact = nf.fact AND o.article_id <> nf.article_id
                  JOIN articles ax ON ax.article_id = nf.article_id
                  JOIN articles ay ON ay.article_id = o.article_id
                  WHERE ax.published IS NULL OR ay.published IS NULL
                     OR abs(date_diff('day', ax.published, ay.published)) <= ?),
         nearby AS (SELECT x, fact FROM hits GROUP BY x, fact HAVING count(*) <= ?)
    SELECT h.x, h.y FROM hits h JOIN nearby n ON n.x = h.x AND n.fact = h.fact
    GROUP BY h.x, h.y HAVING count(*) >= ?
"""


def write_inputs(work: Path, large: int, small: int) -> tuple[Path, Path]:
    held_out = reserved_ids("id_news_clickid")
    rows = []
    with gzip.open(CLICKID, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if r["id"] in held_out or not r.get("content"):
                continue
            rows.append(clickid_input(r))
    rows.sort(key=lambda r: r["id"])
    random.Random(1).shuffle(rows)
    paths = []
    for name, n in (("large", large), ("small", small)):
        path = work / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for r in rows[:n]:
                f.write(json.dumps(r, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths[0], paths[1]


def jejak(*args: str) -> None:
    """Run a jejak command in a fresh process; exit code 1 only says some records were skipped
    (CLICK-ID has empty rows)."""
    done = subprocess.run([sys.executable, "-m", "jejak.cli", *args], stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):
        raise RuntimeError(f"jejak {' '.join(args)} failed: {done.stderr[-2000:]}")


def build(work: Path, large: int, small: int,
          after: Callable[[str, Path], None] | None = None) -> dict[str, Path]:
    """The small and large stores under `work`, each ingested by `jejak ingest` in a fresh process
    (kept when both are there); `after(name, db)` runs on each store just built."""
    stores = {"small": work / "small.duckdb", "large": work / "large.duckdb"}
    if all(p.is_file() for p in stores.values()):
        return stores
    inputs = dict(zip(("large", "small"), write_inputs(work, large, small)))
    for name, db in stores.items():
        db.unlink(missing_ok=True)
        jejak("ingest", str(inputs[name]), "--db", str(db), "-q")
        if after is not None:
            after(name, db)
    return stores


def link_once(db: Path, scratch: Path) -> tuple[float, linker.LinkStats]:
    shutil.copy(db, scratch)
    with Store.open(scratch) as store:
        started = time.perf_counter()
        stats = linker.link(store)
        return time.perf_counter() - started, stats


def compare_queries(db: Path) -> None:
    with Store.open(db, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT article_id FROM articles ORDER BY article_id").fetchall()]
        old_t = new_t = 0.0
        same = True
        for start in range(0, len(ids), linker.CHUNK):
            chunk = ids[start:start + linker.CHUNK]
            t = time.perf_counter()
            old = {tuple(r) for r in store.con.execute(OLD_FACT_QUERY, [
                chunk, linker.MAX_FACT_ANYWHERE, linker.FACT_DAYS, linker.MAX_FACT_ARTICLES,
                linker.MIN_SHARED_FACTS]).fetchall()}
            old_t += time.perf_counter() - t
            t = time.perf_counter()
            new = linker.fact_candidates(store, chunk)
            new_t += time.perf_counter() - t
            same = same and old == new
        print(f"rare-fact candidates over {len(ids):,} articles: old query {old_t:.1f} s, new {new_t:.1f} s, "
              f"{old_t / new_t:.1f}x faster; same pairs: {same}")


def store_size_arguments(argv: list[str] | None, description: str, rounds: int,
                         work: str) -> argparse.Namespace | None:
    """The options of a benchmark over a small and a large CLICK-ID store (its work folder made);
    None when CLICK-ID is not beside the checkout."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--rounds", type=int, default=rounds)
    ap.add_argument("--large", type=int, default=20_000)
    ap.add_argument("--small", type=int, default=2_000)
    ap.add_argument("--work", type=Path, default=Path(work))
    args = ap.parse_args(argv)
    if not CLICKID.is_file():
        print(f"CLICK-ID is not at {CLICKID}", file=sys.stderr)
        return None
    args.work.mkdir(parents=True, exist_ok=True)
    return args


def main(argv: list[str] | None = None) -> int:
    args = store_size_arguments(argv, __doc__.split("\n\n")[0], 3, "/tmp/jejak-bench-link")
    if args is None:
        return 2
    stores = build(args.work, args.large, args.small)
    compare_queries(stores["large"])
    times: dict[str, list[float]] = {"small": [], "large": []}
    for _ in range(args.rounds):
        for name in ("small", "large"):
            seconds, stats = link_once(stores[name], args.work / "scratch.duckdb")
            times[name].append(seconds)
            print(f"{name}: {seconds:.1f} s; {stats.articles:,} articles, {stats.candidates:,} candidate pairs, "
                  f"{stats.copies:,} copies, {stats.same_story:,} same-story, {stats.distortions:,} distortions, "
                  f"{stats.stories:,} stories")
    small, large = statistics.median(times["small"]), statistics.median(times["large"])
    print(f"median: small {small:.1f} s, large {large:.1f} s; large / small = {large / small:.1f}x "
          f"({args.large:,} vs {args.small:,} articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
