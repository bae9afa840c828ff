"""What a copy changed: name each distortion between an original report and a copy of it.

A distortion is a change that alters what the report says: a negation added or dropped, a
number or a date changed, "will" turned into "did", a statement given to another speaker, a
quote cut so that it says something else, a person or place replaced. Rewording, reordering,
removed furniture, an added dateline and numbers written another way are no distortions.

Why it is built this way:
- Copies reorder, merge and split sentences. Sentences are aligned first (word overlap through
  an inverted index), the copy's sentences are put back into the original's order, and one
  token diff runs over the whole text, so a cut that runs from one sentence into the next is one
  changed region, as a reader would see it. Runs of identical sentences are skipped before the
  token diff, which keeps long texts cheap.
- Each changed region is judged against its sentence group (the sentences the diff ties
  together on both sides): a word moved within a sentence is no loss, a reordered clause flags
  nothing, and a negation counts only when the group as a whole gained or lost one.
- What changes meaning is language data (`lang/<lang>/distortion_cues.tsv`, the speech verbs,
  number and time words) read by the existing extractors: `extract_times` for dates,
  `parse_number` for values, `recognise` for names and their aliases, `extract_quotes` for
  quotes and their speakers. They run only when a changed region needs them.
- One changed region yields at most one distortion, of the most specific kind; neighbouring
  regions of one kind in one sentence group (two numbers of one amount, the cuts of one quote)
  are reported as one.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache, cached_property, lru_cache

from jejak.extract.amounts import parse_number, words_value
from jejak.extract.quote_lexicon import lexicon as quote_lexicon
from jejak.extract.quotes import extract_quotes
from jejak.extract.times import extract_times, infer_published
from jejak.kb import default_kb
from jejak.lang import load_table
from jejak.model import EntityRef, Quote
from jejak.nlp.entities import EntityTable, language_pack, recognise
from jejak.nlp.segment import sentences
from jejak.provenance.confidence import band_of, distortion_confidence

__all__ = ["DISTORTION_KINDS", "Distortion", "Side", "align_sentences", "as_siblings", "find_distortions"]

DISTORTION_KINDS: tuple[str, ...] = (
    "negation-flip",
    "number-change",
    "date-change",
    "temporal-flip",
    "speaker-swap",
    "quote-cut",
    "entity-swap",
)


@dataclass(frozen=True)
class Side:
    """A span of one text with its words, so a distortion shows its evidence on both sides."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Distortion:
    """One change in meaning: its kind, where it sits in the original (`a`) and the copy (`b`)."""

    kind: str  # one of DISTORTION_KINDS
    a: Side  # span in the original (earlier) text; for an insertion, an empty span at its place
    b: Side  # span in the copy
    note: str  # short English explanation: "tidak added", "161 -> 116"
    band: str  # figure, name, wording, rewrite or doubt: how it was found (jejak.provenance.confidence)
    doubt: str | None  # what speaks against it: restated, pronoun, refilled, re-version, scale, weekday, typo, siblings
    confidence: float  # the band's measured share of real changes of fact

    def to_dict(self) -> dict:
        """{"kind", "a": {"start", "end", "text"}, "b": {...}, "note", "band", "doubt", "confidence"}."""
        return {"kind": self.kind, "a": self.a.to_dict(), "b": self.b.to_dict(), "note": self.note,
                "band": self.band, "doubt": self.doubt, "confidence": self.confidence}


# --- language data -----------------------------------------------------------------------------

# numbers with their separators; words (letters only, so `Rp1,5` reads as `Rp` `1,5`); any other mark
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:[-'’][^\W\d_]+)*|\S")
_SAME_MARKS = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
                             "–": "-", "—": "-"})
#: Real copies are mostly rewritten, not edited: an outlet that redoes a press release in its
#: own words exchanges whole clauses, and none of those exchanges is a distortion. Flips, swaps
#: and changed figures are local, so a region of those kinds may hold at most MAX_LOCAL_WORDS
#: words a side; a temporal flip or a cut may rewrite a clause, up to MAX_CLAUSE_WORDS. On the
#: 54 real CLICK-ID copy pairs of the dev set this cuts the findings from 100 to about 20.
MAX_LOCAL_WORDS = 6
MAX_CLAUSE_WORDS = 14
_LOCAL_KINDS = frozenset({"negation-flip", "entity-swap", "speaker-swap", "date-change", "number-change"})
_UPDATE_KINDS = frozenset({"number-change", "date-change", "temporal-flip"})  # what a later version updates
_ASPECTS = ("future", "ongoing", "perfect", "before", "after")
_NUMBER_WORDS = ("num", "mul", "teen")


@dataclass(frozen=True)
class _Lexicon:
    """The words of one language that this module reads, all from the language pack."""

    negations: frozenset[str]
    aspect: dict[str, str]  # word -> future / ongoing / perfect / before / after
    contradicts: frozenset[tuple[str, str]]  # pairs of aspect classes, both ways
    fillers: frozenset[str]
    one: frozenset[str]  # `sebulan`: one of something
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> ((words), kind), longest first
    numbers: dict[str, tuple[str, float]]  # number words: num / mul / teen / scale
    speech: frozenset[str]  # speech verbs, `-nya` forms included
    roles: frozenset[str]  # office, rank and title words (lower case): part of no name
    common: frozenset[str]  # words written in lower case more often than not
    calendar: frozenset[str]  # month and weekday names
    weekdays: frozenset[str]


@cache
def _lexicon(lang: str) -> _Lexicon:
    cues = load_table(lang, "distortion_cues", missing_ok=True)
    single = [r for r in cues if " " not in r["cue"]]
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for r in cues:
        if r["kind"] in ("not-negation", "not-aspect", "not-number"):
            words = tuple(r["cue"].lower().split())
            phrases.setdefault(words[0], []).append((words, r["kind"]))
    numbers = {r["form"].lower(): (r["kind"], float(r["value"]))
               for r in load_table(lang, "amount_scales", missing_ok=True)
               if "cs" not in r.get("flags", "") and r["kind"] in (*_NUMBER_WORDS, "scale")}
    roles = {w.lower() for w in _first_column(lang, "role_words")}
    roles |= {r["cue"].rstrip(".").lower() for r in load_table(lang, "entity_cues", missing_ok=True)
              if r.get("kind") in ("role", "honorific")}
    return _Lexicon(
        negations=frozenset(r["cue"] for r in single if r["kind"] == "negation"),
        aspect={r["cue"]: r["kind"] for r in single if r["kind"] in _ASPECTS},
        contradicts=frozenset(pair for r in cues if r["kind"] == "contradicts"
                              for pair in ((r["cue"], r["value"]), (r["value"], r["cue"]))),
        fillers=frozenset(r["cue"] for r in single if r["kind"] == "filler"),
        one=frozenset(r["cue"] for r in single if r["kind"] == "one"),
        phrases={k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()},
        numbers=numbers,
        speech=quote_lexicon(lang).speech_words,
        roles=frozenset(roles),
        common=frozenset(w.lower() for w in _first_column(lang, "common_words")),
        calendar=frozenset(r["word"].lower() for r in load_table(lang, "time_words", missing_ok=True)
                           if r["kind"] in ("month", "weekday")),
        weekdays=frozenset(r["word"].lower() for r in load_table(lang, "time_words", missing_ok=True)
                           if r["kind"] == "weekday"),
    )


