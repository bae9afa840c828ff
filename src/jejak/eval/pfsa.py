"""`jejak eval --pfsa FILE`: quote (STATEMENT) and speaker (PERSON) spans on PFSA-ID token files.

PFSA-ID gives `token<TAB>BILOU-tag` lines, a blank line between sentences and no document
separator. We rebuild readable text with a character offset for every token, cut it into
documents at Kompas datelines, analyse each document, map our quote and speaker spans back to
tokens and score exact span matches (the usual span-level P/R/F1), with token-overlap figures
beside them.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from jejak.pipeline import NotAnalysable, analyze

_NO_SPACE_BEFORE = re.compile(r"^(?:[,.;:!?%)\]}”’»]|\.\.\.|'s|n't)$")
_NO_SPACE_AFTER = re.compile(r"^[(\[{“‘«]$")
_QUOTE = re.compile(r"^[\"“”]$")
_DATELINE = re.compile(r"^[A-Z][A-Z .]+ , KOMPAS(?:\.com)? [—–-]")
SCORED = ("STATEMENT", "PERSON")


@dataclass
class Doc:
    tokens: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)


def read_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Sentences of `(token, tag)` from a CoNLL-style file (.gz too): columns split by tabs, else
    by spaces, the tag in the last column; CRLF endings allowed (PFSA-ID, NERGrit, idner-news-2k)."""
    opener = gzip.open if path.suffix == ".gz" else open
    sent: list[tuple[str, str]] = []
    with opener(path, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                if sent:
                    yield sent
                    sent = []
                continue
            cols = line.split("\t") if "\t" in line else line.split(" ")
            sent.append((cols[0], cols[-1] if len(cols) > 1 and cols[-1] else "O"))
    if sent:
        yield sent


def read_documents(path: Path) -> Iterator[Doc]:
    """Documents cut at dateline sentences (`JAKARTA , KOMPAS — ...`), else every 60 sentences."""
    doc = Doc()
    for sent in read_sentences(path):
        head = " ".join(t for t, _ in sent[:8])
        if doc.tokens and (_DATELINE.match(head) or len(doc.sentence_starts) >= 60):
            yield doc
            doc = Doc()
        doc.sentence_starts.append(len(doc.tokens))
        for tok, tag in sent:
            doc.tokens.append(tok)
            doc.tags.append(tag)
    if doc.tokens:
        yield doc


def detokenize(doc: Doc) -> tuple[str, list[tuple[int, int]]]:
    """Readable text and each token's character span; sentences of one paragraph joined by spaces."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    open_quote = False
    starts = set(doc.sentence_starts)
    prev = ""
    for i, tok in enumerate(doc.tokens):
        if i == 0:
            sep = ""
        elif _QUOTE.match(tok):  # an opening mark takes a space before it, a closing one none
            sep = "" if open_quote else " "
        elif _QUOTE.match(prev) and open_quote:
            sep = ""
        elif _NO_SPACE_BEFORE.match(tok) or _NO_SPACE_AFTER.match(prev):
            sep = ""
        elif tok == "-" or prev == "-":
            sep = ""
        else:
            sep = " "
        if i in starts and i > 0 and sep == "" and not _NO_SPACE_BEFORE.match(tok) and not (_QUOTE.match(prev) and open_quote):
            sep = " "
        if _QUOTE.match(tok):
            open_quote = (not open_quote) if tok in "\"”" else True
        parts.append(sep)
        pos += len(sep)
        parts.append(tok)
        spans.append((pos, pos + len(tok)))
        pos += len(tok)
        prev = tok
    return "".join(parts), spans


def gold_spans(tags: list[str], label: str) -> set[tuple[int, int]]:
    """Token spans [start, end) of `label` in BILOU tags (B..L, U; I runs tolerated)."""
    out: set[tuple[int, int]] = set()
    start = None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, lab = tag.partition("-")
        if lab != label:
            if start is not None:
                out.add((start, i))
                start = None
            continue
        if prefix in ("B", "U") or start is None:
            if start is not None:
                out.add((start, i))
            start = i
        if prefix in ("L", "U"):
            out.add((start, i + 1))
            start = None
    return out


def _char_to_tokens(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    first = last = None
    for i, (s, e) in enumerate(spans):
        if e <= start:
            continue
        if s >= end:
            break
        if first is None:
            first = i
        last = i
    return (first, last + 1) if first is not None else None


def predicted_spans(text: str, spans: list[tuple[int, int]]) -> dict[str, set[tuple[int, int]]]:
    """Our direct quotes as STATEMENT spans (PFSA marks quoted statements, quote marks included)
    and, for each quoted person, the first fullest mention of their name as PERSON."""
    out: dict[str, set[tuple[int, int]]] = {"STATEMENT": set(), "PERSON": set()}
    try:
        article = analyze(text, lang="id")
    except NotAnalysable:
        return out
    shift = _offset_map(text, article.text)
    persons = {e.name: e for e in article.entities if e.type == "PER"}
    speakers: set[str] = set()
    for q in article.quotes:
        if q.speaker is not None and q.speaker.name in persons:
            speakers.add(q.speaker.name)
        if q.kind != "direct":
            continue
        s, e = shift(q.start, q.end)
        if s < 0:
            continue
        while s > 0 and text[s - 1] == " ":
            s -= 1
        if s > 0 and text[s - 1] in "\"“”":
            s -= 1
        if e < len(text) and text[e] in "\"”":
            e += 1
        tok = _char_to_tokens(spans, s, e)
        if tok:
            out["STATEMENT"].add(tok)
    for name in speakers:
        mentions = persons[name].mentions
        best = max(mentions, key=lambda m: (m.end - m.start, -m.start))
        s, e = shift(best.start, best.end)
        tok = _char_to_tokens(spans, s, e) if s >= 0 else None
        if tok:
            out["PERSON"].add(tok)
    return out


def _offset_map(source: str, clean: str):
    """Map clean-text offsets back to the source (cleaning may drop a dateline or furniture)."""
    if source == clean:
        return lambda s, e: (s, e)
    delta = source.find(clean[:200]) if clean else -1

    def shift(s: int, e: int) -> tuple[int, int]:
        if delta >= 0 and source[delta + s:delta + e] == clean[s:e]:
            return delta + s, delta + e
        found = source.find(clean[s:e])
        return (found, found + (e - s)) if found >= 0 else (-1, -1)

    return shift


def _prf(tp: int, pred: int, gold: int) -> dict[str, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "tp": tp, "pred": pred, "gold": gold}


def evaluate_pfsa(path: Path, max_docs: int | None = None) -> dict[str, Any]:
    exact = {k: [0, 0, 0] for k in SCORED}
    overlap = {k: [0, 0, 0] for k in SCORED}  # token-level
    docs = 0
    for doc in read_documents(path):
        if max_docs is not None and docs >= max_docs:
            break
        docs += 1
        text, spans = detokenize(doc)
        pred = predicted_spans(text, spans)
        for label in SCORED:
            gold = gold_spans(doc.tags, label)
            got = pred[label]
            exact[label][0] += len(gold & got)
            exact[label][1] += len(got)
            exact[label][2] += len(gold)
            gt = {i for s, e in gold for i in range(s, e)}
            pt = {i for s, e in got for i in range(s, e)}
            overlap[label][0] += len(gt & pt)
            overlap[label][1] += len(pt)
            overlap[label][2] += len(gt)
    return {"file": str(path), "documents": docs,
            "exact": {k: _prf(*v) for k, v in exact.items()},
            "tokens": {k: _prf(*v) for k, v in overlap.items()}}


def print_pfsa(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"PFSA-ID spans — {result['documents']} documents of {Path(result['file']).name}")
    for col in ("label", "exact P", "exact R", "exact F1", "token P", "token R", "token F1", "gold spans"):
        table.add_column(col, justify="right" if col != "label" else "left")
    for label in SCORED:
        e, t = result["exact"][label], result["tokens"][label]
        table.add_row(label, f"{e['precision']:.3f}", f"{e['recall']:.3f}", f"{e['f1']:.3f}",
                      f"{t['precision']:.3f}", f"{t['recall']:.3f}", f"{t['f1']:.3f}", str(e["gold"]))
    Console().print(table)
