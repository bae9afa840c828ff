"""Linking stored articles: find candidate pairs, judge them, name distortions, group stories.

Work is incremental. Each stored article is compared once, when the linker first meets it
(the `linked` table remembers who was done): its candidates come from two indexes kept in the
store, LSH buckets (shared wording) and rare facts (the same people, amounts and dates, for
independent reports of one event), both looked up by a join in DuckDB. When new pairs were
stored, stories are rebuilt from all stored pairs (a second or two per 20,000 articles; at
millions of articles this rebuild is the part to make incremental).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from jejak.dates import iso_day
from jejak.fingerprint.index import DEFAULT_PARAMS, index_rows
from jejak.fingerprint.minhash import MAX_BUCKET
from jejak.provenance.background import shared_background
from jejak.provenance.document import ProvDoc, same_publisher
from jejak.provenance.origin import original_of
from jejak.provenance.relation import (COPYING, DEFAULT_RULES, Relation, RelationRules, as_background,
                                       event_probability, likely_same_event, relate)
from jejak.provenance.same_day import same_day_pairs, weighty_words
from jejak.provenance.same_event import content_words, shipped_judge, word_weight
from jejak.provenance.stories import build_stories
from jejak.provenance.stored import load_docs
from jejak.store.schema import published_order, stored_record
from jejak.store.writer import Store, bulk_insert, transaction

MAX_FACT_ARTICLES = 60  # a fact named by more articles within FACT_DAYS says nothing about a story
MAX_FACT_ANYWHERE = 20_000  # a fact this common in the whole store is not even looked at (`ent:gpe:IDN`)
MIN_SHARED_FACTS = 3
FACT_DAYS = 2
CHUNK = 2000
CACHE_DOCS = 10_000  # documents kept between chunks (about 30 KB each)
MAX_DIFF_CHARS = 300_000  # longer texts are not news articles; a word diff of them would take minutes


@dataclass
class LinkStats:
    """What one linking run did."""

    articles: int = 0
    backfilled: int = 0
    candidates: int = 0
    copies: int = 0
    siblings: int = 0
    same_story: int = 0
    background: int = 0  # copies by wording whose shared wording an older report published first
    same_event: int = 0  # pairs the relation rules call unrelated and the same-event judge one event
    distortions: int = 0
    alerts: int = 0  # raised by watchlists that follow distorted copies
    stories: int = 0
    skipped: list[str] = field(default_factory=list)


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def backfill_signatures(store: Store) -> int:
    """Index articles stored before signatures existed (or under other LSH parameters)."""
    missing = [r[0] for r in store.con.execute(
        "SELECT a.article_id FROM articles a LEFT JOIN signatures s ON s.article_id = a.article_id "
        "AND s.scheme = ? WHERE s.article_id IS NULL", [DEFAULT_PARAMS.scheme]).fetchall()]
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start:start + CHUNK]
        rows = store.con.execute(
            "SELECT article_id, record, text FROM articles WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))",
            [chunk]).fetchall()
        sigs, buckets, facts = [], [], []
        for aid, record, text in rows:
            s, b, f = index_rows(aid, stored_record(record, text))
            sigs.append(s)
            buckets.extend(b)
            facts.extend(f)
        _write(store, chunk, {"signatures": sigs, "lsh_buckets": buckets, "facts": facts}, replace=True)
    return len(missing)


def _write(store: Store, ids: list[str], tables: dict[str, list[tuple[Any, ...]]], replace: bool = False) -> None:
    with transaction(store.con) as con:
        if replace:
            for table in tables:
                con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))", [ids])
        for table, rows in tables.items():
            if rows:
                bulk_insert(con, table, rows, len(rows[0]))


def wording_candidates(store: Store, ids: list[str]) -> set[tuple[str, str]]:
    """Pairs (new article, stored article) that share an LSH bucket of modest size. Bucket sizes
    are counted first, so a boilerplate bucket shared by thousands is never expanded into pairs."""
    rows = store.con.execute(
        """
        WITH nb AS (SELECT article_id, band, bucket FROM lsh_buckets
                    WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))),
             touched AS (SELECT DISTINCT band, bucket FROM nb),
             small AS (SELECT o.band, o.bucket FROM lsh_buckets o JOIN touched USING (band, bucket)
                       GROUP BY o.band, o.bucket HAVING count(*) BETWEEN 2 AND ?)
        SELECT DISTINCT nb.article_id, o.article_id FROM nb
        JOIN small USING (band, bucket)
        JOIN lsh_buckets o ON o.band = nb.band AND o.bucket = nb.bucket AND o.article_id <> nb.article_id
        """, [ids, MAX_BUCKET + 1]).fetchall()
    return {(x, y) for x, y in rows}


def fact_candidates(store: Store, ids: list[str]) -> set[tuple[str, str]]:
    """Pairs that name several of the same rare facts within a few days: independent reports
    of one event share people, bodies and figures but not wording. A fact is rare when few
    articles name it within those days (a name in the news every day is rare on no day).

    Each fact is counted per day first, so a fact's neighbours are summed from a few day rows
    instead of joining every article that names it to every other: only the (article, fact)
    rows that are rare near the article's day are expanded into pairs."""
    rows = store.con.execute(
        """
        WITH nf AS (SELECT f.article_id AS x, f.fact, a.published AS d FROM facts f
                    JOIN articles a ON a.article_id = f.article_id
                    WHERE f.article_id IN (SELECT UNNEST(?::VARCHAR[])) AND NOT starts_with(f.fact, 'day:')),
             usable AS (SELECT fact FROM facts WHERE fact IN (SELECT fact FROM nf)
                        GROUP BY fact HAVING count(*) <= ?),
             per_day AS (SELECT o.fact, a.published AS d, count(*) AS n FROM facts o
                         JOIN usable USING (fact) JOIN articles a ON a.article_id = o.article_id
                         GROUP BY o.fact, a.published),
             rare AS (SELECT nf.x, nf.fact, nf.d FROM nf JOIN per_day p ON p.fact = nf.fact
                      AND (nf.d IS NULL OR p.d IS NULL OR abs(date_diff('day', nf.d, p.d)) <= ?)
                      GROUP BY nf.x, nf.fact, nf.d HAVING sum(p.n) - 1 <= ?)
        SELECT r.x, o.article_id FROM rare r
        JOIN facts o ON o.fact = r.fact AND o.article_id <> r.x
        JOIN articles ay ON ay.article_id = o.article_id
        WHERE r.d IS NULL OR ay.published IS NULL OR abs(date_diff('day', r.d, ay.published)) <= ?
        GROUP BY r.x, o.article_id HAVING count(*) >= ?
        """, [ids, MAX_FACT_ANYWHERE, FACT_DAYS, MAX_FACT_ARTICLES, FACT_DAYS, MIN_SHARED_FACTS]).fetchall()
    return {(x, y) for x, y in rows}


