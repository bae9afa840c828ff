"""Giving a store's free space back: the store rewritten into a fresh file.

DuckDB reuses the blocks that loads, deletes and upgrades free, but never shortens its file: a
fresh 20,000-article ingest leaves about a sixth of the file free, and an upgrade that rewrites
the articles table leaves the old one's space behind. `compact` copies every table into a new
file beside the store, checks that each holds the same rows, and only then puts it in the
store's place, so a failure at any step leaves the store as it was.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .schema import StoreError
from .writer import _CONNECT, Store, first_line

#: An ingest compacts the store after it when at least this share of the file is free (an
#: upgrade's rewritten tables, deleted rows, loads that checkpointed on the way; ingest's writer
#: checkpoints once, at the end, so a load by itself leaves the file tight:
#: `writer.BULK_CHECKPOINT`) ...
FREE_SHARE = 0.15
#: ... and the file is at least this large: rewriting a small file gains nothing worth the time.
MIN_BYTES = 16 << 20


@dataclass(frozen=True)
class Compaction:
    before: int  # bytes of the store file before
    after: int  # and after


def _space(con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    _, _, block_size, total, _used, free, *_ = con.execute("PRAGMA database_size").fetchone()
    return total * block_size, free * block_size


def free_space(path: str | Path) -> tuple[int, int]:
    """(bytes in the file, bytes of it free), as DuckDB counts its blocks."""
    con = duckdb.connect(str(path), read_only=True, config=dict(_CONNECT))
    try:
        return _space(con)
    finally:
        con.close()


def worth_compacting(path: str | Path) -> bool:
    """Whether a store is worth rewriting after a load: a large share of a large file is free."""
    if os.path.getsize(path) < MIN_BYTES:
        return False  # DuckDB's blocks are all in the file: a small file holds no large free share
    total, free = free_space(path)
    return total >= MIN_BYTES and free >= FREE_SHARE * total


def _quoted(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def _counts(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, int]:
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = ? AND schema_name = 'main'",
        [database]).fetchall()]
    db = '"' + database.replace('"', '""') + '"'
    return {t: con.execute(f'SELECT count(*) FROM {db}.main."{t}"').fetchone()[0] for t in sorted(tables)}


def compact(path: str | Path) -> Compaction:
    """Rewrite the store at `path` into a fresh file holding the same rows and no free space.
    The store must not be open elsewhere; it is upgraded first if it is older. It stays open
    for writing here until the fresh file has taken its place, so no other program can write
    to the old file in between (and lose what it wrote)."""
    store_path = Path(path).resolve()  # a link to the store: the file it points to is replaced
    Store.open(store_path).close()  # refuses what is no jejak store; upgrades an older one; checkpoints
    before = store_path.stat().st_size
    fresh = store_path.with_name(store_path.name + ".compacting")
    for leftover in (fresh, fresh.with_name(fresh.name + ".wal")):
        leftover.unlink(missing_ok=True)  # from a run that was stopped
    try:
        con = duckdb.connect(str(store_path), config=dict(_CONNECT))  # the write lock, held to the end
    except duckdb.Error as e:
        raise _failed(store_path, e) from e
    try:
        name = con.execute("SELECT current_database()").fetchone()[0]
        copy = "jejak_fresh" if name != "jejak_fresh" else "jejak_fresh_copy"  # the alias must not be the store's
        con.execute(f"ATTACH {_quoted(fresh)} AS {copy}")
        quoted_name = '"' + name.replace('"', '""') + '"'
        con.execute(f"COPY FROM DATABASE {quoted_name} TO {copy}")
        if _counts(con, name) != _counts(con, copy):
            raise StoreError(f"{store_path}: the compacted copy does not hold the same rows; the store was left "
                             "as it was.")
        con.execute(f"DETACH {copy}")
        shutil.copymode(store_path, fresh)
        with open(fresh, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(fresh, store_path)
        _sync_folder(store_path.parent)
    except duckdb.Error as e:
        fresh.unlink(missing_ok=True)
        raise _failed(store_path, e) from e
    except BaseException:
        fresh.unlink(missing_ok=True)
        raise
    finally:
        con.close()
    return Compaction(before, store_path.stat().st_size)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system lets a folder be synced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _failed(store_path: Path, e: duckdb.Error) -> StoreError:
    return StoreError(f"{store_path}: compacting failed ({first_line(e)}); the store was left as it was. "
                      "Close other programs using it (jejak serve, another ingest) and try again.")
