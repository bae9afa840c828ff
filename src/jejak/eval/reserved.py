"""Rows of the shared corpora held out for independent evaluation: never read, tuned or trained on.

`../shared/eval/reserved.json` lists them by corpus (CLICK-ID article ids, Detik row ids). Every
loader of those corpora in this repository (evaluation, benchmarks, scoring and build tools)
drops them as it reads, before a row's text is used, so no figure, rule or shipped file can
come from them.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

__all__ = ["RESERVED", "reserved_ids"]

RESERVED = Path(__file__).resolve().parents[3].parent / "shared" / "eval" / "reserved.json"


@lru_cache(maxsize=8)
def reserved_ids(corpus: str, path: str | None = None) -> frozenset[str]:
    """The held-out row ids of one corpus (`id_news_clickid`, `id_news_detik1000`); empty when the
    list is absent (then the corpus is absent too)."""
    where = Path(path) if path else RESERVED
    if not where.is_file():
        return frozenset()
    return frozenset(str(x) for x in json.loads(where.read_text(encoding="utf-8")).get(corpus, []))
