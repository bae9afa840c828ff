"""What matching watchlists adds to an ingest: 1,000 new articles, 50 watchlists.

The issue's bar: alert matching after ingest costs at most 10 % of the ingest time. The input is
1,000 real CLICK-ID articles (rows in ../shared/eval/reserved.json left out). Each is analysed
once (timed: the analysis is most of what `jejak ingest` does), then stored in rounds, taking
turns, into

- a store without watchlists, and
- a store with 50 watchlists of one rule each: 20 entities, 10 speakers, 10 phrases, 8 event
  types (4 with an actor) and 2 distorted-copy rules, names and phrases an Indonesian desk follows.

Reported: the ingest time (analysis + storing), the extra time of storing with watchlists, the
matcher's own time over the same records, and both as a share of the ingest. Ratios only, from
runs side by side in one process.

Run: `.venv/bin/python benchmarks/bench_alerts.py [--articles 1000] [--rounds 3]`
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import tempfile
import time
from pathlib import Path

from jejak.eval.reserved import reserved_ids
from jejak.pipeline import analyze
from jejak.store import Store
from jejak.watch import Rule, add_watch
from jejak.watch.rows import matcher_of

ROOT = Path(__file__).resolve().parents[1]
CLICKID = ROOT.parent / "shared" / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"

ENTITIES = ["Jokowi", "Prabowo", "KPK", "DPR", "Polri", "TNI", "Sri Mulyani", "Anies Baswedan", "Ganjar Pranowo",
            "Gibran", "Kejaksaan Agung", "Bank Indonesia", "PDIP", "Golkar", "Gerindra", "Kementerian Keuangan",
            "Papua", "Amerika Serikat", "China", "Persija"]
SPEAKERS = ["Jokowi", "Prabowo Subianto", "Sri Mulyani", "Mahfud MD", "Luhut Binsar Pandjaitan", "Erick Thohir",
            "Puan Maharani", "Listyo Sigit", "Ridwan Kamil", "Airlangga Hartarto"]
PHRASES = ["RUU KPK", "omnibus law", "harga beras", "banjir", "gempa", "korupsi", "pemilu", "vaksin",
           "utang luar negeri", "ibu kota negara"]
EVENTS = [("ACCUSE", None), ("PROTEST", None), ("ASSAULT", None), ("COERCE", None), ("ACCUSE", "KPK"),
          ("SANCTION", "Polri"), ("AGREE", "Jokowi"), ("REJECT", "DPR")]


def articles(n: int) -> list[dict]:
    skip = reserved_ids("id_news_clickid")
    out = []
    with gzip.open(CLICKID, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            if (r.get("content") or "").strip() and r["id"] not in skip:
                out.append(r)
            if len(out) == n:
                break
    return out


def watch_rules() -> list[tuple[str, Rule]]:
    rules = [(f"ent-{i}", Rule("entity", x)) for i, x in enumerate(ENTITIES)]
    rules += [(f"spk-{i}", Rule("speaker", x)) for i, x in enumerate(SPEAKERS)]
    rules += [(f"txt-{i}", Rule("text", x)) for i, x in enumerate(PHRASES)]
    rules += [(f"evt-{i}", Rule("event", t, a)) for i, (t, a) in enumerate(EVENTS)]
    rules += [("copies", Rule("distortion")), ("copies-all", Rule("distortion", min_confidence=0.0))]
    assert len(rules) == 50
    return rules


def store_once(records: list, folder: Path, name: str, watched: bool) -> tuple[float, int]:
    path = folder / f"{name}.duckdb"
    with Store.open(path) as store:
        if watched:
            for watch, rule in watch_rules():
                add_watch(store, watch, [rule])
        start = time.perf_counter()
        stats = store.add_many(records)
        took = time.perf_counter() - start
    path.unlink()
    return took, stats.alerts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    raw = articles(args.articles)
    start = time.perf_counter()
    analysed = [analyze(r["content"], id=r["id"], title=r.get("title"), url=r.get("url"), published=r.get("date"))
                for r in raw]
    analysis = time.perf_counter() - start
    records = [a.to_dict() for a in analysed]
    plain, watched, alerts = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i in range(args.rounds):
            order = (False, True) if i % 2 == 0 else (True, False)
            for w in order:
                took, raised = store_once(records, folder, f"r{i}-{int(w)}", w)
                (watched if w else plain).append(took)
                alerts = raised if w else alerts
        with Store.open(folder / "m.duckdb") as store:  # the matcher alone, on the same records
            for watch, rule in watch_rules():
                add_watch(store, watch, [rule])
            matcher = matcher_of(store.con)
            times = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                for n, rec in enumerate(records):
                    matcher.match(str(n), rec)
                times.append(time.perf_counter() - start)
    store_plain, store_watched, match = (statistics.median(x) for x in (plain, watched, times))
    ingest = analysis + store_plain
    print(f"{len(records)} articles, 50 watchlists, {alerts} alerts raised; medians of {args.rounds} rounds")
    print(f"analysis {analysis:.1f} s, storing {store_plain:.2f} s without watchlists, {store_watched:.2f} s with")
    print(f"extra storing time with watchlists: {store_watched - store_plain:+.2f} s = "
          f"{(store_watched - store_plain) / ingest:.1%} of the ingest (bar: 10 %)")
    print(f"the matcher alone: {match:.2f} s = {match / ingest:.1%} of the ingest, "
          f"{match / store_plain:.1%} of storing")


if __name__ == "__main__":
    main()
