"""Writing analysis records into the DuckDB store, idempotently and in bulk.

Identity is by content: `article_id = content_hash(record)`, so ingesting the same article
twice changes nothing. Rows are inserted column-wise, one `INSERT ... SELECT UNNEST(?)`
statement per table and batch, because DuckDB's row-by-row `executemany` is two orders of
magnitude slower. Each batch is one transaction: it is stored whole or not at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import duckdb
import numpy as np

from jejak.dates import iso_day, local_time, parse_moment
from jejak.fingerprint.index import index_rows
from jejak.ingest.records import clean_field
from jejak.kb import default_kb
from jejak.kb.publishers import publisher

from .schema import (ARTICLE_COLUMNS, COLUMNS, INDEXES, MIGRATIONS, PROVENANCE_TABLES, SCHEMA_VERSION, TABLES, WATCH_TABLES,
                     StoreDamaged, StoreError, all_ddl, check_version, stored_record)

_WS = re.compile(r"\s+")
_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_cid$|mc_eid$|ref$|_ga$)")


def normalise_text(text: str) -> str:
    """NFC, whitespace runs folded to one space, trimmed: what the hash sees of the body."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def normalise_url(url: str | None) -> str:
    """A URL reduced to what names the page: no scheme, `www.`, fragment, tracking
    parameters or trailing slash, host in lower case."""
    if not url:
        return ""
    url = str(url).strip()
    try:
        parts = urlsplit(url if "://" in url else "//" + url)
        port = parts.port
    except ValueError:  # `javascript:alert(1)`, `host:abc/x`: not a page address; keep it as written
        return url.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if port:
        host = f"{host}:{port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)])
    path = parts.path.rstrip("/")
    return urlunsplit(("", host, path, query, "")).lstrip("/")


def content_hash(record: dict[str, Any]) -> str:
    """The article's identity: sha256 of the normalised clean text and normalised URL
    (128 bits as 32 hex digits).

    Text because re-ingesting the same page must change nothing, whatever its record id;
    URL too because a verbatim copy published by another outlet is a distinct article
    that provenance must keep. A page whose text later changes is stored as a new version.
    """
    h = hashlib.sha256()
    h.update(normalise_text(record.get("text") or "").encode("utf-8"))
    h.update(b"\x1f")
    h.update(normalise_url(record.get("url")).encode("utf-8"))
    return h.hexdigest()[:32]


@dataclass(slots=True)
class IngestStats:
    """What an ingest did: articles newly stored, those already there (or repeated), and the
    records the store refused, each as `id: reason` (the rest of their batch is stored)."""

    stored: int = 0
    duplicates: int = 0
    failed: list[str] = field(default_factory=list)
    alerts: int = 0  # raised by the store's watchlists on the new articles

    def __iadd__(self, other: IngestStats) -> IngestStats:
        self.stored += other.stored
        self.duplicates += other.duplicates
        self.failed.extend(other.failed)
        self.alerts += other.alerts
        return self


def _day(value: Any) -> date | None:
    """A DATE for `YYYY-MM-DD...` strings, None for coarser or missing values."""
    return iso_day(value)


def _outlet(rec: dict[str, Any]) -> str | None:
    """The publisher: the record's own `outlet` (the pipeline sets it from the URL), else read
    from its URL here; never the dateline's brand, which a copy takes from its source."""
    if "outlet" in rec:
        return _str(rec.get("outlet"))
    return publisher(rec.get("url"), default_kb())


def entity_key(ref: dict[str, Any] | None) -> str | None:
    """Entity identity across articles: its KB id, else TYPE:name."""
    if not ref or not ref.get("name"):
        return None
    return ref.get("kb_id") or f"{ref.get('type') or ''}:{ref['name']}"


def _pair(v: Any) -> tuple[Any, Any]:
    return (v[0], v[1]) if v else (None, None)


