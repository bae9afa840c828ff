"""The DuckDB store: one file holding articles and every annotation, with evidence offsets.

    from jejak.store import Store, queries
    with Store.open("news.duckdb") as store:
        store.add_many(records)
        queries.quotes(store, speaker="scholz")
"""

from . import queries
from .schema import SCHEMA_VERSION, TABLES, NotFound, StoreDamaged, StoreError
from .writer import IngestStats, Store, content_hash

__all__ = ["SCHEMA_VERSION", "TABLES", "IngestStats", "NotFound", "Store", "StoreDamaged", "StoreError", "content_hash",
           "queries"]
