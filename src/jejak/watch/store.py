"""The alerts table: matching rules read from the store, alerts written and read back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from typing import Any

import duckdb

from jejak.store.schema import StoreError, published_order, stored_record
from jejak.store.writer import Store, transaction

from .matcher import Alert, Matcher
from .rows import insert_alerts
from .rules import Rule

_AGO = re.compile(r"(\d{1,4})\s*([dh])")


def _day(value: Any, what: str, now: datetime | None = None) -> datetime | None:
    """A moment (UTC) from a date, a date and time, `today`, `yesterday`, or `2d` / `12h` ago."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip().lower()
    now = now or datetime.now(timezone.utc).replace(tzinfo=None)
    midnight = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if text in ("today", "hari ini"):
        return midnight
    if text in ("yesterday", "kemarin"):
        return midnight - timedelta(days=1)
    ago = _AGO.fullmatch(text)
    if ago:
        n, unit = int(ago.group(1)), ago.group(2)
        return now - (timedelta(days=n) if unit == "d" else timedelta(hours=n))
    try:
        return datetime.fromisoformat(text.upper() if "t" in text else text)
    except ValueError as e:
        raise StoreError(f"{what}={value!r} is not a date or time; use YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, "
                         "yesterday, or an age such as 2d or 12h.") from e


def alert_filters(since: Any = None, watch: str | None = None, kind: str | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses and parameters over `alerts al` for the filters of `alerts` (its facets use the same)."""
    where: list[str] = []
    params: list[Any] = []
    if watch:
        where.append("al.watch = ?")
        params.append(watch)
    if kind:
        where.append("al.kind = ?")
        params.append(kind)
    moment = _day(since, "since")
    if moment is not None:
        where.append("al.raised_at >= ?")
        params.append(moment)
    return where, params


def alert_counts(store: Store, column: str, **filters: Any) -> list[dict[str, Any]]:
    """Alerts under the filters counted by `kind` or `watch`, most first."""
    if column not in ("kind", "watch"):
        raise ValueError(column)
    where, params = alert_filters(**filters)
    sql = (f"SELECT al.{column}, count(*) FROM alerts al" + (" WHERE " + " AND ".join(where) if where else "")
           + " GROUP BY 1 ORDER BY 2 DESC, 1")
    return [{"value": v, "count": n} for v, n in store.con.execute(sql, params).fetchall()]


def alerts_per_day(store: Store, **filters: Any) -> list[tuple[Any, str, int]]:
    """(day of publication, watchlist, alerts) under the filters, for a chart."""
    where, params = alert_filters(**filters)
    return store.con.execute(
        "SELECT a.published, al.watch, count(*) FROM alerts al JOIN articles a USING (article_id)"
        " WHERE " + " AND ".join(["a.published IS NOT NULL", *where]) + " GROUP BY 1, 2", params).fetchall()


def alerts(store: Store, since: Any = None, watch: str | None = None, kind: str | None = None,
           limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Alerts, newest raised first, each with its article's title, outlet and date. `since` is
    when they were raised (a day or a moment, UTC)."""
    where, params = alert_filters(since, watch, kind)
    sql = ("SELECT al.alert_id, al.raised_at, al.watch, al.rule_no, al.kind, al.headline, al.evidence, al.confidence,"
           ' al.article_id, al.start, al."end", al.original, a.published, a.outlet, a.title, a.url, al.delivered'
           " FROM alerts al LEFT JOIN articles a USING (article_id)"
           + (" WHERE " + " AND ".join(where) if where else "")
           + f" ORDER BY al.raised_at DESC, {published_order('a')} DESC NULLS LAST, al.alert_id LIMIT ? OFFSET ?")
    cur = store.con.execute(sql, [*params, 2**62 if limit is None else max(0, int(limit)), max(0, int(offset or 0))])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _stored_records(store: Store, chunk: int = 500) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    cur = store.con.cursor()
    try:
        cur.execute("SELECT article_id, record, text FROM articles ORDER BY article_id")
        while rows := cur.fetchmany(chunk):
            yield [(aid, stored_record(rec, text)) for aid, rec, text in rows]
    finally:
        cur.close()


def backfill(store: Store, watch: str) -> int:
    """Match one watchlist against every stored article and distortion (a new watchlist looks
    back only when asked: this reads the whole store). Returns the alerts raised."""
    rules = [(w, n, Rule(k, v, a, c, p)) for w, n, k, v, a, c, p in store.con.execute(
        "SELECT watch, rule_no, kind, value, actor, min_confidence, place FROM watch_rules WHERE watch = ?"
        " ORDER BY rule_no", [watch]).fetchall()]
    if not rules:
        raise StoreError(f"no watchlist {watch!r} in this store; `jejak watch list` shows them")
    matcher = Matcher(rules)
    found: list[Alert] = []
    if matcher.on_records:
        for chunk in _stored_records(store):
            for aid, rec in chunk:
                try:
                    found.extend(matcher.match(aid, rec))
                except (TypeError, ValueError, AttributeError, KeyError, IndexError):
                    continue
    if matcher.distortion:
        found.extend(matcher.match_distortions(store.con.execute(
            "SELECT original, copy, distortion_no, kind, original_start, original_end, original_text, copy_start,"
            " copy_end, copy_text, note, band, doubt, confidence FROM distortions").fetchall()))
    with transaction(store.con) as con:
        fresh = insert_alerts(con, found)
    if fresh:
        store.after_alerts(fresh)
    return len(fresh)