def _coerce(item: Any, source_text: str = "") -> tuple[dict[str, Any], str]:
    """Accept a record dict, an `Article`, or a `(record, source_text)` pair."""
    if isinstance(item, tuple):
        item, source_text = item
    if hasattr(item, "to_dict"):
        source_text = source_text or getattr(item, "source_text", "") or ""
        item = item.to_dict()
    if not isinstance(item, dict):
        raise StoreError(f"expected an analysis record (dict or Article), got {type(item).__name__}")
    if not isinstance(item.get("text"), str):
        raise StoreError(f"record {item.get('id')!r} has no 'text' string (the clean body)")
    return item, source_text or item.get("source_text") or ""


class _Batch:
    """Rows of one batch, collected as tuples per table and transposed at insert time."""

    def __init__(self) -> None:
        self.articles: list[tuple[Any, ...]] = []
        self.ids: list[str] = []
        self.rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in COLUMNS}

    def add(self, aid: str, rec: dict[str, Any], source_text: str, now: datetime) -> None:
        """Add one article's rows, all or none: a malformed record leaves the batch as it was."""
        marks = len(self.articles), {t: len(rows) for t, rows in self.rows.items()}
        try:
            self._add(aid, rec, source_text, now)
            self.ids.append(aid)
        except BaseException:
            del self.articles[marks[0]:]
            for table, mark in marks[1].items():
                del self.rows[table][mark:]
            raise

    def _add(self, aid: str, rec: dict[str, Any], source_text: str, now: datetime) -> None:
        text = rec["text"]
        dl = rec.get("dateline") or {}
        day, moment = _day(rec.get("published")), _moment(rec.get("published_at"))
        published = moment or (datetime(day.year, day.month, day.day) if day else None)  # as published_order()
        self.articles.append((
            aid, _str(rec.get("id")), rec.get("url"), rec.get("title"), _outlet(rec), dl.get("place"),
            day, rec.get("published_from"), rec.get("lang"), text,
            None if source_text in ("", text) else source_text, now,
            json.dumps({k: v for k, v in rec.items() if k != "text"}, ensure_ascii=False, default=str), moment,
            _str(dl.get("outlet")), _str(rec.get("author")), _str(rec.get("site_name")), _str(rec.get("canonical_url")),
        ))
        r = self.rows
        signature, buckets, facts = index_rows(aid, rec)
        r["signatures"].append(signature)
        r["lsh_buckets"].extend(buckets)
        r["facts"].extend(facts)
        r["sentences"].extend((aid, i, s[0], s[1]) for i, s in enumerate(rec.get("sentences") or ()))
        ents, ments = r["entities"], r["mentions"]
        local: dict[Any, str] = {}  # (type, name) and name -> key, to tie speakers to entities
        for e in rec.get("entities") or ():
            key = entity_key(e) or f"?:{len(ents)}"
            local.setdefault((e.get("type"), e["name"]), key)
            local.setdefault(e["name"], key)
            ents.append((aid, key, e["name"], e.get("type"), e.get("country"), e.get("kb_id"), _conf(e.get("confidence"))))
            words = [text[s:en] for s, en in (e.get("mentions") or ())]
            ments.extend((aid, key, s, en, w) for (s, en), w in zip(e.get("mentions") or (), words))
            r["aliases"].extend((aid, key, e.get("kb_id"), alias) for alias in sorted(set(words))
                                if alias and not _held_by(alias, e["name"]) and not _known_alias(alias, e.get("kb_id")))
        for i, q in enumerate(rec.get("quotes") or ()):
            sp = q.get("speaker") or {}
            skey = sp.get("kb_id") or local.get((sp.get("type"), sp.get("name"))) or local.get(sp.get("name")) \
                or entity_key(sp)
            r["quotes"].append((
                aid, i, q.get("kind"), q.get("text"), q.get("start"), q.get("end"), skey, sp.get("name"),
                sp.get("type"), sp.get("country"), sp.get("kb_id"), *_pair(q.get("speaker_span")),
                *_pair(q.get("cue")), q.get("via"), _conf(q.get("confidence")), published,
            ))
        r["times"].extend(
            (aid, i, t.get("text"), _str(t.get("value")), _day(t.get("value")), t.get("start"), t.get("end"),
             t.get("note"))
            for i, t in enumerate(rec.get("times") or ())
        )
        r["amounts"].extend(
            (aid, i, a.get("text"), a.get("value"), a.get("currency"), a.get("unit"), a.get("start"),
             a.get("end"), a.get("note"))
            for i, a in enumerate(rec.get("amounts") or ())
        )
        for i, ev in enumerate(rec.get("events") or ()):
            src, tgt, evd = ev.get("source") or {}, ev.get("target") or {}, ev.get("evidence") or ev
            trigger = ev.get("trigger") or (None, None)
            reporter = ev.get("reported_by") or {}
            spans = ev.get("evidence_spans")
            r["events"].append((
                aid, i, ev.get("type"), ev.get("mode"), src.get("name"), src.get("country"), src.get("kb_id"),
                tgt.get("name"), tgt.get("country"), tgt.get("kb_id"), ev.get("location"), _str(ev.get("date")),
                evd.get("start"), evd.get("end"), src.get("type"), src.get("sector"), tgt.get("type"),
                tgt.get("sector"), reporter.get("name"), trigger[0], trigger[1],
                json.dumps(spans) if spans else None, _conf(ev.get("confidence")),
                bool(src.get("described")), bool(tgt.get("described")) if tgt else None,
            ))
        r["indicators"].extend(
            (aid, i, x.get("kind"), x.get("text"), x.get("start"), x.get("end"), x.get("note"))
            for i, x in enumerate(rec.get("indicators") or ())
        )
        r["removals"].extend(
            (aid, i, x.get("kind"), x.get("text"), x.get("start"), x.get("end"), x.get("reason"))
            for i, x in enumerate(rec.get("removals") or ())
        )


