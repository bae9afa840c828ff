"""Read-side questions for browsing a store (the API and dashboard): article search, one
article with everything about it, one entity with its quotes over time, one story.

Like `queries`, every user value is a bound parameter and rows come back as dicts. Sorts end
on a unique column so that pages (`limit`, `offset`) never repeat or skip a row.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from .queries import _ACTOR_KEY, EVENT_DAY, _date_bounds, _dicts, _limit, _offset
from .schema import published_order, stored_record
from .story_queries import article_brief, find_article, story_of
from .writer import Store

#: How many quotes about an entity and events it took part in its page lists (newest first).
ABOUT_ROWS = 50


def article_filters(q: str | None = None, outlet: str | None = None, since: date | str | None = None,
                    until: date | str | None = None, exact_outlet: bool = False) -> tuple[list[str], list[Any]]:
    """WHERE clauses and parameters over `articles a` for the filters of `articles` (and its facets).
    `outlet` matches part of the name, or the whole name with `exact_outlet` (a facet's value)."""
    where: list[str] = []
    params: list[Any] = []
    if q:
        where.append("(contains(lower(a.title), lower(?)) OR contains(lower(a.text), lower(?)))")
        params += [q, q]
    if outlet:
        where.append("a.outlet = ?" if exact_outlet else "contains(lower(a.outlet), lower(?))")
        params.append(outlet)
    _date_bounds(where, params, "a.published", since, until)
    return where, params


def articles(store: Store, q: str | None = None, outlet: str | None = None, since: date | str | None = None,
             until: date | str | None = None, limit: int | None = 50, offset: int = 0,
             exact_outlet: bool = False) -> list[dict[str, Any]]:
    """Articles whose title or text contains `q` (any case), newest first, with quote counts."""
    where, params = article_filters(q, outlet, since, until, exact_outlet)
    sql = (
        "WITH page AS (SELECT a.article_id, a.input_id, a.title, a.outlet, a.published, a.published_at, a.url, a.lang,"
        " substr(a.text, 1, 240) AS snippet FROM articles a" + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {published_order('a')} DESC NULLS LAST, a.article_id LIMIT ? OFFSET ?)"
        " SELECT p.article_id, p.input_id, p.title, p.outlet, p.published, p.url, p.lang,"
        " (SELECT count(*) FROM quotes q WHERE q.article_id = p.article_id) AS quotes, p.snippet"
        f" FROM page p ORDER BY {published_order('p')} DESC NULLS LAST, p.article_id"
    )
    return _dicts(store.con.execute(sql, [*params, _limit(limit), _offset(offset)]))


def article(store: Store, ref: str) -> dict[str, Any]:
    """One article: its metadata, its full analysis record, the removed source spans, and its
    story (if any). Raises StoreError when no article matches `ref`."""
    aid = find_article(store, ref)
    row = _dicts(store.con.execute(
        "SELECT article_id, input_id, title, outlet, published, published_at, url, lang, text, source_text, record"
        " FROM articles WHERE article_id = ?", [aid]))[0]
    row["record"] = stored_record(row["record"], row["text"])
    if row["source_text"] is None:  # kept once: the text was not changed by cleaning
        row["source_text"] = row["text"]
    row["story"] = story_of(store, aid)
    return row


