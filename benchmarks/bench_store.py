"""How the store grows: its size per 1,000 articles, and what `quotes --speaker` costs, at 2,000 and 20,000 articles.

Both stores are built from CLICK-ID (the same records as `bench_link.py`: outside the reserved
rows, shuffled with a fixed seed; the small store is the first 2,000 of the large one's 20,000)
with `jejak ingest` in a fresh process each, then linked with `jejak stories`. Sizes are of the
file as the user finds it after each step.

`quotes --speaker` is timed in one process over both stores, taking turns (small, large, small,
...) so this machine's drifting speed hits both alike: each round asks for every name in NAMES
(the page of 100 newest quotes each, as the command does), and the median round of each side is
reported with the ratio large / small (the issue's bar: at most 2x; linear growth is 10x). The
query the store answered before schema 12 (every quote tested against the name, its aliases read
from every mention, the articles joined before the page was chosen) runs beside it on the same
stores as the baseline, and must return the same rows.

Run: `.venv/bin/python benchmarks/bench_store.py [--rounds 7] [--work /tmp/jejak-bench-store]`
(about 5 minutes the first time, most of it building the stores).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from bench_link import build, jejak, store_size_arguments

from jejak.store import Store, queries
from jejak.store.queries import known_ids

#: Speakers a desk asks for: the most quoted, a minister, a body, a short alias, a common given name.
NAMES = ("Jokowi", "Prabowo", "Sri Mulyani", "Anies", "KPK", "Polri", "Budi", "Ganjar", "Luhut", "Mahfud")

OLD_SPEAKER_QUERY = """
    SELECT a.published, a.outlet, a.title, a.url, q.speaker_name AS speaker, q.speaker_type,
           q.speaker_country, q.speaker_kb_id, q.kind, q.text AS quote, q.via, q.confidence,
           q.article_id, q.quote_no, q.start, q."end"
    FROM quotes q JOIN articles a USING (article_id)
    WHERE (q.speaker_key = ? OR contains(lower(q.speaker_name), lower(?))
           OR list_contains(?::VARCHAR[], q.speaker_kb_id)
           OR EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id
                      AND m.entity_key = q.speaker_key AND lower(m.text) = lower(?))
           OR q.speaker_kb_id IN (SELECT e.kb_id FROM mentions m2 JOIN entities e USING (article_id, entity_key)
                                  WHERE lower(m2.text) = lower(?) AND e.kb_id IS NOT NULL))
    ORDER BY coalesce(a.published_at, a.published::TIMESTAMP) DESC NULLS LAST, q.article_id, q.quote_no
    LIMIT 100
"""


def _link_and_report(name: str, db: Path) -> None:
    """Link a store just ingested with `jejak stories`, saying its size after each step."""
    ingested = db.stat().st_size
    jejak("stories", "--db", str(db), "-n", "1")
    with Store.open(db, read_only=True) as s:
        n = s.count("articles")
    print(f"{name}: {n:,} articles; after ingest {ingested / 1e6:.1f} MB ({ingested / 1e3 / n:.2f} MB per "
          f"1,000), after linking {db.stat().st_size / 1e6:.1f} MB ({db.stat().st_size / 1e3 / n:.2f} MB per 1,000)")


def old_speaker(store: Store, name: str) -> list[tuple]:
    return store.con.execute(OLD_SPEAKER_QUERY, [name, name, known_ids(name), name, name]).fetchall()


def new_speaker(store: Store, name: str) -> list[tuple]:
    return [tuple(r.values()) for r in queries.quotes(store, speaker=name, limit=100)]


def main(argv: list[str] | None = None) -> int:
    args = store_size_arguments(argv, __doc__.split("\n\n")[0], 7, "/tmp/jejak-bench-store")
    if args is None:
        return 2
    paths = build(args.work, args.large, args.small, after=_link_and_report)
    stores = {name: Store.open(p, read_only=True) for name, p in paths.items()}
    for name, store in stores.items():
        size = Path(store.path).stat().st_size
        print(f"{name}: {store.count('articles'):,} articles, {store.count('quotes'):,} quotes, "
              f"{size / 1e6:.1f} MB ({size / 1e3 / store.count('articles'):.2f} MB per 1,000 articles)")
        for speaker in NAMES:
            if old_speaker(store, speaker) != new_speaker(store, speaker):
                raise AssertionError(f"{name}: the two queries disagree on {speaker!r}")
    times = {(way, name): [] for way in ("before", "now") for name in stores}
    for _ in range(args.rounds):
        for way, ask in (("before", old_speaker), ("now", new_speaker)):
            for name, store in stores.items():
                started = time.perf_counter()
                for speaker in NAMES:
                    ask(store, speaker)
                times[(way, name)].append(time.perf_counter() - started)
    for way in ("before", "now"):
        small, large = (statistics.median(times[(way, n)]) for n in ("small", "large"))
        print(f"quotes --speaker, {way}: {small * 1e3 / len(NAMES):.1f} ms a name on {args.small:,}, "
              f"{large * 1e3 / len(NAMES):.1f} ms on {args.large:,}; large / small = {large / small:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
