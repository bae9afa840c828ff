"""MinHash signatures and LSH banding, vectorised with NumPy.

A signature keeps, for each of `num_perm` hash functions, the smallest hash of the article's
shingles; two signatures agree in a position with probability equal to the Jaccard similarity
of the shingle sets. LSH cuts the signature into `bands` bands of `rows` values and hashes each
band to one 64-bit bucket key, so that articles sharing any bucket become candidates: a pair
with Jaccard `s` is found with probability `1 - (1 - s**rows)**bands`.

The hash functions are multiply-shift hashes `(a * x + b) >> 32` over 64-bit shingle hashes
with `a` odd, drawn once from a fixed seed: signatures are the same in every process, so they
can be stored and compared with articles hashed years later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np

EMPTY = np.uint32(0xFFFFFFFF)  #: the signature value of an article without shingles
_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)
_CHUNK = 4_096  # shingles hashed at once: a 4 MB block, small enough for the CPU cache
MAX_BUCKET = 300  # a bucket shared by more articles is boilerplate (a standard footer), not a copy


@dataclass(frozen=True)
class LSHParams:
    """How signatures are made and banded; stored with the signatures so they match later.

    The default bands are wide (64 bands of 2 rows, threshold about 0.125) because two outlets
    rewriting one press release share as little as a tenth of their 5-word shingles (Jaccard):
    a pair at Jaccard 0.15 is still found 77% of the time. The relation rules then check
    every candidate on the full texts.
    """

    num_perm: int = 128
    bands: int = 64
    rows: int = 2
    shingle: int = 5
    seed: int = 1

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(f"{self.bands} bands x {self.rows} rows need more than {self.num_perm} permutations")
        if min(self.num_perm, self.bands, self.rows, self.shingle) < 1:
            raise ValueError("num_perm, bands, rows and shingle must be positive")

    @property
    def scheme(self) -> str:
        """A short name stored with each signature, so signatures made differently never mix."""
        return f"minhash{self.num_perm}-b{self.bands}r{self.rows}-w{self.shingle}-s{self.seed}"

    def threshold(self) -> float:
        """The Jaccard similarity at which a pair is found half of the time."""
        return float((1 / self.bands) ** (1 / self.rows))

    def recall_at(self, jaccard: float) -> float:
        """Probability that a pair with this Jaccard similarity shares a bucket."""
        return float(1 - (1 - jaccard ** self.rows) ** self.bands)


class MinHasher:
    """Computes MinHash signatures (uint32 arrays of length `num_perm`) from shingle hashes."""

    def __init__(self, params: LSHParams = LSHParams()) -> None:
        self.params = params
        rng = np.random.default_rng(params.seed)
        self._a = rng.integers(1, 2**63, size=params.num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        self._b = rng.integers(0, 2**63, size=params.num_perm, dtype=np.uint64)

    def signature(self, shingles: np.ndarray) -> np.ndarray:
        """One signature; all values EMPTY when there are no shingles."""
        out = np.full(self.params.num_perm, EMPTY, dtype=np.uint32)
        for start in range(0, shingles.size, _CHUNK):  # bounded memory for a book-length text
            part = shingles[start:start + _CHUNK]
            with np.errstate(over="ignore"):
                mixed = (part[:, None] * self._a[None, :] + self._b[None, :]) >> np.uint64(32)
            np.minimum(out, mixed.min(axis=0).astype(np.uint32), out=out)
        return out

    def signatures(self, shingle_sets: Sequence[np.ndarray]) -> np.ndarray:
        """Signatures of many articles, shape (len(shingle_sets), num_perm).

        One article at a time on purpose: an article's (shingles x permutations) block fits in
        the CPU cache, while one large block for many articles does not and runs five times slower.
        """
        out = np.full((len(shingle_sets), self.params.num_perm), EMPTY, dtype=np.uint32)
        for i, shingles in enumerate(shingle_sets):
            if shingles.size:
                out[i] = self.signature(shingles)
        return out


def estimate_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The share of positions where two signatures agree; 0 when either is empty."""
    if a[0] == EMPTY and (a == EMPTY).all() or b[0] == EMPTY and (b == EMPTY).all():
        return 0.0
    return float(np.mean(a == b))


def band_keys(signatures: np.ndarray, params: LSHParams) -> np.ndarray:
    """One 64-bit bucket key per band, shape (n, bands); the band number is mixed in so equal
    values in different bands do not share a bucket."""
    sig = np.atleast_2d(signatures).astype(np.uint64)
    n = sig.shape[0]
    used = sig[:, : params.bands * params.rows].reshape(n, params.bands, params.rows)
    with np.errstate(over="ignore"):
        keys = np.arange(1, params.bands + 1, dtype=np.uint64)[None, :] * _BAND_MIX
        for r in range(params.rows):
            keys = (keys ^ used[:, :, r]) * _BAND_MIX
            keys ^= keys >> np.uint64(31)
    return keys


def candidate_pairs(keys: np.ndarray, empty: np.ndarray | None = None,
                    max_bucket: int = MAX_BUCKET) -> Iterator[tuple[int, int]]:
    """Index pairs (i < j) that share at least one bucket, each pair once.

    Buckets larger than `max_bucket` are skipped: they hold boilerplate that hundreds of
    articles share (a standard footer), not copies, and would make the output quadratic.
    Rows flagged in `empty` (articles without shingles) never pair.
    """
    n, bands = keys.shape
    seen: set[tuple[int, int]] = set()
    valid = np.ones(n, dtype=bool) if empty is None else ~empty
    for band in range(bands):
        col = keys[valid, band]
        ids = np.flatnonzero(valid)
        order = np.argsort(col, kind="stable")
        col, ids = col[order], ids[order]
        if col.size < 2:
            continue
        breaks = np.flatnonzero(col[1:] != col[:-1]) + 1
        starts = np.concatenate(([0], breaks))
        ends = np.concatenate((breaks, [col.size]))
        for s, e in zip(starts[(ends - starts) > 1], ends[(ends - starts) > 1]):
            if e - s > max_bucket:
                continue
            members = sorted(ids[s:e].tolist())
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pair = (members[x], members[y])
                    if pair not in seen:
                        seen.add(pair)
                        yield pair


def empty_rows(signatures: np.ndarray) -> np.ndarray:
    """Which signatures belong to articles without shingles."""
    return (np.atleast_2d(signatures) == EMPTY).all(axis=1)