def _held_by(alias: str, name: str) -> bool:
    """Whether a name already holds an alias in any case, so that a query matching part of the
    name finds it without an aliases row. Only plain ASCII is decided here: elsewhere Python's
    lower() and DuckDB's differ (`İ`), and a row too many costs nothing."""
    return alias.isascii() and name.isascii() and alias.lower() in name.lower()


def _known_alias(alias: str, kb_id: str | None) -> bool:
    """Whether the knowledge base already knows this name of a known entity, so that a query
    finds it through `known_ids` without an aliases row: `Jokowi` and `KPK` stand in thousands of
    articles, and reading a row per article made a speaker's page grow with the store. Plain
    ASCII only, as in `_held_by` (the knowledge base folds case as Python does, DuckDB not always)."""
    return bool(kb_id) and alias.isascii() and kb_id in default_kb().ids_named(alias)


def _drop_known_aliases(con: duckdb.DuckDBPyConnection) -> None:
    """Version 12 to 13: the aliases rows that `_known_alias` no longer writes are deleted."""
    pairs = con.execute("SELECT DISTINCT alias, kb_id FROM aliases WHERE kb_id IS NOT NULL").fetchall()
    known = [(alias, kb_id) for alias, kb_id in pairs if _known_alias(alias, kb_id)]
    if known:
        con.execute("DELETE FROM aliases WHERE (alias, kb_id) IN (SELECT UNNEST(?::VARCHAR[]), UNNEST(?::VARCHAR[]))",
                    [[a for a, _ in known], [k for _, k in known]])


def _moment(value: Any) -> datetime | None:
    """A stored publication moment (a WIB clock reading), or None."""
    moment = parse_moment(value)
    return local_time(moment) if moment is not None else None


def _str(v: Any) -> str | None:
    return None if v is None else str(v)


def _insert_sql(table: str, cols: tuple[tuple[str, str], ...]) -> str:
    names = ", ".join(f'"{c}"' for c, _ in cols)
    unnests = ", ".join(f"UNNEST(?::{t}[])" for _, t in cols)
    return f"INSERT INTO {table} ({names}) SELECT {unnests}"


_INSERT = {t: _insert_sql(t, cols) for t, cols in COLUMNS.items()}
_INSERT["articles"] = _insert_sql("articles", ARTICLE_COLUMNS)

