"""Provenance documents of stored articles, read back from the store.

The linker, the story builder and `jejak trace` all start from stored articles; this is the one
place that turns their rows into `ProvDoc`s, so that none of them has to import another for it.
"""

from __future__ import annotations

from collections.abc import Iterable

from jejak.provenance.document import ProvDoc
from jejak.store.schema import stored_record
from jejak.store.writer import Store


def load_docs(store: Store, ids: Iterable[str]) -> dict[str, ProvDoc]:
    """Provenance documents of stored articles, keyed by article_id."""
    ids = list(dict.fromkeys(ids))
    out: dict[str, ProvDoc] = {}
    for start in range(0, len(ids), 5000):
        rows = store.con.execute(
            "SELECT article_id, record, text, outlet, published_at FROM articles "
            "WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))", [ids[start:start + 5000]]).fetchall()
        for aid, record, text, outlet, published_at in rows:
            rec = stored_record(record, text)
            doc = ProvDoc.from_record(rec, outlet=outlet, published_at=published_at)
            doc.id = aid
            out[aid] = doc
    return out
