"""Read-side questions about stories and provenance: story lists, one article's trace.

Like `queries`, every user value is a bound parameter and rows come back as dicts.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from jejak.confidence import DISTORTION_SHOWN as DEFAULT_MIN_CONFIDENCE

from .queries import _date_bounds, _dicts, _limit, _offset
from .schema import NotFound, StoreError
from .writer import Store


def stories(store: Store, since: date | str | None = None, until: date | str | None = None,
            outlet: str | None = None, limit: int | None = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, newest first and then largest, with how many copies and distortions each holds.
    `outlet` keeps stories with an article from an outlet whose name contains it."""
    where, params = [], []
    _date_bounds(where, params, "s.first_published", since, until)
    if outlet:
        where.append("s.story_id IN (SELECT sa.story_id FROM story_articles sa JOIN articles a USING (article_id)"
                     " WHERE contains(lower(a.outlet), lower(?)))")
        params.append(outlet)
    sql = (
        "SELECT s.story_id, s.first_published, s.articles, s.outlets,"
        " (SELECT count(*) FROM story_articles c WHERE c.story_id = s.story_id AND c.role = 'copy') AS copies,"
        " (SELECT count(*) FROM distortions d JOIN story_articles c ON c.article_id = d.copy"
        "  JOIN story_articles o ON o.article_id = d.original AND o.story_id = c.story_id"
        "  WHERE c.story_id = s.story_id AND d.confidence >= ?) AS distortions,"
        " (SELECT count(*) FROM distortions d JOIN story_articles c ON c.article_id = d.copy"
        "  JOIN story_articles o ON o.article_id = d.original AND o.story_id = c.story_id"
        "  WHERE c.story_id = s.story_id AND coalesce(d.confidence, 0) < ?) AS places_to_look,"
        " coalesce(e.input_id, s.earliest) AS earliest_id, s.title, s.earliest"
        " FROM stories s LEFT JOIN articles e ON e.article_id = s.earliest" + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY s.first_published DESC NULLS LAST, s.articles DESC, s.story_id LIMIT ? OFFSET ?"
    )
    return _dicts(store.con.execute(sql, [DEFAULT_MIN_CONFIDENCE, DEFAULT_MIN_CONFIDENCE, *params, _limit(limit),
                                          _offset(offset)]))


def find_article(store: Store, ref: str) -> str:
    """The article_id an id given by a user names: the input id, the article_id, or a unique
    prefix of it (eight characters or more)."""
    rows = store.con.execute(
        "SELECT article_id FROM articles WHERE input_id = ? OR article_id = ? "
        "OR (length(?) >= 8 AND starts_with(article_id, ?)) LIMIT 3", [ref, ref, ref, ref]).fetchall()
    if not rows:
        raise NotFound(f"no stored article with id {ref!r}; `jejak sql \"SELECT input_id, title FROM articles\"` "
                         "lists them, or give a file to trace instead.")
    if len(rows) > 1:
        raise StoreError(f"{ref!r} names several stored articles; give more of the id.")
    return rows[0][0]


def article_brief(store: Store, article_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Title, outlet, publication time and input id of articles, by article_id."""
    rows = _dicts(store.con.execute(
        "SELECT article_id, input_id, title, outlet, published, published_at, url FROM articles"
        " WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))", [article_ids]))
    return {r["article_id"]: r for r in rows}


def story_of(store: Store, article_id: str) -> dict[str, Any] | None:
    """The story an article belongs to, with its members (role, copy_of), or None."""
    row = _dicts(store.con.execute(
        "SELECT s.* FROM stories s JOIN story_articles sa USING (story_id) WHERE sa.article_id = ?", [article_id]))
    if not row:
        return None
    story = row[0]
    story["members"] = _dicts(store.con.execute(
        "SELECT sa.article_id, sa.role, sa.copy_of, a.input_id, a.outlet, a.published, a.published_at, a.title"
        " FROM story_articles sa JOIN articles a USING (article_id) WHERE sa.story_id = ?"
        " ORDER BY coalesce(a.published_at, a.published::TIMESTAMP) NULLS LAST, sa.article_id",
        [story["story_id"]]))
    return story


def pairs_of(store: Store, article_id: str, same_event_from: float) -> list[dict[str, Any]]:
    """Stored copy and same-story pairs that involve an article, copies first, then the reports
    the relation rules call unrelated that the same-event judge calls one event (`same-event`,
    with its probability as the score, from `same_event_from`, the judge's threshold, up): what
    joined the article's story."""
    rows = _dicts(store.con.execute(
        "SELECT CASE WHEN a = ? THEN b ELSE a END AS other, relation, score, earlier, evidence FROM pairs"
        " WHERE a = ? OR b = ? ORDER BY relation IN ('copy', 'sibling') DESC, score DESC", [article_id] * 3))
    rows += _dicts(store.con.execute(
        "SELECT CASE WHEN a = ? THEN b ELSE a END AS other, 'same-event' AS relation, same_event AS score,"
        " NULL AS earlier, json_object('same_event', same_event) AS evidence FROM event_pairs"
        " WHERE (a = ? OR b = ?) AND same_event >= ? ORDER BY same_event DESC, other",
        [article_id] * 3 + [same_event_from]))
    return rows


def distortions_between(store: Store, original: str, copy: str) -> list[dict[str, Any]]:
    """The distortions stored for one original and one copy, in text order."""
    return _dicts(store.con.execute(
        "SELECT kind, original_start, original_end, original_text, copy_start, copy_end, copy_text, note,"
        " band, doubt, confidence FROM distortions WHERE original = ? AND copy = ? ORDER BY distortion_no",
        [original, copy]))