def _first_column(lang: str, name: str) -> list[str]:
    return [next(iter(r.values())) for r in load_table(lang, name, missing_ok=True) if r]


# --- one text, tokenised and (lazily) analysed ---------------------------------------------------


class _Text:
    """A text as tokens with sentence numbers; what the judge needs is computed on first use."""

    def __init__(self, text: str, lang: str) -> None:
        self.text, self.lang, self.lex = text, lang, _lexicon(lang)
        self.anchor: dt.date | None = None  # the day relative dates resolve against
        self.spans = [m.span() for m in _TOKEN.finditer(text)]
        self.norms = [_norm(text[s:e]) for s, e in self.spans]
        self.is_word = [n[0].isalnum() for n in self.norms]
        self.starts = [s for s, _ in self.spans]
        self.sents = sentences(text, lang) if text.strip() else []
        sent_starts = [s for s, _ in self.sents]
        self.sent_of = [max(0, bisect_right(sent_starts, s) - 1) for s in self.starts]
        self.sent_tokens: list[list[int]] = [[] for _ in self.sents]
        if self.sents:
            for i, k in enumerate(self.sent_of):
                self.sent_tokens[k].append(i)

    def tok_range(self, start: int, end: int) -> range:
        """Token indices overlapping a character span."""
        lo = bisect_right(self.starts, start) - 1
        if lo < 0 or self.spans[lo][1] <= start:
            lo += 1
        return range(lo, bisect_left(self.starts, end))

    def side(self, toks: list[int], at: int) -> Side:
        """The span of these tokens without punctuation at its edges; with none, an empty span before token `at`."""
        words = [i for i in toks if self.is_word[i]]
        if words:
            toks = [i for i in toks if min(words) <= i <= max(words)]
        if toks:
            s, e = self.spans[min(toks)][0], self.spans[max(toks)][1]
        elif 0 < at <= len(self.spans):
            s = e = self.spans[at - 1][1]
        else:
            s = e = self.spans[0][0] if self.spans and at == 0 else len(self.text)
        return Side(s, e, self.text[s:e])

    def words(self, toks: list[int]) -> str:
        """The text from the first to the last of these tokens."""
        return self.text[self.spans[toks[0]][0]:self.spans[toks[-1]][1]] if toks else ""

    @cached_property
    def marks(self) -> tuple[list[bool], list[str | None], set[int]]:
        """Per token: a negation that negates, its tense/aspect class; and the tokens of not-number phrases."""
        lex, n = self.lex, len(self.norms)
        negates = [w in lex.negations for w in self.norms]
        aspect: list[str | None] = [lex.aspect.get(w) for w in self.norms]
        not_number: set[int] = set()
        for i, w in enumerate(self.norms):
            for words, kind in lex.phrases.get(w, ()):
                if tuple(self.norms[i:i + len(words)]) != words:
                    continue
                for k in range(i, min(n, i + len(words))):
                    if kind == "not-negation":
                        negates[k] = False
                    elif kind == "not-aspect":
                        aspect[k] = None
                    else:
                        not_number.add(k)
        return negates, aspect, not_number

    def use_analysis(self, analysis: dict) -> None:
        """Take names, dates and quotes from the text's analysis record (`entities`, `times`,
        `quotes` with offsets into this text) instead of finding them again: the linker has them
        stored, and finding them is most of the cost of comparing two texts."""
        self.__dict__["mentions"] = sorted(
            (s, e, ent.get("kb_id") or self.text[s:e].lower(), ent.get("type") or "")
            for ent in analysis.get("entities") or () for s, e in ent.get("mentions") or ())
        self.__dict__["found_times"] = [(t["start"], t["end"], t["value"], t.get("text") or self.text[t["start"]:t["end"]])
                                        for t in analysis.get("times") or ()]
        self.__dict__["quotes"] = [_quote(q) for q in analysis.get("quotes") or ()]

    @cached_property
    def table(self) -> EntityTable:
        return recognise(self.text, kb=default_kb(), lang=self.lang)

    @cached_property
    def mentions(self) -> list[tuple[int, int, str, str]]:
        """Names as (start, end, key, type): the key is the KB id, else the words in lower case."""
        return [(m.start, m.end, self.table.entities[m.entity].kb_id or m.text.lower(), self.table.entities[m.entity].type)
                for m in self.table.mentions]

    @cached_property
    def quotes(self) -> list[Quote]:
        with language_pack(self.lang):
            return extract_quotes(self.text, self.table, default_kb(), None, self.sents, self.lang)

    @cached_property
    def found_times(self) -> list[tuple[int, int, str, str]]:
        """Time expressions as (start, end, value, text), read against the text's anchor day."""
        return [(t.start, t.end, t.value, t.text) for t in extract_times(self.text, self.anchor, lang=self.lang)]

    @cached_property
    def times(self) -> list[tuple[range, str, str]]:
        """Time expressions as (token range, value, text); a date inside a name (`Universitas Sebelas Maret`) is none."""
        named = [(s, e) for s, e, _, kind in self.mentions if kind in ("ORG", "LOC", "GPE")]
        return [(self.tok_range(start, end), value, said) for start, end, value, said in self.found_times
                if not any(s <= start and end <= e for s, e in named)]

    @cached_property
    def time_of(self) -> dict[int, int]:
        return {i: k for k, (rng, _, _) in enumerate(self.times) for i in rng}

    @cached_property
    def numbers(self) -> list[tuple[range, float]]:
        """Numbers outside dates as (token range, value), a scale word after them applied (`1,5 juta`).

        What is a year is left to `extract_times`; `tiga`, `seribu dua ratus` and `sebulan` are
        numbers too, so a number written in words equals the same number in digits."""
        lex, norms, out = self.lex, self.norms, []
        skip = self.marks[2]
        i, n = 0, len(norms)
        while i < n:
            w, j, value = norms[i], i + 1, None
            if i in skip or i in self.time_of or self.list_marker(i):
                i += 1
                continue
            if w[0].isdigit():
                try:
                    value = parse_number(self.text[self.spans[i][0]:self.spans[i][1]], self.lang)
                except ValueError:
                    value = None
            elif w in lex.one:
                value = 1.0
            elif lex.numbers.get(w, ("",))[0] in _NUMBER_WORDS:
                while j < n and lex.numbers.get(norms[j], ("",))[0] in _NUMBER_WORDS:
                    j += 1
                value = words_value(" ".join(norms[i:j]), lex.numbers)
            if value is None:
                i += 1
                continue
            if j < n and lex.numbers.get(norms[j], ("",))[0] == "scale":
                value *= lex.numbers[norms[j]][1]
                j += 1
            out.append((range(i, j), round(value, 6)))
            i = j
        return out

    def list_marker(self, i: int) -> bool:
        """`1.` or `2)` opening an item of a list (`,1. Garuda GA-123,2. Lion …`): a position, not a
        figure. It takes a line of its own or a neighbour (the item before or after it), so that a
        count ending a sentence (`korban: 12. Mereka …`) stays a figure."""
        return i in self.list_markers

    @cached_property
    def list_markers(self) -> set[int]:
        norms, n = self.norms, len(self.norms)
        found: dict[int, int] = {}
        own_line: set[int] = set()
        for i, w in enumerate(norms):
            if not w.isdigit() or len(w) > 2 or i + 2 >= n or norms[i + 1] not in (".", ")"):
                continue
            if not self.text[self.spans[i + 2][0]].isupper():
                continue
            gap = self.text[self.spans[i - 1][1]:self.spans[i][0]] if i else "\n"
            if "\n" in gap:
                own_line.add(i)
            elif norms[i - 1] in (",", ".", ";", ":"):
                found[i] = int(w)
        values = set(found.values())
        return own_line | {i for i, v in found.items() if v - 1 in values or v + 1 in values}

    @cached_property
    def number_of(self) -> dict[int, int]:
        return {i: k for k, (rng, _) in enumerate(self.numbers) for i in rng}

    @cached_property
    def number_values(self) -> set[float]:
        """Every figure the text states, for telling a changed figure from one stated elsewhere."""
        return {v for _, v in self.numbers}

    @cached_property
    def day_values(self) -> set[str]:
        """Every day, week and month the text names (ISO values of its time expressions)."""
        return {v for _, v, _ in self.times}

    @cached_property
    def names(self) -> dict[int, tuple[str, int]]:
        """Per name token: the key of what it names (a KB id, else its words) and which mention it is in.

        Recognised entities come first, so `RI` and `Indonesia` share a key. Any other capitalised
        word is a name unless it is a common, office, calendar or speech word, or opens a sentence."""
        lex, out = self.lex, {}
        for start, end, key, _ in self.mentions:
            for i in self.tok_range(start, end):
                if self.is_word[i]:
                    out[i] = (key, -1 - start)
        openers = {next((i for i in toks if self.is_word[i]), -1) for toks in self.sent_tokens}
        for i, w in enumerate(self.norms):
            if i in out or not self.is_word[i] or w[0].isdigit():
                continue
            raw = self.text[self.spans[i][0]:self.spans[i][1]]
            if not raw[0].isupper() or w in lex.roles or w in lex.calendar or w in lex.speech:
                continue
            if w in lex.common and (i in openers or not raw.isupper()):
                continue
            out[i] = (w, i)
        return out


