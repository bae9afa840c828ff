"""Tell Indonesian from English from everything else, in microseconds.

News text in a known pair of languages does not need a neural model: function words
(`yang`, `dan`, `di` / `the`, `of`, `and`) make up a quarter to a half of every running
text, and almost none of them are shared between the two. We count what share of the first
~2,000 characters' words is on each list (one regex `findall`, then C-level set lookups).
A text where neither share reaches what real prose of that language shows (Spanish, German,
Tagalog, Javanese...) is "other". The lists are data: `lang/<code>/stopwords.tsv`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jejak.lang import load_table, load_words

__all__ = ["identify", "LANGS"]

LANGS: tuple[str, ...] = ("id", "en")
SAMPLE_CHARS = 2000

# The share of a language's function words below which a text is not that language, and
# the share typical of real prose (confidence saturates there). Measured on the first 2,000
# characters of 1,000 Detik bodies and 2,225 BBC stories: Indonesian news runs 0.09-0.45
# (sports and celebrity briefs full of names sit lowest), English 0.17-0.60; the Spanish,
# German, French, Dutch, Italian, Portuguese, Tagalog and Javanese fixtures stay under 0.09.
_FLOOR = {"id": 0.07, "en": 0.12}
_TYPICAL = {"id": 0.22, "en": 0.35}
# A real text also uses several different function words; a foreign text that happens to
# repeat one look-alike (Italian "di", Dutch "dan") does not.
_MIN_TYPES = 2
_MIN_WORDS = 3  # fewer Latin-script words than this: "other" (confident only if another script)

# ASCII letters only: fast, and a text in another script (Arabic verses, Cyrillic, Chinese)
# yields no words, so it neither helps nor dilutes the Latin-script prose around it.
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=None)
def _stopwords(lang: str) -> frozenset[str]:
    """The language's function words (`lang/<lang>/stopwords.tsv`), lower-cased."""
    return frozenset(w.lower() for w in load_words(lang, "stopwords"))


def _counts(text: str) -> tuple[int, dict[str, float], dict[str, int], dict[str, int]]:
    """Word count, share of each language's function words, how many distinct ones, and how
    many words have the language's typical shape."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    n = len(words)
    shares: dict[str, float] = {}
    types: dict[str, int] = {}
    shaped_by: dict[str, int] = {}
    for lang in LANGS:
        sw = _stopwords(lang)
        hits = sum(map(sw.__contains__, words))
        shaped = _count_shaped(lang, words, sw) if _shapes(lang) else 0
        shares[lang] = (hits + 0.5 * shaped) / n if n else 0.0
        types[lang] = len(sw.intersection(words)) + min(shaped, 1)
        shaped_by[lang] = shaped
    return n, shares, types, shaped_by


_SHAPED: dict[str, tuple[set[str], set[str]]] = {}  # lang -> (words of its shape, words looked at)
_SHAPE_MEMO = 200_000


def _count_shaped(lang: str, words: list[str], stopwords: frozenset[str]) -> int:
    """How many of the words (function words aside) have the language's typical shape. Each new
    word is matched once and remembered, so an article costs set look-ups, not a regular-expression
    match per word (news repeats its words)."""
    shaped, seen = _SHAPED.setdefault(lang, (set(), set()))
    new = set(words) - seen
    if new:
        shape = _shapes(lang)
        if len(seen) >= _SHAPE_MEMO:  # a bounded memo: a crawl meets endless new words; match those as they come
            return sum(1 for w in words if w in shaped or (w in new and w not in stopwords and shape.fullmatch(w)))
        shaped.update(w for w in new if w not in stopwords and shape.fullmatch(w))  # type: ignore[union-attr]
        seen |= new  # after `shaped`: a word another thread finds seen is already counted right
    return sum(map(shaped.__contains__, words))


@lru_cache(maxsize=None)
def _shapes(lang: str) -> re.Pattern[str] | None:
    """Word shapes typical of a language (`lang/<lang>/langid_patterns.tsv`), as one pattern."""
    rows = load_table(lang, "langid_patterns", missing_ok=True)
    return re.compile("|".join(f"(?:{r['pattern']})" for r in rows)) if rows else None


#: A short text (a headline, one sentence) has too few function words to count: below this many
#: words, the share of each language's own news vocabulary decides when function words do not
#: (`lang/id/common_words.tsv` and `lang/en/news_words.tsv` beside the function words).
_SHORT = 20
_SHORT_SHARE = 0.25  # the winner's share of words only its vocabulary holds, in a short text
_SHORT_LEAD = 0.2  # ... and its lead over the other language
_ONE_WORD_SHARE = 0.33  # a single telling word decides only a headline of three words or fewer


@lru_cache(maxsize=None)
def _vocabulary(lang: str) -> frozenset[str]:
    words = set(_stopwords(lang))
    for name in ("common_words", "news_words"):
        words |= {w.lower() for w in load_words(lang, name) if w.isalpha()} if _has(lang, name) else set()
    return frozenset(words)


@lru_cache(maxsize=None)
def _own_vocabulary(lang: str) -> frozenset[str]:
    """The words of a language's vocabulary that the other language's does not hold (Indonesian
    news writes `online`, `to` and `data` too: such words tell nothing)."""
    others = frozenset().union(*(_vocabulary(other) for other in LANGS if other != lang))
    return _vocabulary(lang) - others


def _has(lang: str, name: str) -> bool:
    return bool(load_table(lang, name, missing_ok=True))


def _short_text(text: str) -> tuple[str, float] | None:
    """The language of a short text by its vocabulary, or None when neither leads clearly."""
    words = _WORD.findall(text[:SAMPLE_CHARS].lower())
    if not words or len(words) >= _SHORT:
        return None
    hits = {lang: sum(map(_own_vocabulary(lang).__contains__, words)) for lang in LANGS}
    shares = {lang: hits[lang] / len(words) for lang in LANGS}
    best = max(LANGS, key=shares.__getitem__)
    second = max(shares[lang] for lang in LANGS if lang != best)
    if shares[best] < _SHORT_SHARE or shares[best] - second < _SHORT_LEAD:
        return None
    if hits[best] < 2 and shares[best] < _ONE_WORD_SHARE:
        return None  # `Der Bundestag hat entschieden`: one look-alike word in four is no evidence
    size = len(words) / (len(words) + 10.0)
    return best, round((shares[best] - second) * size, 3)


#: In a short text, how common its words are in each language decides (`data/word_frequencies.tsv`,
#: the 10,000 most frequent words of Indonesian, English and six other Latin-script languages):
#: the language whose words they are, on average, wins. A word a language's list lacks counts as
#: rare there. Below this lead (in Zipf points, averaged over the words) nothing is decided.
_FREQ_FLOOR = 1.0
_FREQ_LEAD = 0.3
_FREQ_TYPICAL_LEAD = 2.0  # a lead at which a short text's language is as sure as its length allows
_SURE_SHORT = 0.2  # function words this sure of a short text's language are not overruled
_ANY_LETTERS = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, dict[str, float]]:
    """language -> word -> Zipf frequency; empty when the table is not installed."""
    from jejak.datafiles import read_data

    text = read_data("word_frequencies.tsv", missing_ok=True)
    if text is None:
        return {}
    table: dict[str, dict[str, float]] = {}
    for line in text.splitlines():
        if line.startswith("#") or line.startswith("lang\t"):  # comments and the header
            continue
        lang, word, zipf = line.split("\t")
        table.setdefault(lang, {})[word] = float(zipf)
    return table


def _by_frequencies(text: str) -> tuple[str, float] | None:
    """The language of a short text by how common its words are in each language: Indonesian,
    English, or "other" when another language's words they are; None when nothing leads."""
    table = _frequencies()
    words = _ANY_LETTERS.findall(text[:SAMPLE_CHARS].lower())
    if not table or len(words) < _MIN_WORDS:
        return None  # `Jakarta`, `Barack Obama`: names alone say nothing
    score = {lang: sum(freq.get(w, _FREQ_FLOOR) for w in words) / len(words) for lang, freq in table.items()}
    best = max(score, key=score.__getitem__)
    lead = score[best] - max(v for lang, v in score.items() if lang != best)
    if lead < _FREQ_LEAD or sum(w in table[best] for w in words) * 2 < len(words):
        return None  # or most words are none of its list's (Javanese, Sundanese): no language of the table
    size = len(words) / (len(words) + 10.0)
    sure = round(min(1.0, lead / _FREQ_TYPICAL_LEAD) * size, 3)
    return (best if best in LANGS else "other"), sure


