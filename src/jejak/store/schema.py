"""DDL of the jejak DuckDB store and the schema-version check.

One row per annotation, each with the `start`/`end` character offsets of its evidence in
`articles.text` (removals: in `articles.source_text`), so any row can show the sentence it
came from. `end` is an SQL keyword: write it quoted (`"end"`) in hand-written queries.

The version lives in its own table so that an older jejak refuses a store written by a
newer one instead of misreading it.
"""

from __future__ import annotations

import json
from typing import Any

SCHEMA_VERSION = 13

#: Tables in creation order (children after `articles`).
TABLES: tuple[str, ...] = (
    "articles",
    "sentences",
    "entities",
    "mentions",
    "aliases",
    "quotes",
    "times",
    "amounts",
    "events",
    "indicators",
    "removals",
    "signatures",
    "lsh_buckets",
    "facts",
)

#: Tables the provenance linker writes (`jejak stories`), derived from the ones above.
PROVENANCE_TABLES: tuple[str, ...] = ("linked", "pairs", "event_pairs", "distortions", "stories", "story_articles",
                                      "batch_partitions")

#: The monitor's tables (`jejak watch`, `jejak alerts`): what a desk follows and what it was told.
WATCH_TABLES: tuple[str, ...] = ("watchlists", "watch_rules", "alerts")

#: The articles table. Its three long columns are compressed with zstd: DuckDB's default leaves most
#: article texts uncompressed once a store holds thousands, and they were three quarters of its size.
#: `text` is kept once: the stored `record` is the analysis record without it (`writer.stored_record`
#: puts it back), and `source_text` is NULL when it is the text itself.
ARTICLES_DDL = """
        CREATE TABLE IF NOT EXISTS {table} (
            article_id      VARCHAR PRIMARY KEY,  -- content hash, see writer.content_hash
            input_id        VARCHAR,              -- the record's own id
            url             VARCHAR,
            title           VARCHAR,
            outlet          VARCHAR,              -- the publisher, from the URL (jejak.kb.publishers)
            dateline_place  VARCHAR,
            published       DATE,
            published_from  VARCHAR,
            lang            VARCHAR,
            text            VARCHAR NOT NULL USING COMPRESSION zstd,
            source_text     VARCHAR USING COMPRESSION zstd,  -- the text before cleaning; NULL: the same as text
            ingested_at     TIMESTAMP NOT NULL,
            record          JSON NOT NULL USING COMPRESSION zstd,  -- the analysis record without its text
            published_at    TIMESTAMP,            -- with the clock time (WIB), when the metadata gave one
            dateline_outlet VARCHAR,              -- the brand the text's dateline names (a copy keeps its source's)
            author          VARCHAR,              -- from the page's metadata
            site_name       VARCHAR,              -- as the page names its site
            canonical_url   VARCHAR               -- the page's <link rel=canonical>, when it differs from url
        )"""

#: The quotes table. A speaker's page of quotes is read row by row through the speaker index, and
#: DuckDB decompresses a whole block of compressed strings for each row it fetches: the quote's
#: words are kept uncompressed (0.2 MB per 1,000 articles), which halves that page's cost on a
#: 20,000-article store.
QUOTES_DDL = """
        CREATE TABLE IF NOT EXISTS {table} (
            article_id      VARCHAR NOT NULL,
            quote_no        INTEGER NOT NULL,
            kind            VARCHAR,
            text            VARCHAR USING COMPRESSION uncompressed,
            start           INTEGER,
            "end"           INTEGER,
            speaker_key     VARCHAR,              -- same key as entities.entity_key
            speaker_name    VARCHAR,
            speaker_type    VARCHAR,
            speaker_country VARCHAR,
            speaker_kb_id   VARCHAR,
            speaker_start   INTEGER,
            speaker_end     INTEGER,
            cue_start       INTEGER,
            cue_end         INTEGER,
            via             VARCHAR,
            confidence      DOUBLE,               -- how likely the speaker is right; NULL before schema 6
            published       TIMESTAMP             -- the article's, as published_order() gives it: speaker
                                                  -- queries sort without reading the articles table
        )"""

