"""A learned event-word classifier beside the event lexicon.

The lexicon (`lang/id/event_verbs.tsv`) names acts by their stems; in news nobody tuned it on, a
good part of what it finds is no act (a football `serangan`, `tanpa bantuan`). This model, trained
by `tools/train_events.py` on our own hand-read corpus (`eval/train-detik`, `eval/train-events`,
docs/annotation-events.md) and on sport and lifestyle news as words of no act, reads a candidate
event word (a word whose stem named an act in that corpus or in the lexicon) with its morphology
(the stems under `di-`, `me-`, `pe-an`, `-kan`, `-i`), the lexicon's reading, the words around it,
negation and intent cues, whether it stands in a quote and what kinds of names stand before and
after it, and says how likely it names an act of each PLOVER type. The coder asks it about the
lexicon's words: its belief sets each event's confidence band and decides whether an act with no
doer in its clause may take the story's.

A candidate is one classification (a one-item sequence in crfsuite, which makes the CRF a
maximum-entropy classifier with marginal probabilities) so one model file ships and no new
dependency is needed.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Protocol, Sequence

from jejak.crf import open_crf, per_thread
from jejak.extract.event_lexicon import EventLexicon
from jejak.nlp.morph import analyses

MODEL_RESOURCE = "events_id.crfsuite"
STEMS_RESOURCE = "events_id.stems.txt"
NO_EVENT = "O"
_NEAR = 8  # tokens either side in which a name's kind is a feature
_MIN_STEM = 3


class TokenLike(Protocol):
    start: int
    end: int
    word: str  # lower case
    punct: bool


@lru_cache(maxsize=None)
def trained_stems() -> frozenset[str]:
    """Stems that named an act in the training corpus (shipped beside the model)."""
    try:
        text = resources.files("jejak.models").joinpath(STEMS_RESOURCE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=65536)
def _readings(word: str) -> tuple[tuple[str, str], ...]:
    return tuple((stem, form) for stem, form in analyses(word) if len(stem) >= _MIN_STEM)


def is_candidate(lex: EventLexicon, word: str, stems: frozenset[str]) -> bool:
    """Whether a lower-case word may name an act: the lexicon reads it as one, or one of its stems
    named an act in the training corpus."""
    if len(word) < 3 or not word.isalpha():
        return False
    return bool(lex.triggers(word)) or any(stem in stems for stem, _ in _readings(word))


@lru_cache(maxsize=65536)
def _word_features(lex: EventLexicon, word: str, stems: frozenset[str]) -> tuple[str, ...]:
    feats = [f"w={word}", f"s3={word[-3:]}", f"p2={word[:2]}", f"p3={word[:3]}"]
    for stem, form in _readings(word):
        if stem in stems:
            feats += [f"st={stem}", f"fm={form}", f"stfm={stem}|{form}"]
    for pattern, form in lex.triggers(word):
        feats += [f"lx={pattern.type}", f"lxfm={pattern.type}|{form}", f"lxfr={pattern.frame}"]
    return tuple(feats)


@dataclass(frozen=True, slots=True)
class ArticleView:
    """What the features read of an article besides its tokens: the original-case text, names
    (sorted starts, ends and types) and quote spans (sorted)."""

    text: str
    name_starts: Sequence[int]
    name_ends: Sequence[int]
    name_types: Sequence[str]
    quote_starts: Sequence[int]
    quote_ends: Sequence[int]

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quote_starts, pos) - 1
        return k >= 0 and pos < self.quote_ends[k]

    def name_before(self, pos: int, floor: int) -> str | None:
        k = bisect.bisect_right(self.name_starts, pos) - 1
        while k >= 0 and self.name_ends[k] > pos:
            k -= 1
        return self.name_types[k] if k >= 0 and self.name_ends[k] >= floor else None

    def name_after(self, pos: int, ceiling: int) -> str | None:
        k = bisect.bisect_left(self.name_starts, pos)
        return self.name_types[k] if k < len(self.name_starts) and self.name_starts[k] <= ceiling else None


@lru_cache(maxsize=4096)
def _cue_mode(lex: EventLexicon, word: str) -> str | None:
    """The mode of the first mode cue a word belongs to (`tidak` negated, `akan` intent)."""
    return next((mode for cue, (mode, _) in lex.mode_cues.items() if word in cue), None)


def candidate_features(lex: EventLexicon, view: ArticleView, toks: Sequence[TokenLike], i: int,
                       stems: frozenset[str]) -> list[str]:
    """The features of candidate token i of a sentence."""
    word = toks[i].word
    feats = ["b", *_word_features(lex, word, stems)]
    kinds_before: set[str] = set()
    for d in (1, 2, 3):
        if i - d >= 0:
            prev = toks[i - d]
            if d <= 2:
                feats.append(f"-{d}w={prev.word}")
            kinds_before |= lex.grammar.get(prev.word, frozenset())
            if prev.word in lex.cue_words:
                mode = _cue_mode(lex, prev.word)
                if mode:
                    feats.append(f"cue={mode}")
        else:
            feats.append(f"-{d}pad")
        if i + d < len(toks) and d <= 2:
            feats.append(f"+{d}w={toks[i + d].word}")
    feats += [f"kb={k}" for k in sorted(kinds_before)]
    if i + 1 < len(toks):
        nxt = view.text[toks[i + 1].start:toks[i + 1].start + 1]
        if nxt.isupper():
            feats.append("+1cap")
    if i == 0:
        feats.append("first")
    if view.in_quote(toks[i].start):
        feats.append("quote")
    lo = toks[max(0, i - _NEAR)].start
    hi = toks[min(len(toks) - 1, i + _NEAR)].end
    before = view.name_before(toks[i].start, lo)
    after = view.name_after(toks[i].end, hi)
    feats.append(f"nb={before}")
    feats.append(f"na={after}")
    return feats


class EventModel:
    """The shipped classifier; one per thread (`default_event_model`)."""

    def __init__(self, model_path: str | None = None) -> None:
        self._tagger = open_crf(MODEL_RESOURCE, model_path)
        self.labels = tuple(self._tagger.labels())

    def probabilities(self, features: list[str]) -> dict[str, float]:
        """Label → probability for one candidate."""
        self._tagger.set([features])
        return {lab: self._tagger.marginal(lab, 0) for lab in self.labels}

    def belief(self, features: list[str], type_: str) -> float:
        """The model's probability that the candidate names an act of this type."""
        self._tagger.set([features])
        return self._tagger.marginal(type_, 0)


def has_event_model(lang: str) -> bool:
    """Whether an event-word model was trained for the language (only Indonesian: `events_id.crfsuite`)."""
    return f"events_{lang}.crfsuite" == MODEL_RESOURCE


def default_event_model(lang: str = "id") -> EventModel | None:
    """The shipped model of a language, one per thread; None where none was trained for it or it
    is not installed (the lexicon codes alone)."""
    if not has_event_model(lang):
        return None
    return per_thread(f"event_model_{lang}", EventModel)


def article_view(text: str, mentions: Sequence[Any], entity_type: Any, quotes: Sequence[Any]) -> ArticleView:
    """An `ArticleView` from the entity table's mentions (sorted by start) and the quotes."""
    spans = sorted((q.start, q.end) for q in quotes)
    return ArticleView(text, [m.start for m in mentions], [m.end for m in mentions],
                       [entity_type(m) for m in mentions], [s for s, _ in spans], [e for _, e in spans])
