"""Score distortions on real copy pairs read side by side (`eval/real-pairs/{train,test}.jsonl`).

Each line is one CLICK-ID pair that two people read blind to jejak's output, listing every place
where the two texts state the same fact differently (`docs/annotation-real-pairs.md`). A change
is stored as offsets into each record's `content` (or `title`), never as text. Both articles go
through `compare_articles` as `jejak compare` would run them; a predicted distortion is right
when its span in either text overlaps a listed change's span there. Three figures answer the
fact-checker's questions: of the distortions shown, how many are real (precision); of the real
changes, how many are shown (recall); and of the pairs with no change, how many stay quiet. A
later state of the same thing (`update`: a final score after a half-time one) is no distortion.

Distortions carry a confidence; `shown` are those that clear `DEFAULT_MIN_CONFIDENCE`, the
rest are "places to look". Both are scored.

    python -m jejak.eval.real_pairs eval/real-pairs/train.jsonl [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jejak.eval.provenance import clickid_article, load_clickid
from jejak.eval.reserved import reserved_ids
from jejak.provenance.compare import compare_articles
from jejak.provenance.confidence import DEFAULT_MIN_CONFIDENCE

REPO = Path(__file__).resolve().parents[3]
CLICKID = REPO.parent / "shared" / "data" / "id_news_clickid" / "clickid_articles.jsonl.gz"


@dataclass
class Counts:
    """Distortions shown and right, changes found, and quiet pairs, at one confidence floor."""

    shown: int = 0
    right: int = 0
    changes: int = 0
    found: int = 0
    quiet_pairs: int = 0      # pairs with no change
    quiet_kept: int = 0       # of those, pairs with nothing shown

    def figures(self) -> dict[str, Any]:
        p = self.right / self.shown if self.shown else 1.0
        r = self.found / self.changes if self.changes else 0.0
        return {"shown": self.shown, "right": self.right, "precision": round(p, 3),
                "changes": self.changes, "found": self.found, "recall": round(r, 3),
                "quiet_pairs": self.quiet_pairs,
                "quiet": round(self.quiet_kept / self.quiet_pairs, 3) if self.quiet_pairs else 1.0}


@dataclass
class PairResult:
    pair: str
    relation: str
    gold: list[dict[str, Any]]
    predicted: list[dict[str, Any]] = field(default_factory=list)
    said: str = "unrelated"  # jejak's relation for the pair


def _overlaps(side: dict[str, Any], span: dict[str, Any]) -> bool:
    if span.get("field", "content") != "content":
        return False
    return side["start"] < span["end"] and span["start"] < side["end"] or side["start"] == side["end"] == span["start"]


def meets_change(d: dict[str, Any], change: dict[str, Any]) -> bool:
    """Whether a distortion (`compare` JSON) sits on a listed change in either text."""
    return _overlaps(d["a"], change["a"]) or _overlaps(d["b"], change["b"])


def run_pairs(gold_path: Path, corpus: Path = CLICKID) -> list[PairResult]:
    """Compare every pair of a gold file and keep each prediction with its confidence."""
    held_out = reserved_ids("id_news_clickid")
    rows = [r for r in map(json.loads, filter(str.strip, gold_path.read_text(encoding="utf-8").splitlines()))
            if not {r["a"], r["b"]} & held_out]
    recs = load_clickid(corpus, {x for r in rows for x in (r["a"], r["b"])})
    out = []
    for row in rows:
        if row["a"] not in recs or row["b"] not in recs:
            continue  # not in this copy of the corpus
        arts = [clickid_article(recs[x]) for x in (row["a"], row["b"])]
        result = compare_articles(arts[0], arts[1], recs[row["a"]].get("outlet"), recs[row["b"]].get("outlet"))
        said = "copy" if result.relation.relation == "sibling" else result.relation.relation  # gold copies include siblings
        out.append(PairResult(row["pair"], row["relation"], row["changes"], result.distortions, said))
    return out


def score(results: list[PairResult], min_confidence: float = 0.0, updates: bool = False) -> Counts:
    """The figures for distortions at or above `min_confidence`. A later state of the same thing
    (a final score after a half-time one, a rate read again in the afternoon) is no distortion,
    so by default a distortion on one counts as a false alarm; `updates` counts them as changes."""
    c = Counts()
    for r in results:
        gold = [g for g in r.gold if updates or not g["update"]]
        shown = [d for d in r.predicted if d.get("confidence", 1.0) >= min_confidence]
        c.shown += len(shown)
        c.right += sum(1 for d in shown if any(meets_change(d, g) for g in gold))
        c.changes += len(gold)
        c.found += sum(1 for g in gold if any(meets_change(d, g) for d in shown))
        if not gold:
            c.quiet_pairs += 1
            c.quiet_kept += not shown
    return c


def relations(results: list[PairResult]) -> dict[str, Any]:
    """Copy-pair precision, recall and F1, and three-way accuracy, against the readers' relations."""
    said = sum(r.said == "copy" for r in results)
    gold = sum(r.relation == "copy" for r in results)
    both = sum(r.said == r.relation == "copy" for r in results)
    p, rec = (both / said if said else 0.0), (both / gold if gold else 0.0)
    return {"pairs": len(results), "copy_precision": round(p, 3), "copy_recall": round(rec, 3),
            "copy_f1": round(2 * p * rec / (p + rec), 3) if p + rec else 0.0,
            "three_way": round(sum(r.said == r.relation for r in results) / len(results), 3) if results else 0.0}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("gold", nargs="+", type=Path)
    ap.add_argument("-v", "--verbose", action="store_true", help="list every distortion and change")
    args = ap.parse_args(argv)
    if not CLICKID.is_file():
        print(f"CLICK-ID is not at {CLICKID}: these pairs need ../shared/data", file=sys.stderr)
        return 2
    for path in args.gold:
        results = run_pairs(path)
        print(path, json.dumps({"shown": score(results, DEFAULT_MIN_CONFIDENCE).figures(),
                                "all": score(results).figures(),
                                "shown_updates_as_changes": score(results, DEFAULT_MIN_CONFIDENCE, updates=True).figures(),
                                "relations": relations(results)}))
        if args.verbose:
            for r in results:
                for d in r.predicted:
                    ok = any(meets_change(d, g) for g in r.gold)
                    print(f"  {r.pair} {'RIGHT' if ok else 'FALSE'} {d['kind']} {d.get('confidence', 1.0):.2f} "
                          f"{d['a']['text'][:60]!r} -> {d['b']['text'][:60]!r} ({d.get('note', '')})")
                for g in r.gold:
                    if not any(meets_change(d, g) for d in r.predicted):
                        print(f"  {r.pair} MISSED {g['kind']} update={g['update']} {g['why']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
