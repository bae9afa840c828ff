"""Build a linked store of CLICK-ID (reserved rows left out) and score its stories against our
grouping by reading (`eval/stories/groups.jsonl`, see `jejak.eval.stories`).

The store is kept under `--work` and built only when missing (`--rebuild` forces it: needed after
a change to analysis or linking). About five minutes on two cores (ingest about three, linking about one and a half).

    .venv/bin/python tools/score_stories.py [--work /tmp/jejak-stories] [--rebuild]
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
from pathlib import Path

from jejak.eval.provenance import clickid_input
from jejak.eval.reserved import reserved_ids
from jejak.eval.stories import GOLD, by_split, read_blocks, stored_stories
from jejak.provenance.linker import link
from jejak.store.writer import Store

REPO = Path(__file__).resolve().parents[1]
CLICKID = REPO.parent / "shared" / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"


def build(work: Path) -> Path:
    held_out = reserved_ids("id_news_clickid")
    records = work / "clickid.jsonl"
    with gzip.open(CLICKID, "rt", encoding="utf-8") as f, records.open("w", encoding="utf-8") as out:
        for line in f:
            r = json.loads(line)
            if r["id"] in held_out or not r.get("content"):
                continue
            out.write(json.dumps(clickid_input(r), ensure_ascii=False) + "\n")
    db = work / "clickid.duckdb"
    db.unlink(missing_ok=True)
    done = subprocess.run([sys.executable, "-m", "jejak.cli", "ingest", str(records), "--db", str(db), "-q"],
                          stdout=subprocess.DEVNULL)
    if done.returncode not in (0, 1):  # 1: some records skipped (empty scraped texts), the rest stored
        raise SystemExit(f"ingest failed with exit status {done.returncode}")
    with Store.open(db) as store:
        link(store)
    return db


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--work", type=Path, default=Path("/tmp/jejak-stories"))
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args(argv)
    if not CLICKID.is_file():
        print(f"CLICK-ID is not at {CLICKID}", file=sys.stderr)
        return 2
    args.work.mkdir(parents=True, exist_ok=True)
    db = args.work / "clickid.duckdb"
    if args.rebuild or not db.is_file():
        db = build(args.work)
    blocks = read_blocks(GOLD)
    with Store.open(db, read_only=True) as store:
        story_of, outlet_of = stored_stories(store, [a for b in blocks for a in b["articles"]])
    print(json.dumps(by_split(blocks, story_of, outlet_of)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