#: Two titles within FACT_DAYS are a candidate pair when they share a word that at most
#: MAX_TITLE_NEIGHBOURS titles of those days use (so that `Jokowi` or `KPK` alone never pairs a
#: day's news), and all the words they share weigh at least MIN_TITLE_WEIGHT (a word's weight is
#: its inverse document frequency: one rare word, or a middling one beside common ones). On the
#: dev and train story blocks 8 and 50 found as many of the readers' pairs as 6 and 100, with
#: purer stories, from 171,301 candidate pairs over CLICK-ID instead of 308,072.
MIN_TITLE_WEIGHT = 8.0
MAX_TITLE_NEIGHBOURS = 50


def title_candidates(store: Store, ids: list[str],
                     seen: dict[str, tuple[Any, dict[str, float]]] | None = None) -> set[tuple[str, str]]:
    """Pairs (new article, stored article) whose titles share weighty words within a few days:
    outlets that report one event in their own words rarely share wording or three rare facts,
    but their titles name the same act (`Polisi Tetapkan 30 Tersangka` / `30 Orang Jadi Tersangka`).
    `seen` keeps each title's weighed words between calls (one linking run reads a day's titles
    for every chunk that touches it)."""
    new = store.con.execute(
        "SELECT article_id, title, published, lang FROM articles WHERE article_id IN (SELECT UNNEST(?::VARCHAR[])) "
        "AND published IS NOT NULL AND title IS NOT NULL", [ids]).fetchall()
    return title_neighbours(store, new, seen)


