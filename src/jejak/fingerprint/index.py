"""The rows that make an article findable as a copy: its signature, LSH buckets and facts.

They are computed once, when the article is stored, so that a new article is checked against
millions of stored ones by a bucket join in the database, without rehashing any of them.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy as np

from jejak.fingerprint.facts import facts_of_record
from jejak.fingerprint.minhash import LSHParams, MinHasher, band_keys, empty_rows
from jejak.fingerprint.shingles import shingle_hashes

DEFAULT_PARAMS = LSHParams()


@lru_cache(maxsize=4)
def hasher(params: LSHParams = DEFAULT_PARAMS) -> MinHasher:
    """One MinHasher per parameter set (drawing its hash functions costs a little)."""
    return MinHasher(params)


def signature_of(text: str, params: LSHParams = DEFAULT_PARAMS) -> np.ndarray:
    """The MinHash signature of a text's word shingles."""
    return hasher(params).signature(shingle_hashes(text, params.shingle))


def bucket_rows(article_id: str, signature: np.ndarray,
                params: LSHParams = DEFAULT_PARAMS) -> list[tuple[str, int, int]]:
    """(article_id, band, bucket) rows; none for an article without words."""
    if empty_rows(signature)[0]:
        return []
    keys = band_keys(signature, params)[0]
    return [(article_id, band, int(key)) for band, key in enumerate(keys.tolist())]


def index_rows(article_id: str, rec: dict[str, Any], params: LSHParams = DEFAULT_PARAMS) -> tuple[
        tuple[str, str], list[tuple[str, int, int]], list[tuple[str, str]]]:
    """The `signatures`, `lsh_buckets` and `facts` rows of one analysis record (the signature row
    says under which scheme the buckets were made; the buckets are what linking reads)."""
    sig = signature_of(rec.get("text") or "", params)
    facts = sorted(facts_of_record(rec))
    return ((article_id, params.scheme), bucket_rows(article_id, sig, params),
            [(article_id, f) for f in facts])