#: The largest tables of plain columns that are never NULL, with the NumPy type of each column:
#: handed to DuckDB as arrays it scans in place, which is about 30 times faster than converting
#: lists of Python values (an article makes 64 bucket rows; they were the store writer's largest cost).
_ARRAY_TABLES: dict[str, tuple[Any, ...]] = {
    "lsh_buckets": (object, np.int16, np.uint64),
    "sentences": (object, np.int32, np.int32, np.int32),
    "facts": (object, object),
}
_ARRAY_VIEW = "jejak_bulk_rows"
_ARRAY_INSERT = {t: f"INSERT INTO {t} ({', '.join(chr(34) + c + chr(34) for c, _ in COLUMNS[t])}) "
                    f"SELECT {', '.join(f'c{i}' for i in range(len(COLUMNS[t])))} FROM {_ARRAY_VIEW}"
                 for t in _ARRAY_TABLES}


class Store:
    """A jejak DuckDB store: open it, add records, query through `jejak.store.queries`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool = False) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        #: What to do with alerts raised by a write whose watchlist has a webhook, after the commit;
        #: by default they are POSTed at once (`jejak.watch.webhook.deliver`); the server hands them to a thread.
        self.deliver: Callable[[Store, list[Any]], None] | None = None

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, read_only: bool = False, sandbox: bool = False,
             readable: Sequence[str | Path] = ()) -> Store:
        """Open (and, when writable and new, create) a store; refuse foreign, damaged or newer files.

        `sandbox` is for a connection that runs SQL a person wrote (`jejak sql`): DuckDB may then
        read only the store's own files and the folders in `readable`, and no statement can
        change that back. Other opens run only jejak's own SQL; the batch loader needs
        read_parquet() of shards wherever `--shards` put them, so they keep file access."""
        p = str(path)
        _check_file(p, read_only)
        try:
            con = duckdb.connect(p, read_only=read_only, config=dict(_CONNECT))
        except duckdb.Error as e:
            raise _open_error(p, e) from e
        try:
            cls._prepare(con, p, read_only)
            if sandbox:
                _sandbox(con, readable)
        except _NeedsMigration:
            # An older store opened for reading: upgrade it once with a writable connection.
            con.close()
            cls.open(p, read_only=False).close()
            return cls.open(p, read_only=True, sandbox=sandbox, readable=readable)
        except duckdb.Error as e:
            con.close()
            raise _open_error(p, e) from e
        except BaseException:
            con.close()
            raise
        return cls(con, p, read_only)

    @staticmethod
    def _prepare(con: duckdb.DuckDBPyConnection, path: str, read_only: bool) -> None:
        _refuse_code(con, path)
        tables = {r[0] for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
            " AND schema_name = 'main'").fetchall()}
        if "schema_version" in tables:
            found = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            check_version(found, path)
            if found < SCHEMA_VERSION:
                if read_only:
                    raise _NeedsMigration(found)
                _migrate(con, found)
            return
        if tables:
            raise StoreError(
                f"{path}: this DuckDB file holds other tables ({', '.join(sorted(tables)[:5])}) and is not a "
                "jejak store. Choose another file."
            )
        if read_only:
            raise StoreError(f"{path}: empty database, not a jejak store. Ingest into it first.")
        _stamp(con, all_ddl())

    def close(self) -> None:
        self.con.close()

    def load_in_bulk(self) -> None:
        """Settings for a connection that only loads, beside processes that analyse: one DuckDB
        thread (the other cores are theirs), and the log written into the file once, when the
        store closes (`BULK_CHECKPOINT`)."""
        self.con.execute("SET threads = 1")
        self.con.execute(f"SET checkpoint_threshold = '{BULK_CHECKPOINT}'")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------
    def add(self, record: dict[str, Any], source_text: str = "") -> bool:
        """Store one analysis record; False when the same article is already stored. A record
        the store cannot take raises StoreError with the reason."""
        stats = self._write([_coerce(record, source_text)])
        if stats.failed:
            raise StoreError(stats.failed[0])
        return stats.stored == 1

    def add_many(self, records: Iterable[Any], batch_size: int = 1000) -> IngestStats:
        """Store records (dicts, Articles or (record, source_text) pairs) in transactions of
        `batch_size`. A record the store cannot take is left out and named in `.failed`; it
        never takes the good records of its batch with it."""
        total = IngestStats()
        for chunk in _chunks(records, batch_size):
            items = []
            for x in chunk:
                try:
                    items.append(_coerce(x))
                except StoreError as e:
                    total.failed.append(str(e))
            total += self._write(items)
        return total

    def _write(self, items: list[tuple[dict[str, Any], str]]) -> IngestStats:
        """One transaction for the batch; when DuckDB refuses it, each record again in its own,
        so that only the record at fault is left out."""
        if self.read_only:
            raise StoreError(f"{self.path}: store opened read-only; open it without read_only to ingest.")
        stats = IngestStats()
        keyed: dict[str, tuple[dict[str, Any], str]] = {}
        for rec, src in items:
            try:
                aid = content_hash(rec)
            except (TypeError, ValueError, AttributeError) as e:
                stats.failed.append(_refusal(rec, e))
                continue
            if aid in keyed:
                stats.duplicates += 1
            else:
                keyed[aid] = (rec, src)
        if not keyed:
            return stats
        try:
            stats += self._insert(keyed)
        except duckdb.Error:
            if len(keyed) == 1:
                rec = next(iter(keyed.values()))[0]
                stats.failed.append(_refusal(rec, sys.exc_info()[1]))
                return stats
            for aid, item in keyed.items():  # find the record at fault; the others are stored
                stats += self._write([item])
        return stats

    def _insert(self, keyed: dict[str, tuple[dict[str, Any], str]]) -> IngestStats:
        stats = IngestStats()
        con = self.con
        con.begin()
        try:
            seen = {r[0] for r in con.execute(
                "SELECT article_id FROM articles WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))",
                [list(keyed)]).fetchall()}
            stats.duplicates += len(seen)
            batch = _Batch()
            now = datetime.now(timezone.utc).replace(tzinfo=None)
            for aid, (rec, src) in keyed.items():
                if aid not in seen:
                    try:
                        batch.add(aid, rec, src, now)
                    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as e:
                        stats.failed.append(_refusal(rec, e))
            if batch.articles:
                bulk_insert(con, "articles", batch.articles, len(ARTICLE_COLUMNS))
                for table in TABLES[1:]:
                    if batch.rows[table]:
                        bulk_insert(con, table, batch.rows[table], len(COLUMNS[table]))
                alerts = _raise_alerts(con, [(aid, keyed[aid][0]) for aid in batch.ids])
            else:
                alerts = []
            con.commit()
        except duckdb.Error as e:
            _rollback(con)
            if is_damage(e, self.path):
                raise damaged_error(self.path, e, "ingest failed and was rolled back") from e
            raise  # _write tries each record again in its own transaction
        except BaseException:
            _rollback(con)
            raise
        stats.stored = len(batch.articles)
        stats.alerts = len(alerts)
        if alerts:
            self.after_alerts(alerts)
        return stats

    def after_alerts(self, alerts: list[Any]) -> None:
        """Hand alerts of watchlists with a webhook to `self.deliver` once they are committed."""
        from jejak.watch.webhook import deliver, needs_delivery

        try:
            pending = needs_delivery(self, alerts)
            if pending:
                (self.deliver or deliver)(self, pending)
        except Exception as e:  # noqa: BLE001 - the articles are committed; a delivery never undoes or stops that
            print(f"jejak: alerts stored, but their webhook delivery failed: {e}", file=sys.stderr)

    # -- reading helpers -----------------------------------------------------------------
    def count(self, table: str) -> int:
        """Rows in one of the store's tables."""
        known = TABLES + PROVENANCE_TABLES + WATCH_TABLES
        if table not in known and table != "schema_version":
            raise StoreError(f"unknown table {table!r}; tables: {', '.join(known)}")
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def has(self, article_id: str) -> bool:
        """Whether an article with this content hash is stored."""
        return self.con.execute("SELECT 1 FROM articles WHERE article_id = ?", [article_id]).fetchone() is not None

    def get(self, article_id: str) -> dict[str, Any] | None:
        """The stored analysis record of one article, or None."""
        row = self.con.execute("SELECT record, text FROM articles WHERE article_id = ?", [article_id]).fetchone()
        return stored_record(*row) if row else None


