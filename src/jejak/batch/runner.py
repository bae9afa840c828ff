"""The batch runner: partitions out to an engine, shards back, each loaded exactly once.

Engines run the same function (`work.process_partition`): `local` in a pool of processes on this
machine (or in this process when one is asked for), `dask` on a `dask.distributed` cluster (a
LocalCluster when no scheduler is given). The main process loads each finished shard into DuckDB in one transaction that also records the
partition in `batch_partitions`, so a partition is stored whole or not at all. A run that is
killed and started again plans the same partitions, skips those recorded, reuses shards that
were written but not loaded, and analyses only the rest: no article lost, none stored twice.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from jejak.batch.partitions import DEFAULT_PARTITION_SIZE, Partition, plan
from jejak.batch.lifetime import exit_with_parent
from jejak.batch.work import DONE, process_partition, table_columns
from jejak.budget import DEFAULT_ARTICLE_SECONDS
from jejak.ingest.records import DEFAULT_MAX_BYTES
from jejak.store.schema import SCHEMA_VERSION, TABLES
from jejak.watch.rows import alerts_for_stored
from jejak.store.writer import Store, transaction

ENGINES = ("local", "dask")


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


class ShardIncomplete(Exception):
    """A shard's files are missing or shorter than its worker wrote them: not loaded, not recorded."""


def check_shard(result: dict[str, Any], folder: Path) -> None:
    """Every table file the worker wrote is there with the rows it wrote, or `ShardIncomplete`.

    A partition is recorded as loaded only after this check, so a shard lost on the way (deleted
    by another run sharing the folder, written where this process cannot see it) is analysed
    again by the next run rather than counted as stored. A shard written by another version of
    jejak (other columns, or columns that meant something else) counts as incomplete too."""
    if result.get("schema") != SCHEMA_VERSION:
        raise ShardIncomplete(f"{folder}: written by a jejak with store schema {result.get('schema', '3 or 4')}, "
                              f"not {SCHEMA_VERSION}")
    for table, rows in (result.get("tables") or {}).items():
        path = folder / f"{table}.parquet"
        try:
            found = pq.read_metadata(path).num_rows
        except (OSError, pa.ArrowException) as e:
            raise ShardIncomplete(f"{path}: cannot be read ({e})") from None
        if found != rows:
            raise ShardIncomplete(f"{path}: {found} rows where the worker wrote {rows}")


def load_shard(store: Store, result: dict[str, Any], folder: Path) -> int:
    """Insert one shard's rows (articles not stored yet, and their rows in every table) and
    record the partition, in one transaction; returns the articles stored."""
    check_shard(result, folder)
    try:
        return _insert_shard(store, result, folder)
    except duckdb.Error as e:  # a file went away between the check and the insert, or would not load
        raise ShardIncomplete(f"{folder}: {str(e).splitlines()[0]}") from None


def _insert_shard(store: Store, result: dict[str, Any], folder: Path) -> int:
    listed = result.get("tables")
    # The tables the worker wrote; a listed file that has gone raises, and nothing is recorded.
    tables = [t for t in TABLES if (t in listed if listed is not None else (folder / f"{t}.parquet").exists())]
    articles = folder / "articles.parquet"
    stored = 0
    alerts: list[Any] = []
    with transaction(store.con) as con:
        if "articles" in tables:
            new = [r[0] for r in con.execute(
                "SELECT article_id FROM read_parquet(?) WHERE article_id NOT IN (SELECT article_id FROM articles)",
                [str(articles)]).fetchall()]
            stored = len(new)
            everything = stored == result["articles"]  # the usual case: no filter to apply
            if new:
                for table in tables:
                    path = folder / f"{table}.parquet"
                    names = ", ".join(f'"{c}"' for c, _ in table_columns(table))
                    if everything:
                        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM read_parquet(?)", [str(path)])
                    else:
                        con.execute(f"INSERT INTO {table} ({names}) SELECT {names} FROM read_parquet(?)"
                                    " WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))", [str(path), new])
                alerts = alerts_for_stored(con, new)  # the watchlists, on the new articles only
        con.execute(
            "INSERT INTO batch_partitions VALUES (?, ?, ?, ?, ?, ?, ?)",
            [result["partition"], result["source"], stored,
             result["duplicates"] + (result["articles"] - stored), len(result["skipped"]), len(result["failed"]),
             datetime.now(timezone.utc).replace(tzinfo=None)])
    if alerts:
        store.after_alerts(alerts)
    return stored


