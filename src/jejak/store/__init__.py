"""The DuckDB store: one file holding articles and every annotation, with evidence offsets.

    from jejak.store import Store, queries
    with Store.open("news.duckdb") as store:
        store.add_many(records)
        queries.quotes(store, speaker="scholz")
        store.quotes(speaker="scholz")        # the same rows as a pandas DataFrame
"""

from . import queries
from .frames import StoreFrames
from .schema import SCHEMA_VERSION, TABLES, NotFound, StoreDamaged, StoreError
from .writer import IngestStats, content_hash
from .writer import Store as _WriterStore


class Store(StoreFrames, _WriterStore):
    """A jejak store: open it, add records, ask it questions; its lists also come as DataFrames
    (`quotes`, `events`, `acts`, `entities`, `articles`, `stories`, `alerts`, `trends`, `movers`)."""


__all__ = ["SCHEMA_VERSION", "TABLES", "IngestStats", "NotFound", "Store", "StoreDamaged", "StoreError", "content_hash",
           "queries"]