# --- sentence alignment ----------------------------------------------------------------------------


def _sentence_keys(t: _Text) -> list[tuple[str, ...]]:
    return [tuple(t.norms[i] for i in toks) for toks in t.sent_tokens]


def _match_sentences(a: _Text, b: _Text) -> list[tuple[int | None, float]]:
    """For each copy sentence, its best original sentence and their similarity.

    Similarity is the Dice overlap of their words or, for a copy sentence of five words or more,
    how much of it the original sentence contains (the half of a split sentence is contained in
    its original). Near ties go to the original sentence where the copy's order expects one, so
    repeated wording does not pull a sentence across the text."""
    a_bags = [Counter(a.norms[i] for i in toks if a.is_word[i]) for toks in a.sent_tokens]
    a_sizes = [sum(bag.values()) for bag in a_bags]
    index: dict[str, list[tuple[int, int]]] = {}
    for i, bag in enumerate(a_bags):
        for w, c in bag.items():
            index.setdefault(w, []).append((i, c))
    same: dict[tuple[str, ...], list[int]] = {}
    for i, key in enumerate(_sentence_keys(a)):
        same.setdefault(key, []).append(i)
    out: list[tuple[int | None, float]] = []
    expected = 0
    for key, toks in zip(_sentence_keys(b), b.sent_tokens):
        if key in same:  # the very sentence: take the one nearest where the order expects it
            best = min(same[key], key=lambda i: abs(i - expected))
            out.append((best, 1.0))
            expected = best + 1
            continue
        bag = Counter(b.norms[i] for i in toks if b.is_word[i])
        size = sum(bag.values())
        overlap: Counter[int] = Counter()
        for w, c in bag.items():
            for i, co in index.get(w, ()):
                overlap[i] += min(c, co)
        best, best_score, best_sim = None, -1.0, 0.0
        for i, ov in overlap.items():
            sim = 2 * ov / (size + a_sizes[i])
            if size >= 5:
                sim = max(sim, 0.95 * ov / size)
            score = sim - min(0.05, 0.005 * abs(i - expected))
            if score > best_score:
                best, best_score, best_sim = i, score, sim
        if best is not None and (best_sim >= 0.5 or (best_sim >= 0.3 and overlap[best] >= 4)):
            out.append((best, best_sim))
            expected = best + 1
        else:
            out.append((None, best_sim))
    return out


def align_sentences(original: str, copy: str, lang: str = "id") -> list[tuple[tuple[int, int] | None, tuple[int, int] | None, float]]:
    """(original sentence span, copy sentence span, similarity) rows for a side-by-side view.

    Rows follow the copy. An original sentence that no copy sentence matched gets a row of its
    own (copy None) before the first copy row that matched a later original sentence; a copy
    sentence with no match has original None.
    """
    a, b = _Text(original, lang), _Text(copy, lang)
    matches = _match_sentences(a, b)
    used = {i for i, _ in matches if i is not None}
    pending = [i for i in range(len(a.sents)) if i not in used]
    rows: list[tuple[tuple[int, int] | None, tuple[int, int] | None, float]] = []
    for j, (i, sim) in enumerate(matches):
        while i is not None and pending and pending[0] < i:
            rows.append((a.sents[pending.pop(0)], None, 0.0))
        rows.append((a.sents[i] if i is not None else None, b.sents[j], round(sim, 3)))
    rows.extend((a.sents[i], None, 0.0) for i in pending)
    return rows


