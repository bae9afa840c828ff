"""Turn hand readings of events (docs/annotation-events.md) into our stored gold files.

A reading gives each event's trigger and evidence as words; the stored event keeps their
character offsets in the article body instead (`span` for the evidence, `trigger`), so no
third-party text enters the repository. An article already in one of our splits gets its
`events` (and `events` in its `layers`); an article new to the corpus gets a file of its own in
`--new-split`, read for events only.

    python tools/event_gold.py READINGS_DIR [--first FIRST_READINGS_DIR] [--new-split eval/train-events]
    python tools/event_gold.py EN_READINGS_DIR --first EN_FIRST_DIR --new-split eval/en-events-bbc

Readings of Detik articles carry `row_id`; readings of English BBC articles carry `bbc_id` and
become `bbc-<category>-<number>.gold.json` files in the new split.

With `--first`, it prints how far the first reading agreed with the final one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jejak.eval.gold import GoldError, article_text  # noqa: E402

SPLITS = ("unseen-detik", "unseen-detik-b", "tune-detik", "train-detik", "train-events")
_ACTOR_KEYS = ("name", "aliases", "country", "described")


def _actor(actor: dict | None) -> dict | None:
    if not actor:
        return None
    return {k: actor[k] for k in _ACTOR_KEYS if actor.get(k) not in (None, [], False)}


def stored_events(reading: dict, body: str) -> tuple[list[dict], list[str]]:
    """The events with offsets in place of words, and the problems found."""
    out: list[dict] = []
    problems: list[str] = []
    for e in reading.get("events", []):
        evidence, trigger = e.get("evidence") or "", e.get("trigger") or ""
        at = body.find(evidence) if evidence else -1
        inner = _whole_word_at(evidence, trigger) if at >= 0 and trigger else -1
        if at < 0 or inner < 0:
            problems.append(f"{e.get('type')}: evidence or trigger not found: {evidence[:60]!r}")
            continue
        stored = {"type": e["type"], "mode": e.get("mode"), "source": _actor(e.get("source")),
                  "target": _actor(e.get("target")), "span": [at, at + len(evidence)],
                  "trigger": [at + inner, at + inner + len(trigger)]}
        for key in ("location", "date", "note"):
            if e.get(key):
                stored[key] = e[key]
        out.append(stored)
    return out, problems


def _whole_word_at(text: str, words: str) -> int:
    """Where `words` stand in `text` as whole words (`tahan`, not inside `pertahanan`), else the
    first place they stand at all, else -1."""
    m = re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text)
    return m.start() if m else text.find(words)


def _names(actor: dict | None) -> frozenset[str]:
    if not actor:
        return frozenset({"<none>"})
    names = {actor.get("name", "").casefold()} | {a.casefold() for a in actor.get("aliases", [])}
    if actor.get("country"):
        names.add(actor["country"])
    return frozenset(names)


def agreement(first: list[dict], final: list[dict]) -> tuple[int, int, int]:
    """(matched, first, final): events of the same type whose source and target share a name."""
    used: set[int] = set()
    matched = 0
    for a in first:
        for j, b in enumerate(final):
            if j not in used and a["type"] == b["type"] and _names(a.get("source")) & _names(b.get("source")) \
                    and _names(a.get("target")) & _names(b.get("target")):
                used.add(j)
                matched += 1
                break
    return matched, len(first), len(final)


def _split_file(row: str, new_split: Path | None) -> Path:
    for split in SPLITS:
        path = ROOT / "eval" / split / f"detik-{row}.gold.json"
        if path.exists():
            return path
    return (new_split or ROOT / "eval" / "train-events") / f"detik-{row}.gold.json"


def _bbc_file(row: str, new_split: Path | None) -> Path | None:
    """Where an English BBC reading goes: the split of ours that already holds the article (an
    article is in one split only), else the split asked for; None when none was asked for."""
    name = f"bbc-{row.replace('/', '-').removesuffix('.txt')}.gold.json"
    held = sorted((ROOT / "eval").glob(f"*/{name}"))
    if held:
        return held[0]
    return new_split / name if new_split is not None else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("readings", type=Path)
    parser.add_argument("--first", type=Path, help="the first readings, to report agreement")
    parser.add_argument("--new-split", type=Path, default=None,
                        help="where readings of articles new to our splits go (Detik: eval/train-events)")
    args = parser.parse_args(argv)
    failed = 0
    totals = [0, 0, 0]
    for path in sorted(args.readings.glob("*.json")):
        reading = json.loads(path.read_text(encoding="utf-8"))
        if "bbc_id" in reading:  # an English BBC article (docs/annotation-events.md, English cues)
            row = str(reading["bbc_id"])
            source = {"corpus": "en_news_bbc", "row_id": row}
        elif "row_id" in reading:
            row = str(reading["row_id"])
            source = {"corpus": "id_news_detik1000", "row_id": row}
        else:
            continue
        try:
            body = article_text(source)
        except GoldError as e:
            print(f"{path.name}: {e}", file=sys.stderr)
            failed += 1
            continue
        events, problems = stored_events(reading, body)
        for p in problems:
            print(f"{path.name}: {p}", file=sys.stderr)
        failed += bool(problems)
        target = _split_file(row, args.new_split) if source["corpus"] == "id_news_detik1000" \
            else _bbc_file(row, args.new_split)
        if target is None:
            print(f"{path.name}: an English reading needs --new-split (one of our English splits)",
                  file=sys.stderr)
            failed += 1
            continue
        if target.exists():
            record = json.loads(target.read_text(encoding="utf-8"))
            layers = record.get("layers") or ["entities", "quotes"]
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            record = {"id": target.name.removesuffix(".gold.json"), "source": source,
                      "lang": "en" if source["corpus"] == "en_news_bbc" else "id"}
            layers = []
        record["layers"] = sorted(set(layers) | {"events"})
        record["events"] = events
        target.write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if args.first and (args.first / path.name).exists():
            first, _ = stored_events(json.loads((args.first / path.name).read_text(encoding="utf-8")), body)
            for k, v in enumerate(agreement(first, events)):
                totals[k] += v
    if totals[1] or totals[2]:
        f1 = 2 * totals[0] / max(1, totals[1] + totals[2])
        print(f"first vs final reading: events F1 {f1:.3f} ({totals[0]} shared, {totals[1]} first, {totals[2]} final)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
