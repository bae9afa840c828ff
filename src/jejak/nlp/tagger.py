"""A learned name tagger: a linear-chain CRF over tokens, beside the knowledge base and the cues.

The rules find names that a cue announces or the knowledge base knows; some of what they find
on weak evidence is no name at all (`Tim Monitoring`, `Bank Sentral`). This model, trained by
`tools/train_tagger.py` on idner-news-2k (MIT) and our own readings of Detik articles, reads the
word and its shape, affixes, its neighbours, the entity cues of `lang/id`, knowledge-base hits and
whether the article also writes the word in lower case, and says how likely each word is part of
a name (PER, ORG, LOC, EVT, PRD). The entity layer asks it only about the rules' doubtful names
and where a long name starts; `jejak eval --ner --ner-system tagger` scores it alone.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

from jejak.crf import open_crf
from jejak.lang import load_table, load_words
from jejak.nlp.letters import compile_latin

MODEL_RESOURCE = "ner_id.crfsuite"
_WINDOW = 2  # features look this many tokens either side
_SHAPE_RUN = re.compile(r"(.)\1+")


_LOWER_WORD = compile_latin(r"(?<![\w-])[a-z][a-z]+(?![\w-])")  # `émigrés` too


def lower_words(text: str) -> set[str]:
    """The words a text writes in lower case: a capitalised one among them is likely a plain word."""
    return set(_LOWER_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A name the tagger found: character offsets, its label, and the model's probability."""

    start: int
    end: int
    label: str
    confidence: float


@lru_cache(maxsize=None)
def _lexicon() -> dict[str, str]:
    """Word → the lexicon class the features name (cue kinds, role words, given names, ...)."""
    out: dict[str, str] = {}
    for word in load_words("id", "common_words"):
        out[word] = "common"
    for word in load_words("id", "given_names"):
        out[word] = "given"
    for word in load_words("id", "role_words"):
        out[word] = "role"
    for row in load_table("id", "entity_cues"):
        out[row["cue"]] = f"cue_{row['kind']}"
    for row in load_table("id", "time_words"):
        if row.get("kind") in ("month", "weekday"):
            out[row["word"]] = "calendar"
    return out


@lru_cache(maxsize=65536)
def _word_features(word: str) -> tuple[str, ...]:
    """The features of a word on its own (cached: news repeats its words)."""
    low = word.casefold()
    shape = _SHAPE_RUN.sub(r"\1", "".join("X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
                                          for c in word[:12]))
    lex = _lexicon()
    feats = [f"w={low}", f"sh={shape}", f"p3={low[:3]}", f"s3={low[-3:]}", f"s2={low[-2:]}"]
    klass = lex.get(word) or lex.get(low)
    if klass:
        feats.append(f"lex={klass}")
    if word[:1].isupper():
        feats.append("cap")
        if word.isupper() and len(word) > 1:
            feats.append("allcap")
    if len(word) == 1:
        feats.append("len1")
    return tuple(feats)


@lru_cache(maxsize=262144)
def _context(word: str, offset: int) -> tuple[str, ...]:
    """What a neighbour `offset` tokens away contributes: its lower form, shape class and lexicon
    class, named by the offset (cached with it, so a sentence costs look-ups, not string building)."""
    return tuple(f"{offset}{f}" for f in _word_features(word) if f.startswith(("w=", "sh=", "lex=")) or f == "cap")


_PAD = {d: (f"{d}pad",) for d in (-2, -1, 1, 2)}


def sentence_features(words: Sequence[str], gazetteer: Sequence[str | None],
                      lower_in_doc: frozenset[str] | set[str], first: bool = True) -> list[list[str]]:
    """Feature lists for one token sequence.

    `gazetteer[i]` is the knowledge-base tag of token i (`B-ORG`, `I-GPE`, …) or None;
    `lower_in_doc` holds words the article also writes in lower case.
    """
    n = len(words)
    out: list[list[str]] = []
    for i, word in enumerate(words):
        feats = ["b", *_word_features(word)]
        if i == 0 and first:
            feats.append("start")
        if word[:1].isupper() and word.casefold() in lower_in_doc:
            feats.append("lowdoc")
        g = gazetteer[i]
        if g:
            feats.append(f"kb={g}")
        feats += _context(words[i - 2], -2) if i >= 2 else _PAD[-2]
        if i >= 1:
            feats += _context(words[i - 1], -1)
            if gazetteer[i - 1]:
                feats.append(f"-1kb={gazetteer[i - 1]}")
        else:
            feats += _PAD[-1]
        if i + 1 < n:
            feats += _context(words[i + 1], 1)
            if gazetteer[i + 1]:
                feats.append(f"1kb={gazetteer[i + 1]}")
        else:
            feats += _PAD[1]
        feats += _context(words[i + 2], 2) if i + 2 < n else _PAD[2]
        out.append(feats)
    return out


def gazetteer_tags(spans: Sequence[tuple[int, int]], hits: Iterable[tuple[int, int, str]]) -> list[str | None]:
    """Each token's knowledge-base tag from name hits `(start, end, type)` over the same text."""
    tags: list[str | None] = [None] * len(spans)
    starts = {s: i for i, (s, _e) in enumerate(spans)}
    for h_start, h_end, kind in hits:
        i = starts.get(h_start)
        if i is None:
            continue
        tags[i] = f"B-{kind}"
        j = i + 1
        while j < len(spans) and spans[j][1] <= h_end:
            tags[j] = f"I-{kind}"
            j += 1
    return tags