# --- the diff ----------------------------------------------------------------------------------------

_Node = tuple[str, int]  # ("a" or "b", sentence index)


@dataclass(slots=True)
class _Group:
    """Sentences of both texts that the diff ties together."""

    a_sents: set[int] = field(default_factory=set)
    b_sents: set[int] = field(default_factory=set)


@dataclass(slots=True)
class _Region:
    """A changed region: original tokens, copy tokens, their places when empty, and the group."""

    a_toks: list[int]
    b_toks: list[int]
    a_at: int
    b_at: int
    group: _Node | None = None


class _Diff:
    """The token diff of two texts, its changed regions and their sentence groups."""

    def __init__(self, a: _Text, b: _Text) -> None:
        self.a, self.b = a, b
        self._parent: dict[_Node, _Node] = {}
        matches = _match_sentences(a, b)
        order = _copy_order(matches)
        self.b_seq = [i for j in order for i in b.sent_tokens[j]]  # copy tokens in the original's order
        self.opcodes = self._opcodes(order)
        self.a_equal = [False] * len(a.norms)  # original tokens the copy kept in place
        for tag, i1, i2, j1, j2 in self.opcodes:
            if tag != "equal":
                continue
            self.a_equal[i1:i2] = [True] * (i2 - i1)
            if sum(a.is_word[i1:i2]) >= 2 or i2 - i1 == len(a.norms):  # two shared words tie two sentences
                for k in range(i2 - i1):
                    self._union(("a", a.sent_of[i1 + k]), ("b", b.sent_of[self.b_seq[j1 + k]]))
        regions = self._regions()
        self.groups: dict[_Node, _Group] = {}
        for side, t in (("a", a), ("b", b)):
            for k in range(len(t.sents)):
                g = self.groups.setdefault(self._find((side, k)), _Group())
                (g.a_sents if side == "a" else g.b_sents).add(k)
        aligned = {self._find(("a", i)) for j, (i, _) in enumerate(matches)
                   if i is not None and self._find(("a", i)) == self._find(("b", j))}
        self.regions = [r for r in regions if r.group in aligned]  # text with no aligned sentence is no copy

    def _opcodes(self, order: list[int]) -> list[tuple[str, int, int, int, int]]:
        """Token opcodes of the original against the reordered copy: identical sentences first, then tokens in between."""
        a, b = self.a, self.b
        b_norms = [b.norms[i] for i in self.b_seq]
        a_bounds = _bounds([len(t) for t in a.sent_tokens])
        b_bounds = _bounds([len(b.sent_tokens[j]) for j in order])
        b_keys = [tuple(b.norms[i] for i in b.sent_tokens[j]) for j in order]
        out: list[tuple[str, int, int, int, int]] = []
        by_sentence = difflib.SequenceMatcher(None, _sentence_keys(a), b_keys, autojunk=False)
        for tag, s1, s2, t1, t2 in by_sentence.get_opcodes():
            i1, i2, j1, j2 = a_bounds[s1], a_bounds[s2], b_bounds[t1], b_bounds[t2]
            if tag == "equal":
                out.append(("equal", i1, i2, j1, j2))
                continue
            out.extend(_token_opcodes(a.norms, b_norms, i1, i2, j1, j2))
        return out

    def _find(self, x: _Node) -> _Node:
        while self._parent.get(x, x) != x:
            x = self._parent[x]
        return x

    def _union(self, x: _Node, y: _Node) -> None:
        rx, ry = self._find(x), self._find(y)
        if rx != ry:
            self._parent[rx] = ry

    def _regions(self) -> list[_Region]:
        """Changed regions: diff opcodes, neighbours in one sentence with at most one word between them joined."""
        a, b = self.a, self.b
        last = len(a.norms) - 1
        spans: list[list[int]] = []
        for tag, i1, i2, j1, j2 in self.opcodes:
            if tag == "equal":
                continue
            if spans and sum(a.is_word[spans[-1][1]:i1]) <= 1 and \
                    a.sent_of[min(i1, last)] == a.sent_of[max(spans[-1][1] - 1, 0)]:
                spans[-1][1], spans[-1][3] = i2, j2
            else:
                spans.append([i1, i2, j1, j2])
        out = []
        for i1, i2, j1, j2 in spans:
            a_toks, b_toks = list(range(i1, i2)), self.b_seq[j1:j2]
            if not any(a.is_word[i] for i in a_toks) and not any(b.is_word[i] for i in b_toks):
                continue  # punctuation only
            nodes = [("a", a.sent_of[i]) for i in a_toks] + [("b", b.sent_of[i]) for i in b_toks]
            if not a_toks and a.norms:
                nodes.append(("a", a.sent_of[min(i1, last)]))
            if not b_toks and self.b_seq:
                nodes.append(("b", b.sent_of[self.b_seq[min(j1, len(self.b_seq) - 1)]]))
            for node in nodes[1:]:
                self._union(nodes[0], node)
            out.append(_Region(a_toks, b_toks, i1, self.b_seq[j1 - 1] + 1 if j1 > 0 else 0))
        for r in out:
            r.group = self._find(("a", a.sent_of[r.a_toks[0] if r.a_toks else min(r.a_at, last)]) if a.norms else ("b", 0))
        return out


def _token_opcodes(x: list[str], y: list[str], i1: int, i2: int, j1: int, j2: int) -> list[tuple[str, int, int, int, int]]:
    """Opcodes of x[i1:i2] against y[j1:j2]; a common head and tail are cut off first, as diff tools do."""
    head = 0
    while i1 + head < i2 and j1 + head < j2 and x[i1 + head] == y[j1 + head]:
        head += 1
    tail = 0
    while i2 - tail > i1 + head and j2 - tail > j1 + head and x[i2 - tail - 1] == y[j2 - tail - 1]:
        tail += 1
    out = [("equal", i1, i1 + head, j1, j1 + head)] if head else []
    lo_a, hi_a, lo_b, hi_b = i1 + head, i2 - tail, j1 + head, j2 - tail
    matcher = difflib.SequenceMatcher(None, x[lo_a:hi_a], y[lo_b:hi_b], autojunk=False)
    out.extend((op, lo_a + p1, lo_a + p2, lo_b + q1, lo_b + q2) for op, p1, p2, q1, q2 in matcher.get_opcodes())
    if tail:
        out.append(("equal", hi_a, i2, hi_b, j2))
    return out


def _copy_order(matches: list[tuple[int | None, float]]) -> list[int]:
    """Copy sentences in the original's order; an unmatched one stays after its predecessor."""
    keys, last = [], -1
    for j, (i, _) in enumerate(matches):
        if i is not None:
            last = i
        keys.append((last, j))
    return [j for _, j in sorted(keys)]


