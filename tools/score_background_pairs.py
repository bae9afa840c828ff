"""Score a linked store's relations on the copy pairs read for shared background
(`eval/background-pairs/pairs.jsonl`, `docs/annotation-background-pairs.md`).

For each stratum: the pairs the store still calls copies and how many of those the readers call
copies (precision), and what it calls the pairs the readers call background. Pairs the readers
disagree on are listed apart. The store must hold the CLICK-ID articles (input ids as CLICK-ID
ids), as `benchmarks/bench_store.py` and `tools/score_stories.py` build it, and be linked.

    python tools/score_background_pairs.py /tmp/jejak-bench-store/large.duckdb
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jejak.store import Store  # noqa: E402

PAIRS = ROOT / "eval" / "background-pairs" / "pairs.jsonl"


def relations(store: Store, rows: list[dict]) -> dict[str, str]:
    """The stored relation of each pair (`none` when the store holds no pair for it)."""
    ids = dict(store.con.execute("SELECT input_id, article_id FROM articles").fetchall())
    out = {}
    for r in rows:
        a, b = ids.get(r["a"]), ids.get(r["b"])
        found = store.con.execute("SELECT relation FROM pairs WHERE (a = ? AND b = ?) OR (a = ? AND b = ?)",
                                  [a, b, b, a]).fetchone() if a and b else None
        out[r["pair"]] = found[0] if found else ("missing" if not (a and b) else "none")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path)
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with Store.open(args.store, read_only=True) as store:
        said = relations(store, rows)
    for stratum in sorted({r["stratum"] for r in rows}):
        part = [r for r in rows if r["stratum"] == stratum and r["relation"]]
        copies = [r for r in part if said[r["pair"]] in ("copy", "sibling")]
        right = sum(r["relation"] == "copy" for r in copies)
        table = Counter((r["relation"], said[r["pair"]]) for r in part)
        print(f"{stratum}: {len(part)} agreed pairs; called copies {len(copies)}, of which copies by the readers "
              f"{right}" + (f" (precision {right / len(copies):.2f})" if copies else ""))
        for (gold, got), n in sorted(table.items()):
            print(f"  readers {gold:10} store {got:10} {n}")
    disputed = [r for r in rows if not r["relation"]]
    for r in disputed:
        print(f"disputed {r['pair']} ({' / '.join(r['readings'])}): store {said[r['pair']]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
