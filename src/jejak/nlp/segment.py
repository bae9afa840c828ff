"""Sentences and tokens for Indonesian news text, as character offsets.

A period ends a sentence unless it closes an abbreviation (`dr.`, `Rp.`, `No.`, `H.`), an
initial (`M. Nasir`), or sits inside a number (`1.549`, `97,7`). A paragraph break always ends
one. Quote marks stay with the sentence they close (`..." kata dia.` is one sentence).
"""

from __future__ import annotations

import re
from functools import lru_cache

from jejak.lang import load_table, load_words
from jejak.nlp.letters import compile_latin, latin

# A candidate boundary: terminal punctuation, any closing quotes/brackets, then space.
_NEXT_START = compile_latin(r"\s*((?:''|[\"“‘«(\[])?)(\S)")  # `''` opens a quote in some papers' copy
_WORD_BEFORE = compile_latin(r"([A-Za-z][A-Za-z.]*)$")
_TOKEN = compile_latin(r"\d+(?:[.,]\d+)*%?|\w+(?:[-'’]\w+)*|[^\w\s]", re.UNICODE)


@lru_cache(maxsize=None)
def _abbreviations(lang: str) -> frozenset[str]:
    return frozenset(r["abbreviation"] for r in load_table(lang, "abbreviations", missing_ok=True))


@lru_cache(maxsize=None)
def _closing_abbreviations(lang: str) -> frozenset[str]:
    """Abbreviations that often end a sentence too (`at 3 p.m.`, `in the U.S.`: note `may end`)."""
    return frozenset(r["abbreviation"] for r in load_table(lang, "abbreviations", missing_ok=True)
                     if r.get("note") == "may end")


@lru_cache(maxsize=None)
def _openers(lang: str) -> frozenset[str]:
    """Capitalised function words that open a sentence (`The`, `He`, `In`): after an abbreviation
    that may end one, such a word starts the next."""
    return frozenset(w[:1].upper() + w[1:] for w in load_words(lang, "stopwords"))


def _is_abbreviation(text: str, dot: int, abbrevs: frozenset[str]) -> bool:
    """Whether the period at `dot` closes an abbreviation or an initial."""
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m:
        return False
    word = m.group(1)
    if word in abbrevs:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "M. Nasir", "Abdul H. Kadir"
        return True
    return False


_TERMINATORS = compile_latin(r"[.!?…]+")
_CLOSERS = compile_latin(r"[\"'”’»)\]]*")
_OPENING_CAPITAL = compile_latin(r"[“\"][A-Z]")
_CAPITAL_WORD = compile_latin(r"[A-Z][a-z]")


def _boundaries(text: str, start: int, end: int):
    """Candidate sentence ends in [start, end), as (start, end) pairs: a run of terminal
    punctuation (with any closing quotes or brackets) before a space, or before an opening quote
    and a capital, or a single mark between two lower-case letters and a capitalised word (a
    missing space). Found from the runs of punctuation alone, so the cost is in the marks, not in
    every character."""
    for run in _TERMINATORS.finditer(text, start, end):
        a, b = run.span()
        closers = _CLOSERS.match(text, b, end).end()
        if closers < end and text[closers].isspace():
            yield a, closers  # `...," kata dia. Lalu` / `selesai. Lalu`
        elif _OPENING_CAPITAL.match(text, b, end):
            yield a, b  # `selesai."Kami`
        elif b - a == 1 and text[a] in ".!?" and a - start >= 2 and text[a - 2:a].isalpha() \
                and text[a - 2:a].islower() and text[a - 2:a].isascii() and _CAPITAL_WORD.match(text, b, end):
            yield a, b  # `selesai.Kami`: a missing space


def sentences(text: str, lang: str = "id") -> list[tuple[int, int]]:
    """Sentence spans `(start, end)` over `text`, trimmed of surrounding space."""
    abbrevs = _abbreviations(lang)
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        p_start, p_end = para.span()
        start = p_start
        for m_start, end in _boundaries(text, p_start, p_end):
            punct = text[m_start]
            if punct == "." and end - m_start == 1 and _is_abbreviation(text, m_start, abbrevs) \
                    and not _ends_here(text, m_start, end, p_end, lang):
                continue
            if end < p_end and not text[end].isspace() and punct == "." and _is_abbreviation(text, m_start, abbrevs):
                continue
            nxt = _NEXT_START.match(text, end, p_end)
            if not nxt:
                continue
            first = nxt.group(2)
            if not (first.isupper() or first.isdigit() or nxt.group(1)):
                continue
            spans.append((start, end))
            start = nxt.start(1) if nxt.group(1) else nxt.start(2)
        if start < p_end:
            spans.append((start, p_end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _ends_here(text: str, dot: int, end: int, p_end: int, lang: str) -> bool:
    """An abbreviation that may end a sentence, followed by a sentence's opening word (`at 3 p.m.
    The police`): the sentence ends at its period."""
    closing = _closing_abbreviations(lang)
    if not closing:
        return False
    m = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not m or m.group(1) not in closing:
        return False
    nxt = re.match(latin(r"\s+([A-Z][a-z]*)\b"), text[end:p_end])
    return bool(nxt) and nxt.group(1) in _openers(lang)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Token spans: numbers with their separators, words with inner hyphens, single punctuation."""
    return [m.span() for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]