def _bounds(sizes: list[int]) -> list[int]:
    """Running token offsets of consecutive sentences: sentence k spans [bounds[k], bounds[k+1])."""
    out = [0]
    for n in sizes:
        out.append(out[-1] + n)
    return out


# --- judging a region ----------------------------------------------------------------------------------


class _Judge:
    """Names the kind of each changed region; group totals are counted once per group."""

    def __init__(self, diff: _Diff) -> None:
        self.d, self.a, self.b, self.lex = diff, diff.a, diff.b, diff.a.lex
        self._totals: dict[tuple[_Node | None, str, str], Counter] = {}
        self.doubts: dict[int, str] = {}  # id of a region -> why its change may be no change of fact
        self.figures: dict[int, int] = {}  # id of a number-change region -> how many figures it changed

    def total(self, group: _Node | None, side: str, what: str) -> Counter:
        """A group's words / negations / aspect classes / numbers / dates / names on one side."""
        key = (group, side, what)
        if key not in self._totals:
            g = self.d.groups.get(group, _Group()) if group else _Group()
            t = self.a if side == "a" else self.b
            toks = [i for k in sorted(g.a_sents if side == "a" else g.b_sents) for i in t.sent_tokens[k]]
            self._totals[key] = _count(t, toks, what)
        return self._totals[key]

    def changed(self, r: _Region, what: str) -> tuple[Counter, Counter]:
        """What the region lost and gained, as far as its whole group lost and gained it too."""
        ra, rb = _count(self.a, r.a_toks, what), _count(self.b, r.b_toks, what)
        ga, gb = self.total(r.group, "a", what), self.total(r.group, "b", what)
        return (ra - rb) & (ga - gb), (rb - ra) & (gb - ga)

    def judge(self, r: _Region) -> tuple[str, str] | None:
        """The most specific kind of change in the region, with a note; None for rewording."""
        lex = self.lex
        if _scrape_gap(self.a, r.a_toks, self.b, r.b_toks):
            return None
        lost, gained = self.changed(r, "words")
        content_lost = [w for w in lost.elements() if w not in lex.fillers]
        content_gained = [w for w in gained.elements() if w not in lex.fillers]
        if any(w in lex.speech for w in content_lost) and any(w in lex.speech for w in content_gained):
            content_lost = [w for w in content_lost if w not in lex.speech]  # `kata` -> `ujar`
            content_gained = [w for w in content_gained if w not in lex.speech]
        neg_lost, neg_gained = self.changed(r, "negations")
        if not content_gained:  # a cut: of the negation alone, of a tense marker, or of a quote's words
            if neg_lost and len(content_lost) <= neg_lost.total():
                return "negation-flip", f"{_say(self.a, r.a_toks, lex.negations)} removed"
            return self.temporal(r) or self.quote_cut(r, content_lost)
        if neg_lost or neg_gained:
            if _misspelt(content_lost, content_gained):
                self.doubts[id(r)] = "typo"  # `bukanlah` -> `bukalah`: a slip of the keyboard, not a reversal
            return "negation-flip", self.negation_note(r, neg_lost, neg_gained)
        for test in (self.temporal, self.date, self.number, self.names):
            found = test(r)
            if found:
                return found
        if len(content_gained) == 1 and len(content_lost) > 2:  # a cut with a joining word put in
            return self.quote_cut(r, content_lost)
        return None

    def negation_note(self, r: _Region, lost: Counter, gained: Counter) -> str:
        old, new = _say(self.a, r.a_toks, self.lex.negations), _say(self.b, r.b_toks, self.lex.negations)
        if gained and not lost:
            return f"{new} added"
        if lost and not gained:
            return f"{old} removed"
        return f"{old} -> {new}"

    def quote_cut(self, r: _Region, content_lost: list[str]) -> tuple[str, str] | None:
        """Two words or more lost from inside a quote that otherwise reached the copy.

        A reported statement is reworded far more often than a quote, so it takes four."""
        if len(content_lost) < 2 or not r.a_toks:
            return None
        if all(self.a.text[self.a.spans[i][0]].isupper() for i in r.a_toks if self.a.is_word[i]):
            return None  # only a name went: scraped pages drop linked names (`di ,` for `di Jawa Barat`)
        q = self.quote_at(r)
        if q is None or (q.kind != "direct" and len(content_lost) < 4):
            return None
        return "quote-cut", f"cut from {q.kind} quote: {_clip(self.a.words(r.a_toks))}"

    def quote_at(self, r: _Region) -> Quote | None:
        """The original's quote holding most of the region, when two of its words or more reached the copy."""
        a = self.a
        words = [a.spans[i] for i in r.a_toks if a.is_word[i]]
        for q in a.quotes:
            inside = sum(1 for s, e in words if q.start <= s and e <= q.end)
            if not words or 2 * inside <= len(words):
                continue
            if sum(1 for i in a.tok_range(q.start, q.end) if a.is_word[i] and self.d.a_equal[i]) >= 2:
                return q
        return None

    def temporal(self, r: _Region) -> tuple[str, str] | None:
        """A tense, aspect or order marker swapped for one it contradicts (`akan` -> `telah`, `sebelum` -> `setelah`)."""
        ga, gb = self.total(r.group, "a", "aspect"), self.total(r.group, "b", "aspect")
        ra, rb = _count(self.a, r.a_toks, "aspect"), _count(self.b, r.b_toks, "aspect")
        for old, new in self.lex.contradicts:
            if ga[old] > gb[old] and gb[new] > ga[new] and (ra[old] or rb[new]):
                return "temporal-flip", self.aspect_note(r.a_toks, r.b_toks)
        return None

    def aspect_note(self, a_toks: list[int], b_toks: list[int]) -> str:
        """The tense and order words the copy dropped and put in: `akan -> setelah`."""
        old = Counter(self.a.norms[i] for i in a_toks if self.a.marks[1][i])
        new = Counter(self.b.norms[i] for i in b_toks if self.b.marks[1][i])
        return f"{' '.join((old - new).elements()) or '-'} -> {' '.join((new - old).elements()) or '-'}"

    def date(self, r: _Region) -> tuple[str, str] | None:
        """Dates touched by the region that resolve to other days."""
        a_times, b_times = _touched(self.a.times, r.a_toks, r.a_at), _touched(self.b.times, r.b_toks, r.b_at)
        old = {self.a.times[k][1] for k in a_times}
        new = {self.b.times[k][1] for k in b_times}
        if old and old == new:
            return self.weekday(r)
        if not (old - new) or not (new - old) or self.total(r.group, "a", "dates") == self.total(r.group, "b", "dates"):
            return None  # the same day said another way (`Kamis, 12 September` -> `hari ini, Kamis (12/9)`)
        if _within(new - old, self.a.day_values) or _within(old - new, self.b.day_values):
            self.doubts[id(r)] = "restated"  # the other text gives that day elsewhere, or the week holding it
        return "date-change", f"{', '.join(self.a.times[k][2] for k in a_times)} -> {', '.join(self.b.times[k][2] for k in b_times)}"

    def weekday(self, r: _Region) -> tuple[str, str] | None:
        """One weekday exchanged for another beside the same date (`Selasa, 10 September` ->
        `Kamis, 10 September`): the copy now names two days at once."""
        lost = [self.a.norms[i] for i in r.a_toks if self.a.norms[i] in self.lex.weekdays]
        gained = [self.b.norms[i] for i in r.b_toks if self.b.norms[i] in self.lex.weekdays]
        if len(lost) == 1 and len(gained) == 1 and lost != gained:
            self.doubts[id(r)] = "weekday"  # one text names two days at once: a slip, or the change
            return "date-change", f"{lost[0]} -> {gained[0]} (same date)"
        return None

    def number(self, r: _Region) -> tuple[str, str] | None:
        """Numbers touched by the region whose values differ (`Rp 1,5 miliar` = `Rp1,5 miliar` = `1.500 juta`)."""
        a_nums = sorted({self.a.number_of[i] for i in r.a_toks if i in self.a.number_of})
        b_nums = sorted({self.b.number_of[i] for i in r.b_toks if i in self.b.number_of})
        old = {self.a.numbers[k][1] for k in a_nums}
        new = {self.b.numbers[k][1] for k in b_nums}
        if not (old - new) or not (new - old) or self.total(r.group, "a", "numbers") == self.total(r.group, "b", "numbers"):
            return None
        if _rounded(old - new, new - old):
            return None  # `124.754.129` -> `124,75 juta`: the same figure rounded
        said_a = ", ".join(self.a.words(list(self.a.numbers[k][0])) for k in a_nums)
        said_b = ", ".join(self.b.words(list(self.b.numbers[k][0])) for k in b_nums)
        if _digits(said_a) and _shape(said_a) == _shape(said_b):
            return None  # `184,430,400` -> `184.430.400`, `16, 33` -> `16.33`: separators written another way
        if _scaled(old - new, new - old):
            self.doubts[id(r)] = "scale"  # `130.000` -> `130`: a scale word dropped, most likely a slip
        if _distinctive(new - old) and (new - old) <= self.a.number_values or \
                _distinctive(old - new) and (old - new) <= self.b.number_values:
            self.doubts[id(r)] = "restated"  # the other text states the figure elsewhere: a slip, or a restatement
        self.figures[id(r)] = len(old - new)
        return "number-change", f"{said_a} -> {said_b}"

    def names(self, r: _Region) -> tuple[str, str] | None:
        """A name lost and another gained: the speaker's name (speaker-swap) or any other (entity-swap)."""
        lost, gained = self.changed(r, "names")
        if not lost and not gained:
            return None
        old, new = _say_names(self.a, r.a_toks, lost), _say_names(self.b, r.b_toks, gained)
        if old and new and difflib.SequenceMatcher(None, old.lower(), new.lower()).ratio() >= 0.8:
            return None  # a name's spelling mended (`Rakabubing` -> `Rakabuming`)
        if old and new and (_same_name(old, new) or _same_name(self.a.words(r.a_toks), self.b.words(r.b_toks))):
            return None  # a name given in full or shortened (`Susi` -> `Susi Pudjiastuti`, `BJ` -> `Bacharuddin Jusuf`)
        in_slot = self.speaker_slot(self.a, r.a_toks, lost) or self.speaker_slot(self.b, r.b_toks, gained)
        if in_slot and ((lost and gained) or self.pronoun_meant_another(r, lost, gained)):
            if not (lost and gained):
                self.doubts[id(r)] = "pronoun"  # rests on whom the pronoun was read to mean
            return "speaker-swap", f"{old or 'pronoun'} -> {new or 'pronoun'}"
        if _names_something(lost, self.lex) and _names_something(gained, self.lex):
            return "entity-swap", f"{old} -> {new}"
        return None

    def speaker_slot(self, t: _Text, toks: list[int], keys: Counter) -> bool:
        """Whether a changed name stands where a quote's speaker is named.

        A name inside a quote's attribution but outside its speaker's name (`kata Ketua BEM
        Undip, Aufa`) describes the speaker and is none; where no quote was found, a name right
        after a speech verb is taken for the speaker."""
        name_toks = [i for i in toks if i in t.names and t.names[i][0] in keys]
        describes = False
        for q in t.quotes:
            if q.speaker_span is None:
                continue
            lo, hi = q.speaker_span
            if q.cue:
                lo, hi = min(lo, q.cue[0]), max(hi, q.cue[1])
            for s, e in (t.spans[i] for i in name_toks):
                if q.speaker_span[0] <= s and e <= q.speaker_span[1]:
                    return True
                describes = describes or lo <= s < hi
        return not describes and any(self.after_speech_verb(t, i) for i in name_toks)

    def after_speech_verb(self, t: _Text, i: int) -> bool:
        """A name right after a speech verb (`kata Ar`), title and office words between."""
        k = i - 1
        while k >= 0 and (t.norms[k] in self.lex.roles or t.names.get(k, ("",))[0] == t.names[i][0]):
            k -= 1
        return k >= 0 and t.norms[k] in self.lex.speech

    def pronoun_meant_another(self, r: _Region, lost: Counter, gained: Counter) -> bool:
        """A pronoun speaker (`tegasnya`) named, or a name made a pronoun, when the pronoun meant someone else."""
        named = gained or lost
        other, toks, at = (self.a, r.a_toks, r.a_at) if gained else (self.b, r.b_toks, r.b_at)
        s = other.spans[toks[0]][0] if toks else other.side([], at).start
        e = other.spans[toks[-1]][1] if toks else s
        who = next((q.speaker for q in other.quotes
                    if q.cue is not None and q.speaker is not None and q.cue[0] <= e and s <= q.cue[1]), None)
        if who is None:
            return False
        said = {w.lower() for w in re.findall(r"\w+", who.name)}
        mine = set(named) | {w for k in named for w in re.findall(r"\w+", k)}
        return not (said & mine) and (who.kb_id is None or who.kb_id not in named)


