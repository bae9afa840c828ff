"""The evidence that two articles are related: shared passages, shared facts, titles and days.

Overlap alone decides only the extremes: a press release rewritten by two outlets can share a
fifth of its wording, while a daily price article refilled for another day shares half. So
the evidence keeps the parts apart: how much wording is shared and where (sentence pairs), how
many sentences match word for word even where a spinner swapped synonyms, and how many of the
facts are shared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from jejak.provenance.document import MIN_PASSAGE_SHINGLES, ProvDoc
from jejak.provenance.same_event import stopwords

_MIN_SENTENCE_SHINGLES = MIN_PASSAGE_SHINGLES
_PASSAGE_CONTAINMENT = 0.5      # share of the shorter sentence's 3-grams found in the other
_TITLE_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@dataclass
class PairEvidence:
    """Measurements over one pair of articles, `a` and `b`."""

    containment: float = 0.0          # shared 5-gram shingles / the smaller shingle set
    jaccard: float = 0.0              # shared 5-gram shingles / all
    passages: list[tuple[int, int, float]] = field(default_factory=list)  # (sentence of a, of b, overlap)
    passage_share: float = 0.0        # share of the shorter article's sentences found in the other
    spun_share: float = 0.0           # share of the shorter article's sentences whose words match one
                                      # of the other's (Dice >= 0.6): a copy spun with synonyms
    spun_sentences: int = 0           # how many sentences matched that way
    fact_overlap: float = 0.0         # shared facts / the smaller fact set (at least 3)
    shared_facts: list[str] = field(default_factory=list)
    title_similarity: float = 0.0     # content-word overlap of the titles
    day_gap: int | None = None        # days between publication dates
    cross_language: bool = False      # the two are written in different languages
    changed_figures: list[tuple[str, str]] = field(default_factory=list)  # across languages: one figure
    translated_overlap: float = 0.0   # ... stated otherwise on each side; facts shared or so changed / smaller set
    text_days_differ: bool = False    # both texts name days, and none of them the same
    figures_differ: bool = False      # both texts give figures, and at most a third of them the same
    shorter_words: int = 0            # words in the shorter text

    def to_dict(self) -> dict:
        return {
            "containment": round(self.containment, 3), "jaccard": round(self.jaccard, 3),
            "passage_share": round(self.passage_share, 3),
            "spun_share": round(self.spun_share, 3), "fact_overlap": round(self.fact_overlap, 3),
            "title_similarity": round(self.title_similarity, 3), "day_gap": self.day_gap,
            "cross_language": self.cross_language, "text_days_differ": self.text_days_differ,
            **({"changed_figures": [list(p) for p in self.changed_figures]} if self.changed_figures else {}),
            "figures_differ": self.figures_differ,
            "shared_facts": self.shared_facts[:20], "passages": len(self.passages),
        }


def _overlap(a: np.ndarray, b: np.ndarray) -> tuple[int, int, int]:
    """(shared, size of a, size of b) of two sorted distinct hash arrays."""
    if a.size == 0 or b.size == 0:
        return 0, a.size, b.size
    return int(np.intersect1d(a, b, assume_unique=True).size), a.size, b.size


def shared_passages(a: ProvDoc, b: ProvDoc) -> list[tuple[int, int, float]]:
    """Sentence pairs that carry the same wording: for each sentence of `a`, its best match in
    `b` when at least half of the shorter sentence's 3-grams are shared."""
    index = b.shingle_index  # cached on the document
    b_sets = b.sentence_shingles
    found: list[tuple[int, int, float]] = []
    for i, sh in enumerate(a.sentence_shingles):
        if sh.size < _MIN_SENTENCE_SHINGLES:
            continue
        hits: dict[int, int] = {}
        for h in sh.tolist():
            for j in index.get(h, ()):
                hits[j] = hits.get(j, 0) + 1
        best, best_score = -1, 0.0
        for j, n in hits.items():
            score = n / min(sh.size, b_sets[j].size)
            if score > best_score:
                best, best_score = j, score
        if best >= 0 and best_score >= _PASSAGE_CONTAINMENT:
            found.append((i, best, round(best_score, 3)))
    return found


