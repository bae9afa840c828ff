"""Read-side questions asked of a store: quotes, entities, a summary, and raw SQL.

Every user value reaches DuckDB as a bound parameter, never formatted into the SQL text.
Rows come back as dicts so `jejak.output.render` can print them in any format.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from .schema import TABLES, StoreError, published_order
from .writer import Store, damaged_error, first_line, is_damage

#: The statement type `sql()` runs (EXPLAIN too, of one of these): it is for looking, not for changing
#: the store, its settings or any file. SHOW, DESCRIBE, SUMMARIZE and VALUES parse as SELECT.
_READ_TYPE = "SELECT"

#: What a sandboxed store (`Store.open(..., sandbox=True)`) may read, for the refusal message.
READABLE = "the store and the batch shards folder (DB.shards, or the folder given with `jejak sql --shards DIR`)"


def _dicts(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _day(value: Any, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as e:
        raise StoreError(f"{what}={value!r} is not a date; use YYYY-MM-DD.") from e


def _limit(limit: int | None) -> int:
    return 2**62 if limit is None or limit < 0 else int(limit)


def _offset(offset: int | None) -> int:
    return max(0, int(offset or 0))


def _date_bounds(where: list[str], params: list[Any], column: str, since: date | str | None,
                 until: date | str | None) -> None:
    """Add inclusive `since`/`until` bounds on a date expression to a WHERE list."""
    if since is not None:
        where.append(f"{column} >= ?")
        params.append(_day(since, "since"))
    if until is not None:
        where.append(f"{column} <= ?")
        params.append(_day(until, "until"))


def known_ids(name: str) -> list[str]:
    """kb_ids the knowledge base knows by this name or alias (`Jokowi` → Joko Widodo's)."""
    from jejak.kb import default_kb

    return default_kb().ids_named(name)


def name_match(alias: str, name_col: str, key_col: str, kb_col: str, article_col: str,
               name: str) -> tuple[str, list[Any]]:
    """A WHERE clause that finds an entity by its key or kb id, or by a name people use: its stored name contains it, the
    knowledge base knows it as an alias, or some article calls that entity by it (`Jokowi`, `KPK`,
    `SBY`) — in that article for a local entity, anywhere for a known one."""
    ids = known_ids(name)
    ids = ids + [name] if ":" in name else ids  # a kb id or an entity key given as it is (`per:joko-widodo`)
    # a known entity's key is its kb id, also where a quote's speaker carries no kb id of its own
    clause = (f"({key_col} = ? OR list_contains(?::VARCHAR[], {key_col}) OR contains(lower({name_col}), lower(?))"
              f" OR list_contains(?::VARCHAR[], {kb_col})"
              f" OR ({article_col}, {key_col}) IN (SELECT {alias}a.article_id, {alias}a.entity_key FROM aliases {alias}a"
              f"   WHERE lower({alias}a.alias) = lower(?))"
              f" OR {kb_col} IN (SELECT {alias}b.kb_id FROM aliases {alias}b WHERE lower({alias}b.alias) = lower(?)"
              f"   AND {alias}b.kb_id IS NOT NULL))")
    return clause, [name, ids, name, ids, name, name]


def speaker_clause(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, list[Any]]:
    """The same match as `name_match` for quote speakers, resolved first into speaker keys so that
    DuckDB reads the quotes through their speaker index instead of testing every quote: a known
    entity's quotes carry its kb id as their key, the other keys come from the speakers' names
    and the aliases table; a local entity's alias counts only in the article that uses it."""
    ids = set(known_ids(name)) | {name}  # a known entity's quotes carry its kb id as their key
    named = con.execute("SELECT DISTINCT article_id, entity_key, kb_id FROM aliases WHERE lower(alias) = lower(?)",
                        [name]).fetchall()
    ids |= {kb_id for _, _, kb_id in named if kb_id}
    local = sorted({(article, key) for article, key, kb_id in named if not kb_id})
    holding = {k for (k,) in con.execute(
        "SELECT DISTINCT speaker_key FROM quotes WHERE contains(lower(speaker_name), lower(?))", [name]).fetchall()}
    candidates = sorted({k for k in ids | holding if k} | {k for _, k in local})
    # the first test reads the index; the second is name_match's own, row by row
    return ("q.speaker_key = ANY(?::VARCHAR[]) AND (q.speaker_key = ANY(?::VARCHAR[])"
            " OR contains(lower(q.speaker_name), lower(?))"
            " OR (q.article_id, q.speaker_key) IN (SELECT UNNEST(?::VARCHAR[]), UNNEST(?::VARCHAR[])))",
            [candidates, sorted(ids), name, [a for a, _ in local], [k for _, k in local]])


def quote_filters(speaker: str | None = None, text: str | None = None, since: date | str | None = None,
                  until: date | str | None = None, min_confidence: float | None = None,
                  words_or_speaker: str | None = None, outlet: str | None = None,
                  speaker_type: str | None = None,
                  con: duckdb.DuckDBPyConnection | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses and parameters over `quotes q JOIN articles a` for the filters of `quotes`
    (the dashboard's facets count with the same). With the store's connection, a speaker is
    resolved to its keys first (`speaker_clause`), which a large store answers far faster."""
    where: list[str] = []
    params: list[Any] = []
    if words_or_speaker:
        clause, more = name_match("wq", "q.speaker_name", "q.speaker_key", "q.speaker_kb_id", "q.article_id",
                                  words_or_speaker)
        where.append(f"(contains(lower(q.text), lower(?)) OR {clause})")
        params += [words_or_speaker, *more]
    if speaker:
        clause, more = (speaker_clause(con, speaker) if con is not None else
                        name_match("sq", "q.speaker_name", "q.speaker_key", "q.speaker_kb_id", "q.article_id", speaker))
        where.append(clause)
        params += more
    if min_confidence is not None:
        where.append("q.confidence >= ?")
        params.append(float(min_confidence))
    if text:
        where.append("contains(lower(q.text), lower(?))")
        params.append(text)
    if outlet:
        where.append("a.outlet = ?")
        params.append(outlet)
    if speaker_type:
        where.append("q.speaker_type = upper(?)")
        params.append(speaker_type)
    _date_bounds(where, params, "a.published", since, until)
    return where, params


def quotes(
    store: Store,
    speaker: str | None = None,
    text: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    min_confidence: float | None = None,
    words_or_speaker: str | None = None,
    outlet: str | None = None,
    speaker_type: str | None = None,
) -> list[dict[str, Any]]:
    """Quotes with their article, newest first. `speaker` matches the speaker's name as a
    case-insensitive substring or any alias of the speaker (the knowledge base's, or one an article
    uses); `text` matches as a substring; `words_or_speaker` either (the dashboard's search box);
    `since`/`until` bound the publication date (inclusive); `min_confidence` keeps attributions at
    least that likely (rows without one are left out)."""
    where, params = quote_filters(speaker, text, since, until, min_confidence, words_or_speaker, outlet, speaker_type,
                                  con=store.con)
    # The page is chosen on the quotes table, which carries the publication moment it is ordered by
    # (the articles are joined first only for a filter on them); then the page's own articles are
    # read by their key. Joining the articles to the page instead reads every article.
    on_articles = any("a." in clause for clause in where)
    page = store.con.execute(
        "SELECT q.speaker_name AS speaker, q.speaker_type, q.speaker_country, q.speaker_kb_id, q.kind,"
        ' q.text AS quote, q.via, q.confidence, q.article_id, q.quote_no, q.start, q."end" FROM quotes q'
        + (" JOIN articles a USING (article_id)" if on_articles else "")
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY q.published DESC NULLS LAST, q.article_id, q.quote_no LIMIT ? OFFSET ?",
        [*params, _limit(limit), _offset(offset)])
    rows = _dicts(page)
    articles = {r[0]: r[1:] for r in store.con.execute(
        "SELECT article_id, published, outlet, title, url FROM articles WHERE article_id = ANY(?::VARCHAR[])",
        [sorted({r["article_id"] for r in rows})]).fetchall()} if rows else {}
    missing = (None, None, None, None)  # (no writer leaves a quote without its article)
    return [dict(zip(("published", "outlet", "title", "url"), articles.get(r["article_id"], missing))) | r
            for r in rows]


def _is_country_code(code: str) -> bool:
    """`RUS` is a country; `KPK`, three capitals too, is a body known by its acronym."""
    from jejak.kb import default_kb

    return f"gpe:{code}" in default_kb().entities


#: An event actor's key as `entities.entity_key` writes it: its kb_id, else TYPE:name.
_ACTOR_KEY = "coalesce(e.{side}_kb_id, coalesce(e.{side}_type, '') || ':' || e.{side}_name)"

#: The day an event counts for: its own date (a day, or a month's first day), else its article's.
EVENT_DAY = "coalesce(try_cast(e.date AS DATE), try_cast(e.date || '-01' AS DATE), a.published)"


def event_filters(actor: str | None = None, type: str | None = None, mode: str | None = None,
                  since: date | str | None = None, until: date | str | None = None,
                  min_confidence: float | None = None, outlet: str | None = None) -> tuple[list[str], list[Any]]:
    """WHERE clauses and parameters over `events e JOIN articles a` for the filters of `events`;
    the dashboard counts the same rows per day, and its facets, with them."""
    where: list[str] = []
    params: list[Any] = []
    if outlet:
        where.append("a.outlet = ?")
        params.append(outlet)
    if actor:
        if len(actor) == 3 and actor.isalpha() and actor.isupper() and _is_country_code(actor):
            where.append("(e.source_country = ? OR e.target_country = ?)")
            params += [actor, actor]
        else:
            src, src_params = name_match("es", "e.source_name", _ACTOR_KEY.format(side="source"), "e.source_kb_id",
                                         "e.article_id", actor)
            tgt, tgt_params = name_match("et", "e.target_name", _ACTOR_KEY.format(side="target"), "e.target_kb_id",
                                         "e.article_id", actor)
            where.append(f"({src} OR {tgt} OR lower(e.source_kb_id) = lower(?) OR lower(e.target_kb_id) = lower(?))")
            params += [*src_params, *tgt_params, actor, actor]
    if type:
        where.append("e.type = upper(?)")
        params.append(type)
    if mode:
        if mode.lower() == "none":
            where.append("e.mode IS NULL")
        else:
            where.append("e.mode = lower(?)")
            params.append(mode)
    _date_bounds(where, params, EVENT_DAY, since, until)
    if min_confidence is not None:
        where.append("e.confidence >= ?")
        params.append(float(min_confidence))
    return where, params


def events(
    store: Store,
    actor: str | None = None,
    type: str | None = None,
    mode: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    min_confidence: float | None = None,
    outlet: str | None = None,
) -> list[dict[str, Any]]:
    """Events with their evidence, newest first. `actor` matches the source or the target: a
    three-letter country code exactly (`RUS`), else the name or kb_id as a case-insensitive
    substring. `type` is a PLOVER type; `mode` is `negated`, `intent` or `none` (plain acts).
    `since`/`until` bound the event's date (inclusive); `min_confidence` keeps the events at least
    that likely (rows stored before confidences have none and are left out)."""
    where, params = event_filters(actor, type, mode, since, until, min_confidence, outlet)
    sql = (
        "SELECT e.date, e.type, e.mode, e.confidence, e.source_name AS source, e.source_country, e.source_sector,"
        " e.target_name AS target, e.target_country, e.target_sector, e.location, e.reported_by,"
        ' substr(a.text, e.start + 1, e."end" - e.start) AS evidence,'
        " a.published, a.outlet, a.title, a.url, e.article_id, a.input_id, e.event_no, e.source_kb_id, e.target_kb_id,"
        ' e.source_type, e.target_type, e.start, e."end", e.spans, e.source_described, e.target_described'
        " FROM events e JOIN articles a USING (article_id)"
        + (" WHERE " + " AND ".join(where) if where else "")
        + f" ORDER BY {EVENT_DAY} DESC NULLS LAST, e.article_id, e.event_no LIMIT ? OFFSET ?"
    )
    return _dicts(store.con.execute(sql, [*params, _limit(limit), _offset(offset)]))


def acts(
    store: Store,
    actor: str | None = None,
    type: str | None = None,
    mode: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    min_confidence: float | None = None,
    outlet: str | None = None,
) -> list[dict[str, Any]]:
    """Events as acts, newest first: the same act (type, mode, source and target) reported by
    several articles of one story is one row with its `reports`, `outlets` and `articles` (earliest
    first) and the earliest report's evidence. An article in no story (not linked yet, or alone)
    is its own story. Filters as `events`; `min_confidence` keeps acts with at least one report
    that likely."""
    where, params = event_filters(actor, type, mode, since, until, min_confidence, outlet)
    first = "coalesce(a.published_at, a.published::TIMESTAMP, TIMESTAMP '9999-12-31'), e.article_id"
    sql = (
        "WITH reports AS ("
        f" SELECT e.*, a.published, a.outlet, a.title, a.url, {EVENT_DAY} AS day,"
        "  coalesce(s.story_id, 'article:' || e.article_id) AS story,"
        f"  {_ACTOR_KEY.format(side='source')} AS source_key,"
        f"  coalesce({_ACTOR_KEY.format(side='target')}, '') AS target_key,"
        '  substr(a.text, e.start + 1, e."end" - e.start) AS evidence,'
        f"  row_number() OVER (PARTITION BY 1 ORDER BY {first}) AS seq"
        " FROM events e JOIN articles a USING (article_id)"
        " LEFT JOIN (SELECT article_id, min(story_id) AS story_id FROM story_articles GROUP BY 1) s USING (article_id)"
        + (" WHERE " + " AND ".join(where) if where else "")
        + ") SELECT min(day) AS date, type, any_value(mode) AS mode, arg_min(source_name, seq) AS source,"
        " arg_min(source_country, seq) AS source_country, arg_min(source_kb_id, seq) AS source_kb_id,"
        " arg_min(target_name, seq) AS target, arg_min(target_country, seq) AS target_country,"
        " arg_min(target_kb_id, seq) AS target_kb_id, count(*) AS reports,"
        " count(DISTINCT article_id) AS articles_n, count(DISTINCT outlet) AS outlets,"
        " list(DISTINCT article_id) AS articles, arg_min(article_id, seq) AS first_article,"
        " arg_min(outlet, seq) AS first_outlet, arg_min(evidence, seq) AS evidence, max(confidence) AS confidence,"
        " any_value(story) AS story"
        " FROM reports GROUP BY story, type, coalesce(mode, ''), source_key, target_key"
        " ORDER BY date DESC NULLS LAST, first_article, type LIMIT ? OFFSET ?"
    )
    rows = _dicts(store.con.execute(sql, [*params, _limit(limit), _offset(offset)]))
    for row in rows:
        row["articles"] = sorted(row["articles"] or [])
        row.pop("articles_n", None)
    return rows


def entities(
    store: Store,
    type: str | None = None,
    name: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    min_confidence: float | None = None,
) -> list[dict[str, Any]]:
    """Distinct entities across articles (by KB id, else type and name) with how many
    mentions, articles and quotes as speaker each has; most widespread first. `name` matches the
    name as a substring or any alias the knowledge base or an article gives the entity;
    `min_confidence` keeps entities whose best reading is at least that likely."""
    where, params = [], []
    if type:
        where.append("upper(e.type) = upper(?)")
        params.append(type)
    if name:
        ids = known_ids(name)
        where.append("(contains(lower(e.name), lower(?)) OR list_contains(?::VARCHAR[], e.kb_id)"
                     " OR e.entity_key IN (SELECT entity_key FROM mentions WHERE lower(text) = lower(?)))")
        params += [name, ids, name]
    if min_confidence is not None:
        where.append("e.confidence >= ?")
        params.append(float(min_confidence))
    sql = (
        "WITH e AS (SELECT entity_key, mode(name) AS name, mode(type) AS type, mode(country) AS country,"
        "   any_value(kb_id) AS kb_id, count(DISTINCT article_id) AS articles, max(confidence) AS confidence"
        "   FROM entities GROUP BY entity_key),"
        " m AS (SELECT entity_key, count(*) AS mentions FROM mentions GROUP BY entity_key),"
        " q AS (SELECT speaker_key AS entity_key, count(*) AS quotes FROM quotes"
        "   WHERE speaker_key IS NOT NULL GROUP BY speaker_key)"
        " SELECT e.name, e.type, e.country, e.kb_id, coalesce(m.mentions, 0) AS mentions, e.articles,"
        " coalesce(q.quotes, 0) AS quotes, e.confidence, e.entity_key"
        " FROM e LEFT JOIN m USING (entity_key) LEFT JOIN q USING (entity_key)"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY e.articles DESC, mentions DESC, e.name, e.entity_key LIMIT ? OFFSET ?"
    )
    return _dicts(store.con.execute(sql, [*params, _limit(limit), _offset(offset)]))


def sql(store: Store, query: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one read-only statement; DuckDB's errors come back as StoreError with a hint.

    Only a single SELECT (or an EXPLAIN of one) runs. That is one guard; the other is the
    connection: `jejak sql` opens the store sandboxed, so even a SELECT cannot read other files."""
    con = store.con
    check_read_only(con, query)
    try:
        cur = con.execute(query)
        return [d[0] for d in cur.description], cur.fetchall()
    except duckdb.PermissionException as e:
        raise StoreError(f"refused: {first_line(e)}. This SQL may read only {READABLE}.") from e
    except duckdb.Error as e:
        if is_damage(e, store.path):
            raise damaged_error(store.path, e) from e
        raise StoreError(
            f"SQL error: {first_line(e)}. Tables: {', '.join(TABLES)}; "
            'quote the column "end" (an SQL keyword).'
        ) from e


def check_read_only(con: duckdb.DuckDBPyConnection, query: str) -> None:
    """Refuse all but exactly one SELECT: no COPY, EXPORT, ATTACH, INSTALL, LOAD, SET, PRAGMA,
    CALL, DDL or DML, no second statement, and no EXPLAIN (ANALYZE runs it) of any of these."""
    statements = _statements(con, query)
    if len(statements) != 1:
        more = "; run them one at a time" if statements else ""
        raise StoreError(f"expected exactly one SQL statement, got {len(statements)}{more}.")
    kind = _kind(statements[0])
    if kind == "EXPLAIN":
        inner = _statements(con, _explained(statements[0].query))
        kind = "EXPLAIN " + (_kind(inner[0]) if len(inner) == 1 else f"of {len(inner)} statements")
        if kind == f"EXPLAIN {_READ_TYPE}":
            return
    if kind != _READ_TYPE:
        raise StoreError(f"only read queries (SELECT) are allowed here, not {kind}.")


def _kind(statement: Any) -> str:
    """A statement's type as the user wrote it: DuckDB files INSTALL under LOAD."""
    kind = statement.type.name
    return "INSTALL or LOAD" if kind == "LOAD" else kind


def _statements(con: duckdb.DuckDBPyConnection, query: str) -> list[Any]:
    try:
        return con.extract_statements(query)
    except duckdb.Error as e:
        raise StoreError(f"SQL error: {first_line(e)}") from e


def _explained(query: str) -> str:
    """The statement `EXPLAIN [ANALYZE] [(options)] ...` describes. Read with DuckDB's tokenizer, so
    comments cannot hide anything; a statement it cannot find parses as nothing, and is refused."""
    spans = duckdb.tokenize(query)
    ends = [pos for pos, _ in spans[1:]] + [len(query)]
    words = [(pos, kind, query[pos:end].strip()) for (pos, kind), end in zip(spans, ends)
             if kind != duckdb.token_type.comment]
    i = 1  # words[0] is EXPLAIN
    if i < len(words) and words[i][2].upper() in ("ANALYZE", "ANALYSE"):
        i += 1
    if i < len(words) and words[i][1] == duckdb.token_type.operator and words[i][2].startswith("("):
        depth = 0
        while i < len(words):
            if words[i][1] == duckdb.token_type.operator:
                depth += words[i][2].count("(") - words[i][2].count(")")
            i += 1
            if depth <= 0:
                break
    return query[words[i][0]:] if i < len(words) else ""


def summary(store: Store, top: int = 10) -> dict[str, Any]:
    """Row counts per table, articles per outlet, the most quoted speakers, date range."""
    con = store.con
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    outlets = _dicts(con.execute(
        "SELECT coalesce(outlet, '(unknown)') AS outlet, count(*) AS articles FROM articles"
        " GROUP BY 1 ORDER BY articles DESC, outlet LIMIT ?", [top]))
    speakers = _dicts(con.execute(
        "SELECT mode(speaker_name) AS speaker, count(*) AS quotes, count(DISTINCT article_id) AS articles"
        " FROM quotes WHERE speaker_key IS NOT NULL GROUP BY speaker_key"
        " ORDER BY quotes DESC, speaker LIMIT ?", [top]))
    first, last = con.execute("SELECT min(published), max(published) FROM articles").fetchone()
    return {
        "counts": counts,
        "outlets": outlets,
        "top_speakers": speakers,
        "published": {"first": first, "last": last},
    }
