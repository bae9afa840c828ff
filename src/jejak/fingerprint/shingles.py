"""Normalised word shingles, hashed to stable 64-bit integers.

Copies differ in case, punctuation, spacing and inserted furniture, so the text is reduced to
lower-case word tokens before it is cut into overlapping n-word shingles. Hashes must be the
same in every process and on every machine (signatures are stored and compared later), so words
are hashed with CRC-32 rather than Python's salted `hash`, and the shingle hash is a fixed
polynomial over its word hashes computed with NumPy.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

#: Words as copies keep them: letters and digits, with inner dots and commas of numbers kept.
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+|\d+", re.UNICODE)

#: Odd multipliers for the word positions of a shingle (fixed, so hashes are stable).
_POSITION_KEYS = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93,
     0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB, 0xBF58476D1CE4E5B9],
    dtype=np.uint64)

_word_cache: dict[str, int] = {}
_CACHE_LIMIT = 2_000_000


def words(text: str) -> list[str]:
    """Lower-cased word tokens of a text, punctuation dropped."""
    return _WORD.findall(text.lower())


def word_hashes(tokens: list[str]) -> np.ndarray:
    """Stable 32-bit hashes of words (cached: news vocabulary repeats)."""
    cache = _word_cache
    if len(cache) > _CACHE_LIMIT:
        cache.clear()
    get = cache.get
    hashes = [get(w) for w in tokens]
    if None in hashes:
        for i, h in enumerate(hashes):
            if h is None:
                w = tokens[i]
                hashes[i] = cache[w] = zlib.crc32(w.encode("utf-8"))
    return np.array(hashes, dtype=np.uint64)


def shingle_hashes(text: str, n: int = 5) -> np.ndarray:
    """Distinct 64-bit hashes of the text's n-word shingles.

    A text shorter than n words is one shingle of all its words; an empty text has none.
    """
    if not 1 <= n <= len(_POSITION_KEYS):
        raise ValueError(f"shingle size must be 1..{len(_POSITION_KEYS)}, not {n}")
    hashed = word_hashes(words(text))
    return shingles_of_word_hashes(hashed, n)


def shingles_of_word_hashes(hashed: np.ndarray, n: int = 5) -> np.ndarray:
    """Combine consecutive word hashes into distinct shingle hashes."""
    if hashed.size == 0:
        return hashed
    n_eff = min(n, hashed.size)
    count = hashed.size - n_eff + 1
    with np.errstate(over="ignore"):
        acc = np.zeros(count, dtype=np.uint64)
        for k in range(n_eff):
            acc += hashed[k:k + count] * _POSITION_KEYS[k]
        acc ^= acc >> np.uint64(29)
    return np.unique(acc)