def identify(text: str) -> tuple[str, float]:
    """Return ("id" | "en" | "other", confidence in [0, 1]) for a text.

    Confidence grows with how typical the winning share is, how far it leads the other
    language, and how many words were seen; for "other" it says how clearly neither fits.
    """
    n, shares, types, shaped = _counts(text)
    if n < _SHORT:
        found = _found(text, n, shares, types, shaped)
        if found[0] != "other" and found[1] >= _SURE_SHORT:
            return found  # `Marvel Studios akhirnya mengonfirmasi ... di ...`: the function words decide
        by_use = _by_frequencies(text)  # a headline: how common its words are in each language
        if by_use is not None:
            return by_use
        if found[0] == "other":
            return _short_text(text) or found
        return found
    return _found(text, n, shares, types, shaped)


def _found(text: str, n: int, shares: dict[str, float], types: dict[str, int],
           shaped: dict[str, int]) -> tuple[str, float]:
    """The decision by function words (and the language's word shapes)."""
    if n < _MIN_WORDS:
        # No Latin-script prose: other script (Arabic, Cyrillic, CJK...) or next to no text.
        letters = sum(map(str.isalpha, text[:200]))
        return "other", (0.9 if letters >= 20 else 0.0)
    best = max(LANGS, key=shares.__getitem__)
    second = max((shares[lang] for lang in LANGS if lang != best), default=0.0)
    size = n / (n + 10.0)
    # a short text needs two function words, or one word shaped by the language's affixes
    min_types = _MIN_TYPES if n >= 20 else (1 if shaped[best] else 2)
    if shares[best] < _FLOOR[best] or types[best] < min_types:
        closeness = max(min(1.0, shares[lang] / _FLOOR[lang]) for lang in LANGS)
        return "other", round((1.0 - closeness) * size, 3)
    strength = min(1.0, shares[best] / _TYPICAL[best])
    margin = (shares[best] - second) / shares[best]
    return best, round(strength * margin * size, 3)
