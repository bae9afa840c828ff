"""Whether two reports tell the same event: a small learned judge over what the two share.

A story is one event, not one topic. Two articles on one day that name Jokowi and the KPK may
report one press conference or two different acts; shared names alone chain them (a prominent
person's day of separate events becomes one "story"). What readers go by is the event itself:
titles and leads that state the same act, the same rare words in the body, the same people
quoted (and the one quoted most), the same bodies, the same days and hours. The judge weighs those with a logistic model trained on our grouping of
real CLICK-ID days by reading (`eval/stories`, `tools/train_same_event.py`), and the story
builder joins reports whose probability clears the threshold chosen there.

Words are weighted by how rare they are in news (`lang/id/document_frequency.tsv`); a language
without that table weighs every word alike.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from jejak.datafiles import read_data
from jejak.lang import load_table, load_words

FEATURES = ("title_words", "title_weight", "lead_words", "cosine", "speakers", "days_differ", "same_outlet",
            "hours_apart", "main_speaker", "bodies")
PROFILE_WORDS = 60  # the weightiest words of a text: as telling as all of them, and a pair costs a fifth
_CONTENT_WORD = re.compile(r"[^\W\d_]{3,}")
_LEAD_SENTENCES = 2
_LEAD_CHARS = 400  # a text without sentence offsets: its first characters
_HOURS_CAP = 48.0  # hours apart beyond which a longer gap says nothing more


@lru_cache(maxsize=None)
def stopwords(lang: str) -> frozenset[str]:
    """The language's stopwords; none for a language without a pack."""
    return load_words(lang, "stopwords") if lang in ("id", "en") else frozenset()


def content_words(text: str, lang: str = "id") -> list[str]:
    """Lower-cased words of three letters or more that are not stopwords: what a report is about."""
    stop = stopwords(lang)
    return [w for w in _CONTENT_WORD.findall(text.lower()) if w not in stop]


@lru_cache(maxsize=None)
def _document_frequency(lang: str) -> tuple[int, dict[str, int]]:
    """(articles counted, word -> articles that use it) for a language; (0, {}) without a table."""
    rows = load_table(lang, "document_frequency", missing_ok=True)
    counts = {r["word"]: int(r["articles"]) for r in rows}
    return counts.pop("*", 0), counts


def word_weight(word: str, lang: str = "id") -> float:
    """Inverse document frequency: a word few articles use says more about which event this is."""
    total, counts = _document_frequency(lang)
    if not total:
        return 1.0
    return math.log((total + 1) / (counts.get(word, 0) + 1))


@dataclass(frozen=True)
class EventProfile:
    """What the judge reads of one article, built once per article."""

    title: dict[str, float]        # title content word -> its weight
    title_mass: float              # the title's words' weights summed
    lead: frozenset[str]
    vector: dict[str, float]       # its PROFILE_WORDS weightiest content words -> (1 + log count) x weight
    norm: float
    speakers: frozenset[str]       # quoted speakers' fact tokens
    days: frozenset[str]           # days the text names
    outlet: str | None
    bodies: frozenset[str] = frozenset()  # organisations named (`ent:org:` fact tokens)
    main_speaker: str | None = None       # the speaker quoted most often
    published_at: dt.datetime | None = None
    published: dt.date | None = None      # the day, where the moment has no clock time


def event_profile(text: str, title: str, sentences: list[tuple[int, int]], facts: frozenset[str],
                  outlet: str | None, lang: str = "id", main_speaker: str | None = None,
                  published_at: dt.datetime | None = None, published: dt.date | None = None) -> EventProfile:
    """The profile of one article from its text, title, sentence offsets, fact tokens, most
    quoted speaker and publication moment."""
    total, counts = _document_frequency(lang)
    ceiling = math.log(total + 1) if total else 0.0

    def weight(w: str) -> float:  # word_weight, inlined: a profile weighs a few hundred words
        return ceiling - math.log(counts.get(w, 0) + 1) if total else 1.0

    title_words = {w: weight(w) for w in content_words(title, lang)}
    bag = Counter(content_words(text, lang))
    bag.update(title_words.keys())
    vector = {w: (1.0 + math.log(n)) * weight(w) for w, n in bag.items()}
    if len(vector) > PROFILE_WORDS:
        vector = dict(sorted(vector.items(), key=lambda wv: (-wv[1], wv[0]))[:PROFILE_WORDS])
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    lead_end = sentences[min(len(sentences), _LEAD_SENTENCES) - 1][1] if sentences else _LEAD_CHARS
    return EventProfile(
        title=title_words, title_mass=sum(title_words.values()),
        lead=frozenset(content_words(text[:lead_end], lang)), vector=vector, norm=norm,
        speakers=frozenset(f for f in facts if f.startswith("spk:")),
        days=frozenset(f for f in facts if f.startswith("day:")),
        outlet=outlet.casefold() if outlet else None,
        bodies=frozenset(f for f in facts if f.startswith("ent:org:")),
        main_speaker=main_speaker, published_at=published_at,
        published=published_at.date() if published_at is not None else published)