def _raise_alerts(con: duckdb.DuckDBPyConnection, new: list[tuple[str, dict[str, Any]]]) -> list[Any]:
    """Match the store's watchlists against the records being stored and insert their alerts in
    the same transaction; the cost is one small read of the rules plus a pass over the new records."""
    from jejak.watch.rows import insert_alerts, matcher_of

    matcher = matcher_of(con)
    if not matcher or not matcher.on_records:
        return []
    alerts = []
    for aid, rec in new:
        try:
            alerts.extend(matcher.match(aid, rec))
        except (TypeError, ValueError, AttributeError, KeyError, IndexError):
            continue  # a record of an odd shape is stored; it raises no alert rather than losing its batch
    return insert_alerts(con, alerts)


def _refuse_code(con: duckdb.DuckDBPyConnection, path: str) -> None:
    """A store holds tables only. A view or macro in a file someone hands over would run its own
    SQL (`read_text('/etc/passwd')` behind a view named `articles`) in every command and in the
    server, so a file with any is refused before anything reads from it."""
    found = con.execute(
        "SELECT 'view ' || view_name FROM duckdb_views() WHERE NOT internal AND database_name = current_database()"
        " UNION ALL SELECT 'macro ' || function_name FROM duckdb_functions() WHERE NOT internal"
        " AND database_name = current_database() AND function_type IN ('macro', 'table_macro')"
        " UNION ALL SELECT 'sequence ' || sequence_name FROM duckdb_sequences() WHERE NOT temporary"
        " AND database_name = current_database() LIMIT 3").fetchall()
    if found:
        raise StoreError(f"{path}: this file defines {', '.join(r[0] for r in found)}; a jejak store holds tables "
                         "only, so it is not opened. Ingest into a new --db file.")


