"""Counts over time: an entity's or a watchlist's mentions, quotes, events and alerts per day,
two entities side by side, and the week's top movers.

Rows come back long (`day`, `series`, `measure`, `count`): one shape for CSV, JSON and charts.
The day is the article's publication date (events: the event's own date when it has one);
articles without a date are left out of trends.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from .queries import EVENT_DAY, _date_bounds, _day, _dicts, event_filters, name_match, quote_filters
from .schema import StoreError
from .writer import Store

BY = ("outlet", "type")
MEASURES = ("mentions", "quotes", "events")


def _check_by(by: str) -> str:
    if by not in BY:
        raise StoreError(f"by={by!r}: trends are split by one of {', '.join(BY)}")
    return by


def entity_trend(store: Store, name: str, by: str = "outlet", since: date | str | None = None,
                 until: date | str | None = None, min_confidence: float | None = None) -> list[dict[str, Any]]:
    """Per day, an entity's mentions, the quotes it gave and the events it took part in; `by`
    outlet (series = outlet) or type (series = the measure, events by PLOVER type)."""
    _check_by(by)
    if not (name or "").strip():
        raise StoreError("name the entity to follow (a name, an alias or a kb id)")
    outlet = by == "outlet"
    # mentions: every mention of every entity row the name matches
    clause, params = name_match("tm", "e.name", "e.entity_key", "e.kb_id", "e.article_id", name)
    where, more = [clause], list(params)
    if min_confidence is not None:
        where.append("e.confidence >= ?")
        more.append(float(min_confidence))
    _date_bounds(where, more, "a.published", since, until)
    rows = _daily(store, "mentions", "a.published", "a.outlet" if outlet else "'mentions'",
                  "entities e JOIN mentions m USING (article_id, entity_key) JOIN articles a USING (article_id)",
                  where, more)
    where, more = quote_filters(speaker=name, since=since, until=until, min_confidence=min_confidence)
    rows += _daily(store, "quotes", "a.published", "a.outlet" if outlet else "'quotes'",
                   "quotes q JOIN articles a USING (article_id)", where, more)
    where, more = event_filters(actor=name, since=since, until=until, min_confidence=min_confidence)
    rows += _daily(store, "events", EVENT_DAY, "a.outlet" if outlet else "e.type",
                   "events e JOIN articles a USING (article_id)", where, more)
    return _sorted(rows)


def watch_trend(store: Store, watch: str, by: str = "outlet", since: date | str | None = None,
                until: date | str | None = None) -> list[dict[str, Any]]:
    """Per day, the alerts a watchlist raised, by outlet or by rule kind (`type`)."""
    _check_by(by)
    if store.con.execute("SELECT count(*) FROM watchlists WHERE name = ?", [watch]).fetchone()[0] == 0:
        raise StoreError(f"no watchlist {watch!r} in this store; `jejak watch list` shows them")
    where, params = ["al.watch = ?"], [watch]
    _date_bounds(where, params, "a.published", since, until)
    return _sorted(_daily(store, "alerts", "a.published", "a.outlet" if by == "outlet" else "al.kind",
                          "alerts al JOIN articles a USING (article_id)", where, params))


def compare(store: Store, names: list[str], since: date | str | None = None,
            until: date | str | None = None) -> list[dict[str, Any]]:
    """Entities side by side: per day, each one's mentions, quotes and events (series = the name as asked)."""
    if not 2 <= len(names) <= 6:
        raise StoreError("compare two to six entities")
    rows: list[dict[str, Any]] = []
    for name in names:
        per: dict[tuple[Any, str], int] = {}
        for r in entity_trend(store, name, by="type", since=since, until=until):
            per[(r["day"], r["measure"])] = per.get((r["day"], r["measure"]), 0) + r["count"]
        rows += [{"day": d, "series": name, "measure": m, "count": c} for (d, m), c in per.items()]
    return _sorted(rows)


def last_day(store: Store) -> date | None:
    """The latest publication date in the store: "this week" ends there on an archive."""
    return store.con.execute("SELECT max(published) FROM articles").fetchone()[0]


def movers(store: Store, days: int = 7, top: int = 10, until: date | str | None = None,
           min_confidence: float | None = None) -> list[dict[str, Any]]:
    """The entities whose articles grew most in the last `days` days against the `days` before
    (ending at `until`, else the store's latest day): `now`, `before`, `change`, `ratio`."""
    if not 1 <= days <= 366:
        raise StoreError("days is between 1 and 366")
    end = _day(until, "until") if until else last_day(store)
    if end is None:
        return []
    try:
        start = end - timedelta(days=days - 1)
        before = start - timedelta(days=days)
    except OverflowError:
        raise StoreError(f"until={end.isoformat()} leaves no room for two periods of {days} days before it") from None
    params: list[Any] = [start, start, before, end]
    conf = ""
    if min_confidence is not None:
        conf = " AND e.confidence >= ?"
        params.append(float(min_confidence))
    rows = _dicts(store.con.execute(
        "SELECT e.entity_key AS key, any_value(e.name) AS name, any_value(e.type) AS type,"
        " count(DISTINCT CASE WHEN a.published >= ? THEN a.article_id END) AS now,"
        " count(DISTINCT CASE WHEN a.published < ? THEN a.article_id END) AS before"
        " FROM entities e JOIN articles a USING (article_id)"
        f" WHERE a.published BETWEEN ? AND ?{conf} GROUP BY e.entity_key", params))
    for r in rows:
        r["change"] = r["now"] - r["before"]
        r["ratio"] = round((r["now"] + 1) / (r["before"] + 1), 3)
        r["since"], r["until"] = start, end
    rows = [r for r in rows if r["change"] > 0]
    rows.sort(key=lambda r: (-r["change"], -r["ratio"], r["name"] or ""))
    return rows[:max(1, int(top))]


def display_name(store: Store, name: str) -> str:
    """How to show what a person asked for: an entity's own name for its key or kb id, else as typed."""
    row = store.con.execute("SELECT mode(name) FROM entities WHERE entity_key = ? OR kb_id = ?", [name, name]).fetchone()
    return row[0] if row and row[0] else name


def _daily(store: Store, measure: str, day: str, series: str, source: str, where: list[str],
           params: list[Any]) -> list[dict[str, Any]]:
    """One measure counted per day and series over `source` under the filters (dated rows only)."""
    return _dicts(store.con.execute(
        f"SELECT {day} AS day, coalesce({series}, '?') AS series, '{measure}' AS measure, count(*) AS count"
        f" FROM {source} WHERE {day} IS NOT NULL AND {' AND '.join(where) or 'true'} GROUP BY ALL", params))


def _sorted(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: (r["day"], r["measure"], str(r["series"])))
