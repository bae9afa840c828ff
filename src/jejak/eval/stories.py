"""Score stories against our grouping by reading (`eval/stories/groups.jsonl`).

Ten blocks of 50 CLICK-ID articles, each block from one day, were grouped by the event they
report by two people who never saw jejak's stories (`docs/annotation-stories.md`). Blocks 7 to 10
train the same-event judge, blocks 1, 3 and 5 are the dev split (look at their errors, tune on
them; the judge trains on them too); 2, 4 and 6 the test split. A pair of
articles of one block is *together* when both readers put them in one group, *apart* when both
kept them apart, and disputed (not scored) otherwise.

jejak's stories come from a store that holds these articles among the rest of the corpus, linked
as `jejak stories` links it: two articles are together when they share a story. Reported:

- pair precision: of the labelled pairs jejak puts in one story, the share the readers put together;
- recall of the readers' pairs, and of those across outlets (the ones a monitor needs linked);
- purity: each jejak story (cut down to one block's labelled articles) counted by its largest part
  that the readers put together, over the articles in stories of two or more.

    python -m jejak.eval.stories STORE.duckdb [eval/stories/groups.jsonl]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from jejak.store.writer import Store

REPO = Path(__file__).resolve().parents[3]
GOLD = REPO / "eval" / "stories" / "groups.jsonl"


def read_blocks(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def stored_stories(store: Store, input_ids: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """(input id -> story id, input id -> outlet) for the labelled articles the store holds."""
    rows = store.con.execute(
        "SELECT a.input_id, s.story_id, a.outlet FROM articles a LEFT JOIN story_articles s USING (article_id)"
        " WHERE a.input_id IN (SELECT UNNEST(?::VARCHAR[]))", [input_ids]).fetchall()
    return {i: s for i, s, _ in rows if s is not None}, {i: o or "" for i, _, o in rows}


def score(blocks: list[dict[str, Any]], story_of: dict[str, str], outlet_of: dict[str, str]) -> dict[str, Any]:
    """The figures over all blocks (see the module docstring)."""
    said = right = gold = found = cross_gold = cross_found = 0
    pure = clustered = missing = 0
    for block in blocks:
        group_of = {a: k for k, g in enumerate(block["groups"]) for a in g}
        disputed = {tuple(sorted(p)) for p in block["disputed"]}
        arts = [a for a in block["articles"] if a in outlet_of]
        missing += len(block["articles"]) - len(arts)
        for x, y in itertools.combinations(sorted(arts), 2):
            if (x, y) in disputed:
                continue
            together = group_of[x] == group_of[y]
            linked = x in story_of and story_of.get(x) == story_of.get(y)
            said += linked
            right += linked and together
            gold += together
            found += together and linked
            if together and outlet_of[x] != outlet_of[y]:
                cross_gold += 1
                cross_found += linked
        members: dict[str, list[str]] = {}
        for a in arts:
            if a in story_of:
                members.setdefault(story_of[a], []).append(a)
        for group in members.values():
            if len(group) < 2:
                continue
            clustered += len(group)
            pure += Counter(group_of[a] for a in group).most_common(1)[0][1]
    return {
        "articles": sum(len(b["articles"]) for b in blocks) - missing, "missing": missing,
        "pairs_said": said, "pair_precision": round(right / said, 3) if said else None,
        "gold_pairs": gold, "recall": round(found / gold, 3) if gold else None,
        "cross_outlet_pairs": cross_gold, "cross_outlet_recall": round(cross_found / cross_gold, 3) if cross_gold else None,
        "purity": round(pure / clustered, 3) if clustered else None,
    }


def by_split(blocks: list[dict[str, Any]], story_of: dict[str, str], outlet_of: dict[str, str]) -> dict[str, Any]:
    """The figures for each split of the blocks (`dev`: tune on it; `test`: report it) and for all."""
    out = {split: score([b for b in blocks if b.get("split") == split], story_of, outlet_of)
           for split in sorted({b.get("split", "all") for b in blocks})}
    out["all"] = score(blocks, story_of, outlet_of)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("store", type=Path, help="a store holding the labelled articles, linked")
    ap.add_argument("gold", type=Path, nargs="?", default=GOLD)
    args = ap.parse_args(argv)
    blocks = read_blocks(args.gold)
    with Store.open(args.store, read_only=True) as store:
        story_of, outlet_of = stored_stories(store, [a for b in blocks for a in b["articles"]])
    print(json.dumps(by_split(blocks, story_of, outlet_of)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
