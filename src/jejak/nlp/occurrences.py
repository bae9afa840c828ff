"""Where words stand whole in a text, at a cost linear in its length.

A few words in a short article are found fastest with `str.find`; many words in a long document
(a 3 MB text holds hundreds of distinct event words and acronyms) would each read the whole
text. There one pass over the text's words answers for all of them. Both ways give the same
starts, in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

#: Above this many characters times words, one pass over the text's words is cheaper than a find per word.
ONE_PASS_FROM = 200_000


@lru_cache(maxsize=4)
def _runs(joiners: str) -> re.Pattern[str]:
    """Maximal runs of letters, digits and `joiners`: the only places a word of them stands whole."""
    return re.compile(f"(?:[^\\W_]{''.join('|' + re.escape(j) for j in joiners)})+")


def find_all(text: str, needle: str) -> list[int]:
    """Every offset of a plain string in the text, overlapping ones too (str.find is far cheaper
    than a pattern)."""
    found, at = [], text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _stands_whole(text: str, at: int, end: int, joiners: str) -> bool:
    before = text[at - 1] if at else ""
    after = text[end] if end < len(text) else ""
    return not (before and (before.isalnum() or before in joiners)) and not (after and (after.isalnum() or after in joiners))


def _by_find(text: str, word: str, joiners: str) -> list[int]:
    out, at = [], text.find(word)
    while at >= 0:
        end = at + len(word)
        if _stands_whole(text, at, end, joiners):
            out.append(at)
        at = text.find(word, end)
    return out


def whole_starts(text: str, words: Iterable[str], joiners: str = "") -> dict[str, list[int]]:
    """For each word, the starts where it stands whole: no letter or digit, nor one of `joiners`
    (`-` for names: `KPK-nya` is no mention of KPK), right before or after it."""
    words = [w for w in dict.fromkeys(words) if w]
    out: dict[str, list[int]] = {w: [] for w in words}
    if len(text) * len(words) <= ONE_PASS_FROM:
        for w in words:
            out[w] = _by_find(text, w, joiners)
        return out
    pattern = _runs(joiners)
    # a word that is itself one run, starting and ending with a letter or digit, is found by the pass
    runs = {w for w in words if pattern.fullmatch(w) and w[0].isalnum() and w[-1].isalnum()}
    for m in pattern.finditer(text):
        if m.group() in runs:
            out[m.group()].append(m.start())
    for w in words:
        if w not in runs:
            out[w] = _by_find(text, w, joiners)
    return out