def _scrape_gap(a: _Text, a_toks: list[int], b: _Text, b_toks: list[int]) -> bool:
    """A short phrase on one side where the other has only a comma: scraped pages lose the text
    of links this way (`di , ,` for `di Jawa Barat`), which is no edit of the report."""
    for x, xt, y, yt in ((a, a_toks, b, b_toks), (b, b_toks, a, a_toks)):
        marks = [x.norms[i] for i in xt]
        if marks and all(m == "," for m in marks) and 0 < _word_count(y, yt) <= 4:
            return True
    return False


def _count(t: _Text, toks: list[int], what: str) -> Counter:
    """One measure over some tokens of a text (see `_Judge.total`)."""
    if what == "words":
        return Counter(t.norms[i] for i in toks if t.is_word[i])
    if what == "negations":  # how many, not which: `tidak` -> `tak` changes nothing
        n = sum(1 for i in toks if t.marks[0][i])
        return Counter({"negation": n}) if n else Counter()
    if what == "aspect":
        return Counter(c for i in toks if (c := t.marks[1][i]))
    if what == "numbers":
        return Counter(t.numbers[k][1] for k in {t.number_of[i] for i in toks if i in t.number_of})
    if what == "dates":
        kept = set(toks)
        return Counter(v for rng, v, _ in t.times if rng and rng[0] in kept)
    if what == "names":  # once per mention
        return Counter(key for key, _ in {t.names[i] for i in toks if i in t.names})
    raise ValueError(what)