def _jaccard(shared: int, a: int, b: int) -> float:
    return shared / (a + b - shared) if a and b else 0.0


def hours_apart(a: EventProfile, b: EventProfile) -> float | None:
    """Days between the two publication moments, capped at two: one event's reports mostly come
    within hours of each other, a follow-up a day or more later. Without both clock times, the days
    apart when the days differ; None (unknown: the judge counts it as the average gap it learnt)
    when both fall on one day or a day is missing."""
    if a.published_at is not None and b.published_at is not None:
        hours = abs((a.published_at - b.published_at).total_seconds()) / 3600.0
    elif a.published is not None and b.published is not None and a.published != b.published:
        hours = abs((a.published - b.published).days) * 24.0
    else:
        return None
    return min(hours, _HOURS_CAP) / 24.0


def pair_features(a: EventProfile, b: EventProfile) -> list[float | None]:
    """The judge's inputs for one pair, in the order of FEATURES (None: not known for this pair)."""
    shared_title = a.title.keys() & b.title.keys()
    title_mass = min(a.title_mass, b.title_mass)
    va, vb = a.vector, b.vector
    dot = math.fsum(va[w] * vb[w] for w in va.keys() & vb.keys())  # exact whatever the set's order
    return [
        _jaccard(len(shared_title), len(a.title), len(b.title)),
        sum(a.title[w] for w in shared_title) / title_mass if title_mass else 0.0,
        _jaccard(len(a.lead & b.lead), len(a.lead), len(b.lead)),
        dot / (a.norm * b.norm),
        math.log1p(len(a.speakers & b.speakers)),
        float(bool(a.days and b.days and not a.days & b.days)),
        float(a.outlet is not None and a.outlet == b.outlet),
        hours_apart(a, b),
        float(a.main_speaker is not None and a.main_speaker == b.main_speaker),
        _jaccard(len(a.bodies & b.bodies), len(a.bodies), len(b.bodies)),
    ]


@dataclass(frozen=True)
class Judge:
    """A logistic model over standardised features, with the threshold the story builder uses."""

    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, features: list[float | None]) -> float:
        """The probability of one event; an unknown input counts as its training mean (neither way)."""
        z = self.bias + sum(w * (x - m) / s for x, m, s, w in zip(features, self.means, self.scales, self.weights)
                            if x is not None)
        if z < -40:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


MODEL = "same_event.tsv"


def parse_judge(text: str) -> Judge:
    """Read the model table (`feature, mean, scale, weight` rows, then `bias` and `threshold`)."""
    rows: dict[str, list[str]] = {}
    header: list[str] | None = None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows[cells[0]] = cells[1:]
    missing = [f for f in (*FEATURES, "bias", "threshold") if f not in rows]
    if missing:
        raise ValueError(f"the same-event model lacks {', '.join(missing)}; rebuild it with tools/train_same_event.py")
    return Judge(means=tuple(float(rows[f][0]) for f in FEATURES), scales=tuple(float(rows[f][1]) for f in FEATURES),
                 weights=tuple(float(rows[f][2]) for f in FEATURES), bias=float(rows["bias"][2]),
                 threshold=float(rows["threshold"][2]))


@lru_cache(maxsize=1)
def shipped_judge() -> Judge:
    """The judge shipped in the package (`jejak/data/same_event.tsv`)."""
    return parse_judge(read_data(MODEL))


def same_event_probability(a: EventProfile, b: EventProfile, judge: Judge | None = None) -> float:
    """How likely two reports tell the same event, by the shipped judge (or the one given)."""
    return (judge or shipped_judge()).probability(pair_features(a, b))
