"""Turn hand readings (docs/annotation-entities-speakers.md) into stored gold files.

A reading gives each quote's words; the stored file gives its `start` and `end` in the article
body instead, so no third-party text is kept in the repository (the gold loader reads the words
back from `../shared/data`). A quote whose words are not found exactly is reported and the file
is not written. The same words listed twice (an article that prints a paragraph again) take their
first and second place in the text, unless a quote's `occurrence` says which.

    python tools/gold_offsets.py READINGS_DIR OUT_DIR [--first FIRST_READINGS_DIR]

With `--first`, it also prints how far the first reading agreed with the final one.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from jejak.eval.gold import GoldError, article_text  # noqa: E402

KEEP = ("id", "source", "entities", "entities_note", "lang", "layers")


def stored_form(reading: dict, body: str) -> tuple[dict, list[str]]:
    """The gold record with quote offsets in place of quote words, and the problems found."""
    problems: list[str] = []
    out = {k: reading[k] for k in KEEP if k in reading}
    out.setdefault("lang", "id")
    quotes = []
    listed: dict[str, int] = {}  # a text that repeats a paragraph has its quote listed once per copy
    for q in reading.get("quotes", []):
        words = q["quote"]
        listed[words] = listed.get(words, 0) + 1
        at, nth = -1, int(q.get("occurrence", listed[words]))
        for _ in range(nth):
            at = body.find(words, at + 1)
            if at < 0:
                break  # fewer occurrences than asked for: reported below, never wrapped around
        if at < 0:
            problems.append(f"quote not found: {words[:60]!r}")
            continue
        stored = {"start": at, "end": at + len(words), "kind": q["kind"], "speaker": q.get("speaker"),
                  "speaker_aliases": q.get("speaker_aliases", [])}
        if q.get("speaker_described"):
            stored["speaker_described"] = True  # a speaker the text only describes (`seorang warga`)
        quotes.append(stored)
    out["quotes"] = quotes
    if any("surfaces" in e for e in reading.get("entities", [])):
        out["entities"] = _with_mentions(reading["entities"], body, problems)
    return out, problems


def _with_mentions(entities: list[dict], body: str, problems: list[str]) -> list[dict]:
    """Each entity with `mentions`: every whole-word place in the body where one of its surfaces
    stands, longest surfaces first, no two mentions overlapping (a training split's spans)."""
    taken = bytearray(len(body))
    forms = sorted(((f, i) for i, e in enumerate(entities) for f in e.get("surfaces", []) if f),
                   key=lambda fi: -len(fi[0]))
    spans: dict[int, list[list[int]]] = {}
    for form, i in forms:
        at = body.find(form)
        if at < 0:
            problems.append(f"surface not found: {form[:60]!r}")
        while at >= 0:
            end = at + len(form)
            whole = (at == 0 or not body[at - 1].isalnum()) and (end == len(body) or not body[end].isalnum())
            if whole and not any(taken[at:end]):
                taken[at:end] = b"\x01" * (end - at)
                spans.setdefault(i, []).append([at, end])
            at = body.find(form, at + 1)
    out = []
    for i, e in enumerate(entities):
        kept = {k: v for k, v in e.items() if k != "surfaces"}
        kept["mentions"] = sorted(spans.get(i, []))
        out.append(kept)
    return out


def agreement(first: dict, final: dict) -> dict[str, int]:
    """Counts for entity and quote agreement between two readings of one article."""
    def ents(r):
        return {(e["name"].casefold(), e["type"]) for e in r.get("entities", [])}

    def quotes(r):
        return {(q["quote"], q["kind"]): (q.get("speaker") or "").casefold() for q in r.get("quotes", [])}

    a, b = ents(first), ents(final)
    qa, qb = quotes(first), quotes(final)
    both = set(qa) & set(qb)
    return {"ent_both": len(a & b), "ent_first": len(a), "ent_final": len(b),
            "q_both": len(both), "q_first": len(qa), "q_final": len(qb),
            "speaker_same": sum(qa[k] == qb[k] for k in both)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("readings", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--first", type=Path, help="the first readings, to report agreement")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    totals: dict[str, int] = {}
    for path in sorted(args.readings.glob("*.json")):
        reading = json.loads(path.read_text(encoding="utf-8"))
        try:
            body = article_text(reading["source"])
        except GoldError as e:
            print(f"{path.name}: {e}", file=sys.stderr)
            failed += 1
            continue
        record, problems = stored_form(reading, body)
        if problems:
            failed += 1
            for p in problems:
                print(f"{path.name}: {p}", file=sys.stderr)
            continue
        (args.out / f"{reading['id']}.gold.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        if args.first and (args.first / path.name).exists():
            for k, v in agreement(json.loads((args.first / path.name).read_text(encoding="utf-8")), reading).items():
                totals[k] = totals.get(k, 0) + v
    if totals:
        ent = 2 * totals["ent_both"] / max(1, totals["ent_first"] + totals["ent_final"])
        qf = 2 * totals["q_both"] / max(1, totals["q_first"] + totals["q_final"])
        print(f"first vs final reading: entities F1 {ent:.3f}, quotes F1 {qf:.3f}, "
              f"same speaker on {totals['speaker_same']}/{totals['q_both']} shared quotes")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
