"""Draw one-day blocks of CLICK-ID articles for readers to group by event (`docs/annotation-stories.md`).

Each block holds `--size` articles of one day from the five news outlets, 400 to 3,000 characters,
no reserved row and none already in `eval/stories/groups.jsonl` or our labelled pair sets. Half
of a block comes in small clusters (a random seed article and up to three articles of other outlets
that day whose titles share at least 30 % of its content words), so that the block holds stories
several outlets told; the rest is drawn at random from the same day. No jejak verdict chooses them.

Writes `OUT/blockN/aNN.txt` (what the readers see: outlet, day and time, title, text) and
`OUT/blocks.jsonl` (`{"block", "day", "split", "files": {"aNN": CLICK-ID id}}`).

    python tools/draw_story_blocks.py OUT --block 16:2019-09-13:train --block 17:2019-09-12:test [--seed 7]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jejak.eval.reserved import reserved_ids  # noqa: E402
from jejak.provenance.same_event import content_words  # noqa: E402

CLICKID = ROOT.parent / "shared" / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"
OUTLETS = ("kompas", "tempo", "okezone", "sindonews", "tribunnews")
MIN_CHARS, MAX_CHARS = 400, 3000
TITLE_SHARE = 0.30
CLUSTER_MAX = 4
PAIR_KEYS = ("a", "b", "original", "copy")  # how our pair sets name their two articles


def used_ids(root: Path = ROOT) -> set[str]:
    """CLICK-ID ids our other labelled sets already hold (story blocks, pair sets, judged flags)."""
    used: set[str] = set()
    for line in (root / "eval" / "stories" / "groups.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            used.update(json.loads(line)["articles"])
    for path in [*(root / "eval" / "real-pairs").glob("*.jsonl"), root / "eval" / "background-pairs" / "pairs.jsonl",
                 root / "eval" / "flag-judgments" / "judged.jsonl"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                used.update(v for k, v in row.items() if k in PAIR_KEYS and isinstance(v, str))
    return used


def title_share(seed: set[str], other: set[str]) -> float:
    return len(seed & other) / len(seed) if seed else 0.0


def draw_block(pool: list[dict], size: int, rng: random.Random) -> list[dict]:
    """Half in clusters of titles that share words across outlets, the rest at random."""
    left = sorted(pool, key=lambda r: r["id"])
    rng.shuffle(left)
    titles = {r["id"]: set(content_words(r["title"])) for r in left}
    chosen: list[dict] = []
    taken: set[str] = set()
    for seed in left:
        if len(chosen) >= size // 2:
            break
        if seed["id"] in taken:
            continue
        mates = [r for r in left if r["id"] not in taken and r["outlet"] != seed["outlet"]
                 and title_share(titles[seed["id"]], titles[r["id"]]) >= TITLE_SHARE]
        if not mates:
            continue
        cluster = [seed, *mates[: min(CLUSTER_MAX - 1, size // 2 - len(chosen) - 1)]]
        chosen += cluster
        taken.update(r["id"] for r in cluster)
    rest = [r for r in left if r["id"] not in taken]
    chosen += rest[: size - len(chosen)]
    return sorted(chosen, key=lambda r: r["id"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--block", action="append", required=True, help="NUMBER:YYYY-MM-DD:SPLIT")
    ap.add_argument("--size", type=int, default=50)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    held_out, used = reserved_ids("id_news_clickid"), used_ids()
    by_day: dict[str, list[dict]] = {}
    with gzip.open(CLICKID, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            text = (r.get("content") or "").strip()
            if (r["outlet"] in OUTLETS and r["id"] not in held_out and r["id"] not in used
                    and MIN_CHARS <= len(text) <= MAX_CHARS):
                by_day.setdefault(r["date"], []).append(r)
    rng = random.Random(args.seed)
    taken: set[str] = set()
    lines = []
    for spec in args.block:
        number, day, split = spec.split(":")
        block = draw_block([r for r in by_day.get(day, []) if r["id"] not in taken], args.size, rng)
        taken.update(r["id"] for r in block)
        folder = args.out / f"block{number}"
        folder.mkdir(parents=True, exist_ok=True)
        files = {}
        for k, r in enumerate(block, 1):
            name = f"a{k:02d}"
            files[name] = r["id"]
            when = f"{r['date']} {r.get('time_raw') or ''}".strip()
            (folder / f"{name}.txt").write_text(
                f"{name}\noutlet: {r['outlet']}\npublished: {when}\ntitle: {r['title']}\n\n{r['content'].strip()}\n",
                encoding="utf-8")
        lines.append(json.dumps({"block": int(number), "day": day, "split": split, "files": files}))
        print(f"block {number} ({day}, {split}): {len(block)} articles", file=sys.stderr)
    (args.out / "blocks.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