DDL: dict[str, str] = {
    "schema_version": """
        CREATE TABLE IF NOT EXISTS schema_version (
            version     INTEGER NOT NULL,
            created_at  TIMESTAMP NOT NULL DEFAULT current_timestamp
        )""",
    "articles": ARTICLES_DDL.format(table="articles"),
    "sentences": """
        CREATE TABLE IF NOT EXISTS sentences (
            article_id  VARCHAR NOT NULL,
            sent_no     INTEGER NOT NULL,
            start       INTEGER NOT NULL,
            "end"       INTEGER NOT NULL
        )""",
    "entities": """
        CREATE TABLE IF NOT EXISTS entities (
            article_id  VARCHAR NOT NULL,
            entity_key  VARCHAR NOT NULL,         -- kb_id, else TYPE:name
            name        VARCHAR NOT NULL,
            type        VARCHAR,
            country     VARCHAR,
            kb_id       VARCHAR,
            confidence  DOUBLE                    -- how likely name and type are right; NULL before schema 6
        )""",
    "mentions": """
        CREATE TABLE IF NOT EXISTS mentions (
            article_id  VARCHAR NOT NULL,
            entity_key  VARCHAR NOT NULL,
            start       INTEGER NOT NULL,
            "end"       INTEGER NOT NULL,
            text        VARCHAR
        )""",
    # The other names an article calls an entity by (`Jokowi`, `KPK`), as written, so that
    # `--speaker`, `--name` and `--actor` find the entity by them through an index on lower(alias)
    # instead of reading every mention (DuckDB folds both sides: Python's lower() differs for `İ`).
    # A name the entity's own name already holds is left out.
    "aliases": """
        CREATE TABLE IF NOT EXISTS aliases (
            article_id  VARCHAR NOT NULL,
            entity_key  VARCHAR NOT NULL,
            kb_id       VARCHAR,
            alias       VARCHAR NOT NULL          -- the mention's words
        )""",
    "quotes": QUOTES_DDL.format(table="quotes"),
    "times": """
        CREATE TABLE IF NOT EXISTS times (
            article_id  VARCHAR NOT NULL,
            time_no     INTEGER NOT NULL,
            text        VARCHAR,
            value       VARCHAR,                  -- YYYY-MM-DD, YYYY-MM or YYYY
            day         DATE,                     -- value when it names a day
            start       INTEGER,
            "end"       INTEGER,
            note        VARCHAR
        )""",
    "amounts": """
        CREATE TABLE IF NOT EXISTS amounts (
            article_id  VARCHAR NOT NULL,
            amount_no   INTEGER NOT NULL,
            text        VARCHAR,
            value       DOUBLE,
            currency    VARCHAR,
            unit        VARCHAR,
            start       INTEGER,
            "end"       INTEGER,
            note        VARCHAR
        )""",
    "events": """
        CREATE TABLE IF NOT EXISTS events (
            article_id      VARCHAR NOT NULL,
            event_no        INTEGER NOT NULL,
            type            VARCHAR,
            mode            VARCHAR,
            source_name     VARCHAR,
            source_country  VARCHAR,
            source_kb_id    VARCHAR,
            target_name     VARCHAR,
            target_country  VARCHAR,
            target_kb_id    VARCHAR,
            location        VARCHAR,
            date            VARCHAR,
            start           INTEGER,
            "end"           INTEGER,
            source_type     VARCHAR,
            source_sector   VARCHAR,
            target_type     VARCHAR,
            target_sector   VARCHAR,
            reported_by     VARCHAR,
            trigger_start   INTEGER,
            trigger_end     INTEGER,
            spans           VARCHAR,                -- JSON [[start, end], ...]: every telling of the act
            confidence      DOUBLE,                 -- how likely the act and its type are right; NULL before schema 7
            source_described BOOLEAN,               -- people the text describes, not names (`massa`); NULL before schema 9
            target_described BOOLEAN
        )""",
    "indicators": """
        CREATE TABLE IF NOT EXISTS indicators (
            article_id      VARCHAR NOT NULL,
            indicator_no    INTEGER NOT NULL,
            kind            VARCHAR,
            text            VARCHAR,
            start           INTEGER,
            "end"           INTEGER,
            note            VARCHAR
        )""",
    "removals": """
        CREATE TABLE IF NOT EXISTS removals (
            article_id  VARCHAR NOT NULL,
            removal_no  INTEGER NOT NULL,
            kind        VARCHAR,
            text        VARCHAR,
            start       INTEGER,                  -- into articles.source_text
            "end"       INTEGER,
            reason      VARCHAR
        )""",
    # A row says the article is indexed for linking under `scheme`; its MinHash values, never read
    # again, are not kept since schema 12 (re-banding hashes the text again).
    "signatures": """
        CREATE TABLE IF NOT EXISTS signatures (
            article_id  VARCHAR NOT NULL,
            scheme      VARCHAR NOT NULL          -- LSH parameters its buckets were made with
        )""",
    "lsh_buckets": """
        CREATE TABLE IF NOT EXISTS lsh_buckets (
            article_id  VARCHAR NOT NULL,
            band        SMALLINT NOT NULL,
            bucket      UBIGINT NOT NULL          -- articles sharing (band, bucket) are candidate copies
        )""",
    "facts": """
        CREATE TABLE IF NOT EXISTS facts (
            article_id  VARCHAR NOT NULL,
            fact        VARCHAR NOT NULL          -- amt:IDR:752000, day:2019-09-19, ent:gpe:RUS, spk:...
        )""",
    "linked": """
        CREATE TABLE IF NOT EXISTS linked (
            article_id  VARCHAR PRIMARY KEY,      -- compared with its candidates
            linked_at   TIMESTAMP NOT NULL
        )""",
    "pairs": """
        CREATE TABLE IF NOT EXISTS pairs (
            a           VARCHAR NOT NULL,         -- article_id, a < b
            b           VARCHAR NOT NULL,
            relation    VARCHAR NOT NULL,         -- copy | sibling | same-story | background
            score       DOUBLE,                   -- shared-wording containment
            earlier     VARCHAR,                  -- article_id published first, when known
            evidence    JSON
        )""",
    "event_pairs": """
        CREATE TABLE IF NOT EXISTS event_pairs (
            a           VARCHAR NOT NULL,         -- article_id, a < b
            b           VARCHAR NOT NULL,
            same_event  DOUBLE NOT NULL           -- the judge's probability that both tell one event
        )""",
    "distortions": """
        CREATE TABLE IF NOT EXISTS distortions (
            original        VARCHAR NOT NULL,     -- article_id of the earlier text
            copy            VARCHAR NOT NULL,
            distortion_no   INTEGER NOT NULL,
            kind            VARCHAR NOT NULL,
            original_start  INTEGER,              -- into articles.text of `original`
            original_end    INTEGER,
            original_text   VARCHAR,
            copy_start      INTEGER,              -- into articles.text of `copy`
            copy_end        INTEGER,
            copy_text       VARCHAR,
            note            VARCHAR,
            band            VARCHAR,              -- figure | name | wording | rewrite | doubt
            doubt           VARCHAR,              -- what speaks against it (jejak.provenance.diff.Distortion)
            confidence      DOUBLE                -- the band's measured share of real changes of fact
        )""",
    "batch_partitions": """
        CREATE TABLE IF NOT EXISTS batch_partitions (
            partition_id    VARCHAR PRIMARY KEY,  -- loaded in the same transaction as its articles
            source          VARCHAR,              -- the input it was cut from
            articles        INTEGER,              -- new articles stored
            duplicates      INTEGER,
            skipped         INTEGER,
            failed          INTEGER,
            loaded_at       TIMESTAMP NOT NULL
        )""",
    "watchlists": """
        CREATE TABLE IF NOT EXISTS watchlists (
            name        VARCHAR PRIMARY KEY,
            webhook     VARCHAR,                  -- a URL alerts are POSTed to; NULL: none (the default)
            created_at  TIMESTAMP NOT NULL
        )""",
    "watch_rules": """
        CREATE TABLE IF NOT EXISTS watch_rules (
            watch           VARCHAR NOT NULL,     -- watchlists.name
            rule_no         INTEGER NOT NULL,
            kind            VARCHAR NOT NULL,     -- entity | speaker | text | event | distortion
            value           VARCHAR,              -- the name, phrase or PLOVER type followed
            actor           VARCHAR,              -- for an event rule: a source or target it must have
            min_confidence  DOUBLE NOT NULL,      -- claims less likely than this raise no alert
            place           VARCHAR               -- for an event rule: where it happened, or the province around it
        )""",
    "alerts": """
        CREATE TABLE IF NOT EXISTS alerts (
            alert_id        VARCHAR PRIMARY KEY,  -- hash of watch, rule, article and evidence: raised once
            watch           VARCHAR NOT NULL,
            rule_no         INTEGER NOT NULL,
            kind            VARCHAR NOT NULL,     -- the rule's kind
            article_id      VARCHAR NOT NULL,     -- where the evidence is
            start           INTEGER,              -- the evidence span in articles.text
            "end"           INTEGER,
            headline        VARCHAR NOT NULL,     -- what happened, in a line
            evidence        VARCHAR,              -- the evidence's own words
            confidence      DOUBLE,
            original        VARCHAR,              -- for a distorted copy: the original's article_id
            raised_at       TIMESTAMP NOT NULL,
            delivered       VARCHAR               -- the webhook's outcome; NULL when the watch has none
        )""",
    "stories": """
        CREATE TABLE IF NOT EXISTS stories (
            story_id        VARCHAR PRIMARY KEY,
            title           VARCHAR,
            first_published DATE,
            earliest        VARCHAR,              -- article_id of the earliest report
            articles        INTEGER,
            outlets         INTEGER
        )""",
    "story_articles": """
        CREATE TABLE IF NOT EXISTS story_articles (
            story_id    VARCHAR NOT NULL,
            article_id  VARCHAR NOT NULL,
            role        VARCHAR NOT NULL,         -- original | copy | report
            copy_of     VARCHAR                   -- for a copy: its likely original
        )""",
}