def _refusal(rec: Any, error: BaseException | None) -> str:
    """`id: reason` for a record the store left out."""
    rid = rec.get("id") if isinstance(rec, dict) else None
    return (f"{clean_field(rid) or '(no id)'}: not stored ({type(error).__name__}: {str(error)[:200]}); "
            "the rest of its batch is stored")


#: Every connection: DuckDB must never fetch or load an extension by itself. Given a SQLite file
#: it would download its SQLite extension; a store needs only what is built in (json, parquet, icu).
_CONNECT = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}

#: How much a bulk load logs before DuckDB writes it into the file. Each checkpoint rewrites the
#: column segments that later commits add to, and leaves the old blocks part filled or free: a
#: 2,000-article ingest checkpointed at DuckDB's default (16 MB) made an 18.4 MB file that holds
#: 11.8 MB and needed a rewrite; checkpointed once, when the store closes, it is 11.8 MB at once
#: (20,000 articles: 80.2 MB, against 80.5 MB rewritten), at the same peak memory. A load that
#: logs more checkpoints on the way; `jejak compact` gives back what that leaves.
BULK_CHECKPOINT = "1GB"

_SQLITE_MAGIC = b"SQLite format 3\x00"
_DUCKDB_MAGIC = b"DUCK"  # at byte 8, after the header's checksum
_LOCKED = re.compile(r"\block\b|conflicting lock", re.IGNORECASE)
#: What DuckDB says of a store file that is cut short or overwritten.
_DAMAGE = re.compile(r"could not read|not a valid duckdb|checksum|corrupt", re.IGNORECASE)


