"""The few read-side questions the dashboard asks that `jejak.store` does not answer itself.

Every user value is a bound parameter, as in `jejak.store.queries`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from jejak.store import Store
from jejak.store.browse import context_of
from jejak.store.queries import _ACTOR_KEY, EVENT_DAY, _dicts, event_filters

def trace_view(trace: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """What the paste page shows of a pasted text's trace (`jejak.provenance.trace.trace_file`):
    the likely original in the store, the related articles, and each copy's or sibling's
    differences in context; the pasted text is `this text`."""
    me = trace["article"]["article_id"]
    briefs = {r["article_id"]: r for r in trace["related"]}

    def label(aid: str) -> str:
        if aid == me:
            return "this text"
        r = briefs.get(aid, {})
        return r.get("outlet") or r.get("input_id") or aid[:12]

    changes = []
    for c in trace["changes"]:
        a, b = c["original"], c["copy"]
        changes.append({"siblings": bool(c.get("siblings")), "first": label(a), "second": label(b), "distortions": [
            dict(d, original_context=context_of(texts.get(a, ""), d["original_start"], d["original_end"]),
                 copy_context=context_of(texts.get(b, ""), d["copy_start"], d["copy_end"]))
            for d in c["distortions"]]})
    original = trace.get("original")
    return {"original": None if not original or original.get("article_id") == me else original,
            "original_is_this": bool(original and original.get("article_id") == me),
            "related": trace["related"], "changes": changes}


def known_entities(store: Store, keys: list[str]) -> set[str]:
    """Which of `keys` name an entity of the store (so a link to its page will not 404)."""
    keys = sorted({k for k in keys if k})
    if not keys:
        return set()
    rows = store.con.execute(
        "SELECT DISTINCT entity_key FROM entities WHERE entity_key IN (SELECT UNNEST(?::VARCHAR[]))", [keys])
    return {r[0] for r in rows.fetchall()}


def top_speakers(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    """The most quoted speakers with their entity key, most quotes first."""
    return _dicts(store.con.execute(
        "SELECT speaker_key AS entity_key, mode(speaker_name) AS name, mode(speaker_type) AS type,"
        " count(*) AS quotes, count(DISTINCT article_id) AS articles"
        " FROM quotes WHERE speaker_key IS NOT NULL GROUP BY speaker_key"
        " ORDER BY quotes DESC, name, entity_key LIMIT ?", [int(limit)]))


_ACT = ("coalesce(s.story_id, 'article:' || e.article_id) || '|' || e.type || '|' || coalesce(e.mode, '') || '|' || "
        f"{_ACTOR_KEY.format(side='source')} || '|' || coalesce({_ACTOR_KEY.format(side='target')}, '')")
_STORY_OF = " LEFT JOIN (SELECT article_id, min(story_id) AS story_id FROM story_articles GROUP BY 1) s USING (article_id)"


def events_per_day(store: Store, actor: str | None = None, type: str | None = None, mode: str | None = None,
                   since: date | str | None = None, until: date | str | None = None,
                   outlet: str | None = None) -> list[dict[str, Any]]:
    """How many acts of each PLOVER type fall on each day, under the filters of `queries.events`:
    an act reported by several articles of one story counts once (on its first day); days without
    a date are left out."""
    where, params = event_filters(actor, type, mode, since, until, outlet=outlet)
    where.append(f"{EVENT_DAY} IS NOT NULL")
    return _dicts(store.con.execute(
        f"SELECT day, type, count(*) AS events FROM (SELECT {_ACT} AS act, min({EVENT_DAY}) AS day, any_value(e.type) AS type"
        " FROM events e JOIN articles a USING (article_id)" + _STORY_OF
        + " WHERE " + " AND ".join(where) + " GROUP BY 1) GROUP BY 1, 2 ORDER BY 1, 2", params))


def act_count(store: Store, actor: str | None = None, type: str | None = None, mode: str | None = None,
              since: date | str | None = None, until: date | str | None = None, outlet: str | None = None) -> int:
    """How many acts (see `queries.acts`) match the filters of `queries.events`."""
    where, params = event_filters(actor, type, mode, since, until, outlet=outlet)
    sql = f"SELECT count(DISTINCT {_ACT}) FROM events e JOIN articles a USING (article_id)" + _STORY_OF
    return store.con.execute(sql + (" WHERE " + " AND ".join(where) if where else ""), params).fetchone()[0]


def event_count(store: Store, actor: str | None = None, type: str | None = None, mode: str | None = None,
                since: date | str | None = None, until: date | str | None = None, outlet: str | None = None) -> int:
    """How many events match the filters of `queries.events`."""
    where, params = event_filters(actor, type, mode, since, until, outlet=outlet)
    sql = "SELECT count(*) FROM events e JOIN articles a USING (article_id)"
    return store.con.execute(sql + (" WHERE " + " AND ".join(where) if where else ""), params).fetchone()[0]


def event_types(store: Store) -> list[str]:
    """The PLOVER types present in the store, for the filter's choices."""
    return [r[0] for r in store.con.execute(
        "SELECT DISTINCT type FROM events WHERE type IS NOT NULL ORDER BY type").fetchall()]