def title_similarity(a: str, b: str, lang: str = "id") -> float:
    """Jaccard overlap of the titles' content words."""
    stop = stopwords(lang)
    wa = {w for w in _TITLE_WORD.findall(a.lower()) if w not in stop}
    wb = {w for w in _TITLE_WORD.findall(b.lower()) if w not in stop}
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


_MIN_SENTENCE_WORDS = 6
_MIN_FACTS = 3
_SPUN_DICE = 0.6
_SPUN_MIN_CONTAINMENT = 0.05  # below both, sentence matching is skipped: a spun copy keeps some
_SPUN_MIN_FACTS = 0.3         # wording or most facts (names, figures, dates), and measuring costs a fifth of linking
_MIN_TEMPLATE_FIGURES = 2


def spun_share(a: ProvDoc, b: ProvDoc) -> tuple[float, int]:
    """Share of the shorter article's sentences (six words or more) that have a sentence in the
    other with mostly the same words. A spinner swaps words for synonyms one by one, which breaks
    every 5-word shingle but keeps each sentence's words largely the same."""
    short, other = (a, b) if len(a.sentences) <= len(b.sentences) else (b, a)
    index, sizes = other.word_index
    usable = hits = 0
    for bag, n in zip(short.sentence_words, short.word_index[1]):
        if n < _MIN_SENTENCE_WORDS:
            continue
        usable += 1
        shared: dict[int, int] = {}
        for w, c in bag.items():
            for j, co in index.get(w, ()):
                shared[j] = shared.get(j, 0) + (c if c < co else co)
        if any(2 * ov / (n + sizes[j]) >= _SPUN_DICE for j, ov in shared.items()):
            hits += 1
    return (hits / usable if usable else 0.0), hits


def gather_evidence(a: ProvDoc, b: ProvDoc) -> PairEvidence:
    """Every measurement the relation rules use, for one pair."""
    ev = PairEvidence()
    shared, na, nb = _overlap(a.shingles, b.shingles)
    if shared:
        ev.containment = shared / min(na, nb)
        ev.jaccard = shared / (na + nb - shared)
    ev.passages = shared_passages(a, b) if shared else []
    usable = min(sum(s.size >= _MIN_SENTENCE_SHINGLES for s in a.sentence_shingles),
                 sum(s.size >= _MIN_SENTENCE_SHINGLES for s in b.sentence_shingles))
    if usable:
        ev.passage_share = min(1.0, len({i for i, _, _ in ev.passages}) / usable)
    common = a.facts & b.facts
    if a.facts and b.facts:  # over at least three, so that one shared place is not "all the facts"
        ev.fact_overlap = len(common) / max(_MIN_FACTS, min(len(a.facts), len(b.facts)))
    if ev.containment >= _SPUN_MIN_CONTAINMENT or ev.fact_overlap >= _SPUN_MIN_FACTS or a.lang != b.lang:
        ev.spun_share, ev.spun_sentences = spun_share(a, b)  # else no spun copy: a spinner keeps the facts
    ev.shared_facts = sorted(common)
    ev.title_similarity = title_similarity(a.title, b.title, a.lang)
    ev.cross_language = a.lang != b.lang
    if ev.cross_language and a.facts and b.facts:
        from jejak.provenance.translation import changed_figures

        ev.changed_figures = changed_figures(a.facts, b.facts)
        ev.translated_overlap = (len(common) + len(ev.changed_figures)) / max(_MIN_FACTS, min(len(a.facts), len(b.facts)))
    days_a = {f for f in a.facts if f.startswith("day:")}
    days_b = {f for f in b.facts if f.startswith("day:")}
    ev.text_days_differ = bool(days_a and days_b and not days_a & days_b)
    figures_a = {f for f in a.facts if f.startswith("amt:")}
    figures_b = {f for f in b.facts if f.startswith("amt:")}
    ev.figures_differ = (min(len(figures_a), len(figures_b)) >= _MIN_TEMPLATE_FIGURES
                         and 3 * len(figures_a & figures_b) <= min(len(figures_a), len(figures_b)))
    ev.shorter_words = min(a.word_count, b.word_count)
    if a.published and b.published:
        ev.day_gap = abs((a.published - b.published).days)
    return ev