def _weighed_title(title: str, lang: str | None) -> dict[str, float]:
    return {w: word_weight(w, lang or "id") for w in content_words(title, lang or "id")}


def title_neighbours(store: Store, titled: list[tuple[str, str, Any, str | None]],
                     seen: dict[str, tuple[Any, dict[str, float]]] | None = None) -> set[tuple[str, str]]:
    """(key, stored article) for each (key, title, day, language) given and the stored articles
    whose titles share weighty words with it within FACT_DAYS (see MIN_TITLE_WEIGHT)."""
    window = [timedelta(days=k) for k in range(-FACT_DAYS, FACT_DAYS + 1)]
    days = sorted({day + step for _, _, day, _ in titled for step in window})
    near = store.con.execute(
        "SELECT article_id, title, published, lang FROM articles WHERE title IS NOT NULL "
        "AND published IN (SELECT UNNEST(?::DATE[]))", [days]).fetchall() if days else []
    titles = seen if seen is not None else {}
    for aid, title, day, lang in near:
        if aid not in titles:
            titles[aid] = (day, _weighed_title(title, lang))
    by_word_day: dict[tuple[str, Any], list[str]] = {}
    for aid, _, day, _ in near:
        for w in titles[aid][1]:
            by_word_day.setdefault((w, day), []).append(aid)
    found: set[tuple[str, str]] = set()
    for x, title, day, lang in titled:
        words = titles[x][1] if x in titles else _weighed_title(title, lang)
        met: set[str] = set()
        for w in words:
            lists = [by_word_day.get((w, day + step), ()) for step in window]
            if sum(map(len, lists)) <= MAX_TITLE_NEIGHBOURS:  # counted before any list is walked
                for near_ids in lists:
                    met.update(near_ids)
        met.discard(x)
        found.update((x, y) for y in met if sum(words[w] for w in words.keys() & titles[y][1].keys()) >= MIN_TITLE_WEIGHT)
    return found


