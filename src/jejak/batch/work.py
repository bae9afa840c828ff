"""The per-partition work: read, analyse, and write the store's rows as Parquet shards.

This function is what every engine runs, in a local process pool or on a Dask worker. It is
pure apart from its output folder: it reads its partition, analyses each article, builds the
rows of every store table exactly as the store's writer does, and writes one Parquet file per
table into `<shards>/<partition id>/`, renaming a finished folder into place so that a shard is
either whole or absent. Loading into DuckDB happens elsewhere, one partition per transaction.
"""

from __future__ import annotations

import gc
import json
import multiprocessing
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from jejak.batch.partitions import Partition
from jejak.budget import DEFAULT_ARTICLE_SECONDS
from jejak.ingest.records import DEFAULT_MAX_BYTES
from jejak.ingest.readers import read_inputs, read_jsonl_lines
from jejak.kb import KnowledgeBase, default_kb, load_kb
from jejak.intake import analyse_records
from jejak.store.schema import ARTICLE_COLUMNS, COLUMNS, SCHEMA_VERSION, TABLES
from jejak.store.writer import _Batch, _coerce, content_hash

_ARROW = {
    "VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "SMALLINT": pa.int16(),
    "UBIGINT": pa.uint64(), "DOUBLE": pa.float64(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
    "UINTEGER[]": pa.list_(pa.uint32()), "BOOLEAN": pa.bool_(),
}
DONE = "done.json"


def table_columns(table: str) -> tuple[tuple[str, str], ...]:
    return ARTICLE_COLUMNS if table == "articles" else COLUMNS[table]


def _records(part: Partition, max_bytes: int):
    """The partition's input records (or errors), read exactly as `jejak ingest` reads them."""
    if part.kind == "lines":
        yield from read_jsonl_lines(part.paths[0], part.start, part.stop, max_bytes)
    else:
        yield from read_inputs(list(part.paths), max_bytes=max_bytes)


def process_partition(part: dict[str, Any] | Partition, shards: str, lang: str | None = None,
                      max_bytes: int = DEFAULT_MAX_BYTES, kb_files: tuple[str, ...] = (),
                      article_seconds: float = DEFAULT_ARTICLE_SECONDS) -> dict[str, Any]:
    """Analyse one partition and write its shard; returns what happened to each input.

    `kb_files` are extra knowledge-base files (paths the worker can read), added to the shipped
    knowledge base as `--kb` does; they are read once per worker process. An article whose
    analysis takes longer than `article_seconds` is stopped and reported as failed."""
    part = part if isinstance(part, Partition) else Partition(**{**part, "paths": tuple(part["paths"])})
    final = Path(shards) / part.id
    if (final / DONE).exists():  # written by an earlier run that was stopped before loading it
        earlier = json.loads((final / DONE).read_text(encoding="utf-8"))
        if earlier.get("schema") == SCHEMA_VERSION:
            return earlier
        shutil.rmtree(final, ignore_errors=True)  # another version's rows: analysed again
    batch, seen = _Batch(), set()
    skipped: list[str] = []
    failed: list[str] = []
    analysed = duplicates = 0
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    try:
        kb = knowledge_base(tuple(kb_files))
    except Exception as e:  # noqa: BLE001 - sent back as a plain error every engine can carry
        raise RuntimeError(f"this worker cannot read the knowledge-base files {', '.join(kb_files)}: {e}") from None
    for outcome in analyse_records(_records(part, max_bytes), lang=lang, kb=kb, article_seconds=article_seconds):
        article = outcome.article
        if article is None:
            (skipped if outcome.status == "skipped" else failed).append(str(outcome))
            continue
        analysed += 1
        _settle()
        try:
            rec, source = _coerce(article)
            aid = content_hash(rec)
            if aid in seen:
                duplicates += 1
                continue
            batch.add(aid, rec, source, now)  # all of its rows or none
        except Exception as e:  # noqa: BLE001 - the record at fault is reported; its partition goes on
            failed.append(f"{outcome.origin}: not stored ({type(e).__name__}: {str(e)[:200]})")
            continue
        seen.add(aid)
    result = {"partition": part.id, "source": part.source, "schema": SCHEMA_VERSION,
              "analysed": analysed, "articles": len(batch.articles),
              "duplicates": duplicates, "skipped": skipped, "failed": failed}
    parent = multiprocessing.parent_process()
    if parent is not None and not parent.is_alive():
        # The runner was killed: its next run plans this partition again, so write nothing that
        # could race the files that run is loading.
        raise RuntimeError(f"partition {part.id}: the runner that asked for it has gone; not written")
    with _collector_paused():
        _write_shard(final, batch, result)
    return result


_settled = False


def _settle() -> None:
    """Once per process, after its first article has loaded the lexicons and the knowledge base:
    move everything alive into the collector's permanent generation, so the cyclic collector
    stops walking those large, lasting tables on every full collection (2-3 % of a worker's time)."""
    global _settled
    if not _settled:
        _settled = True
        gc.collect()
        gc.freeze()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic collection while a shard is written: turning rows into Arrow columns makes no
    cycles, and with a whole partition's rows alive each collection costs as much as the writing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@lru_cache(maxsize=2)
def knowledge_base(kb_files: tuple[str, ...]) -> KnowledgeBase:
    """The knowledge base a worker analyses with: the default one, or the shipped one plus extra files."""
    return load_kb(kb_files) if kb_files else default_kb()




def _write_shard(final: Path, batch: _Batch, result: dict[str, Any]) -> None:
    """Write every table's rows, then move the folder into place: a shard is whole or absent."""
    tmp = final.with_name(final.name + f".tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    written: dict[str, int] = {}
    for table in TABLES:
        rows = batch.articles if table == "articles" else batch.rows[table]
        if rows:
            cols = table_columns(table)
            arrays = [pa.array(list(values), type=_ARROW[t]) for (_, t), values in zip(cols, zip(*rows))]
            pq.write_table(pa.Table.from_arrays(arrays, names=[c for c, _ in cols]), tmp / f"{table}.parquet")
            written[table] = len(rows)
    result["tables"] = written  # what the loader checks before it records the partition
    (tmp / DONE).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(final, ignore_errors=True)
    os.replace(tmp, final)