def _touched(items: list[tuple[range, str, str]], toks: list[int], at: int) -> list[int]:
    """Items whose tokens overlap the region, or touch its place when the region is empty there."""
    wanted = set(toks) if toks else {at - 1, at}
    return [k for k, (rng, _, _) in enumerate(items) if any(i in wanted for i in rng)]


def _names_something(keys: Counter, lex: _Lexicon) -> bool:
    """Whether any key names something: a KB entity, or words beyond office and role words."""
    return any(":" in k or any(w not in lex.roles for w in k.split()) for k in keys)


def _say(t: _Text, toks: list[int], words: frozenset[str]) -> str:
    return " ".join(t.norms[i] for i in toks if t.norms[i] in words)


def _say_names(t: _Text, toks: list[int], keys: Counter) -> str:
    return t.words([i for i in toks if i in t.names and t.names[i][0] in keys])


def _clip(s: str, n: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[: n - 1] + "…"


# --- the entry point -----------------------------------------------------------------------------------


def as_siblings(found: list[Distortion]) -> list[Distortion]:
    """Differences between two rewrites of one common source: neither is the original, so none
    is a distortion of the other; each stays a place to look (doubt `siblings`)."""
    return [replace(d, band="doubt", doubt="siblings", confidence=distortion_confidence(d.kind, 0, "siblings"))
            for d in found]


def find_distortions(original: str, copy: str, lang: str = "id", original_date: dt.date | None = None,
                     copy_date: dt.date | None = None, original_analysis: dict | None = None,
                     copy_analysis: dict | None = None, same_publisher: bool = False) -> list[Distortion]:
    """Every distortion of `copy` against `original` (the copy derives from it), in the original's order.

    Spans are character offsets into the two strings as given. Meaning-preserving rewording
    yields nothing; the module docstring says what counts. The publication dates, when known,
    anchor each text's relative dates (`hari ini` in a copy is the copy's day); otherwise both
    read against the original's own date. The analyses, when given (the `entities`, `times` and
    `quotes` of each text's analysis record), are used instead of finding names, dates and quotes again.
    `same_publisher`: both come from one outlet, whose later version of its own report changes
    figures and days because things moved on (a score, a rate, a toll), not to distort them.
    """
    if original == copy or not original.strip() or not copy.strip():
        return []
    own = _anchor(original, lang)
    a = _with_analysis(original, lang, original_date or own, original_analysis)
    b = _with_analysis(copy, lang, copy_date or original_date or own, copy_analysis)
    diff = _Diff(a, b)
    if not diff.regions:
        return []
    judge = _Judge(diff)
    found = []
    for r in diff.regions:
        verdict = judge.judge(r)
        if verdict is None:
            continue
        size = max(_word_count(a, r.a_toks), _word_count(b, r.b_toks))
        if size > (MAX_LOCAL_WORDS if verdict[0] in _LOCAL_KINDS else MAX_CLAUSE_WORDS):
            continue  # a passage exchanged, not a word flipped: rewriting
        found.append((r, *verdict))
    merged = _merge(found, judge)
    kinds = Counter(m[0] for m in merged)
    moved = sum(judge.figures.get(id(r), 0) for r, _, _ in found)  # figures of the regions kept, not the rewrites
    refilled = kinds["date-change"] >= 1 and moved >= 2 or moved >= 3
    out = []
    for kind, ra, ra_at, rb, rb_at, note, doubt in merged:
        doubt = doubt or ("refilled" if refilled and kind in ("date-change", "number-change") else None)
        doubt = doubt or ("re-version" if same_publisher and kind in _UPDATE_KINDS else None)
        words = max(_word_count(a, ra), _word_count(b, rb))
        out.append(Distortion(kind, a.side(ra, ra_at), b.side(rb, rb_at), note, band_of(kind, words, doubt), doubt,
                              distortion_confidence(kind, words, doubt)))
    return out


def _within(days: set[str], known: set[str]) -> bool:
    """Whether every one of `days` is named by `known` or lies inside a week it names (`pekan depan`)."""
    return bool(days) and all(any(d == k or _in_week(d, k) for k in known) for d in days)


def _in_week(day: str, week: str) -> bool:
    """`2019-09-24` lies in ISO week `2019-W39`."""
    if "-W" not in week or len(day) != 10:
        return False
    try:
        y, w, _ = dt.date.fromisoformat(day).isocalendar()
    except ValueError:
        return False
    return week.startswith(f"{y}-W{w:02d}")


def _misspelt(lost: list[str], gained: list[str]) -> bool:
    """One word for one, a letter or two apart: a typo in the copy (`bukanlah` -> `bukalah`)."""
    if len(lost) != 1 or len(gained) != 1:
        return False
    x, y = lost[0], gained[0]
    return min(len(x), len(y)) >= 5 and difflib.SequenceMatcher(None, x, y).ratio() >= 0.85


def _norm(token: str) -> str:
    """A token as the diff compares it: lower case, one form of each quote mark, no apostrophe
    inside a word (`Jum'at` = `Jumat`, `Ma'ruf` = `Maruf`)."""
    t = token.lower().translate(_SAME_MARKS)
    return t.replace("'", "") if len(t) > 2 and t[0].isalpha() and "'" in t else t


def _digits(said: str) -> str:
    return "".join(ch for ch in said if ch.isdigit())


def _shape(said: str) -> str:
    """A figure as written, each run of separators one mark: `184,430,400` and `184.430.400` are
    one shape, `2,5` and `25` (a decimal moved) or `1,5 juta` and `1,5 miliar` (a scale) are not."""
    return re.sub(r"[.,\s]+", "|", said.strip().lower())


def _scaled(old: set[float], new: set[float]) -> bool:
    """One figure for one, a thousand, a million or a billion times the other: a scale word dropped or added."""
    if len(old) != 1 or len(new) != 1:
        return False
    x, y = sorted(abs(v) for v in (next(iter(old)), next(iter(new))))
    return x > 0 and any(abs(y / x - k) < 1e-9 * k for k in (1e3, 1e6, 1e9))


def _distinctive(values: set[float]) -> bool:
    """Figures unlikely to recur by chance (`18,05`, `1.457.000`), unlike a score or a small count."""
    return bool(values) and all(v != int(v) or abs(v) >= 1000 for v in values)


def _rounded(old: set[float], new: set[float]) -> bool:
    """One figure for one, the less precise being the other rounded (`124.754.129` -> `124,75 juta`,
    `Rp 1,52 triliun` -> `Rp 1,5 triliun`); two figures of the same precision are two figures."""
    if len(old) != 1 or len(new) != 1:
        return False
    x, y = next(iter(old)), next(iter(new))
    if x == 0 or y == 0:
        return False
    (coarse, digits), (fine, more) = sorted(((v, _significant(v)) for v in (x, y)), key=lambda p: p[1])
    if digits == more or float(f"{fine:.{digits}g}") != float(f"{coarse:.{digits}g}"):
        return False
    # a figure of one significant digit rounds much (`20` for `24`): only when they are close (`hampir 100`, `98`)
    return digits >= 2 or abs(x - y) <= 0.05 * max(abs(x), abs(y))


def _significant(value: float) -> int:
    """Significant digits of a figure as written (`124750000` has five, `1.5` two)."""
    if value == int(value):
        return len(str(int(abs(value))).rstrip("0")) or 1
    return len(f"{abs(value):.10g}".replace(".", "").lstrip("0"))


def _same_name(old: str, new: str) -> bool:
    """Whether one name is the other shortened: its words a part of the other's, its initials,
    or a clipped word (`Prov` for `Provinsi`)."""
    a = [w for w in re.findall(r"[^\W\d_]+", old.lower())]
    b = [w for w in re.findall(r"[^\W\d_]+", new.lower())]
    if not a or not b:
        return False
    short, full = (a, b) if len(a) <= len(b) else (b, a)
    if set(short) <= set(full):
        return True
    initials = "".join(w[0] for w in full)
    if len(short) == 1 and len(short[0]) >= 2 and short[0] in initials:
        return True
    if all(w in full or _syllable_abbreviation(w, full) for w in short) and any(w not in full for w in short):
        return True  # `Pemkab Bogor` for `Pemerintah Kabupaten Bogor`
    return all(any(f.startswith(w) for f in full) for w in short if len(w) >= 3) and all(len(w) >= 3 for w in short)


def _syllable_abbreviation(short: str, full: list[str]) -> bool:
    """`pemkab` for `pemerintah kabupaten`, `wika` for `wijaya karya`: the heads of consecutive
    words (two letters or more each, joining words skipped) spell the short word."""
    words = [w for w in full if len(w) > 2]
    for start in range(len(words)):
        rest, k = short, start
        while rest and k < len(words):
            head = next((n for n in range(min(len(words[k]), len(rest)), 1, -1) if words[k].startswith(rest[:n])), 0)
            if not head:
                break
            rest, k = rest[head:], k + 1
        if not rest and k - start >= 2:
            return True
    return False


def _word_count(t: _Text, toks: list[int]) -> int:
    return sum(t.is_word[i] for i in toks)


def _with_analysis(text: str, lang: str, anchor: dt.date | None, analysis: dict | None) -> _Text:
    if analysis is None:
        return _analysed(text, lang, anchor)
    t = _Text(text, lang)
    t.anchor = anchor
    t.use_analysis(analysis)
    return t


def _quote(q: dict) -> Quote:
    """A quote of an analysis record, as the extractor made it."""
    who = q.get("speaker")
    return Quote(q.get("text") or "", q["start"], q["end"], q.get("kind") or "direct",
                 EntityRef(who["name"], who.get("type") or "", who.get("country"), who.get("kb_id")) if who else None,
                 tuple(q["speaker_span"]) if q.get("speaker_span") else None,
                 tuple(q["cue"]) if q.get("cue") else None, q.get("via"), q.get("confidence", 1.0))


@lru_cache(maxsize=128)
def _analysed(text: str, lang: str, anchor: dt.date | None) -> _Text:
    """One text as the judge reads it, kept for the next pair: `compare`, `trace` and the scorers
    meet one original with each of its copies in turn, and names, quotes and dates are the
    costly part. (The linker passes the stored analyses instead.)"""
    t = _Text(text, lang)
    t.anchor = anchor
    return t


@lru_cache(maxsize=128)
def _anchor(text: str, lang: str) -> dt.date | None:
    """The original's own date (its dateline, else its first full date), so both texts read `kemarin` alike."""
    found = infer_published(text, lang)
    if found is None:
        found = next((t for t in extract_times(text, None, lang=lang) if len(t.value) == 10), None)
    return dt.date.fromisoformat(found.value) if found is not None else None


def _merge(found: list[tuple[_Region, str, str]], judge: _Judge) -> list[tuple[str, list[int], int, list[int], int, str, str | None]]:
    """One distortion per change: neighbouring regions of one kind and group (or one quote's cuts) join.
    A merged change keeps the first doubt of its parts."""
    out: list[tuple[str, list[int], int, list[int], int, str, str | None]] = []
    last: tuple[_Region, str, Quote | None] | None = None
    for r, kind, note in found:
        quote = judge.quote_at(r) if kind == "quote-cut" else None
        if last is not None and last[1] == kind and last[0].group == r.group and (
                (kind == "quote-cut" and quote is last[2]) or kind == "temporal-flip"
                or _words_between(judge.a, last[0], r) <= 3):
            _, ra, ra_at, rb, rb_at, n, doubt = out[-1]
            ra, rb = ra + r.a_toks, rb + r.b_toks
            n = judge.aspect_note(ra, rb) if kind == "temporal-flip" else n if note == n else f"{n}; {note}"
            out[-1] = (kind, ra, ra_at, rb, rb_at, n, doubt or judge.doubts.get(id(r)))
        else:
            out.append((kind, list(r.a_toks), r.a_at, list(r.b_toks), r.b_at, note, judge.doubts.get(id(r))))
        last = (r, kind, quote)
    return out


def _words_between(a: _Text, left: _Region, right: _Region) -> int:
    end = left.a_toks[-1] + 1 if left.a_toks else left.a_at
    start = right.a_toks[0] if right.a_toks else right.a_at
    return sum(a.is_word[end:start])