def entity(store: Store, key: str, limit: int | None = 200, offset: int = 0) -> dict[str, Any] | None:
    """One entity (by entity_key or kb_id): its names, its quotes over time with their outlets,
    a per-day timeline of quotes and mentions, what others said about it (quotes that mention
    it) and the events it took part in (as source or target)."""
    con = store.con
    found = _dicts(con.execute(
        "SELECT entity_key, mode(name) AS name, mode(type) AS type, mode(country) AS country,"
        " any_value(kb_id) AS kb_id, count(DISTINCT article_id) AS articles"
        " FROM entities WHERE entity_key = ? OR kb_id = ? GROUP BY entity_key", [key, key]))
    if not found:  # a speaker the recogniser did not list as an entity of the article
        found = _dicts(con.execute(
            "SELECT speaker_key AS entity_key, mode(speaker_name) AS name, mode(speaker_type) AS type,"
            " mode(speaker_country) AS country, any_value(speaker_kb_id) AS kb_id,"
            " count(DISTINCT article_id) AS articles FROM quotes WHERE speaker_key = ? GROUP BY speaker_key", [key]))
    if not found:
        return None
    ent = found[0]
    k = ent["entity_key"]
    ent["names"] = [r[0] for r in con.execute(
        "SELECT name FROM entities WHERE entity_key = ? GROUP BY name ORDER BY count(*) DESC, name", [k]).fetchall()]
    ent["quotes"] = _dicts(con.execute(
        "SELECT a.published, a.outlet, a.title, q.article_id, a.input_id, q.quote_no, q.kind, q.text AS quote, q.confidence"
        " FROM quotes q JOIN articles a USING (article_id) WHERE q.speaker_key = ?"
        f" ORDER BY {published_order('a')} DESC NULLS LAST, q.article_id, q.quote_no LIMIT ? OFFSET ?",
        [k, _limit(limit), _offset(offset)]))
    ent["quote_count"] = con.execute("SELECT count(*) FROM quotes WHERE speaker_key = ?", [k]).fetchone()[0]
    about = ("FROM quotes q JOIN articles a USING (article_id) WHERE (q.speaker_key IS NULL OR q.speaker_key <> ?)"
             " AND EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id AND m.entity_key = ?"
             '  AND m.start >= q.start AND m."end" <= q."end")')
    ent["said_about"] = _dicts(con.execute(
        "SELECT a.published, a.outlet, a.title, q.article_id, a.input_id, q.quote_no, q.kind, q.text AS quote,"
        ' q.confidence, q.speaker_name AS speaker, q.speaker_key, q.start, q."end" ' + about
        + f" ORDER BY {published_order('a')} DESC NULLS LAST, q.article_id, q.quote_no LIMIT ?", [k, k, ABOUT_ROWS]))
    ent["said_about_count"] = con.execute("SELECT count(*) " + about, [k, k]).fetchone()[0]
    took_part = (f"FROM events e JOIN articles a USING (article_id) WHERE {_ACTOR_KEY.format(side='source')} = ?"
                 f" OR {_ACTOR_KEY.format(side='target')} = ?")
    ent["events"] = _dicts(con.execute(
        "SELECT e.date, a.published, e.type, e.mode, e.confidence, e.source_name AS source, e.target_name AS target,"
        ' e.source_kb_id, e.target_kb_id, substr(a.text, e.start + 1, e."end" - e.start) AS evidence, e.article_id,'
        f' a.outlet, a.title, e.start, e."end", {_ACTOR_KEY.format(side="source")} = ? AS as_source ' + took_part
        + f" ORDER BY {EVENT_DAY} DESC NULLS LAST, e.article_id, e.event_no LIMIT ?", [k, k, k, ABOUT_ROWS]))
    ent["event_count"] = con.execute("SELECT count(*) " + took_part, [k, k]).fetchone()[0]
    ent["timeline"] = _dicts(con.execute(
        "WITH q AS (SELECT a.published AS day, count(*) AS quotes FROM quotes q JOIN articles a USING (article_id)"
        "           WHERE q.speaker_key = ? AND a.published IS NOT NULL GROUP BY 1),"
        " m AS (SELECT a.published AS day, count(*) AS mentions FROM mentions m JOIN articles a USING (article_id)"
        "       WHERE m.entity_key = ? AND a.published IS NOT NULL GROUP BY 1)"
        " SELECT coalesce(q.day, m.day) AS day, coalesce(q.quotes, 0) AS quotes, coalesce(m.mentions, 0) AS mentions"
        " FROM q FULL OUTER JOIN m ON q.day = m.day ORDER BY day", [k, k]))
    ent["outlets"] = _dicts(con.execute(
        "SELECT a.outlet, count(*) AS quotes FROM quotes q JOIN articles a USING (article_id)"
        " WHERE q.speaker_key = ? GROUP BY a.outlet ORDER BY quotes DESC, a.outlet", [k]))
    return ent


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story: its members in publication order and, for each copy, the distortions against
    its original with the sentences around them."""
    row = _dicts(store.con.execute("SELECT * FROM stories WHERE story_id = ?", [story_id]))
    if not row:
        return None
    first = store.con.execute("SELECT article_id FROM story_articles WHERE story_id = ? LIMIT 1",
                              [story_id]).fetchone()
    found = story_of(store, first[0]) if first else dict(row[0], members=[])
    texts = dict(store.con.execute(
        "SELECT article_id, text FROM articles WHERE article_id IN (SELECT article_id FROM story_articles"
        " WHERE story_id = ?)", [story_id]).fetchall())
    members = {m["article_id"]: m for m in found["members"]}
    stored: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for d in _dicts(store.con.execute(
            "SELECT d.original, d.copy, d.kind, d.original_start, d.original_end, d.original_text, d.copy_start,"
            " d.copy_end, d.copy_text, d.note, d.band, d.doubt, d.confidence FROM distortions d"
            " JOIN story_articles s ON s.article_id = d.copy AND s.story_id = ?"
            " JOIN story_articles o ON o.article_id = d.original AND o.story_id = s.story_id"
            " ORDER BY d.copy, d.distortion_no", [story_id])):
        stored.setdefault((d.pop("original"), d.pop("copy")), []).append(d)
    changes = []
    for a, b, earlier, relation, source in store.con.execute(
            "SELECT p.a, p.b, p.earlier, p.relation, json_extract_string(p.evidence, '$.common_source')"
            " FROM pairs p JOIN story_articles s ON s.article_id = p.a AND s.story_id = ?"
            " JOIN story_articles t ON t.article_id = p.b AND t.story_id = s.story_id"  # a copy of another event's text stays out
            " WHERE p.relation IN ('copy', 'sibling') ORDER BY p.a, p.b", [story_id]).fetchall():
        if (b, a) in stored or (a, b) not in stored and _original_side(members, b, a, earlier):
            a, b = b, a  # the direction the linker compared them in
        changes.append({"original": a, "copy": b, "relation": relation, "common_source": source, "distortions": [
            dict(d, original_context=context_of(texts.get(a, ""), d["original_start"], d["original_end"]),
                 copy_context=context_of(texts.get(b, ""), d["copy_start"], d["copy_end"]))
            for d in stored.get((a, b), ())]})
    changes.sort(key=lambda c: (not c["distortions"], c["copy"]))
    found["changes"] = changes
    found["briefs"] = article_brief(store, [m["article_id"] for m in found["members"]])
    return found


def _original_side(members: dict[str, dict[str, Any]], x: str, y: str, earlier: str | None) -> bool:
    """Whether `x` reads as the original of the pair (x, y): the group's original, else the earlier."""
    if members.get(x, {}).get("role") == "original" or members.get(y, {}).get("copy_of") == x:
        return True
    if members.get(y, {}).get("role") == "original":
        return False
    return earlier == x


def context_of(text: str, start: int, end: int, width: int = 160) -> dict[str, str]:
    """The changed span with some text on each side, for a side-by-side view."""
    lo, hi = max(0, start - width), min(len(text), end + width)
    return {"before": text[lo:start], "span": text[start:end], "after": text[end:hi]}
