"""Facets: counts by outlet, type and month beside a filtered list, each one a way to narrow it.

Each function takes the WHERE clauses of the list it stands beside (`queries.quote_filters`,
`queries.event_filters`, `browse.article_filters`), so the counts are of exactly those rows.
"""

from __future__ import annotations

from typing import Any

from .queries import EVENT_DAY
from .writer import Store

TOP = 12


def _counts(store: Store, value: str, source: str, where: list[str], params: list[Any],
            top: int = TOP, order: str = "count DESC, value") -> list[dict[str, Any]]:
    sql = (f"SELECT {value} AS value, count(*) AS count FROM {source}"
           + " WHERE " + " AND ".join([*where, f"{value} IS NOT NULL"])
           + f" GROUP BY 1 ORDER BY {order} LIMIT ?")
    return [{"value": v, "count": c} for v, c in store.con.execute(sql, [*params, top]).fetchall()]


def quote_facets(store: Store, where: list[str], params: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Quotes by outlet, speaker type and month of publication."""
    source = "quotes q JOIN articles a USING (article_id)"
    return {"outlet": _counts(store, "a.outlet", source, where, params),
            "speaker_type": _counts(store, "q.speaker_type", source, where, params),
            "month": _counts(store, "strftime(a.published, '%Y-%m')", source, where, params, order="value DESC")}


def event_facets(store: Store, where: list[str], params: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Events by PLOVER type, outlet and month of the event."""
    source = "events e JOIN articles a USING (article_id)"
    return {"type": _counts(store, "e.type", source, where, params, top=16),
            "outlet": _counts(store, "a.outlet", source, where, params),
            "month": _counts(store, f"strftime({EVENT_DAY}, '%Y-%m')", source, where, params, order="value DESC")}


def article_facets(store: Store, where: list[str], params: list[Any]) -> dict[str, list[dict[str, Any]]]:
    """Articles by outlet, month and language."""
    source = "articles a"
    return {"outlet": _counts(store, "a.outlet", source, where, params),
            "month": _counts(store, "strftime(a.published, '%Y-%m')", source, where, params, order="value DESC"),
            "lang": _counts(store, "a.lang", source, where, params)}


def people_facets(people: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The people and other entities a name search found, by type (`queries.entities` rows)."""
    counts: dict[str, int] = {}
    for p in people:
        if p.get("type"):
            counts[p["type"]] = counts.get(p["type"], 0) + 1
    return {"entity_type": [{"value": k, "count": n} for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]}