def run(paths: Sequence[str], db: str, engine: str = "local", workers: int = 1, scheduler: str | None = None,
        shards: str | None = None, partition_size: int = DEFAULT_PARTITION_SIZE, lang: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES, load: bool = True, keep_shards: bool = False,
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
    folder = shard_folder(db, shards).resolve()  # workers elsewhere get a path that does not depend on our cwd
    folder.mkdir(parents=True, exist_ok=True)
    with Store.open(db) as store:
        store.load_in_bulk()  # loading a shard is a small, bulk insert: the cores are the workers'
        done = loaded_partitions(store)
        _tidy(folder, done, delete_loaded=load and not keep_shards)
        pending = [p for p in parts if p.id not in done]
        stats.already_loaded = len(parts) - len(pending)
        ready, todo = _written(pending, folder)
        for result in ready:  # shards an earlier run wrote but did not load: loaded, not analysed, now
            _finish(store, {**result, "analysed": 0}, folder, stats, load, keep_shards, progress)
        kb = tuple(str(Path(p).resolve()) for p in kb_files)
        job = {"lang": lang, "max_bytes": max_bytes, "kb_files": kb, "article_seconds": article_seconds}
        for result in _execute(engine, todo, str(folder), workers, scheduler, job):
            _finish(store, result, folder, stats, load, keep_shards, progress)
    return stats


_HALF_WRITTEN = re.compile(r"\.tmp-\d+$")


def _tidy(folder: Path, loaded: set[str], delete_loaded: bool) -> None:
    """Remove what a killed run left behind: half-written shard folders (`<id>.tmp-<pid>`; no run
    can be writing them, as only one process opens the store) and, when this run deletes what it
    loads, shards that were loaded but not yet deleted. Shards not loaded are never touched."""
    for path in folder.iterdir():
        if not path.is_dir():
            continue
        if _HALF_WRITTEN.search(path.name) or (delete_loaded and path.name in loaded):
            shutil.rmtree(path, ignore_errors=True)


def _written(pending: list[Partition], folder: Path) -> tuple[list[dict[str, Any]], list[Partition]]:
    """Split the pending partitions into whole shards already written (their results) and the
    partitions to analyse; a shard found incomplete is removed and its partition analysed again."""
    ready: list[dict[str, Any]] = []
    todo: list[Partition] = []
    for part in pending:
        shard = folder / part.id
        if not (shard / DONE).exists():
            todo.append(part)
            continue
        try:
            result = json.loads((shard / DONE).read_text(encoding="utf-8"))
            check_shard(result, shard)
            ready.append(result)
        except (ShardIncomplete, ValueError, OSError):
            shutil.rmtree(shard, ignore_errors=True)
            todo.append(part)
    return ready, todo


def _finish(store: Store, result: dict[str, Any], folder: Path, stats: RunStats, load: bool, keep_shards: bool,
            progress: Callable[[int, int, RunStats], None] | None) -> None:
    stats.analysed += result["analysed"]
    stats.skipped.extend(result["skipped"])
    stats.failed.extend(result["failed"])
    if load:
        try:
            stored = load_shard(store, result, folder / result["partition"])
        except ShardIncomplete as e:
            stats.failed.append(f"partition {result['partition']} ({result['source']}): shard incomplete, "
                                f"not loaded ({e}); run the same command again to redo it")
            return
        stats.stored += stored
        stats.duplicates += result["duplicates"] + result["articles"] - stored
        stats.loaded += 1
        if not keep_shards:  # recorded in batch_partitions now, so a rerun never needs it
            shutil.rmtree(folder / result["partition"], ignore_errors=True)
    if progress:
        progress(stats.already_loaded + stats.loaded, stats.partitions, stats)


def _execute(engine: str, parts: list[Partition], folder: str, workers: int, scheduler: str | None,
             job: dict[str, Any]) -> Iterable[dict[str, Any]]:
    """Results of the partitions as they finish, from the chosen engine; `job` holds the rest of
    `process_partition`'s keyword arguments."""
    if not parts:
        return iter(())
    if engine == "local" and workers <= 1:
        # One process means one: no pool to start, and analysis and loading take turns on one core.
        return (process_partition(p.to_dict(), folder, **job) for p in parts)
    if engine == "local":
        return _local_pool(parts, folder, workers, job)
    return _dask(parts, folder, workers, scheduler, job)


def _local_pool(parts: list[Partition], folder: str, workers: int,
                job: dict[str, Any]) -> Iterable[dict[str, Any]]:
    with ProcessPoolExecutor(max_workers=max(1, workers), mp_context=get_context("spawn"),
                             initializer=exit_with_parent) as pool:
        futures = [pool.submit(process_partition, p.to_dict(), folder, **job) for p in parts]
        for future in as_completed(futures):
            yield future.result()


def _dask(parts: list[Partition], folder: str, workers: int, scheduler: str | None,
          job: dict[str, Any]) -> Iterable[dict[str, Any]]:
    from distributed import Client, LocalCluster
    from distributed import as_completed as dask_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(scheduler or cluster)
    try:
        futures = client.map(process_partition, [p.to_dict() for p in parts], shards=folder, pure=False, **job)
        for future in dask_completed(futures):
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