def _check_file(path: str, read_only: bool) -> None:
    """Refuse what cannot be a store before DuckDB sees it, with a message saying what it is."""
    if path == ":memory:":
        return
    p = Path(path)
    if not p.exists():
        if read_only:
            raise StoreError(f"{path}: no such store. Create it first with `jejak ingest ... --db {path}`.")
        if not p.absolute().parent.is_dir():
            raise StoreError(f"{path}: the folder {p.absolute().parent} does not exist; create it first.")
        return
    if p.is_dir():
        raise StoreError(f"{path} is a folder, not a store file; give the store's file with --db "
                         f"(e.g. {p / 'jejak.duckdb'}).")
    try:
        with p.open("rb") as f:
            head = f.read(16)
    except OSError as e:
        raise StoreError(f"{path}: cannot read the file ({e.strerror or e}); check its permissions.") from e
    if head.startswith(_SQLITE_MAGIC):
        raise StoreError(f"{path} is a SQLite database, not a jejak store (a DuckDB file); give a store with "
                         "--db, or a new file name to create one.")
    if not head:
        raise StoreError(f"{path} is an empty file, not a jejak store; delete it or give another file with --db.")
    if head[8:12] != _DUCKDB_MAGIC:
        raise StoreError(f"{path} is not a DuckDB file, so not a jejak store; give a store with --db, "
                         "or a new file name to create one.")


def _open_error(path: str, e: duckdb.Error) -> StoreError:
    """One line for a store DuckDB could not open: held by another process, or damaged."""
    detail = first_line(e)
    if _LOCKED.search(detail):
        return StoreError(f"{path}: cannot open the store: {detail}. It may be open in another process: DuckDB "
                          "allows one writer at a time.")
    if is_damage(e, path):
        return damaged_error(path, e, "cannot open the store")
    return StoreError(f"{path}: cannot open the store: {detail}.")


def is_damage(e: BaseException, path: str) -> bool:
    """Whether a DuckDB error says the store file itself is cut short or overwritten (and not, say,
    a Parquet file a query named)."""
    msg = str(e)
    if "corrupt database file" in msg.lower():
        return True
    names_store = path != ":memory:" and (f'"{os.path.abspath(path)}"' in msg or f'"{path}"' in msg)
    return names_store and _DAMAGE.search(msg) is not None


def damaged_error(path: str, e: BaseException, doing: str = "reading the store failed") -> StoreDamaged:
    """The one-line StoreDamaged for a DuckDB error about the store file, saying what to do."""
    return StoreDamaged(f"{path}: {doing}: {first_line(e)}. The file looks damaged (cut short or overwritten); "
                        "restore it from a backup, or ingest again into a new --db file.")


def first_line(e: BaseException) -> str:
    """An error's first line without its final full stop: DuckDB adds the query and a caret below."""
    msg = str(e).strip()
    return msg.splitlines()[0].rstrip(".") if msg else type(e).__name__


def _sandbox(con: duckdb.DuckDBPyConnection, readable: Sequence[str | Path]) -> None:
    """Let the connection read nothing but the store and `readable` folders, for good: external
    access off (DuckDB itself keeps the store, its WAL and temp folder allowed), then locked."""
    folders = sorted({f"{os.path.abspath(d)}{os.sep}" for d in readable if Path(d).is_dir()}
                     | {f"{Path(d).resolve()}{os.sep}" for d in readable if Path(d).is_dir()})
    if folders:
        con.execute("SET allowed_directories = ?", [folders])
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")


class _NeedsMigration(Exception):
    """An older store was opened read-only; `Store.open` upgrades it and opens it again."""


def _migrate(con: duckdb.DuckDBPyConnection, found: int) -> None:
    """Bring a store up to SCHEMA_VERSION, one version at a time, then create the tables that
    later versions added (every CREATE is IF NOT EXISTS)."""
    # DuckDB alters no table an index depends on: the indexes go first and come back with all_ddl().
    drop = [f"DROP INDEX IF EXISTS {name}" for name in INDEXES]
    steps = drop + [stmt for version in range(found, SCHEMA_VERSION) for stmt in MIGRATIONS[version]] + all_ddl()
    after = [step for since, step in ((5, _republish), (13, _drop_known_aliases)) if found < since]
    _stamp(con, steps, after=lambda c: [step(c) for step in after])


