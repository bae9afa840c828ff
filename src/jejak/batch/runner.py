"""The batch runner: partitions out to an engine, shards back, each loaded exactly once.

Engines run the same function (`work.process_partition`): `local` in a pool of processes on this
machine (or in this process when one is asked for), `dask` on a `dask.distributed` cluster (a LocalCluster when no scheduler is given). The
main process loads each finished shard into DuckDB in one transaction that also records the
partition in `batch_partitions`, so a partition is stored whole or not at all. A run that is
killed and started again plans the same partitions, skips those recorded, reuses shards that
were written but not loaded, and analyses only the rest: no article lost, none stored twice.
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from jejak.batch.partitions import Partition, plan
from jejak.batch.work import DONE, process_partition, table_columns
from jejak.budget import DEFAULT_ARTICLE_SECONDS
from jejak.store.schema import TABLES
from jejak.store.writer import Store, transaction

ENGINES = ("local", "dask")
#: Articles per partition: small enough that the last partitions leave no worker idle for long,
#: large enough that each shard's files and load transaction cost little per article.
DEFAULT_PARTITION_SIZE = 1000


@dataclass
class RunStats:
    """What a run did, for the summary and the exit code."""

    partitions: int = 0
    already_loaded: int = 0
    loaded: int = 0
    analysed: int = 0
    stored: int = 0
    duplicates: int = 0
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def shard_folder(db: str, shards: str | None) -> Path:
    return Path(shards) if shards else Path(str(db) + ".shards")


def loaded_partitions(store: Store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT partition_id FROM batch_partitions").fetchall()}


def load_shard(store: Store, result: dict[str, Any], folder: Path) -> int:
    """Insert one shard's rows (articles not stored yet, and their rows in every table) and
    record the partition, in one transaction; returns the articles stored."""
    articles = folder / "articles.parquet"
    stored = 0
    with transaction(store.con) as con:
        if articles.exists():
            new = [r[0] for r in con.execute(
                "SELECT article_id FROM read_parquet(?) WHERE article_id NOT IN (SELECT article_id FROM articles)",
                [str(articles)]).fetchall()]
            stored = len(new)
            everything = stored == result["articles"]  # the usual case: no filter to apply
            if new:
                for table in TABLES:
                    path = folder / f"{table}.parquet"
                    if not path.exists():
                        continue
                    names = ", ".join(f'"{c}"' for c, _ in table_columns(table))
                    if everything:
                        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM read_parquet(?)", [str(path)])
                    else:
                        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM read_parquet(?)"
                                    " WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))", [str(path), new])
        con.execute(
            "INSERT INTO batch_partitions VALUES (?, ?, ?, ?, ?, ?, ?)",
            [result["partition"], result["source"], stored,
             result["duplicates"] + (result["articles"] - stored), len(result["skipped"]), len(result["failed"]),
             datetime.now(timezone.utc).replace(tzinfo=None)])
    return stored


def run(paths: Sequence[str], db: str, engine: str = "local", workers: int = 1, scheduler: str | None = None,
        shards: str | None = None, partition_size: int = DEFAULT_PARTITION_SIZE, lang: str | None = None,
        max_bytes: int = 20_000_000, load: bool = True, keep_shards: bool = False,
        kb_files: Sequence[str] = (), article_seconds: float = DEFAULT_ARTICLE_SECONDS,
        progress: Callable[[int, int, RunStats], None] | None = None) -> RunStats:
    """Analyse every input on the chosen engine and load the results into the store at `db`.

    A loaded shard is deleted (its partition is recorded in the store) unless `keep_shards`;
    with `load=False` every shard stays, for `read_parquet()`."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
    stats = RunStats()
    parts, problems = plan(paths, partition_size)
    stats.failed.extend(problems)
    stats.partitions = len(parts)
    folder = shard_folder(db, shards)
    folder.mkdir(parents=True, exist_ok=True)
    with Store.open(db) as store:
        # Loading a shard is a small, bulk insert; one DuckDB thread leaves the cores to the workers.
        store.con.execute("SET threads = 1")
        store.con.execute("SET checkpoint_threshold = '1GB'")
        done = loaded_partitions(store)
        _tidy(folder, done, keep_shards)
        pending = [p for p in parts if p.id not in done]
        stats.already_loaded = len(parts) - len(pending)
        ready = [p for p in pending if (folder / p.id / DONE).exists()]
        todo = [p for p in pending if p not in ready]
        for part in ready:  # shards an earlier run wrote but did not load
            _finish(store, _read_done(folder / part.id), folder, stats, load, keep_shards, progress)
        kb = tuple(str(Path(p).resolve()) for p in kb_files)
        job = (lang, max_bytes, kb, article_seconds)
        for result in _execute(engine, todo, str(folder), workers, scheduler, job):
            _finish(store, result, folder, stats, load, keep_shards, progress)
    return stats


def _tidy(folder: Path, loaded: set[str], keep_shards: bool) -> None:
    """Remove what a killed run left behind: half-written shard folders (no run can be writing
    them, as only one process opens the store) and, unless kept, shards already loaded."""
    for path in folder.iterdir():
        if not path.is_dir():
            continue
        if ".tmp-" in path.name or (not keep_shards and path.name in loaded):
            shutil.rmtree(path, ignore_errors=True)


def _read_done(shard: Path) -> dict[str, Any]:
    return json.loads((shard / DONE).read_text(encoding="utf-8"))


def _finish(store: Store, result: dict[str, Any], folder: Path, stats: RunStats, load: bool, keep_shards: bool,
            progress: Callable[[int, int, RunStats], None] | None) -> None:
    stats.analysed += result["analysed"]
    stats.skipped.extend(result["skipped"])
    stats.failed.extend(result["failed"])
    if load:
        stored = load_shard(store, result, folder / result["partition"])
        stats.stored += stored
        stats.duplicates += result["duplicates"] + result["articles"] - stored
        stats.loaded += 1
        if not keep_shards:  # recorded in batch_partitions now, so a rerun never needs it
            shutil.rmtree(folder / result["partition"], ignore_errors=True)
    if progress:
        progress(stats.already_loaded + stats.loaded, stats.partitions, stats)


def _execute(engine: str, parts: list[Partition], folder: str, workers: int, scheduler: str | None,
             job: tuple[Any, ...]) -> Iterable[dict[str, Any]]:
    """Results of the partitions as they finish, from the chosen engine. `job` holds the rest of
    `process_partition`'s arguments: language, byte limit, knowledge-base files, article budget."""
    if not parts:
        return iter(())
    if engine == "local" and workers <= 1:
        # One process means one: no pool to start, and analysis and loading take turns on one core.
        return (process_partition(p.to_dict(), folder, *job) for p in parts)
    if engine == "local":
        return _local_pool(parts, folder, workers, job)
    return _dask(parts, folder, workers, scheduler, job)


def _local_pool(parts: list[Partition], folder: str, workers: int,
                job: tuple[Any, ...]) -> Iterable[dict[str, Any]]:
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(process_partition, p.to_dict(), folder, *job) for p in parts]
        for future in as_completed(futures):
            yield future.result()


def _dask(parts: list[Partition], folder: str, workers: int, scheduler: str | None,
          job: tuple[Any, ...]) -> Iterable[dict[str, Any]]:
    from distributed import Client, LocalCluster
    from distributed import as_completed as dask_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(scheduler or cluster)
    try:
        futures = client.map(process_partition, [p.to_dict() for p in parts], shards=folder, lang=job[0],
                             max_bytes=job[1], kb_files=job[2], article_seconds=job[3], pure=False)
        for future in dask_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