def windows(words: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges worth tagging: each capitalised word with its context, merged."""
    out: list[tuple[int, int]] = []
    reach = _WINDOW + 1
    for i, w in enumerate(words):
        if not w[:1].isupper():
            continue
        lo, hi = max(0, i - reach), min(len(words), i + reach + 1)
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


class NameTagger:
    """The shipped CRF model; one per thread (`default_tagger`)."""

    def __init__(self, model_path: str | None = None) -> None:
        self._tagger = open_crf(MODEL_RESOURCE, model_path)

    def tag_tokens(self, words: Sequence[str], gazetteer: Sequence[str | None],
                   lower_in_doc: frozenset[str] | set[str], outside: list[float] | None = None,
                   ) -> list[tuple[int, int, str, float]]:
        """Spans `(first token, end token, label, confidence)` in one token sequence; `outside`, when
        given, receives each token's probability of being no part of a name."""
        found: list[tuple[int, int, str, float]] = []
        for lo, hi in windows(words):
            feats = sentence_features(words[lo:hi], gazetteer[lo:hi], lower_in_doc, first=lo == 0)
            labels = self._tagger.tag(feats)
            found.extend((lo + s, lo + e, lab, self._span_confidence(s, e, lab))
                         for s, e, lab in bio_spans(labels))
            if outside is not None:  # asked only of capitalised words: names start with one
                for k in range(hi - lo):
                    if words[lo + k][:1].isupper():
                        outside[lo + k] = self._tagger.marginal("O", k)
        return found

    def tag_window(self, words: Sequence[str], gazetteer: Sequence[str | None],
                   lower_in_doc: frozenset[str] | set[str], outside: list[float] | None, first: bool = False,
                   spans: bool = True, person: list[float] | None = None,
                   body: list[float] | None = None) -> list[tuple[int, int, str, float]]:
        """Tag one window of words as it stands (a region the caller chose); `outside`, when given,
        receives each capitalised word's probability of being no part of a name, `person` its
        probability of being part of a person's name and `body` of an organisation's."""
        labels = self._tagger.tag(sentence_features(words, gazetteer, lower_in_doc, first=first))
        if outside is not None:
            for k, w in enumerate(words):
                if w[:1].isupper():
                    outside[k] = self._tagger.marginal("O", k)
                    if person is not None:
                        person[k] = self._tagger.marginal("B-PER", k) + self._tagger.marginal("I-PER", k)
                    if body is not None:
                        body[k] = self._tagger.marginal("B-ORG", k) + self._tagger.marginal("I-ORG", k)
        return [(s, e, lab, self._span_confidence(s, e, lab)) for s, e, lab in bio_spans(labels)] if spans else []

    def _span_confidence(self, start: int, end: int, label: str) -> float:
        """The lowest marginal probability of the span's tags (the model's doubt at its weakest token)."""
        probs = [self._tagger.marginal(("B-" if i == start else "I-") + label, i) for i in range(start, end)]
        return round(min(probs), 3)

    def tag(self, text: str, spans: Sequence[tuple[int, int]], hits: Iterable[tuple[int, int, str]],
            lower_in_doc: frozenset[str] | set[str], sentences: Sequence[tuple[int, int]] | None = None,
            outside: list[float] | None = None) -> list[TaggedSpan]:
        """Names in `text`, given its token spans, knowledge-base hits and sentence spans. `outside`,
        a list as long as `spans`, receives each token's probability of being no part of a name."""
        words = [text[s:e] for s, e in spans]
        gaz = gazetteer_tags(spans, hits)
        out: list[TaggedSpan] = []
        for lo, hi in sentence_ranges(spans, sentences):
            part = [1.0] * (hi - lo)
            for s, e, lab, conf in self.tag_tokens(words[lo:hi], gaz[lo:hi], lower_in_doc, part):
                out.append(TaggedSpan(spans[lo + s][0], spans[lo + e - 1][1], lab, conf))
            if outside is not None:
                outside[lo:hi] = part
        return out


def sentence_ranges(spans: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]] | None
                     ) -> list[tuple[int, int]]:
    """Token index ranges of each sentence (the whole text when none are given)."""
    if not sentences:
        return [(0, len(spans))]
    out: list[tuple[int, int]] = []
    i = 0
    for s_start, s_end in sentences:
        while i < len(spans) and spans[i][1] <= s_start:
            i += 1
        j = i
        while j < len(spans) and spans[j][0] < s_end:
            j += 1
        if j > i:
            out.append((i, j))
        i = j
    return out


def bio_spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIO labels → `(start, end, label)` (an I- without its B- opens a span)."""
    out: list[tuple[int, int, str]] = []
    start, cur = None, None
    for i, tag in enumerate([*labels, "O"]):
        prefix, _, lab = tag.partition("-")
        if start is not None and (prefix != "I" or lab != cur):
            out.append((start, i, cur))
            start, cur = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, cur = i, lab
    return out


_PER_THREAD = threading.local()


def default_tagger() -> NameTagger:
    """The shipped model, one per thread: a crfsuite tagger keeps the last sequence it tagged for
    the marginals asked after it, so two analyses at once must not share one. A missing model is a
    broken install, said plainly."""
    tagger = getattr(_PER_THREAD, "tagger", None)
    if tagger is not None:
        return tagger
    try:
        tagger = NameTagger()
    except ImportError as e:
        raise RuntimeError("jejak's name tagger needs python-crfsuite; reinstall jejak (pip install jejak)") from e
    except (FileNotFoundError, OSError) as e:
        raise RuntimeError(f"jejak's name model ({MODEL_RESOURCE}) is missing from the install; reinstall jejak, "
                           "or rebuild it with `python tools/train_tagger.py`") from e
    _PER_THREAD.tagger = tagger
    return tagger
