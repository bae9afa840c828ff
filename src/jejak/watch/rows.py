"""The alerts table at the level of a DuckDB connection: the rules compiled, alerts inserted
inside the writer's own transaction. Nothing here imports the store's writer, which calls it."""

from __future__ import annotations

from typing import Any

import duckdb

from jejak.store.schema import COLUMNS, stored_record

from .matcher import Alert, Matcher
from .rules import Rule

_COLS = COLUMNS["alerts"]
_INSERT = (f"INSERT INTO alerts ({', '.join(chr(34) + c + chr(34) for c, _ in _COLS)}) "
           f"SELECT {', '.join(f'UNNEST(?::{t}[])' for _, t in _COLS)} ON CONFLICT DO NOTHING")
_compiled: dict[tuple[Any, ...], Matcher] = {}


def matcher_of(con: duckdb.DuckDBPyConnection) -> Matcher:
    """The store's rules, compiled (kept while the rules stay the same)."""
    rows = tuple(con.execute("SELECT watch, rule_no, kind, value, actor, min_confidence, place FROM watch_rules "
                             "ORDER BY watch, rule_no").fetchall())
    if rows not in _compiled:
        if len(_compiled) > 16:
            _compiled.clear()
        _compiled[rows] = Matcher([(w, n, Rule(k, v, a, c, p)) for w, n, k, v, a, c, p in rows])
    return _compiled[rows]


def insert_alerts(con: duckdb.DuckDBPyConnection, alerts: list[Alert]) -> list[Alert]:
    """Store alerts not raised before (by alert_id); returns the new ones."""
    unique: dict[str, Alert] = {}
    for a in alerts:
        unique.setdefault(a.alert_id, a)
    if not unique:
        return []
    seen = {r[0] for r in con.execute("SELECT alert_id FROM alerts WHERE alert_id IN (SELECT UNNEST(?::VARCHAR[]))",
                                      [list(unique)]).fetchall()}
    fresh = [a for k, a in unique.items() if k not in seen]
    if fresh:
        con.execute(_INSERT, [list(c) for c in zip(*(a.row() for a in fresh))])
    return fresh


def alerts_for_stored(con: duckdb.DuckDBPyConnection, ids: list[str], chunk: int = 500) -> list[Alert]:
    """Match the watchlists against articles just stored by another path (the batch loader
    inserts shards in SQL): their records are read back, only theirs. Inside the caller's transaction."""
    matcher = matcher_of(con)
    if not matcher or not matcher.on_records or not ids:
        return []
    found: list[Alert] = []
    for i in range(0, len(ids), chunk):
        for aid, rec, text in con.execute("SELECT article_id, record, text FROM articles WHERE article_id IN "
                                          "(SELECT UNNEST(?::VARCHAR[]))", [ids[i:i + chunk]]).fetchall():
            try:
                found.extend(matcher.match(aid, stored_record(rec, text)))
            except (TypeError, ValueError, AttributeError, KeyError, IndexError):
                continue
    return insert_alerts(con, found)
