"""Score `find_distortions` on edit scripts: constructed copies of Detik articles with known edits.

An edit script (`distortions.dev.jsonl`, `tests/data/distortions_heldout.jsonl`) points into a
Detik body by offsets and says what each edit is: a distortion of one kind, or neutral (`null`).
The copy is the body with the edits applied. A predicted distortion is a true positive when its
kind equals a gold edit's kind and its original span overlaps the edit's span in the original
(an insertion: touches its point) or its copy span overlaps where the edit landed in the copy.
Each gold edit is matched once; any other prediction, one sitting on a neutral edit included,
is a false positive.

    python -m jejak.eval.distortions [SCRIPTS.jsonl ...]
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jejak.provenance.diff import DISTORTION_KINDS, Distortion, find_distortions
from jejak.eval.reserved import reserved_ids
from jejak.provenance.confidence import DEFAULT_MIN_CONFIDENCE

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
DETIK = SHARED / "data" / "id_news_detik1000" / "data_berita.csv.gz"
DEV = SHARED / "eval" / "dev" / "provenance" / "distortions.dev.jsonl"
HELDOUT = REPO / "tests" / "data" / "distortions_heldout.jsonl"


def find_corpus(near: Path | None = None) -> Path:
    """The Detik corpus: in a `data` or `shared/data` folder above `near` (a scripts file), else beside the repository."""
    relative = Path("data") / "id_news_detik1000" / "data_berita.csv.gz"
    if near is not None:
        for folder in Path(near).resolve().parents:
            for candidate in (folder / relative, folder / "shared" / relative):
                if candidate.is_file():
                    return candidate
    if DETIK.is_file():
        return DETIK
    raise FileNotFoundError(f"no Detik corpus ({relative}) above {near} or at {DETIK}")


@lru_cache(maxsize=2)
def _detik(path: Path = DETIK) -> dict[str, str]:
    """Detik bodies by row id."""
    csv.field_size_limit(1 << 24)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        held_out = reserved_ids("id_news_detik1000")
        return {row["id"]: row["isi_berita"] for row in csv.DictReader(f) if row["id"] not in held_out}


def apply_edits(body: str, edits: list[dict]) -> tuple[str, list[tuple[int, int]]]:
    """The copy, and where each edit (in the given order) landed in it as a [start, end) span."""
    order = sorted(range(len(edits)), key=lambda k: (edits[k]["start"], edits[k]["end"]))
    parts, landed, pos, shift = [], [(0, 0)] * len(edits), 0, 0
    for k in order:
        e = edits[k]
        parts.append(body[pos:e["start"]])
        start = e["start"] + shift
        parts.append(e["replace"])
        landed[k] = (start, start + len(e["replace"]))
        shift += len(e["replace"]) - (e["end"] - e["start"])
        pos = e["end"]
    parts.append(body[pos:])
    return "".join(parts), landed


def _overlaps(start: int, end: int, lo: int, hi: int) -> bool:
    """Whether [start, end) meets [lo, hi); an empty span on either side counts when it touches."""
    if start == end or lo == hi:
        return lo <= end and start <= hi
    return start < hi and lo < end


@dataclass
class Tally:
    """Counts per kind over a set of scripts."""

    gold: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DISTORTION_KINDS, 0))
    pred: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DISTORTION_KINDS, 0))
    tp: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DISTORTION_KINDS, 0))
    clean_scripts: int = 0
    clean_quiet: int = 0
    shown: int = 0     # distortions at or above the default confidence
    shown_tp: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    seconds: float = 0.0


def score_script(script: dict, body: str, tally: Tally) -> None:
    """Run one script and add its counts (and the misses and false alarms, for reading) to the tally."""
    edits = script["edits"]
    copy, landed = apply_edits(body, edits)
    started = time.perf_counter()
    found = find_distortions(body, copy)
    tally.seconds += time.perf_counter() - started
    gold = [k for k, e in enumerate(edits) if e["distortion"]]
    for k in gold:
        tally.gold[edits[k]["distortion"]] += 1
    if not gold:
        tally.clean_scripts += 1
        tally.clean_quiet += not found
    used: set[int] = set()
    for d in found:
        tally.pred[d.kind] = tally.pred.get(d.kind, 0) + 1
        hit = _match(d, edits, landed, used)
        shown = d.confidence >= DEFAULT_MIN_CONFIDENCE
        tally.shown += shown
        tally.shown_tp += shown and hit is not None
        if hit is None:
            tally.false_alarms.append(f"{script['id']}: {d.kind} {d.a.text!r} -> {d.b.text!r} ({d.note})")
        else:
            used.add(hit)
            tally.tp[d.kind] += 1
    for k in gold:
        if k not in used:
            e = edits[k]
            tally.misses.append(f"{script['id']}: {e['distortion']} {body[e['start']:e['end']]!r} -> {e['replace']!r}")


def _match(d: Distortion, edits: list[dict], landed: list[tuple[int, int]], used: set[int]) -> int | None:
    for k, e in enumerate(edits):
        if k in used or e["distortion"] != d.kind:
            continue
        if _overlaps(d.a.start, d.a.end, e["start"], e["end"]) or _overlaps(d.b.start, d.b.end, *landed[k]):
            return k
    return None


def evaluate_distortions(path: str | Path, corpus: str | Path | None = None) -> dict:
    """Per-kind gold, predicted, true positives, recall and precision; pooled figures; quiet no-distortion scripts.

    `corpus` is the Detik `data_berita.csv.gz`; by default it is looked for above the scripts
    file and in the `shared` folder beside the repository."""
    tally = Tally()
    bodies = _detik(Path(corpus) if corpus else find_corpus(Path(path)))
    find_distortions("Warga tidak hadir. Dia datang.", "Warga hadir. Dia datang.")  # load the language data before timing
    scripts = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    for script in scripts:
        score_script(script, bodies[script["base"]["row_id"]], tally)
    kinds = {}
    for kind in DISTORTION_KINDS:
        g, p, t = tally.gold[kind], tally.pred.get(kind, 0), tally.tp[kind]
        kinds[kind] = {"gold": g, "pred": p, "tp": t, "recall": t / g if g else None,
                       "precision": t / p if p else None}
    pred, tp = sum(tally.pred.values()), sum(tally.tp.values())
    gold = sum(tally.gold.values())
    return {
        "scripts": len(scripts),
        "kinds": kinds,
        "pooled": {"gold": gold, "pred": pred, "tp": tp, "recall": tp / gold if gold else None,
                   "precision": tp / pred if pred else None},
        "clean_scripts": tally.clean_scripts,
        "clean_quiet": tally.clean_quiet,
        "shown": {"pred": tally.shown, "tp": tally.shown_tp, "recall": tally.shown_tp / gold if gold else None,
                  "precision": tally.shown_tp / tally.shown if tally.shown else None},
        "ms_per_pair": 1000 * tally.seconds / max(1, len(scripts)),
        "misses": tally.misses,
        "false_alarms": tally.false_alarms,
    }


def format_report(result: dict, title: str) -> str:
    """The result as a plain-text table."""
    def pct(x: float | None) -> str:
        return "  -  " if x is None else f"{x:.2f}"

    lines = [f"{title}: {result['scripts']} scripts, {result['ms_per_pair']:.1f} ms per pair",
             f"{'kind':15s} {'gold':>4s} {'pred':>4s} {'tp':>4s} {'recall':>6s} {'prec':>6s}"]
    for kind, k in result["kinds"].items():
        lines.append(f"{kind:15s} {k['gold']:4d} {k['pred']:4d} {k['tp']:4d} {pct(k['recall']):>6s} {pct(k['precision']):>6s}")
    p = result["pooled"]
    lines.append(f"{'pooled':15s} {p['gold']:4d} {p['pred']:4d} {p['tp']:4d} {pct(p['recall']):>6s} {pct(p['precision']):>6s}")
    s = result["shown"]
    lines.append(f"{'shown by default':15s} {p['gold']:4d} {s['pred']:4d} {s['tp']:4d} {pct(s['recall']):>6s} {pct(s['precision']):>6s}"
                 f"  (confidence >= {DEFAULT_MIN_CONFIDENCE})")
    lines.append(f"no-distortion scripts with no finding: {result['clean_quiet']}/{result['clean_scripts']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table for each scripts file (default: the dev set and the held-out set); -v lists misses."""
    args = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in args
    paths = [Path(p) for p in args if p != "-v"] or [DEV, HELDOUT]
    for path in paths:
        result = evaluate_distortions(path)
        print(format_report(result, path.name))
        if verbose:
            for line in result["misses"]:
                print("  miss:", line)
            for line in result["false_alarms"]:
                print("  false alarm:", line)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