#: Column names and DuckDB types of each child table, in DDL order: the writer's bulk
#: insert casts each column list to these types.
COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "sentences": (("article_id", "VARCHAR"), ("sent_no", "INTEGER"), ("start", "INTEGER"), ("end", "INTEGER")),
    "entities": (
        ("article_id", "VARCHAR"), ("entity_key", "VARCHAR"), ("name", "VARCHAR"),
        ("type", "VARCHAR"), ("country", "VARCHAR"), ("kb_id", "VARCHAR"), ("confidence", "DOUBLE"),
    ),
    "aliases": (("article_id", "VARCHAR"), ("entity_key", "VARCHAR"), ("kb_id", "VARCHAR"), ("alias", "VARCHAR")),
    "mentions": (
        ("article_id", "VARCHAR"), ("entity_key", "VARCHAR"), ("start", "INTEGER"),
        ("end", "INTEGER"), ("text", "VARCHAR"),
    ),
    "quotes": (
        ("article_id", "VARCHAR"), ("quote_no", "INTEGER"), ("kind", "VARCHAR"), ("text", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("speaker_key", "VARCHAR"), ("speaker_name", "VARCHAR"),
        ("speaker_type", "VARCHAR"), ("speaker_country", "VARCHAR"), ("speaker_kb_id", "VARCHAR"),
        ("speaker_start", "INTEGER"), ("speaker_end", "INTEGER"), ("cue_start", "INTEGER"),
        ("cue_end", "INTEGER"), ("via", "VARCHAR"), ("confidence", "DOUBLE"), ("published", "TIMESTAMP"),
    ),
    "times": (
        ("article_id", "VARCHAR"), ("time_no", "INTEGER"), ("text", "VARCHAR"), ("value", "VARCHAR"),
        ("day", "DATE"), ("start", "INTEGER"), ("end", "INTEGER"), ("note", "VARCHAR"),
    ),
    "amounts": (
        ("article_id", "VARCHAR"), ("amount_no", "INTEGER"), ("text", "VARCHAR"), ("value", "DOUBLE"),
        ("currency", "VARCHAR"), ("unit", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("note", "VARCHAR"),
    ),
    "events": (
        ("article_id", "VARCHAR"), ("event_no", "INTEGER"), ("type", "VARCHAR"), ("mode", "VARCHAR"),
        ("source_name", "VARCHAR"), ("source_country", "VARCHAR"), ("source_kb_id", "VARCHAR"),
        ("target_name", "VARCHAR"), ("target_country", "VARCHAR"), ("target_kb_id", "VARCHAR"),
        ("location", "VARCHAR"), ("date", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("source_type", "VARCHAR"), ("source_sector", "VARCHAR"), ("target_type", "VARCHAR"),
        ("target_sector", "VARCHAR"), ("reported_by", "VARCHAR"), ("trigger_start", "INTEGER"),
        ("trigger_end", "INTEGER"), ("spans", "VARCHAR"), ("confidence", "DOUBLE"),
        ("source_described", "BOOLEAN"), ("target_described", "BOOLEAN"),
    ),
    "indicators": (
        ("article_id", "VARCHAR"), ("indicator_no", "INTEGER"), ("kind", "VARCHAR"), ("text", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("note", "VARCHAR"),
    ),
    "removals": (
        ("article_id", "VARCHAR"), ("removal_no", "INTEGER"), ("kind", "VARCHAR"), ("text", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("reason", "VARCHAR"),
    ),
    "signatures": (("article_id", "VARCHAR"), ("scheme", "VARCHAR")),
    "lsh_buckets": (("article_id", "VARCHAR"), ("band", "SMALLINT"), ("bucket", "UBIGINT")),
    "facts": (("article_id", "VARCHAR"), ("fact", "VARCHAR")),
    "pairs": (
        ("a", "VARCHAR"), ("b", "VARCHAR"), ("relation", "VARCHAR"), ("score", "DOUBLE"),
        ("earlier", "VARCHAR"), ("evidence", "JSON"),
    ),
    "event_pairs": (("a", "VARCHAR"), ("b", "VARCHAR"), ("same_event", "DOUBLE")),
    "distortions": (
        ("original", "VARCHAR"), ("copy", "VARCHAR"), ("distortion_no", "INTEGER"), ("kind", "VARCHAR"),
        ("original_start", "INTEGER"), ("original_end", "INTEGER"), ("original_text", "VARCHAR"),
        ("copy_start", "INTEGER"), ("copy_end", "INTEGER"), ("copy_text", "VARCHAR"), ("note", "VARCHAR"),
        ("band", "VARCHAR"), ("doubt", "VARCHAR"), ("confidence", "DOUBLE"),
    ),
    "alerts": (
        ("alert_id", "VARCHAR"), ("watch", "VARCHAR"), ("rule_no", "INTEGER"), ("kind", "VARCHAR"),
        ("article_id", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("headline", "VARCHAR"),
        ("evidence", "VARCHAR"), ("confidence", "DOUBLE"), ("original", "VARCHAR"), ("raised_at", "TIMESTAMP"),
        ("delivered", "VARCHAR"),
    ),
    "stories": (
        ("story_id", "VARCHAR"), ("title", "VARCHAR"), ("first_published", "DATE"), ("earliest", "VARCHAR"),
        ("articles", "INTEGER"), ("outlets", "INTEGER"),
    ),
    "story_articles": (
        ("story_id", "VARCHAR"), ("article_id", "VARCHAR"), ("role", "VARCHAR"), ("copy_of", "VARCHAR"),
    ),
}

ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR"), ("input_id", "VARCHAR"), ("url", "VARCHAR"), ("title", "VARCHAR"),
    ("outlet", "VARCHAR"), ("dateline_place", "VARCHAR"), ("published", "DATE"),
    ("published_from", "VARCHAR"), ("lang", "VARCHAR"), ("text", "VARCHAR"), ("source_text", "VARCHAR"),
    ("ingested_at", "TIMESTAMP"), ("record", "JSON"), ("published_at", "TIMESTAMP"),
    ("dateline_outlet", "VARCHAR"), ("author", "VARCHAR"), ("site_name", "VARCHAR"), ("canonical_url", "VARCHAR"),
)


def published_order(alias: str) -> str:
    """The SQL that orders articles by publication: the moment when the metadata gave a clock
    time, else the start of the day, so that two reports of one morning keep their order."""
    return f"coalesce({alias}.published_at, {alias}.published::TIMESTAMP)"


#: Statements that bring a store of version N up to N + 1. Version 1 had the events table but no
#: event coder, so its events are empty and only the new columns are needed.
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: tuple(
        f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} {type_}"
        for name, type_ in (
            ("source_type", "VARCHAR"), ("source_sector", "VARCHAR"), ("target_type", "VARCHAR"),
            ("target_sector", "VARCHAR"), ("reported_by", "VARCHAR"), ("trigger_start", "INTEGER"),
            ("trigger_end", "INTEGER"), ("spans", "VARCHAR"),
        )
    ),
    # Version 3 adds the clock time of publication and the provenance tables. Articles stored
    # before it have no signatures yet: the linker computes them when it first meets them.
    2: ("ALTER TABLE articles ADD COLUMN IF NOT EXISTS published_at TIMESTAMP",),
    # Version 4 adds the batch runner's manifest (`batch_partitions`), created like every new table.
    3: (),
    # Version 5 gives `outlet` one meaning, the publisher (the writer recomputes it from each URL,
    # see writer._republish), and keeps the dateline's brand and the page's metadata apart.
    4: (
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS dateline_outlet VARCHAR",
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS author VARCHAR",
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS site_name VARCHAR",
        "ALTER TABLE articles ADD COLUMN IF NOT EXISTS canonical_url VARCHAR",
        "UPDATE articles SET dateline_outlet = json_extract_string(record, '$.dateline.outlet')",
    ),
    # Version 6 gives entities and quotes a confidence; rows stored before it keep NULL (unknown),
    # and `--min-confidence` leaves them out.
    5: (
        "ALTER TABLE entities ADD COLUMN IF NOT EXISTS confidence DOUBLE",
        "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS confidence DOUBLE",
    ),
    # Version 7 gives events a confidence (calibrated by how each was found); older rows keep NULL.
    6: ("ALTER TABLE events ADD COLUMN IF NOT EXISTS confidence DOUBLE",),
    # Version 8 gives distortions a band and a confidence (calibrated on real copy pairs); rows
    # stored before it keep NULL and are listed as places to look.
    # (A store older than version 3 has no distortions table yet: it is created here, whole.)
    7: (DDL["distortions"], *(f"ALTER TABLE distortions ADD COLUMN IF NOT EXISTS {name} {type_}"
                              for name, type_ in (("band", "VARCHAR"), ("doubt", "VARCHAR"), ("confidence", "DOUBLE")))),
    # Version 9 marks an event's actors that the text only describes (`massa`, `pelaku`), which
    # have no entity row and must not be taken for a named group; older rows keep NULL.
    8: tuple(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {name} BOOLEAN"
             for name in ("source_described", "target_described")),
    # Version 10 keeps the pairs the relation rules call unrelated but the same-event judge calls
    # one event (`event_pairs`), so that stories follow the judge; older stores start it empty.
    9: (DDL["event_pairs"],),
    # Version 11 adds the monitor's watchlists, their rules and the alerts they raised (created
    # empty by all_ddl(); nothing older is matched until the user asks for a backfill).
    10: (),
    # Version 12 keeps each article's text once and compressed: the articles table is written
    # again with zstd on its long columns, the record without its text, and no copy of the text
    # as source_text. (The next CHECKPOINT frees the old blocks for new rows; the file itself
    # shrinks only when rewritten, see `jejak compact`.) Signatures keep only their scheme. Quotes
    # are written again too, with their words uncompressed and the publication moment beside them,
    # and the names articles use for entities go into `aliases`.
    11: (
        ARTICLES_DDL.format(table="articles_v12"),
        "INSERT INTO articles_v12 SELECT " + ", ".join(
            {"source_text": "CASE WHEN source_text = text OR source_text = '' THEN NULL ELSE source_text END",
             "record": "json_merge_patch(record, '{\"text\": null}')"}.get(name, name)
            for name, _ in ARTICLE_COLUMNS) + " FROM articles",
        "DROP TABLE articles",
        "ALTER TABLE articles_v12 RENAME TO articles",
        "ALTER TABLE IF EXISTS signatures DROP COLUMN IF EXISTS minhash",
        QUOTES_DDL.format(table="quotes_v12"),
        "INSERT INTO quotes_v12 SELECT " + ", ".join(
            f"{published_order('a')}" if name == "published" else f'q."{name}"' for name, _ in COLUMNS["quotes"])
        + " FROM quotes q LEFT JOIN articles a USING (article_id)",
        "DROP TABLE quotes",
        "ALTER TABLE quotes_v12 RENAME TO quotes",
        DDL["aliases"],
        "DELETE FROM aliases",  # (made whole from the mentions, whatever was there)
        "INSERT INTO aliases SELECT DISTINCT m.article_id, m.entity_key, e.kb_id, m.text FROM mentions m"
        " JOIN entities e USING (article_id, entity_key)"
        " WHERE m.text IS NOT NULL AND NOT contains(lower(e.name), lower(m.text))",
    ),
    # Version 13 keeps no aliases row for a name the knowledge base already gives that entity
    # (`Jokowi`, `KPK`): a step in Python deletes them (`writer._drop_known_aliases`).
    12: (),
}


def stored_record(record: str | dict[str, Any], text: str) -> dict[str, Any]:
    """An analysis record as stored (`articles.record`, kept without its text since schema 12)
    made whole again with the article's text."""
    rec = json.loads(record) if isinstance(record, str) else dict(record)
    rec.setdefault("text", text)
    return rec


class StoreError(Exception):
    """A store problem with a message that tells the user what to do next."""


class NotFound(StoreError):
    """Nothing in the store has the id that was asked for."""


class StoreDamaged(StoreError):
    """The store file cannot be read: not a DuckDB file, cut short or overwritten."""


#: The two lookups a growing store must answer without reading a whole table: a speaker's quotes
#: and the entities an alias names. (ART indexes cost inserts time, so there are no others: DuckDB's
#: zone maps serve the article_id joins.)
#: DuckDB alters no table an index depends on, so a migration drops them first (`writer._migrate`).
INDEXES: dict[str, str] = {
    "quotes_speaker": "quotes (speaker_key)",
    "aliases_alias": "aliases (lower(alias))",
}


def all_ddl() -> list[str]:
    """Every CREATE statement, schema_version first, indexes last."""
    return [DDL["schema_version"], *(DDL[t] for t in TABLES + PROVENANCE_TABLES + WATCH_TABLES),
            *(f"CREATE INDEX IF NOT EXISTS {name} ON {on}" for name, on in INDEXES.items())]


def check_version(found: int | None, path: str) -> None:
    """Refuse stores this jejak cannot read: newer, older without migration, or foreign."""
    if found is None:
        raise StoreError(
            f"{path}: the schema_version table is empty; this is not a jejak store "
            "(or its creation was interrupted). Use a new file."
        )
    if found > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store schema version {found} is newer than this jejak understands "
            f"({SCHEMA_VERSION}). Upgrade jejak (pip install -U jejak) to open it."
        )
    if found < SCHEMA_VERSION and found not in MIGRATIONS:
        raise StoreError(
            f"{path}: store schema version {found} is older than this jejak's ({SCHEMA_VERSION}) "
            "and no migration exists yet. Re-ingest into a new store."
        )