def _ordered(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x < y else (y, x)


def link(store: Store, rules: RelationRules = DEFAULT_RULES,
         progress: Callable[[int, int], None] | None = None) -> LinkStats:
    """Compare every article not yet linked with its candidates; store pairs, distortions and
    stories. Safe to run again: linked articles are skipped, and each chunk commits whole."""
    stats = LinkStats()
    stats.backfilled = backfill_signatures(store)
    new = [r[0] for r in store.con.execute(
        "SELECT a.article_id FROM articles a ANTI JOIN linked l ON l.article_id = a.article_id "
        f"ORDER BY {published_order('a')} NULLS LAST, a.article_id").fetchall()]
    stats.articles = len(new)
    cache: dict[str, ProvDoc] = {}
    titles: dict[str, tuple[Any, dict[str, float]]] = {}
    weighty: dict[str, tuple[str, ...]] = {}  # the weighty words of the reports of the chunk's days, read once a run
    stored = 0
    for start in range(0, len(new), CHUNK):
        chunk = new[start:start + CHUNK]
        pairs = {_ordered(x, y) for x, y in wording_candidates(store, chunk) | fact_candidates(store, chunk)}
        near = _neighbours(pairs)  # before the pairs already stored are dropped: older reports of each article
        by_title = {_ordered(x, y) for x, y in title_candidates(store, chunk, titles)} - pairs
        done = {(a, b) for a, b in store.con.execute(
            "SELECT a, b FROM pairs WHERE a IN (SELECT UNNEST(?::VARCHAR[])) OR b IN (SELECT UNNEST(?::VARCHAR[])) "
            "UNION ALL SELECT a, b FROM event_pairs WHERE a IN (SELECT UNNEST(?::VARCHAR[])) "
            "OR b IN (SELECT UNNEST(?::VARCHAR[]))", [chunk, chunk, chunk, chunk]).fetchall()}
        pairs -= done
        by_title -= done
        day_pool = _day_pool(store, chunk)
        in_pool = {i for i, _, _ in day_pool}
        for gone in [i for i in weighty if i not in in_pool]:
            del weighty[gone]  # an earlier day's reports: the chunks go in publication order
        _read_weighty_words(store, sorted(in_pool), weighty, cache)
        by_day = _same_day_candidates(chunk, day_pool, weighty) - pairs - by_title - done
        stats.candidates += len(pairs) + len(by_title) + len(by_day)
        needed = {i for p in pairs | by_title | by_day for i in p} - cache.keys()
        cache.update(load_docs(store, needed))
        one_event = shipped_judge().threshold
        judged = [(a, b, p) for a, b in sorted(by_day) if a in cache and b in cache
                  and (p := event_probability(cache[a], cache[b], rules)) is not None and p >= one_event]
        # pairs met by title alone share no wording worth a word-by-word look: the judge reads them first
        pairs |= {(a, b) for a, b in by_title if a in cache and b in cache and likely_same_event(cache[a], cache[b], rules)}
        verdicts = [relate(cache[a], cache[b], rules) for a, b in sorted(pairs) if a in cache and b in cache]
        verdicts = _background_pairs(store, verdicts, near, cache, rules)
        stored += _store_verdicts(store, chunk, verdicts, cache, stats, judged, rules)
        if len(cache) > CACHE_DOCS:
            cache.clear()
            titles.clear()
        if progress:
            progress(min(start + CHUNK, len(new)), len(new))
    if stored or stats.backfilled or (store.count("pairs") and not store.count("stories")):
        stats.stories = build_stories(store)
    else:  # nothing new: the stories stand as they are
        stats.stories = store.count("stories")
    return stats


def _day_pool(store: Store, chunk: list[str]) -> list[tuple[str, Any, str | None]]:
    """(article, day, language) of the chunk's articles and of the linked articles published on
    their days: the reports a new one is compared with by its weighty words."""
    return store.con.execute(
        "SELECT a.article_id, a.published, a.lang FROM articles a WHERE a.published IN "
        "(SELECT DISTINCT published FROM articles WHERE article_id IN (SELECT UNNEST(?::VARCHAR[]))) "
        "AND (a.article_id IN (SELECT article_id FROM linked) OR a.article_id IN (SELECT UNNEST(?::VARCHAR[]))) "
        "ORDER BY a.article_id", [chunk, chunk]).fetchall()


def _read_weighty_words(store: Store, ids: list[str], weighty: dict[str, tuple[str, ...]],
                        cache: dict[str, ProvDoc]) -> None:
    """Each report's weighty words (`same_day.weighty_words`), read once a linking run: a day's
    reports are met by every chunk that touches the day, and their documents need not stay in
    memory for it (those not already cached are read in batches and let go)."""
    todo = []
    for i in ids:
        if i in cache and i not in weighty:
            weighty[i] = tuple(weighty_words(cache[i].event_profile))
        elif i not in weighty:
            todo.append(i)
    for start in range(0, len(todo), CHUNK):
        for aid, doc in load_docs(store, todo[start:start + CHUNK]).items():
            weighty[aid] = tuple(weighty_words(doc.event_profile))


def _same_day_candidates(chunk: list[str], pool: list[tuple[str, Any, str | None]],
                         weighty: dict[str, tuple[str, ...]]) -> set[tuple[str, str]]:
    """Pairs of a chunk's article and a report of its day that share one of their weighty words
    (`jejak.provenance.same_day`)."""
    known = [(aid, day, lang) for aid, day, lang in pool if aid in weighty]
    return same_day_pairs(chunk, [aid for aid, _, _ in known], {aid: iso_day(day) for aid, day, _ in known},
                          weighty, {aid: lang or "" for aid, _, lang in known})


def _neighbours(pairs: set[tuple[str, str]]) -> dict[str, set[str]]:
    """Each article's candidates: the reports that share its wording or its rare facts."""
    near: dict[str, set[str]] = {}
    for x, y in pairs:
        near.setdefault(x, set()).add(y)
        near.setdefault(y, set()).add(x)
    return near


def _background_pairs(store: Store, verdicts: list[Relation], near: dict[str, set[str]],
                      cache: dict[str, ProvDoc], rules: RelationRules) -> list[Relation]:
    """Copies whose shared wording an older report published first become `background` pairs
    (`jejak.provenance.background`): the older reports looked at are either article's candidates
    now and the reports a stored article was paired with when it was linked."""
    copying = [v for v in verdicts if v.relation in COPYING]
    if not copying:
        return verdicts
    # an article stored before this chunk met its own older reports when it was linked: its stored pairs
    ids = sorted({x for v in copying for x in (v.a, v.b)})
    for a, b in store.con.execute(
            "SELECT a, b FROM pairs WHERE a IN (SELECT UNNEST(?::VARCHAR[])) OR b IN (SELECT UNNEST(?::VARCHAR[]))",
            [ids, ids]).fetchall():
        near.setdefault(a, set()).add(b)
        near.setdefault(b, set()).add(a)
    wanted = {o for v in copying for o in near.get(v.a, set()) | near.get(v.b, set())} - cache.keys()
    if wanted:
        cache.update(load_docs(store, wanted))
    out = []
    for v in verdicts:
        if v.relation in COPYING:
            others = (cache[o] for o in sorted(near.get(v.a, set()) | near.get(v.b, set())) if o in cache)
            found = shared_background(cache[v.a], cache[v.b], others)
            if found is not None:
                v = as_background(v, found, cache[v.a], cache[v.b], rules)
        out.append(v)
    return out


def _store_verdicts(store: Store, chunk: list[str], verdicts: list[Relation], docs: dict[str, ProvDoc],
                    stats: LinkStats, judged: list[tuple[str, str, float]] = (),
                    rules: RelationRules = DEFAULT_RULES) -> int:
    """Store the related pairs of one chunk with their distortions, and the pairs the rules call
    unrelated or that only their weighty words met (`judged`) that the same-event judge calls one
    event, and mark the chunk linked; returns how many pairs were stored. (Keeping the pairs it
    set apart too, with their low probabilities, found fewer of our readers' pairs: they pull the
    averages of whole groups down.)"""
    from jejak.provenance.diff import as_siblings, find_distortions
    from jejak.provenance.translation import translation_distortions

    pair_rows, event_rows, distortion_rows = [], [], []
    threshold = shipped_judge().threshold
    for v in verdicts:
        if v.relation == "unrelated":
            if v.same_event is not None and v.same_event >= threshold:  # other words, one event: for the stories
                event_rows.append((v.a, v.b, round(v.same_event, 4)))
            continue
        evidence = v.to_dict()["evidence"]
        if v.common_source:
            evidence["common_source"] = v.common_source
        same = (v.same_event if v.relation in ("same-story", "background")
                else event_probability(docs[v.a], docs[v.b], rules))
        # null: the judge cannot tell (two languages, a stub); absent: stored before it judged such pairs
        evidence["same_event"] = None if same is None else round(same, 4)
        if v.background is not None:
            evidence["background"] = v.background.to_dict()
        pair_rows.append((v.a, v.b, v.relation, v.score, v.earlier, json.dumps(evidence)))
        if v.relation == "same-story":
            stats.same_story += 1
            continue
        if v.relation == "background":
            stats.background += 1
            continue
        if v.relation == "sibling":  # no original: the earlier is stored as the first text
            stats.siblings += 1
            original, copy = (docs[v.a], docs[v.b]) if v.earlier != v.b else (docs[v.b], docs[v.a])
        else:
            stats.copies += 1
            original, copy = original_of(docs[v.a], docs[v.b])
        if max(len(original.text), len(copy.text)) > MAX_DIFF_CHARS:
            stats.skipped.append(f"{copy.id}: not compared word by word with {original.id} (over "
                                 f"{MAX_DIFF_CHARS:,} characters); the pair is stored without distortions")
            continue
        # stored dates were read against each text's own day: reuse them only where that is the day used here
        if original.lang != copy.lang:  # a translation: its changed figures, found through the facts
            found = translation_distortions(original, copy)
        else:
            found = find_distortions(original.text, copy.text, copy.lang, original.published, copy.published,
                                     original.analysis if original.published else None,
                                     copy.analysis if copy.published else None, same_publisher(original, copy))
        if v.relation == "sibling":
            found = as_siblings(found)
        for i, d in enumerate(found):
            distortion_rows.append((original.id, copy.id, i, d.kind, d.a.start, d.a.end, d.a.text, d.b.start, d.b.end,
                                    d.b.text, d.note, d.band, d.doubt, d.confidence))
        stats.distortions += len(found)
    event_rows += [(a, b, round(p, 4)) for a, b, p in judged]
    stats.same_event += len(event_rows)
    with transaction(store.con) as con:
        if pair_rows:
            bulk_insert(con, "pairs", pair_rows, 6)
        if event_rows:
            bulk_insert(con, "event_pairs", event_rows, 3)
        alerts = []
        if distortion_rows:
            bulk_insert(con, "distortions", distortion_rows, 14)
            alerts = _distortion_alerts(con, distortion_rows)
        con.execute("INSERT INTO linked SELECT UNNEST(?::VARCHAR[]), ? ON CONFLICT DO NOTHING", [chunk, _now()])
    if alerts:
        stats.alerts += len(alerts)
        store.after_alerts(alerts)
    return len(pair_rows) + len(event_rows)


def _distortion_alerts(con: Any, rows: list[tuple[Any, ...]]) -> list[Any]:
    """Alerts of the watchlists that follow distorted copies, raised in the linker's transaction."""
    from jejak.watch.rows import insert_alerts, matcher_of

    matcher = matcher_of(con)
    return insert_alerts(con, matcher.match_distortions(rows)) if matcher.distortion else []


def stored_candidates(store: Store, rec: dict[str, Any]) -> set[str]:
    """Stored articles that may be copies or other reports of an article that is not stored
    (`jejak trace FILE`, the paste box): the same bucket, fact and title lookups, with the
    article's rows in memory."""
    _, buckets, facts = index_rows("", rec)
    found: set[str] = set()
    day = iso_day(rec.get("published"))
    if rec.get("title") and day is not None:
        found |= {y for _, y in title_neighbours(store, [("", rec["title"], day, rec.get("lang"))])}
    if buckets:
        found |= {r[0] for r in store.con.execute(
            """
            WITH q AS (SELECT UNNEST(?::SMALLINT[]) AS band, UNNEST(?::UBIGINT[]) AS bucket),
                 hits AS (SELECT o.article_id, o.band, o.bucket FROM q
                          JOIN lsh_buckets o ON o.band = q.band AND o.bucket = q.bucket),
                 sizes AS (SELECT band, bucket, count(*) AS n FROM hits GROUP BY band, bucket)
            SELECT DISTINCT article_id FROM hits JOIN sizes USING (band, bucket) WHERE n <= ?
            """, [[b for _, b, _ in buckets], [k for _, _, k in buckets], MAX_BUCKET]).fetchall()}
    named = [f for _, f in facts if not f.startswith("day:")]
    if named:
        found |= {r[0] for r in store.con.execute(
            """
            WITH df AS (SELECT fact, count(*) AS n FROM facts WHERE fact IN (SELECT UNNEST(?::VARCHAR[]))
                        GROUP BY fact)
            SELECT f.article_id FROM facts f JOIN df ON df.fact = f.fact AND df.n <= ?
            GROUP BY f.article_id HAVING count(*) >= ?
            """, [named, MAX_FACT_ARTICLES, MIN_SHARED_FACTS]).fetchall()}
    return found