def _conf(value: Any) -> float | None:
    """A confidence from a record: a number in [0, 1], else None (records from before confidences)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0.0 <= value <= 1.0:
        return float(value)
    return None


def _republish(con: duckdb.DuckDBPyConnection) -> None:
    """Version 5: `outlet` becomes the publisher read from each URL (it was the dateline's brand
    first), and each story's outlet count is counted again with it."""
    urls = [u for (u,) in con.execute("SELECT DISTINCT url FROM articles WHERE url IS NOT NULL").fetchall()]
    kb = default_kb()
    con.execute("CREATE TEMP TABLE jejak_publishers (url VARCHAR, outlet VARCHAR)")
    if urls:
        con.execute("INSERT INTO jejak_publishers SELECT UNNEST(?::VARCHAR[]), UNNEST(?::VARCHAR[])",
                    [urls, [publisher(u, kb) for u in urls]])
    con.execute("UPDATE articles SET outlet = p.outlet FROM jejak_publishers p WHERE articles.url = p.url")
    con.execute("UPDATE articles SET outlet = NULL WHERE url IS NULL")
    con.execute("DROP TABLE jejak_publishers")
    con.execute("UPDATE stories SET outlets = (SELECT count(DISTINCT a.outlet) FROM story_articles sa "
                "JOIN articles a USING (article_id) WHERE sa.story_id = stories.story_id)")


def _stamp(con: duckdb.DuckDBPyConnection, statements: list[str], after=None) -> None:
    """Run schema statements (then `after(con)`, a migration step in Python) and record
    SCHEMA_VERSION in one transaction: all or nothing."""
    con.begin()
    try:
        for stmt in statements:
            con.execute(stmt)
        if after is not None:
            after(con)
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [SCHEMA_VERSION])
        con.commit()
    except BaseException:
        con.rollback()
        raise


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All statements inside commit together or not at all; the first error is the one raised."""
    con.begin()
    try:
        yield con
        con.commit()
    except BaseException:
        _rollback(con)
        raise


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back, tolerating a transaction DuckDB already aborted (e.g. a failed commit)."""
    try:
        con.rollback()
    except duckdb.Error:
        pass


def bulk_insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]], ncols: int) -> None:
    """One INSERT for all rows of a store table: transpose tuples into column lists, UNNEST them
    in SQL (row-by-row inserts are two orders of magnitude slower in DuckDB)."""
    cols = [list(c) for c in zip(*rows)]
    if len(cols) != ncols:
        raise ValueError(f"{table}: rows have {len(cols)} columns, expected {ncols}")
    arrays = _as_arrays(cols, _ARRAY_TABLES.get(table))
    if arrays is None:
        con.execute(_INSERT[table], cols)
        return
    con.register(_ARRAY_VIEW, arrays)
    try:
        con.execute(_ARRAY_INSERT[table])
    finally:
        try:
            con.unregister(_ARRAY_VIEW)
        except duckdb.Error:
            pass  # an aborted transaction refuses it; the error that aborted it is the one to raise


def _as_arrays(cols: list[list[Any]], types: tuple[Any, ...] | None) -> dict[str, np.ndarray] | None:
    """The columns as NumPy arrays of their table's types, or None where a value does not fit one
    (a missing, fractional or too large number): those rows go the slower way, which refuses a bad
    record alone and keeps the rest of its batch."""
    if types is None:
        return None
    out: dict[str, np.ndarray] = {}
    for i, (col, kind) in enumerate(zip(cols, types)):
        if kind is object:
            if any(not isinstance(v, str) for v in col):
                return None
            out[f"c{i}"] = np.array(col, dtype=object)
            continue
        if any(type(v) is not int for v in col):
            return None
        limits = np.iinfo(kind)
        if col and (min(col) < limits.min or max(col) > limits.max):
            return None
        out[f"c{i}"] = np.array(col, dtype=kind)
    return out


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    size = max(1, size)
    chunk: list[Any] = []
    for x in items:
        chunk.append(x)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
