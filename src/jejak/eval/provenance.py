"""Score copy detection on the hand-labelled CLICK-ID pairs (`provenance/pairs.dev.jsonl`).

Each article of a pair is analysed from the corpus record, as `jejak ingest` would: its text,
title, URL and publication moment (the corpus `date` plus the clock time of `time_raw`). The
pair then goes through `relate`, and three figures come out: copy-pair precision, recall and
F1; three-way accuracy (copy / same-story / unrelated); and, for copy pairs whose first
publisher is known, how often `earlier` names it.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from jejak.model import Article
from jejak.pipeline import analyze
from jejak.provenance.document import ProvDoc
from jejak.provenance.relation import RELATIONS, Relation, RelationRules, DEFAULT_RULES, relate
from jejak.eval.reserved import reserved_ids

_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})")


def clickid_published(rec: dict[str, Any]) -> str | None:
    """The corpus date with the clock time of `time_raw` (`10:51 WIB`, `10:51:00`) when it has one."""
    day = rec.get("date")
    if not day:
        return None
    m = _CLOCK.search(rec.get("time_raw") or "")
    if m and int(m.group(1)) < 24:
        return f"{day}T{int(m.group(1)):02d}:{m.group(2)}"
    return day


def load_clickid(corpus: Path, wanted: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """CLICK-ID records by id (only `wanted` ones when given)."""
    out: dict[str, dict[str, Any]] = {}
    held_out = reserved_ids("id_news_clickid")
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            if rec["id"] in held_out:
                continue
            if wanted is None or rec["id"] in wanted:
                out[rec["id"]] = rec
    return out


def clickid_article(rec: dict[str, Any]) -> Article:
    """Analyse one CLICK-ID record as `jejak ingest` would: its text, title, URL and publication moment."""
    return analyze(rec.get("content") or "", published=clickid_published(rec), url=rec.get("url"),
                   title=rec.get("title"), id=rec["id"], lang="id")


def clickid_input(rec: dict[str, Any]) -> dict[str, Any]:
    """One CLICK-ID record as a line of `jejak ingest` input (JSON Lines)."""
    return {"id": rec["id"], "text": rec.get("content") or "", "title": rec.get("title"), "url": rec.get("url"),
            "published": clickid_published(rec), "outlet": rec.get("outlet")}


def clickid_doc(rec: dict[str, Any]) -> ProvDoc:
    """Analyse one CLICK-ID record and turn it into a provenance document."""
    return ProvDoc.from_record(clickid_article(rec).to_dict(), outlet=rec.get("outlet"))


@dataclass
class PairReport:
    """Figures over the labelled pairs, and every wrong verdict for reading."""

    total: int = 0
    confusion: dict[tuple[str, str], int] = field(default_factory=dict)  # (gold, predicted) -> n
    earlier_right: int = 0
    earlier_known: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, gold: str | None = None, predicted: str | None = None) -> int:
        return sum(n for (g, p), n in self.confusion.items()
                   if (gold is None or g == gold) and (predicted is None or p == predicted))

    @property
    def copy_precision(self) -> float:
        return self.count("copy", "copy") / max(1, self.count(predicted="copy"))

    @property
    def copy_recall(self) -> float:
        return self.count("copy", "copy") / max(1, self.count(gold="copy"))

    @property
    def copy_f1(self) -> float:
        p, r = self.copy_precision, self.copy_recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return sum(self.count(r, r) for r in RELATIONS) / max(1, self.total)

    @property
    def earlier_accuracy(self) -> float:
        return self.earlier_right / max(1, self.earlier_known)


CLICKID = Path("data") / "id_news_clickid" / "clickid_articles.jsonl.gz"


def find_data(near: Path, relative: Path) -> Path | None:
    """A corpus file in a `data` folder above `near` (or in a `shared` folder beside one)."""
    for folder in Path(near).resolve().parents:
        for candidate in (folder / relative, folder / "shared" / relative):
            if candidate.is_file():
                return candidate
    return None


def evaluate_folder(gold_dir: Path) -> dict[str, Any]:
    """Every provenance figure for a gold folder with a `provenance/` part: copy pairs (and the
    held-out pairs shipped in tests/data when the corpus is there), and distortions."""
    from jejak.eval.distortions import evaluate_distortions

    folder = Path(gold_dir) / "provenance"
    out: dict[str, Any] = {}
    pairs = folder / "pairs.dev.jsonl"
    corpus = find_data(folder, CLICKID)
    if pairs.is_file() and corpus is not None:
        out["pairs"] = evaluate_pairs(pairs, corpus)
    scripts = folder / "distortions.dev.jsonl"
    if scripts.is_file():
        out["distortions"] = evaluate_distortions(scripts)
    return out


def read_pairs(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate_pairs(pairs_path: Path, corpus: Path, rules: RelationRules = DEFAULT_RULES,
                   docs: dict[str, ProvDoc] | None = None) -> PairReport:
    """Relate every labelled pair and compare with the labels."""
    pairs = read_pairs(pairs_path)
    if docs is None:
        docs = {rid: clickid_doc(rec) for rid, rec in
                load_clickid(corpus, {p[k] for p in pairs for k in ("a", "b")}).items()}
    report = PairReport()
    for pair in pairs:
        missing = [pair[k] for k in ("a", "b") if pair[k] not in docs]
        if missing:
            report.errors.append(f"{pair['a']} {pair['b']}: not scored, no article {', '.join(missing)} in {corpus}")
            continue
        verdict = relate(docs[pair["a"]], docs[pair["b"]], rules)
        _tally(report, pair, verdict)
    return report


def _tally(report: PairReport, pair: dict[str, Any], verdict: Relation) -> None:
    gold = pair["label"]
    said = "copy" if verdict.relation == "sibling" else verdict.relation  # our gold's copies include rewrites of one source
    report.total += 1
    key = (gold, said)
    report.confusion[key] = report.confusion.get(key, 0) + 1
    if gold != said:
        report.errors.append(f"{pair['a']} {pair['b']}: gold {gold}, said {verdict.relation} "
                             f"({'; '.join(verdict.reasons)}) — {pair.get('note', '')}")
    if gold == "copy" and pair.get("earlier"):
        report.earlier_known += 1
        if verdict.earlier == pair["earlier"]:
            report.earlier_right += 1
        else:
            report.errors.append(f"{pair['a']} {pair['b']}: earlier is {pair['earlier']}, said {verdict.earlier}")


def report_dict(report: PairReport) -> dict[str, Any]:
    """The figures as JSON."""
    return {"pairs": report.total, "copy_precision": report.copy_precision, "copy_recall": report.copy_recall,
            "copy_f1": report.copy_f1, "accuracy": report.accuracy, "earlier_accuracy": report.earlier_accuracy,
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(report.confusion.items())},
            "errors": report.errors}


def report_lines(report: PairReport) -> Iterable[str]:
    yield f"pairs: {report.total}"
    yield (f"copy pairs: P {report.copy_precision:.3f}  R {report.copy_recall:.3f}  F1 {report.copy_f1:.3f}  "
           f"({report.count('copy', 'copy')} right of {report.count(predicted='copy')} said, "
           f"{report.count(gold='copy')} gold)")
    yield f"three-way accuracy: {report.accuracy:.3f}"
    yield f"earlier of copy pairs: {report.earlier_accuracy:.3f} ({report.earlier_right}/{report.earlier_known})"
    yield "confusion (gold -> said): " + ", ".join(
        f"{g}->{p} {n}" for (g, p), n in sorted(report.confusion.items()))
